import * as assert from 'node:assert/strict';
import { NUMBER, rejectionOf, TRUNK, useFake, waitFor } from '../helpers';

const PROD = TRUNK.prod;
const { unassigned: FREE, onProd: ROUTED } = NUMBER;

describe('VobizClient retries', () => {
  const h = useFake();

  for (const status of [429, 502, 503, 504]) {
    it(`retries a GET answered ${status}, then succeeds`, async () => {
      h.fake.inject({ method: 'GET', times: 2, fault: { type: 'status', status, body: { error: 'busy' } } });
      const trunks = await h.client().listTrunks();
      assert.equal(trunks.length, 4);
      assert.equal(h.fake.requests.length, 3);
      assert.deepEqual(
        h.logs.map((r) => r.retry),
        [0, 1, 2],
      );
    });
  }

  it('retries a GET on a connection reset', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'reset' } });
    assert.equal((await h.client().listNumbers()).length, 12);
    assert.equal(h.fake.requests.length, 2);
  });

  it('retries a GET that timed out', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'hang' } });
    assert.equal((await h.client({ timeoutMs: 150 }).listTrunks()).length, 4);
    assert.equal(h.fake.requests.length, 2);
  });

  it('gives up after 3 retries (4 attempts in all)', async () => {
    h.fake.inject({ method: 'GET', times: 10, fault: { type: 'status', status: 503, body: { error: 'down' } } });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.equal(err.status, 503);
    assert.equal(h.fake.requests.length, 4);
  });

  it('does not retry a GET answered 400, 401, 404 or 500 (a list answered 404 tries the other path casing once: pathCasing.test)', async () => {
    for (const status of [400, 401, 404, 500]) {
      h.fake.clearRequests();
      h.fake.clearFaults();
      h.fake.inject({ method: 'GET', times: 2, fault: { type: 'status', status, body: { error: 'no' } } });
      await rejectionOf(() => h.client().listTrunks());
      const paths = h.fake.requests.map((r) => r.path);
      assert.equal(new Set(paths).size, paths.length, `status ${status}: no request sent twice (${paths.join(', ')})`);
      assert.equal(paths.length, status === 404 ? 2 : 1, `status ${status}`);
    }
  });

  it('never retries a POST (assign) on a 5xx or a reset (a 429: test/unit/api/writeRetries)', async () => {
    for (const fault of [{ type: 'status', status: 503 }, { type: 'reset' }] as const) {
      h.fake.reset();
      h.fake.inject({ method: 'POST', fault });
      await rejectionOf(() => h.client().assignNumber(FREE, PROD));
      assert.equal(h.fake.requestsTo('POST').length, 1, fault.type);
    }
  });

  it('never retries a DELETE (unassign) on a 5xx or a reset (a 429: test/unit/api/writeRetries)', async () => {
    for (const fault of [{ type: 'status', status: 502 }, { type: 'reset' }] as const) {
      h.fake.reset();
      h.fake.inject({ method: 'DELETE', fault });
      await rejectionOf(() => h.client().unassignNumber(ROUTED));
      assert.equal(h.fake.requestsTo('DELETE').length, 1, fault.type);
    }
  });

  it('honours Retry-After in seconds', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'rate-limit', retryAfter: '1' } });
    await h.client().listTrunks();
    const [first, second] = h.fake.requests;
    assert.ok(second.time - first.time >= 950, `waited ${second.time - first.time} ms`);
  });

  it('honours Retry-After as an HTTP date', async () => {
    // An HTTP date has whole-second precision: the retry may go out at that second, not before.
    const at = new Date(Date.now() + 2000);
    at.setMilliseconds(0);
    h.fake.inject({ method: 'GET', fault: { type: 'rate-limit', retryAfter: at.toUTCString() } });
    await h.client().listTrunks();
    const [, second] = h.fake.requests;
    // (timers and the wall clock may differ by a millisecond or two)
    assert.ok(second.time >= at.getTime() - 5, `retried ${at.getTime() - second.time} ms before the date`);
  });

  it('honours details.retryAfter in the errors-page body', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'rate-limit', retryAfterInBody: 0.6 } });
    await h.client().listTrunks();
    const [first, second] = h.fake.requests;
    assert.ok(second.time - first.time >= 550, `waited ${second.time - first.time} ms`);
  });

  it('does not wait past its cap: a longer Retry-After fails at once and says when to retry', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'rate-limit', retryAfter: '120' } });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 120_000);
    assert.match(err.message, /Try again in 120 s/);
    assert.equal(h.fake.requests.length, 1);
  });

  it('an abort during the backoff wait stops the retries', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'rate-limit', retryAfter: '1' } });
    const ac = new AbortController();
    const pending = rejectionOf(() => h.client().listTrunks({ signal: ac.signal }));
    await waitFor(() => h.fake.requests.length > 0, 'the first request');
    ac.abort();
    assert.equal((await pending).kind, 'aborted');
    assert.equal(h.fake.requests.length, 1);
  });
});
