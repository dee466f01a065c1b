import * as assert from 'node:assert/strict';
import { RequestLimiter } from '../../../src/api/requestLimiter';
import { bulkSeed } from '../../fake-vobiz/seed';
import { useFake, waitFor } from '../helpers';

describe('concurrent paging and the request limiter', () => {
  const h = useFake(bulkSeed({ numbers: 2_050, trunks: 230 }));
  beforeEach(() => {
    h.fake.latencyMs = 15;
  });

  it('after the first page, asks for the other pages at once, never more than maxInFlight in flight, and keeps every item once', async () => {
    const client = h.client({ maxInFlight: 4 });
    // The later pages wait at the gate until four are held together: they overlap, up to the cap.
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', when: (r) => r.query.page !== '1' });
    const reading = client.listNumbers();
    try {
      await gate.whenWaiting(4);
    } finally {
      gate.open();
    }
    const numbers = await reading;
    assert.equal(numbers.length, 2_050);
    assert.equal(new Set(numbers.map((n) => n.e164)).size, 2_050);
    assert.equal(h.fake.requestsTo('GET', '/numbers').length, 21, 'one request per page');
    assert.equal(gate.mostWaiting, 4, 'never more than the cap held at once');
    assert.equal(client.concurrency.peak, 4);
  });

  it('numbers and trunks loading together share one cap', async () => {
    const client = h.client({ maxInFlight: 5 });
    const gate = h.fake.hold({ method: 'GET', when: (r) => r.query.page !== '1' && r.query.offset !== '0' });
    const reading = Promise.all([client.listNumbers(), client.listTrunks()]);
    try {
      await gate.whenWaiting(5);
    } finally {
      gate.open();
    }
    const [numbers, trunks] = await reading;
    assert.equal(numbers.length, 2_050);
    assert.equal(trunks.length, 230);
    assert.equal(gate.mostWaiting, 5, 'the two lists together hold no more than the cap');
    assert.equal(client.concurrency.peak, 5);
  });

  it('hands the pages out in order, the first one as soon as it arrives', async () => {
    const client = h.client();
    const firsts: string[] = [];
    for await (const page of client.numberPages()) firsts.push(page[0].e164);
    assert.deepEqual(firsts, [...firsts].sort());
    assert.equal(firsts.length, 21);
  });

  it('a re-read asks for the pages the last read took together with the first, instead of a round trip later', async () => {
    const client = h.client({ maxInFlight: 4 });
    const otherPages = (): number => h.fake.requestsTo('GET', '/numbers').filter((r) => r.query.page !== '1').length;
    /** Reads the list with page 1 held at the gate; `whileHeld` runs once page 1 waits there. */
    const readWithPageOneHeld = async (whileHeld: () => void | Promise<void>): Promise<void> => {
      h.fake.clearRequests();
      const pageOne = h.fake.hold({ method: 'GET', path: '/numbers', query: { page: '1' } });
      const reading = client.listNumbers();
      try {
        await pageOne.whenWaiting(1);
        await whileHeld();
      } finally {
        pageOne.open();
      }
      assert.equal((await reading).length, 2_050);
    };
    await readWithPageOneHeld(() => {
      assert.equal(otherPages(), 0, 'a first read waits for page 1 (it gives the total)');
    });
    await readWithPageOneHeld(async () => {
      await waitFor(() => otherPages() >= 3, 'pages 2–4 asked for');
      assert.equal(otherPages(), 3, 'a re-read asks for pages 2–4 at once with page 1 (the cap is 4)');
    });
    assert.equal(h.fake.requestsTo('GET', '/numbers').length, 21, 'and no page twice');
  });

  it('a re-read of a list that shrank meanwhile still ends right', async () => {
    const client = h.client({ maxInFlight: 8 });
    assert.equal((await client.listNumbers()).length, 2_050);
    h.fake.numbers.splice(150);
    const again = await client.listNumbers();
    assert.equal(again.length, 150);
    assert.equal(new Set(again.map((n) => n.e164)).size, 150);
  });

  it('a 429 storm during paging slows it down (lower cap) and the load still completes with every item', async () => {
    h.fake.inject({ method: 'GET', path: '/numbers', times: 6, fault: { type: 'rate-limit', retryAfter: '0' } });
    const client = h.client({ maxInFlight: 8 });
    const numbers = await client.listNumbers();
    assert.equal(numbers.length, 2_050);
    assert.ok(client.concurrency.capacity < 8, `the cap went down (now ${client.concurrency.capacity})`);
    assert.equal(h.fake.requests.filter((r) => r.fault === 'rate-limit').length, 6);
  });

  it('a total that undercounts: reads on, one page after another, until the short page', async () => {
    h.fake.variants.numbersTotalOffset = -1_000;
    const numbers = await h.client().listNumbers();
    assert.equal(numbers.length, 2_050);
  });

  it('a failing page fails the whole list: nothing half-read passes as complete', async () => {
    h.fake.inject({ method: 'GET', path: '/numbers', times: Infinity, fault: { type: 'status', status: 500 } });
    const client = h.client({ retry: { maxRetries: 0 } });
    await assert.rejects(client.listNumbers(), /500|server/i);
  });
});

describe('RequestLimiter', () => {
  it('lets `max` through, queues the rest in order, and a release lets the next in', async () => {
    const limiter = new RequestLimiter(2);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const order: string[] = [];
    const c = limiter.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = limiter.acquire().then((release) => {
      order.push('d');
      return release;
    });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, []);
    assert.equal(limiter.inFlight, 2);
    a();
    (await c)();
    b();
    (await d)();
    assert.deepEqual(order, ['c', 'd']);
    assert.equal(limiter.inFlight, 0);
    assert.equal(limiter.peak, 2);
  });

  it('a 429 halves the cap; successes bring it back one at a time', () => {
    const limiter = new RequestLimiter(10);
    limiter.throttled();
    assert.equal(limiter.capacity, 5);
    limiter.throttled();
    limiter.throttled();
    limiter.throttled();
    assert.equal(limiter.capacity, 1, 'never below one');
    limiter.succeeded();
    assert.equal(limiter.capacity, 2);
    for (let i = 0; i < 100; i++) limiter.succeeded();
    assert.equal(limiter.capacity, 10, 'never above the maximum');
  });

  it('an aborted waiter leaves the queue', async () => {
    const limiter = new RequestLimiter(1);
    const release = await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    abort.abort();
    await assert.rejects(waiting, /aborted/);
    release();
    assert.equal(limiter.inFlight, 0);
    (await limiter.acquire())();
  });
});
