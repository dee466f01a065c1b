import * as assert from 'node:assert/strict';
import { VobizApiError } from '../../../src/api';
import { collect, Pager } from '../../../src/api/pager';
import type { PageQuery } from '../../../src/api/pager';
import { offsetList, offsetSpec } from './fixtures';
import type { Item } from './fixtures';

const fakeList = offsetList;
const spec = offsetSpec;

const offsets = (calls: PageQuery[]): unknown[] => calls.map((q) => q.offset);

/** The size of the next page handed out, or undefined at the end. */
async function nextSize(pages: AsyncGenerator<Item[]>): Promise<number | undefined> {
  const next = await pages.next();
  return next.done ? undefined : next.value.length;
}

describe('Pager', () => {
  it('asks for the first page, then for the pages its total says are left, all at once, before handing the first out', async () => {
    const { calls, fetchJson } = fakeList(250);
    const pages = new Pager(fetchJson, 10).pages(spec, {});
    assert.equal(await nextSize(pages), 100);
    // The pages the total says are left went out before page 1 was handed out (and its items read).
    assert.deepEqual(offsets(calls), [0, 100, 200]);
    assert.equal(await nextSize(pages), 100);
    assert.equal(await nextSize(pages), 50);
    assert.equal(await nextSize(pages), undefined);
    assert.deepEqual(offsets(calls), [0, 100, 200]);
  });

  it('asks for one page past a total that fills the last page exactly', async () => {
    const { calls, fetchJson } = fakeList(200);
    assert.equal((await collect(new Pager(fetchJson, 10).pages(spec, {}))).length, 200);
    assert.deepEqual(offsets(calls), [0, 100, 200]);
  });

  it('reads on page by page to a short page when there is no total', async () => {
    const { calls, fetchJson } = fakeList(230, { total: 'none' });
    assert.equal((await collect(new Pager(fetchJson, 10).pages(spec, {}))).length, 230);
    assert.deepEqual(offsets(calls), [0, 100, 200]);
  });

  it('ends on a page that only repeats what was seen', async () => {
    const { calls, fetchJson } = fakeList(300, { total: 'none', ignoreOffset: true });
    assert.equal((await collect(new Pager(fetchJson, 10).pages(spec, {}))).length, 100);
    assert.equal(calls.length, 2);
  });

  it('pages by a smaller page size the server serves', async () => {
    const { calls, fetchJson } = fakeList(120, { served: 50 });
    assert.equal((await collect(new Pager(fetchJson, 10).pages(spec, {}))).length, 120);
    assert.deepEqual(offsets(calls), [0, 50, 100]);
  });

  it('asks for the pages of the last read with the first on a re-read, up to the cap', async () => {
    const { calls, fetchJson } = fakeList(1000);
    // On the re-read, page 1's answer waits until the test has seen what went out with it.
    let armed = false;
    let openGate = (): void => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const gated = async (path: string, query: PageQuery): Promise<unknown> => {
      const answer = fetchJson(path, query);
      if (query.offset === 0 && armed) await gate;
      return answer;
    };
    const pager = new Pager(gated, 4);
    assert.equal((await collect(pager.pages(spec, {}))).length, 1000);
    calls.length = 0;
    armed = true;
    const pages = pager.pages(spec, {});
    const first = pages.next();
    await Promise.resolve();
    assert.deepEqual(offsets(calls), [0, 100, 200, 300], 'the first page and the three after it, before the first is answered');
    openGate();
    await first;
    assert.equal((await collect(pages)).length, 900);
    assert.equal(calls.length, 11, 'ten pages and the one past the exact total, none twice');
  });

  it('hands out an item sent twice on one page once, and counts it once towards the total', async () => {
    const objects = [{ id: 't0' }, { id: 't0' }, { id: 't1' }];
    const items = await collect(new Pager(() => Promise.resolve({ meta: { total: 2 }, objects }), 10).pages(spec, {}));
    assert.deepEqual(
      items.map((x) => x.id),
      ['t0', 't1'],
    );
    // Three sent, two distinct: a total of three is not met.
    const short = new Pager(() => Promise.resolve({ meta: { total: 3 }, objects }), 10);
    await assert.rejects(
      collect(short.pages(spec, {})),
      /^VobizApiError: Vobiz said 3 items but sent 2 distinct ones over 1 page/,
    );
  });

  it('fails with a bad-response error when a page has no list', async () => {
    const pager = new Pager(() => Promise.resolve({ meta: {} }), 10);
    await assert.rejects(collect(pager.pages(spec, {})), (err: unknown) => {
      assert.ok(err instanceof VobizApiError);
      assert.equal(err.kind, 'bad-response');
      assert.equal(err.message, 'Unexpected answer from Vobiz (GET /list): the list has no objects.');
      return true;
    });
  });
});
