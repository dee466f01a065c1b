import * as assert from 'node:assert/strict';
import type { NumberNode, RangeNode } from '../../src/tree/nodes';
import { bulkSeed, sandboxSeed, uuid } from '../fake-vobiz/seed';
import { HostHarness, waitFor } from './helpers';

describe('large inventories in the tree', () => {
  const h = new HostHarness();
  before(async () => {
    await h.setUp();
    h.fake.reset(bulkSeed({ numbers: 1_200, trunks: 1 }));
    await h.signIn();
  });
  after(async () => {
    h.fake.reset(sandboxSeed());
    await h.tearDown();
  });

  it('a long Numbers list shows ranges of 500 (from first to last number), each holding its numbers', async () => {
    const ranges = (await h.children(await h.group('numbers'))) as RangeNode[];
    assert.deepEqual(
      ranges.map((r) => `${h.label(r)} | ${String(h.item(r).description)}`),
      ['+918010000000 – +918010000499 | 500 numbers', '+918010000500 – +918010000999 | 500 numbers', '+918010001000 – +918010001199 | 200 numbers'],
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

  it('the first pages show while the rest load, with a "Loading more…" item that goes away at the end', async () => {
    h.fake.latencyMs = 60;
    try {
      const session = h.session;
      const loading = session.load();
      await waitFor(() => session.model.status === 'partial', 'the first pages to show');
      const numbers = await h.children(await h.group('numbers'));
      const last = numbers[numbers.length - 1];
      assert.equal(last.type === 'message' ? last.label : '', 'Loading more…');
      assert.match(String(h.item(await h.group('numbers')).description), /so far, loading…/);
      await loading;
      assert.equal(session.model.status, 'ready');
      assert.equal(session.model.numberCount, 1_200);
      assert.ok((await h.children(await h.group('numbers'))).every((n) => n.type === 'range'));
    } finally {
      h.fake.latencyMs = 0;
    }
  });
});
