import * as assert from 'node:assert/strict';
import { RequestLimiter } from '../../../src/api/requestLimiter';
import type { Release } from '../../../src/api/requestLimiter';
import { bulkSeed } from '../../fake-vobiz/seed';
import { useHarness } from './fixtures';

/** Successes that bring a cap of `from` back to `max`: one more slot per `cap` successes (from + … + max−1). */
function recoverySuccesses(from: number, max: number): number {
  let n = 0;
  for (let cap = from; cap < max; cap++) n += cap;
  return n;
}

describe('429 recovery during paging (against the fake)', () => {
  const h = useHarness(bulkSeed({ numbers: 2_050, trunks: 3 }));

  it('a burst of concurrent 429s halves the cap once (8 → 4), and 22 successes bring it back to 8', async () => {
    const maxInFlight = 8;
    /** The cap after each attempt, and whether that attempt succeeded. */
    const caps: { ok: boolean; capacity: number }[] = [];
    const client = h.client({
      maxInFlight,
      log: (r) => caps.push({ ok: r.status !== undefined && r.status < 300, capacity: client.concurrency.capacity }),
    });
    // Pages 2 onwards wait at the gate until the cap's worth are held together; a 429 for each of
    // them is injected while they wait, so the eight answers are one burst.
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', when: (r) => r.query.page !== '1' });
    const reading = client.listNumbers();
    try {
      await gate.whenWaiting(maxInFlight);
      h.fake.inject({ method: 'GET', path: '/numbers', times: maxInFlight, fault: { type: 'rate-limit', retryAfter: '0' } });
    } finally {
      gate.open();
    }
    assert.equal((await reading).length, 2_050);
    assert.equal(h.fake.requests.filter((r) => r.status === 429).length, maxInFlight);
    const lowest = Math.min(...caps.map((c) => c.capacity));
    assert.equal(lowest, maxInFlight / 2, 'halved once for the whole burst, not once for each 429');

    // Read on until the cap is back; count the successes after the burst it took.
    for (let reads = 0; client.concurrency.capacity < maxInFlight && reads < 3; reads++) await client.listNumbers();
    const afterBurst = caps.slice(caps.findIndex((c) => c.capacity === lowest));
    const back = afterBurst.findIndex((c) => c.capacity === maxInFlight);
    assert.ok(back >= 0, `the cap came back to ${maxInFlight} (it is ${client.concurrency.capacity})`);
    const successes = afterBurst.slice(0, back + 1).filter((c) => c.ok).length;
    const bound = recoverySuccesses(maxInFlight / 2, maxInFlight);
    assert.equal(bound, 22);
    assert.ok(successes <= bound, `back to ${maxInFlight} after ${successes} successes (at most ${bound})`);
  });
});

describe('RequestLimiter: one halving per burst, recovery in bounded successes', () => {
  /** Takes `n` slots at once (they must all be free). */
  async function take(limiter: RequestLimiter, n: number): Promise<Release[]> {
    return Promise.all(Array.from({ length: n }, () => limiter.acquire()));
  }

  it('the 429s of requests sent before the cap came down leave it as it is', async () => {
    const limiter = new RequestLimiter(8);
    const burst = await take(limiter, 8);
    for (const release of burst) release('throttled');
    assert.equal(limiter.capacity, 4);
    assert.equal(limiter.inFlight, 0);
  });

  it('a 429 to a request sent after the halving halves again', async () => {
    const limiter = new RequestLimiter(8);
    (await limiter.acquire())('throttled');
    assert.equal(limiter.capacity, 4);
    const [late] = await take(limiter, 1);
    late('throttled');
    assert.equal(limiter.capacity, 2);
    (await limiter.acquire())('throttled');
    (await limiter.acquire())('throttled');
    assert.equal(limiter.capacity, 1, 'never below one');
  });

  it('a slot taken before the halving, answered later, neither halves nor counts as a success', async () => {
    const limiter = new RequestLimiter(8);
    const [early, ...others] = await take(limiter, 8);
    others[0]('throttled');
    assert.equal(limiter.capacity, 4);
    early('throttled');
    for (const release of others.slice(1)) release('succeeded');
    assert.equal(limiter.capacity, 4);
  });

  it('successes bring the cap back by one per cap of them: 4 → 8 after 4 + 5 + 6 + 7 = 22', async () => {
    const limiter = new RequestLimiter(8);
    (await limiter.acquire())('throttled');
    const seen: number[] = [];
    for (let i = 0; i < 22; i++) {
      (await limiter.acquire())('succeeded');
      seen.push(limiter.capacity);
    }
    assert.deepEqual(seen, [4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 8]);
    (await limiter.acquire())('succeeded');
    assert.equal(limiter.capacity, 8, 'never above the maximum');
  });

  it('a lowered cap holds back waiters; a higher one lets them in', async () => {
    const limiter = new RequestLimiter(2);
    const [a, b] = await take(limiter, 2);
    const order: string[] = [];
    const c = limiter.acquire().then((release) => (order.push('c'), release));
    const d = limiter.acquire().then((release) => (order.push('d'), release));
    a('throttled'); // cap 1, one in flight: nobody else yet
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, []);
    b(); // none in flight: c goes
    const releaseC = await c;
    assert.deepEqual(order, ['c']);
    releaseC('succeeded'); // one success at cap 1: cap 2, and d goes
    (await d)();
    assert.deepEqual(order, ['c', 'd']);
    assert.equal(limiter.capacity, 2);
  });
});
