/**
 * Items the client cannot read (a number with no E.164, a trunk with no id) are never dropped
 * silently: the pager tells each one (`onUnreadable`) and counts it as arrived, so a list whose
 * items all arrived is complete, and one cut short is still reported as such.
 */
import * as assert from 'node:assert/strict';
import { rawOf, VobizApiError } from '../../../src/api';
import type { UnreadableItem } from '../../../src/api';
import { collect, Pager } from '../../../src/api/pager';
import type { PageQuery } from '../../../src/api/pager';
import { bulkSeed } from '../../fake-vobiz/seed';
import { NUMBER, rejectionOf, TRUNK } from '../helpers';
import { offsetSpec, useHarness } from './fixtures';

/**
 * A list of `count` items paged by limit + offset, in which the items at `unreadable` have no id
 * (`{name}` only); `total` as stated (default the count), `ignoreOffset` a server always sending
 * the first page.
 */
function listWithHoles(count: number, unreadable: number[], options: { total?: number | 'none'; ignoreOffset?: boolean } = {}) {
  const calls: PageQuery[] = [];
  const fetchJson = (_path: string, query: PageQuery): Promise<unknown> => {
    calls.push(query);
    const offset = options.ignoreOffset ? 0 : Number(query.offset);
    const size = Math.max(0, Math.min(Number(query.limit), count - offset));
    const objects = Array.from({ length: size }, (_, i) =>
      unreadable.includes(offset + i) ? { name: `hole ${offset + i}` } : { id: `t${offset + i}` },
    );
    const total = options.total ?? count;
    return Promise.resolve({ meta: { limit: Number(query.limit), ...(total === 'none' ? {} : { total }) }, objects });
  };
  return { calls, fetchJson };
}

/** Reads the whole list with a pager, gathering what it tells of unreadable items. */
function readAll(fetchJson: (path: string, query: PageQuery) => Promise<unknown>, maxPages?: number) {
  const told: UnreadableItem[] = [];
  const pages = new Pager(fetchJson, 10, { maxPages }).pages(offsetSpec, { onUnreadable: (item) => told.push(item) });
  return { told, items: collect(pages) };
}

describe('unreadable items: counted, told, never dropped silently', () => {
  describe('the pager', () => {
    it('leaves them out, tells each, and counts them as arrived: the list is complete', async () => {
      const { fetchJson } = listWithHoles(250, [3, 150, 249]);
      const { told, items } = readAll(fetchJson);
      assert.equal((await items).length, 247);
      assert.deepEqual(told, [
        { list: 'items', problem: 'no usable id (keys: name)' },
        { list: 'items', problem: 'no usable id (keys: name)' },
        { list: 'items', problem: 'no usable id (keys: name)' },
      ]);
    });

    it('a list cut short is still cut short: its message counts the unreadable items among those sent', async () => {
      const { fetchJson } = listWithHoles(150, [0, 1], { total: 160 });
      const { told, items } = readAll(fetchJson);
      const err = await rejectionOf(() => items);
      assert.ok(err instanceof VobizApiError && err.kind === 'bad-response', String(err));
      assert.match(err.message, /^Vobiz said 160 items but sent 150 distinct ones over 2 pages/);
      assert.equal(told.length, 2);
    });

    it('a server ignoring the paging: a repeated page tells its unreadable items once, and ends the list', async () => {
      const { fetchJson } = listWithHoles(300, [5, 6], { ignoreOffset: true });
      const { told, items } = readAll(fetchJson);
      const err = await rejectionOf(() => items);
      assert.match(
        String(err),
        /said 300 items but sent 100 distinct ones over 2 pages: page 2 only repeated items already sent/,
      );
      assert.equal(told.length, 2);
    });

    it('a repeated page of unreadable items only ends the list too (it does not read on to the page limit)', async () => {
      const { calls, fetchJson } = listWithHoles(
        300,
        Array.from({ length: 300 }, (_, i) => i),
        { total: 'none', ignoreOffset: true },
      );
      const { told, items } = readAll(fetchJson, 50);
      assert.deepEqual(await items, []);
      assert.equal(told.length, 100);
      assert.equal(calls.length, 2);
    });
  });

  describe('the client, against the fake', () => {
    const h = useHarness(bulkSeed({ numbers: 250, trunks: 3 }));

    const cases = [
      {
        what: 'numbers with neither e164 nor number',
        variant: 'unreadableNumbers',
        count: 3,
        read: 250,
        problem: 'no usable e164 or number (keys: id, status, country)',
      },
      {
        what: 'trunks with no id',
        variant: 'unreadableTrunks',
        count: 2,
        read: 3,
        problem: 'no usable trunk_id or id (keys: name, trunk_status)',
      },
    ] as const;
    for (const { what, variant, count, read, problem } of cases) {
      it(`${what}: left out, told with their keys, the list complete`, async () => {
        h.fake.variants[variant] = count;
        const told: UnreadableItem[] = [];
        const onUnreadable = (item: UnreadableItem): number => told.push(item);
        const list =
          variant === 'unreadableNumbers'
            ? await h.client().listNumbers({ onUnreadable })
            : await h.client().listTrunks({ onUnreadable });
        assert.equal(list.length, read);
        const noun = variant === 'unreadableNumbers' ? 'numbers' : 'trunks';
        assert.deepEqual(told, Array(count).fill({ list: noun, problem }));
      });
    }

    it('… over several pages: every page is read once', async () => {
      h.fake.variants.unreadableNumbers = 3;
      assert.equal((await h.client().listNumbers()).length, 250);
      assert.deepEqual(
        h.fake
          .requestsTo('GET', '/numbers')
          .map((r) => r.query.page)
          .sort(),
        ['1', '2', '3'],
      );
    });
  });

  describe("the client reads the fake's SDK dialect", () => {
    const h = useHarness();

    it('numbers named in `number`: the same numbers, routing and owners; Open as JSON shows `number`', async () => {
      const current = await h.client().listNumbers();
      h.fake.variants.numberField = 'number';
      const sdk = await h.client().listNumbers();
      const facts = (list: typeof current): unknown[] => list.map((n) => [n.e164, n.trunk_group_id, n.account_id, n.status]);
      assert.deepEqual(facts(sdk), facts(current));
      const raw = rawOf(sdk.find((n) => n.e164 === NUMBER.onProd)!) as Record<string, unknown>;
      assert.equal(raw.number, NUMBER.onProd);
      assert.ok(!('e164' in raw));
      assert.equal((await h.client().getNumber(NUMBER.unassigned))?.e164, NUMBER.unassigned, 'a search finds it too');
    });

    it('trunks in the SDK schema: the same trunk_id, domain, direction and status as the current dialect', async () => {
      const current = await h.client().listTrunks();
      h.fake.variants.trunkDialect = 'sdk';
      const sdk = await h.client().listTrunks();
      const facts = (list: typeof current): unknown[] =>
        list.map((t) => [t.trunk_id, t.trunk_domain, t.trunk_direction, t.trunk_status, t.name]);
      assert.deepEqual(facts(sdk), facts(current));
      const legacy = rawOf(sdk.find((t) => t.trunk_id === TRUNK.legacy)!) as Record<string, unknown>;
      assert.deepEqual(
        [legacy.id, legacy.enabled, legacy.trunk_type, 'trunk_id' in legacy],
        [TRUNK.legacy, false, 'OUTBOUND', false],
      );
      assert.equal((await h.client().getTrunk(TRUNK.prod)).trunk_domain, `${TRUNK.prod}.sip.vobiz.ai`);
    });
  });
});
