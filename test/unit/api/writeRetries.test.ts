import * as assert from 'node:assert/strict';
import { RetryBudget, WRITE_RATE_LIMIT_RETRIES } from '../../../src/api/retry';
import { rejectionOf, waitFor } from '../helpers';
import { useHarness } from './fixtures';

const PROD = '7472756e-0000-4000-8000-000000000001';
const STAGING = '7472756e-0000-4000-8000-000000000002';
/** Unassigned in the sandbox seed. */
const FREE = ['+918041234568', '+911140001234', '+914440001111'];
/** Routed to PROD in the sandbox seed. */
const ROUTED = '+912271264217';

describe('writes and rate limits (against the fake)', () => {
  const h = useHarness();

  it('an assign answered 429 was not applied: it goes again after Retry-After and is done', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'rate-limit', retryAfter: '0' } });
    await h.client().assignNumber(FREE[0], PROD);
    assert.equal(h.fake.number(FREE[0])?.trunk_group_id, PROD);
    assert.deepEqual(
      h.fake.requestsTo('POST', '/assign').map((r) => r.status),
      [429, 204],
    );
  });

  it('an unassign answered 429 goes again too', async () => {
    h.fake.inject({ method: 'DELETE', path: '/assign', fault: { type: 'rate-limit', retryAfterInBody: 0 } });
    await h.client().unassignNumber(ROUTED);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
    assert.deepEqual(
      h.fake.requestsTo('DELETE', '/assign').map((r) => r.status),
      [429, 204],
    );
  });

  it('a bulk run under a rate limit completes', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', times: 4, fault: { type: 'rate-limit', retryAfter: '0' } });
    const client = h.client({ maxInFlight: 3 });
    await Promise.all(FREE.map((e164) => client.assignNumber(e164, STAGING)));
    for (const e164 of FREE) assert.equal(h.fake.number(e164)?.trunk_group_id, STAGING, e164);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, FREE.length + 4);
  });

  it(`a lasting rate limit: ${WRITE_RATE_LIMIT_RETRIES} retries, then the 429 error (not applied, not unknown)`, async () => {
    h.fake.inject({ method: 'POST', path: '/assign', times: Infinity, fault: { type: 'rate-limit', retryAfter: '0' } });
    const err = await rejectionOf(() => h.client().assignNumber(FREE[0], PROD));
    assert.equal(err.status, 429);
    assert.equal(err.outcomeUnknown, false);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, 1 + WRITE_RATE_LIMIT_RETRIES);
    assert.equal(h.fake.number(FREE[0])?.trunk_group_id, undefined);
  });

  it('a Retry-After longer than the longest wait fails at once with the 429 error, saying when to retry', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'rate-limit', retryAfter: '120' } });
    const err = await rejectionOf(() => h.client().assignNumber(FREE[0], PROD));
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 120_000);
    assert.match(err.message, /Try again in 120 s/);
    assert.equal(err.outcomeUnknown, false);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, 1);
  });

  it('after a 429, a 5xx on the retry is not retried and leaves the outcome unknown', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'rate-limit', retryAfter: '0' } });
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'status', status: 503, body: { error: 'unavailable' } } });
    const err = await rejectionOf(() => h.client().assignNumber(FREE[0], PROD));
    assert.equal(err.status, 503);
    assert.equal(err.outcomeUnknown, true);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, 2);
  });

  it('a write cancelled after it reached Vobiz: outcome unknown, with the same words as a timeout', async () => {
    const gate = h.fake.hold({ path: '/assign' });
    const ac = new AbortController();
    const pending = rejectionOf(() => h.client().assignNumber(FREE[0], PROD, { signal: ac.signal }));
    await gate.whenWaiting(1);
    ac.abort();
    const err = await pending;
    gate.open();
    assert.equal(err.kind, 'aborted');
    assert.equal(err.outcomeUnknown, true);
    assert.match(err.message, /may or may not have been applied/);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, 1, 'not retried');
  });

  it('a write cancelled while it waited for a request slot was not sent: outcome known', async () => {
    const client = h.client({ maxInFlight: 1 });
    const gate = h.fake.hold({ method: 'GET' });
    const reading = client.listTrunks();
    await gate.whenWaiting(1);
    const ac = new AbortController();
    const pending = rejectionOf(() => client.assignNumber(FREE[0], PROD, { signal: ac.signal }));
    ac.abort();
    const err = await pending;
    gate.open();
    await reading;
    assert.equal(err.kind, 'aborted');
    assert.equal(err.outcomeUnknown, false);
    assert.doesNotMatch(err.message, /may or may not/);
    assert.equal(h.fake.requestsTo('POST').length, 0);
  });

  it('a write cancelled during the wait after a 429 was not applied: outcome known', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'rate-limit', retryAfter: '1' } });
    const ac = new AbortController();
    const pending = rejectionOf(() => h.client().assignNumber(FREE[0], PROD, { signal: ac.signal }));
    await waitFor(() => h.logs.some((r) => r.status === 429), 'the 429 answer');
    ac.abort();
    const err = await pending;
    assert.equal(err.kind, 'aborted');
    assert.equal(err.outcomeUnknown, false);
    assert.equal(h.fake.requestsTo('POST', '/assign').length, 1);
    assert.equal(h.fake.number(FREE[0])?.trunk_group_id, undefined);
  });
});

describe('RetryBudget of a write', () => {
  it(`goes again only after a 429, at most ${WRITE_RATE_LIMIT_RETRIES} times, backing off further each time`, () => {
    const budget = new RetryBudget(false, 3);
    const retries = Array.from({ length: WRITE_RATE_LIMIT_RETRIES + 1 }, () => budget.afterStatus(429, 0, 30_000));
    assert.deepEqual(retries, [...Array.from({ length: WRITE_RATE_LIMIT_RETRIES }, (_, i) => i + 1), undefined]);
  });

  it('never after a timeout, a reset, a 5xx or a longer Retry-After than the longest wait', () => {
    for (const status of [500, 502, 503, 504]) {
      assert.equal(new RetryBudget(false, 3).afterStatus(status, 0, 30_000), undefined, String(status));
    }
    assert.equal(new RetryBudget(false, 3).afterNetworkFailure(), undefined);
    assert.equal(new RetryBudget(false, 3).afterStatus(429, 31_000, 30_000), undefined);
  });
});
