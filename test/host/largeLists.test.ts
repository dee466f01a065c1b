import * as assert from 'node:assert/strict';
import type { NumberNode, RangeNode } from '../../src/tree/nodes';
import { bulkSeed, uuid } from '../fake-vobiz/seed';
import { useHost, waitFor } from './helpers';

describe('large inventories in the tree', () => {
  const h = useHost({ seed: bulkSeed({ numbers: 1_200, trunks: 1 }), signIn: true });

  it('a long Numbers list shows ranges of 500 (from first to last number), each holding its numbers', async () => {
    const ranges = (await h.children(await h.group('numbers'))) as RangeNode[];
    assert.deepEqual(
      ranges.map((r) => `${h.label(r)} | ${String(h.item(r).description)}`),
      [
        '+918010000000 – +918010000499 | 500 numbers',
        '+918010000500 – +918010000999 | 500 numbers',
        '+918010001000 – +918010001199 | 200 numbers',
      ],
    );
    const inSecond = (await h.children(ranges[1])) as NumberNode[];
    assert.equal(inSecond.length, 500);
    assert.equal(inSecond[0].e164, '+918010000500');
    assert.equal(h.tree.getParent(inSecond[0]), ranges[1], 'reveal finds the range of a number');
    assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('up to 1,000 numbers (under a trunk, or after a filter) are shown whole', async () => {
    const underTrunk = await h.children(await h.trunkNode(uuid('trunk', 1)));
    assert.equal(underTrunk.length, 800, 'the 800 routed numbers, no ranges');
    assert.ok(underTrunk.every((n) => n.type === 'number'));
    await h.run('vobiz.filterNumbers', { kind: 'digits', digits: '80100011' });
    try {
      const filtered = await h.children(await h.group('numbers'));
      assert.equal(filtered.length, 100);
      assert.ok(filtered.every((n) => n.type === 'number'));
    } finally {
      await h.run('vobiz.clearFilter');
    }
  });

  /**
   * Holds page 2 of the numbers at the fake until the test has seen the first rows: pages are handed
   * out in order, so the tree shows page 1 with "Loading more…" for as long as the gate is shut.
   */
  async function firstRowsThenAll(load: () => Promise<unknown>): Promise<void> {
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', query: { page: '2' } });
    const loading = load();
    try {
      await gate.whenWaiting(1);
      // A sign-in adds the account only after Vobiz accepted the credentials.
      await waitFor(
        () => h.api.testing.accounts.list()[0]?.model.status === 'partial',
        'the first rows (page 2 is held, so they stay partial)',
      );
      const numbers = await h.children(await h.group('numbers'));
      assert.equal(
        numbers.filter((n) => n.type === 'number').length,
        100,
        'the first page, as numbers (fewer than 1,000 so far)',
      );
      const last = numbers[numbers.length - 1];
      assert.equal(last.type === 'message' ? last.label : '', 'Loading more…');
      assert.match(String(h.item(await h.group('numbers')).description), /so far, loading…/);
      assert.equal(h.session.model.status, 'partial', 'still partial while page 2 is held');
    } finally {
      gate.open();
    }
    await loading;
    await h.api.testing.accounts.whenLoaded();
    assert.equal(h.session.model.status, 'ready');
    assert.equal(h.session.model.numberCount, 1_200);
    const after = await h.children(await h.group('numbers'));
    assert.ok(
      after.every((n) => n.type === 'range'),
      'no "Loading more…" at the end: three ranges',
    );
  }

  it('a refresh keeps the last complete rows (no "Loading more…", no half list) until the new list is complete', async () => {
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', query: { page: '2' } });
    const loading = h.session.load();
    try {
      await gate.whenWaiting(1);
      assert.equal(h.session.model.status, 'ready');
      assert.equal(h.session.model.numberCount, 1_200, 'the last complete list');
      const rows = await h.children(await h.group('numbers'));
      assert.ok(
        rows.every((n) => n.type === 'range'),
        'three ranges, no "Loading more…"',
      );
    } finally {
      gate.open();
    }
    await loading;
    assert.equal(h.session.model.status, 'ready');
  });

  it('the first pages show while the rest load, with a "Loading more…" item that goes away at the end, on a first load (a fresh sign-in)', async () => {
    await h.signOutAll();
    await firstRowsThenAll(() => h.signIn());
  });
});
