import * as assert from 'node:assert/strict';
import { VobizClient } from '../../../src/api';
import { freePort, NUMBER, rejectionOf, SANDBOX, TRUNK, useFake, waitFor } from '../helpers';

const PROD = TRUNK.prod;
const { unassigned: FREE, onProd: ROUTED } = NUMBER;

describe('VobizClient errors', () => {
  const h = useFake();

  it('401 on wrong credentials says to check Auth ID / Auth Token', async () => {
    const err = await rejectionOf(() => h.client({ authToken: 'wrong-token-value' }).whoAmI());
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 401);
    assert.match(err.message, /check Auth ID \/ Auth Token/);
  });

  const shapes: [string, unknown, RegExp][] = [
    ['{error, message}', { error: 'Number not found', message: 'No such number here.' }, /No such number here\./],
    [
      '{status, error:{code,message}}',
      { status: 'error', error: { code: 'INSUFFICIENT_BALANCE', message: 'Top up your balance.' }, requestId: 'req_1' },
      /Top up your balance\./,
    ],
    ['{error}', { error: 'invalid request' }, /invalid request/],
    ['{status, message}', { status: 'failed', message: 'Trunk is busy.' }, /Trunk is busy\./],
  ];
  for (const [name, body, expected] of shapes) {
    it(`reads the message of an error body shaped ${name}`, async () => {
      h.fake.inject({ method: 'GET', fault: { type: 'status', status: 409, body } });
      const err = await rejectionOf(() => h.client().listTrunks());
      assert.equal(err.status, 409);
      assert.match(err.message, expected);
    });
  }

  it('keeps requestId and the error code of the errors-page shape', async () => {
    h.fake.inject({
      method: 'POST',
      fault: {
        type: 'status',
        status: 402,
        body: { status: 'error', error: { code: 'INSUFFICIENT_BALANCE', message: 'Top up.' }, requestId: 'req_42' },
      },
    });
    const err = await rejectionOf(() => h.client().assignNumber(FREE, PROD));
    assert.equal(err.code, 'INSUFFICIENT_BALANCE');
    assert.equal(err.requestId, 'req_42');
  });

  it('reads a non-JSON 502 page (after the GET retries run out)', async () => {
    h.fake.inject({ method: 'GET', times: 4, fault: { type: 'html-502' } });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.equal(err.status, 502);
    assert.match(err.message, /502 Bad Gateway/);
    assert.equal(h.fake.requests.length, 4);
  });

  it('a connection refused is a network error that says the host', async () => {
    const port = await freePort();
    const client = new VobizClient({
      baseUrl: `http://127.0.0.1:${port}`,
      authId: SANDBOX.authId,
      authToken: SANDBOX.authToken,
      retry: { maxRetries: 0 },
    });
    const err = await rejectionOf(() => client.whoAmI());
    await client.close();
    assert.equal(err.kind, 'network');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}.*refused`));
  });

  it('a connection refused on a write is not an unknown outcome (nothing was sent)', async () => {
    const port = await freePort();
    const client = new VobizClient({ baseUrl: `http://127.0.0.1:${port}`, authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    const err = await rejectionOf(() => client.unassignNumber(ROUTED));
    await client.close();
    assert.equal(err.outcomeUnknown, false);
  });

  it('a hanging response times out with a clear message', async () => {
    h.fake.inject({ method: 'GET', times: 1, fault: { type: 'hang' } });
    const err = await rejectionOf(() => h.client({ timeoutMs: 200, retry: { maxRetries: 0 } }).listTrunks());
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer within 0\.2 s/);
  });

  it('a timed-out write says the outcome is unknown', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'hang' }, afterApply: true });
    const err = await rejectionOf(() => h.client({ timeoutMs: 200 }).assignNumber(FREE, PROD));
    assert.equal(err.kind, 'timeout');
    assert.equal(err.outcomeUnknown, true);
    assert.match(err.message, /may or may not have been applied/);
  });

  it('a reset write says the outcome is unknown', async () => {
    h.fake.inject({ method: 'DELETE', fault: { type: 'reset' } });
    const err = await rejectionOf(() => h.client().unassignNumber(ROUTED));
    assert.equal(err.kind, 'network');
    assert.equal(err.outcomeUnknown, true);
  });

  it('a 5xx on a write says the outcome is unknown; a 4xx does not', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'status', status: 500, body: { error: 'internal' } } });
    const e5 = await rejectionOf(() => h.client().assignNumber(FREE, PROD));
    assert.equal(e5.outcomeUnknown, true);
    const e4 = await rejectionOf(() => h.client().assignNumber(ROUTED, PROD));
    assert.equal(e4.outcomeUnknown, false);
  });

  it('an AbortSignal cancels a request in flight', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'hang' } });
    const ac = new AbortController();
    const pending = rejectionOf(() => h.client().listTrunks({ signal: ac.signal }));
    await waitFor(() => h.fake.requests.length === 1, 'the request to arrive');
    ac.abort();
    const err = await pending;
    assert.equal(err.kind, 'aborted');
    assert.equal(h.fake.requests.length, 1, 'an abort is not retried');
  });

  it('an already-aborted signal sends nothing', async () => {
    const err = await rejectionOf(() => h.client().whoAmI({ signal: AbortSignal.abort() }));
    assert.equal(err.kind, 'aborted');
    assert.equal(h.fake.requests.length, 0);
  });

  it('a 2xx answer that is not JSON is a bad-response error', async () => {
    h.fake.inject({
      method: 'GET',
      fault: { type: 'status', status: 200, body: '<html>login</html>', contentType: 'text/html' },
    });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /not JSON/);
  });
});
