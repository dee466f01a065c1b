import * as assert from 'node:assert/strict';
import { VobizApiError } from '../../../src/api';
import { AHEAD_PER_SLOT, collect, Pager } from '../../../src/api/pager';
import { bulkSeed } from '../../fake-vobiz/seed';
import { rejectionOf } from '../helpers';
import { offsetList, offsetSpec, useHarness } from './fixtures';

const NUMBERS_PATH = '/api/v1/Account/MA_DEMO0001/numbers';

/** The error of a list that did not pass as complete: a bad-response VobizApiError. */
async function incomplete(read: () => Promise<unknown>): Promise<VobizApiError> {
  const err = await rejectionOf(read);
  assert.ok(err instanceof VobizApiError, String(err));
  assert.equal(err.kind, 'bad-response');
  return err;
}

describe('a cut-short number list never passes as complete (against the fake)', () => {
  const h = useHarness(bulkSeed({ numbers: 250, trunks: 3 }));

  const pagesAsked = (): string[] => h.fake.requestsTo('GET', '/numbers').map((r) => r.query.page);

  it('a server serving 50 a page without saying so: pages by 50 and gets all 250', async () => {
    h.fake.variants.numbersServedPerPage = 50;
    const numbers = await h.client().listNumbers();
    assert.equal(numbers.length, 250);
    assert.equal(new Set(numbers.map((n) => n.e164)).size, 250);
    // 250 fills five pages of 50 exactly: the sixth, asked with the others, comes back empty.
    assert.deepEqual(pagesAsked().sort(), ['1', '2', '3', '4', '5', '6']);
  });

  it('a server ignoring `page`: fails, saying so, instead of passing 100 of 250', async () => {
    h.fake.variants.ignoreNumberPage = true;
    const err = await incomplete(() => h.client().listNumbers());
    assert.equal(
      err.message,
      `Vobiz said 250 numbers but sent 100 distinct ones over 2 pages: page 2 only repeated items already sent, so it seems to ignore the \`page\` parameter (GET ${NUMBERS_PATH}).`,
    );
    assert.equal(err.path, NUMBERS_PATH);
  });

  it('… also when it serves fewer than asked a page', async () => {
    h.fake.variants.ignoreNumberPage = true;
    h.fake.variants.numbersServedPerPage = 50;
    const err = await incomplete(() => h.client().listNumbers());
    assert.match(err.message, /^Vobiz said 250 numbers but sent 50 distinct ones over 2 pages: .*ignore the `page` parameter/);
  });

  it('a total larger than the items sent (a stale count): fails at the short page', async () => {
    h.fake.variants.numbersTotalOffset = 5;
    const err = await incomplete(() => h.client().listNumbers());
    assert.equal(
      err.message,
      `Vobiz said 255 numbers but sent 250 distinct ones over 3 pages: page 3 held only 50 where pages hold 100, which ends the list, so its total is wrong or the list changed while it was read (GET ${NUMBERS_PATH}).`,
    );
  });

  it('an absurd total asks for a bounded window of pages, not thousands, and fails', async () => {
    h.fake.variants.numbersTotalOffset = 1_000_000_000;
    const maxInFlight = 4;
    const err = await incomplete(() => h.client({ maxInFlight }).listNumbers());
    assert.match(err.message, /^Vobiz said 1000000250 numbers but sent 250 distinct ones over 3 pages: page 3 held only 50/);
    // Page 1, the window asked for after it, and one more page as page 2 was read.
    const window = AHEAD_PER_SLOT * maxInFlight;
    assert.ok(pagesAsked().length <= 2 + window, `${pagesAsked().length} pages asked for`);
  });

  it('a total that undercounts still reads on to the short page (more than the total is complete)', async () => {
    h.fake.variants.numbersTotalOffset = -200;
    assert.equal((await h.client().listNumbers()).length, 250);
  });
});

describe('Pager: totals, windows and the hard stop', () => {
  it('follows a smaller page size the server serves without saying so, by offset', async () => {
    const { calls, fetchJson } = offsetList(120, { served: 40, echo: false });
    assert.equal((await collect(new Pager(fetchJson, 10).pages(offsetSpec, {}))).length, 120);
    assert.deepEqual(
      calls.map((q) => q.offset),
      [0, 40, 80, 120],
    );
  });

  it('with no total, a short first page is the end (as before: nothing says more are left)', async () => {
    const { calls, fetchJson } = offsetList(120, { served: 40, echo: false, total: 'none' });
    assert.equal((await collect(new Pager(fetchJson, 10).pages(offsetSpec, {}))).length, 40);
    assert.equal(calls.length, 1);
  });

  it('an absurd total: after page 1, a window of AHEAD_PER_SLOT × maxInFlight pages is asked for, no more', async () => {
    const { calls, fetchJson } = offsetList(150, { total: 1e9 });
    const err = await incomplete(() => collect(new Pager(fetchJson, 4).pages(offsetSpec, {})));
    assert.match(err.message, /^Vobiz said 1000000000 items but sent 150 distinct ones over 2 pages: page 2 held only 50/);
    assert.equal(calls.length, 1 + AHEAD_PER_SLOT * 4, 'page 1 and the window after it');
  });

  it('the window slides on as pages are read: never more than it asked for ahead, every page once', async () => {
    const { calls, fetchJson } = offsetList(10_000);
    const window = AHEAD_PER_SLOT * 2;
    let read = 0;
    let mostAhead = 0;
    for await (const _page of new Pager(fetchJson, 2).pages(offsetSpec, {})) {
      read++;
      mostAhead = Math.max(mostAhead, calls.length - read);
    }
    assert.equal(read, 100);
    // As a page is handed out, the window after it has been asked for already (before its items
    // were read): never more than the window asked for and not yet handed out.
    assert.equal(mostAhead, window);
    assert.equal(calls.length, 101, 'a hundred pages and the one past the exact total');
    assert.equal(new Set(calls.map((q) => q.offset)).size, 101);
  });

  it('a list that has not ended after the hard stop fails, saying so', async () => {
    const { calls, fetchJson } = offsetList(Infinity, { total: 'none' });
    const err = await incomplete(() => collect(new Pager(fetchJson, 4, { maxPages: 5 }).pages(offsetSpec, {})));
    assert.equal(
      err.message,
      'Vobiz sent 5 pages of items (500 distinct ones) and the list had not ended: reading stopped at the limit of 5 pages (GET /list).',
    );
    assert.equal(calls.length, 5);
  });

  it('the hard stop bounds the pages a total plans, too', async () => {
    const { calls, fetchJson } = offsetList(Infinity, { total: 1e9 });
    const err = await incomplete(() => collect(new Pager(fetchJson, 4, { maxPages: 5 }).pages(offsetSpec, {})));
    assert.match(err.message, /^Vobiz sent 5 pages of items/);
    assert.equal(calls.length, 5);
  });

  it('says which parameter a server ignores (`offset` for an offset list)', async () => {
    const fetchJson = (): Promise<unknown> =>
      Promise.resolve({ meta: { total: 300 }, objects: Array.from({ length: 100 }, (_, i) => ({ id: `t${i}` })) });
    const err = await incomplete(() => collect(new Pager(fetchJson, 4).pages(offsetSpec, {})));
    assert.match(
      err.message,
      /^Vobiz said 300 items but sent 100 distinct ones over 2 pages: .*ignore the `offset` parameter \(GET \/list\)\.$/,
    );
  });
});
