/**
 * Edge cases an independent review reproduced (each failed before its fix): sign-out during a move,
 * a sub-account change during the main account's first load, undo history per number, a released
 * number's undo, quoted labels, a failed change that wrote nothing, a stale re-read.
 */
import * as assert from 'node:assert/strict';
import { NOWHERE, toTrunk } from '../../../src/model/routing';
import type { Routing } from '../../../src/model/routing';
import type { AccountSession } from '../../../src/session/accountSession';
import type { ChangeReport } from '../../../src/session/changeReport';
import { undoSummary } from '../../../src/session/changeReport';
import { FakeVobiz } from '../../fake-vobiz/server';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../../fake-vobiz/seed';
import type { accountsOn } from '../../support/editorStandIns';
import { useSignedInMain } from '../../support/editorStandIns';

const MAIN = { authId: SANDBOX.authId, authToken: SANDBOX.authToken };
const SUB = { authId: SANDBOX.subAuthId, authToken: SANDBOX.subAuthToken };

describe('session: routing edge cases (from review)', () => {
  const fake = new FakeVobiz();
  let env: ReturnType<typeof accountsOn>;
  let main: AccountSession;

  const signedIn = useSignedInMain(fake);
  beforeEach(() => {
    ({ env, main } = signedIn);
  });

  /** A change of one number from `session`'s node, as a command makes it. */
  const change = (session: AccountSession, e164: string, to: Routing, expected?: Routing): Promise<ChangeReport> =>
    env.accounts.changes.change({ session, e164, to, expected });

  it('signing out during a move lets the move finish on its connection: the number is not left unassigned', async () => {
    const X = NUMBER.onProd;
    const gate = fake.hold({ method: 'DELETE', path: '/assign' });
    const moving = change(main, X, toTrunk(TRUNK.staging), toTrunk(TRUNK.prod));
    await gate.whenWaiting(1);
    await env.accounts.signOut(MAIN.authId);
    gate.open();
    const report = await moving;
    assert.equal(fake.number(X)?.trunk_group_id, TRUNK.staging, 'the move finished');
    assert.equal(report.outcomes[0].kind, 'applied', report.message);
  });

  it("a change from the sub-account during the main account's first load is kept, not overwritten by the older page", async () => {
    const sub = await env.accounts.signIn(SUB);
    await sub.load();
    // A second main session would replace the first; use a fresh env for the main instead: re-sign-in main (first load).
    const main2 = await env.accounts.signIn(MAIN); // replaces main: a new session, model idle
    const gate = fake.hold({
      method: 'GET',
      path: '/numbers',
      when: (r) => r.authId === MAIN.authId && !r.query.search,
      answerMadeFirst: true,
    });
    const loading = main2.load();
    await gate.whenWaiting(1);
    await change(sub, NUMBER.subUnassigned, toTrunk(TRUNK.reseller), NOWHERE);
    assert.equal(fake.number(NUMBER.subUnassigned)?.trunk_group_id, TRUNK.reseller);
    gate.open();
    await loading;
    assert.equal(
      main2.model.number(NUMBER.subUnassigned)?.trunk_group_id,
      TRUNK.reseller,
      'main shows the change, not its older page',
    );
  });

  it('the undo history is per number, whichever account changed it: a later change from the other node retires the first record', async () => {
    const sub = await env.accounts.signIn(SUB);
    await sub.load();
    const history = env.accounts.changes.history;
    const X = NUMBER.subOnReseller;
    const rec1 = (await change(main, X, NOWHERE, toTrunk(TRUNK.reseller))).record;
    // Then from the sub-account's node: assign back to Reseller, then unassign again.
    await change(sub, X, toTrunk(TRUNK.reseller), NOWHERE);
    const rec3 = (await change(sub, X, NOWHERE, toTrunk(TRUNK.reseller))).record;
    assert.ok(rec1 && rec3);
    assert.equal(history.undoable(rec1).length, 0, 'the first record is retired by the later changes');
    assert.equal(history.undoable(rec3).length, 1, 'the last one is the one to undo');
    assert.equal(history.last, rec3);
  });

  it('undo of a number no longer listed leaves it alone and says so (skipped, not failed)', async () => {
    const X = NUMBER.unassigned;
    const rec = (await change(main, X, toTrunk(TRUNK.prod), NOWHERE)).record;
    assert.ok(rec);
    fake.numbers.splice(
      fake.numbers.findIndex((n) => n.e164 === X),
      1,
    );
    const report = await env.accounts.changes.undo(rec);
    assert.deepEqual(
      report.outcomes.map((o) => o.kind),
      ['moved'],
      'left alone, not failed',
    );
    assert.match(report.message, /^Nothing undone: \+\d+ is no longer listed in the account/);
  });

  it('a bulk undo message quotes its label once (no doubled quotes)', () => {
    const undone = ['+1', '+2', '+3'].map((e164) => ({ e164, authId: MAIN.authId, kind: 'applied' as const, sentence: '' }));
    const m = undoSummary('Routed 3 numbers to trunk "Legacy PBX"', undone, undefined);
    assert.equal(m, 'Undone for 3 numbers: routed 3 numbers to trunk "Legacy PBX".');
  });

  it('a change that stopped before writing (its read failed) leaves the earlier change undoable', async () => {
    const history = env.accounts.changes.history;
    const X = NUMBER.unassigned;
    const rec = (await change(main, X, toTrunk(TRUNK.prod), NOWHERE)).record;
    assert.ok(rec);
    fake.inject({ method: 'GET', path: '/numbers', fault: { type: 'status', status: 500 }, times: 10 });
    const report = await change(main, X, toTrunk(TRUNK.staging), toTrunk(TRUNK.prod));
    assert.equal(report.outcomes[0].kind, 'notApplied', 'nothing was written');
    assert.match(report.message, /could not be read first/);
    assert.equal(fake.requests.filter((r) => r.method !== 'GET').length, 1, 'only the first change wrote');
    fake.clearFaults();
    assert.equal(history.undoable(rec).length, 1);
    assert.equal(history.last, rec);
  });

  it("a re-read (bulk confirmation, palette) runs in the number's queue: it cannot land after a change with an older answer", async () => {
    const X = NUMBER.onProd;
    let first = true;
    const gate = fake.hold({
      method: 'GET',
      path: '/numbers',
      answerMadeFirst: true,
      when: (r) => r.query.search === X && first && !(first = false),
    });
    const reading = env.accounts.changes.read(main, X);
    await gate.whenWaiting(1);
    await change(main, X, toTrunk(TRUNK.staging), toTrunk(TRUNK.prod));
    assert.equal(main.model.number(X)?.trunk_group_id, TRUNK.staging);
    gate.open();
    await reading;
    assert.equal(main.model.number(X)?.trunk_group_id, TRUNK.staging, 'the model shows the change');
  });
});
