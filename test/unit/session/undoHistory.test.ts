/**
 * The undo history on its own: a number belongs to the change that last wrote it, in the order of
 * the writes; only a write that was, or may have been, applied takes it from a change; a read that
 * shows the server changed it since takes it too; signing out clears an account's changes, and says so.
 */
import * as assert from 'node:assert/strict';
import { NOWHERE, toTrunk } from '../../../src/model/routing';
import { UndoHistory } from '../../../src/session/undoHistory';
import type { ChangeRecord, RoutingStep } from '../../../src/session/undoHistory';

const step = (e164: string, before = NOWHERE, after = toTrunk('t1'), authId = 'MA_1'): RoutingStep => ({
  authId,
  e164,
  before,
  after,
});

/** A change of one or more numbers, each written (applied) in turn, then ended with its label. */
function change(u: UndoHistory, label: string, ...steps: RoutingStep[]): ChangeRecord | undefined {
  const record = u.begin('');
  for (const s of steps) u.written(s.e164, s.authId, record, s);
  return u.end(record, label);
}

describe('session: undo history', () => {
  it('keeps a change that changed something, with its label; forgets one that changed nothing', () => {
    const u = new UndoHistory();
    assert.equal(change(u, 'nothing', step('+911', toTrunk('t1'), toTrunk('t1'))), undefined);
    const r = change(u, 'Moved', step('+911', toTrunk('t1'), toTrunk('t2')), step('+912', toTrunk('t2'), toTrunk('t2')));
    assert.ok(r);
    assert.equal(r.label, 'Moved');
    assert.deepEqual(
      r.steps.map((s) => s.e164),
      ['+911'],
    );
    assert.equal(u.last, r);
    assert.equal(u.get(r.id), r);
  });

  it('a number belongs to the change that wrote it last, in the order of the writes, not of the changes (defect 1)', () => {
    const u = new UndoHistory();
    // A bulk run begins, writes +911; a single change of +912 begins and ends; then the bulk writes +912 and +913.
    const bulk = u.begin('');
    u.written('+911', 'MA_1', bulk, step('+911'));
    const single = change(u, 'single', step('+914'));
    u.written('+913', 'MA_1', bulk, step('+913'));
    const ended = u.end(bulk, 'bulk');
    assert.ok(single && ended);
    assert.equal(u.last, ended, 'the bulk wrote last');
    const later = change(u, 'later', step('+911', toTrunk('t1'), toTrunk('t2')));
    assert.ok(later);
    assert.equal(u.last, later);
    assert.deepEqual(
      u.undoable(ended).map((s) => s.e164),
      ['+913'],
      "+911 is the later change's now",
    );
    assert.deepEqual(
      u.undoable(single).map((s) => s.e164),
      ['+914'],
    );
  });

  it('a write refused (never told) leaves the earlier change undoable; one applied, or maybe applied, takes the number (defects 2, 3)', () => {
    const u = new UndoHistory();
    const first = change(u, 'first', step('+911'), step('+912'));
    assert.ok(first);
    // A later change refused by Vobiz, or an undo whose read failed: nothing is told to the history.
    assert.equal(u.undoable(first).length, 2);
    u.written('+911', 'MA_1', undefined); // an undo's write, or one whose outcome is unknown
    assert.deepEqual(
      u.undoable(first).map((s) => s.e164),
      ['+912'],
    );
    assert.equal(u.last, first);
    u.written('+912', 'MA_1', undefined);
    assert.equal(u.last, undefined, 'nothing left to undo');
  });

  it('a read that shows the server changed a number since takes it from its change; one that shows it as left does not', () => {
    const u = new UndoHistory();
    const r = change(u, 'x', step('+911'), step('+912'));
    assert.ok(r);
    u.observed('+911', toTrunk('t1'));
    assert.equal(u.undoable(r).length, 2);
    u.observed('+911', toTrunk('t9'));
    u.observed('+912', undefined);
    assert.deepEqual(u.undoable(r), []);
  });

  it("a number is one number whichever account changed it; signing out clears that account's changes, and says so (defect 6)", () => {
    const u = new UndoHistory();
    const r = change(u, 'x', step('+911'));
    assert.ok(r);
    u.written('+911', 'SA_2', undefined);
    assert.equal(u.undoable(r).length, 0, "changed since from the sub-account's node");
    assert.deepEqual(u.nothingToUndo(r), { why: 'changedSince', e164s: ['+911'] });
    const again = change(u, 'y', step('+912'));
    assert.ok(again);
    u.forgetAccount('MA_1');
    assert.equal(u.undoable(again).length, 0);
    assert.equal(u.last, undefined);
    assert.deepEqual(u.nothingToUndo(again), { why: 'signedOut', authId: 'MA_1' });
  });

  it('tells its listeners of every change, with the record of a change that ended and changed something', () => {
    const u = new UndoHistory();
    const seen: string[] = [];
    const sub = u.onDidChange((recorded) =>
      seen.push(`${recorded ? `recorded ${recorded.label}` : 'changed'}, last ${u.last ? 'defined' : 'undefined'}`),
    );
    change(u, 'Assigned', step('+911'));
    u.written('+911', 'MA_1', undefined);
    u.forgetAccount('MA_1');
    sub.dispose();
    change(u, 'unseen', step('+912'));
    assert.deepEqual(seen, [
      // Written, not ended yet: Undo Last does not offer a change still running.
      'changed, last undefined',
      'recorded Assigned, last defined',
      'changed, last undefined',
      'changed, last undefined',
    ]);
  });
});
