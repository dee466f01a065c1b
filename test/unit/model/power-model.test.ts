import * as assert from 'node:assert/strict';
import { normalizeNumber, rawOf } from '../../../src/api';
import type { VobizTrunk } from '../../../src/api';
import { AccountModel } from '../../../src/model/accountModel';
import { runBounded } from '../../../src/model/bulkRun';
import { describeFilter, filterDigits, matchesFilter } from '../../../src/model/numberFilter';
import { numberRanges } from '../../../src/model/numberRanges';
import { countProblems, numberDescription } from '../../../src/model/routingRules';
import { aNumber, aTrunk } from '../../support/builders';

describe('number filter', () => {
  it('digits: a substring of the E.164 digits, whatever separators the person typed', () => {
    const r = filterDigits(' +91 80-41 ');
    assert.deepEqual(r, { digits: '918041' });
    const f = { kind: 'digits', digits: '918041' } as const;
    assert.equal(matchesFilter(f, aNumber('+918041234567'), 'MA_1'), true);
    assert.equal(matchesFilter(f, aNumber('+912271264217'), 'MA_1'), false);
    assert.equal(
      matchesFilter({ kind: 'digits', digits: '4217' }, aNumber('+912271264217'), 'MA_1'),
      true,
      'the end of a number',
    );
  });

  it('digits: letters or nothing are refused with a reason', () => {
    assert.ok('problem' in filterDigits(''));
    assert.ok('problem' in filterDigits('abc'));
    assert.ok('problem' in filterDigits('+ -'));
  });

  it('by trunk: only that trunk of that account; unassigned: no trunk (app-routed counts as unassigned from trunks)', () => {
    const byTrunk = { kind: 'trunk', authId: 'MA_1', trunkId: 't1', trunkName: 'Prod' } as const;
    assert.equal(matchesFilter(byTrunk, aNumber('+911', { trunk_group_id: 't1' }), 'MA_1'), true);
    assert.equal(matchesFilter(byTrunk, aNumber('+911', { trunk_group_id: 't1' }), 'SA_2'), false, 'same id in another account');
    assert.equal(matchesFilter(byTrunk, aNumber('+911', { trunk_group_id: 't2' }), 'MA_1'), false);
    assert.equal(matchesFilter({ kind: 'unassigned' }, aNumber('+911'), 'MA_1'), true);
    assert.equal(matchesFilter({ kind: 'unassigned' }, aNumber('+911', { application_id: 'app' }), 'MA_1'), true);
    assert.equal(matchesFilter({ kind: 'unassigned' }, aNumber('+911', { trunk_group_id: 't1' }), 'MA_1'), false);
    assert.equal(matchesFilter(undefined, aNumber('+911'), 'MA_1'), true);
  });

  it('says itself in words', () => {
    assert.equal(describeFilter({ kind: 'digits', digits: '9180' }), 'numbers containing 9180');
    assert.equal(describeFilter({ kind: 'trunk', authId: 'MA_1', trunkId: 't', trunkName: 'Prod' }), 'numbers on trunk "Prod"');
    assert.equal(describeFilter({ kind: 'unassigned' }), 'unassigned numbers only');
  });
});

