/**
 * AccountModel keeps what derives from its numbers up to date in place after a single number's
 * change (no re-sort, no recount): checked against a model rebuilt from scratch after each step of
 * a long, mixed run of changes, and by the derived lists staying the same objects.
 */
import * as assert from 'node:assert/strict';
import type { VobizNumber, VobizTrunk } from '../../../src/api';
import { AccountModel } from '../../../src/model/accountModel';
import type { ModelChange } from '../../../src/model/accountModel';
import { aNumber, aTrunk } from '../../support/builders';

const TRUNKS = [aTrunk('t1'), aTrunk('t2'), aTrunk('t3', { trunk_status: 'inactive' }), aTrunk('t4')];

/** `count` numbers, unordered (the model orders them), spread over the trunks; every fifth unassigned. */
function inventory(count: number): VobizNumber[] {
  return Array.from({ length: count }, (_, i) => {
    const e164 = `+91${String(8_000_000_000 + ((i * 7_919) % count) * 3)}`;
    return aNumber(e164, i % 5 === 0 ? {} : { trunk_group_id: TRUNKS[i % TRUNKS.length].trunk_id });
  });
}

/** A deterministic pseudo-random sequence (no Math.random: a failure must replay). */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

/** One change a routing flow or a re-read can make: move, unassign, block, remove, or a number not seen before. */
function randomChange(model: AccountModel, next: () => number, step: number): [string, VobizNumber | undefined] {
  const all = model.numbers();
  const n = all[Math.floor(next() * all.length)];
  const roll = next();
  if (roll < 0.4) return [n.e164, { ...n, trunk_group_id: TRUNKS[Math.floor(next() * TRUNKS.length)].trunk_id }];
  if (roll < 0.6) {
    const { trunk_group_id: _gone, ...unassigned } = n;
    return [n.e164, unassigned];
  }
  if (roll < 0.7) return [n.e164, { ...n, is_blocked: true }];
  if (roll < 0.85) return [n.e164, undefined];
  const e164 = `+1415${String(5_550_000 + step)}`;
  return [e164, aNumber(e164, { trunk_group_id: 't2' })];
}

function rebuilt(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[]): AccountModel {
  const fresh = new AccountModel();
  fresh.setInventory(numbers, trunks);
  return fresh;
}

function assertSameDerived(model: AccountModel, reference: AccountModel, when: string): void {
  const e164s = (list: readonly VobizNumber[]): string[] => list.map((n) => n.e164);
  assert.deepEqual(e164s(model.numbers()), e164s(reference.numbers()), `numbers() ${when}`);
  for (const t of TRUNKS) {
    assert.deepEqual(
      e164s(model.numbersOfTrunk(t.trunk_id)),
      e164s(reference.numbersOfTrunk(t.trunk_id)),
      `numbersOfTrunk(${t.trunk_id}) ${when}`,
    );
  }
  assert.equal(model.numberCount, reference.numberCount, `numberCount ${when}`);
  assert.deepEqual([...model.problemNumbers()].sort(), [...reference.problemNumbers()].sort(), `problemNumbers() ${when}`);
  for (const n of model.numbers()) assert.equal(model.number(n.e164), n, `number(${n.e164}) is the listed object ${when}`);
}

describe('AccountModel: a change to one number updates what derives from it in place', () => {
  it('after each of 400 mixed changes, the derived lists equal those of a model rebuilt from scratch', () => {
    const model = rebuilt(inventory(1_500), TRUNKS);
    const next = sequence(42);
    assertSameDerived(model, rebuilt(model.numbers(), TRUNKS), 'after the load');
    for (let step = 0; step < 400; step++) {
      const [e164, fresh] = randomChange(model, next, step);
      model.updateNumber(e164, fresh);
      if (step % 20 === 19) assertSameDerived(model, rebuilt(model.numbers(), TRUNKS), `after change ${step + 1}`);
    }
  });

  it('keeps the same lists (updated, not rebuilt): the sorted numbers, each trunk’s, the problem set', () => {
    const model = rebuilt(inventory(3_000), TRUNKS);
    const numbers = model.numbers();
    const t1 = model.numbersOfTrunk('t1');
    const t2 = model.numbersOfTrunk('t2');
    const problems = model.problemNumbers();
    const moved = t1[10];
    model.updateNumber(moved.e164, { ...moved, trunk_group_id: 't2' });
    assert.equal(model.numbers(), numbers, 'numbers() is the same array, updated in place');
    assert.equal(model.numbersOfTrunk('t1'), t1);
    assert.equal(model.numbersOfTrunk('t2'), t2);
    assert.equal(model.problemNumbers(), problems);
    assert.ok(!t1.some((n) => n.e164 === moved.e164), 'left t1');
    assert.equal(t2.filter((n) => n.e164 === moved.e164).length, 1, 'joined t2 once');
    const at = t2.findIndex((n) => n.e164 === moved.e164);
    assert.ok(
      (at === 0 || t2[at - 1].e164 < moved.e164) && (at === t2.length - 1 || moved.e164 < t2[at + 1].e164),
      'in E.164 order',
    );
  });

  it('a reload builds the lists anew (the old ones are not updated any more)', () => {
    const model = rebuilt(inventory(100), TRUNKS);
    const before = model.numbers();
    model.setInventory(inventory(50), TRUNKS);
    assert.notEqual(model.numbers(), before);
    assert.equal(model.numbers().length, 50);
  });

  it('counts the numbers that will not receive calls as they change: to an inactive trunk, blocked, removed, fixed', () => {
    const model = rebuilt(
      [aNumber('+911', { trunk_group_id: 't1' }), aNumber('+912', { status: 'pending_release' }), aNumber('+913')],
      TRUNKS,
    );
    assert.deepEqual([...model.problemNumbers()], ['+912']);
    model.updateNumber('+911', aNumber('+911', { trunk_group_id: 't3' }));
    model.updateNumber('+913', aNumber('+913', { is_blocked: true }));
    assert.deepEqual([...model.problemNumbers()].sort(), ['+911', '+912', '+913']);
    model.updateNumber('+912', undefined);
    model.updateNumber('+913', aNumber('+913'));
    assert.deepEqual([...model.problemNumbers()], ['+911']);
  });

  it('fires one change per update, naming the trunks the number left and joined, and counts changes', () => {
    const model = rebuilt([aNumber('+911', { trunk_group_id: 't1' }), aNumber('+912')], TRUNKS);
    const changes: ModelChange[] = [];
    model.onDidChange((c) => changes.push(c));
    const version = model.version;
    model.updateNumber('+911', aNumber('+911', { trunk_group_id: 't2' }));
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    model.updateNumber('+911', undefined);
    model.updateNumber('+913', aNumber('+913'));
    assert.deepEqual(changes, [
      { kind: 'number', e164: '+911', trunkIds: ['t1', 't2'] },
      { kind: 'number', e164: '+912', trunkIds: ['t2'] },
      { kind: 'number', e164: '+911', trunkIds: ['t2'] },
      { kind: 'number', e164: '+913', trunkIds: [] },
    ]);
    assert.equal(model.version, version + 4);
    assert.deepEqual(
      model.numbers().map((n) => n.e164),
      ['+912', '+913'],
    );
    assert.deepEqual(
      model.numbersOfTrunk('t2').map((n) => n.e164),
      ['+912'],
    );
    assert.deepEqual(model.numbersOfTrunk('t1'), []);
  });
});
