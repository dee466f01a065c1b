/**
 * The lists a view shows: filtered lists kept in step with single-number changes (FilteredNumbers),
 * and the range arithmetic of long lists, which must leave no number out at any size, also when a
 * list grows or shrinks under ranges made earlier. Pure.
 */
import * as assert from 'node:assert/strict';
import type { VobizNumber } from '../../../src/api';
import { AccountModel } from '../../../src/model/accountModel';
import { FilteredNumbers, matchesFilter } from '../../../src/model/numberFilter';
import { indexOfNumber, numberRanges, RANGE_SIZE, rangeAt, rangeStart } from '../../../src/model/numberRanges';
import type { NumberFilter } from '../../../src/model/numberFilter';
import { aNumber, aTrunk } from '../../support/builders';

/**
 * The indexes the ranges of a list of `count` items reach, read the way the tree does: a range by where it
 * starts, its end from the list now.
 */
function reachable(count: number, starts?: number[]): number[] {
  const ranges = starts ?? numberRanges(count)?.map((r) => r.from);
  if (!ranges) return everyIndex(count); // short enough: shown whole
  const seen: number[] = [];
  for (const start of ranges) {
    const { from, to } = rangeAt(count, start);
    for (let i = from; i < to; i++) seen.push(i);
  }
  return seen;
}

const everyIndex = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

describe('ranges of long lists', () => {
  for (const count of [0, 1, 999, 1_000, 1_001, 1_200, 2_999, 3_000, 100_000]) {
    it(`reach every one of ${count.toLocaleString('en')} items once, in order`, () => {
      assert.deepEqual(reachable(count), everyIndex(count));
    });
  }

  it('a list that grew under ranges made for it before (1,200 shown while loading, then 3,000): nothing is left out', () => {
    const before = numberRanges(1_200)?.map((r) => r.from) ?? [];
    assert.deepEqual(before, [0, 500, 1_000]);
    // The tree keeps the range nodes it made (known by where they start) and adds the new ones.
    const after = numberRanges(3_000)?.map((r) => r.from) ?? [];
    assert.deepEqual(
      reachable(
        3_000,
        [...new Set([...before, ...after])].sort((a, b) => a - b),
      ),
      everyIndex(3_000),
    );
    assert.deepEqual(rangeAt(3_000, 1_000), { from: 1_000, to: 1_500 }, 'the range that ended at 1,200 now reaches 1,500');
  });

  it('a list that shrank: a range past its end is empty, the last one ends with the list', () => {
    assert.deepEqual(rangeAt(1_234, 1_500), { from: 1_500, to: 1_500 });
    assert.deepEqual(rangeAt(1_234, 1_000), { from: 1_000, to: 1_234 });
    assert.deepEqual(reachable(1_234, [0, 500, 1_000, 1_500, 2_000]), everyIndex(1_234));
  });

  it('finds the range of an item, and an item by its E.164 in an ordered list', () => {
    assert.equal(rangeStart(0), 0);
    assert.equal(rangeStart(RANGE_SIZE - 1), 0);
    assert.equal(rangeStart(RANGE_SIZE), RANGE_SIZE);
    assert.equal(rangeStart(2_999), 2_500);
    const list = ['+911', '+913', '+915'].map((e164) => aNumber(e164));
    assert.equal(indexOfNumber(list, '+913'), 1);
    assert.equal(indexOfNumber(list, '+915'), 2);
    assert.equal(indexOfNumber(list, '+912'), -1);
    assert.equal(indexOfNumber([], '+911'), -1);
  });
});

describe('FilteredNumbers: the filtered lists follow single-number changes without a recount', () => {
  const trunks = [aTrunk('t1'), aTrunk('t2')];
  const digits: NumberFilter = { kind: 'digits', digits: '3' };
  const onT1: NumberFilter = { kind: 'trunk', authId: 'MA_1', trunkId: 't1', trunkName: 'Trunk t1' };

  function model(): AccountModel {
    const m = new AccountModel();
    const numbers: VobizNumber[] = [];
    for (let i = 0; i < 300; i++) {
      numbers.push(aNumber(`+91${String(7_000_000_000 + i * 37)}`, i % 3 ? { trunk_group_id: trunks[i % 2].trunk_id } : {}));
    }
    m.setInventory(numbers, trunks);
    return m;
  }

  function expected(m: AccountModel, filter: NumberFilter, trunkId?: string): string[] {
    const all = trunkId ? m.numbersOfTrunk(trunkId) : m.numbers();
    return all.filter((n) => matchesFilter(filter, n, 'MA_1')).map((n) => n.e164);
  }

  function following(m: AccountModel): FilteredNumbers {
    const filtered = new FilteredNumbers(m, 'MA_1');
    m.onDidChange((c) => filtered.apply(c));
    return filtered;
  }

  it('with no filter: the model’s own lists', () => {
    const m = model();
    const filtered = following(m);
    assert.equal(filtered.list(undefined), m.numbers());
    assert.equal(filtered.list(undefined, 't1'), m.numbersOfTrunk('t1'));
  });

  for (const filter of [digits, onT1]) {
    it(`patches the lists it holds (same arrays) as numbers move, leave or arrive: filter ${filter.kind}`, () => {
      const m = model();
      const filtered = following(m);
      const lists = [undefined, 't1', 't2'].map((trunkId) => filtered.list(filter, trunkId));
      assert.deepEqual(
        lists[0].map((n) => n.e164),
        expected(m, filter),
      );
      assert.ok(lists[0].length > 0 && lists[0].length < m.numberCount, 'the filter leaves some out');
      const onT2 = m.numbersOfTrunk('t2');
      m.updateNumber(onT2[3].e164, { ...onT2[3], trunk_group_id: 't1' });
      m.updateNumber(m.numbersOfTrunk('t1')[5].e164, { ...m.numbersOfTrunk('t1')[5], trunk_group_id: 't2' });
      m.updateNumber(m.numbersOfTrunk('t1')[0].e164, undefined);
      m.updateNumber(m.numbers()[7].e164, undefined);
      m.updateNumber('+913333000000', aNumber('+913333000000', { trunk_group_id: 't1' }));
      m.updateNumber('+910000000001', aNumber('+910000000001', { trunk_group_id: 't2' }));
      ['Numbers', 't1', 't2'].forEach((name, i) => {
        const trunkId = i ? name : undefined;
        assert.equal(filtered.list(filter, trunkId), lists[i], `the list of ${name} was patched, not made again`);
        assert.deepEqual(
          lists[i].map((n) => n.e164),
          expected(m, filter, trunkId),
          `the list of ${name}`,
        );
      });
    });
  }

  it('computes the lists again after a reload, or for another filter', () => {
    const m = model();
    const filtered = following(m);
    const before = filtered.list(digits);
    m.setInventory(m.numbers().slice(0, 100), trunks);
    assert.notEqual(filtered.list(digits), before);
    assert.deepEqual(
      filtered.list(digits).map((n) => n.e164),
      expected(m, digits),
    );
    const unassigned: NumberFilter = { kind: 'unassigned' };
    assert.deepEqual(
      filtered.list(unassigned).map((n) => n.e164),
      expected(m, unassigned),
    );
  });

  it('a change it was not given (out of step) is not patched in: the next read computes the list again', () => {
    const m = model();
    const filtered = new FilteredNumbers(m, 'MA_1');
    const before = filtered.list(digits);
    m.updateNumber('+913333000000', aNumber('+913333000000'));
    const after = filtered.list(digits);
    assert.notEqual(after, before);
    assert.ok(after.some((n) => n.e164 === '+913333000000'));
  });
});