describe('bounded bulk runs', () => {
  it('never runs more than the limit at once, and reports successes and failures in input order', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 10 }, (_, i) => i);
    const outcome = await runBounded(
      items,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        if (i % 4 === 3) throw new Error(`no ${i}`);
        return i * 2;
      },
      { concurrency: 3 },
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      outcome.succeeded.map((s) => s.item),
      [0, 1, 2, 4, 5, 6, 8, 9],
    );
    assert.deepEqual(
      outcome.failed.map((f) => f.error.message),
      ['no 3', 'no 7'],
    );
    assert.equal(outcome.cancelled, false);
  });

  it('a cancel stops starting new jobs; running ones finish; the rest are reported as not started', async () => {
    let settled = 0;
    const outcome = await runBounded([1, 2, 3, 4, 5, 6], (i) => Promise.resolve(i), {
      concurrency: 2,
      isCancelled: () => settled >= 2,
      onSettled: (done) => (settled = done),
    });
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.succeeded.length + outcome.notStarted.length, 6);
    assert.ok(outcome.succeeded.length >= 2 && outcome.succeeded.length <= 3, `ran ${outcome.succeeded.length}`);
  });

  it('a failure that makes the rest pointless stops new starts; the rest are reported as not started', async () => {
    const started: number[] = [];
    const outcome = await runBounded(
      [1, 2, 3, 4, 5, 6, 7, 8],
      (i) => {
        started.push(i);
        return i === 2 ? Promise.reject(new Error('rejected credentials')) : Promise.resolve(i);
      },
      { concurrency: 2, stopWhen: (e) => e.message === 'rejected credentials' },
    );
    assert.equal(outcome.stoppedBy?.message, 'rejected credentials');
    assert.equal(outcome.cancelled, false);
    assert.ok(started.length <= 3, `started ${started.join(',')}`);
    assert.deepEqual(
      outcome.notStarted,
      [1, 2, 3, 4, 5, 6, 7, 8].filter((i) => !started.includes(i)),
    );
    assert.equal(outcome.failed.length, 1);
  });

  it('other failures do not stop the run', async () => {
    const outcome = await runBounded([1, 2, 3], (i) => (i === 1 ? Promise.reject(new Error('busy')) : Promise.resolve(i)), {
      concurrency: 1,
      stopWhen: () => false,
    });
    assert.equal(outcome.stoppedBy, undefined);
    assert.equal(outcome.succeeded.length, 2);
  });

  it('an empty list runs nothing', async () => {
    const outcome = await runBounded([], () => Promise.reject(new Error('never')), { concurrency: 3 });
    assert.deepEqual(outcome, { succeeded: [], failed: [], notStarted: [], cancelled: false });
  });
});

describe('status at a glance', () => {
  it('counts numbers routed to an inactive trunk, pending release, blocked or released', () => {
    const trunks: Record<string, VobizTrunk> = {
      on: aTrunk('on'),
      off: aTrunk('off', { trunk_status: 'inactive' }),
    };
    const numbers = [
      aNumber('+911', { trunk_group_id: 'on' }),
      aNumber('+912', { trunk_group_id: 'off' }),
      aNumber('+913', { status: 'pending_release' }),
      aNumber('+914', { is_blocked: true }),
      aNumber('+915'),
      aNumber('+916', { status: 'some_new_state' }),
    ];
    assert.equal(
      countProblems(numbers, (id) => (id ? trunks[id] : undefined)),
      3,
    );
  });

  it("a sub-account's number names its owner in the description seen from the main account", () => {
    const sub = aNumber('+914440001111', { account_id: 'SA_2', region: 'Tamil Nadu' });
    assert.equal(numberDescription(sub, undefined, 'MA_1'), 'unassigned · Tamil Nadu · owner SA_2');
    assert.equal(numberDescription(sub, undefined, 'SA_2'), 'unassigned · Tamil Nadu');
  });
});

describe('raw objects', () => {
  it('rawOf gives the object exactly as the API sent it, before normalisation', () => {
    const raw = { e164: '+911', trunk_group_id: null, auth_id: 'MA_1', extra: { x: 1 } };
    const normalized = normalizeNumber(raw);
    assert.ok(normalized);
    assert.equal('trunk_group_id' in normalized, false);
    // Only what normalisation changed is kept beside the copy: the object as sent is put back together from it.
    assert.equal(
      JSON.stringify(rawOf(normalized)),
      JSON.stringify(raw),
      'the same keys, in the same order, with the same values',
    );
    const local = aNumber('+912');
    assert.equal(rawOf(local), local, 'an object the API did not send is itself');
  });
});

describe('ranges for long lists', () => {
  it('slices a list longer than the threshold into ranges; a short one is shown whole', () => {
    assert.equal(numberRanges(1000), undefined);
    assert.deepEqual(numberRanges(1001), [
      { from: 0, to: 500 },
      { from: 500, to: 1000 },
      { from: 1000, to: 1001 },
    ]);
    assert.equal(numberRanges(10_000)?.length, 20);
  });
});

describe('progressive loading in the model', () => {
  it('a partial inventory is shown as such, then replaced by the whole one', () => {
    const model = new AccountModel();
    const changes: string[] = [];
    model.onDidChange((c) => changes.push(c.kind));
    model.setLoading();
    model.setPartial([aNumber('+911')], []);
    assert.equal(model.status, 'partial');
    assert.equal(model.numberCount, 1);
    model.setInventory([aNumber('+911'), aNumber('+912')], []);
    assert.equal(model.status, 'ready');
    assert.equal(model.numberCount, 2);
    assert.deepEqual(changes, ['all', 'all', 'all']);
  });
});
