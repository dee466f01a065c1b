import * as assert from 'node:assert/strict';
import { bulkSeed } from '../../fake-vobiz/seed';
import { useFake } from '../helpers';

describe('VobizClient paging', () => {
  const h = useFake(bulkSeed({ numbers: 250, trunks: 230 }));

  it('reads every number page with page + per_page=100 and stops at the short page', async () => {
    const numbers = await h.client().listNumbers();
    assert.equal(numbers.length, 250);
    assert.equal(new Set(numbers.map((n) => n.e164)).size, 250);
    assert.deepEqual(
      h.fake.requests.map((r) => [r.query.page, r.query.per_page]),
      [
        ['1', '100'],
        ['2', '100'],
        ['3', '100'],
      ],
    );
  });

  it('reads every trunk page with limit + offset, ending on meta.total', async () => {
    const trunks = await h.client().listTrunks();
    assert.equal(trunks.length, 230);
    assert.deepEqual(
      h.fake.requests.map((r) => r.query.offset),
      ['0', '100', '200'],
    );
    assert.ok(h.fake.requests.every((r) => r.query.limit === '100'));
  });

  it('reads meta.total_count (older docs) the same way', async () => {
    h.fake.variants.trunkTotalKey = 'total_count';
    assert.equal((await h.client().listTrunks()).length, 230);
    assert.equal(h.fake.requests.length, 3);
  });

  it('falls back to the short page when no total is sent', async () => {
    h.fake.variants.trunkTotalKey = 'none';
    assert.equal((await h.client().listTrunks()).length, 230);
    assert.equal(h.fake.requests.length, 3);
  });

  it('ends when a server ignores offset (a page of trunks already seen), without looping', async () => {
    h.fake.variants.ignoreTrunkOffset = true;
    h.fake.variants.trunkTotalKey = 'none';
    const trunks = await h.client().listTrunks();
    assert.equal(trunks.length, 100);
    assert.equal(h.fake.requests.length, 2);
  });

  it('ends when a server ignores page on numbers, without looping (failing: its total says more)', async () => {
    h.fake.variants.ignoreNumberPage = true;
    await assert.rejects(h.client().listNumbers(), /ignore the `page` parameter/);
    assert.ok(h.fake.requests.length <= 3);
  });

  it('gives each page as it arrives (onPage and the async iterator)', async () => {
    const sizes: number[] = [];
    await h.client().listNumbers({ onPage: (items, i) => sizes.push(i, items.length) });
    assert.deepEqual(sizes, [0, 100, 1, 100, 2, 50]);
    const pages: number[] = [];
    for await (const page of h.client().trunkPages()) pages.push(page.length);
    assert.deepEqual(pages, [100, 100, 30]);
  });

  it('an exact multiple of the page size ends on the empty page', async () => {
    h.fake.reset(bulkSeed({ numbers: 200, trunks: 1 }));
    try {
      assert.equal((await h.client().listNumbers()).length, 200);
      assert.equal(h.fake.requests.length, 3);
    } finally {
      h.fake.reset(bulkSeed({ numbers: 250, trunks: 230 }));
    }
  });

  it('stops reading when aborted between pages', async () => {
    const ac = new AbortController();
    let pages = 0;
    await assert.rejects(
      h.client().listNumbers({ signal: ac.signal, onPage: () => (++pages === 1 ? ac.abort() : undefined) }),
      (err: Error & { kind?: string }) => err.kind === 'aborted',
    );
    assert.equal(h.fake.requests.length, 1);
  });
});
