/**
 * Every number is reachable in the tree, at every size, during and after a load, with and without
 * a filter: the tests walk the tree as a person expanding every range would (getChildren through
 * the ranges) and count the numbers they reach. Ranges are made once and kept by id, so the sizes
 * follow one another in one session, as lists grow and shrink under ranges made before.
 */
import * as assert from 'node:assert/strict';
import type { RangeNode, RoutingNode } from '../../src/tree/nodes';
import { bulkSeed, sandboxSeed, uuid } from '../fake-vobiz/seed';
import type { Seed } from '../fake-vobiz/seed';
import { HostHarness } from './helpers';

const TRUNK = uuid('trunk', 1);
/** Numbers of the seed whose E.164 contains these digits (and no other's does). */
const FILTER_DIGITS = '9177';

/** `count` numbers on one trunk (two in three routed); the first `marked` have E.164s that contain FILTER_DIGITS. */
function seedOf(count: number, marked = 0): Seed {
  const seed = bulkSeed({ numbers: count, trunks: 1 });
  seed.numbers.slice(0, marked).forEach((n, i) => (n.e164 = `+9177${String(10_000_000 + i)}`));
  return seed;
}

describe('every number is reachable in the tree (ranges of long lists)', () => {
  const h = new HostHarness();
  before(async () => {
    await h.setUp();
    h.fake.reset(seedOf(999));
    await h.signIn();
  });
  after(async () => {
    await h.run('vobiz.clearFilter');
    h.fake.reset(sandboxSeed());
    await h.tearDown();
  });

  /**
   * The E.164 of every number under a node, expanding every range. Checks each range on the way: its
   * item counts what it holds, and a number in it names it as its parent (reveal).
   */
  async function reachable(node: RoutingNode): Promise<string[]> {
    const out: string[] = [];
    for (const child of await h.children(node)) {
      if (child.type === 'number') out.push(child.e164);
      if (child.type !== 'range') continue;
      const inRange = await h.children(child);
      assert.equal(
        String(h.item(child).description),
        inRange.length === 1 ? '1 number' : `${inRange.length} numbers`,
        `the item of range ${child.from} counts what it holds`,
      );
      for (const n of [inRange[0], inRange[inRange.length - 1]]) {
        assert.equal(h.tree.getParent(n), child, 'reveal finds the range of a number');
      }
      out.push(...(await reachable(child)));
    }
    return out;
  }

  const numbersGroup = (): Promise<RoutingNode> => h.group('numbers');

  /** Asserts the numbers reachable under a node are exactly `expected` (in order, each once). */
  async function assertReachable(node: RoutingNode, expected: readonly string[], what: string): Promise<void> {
    const got = await reachable(node);
    assert.equal(got.length, expected.length, `${what}: ${got.length} of ${expected.length} numbers reachable`);
    assert.deepEqual(got, expected, what);
  }

  /** Numbers (all, and the trunk's) reachable, as the model lists them. */
  async function assertAllReachable(count: number): Promise<void> {
    const model = h.session.model;
    assert.equal(model.numberCount, count);
    await assertReachable(
      await numbersGroup(),
      model.numbers().map((n) => n.e164),
      `Numbers, ${count}`,
    );
    await assertReachable(
      await h.trunkNode(TRUNK),
      model.numbersOfTrunk(TRUNK).map((n) => n.e164),
      `the trunk, ${count}`,
    );
  }

  async function reload(seed: Seed): Promise<void> {
    h.fake.reset(seed);
    await h.session.load();
    await h.api.testing.accounts.whenLoaded();
    assert.equal(h.session.model.status, 'ready');
  }

  for (const count of [999, 1_000, 1_001, 2_999, 3_000]) {
    it(`${count.toLocaleString('en')} numbers: every one reachable (after the smaller lists before)`, async () => {
      await reload(seedOf(count));
      await assertAllReachable(count);
    });
  }

  it('… and as the list shrinks again (3,000 → 1,001 → 999)', async () => {
    for (const count of [1_001, 999]) {
      await reload(seedOf(count));
      await assertAllReachable(count);
    }
  });

  it('a partial list growing to full: 1,200 shown while loading, then 3,000', async () => {
    await reload(seedOf(3_000));
    const model = h.session.model;
    const all = [...model.numbers()];
    const trunks = [...model.trunks()];
    model.setPartial(all.slice(0, 1_200), trunks);
    const partial = all.slice(0, 1_200).map((n) => n.e164);
    await assertReachable(await numbersGroup(), partial, 'while partial');
    const children = await h.children(await numbersGroup());
    assert.equal(children[children.length - 1].type, 'message', 'the "Loading more…" item ends the list');
    model.setInventory(all, trunks);
    await assertAllReachable(3_000);
  });

  it('during a real refresh (a page held at the fake) every number of the last complete list stays reachable, then every new one', async () => {
    await reload(seedOf(1_200));
    await assertAllReachable(1_200);
    h.fake.reset(seedOf(3_000));
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', query: { page: '13' } });
    const loading = h.session.load();
    try {
      await gate.whenWaiting(1);
      assert.equal(h.session.model.status, 'ready', 'a refresh keeps the last complete list');
      await assertAllReachable(1_200);
    } finally {
      gate.open();
    }
    await loading;
    await h.api.testing.accounts.whenLoaded();
    await assertAllReachable(3_000);
  });

  it(`a filter leaving 1,234 numbers (of 3,000), during and after a load, then cleared`, async () => {
    await reload(seedOf(3_000, 1_234));
    await h.run('vobiz.filterNumbers', { kind: 'digits', digits: FILTER_DIGITS });
    const model = h.session.model;
    const matching = model.numbers().filter((n) => n.e164.includes(FILTER_DIGITS));
    assert.equal(matching.length, 1_234);
    const e164s = matching.map((n) => n.e164);
    await assertReachable(await numbersGroup(), e164s, 'filtered');
    const underTrunk = model.numbersOfTrunk(TRUNK).filter((n) => n.e164.includes(FILTER_DIGITS));
    await assertReachable(
      await h.trunkNode(TRUNK),
      underTrunk.map((n) => n.e164),
      'filtered, under the trunk',
    );
    const all = [...model.numbers()];
    const trunks = [...model.trunks()];
    model.setPartial(all.slice(0, 1_100), trunks);
    await assertReachable(await numbersGroup(), e164s.slice(0, 1_100), 'filtered, while partial');
    model.setInventory(all, trunks);
    await assertReachable(await numbersGroup(), e164s, 'filtered, after the load');
    const ranges = (await h.children(await numbersGroup())) as RangeNode[];
    assert.deepEqual(
      ranges.map((r) => String(h.item(r).description)),
      ['500 numbers', '500 numbers', '234 numbers'],
    );
    await h.run('vobiz.clearFilter');
    await assertAllReachable(3_000);
  });
});
