import * as assert from 'node:assert/strict';
import { NOWHERE, toTrunk } from '../../../src/model/routing';
import { UndoHistory } from '../../../src/model/undoHistory';
import type { ChangeRecord } from '../../../src/model/undoHistory';

/** What a listener saw: `recorded <label>` or `changed`, with whether something was left to undo. */
function watch(u: UndoHistory): { seen: string[]; dispose(): void } {
  const seen: string[] = [];
  const sub = u.onDidChange((recorded: ChangeRecord | undefined) =>
    seen.push(`${recorded ? `recorded ${recorded.label}` : 'changed'}, last ${u.last ? 'defined' : 'undefined'}`),
  );
  return { seen, dispose: () => sub.dispose() };
}

describe('undo history: its listeners (what the Undo context key follows)', () => {
  it('is told once per record (with the record), touch and forget, and sees `last` as it is then', () => {
    const u = new UndoHistory();
    const w = watch(u);
    u.record('Assigned', [
      { authId: 'MA_1', e164: '+911', before: NOWHERE, after: toTrunk('t1') },
      { authId: 'MA_1', e164: '+912', before: NOWHERE, after: toTrunk('t1') },
    ]);
    u.touch('MA_1', '+911');
    u.touch('MA_1', '+912');
    u.record('Moved', [{ authId: 'MA_1', e164: '+913', before: toTrunk('t1'), after: toTrunk('t2') }]);
    u.forgetAccount('MA_1');
    assert.deepEqual(w.seen, [
      'recorded Assigned, last defined',
      'changed, last defined',
      'changed, last undefined',
      'recorded Moved, last defined',
      'changed, last undefined',
    ]);
  });

  it('a change that changed nothing is told without a record; a disposed listener is told nothing', () => {
    const u = new UndoHistory();
    const w = watch(u);
    assert.equal(u.record('nothing', [{ authId: 'MA_1', e164: '+911', before: toTrunk('t1'), after: toTrunk('t1') }]), undefined);
    w.dispose();
    u.record('Assigned', [{ authId: 'MA_1', e164: '+911', before: NOWHERE, after: toTrunk('t1') }]);
    assert.deepEqual(w.seen, ['changed, last undefined']);
  });
});
