import * as assert from 'node:assert/strict';
import { httpErrorMessage, parseErrorBody, redact } from '../../../src/api';

describe('error bodies (vobiz-api.md §4)', () => {
  it('shape 1: {error, message, api_id}', () => {
    const info = parseErrorBody(
      JSON.stringify({ api_id: 'a-1', error: 'Number not found', message: 'The phone number could not be found.' }),
    );
    assert.equal(info.message, 'The phone number could not be found.');
    assert.equal(info.code, 'Number not found');
    assert.equal(info.apiId, 'a-1');
  });

  it('shape 2: {status, error: {code, message, details}, requestId}', () => {
    const info = parseErrorBody(
      JSON.stringify({
        status: 'error',
        error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Slow down.', details: { retryAfter: 7 } },
        timestamp: 't',
        requestId: 'req_9',
      }),
    );
    assert.deepEqual(info, {
      message: 'Slow down.',
      code: 'RATE_LIMIT_EXCEEDED',
      requestId: 'req_9',
      apiId: undefined,
      retryAfterMs: 7000,
    });
  });

  it('shape 3: {error} alone', () => {
    assert.equal(parseErrorBody('{"error":"invalid request"}').message, 'invalid request');
  });

  it('shape 4: {status, message}', () => {
    assert.equal(parseErrorBody('{"status":"failed","message":"Insufficient balance"}').message, 'Insufficient balance');
  });

  it('shape 5: a non-JSON gateway page gives its title', () => {
    assert.equal(
      parseErrorBody('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>').message,
      '502 Bad Gateway',
    );
    assert.equal(parseErrorBody('upstream connect error').message, 'upstream connect error');
    assert.equal(parseErrorBody('').message, undefined);
  });

  it('keeps a long plain body short', () => {
    const msg = parseErrorBody('x'.repeat(5000)).message ?? '';
    assert.ok(msg.length <= 200);
  });

  it('401 tells to check Auth ID / Auth Token and the base URL', () => {
    const msg = httpErrorMessage(401, { message: 'Invalid credentials' });
    assert.match(msg, /check Auth ID \/ Auth Token/);
    assert.match(msg, /base URL/);
    assert.match(msg, /Invalid credentials/);
  });

  it('429 says when to try again', () => {
    assert.match(httpErrorMessage(429, { retryAfterMs: 2500 }), /Try again in 3 s/);
  });

  it('falls back to the status text when the body says nothing', () => {
    assert.equal(
      httpErrorMessage(404, {}),
      'Vobiz found nothing there (HTTP 404). Likely causes: an unknown number or path, a wrong path casing (/Account/ vs /account/), or a gateway that rewrites paths. Vobiz said: Not found.',
    );
    assert.match(httpErrorMessage(503, {}), /server problem \(HTTP 503\): Service unavailable/);
  });

  it('redact replaces every occurrence of a secret; an empty secret changes nothing', () => {
    assert.equal(redact('a tok-secret b tok-secret', ['tok-secret']), 'a *** b ***');
    assert.equal(redact('abc', ['']), 'abc');
  });
});
