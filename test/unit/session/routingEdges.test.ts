/**
 * Edge cases an independent review reproduced (each failed before its fix): sign-out during a move,
 * a sub-account change during the main account's first load, undo history per number, a released
 * number's undo, quoted labels, a failed change that wrote nothing, a stale re-read.
 */
import * as assert from 'node:assert/strict';
import { NOWHERE, RoutingError, toTrunk } from '../../../src/model/routing';
import { UndoHistory } from '../../../src/model/undoHistory';
import type { AccountSession } from '../../../src/session/accountSession';
import { undoMessage, undoRecord } from '../../../src/session/undo';
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

  it('signing out during a move lets the move finish on its connection: the number is not left unassigned', async () => {
    const X = NUMBER.onProd;
    const gate = fake.hold({ method: 'DELETE', path: '/assign' });
    const moving = main.routing
      .change({ e164: X, to: toTrunk(TRUNK.staging), expected: toTrunk(TRUNK.prod) })
      .catch((e: Error) => e);
    await gate.whenWaiting(1);
    await env.accounts.signOut(MAIN.authId);
    gate.open();
    const outcome = await moving;
    assert.equal(fake.number(X)?.trunk_group_id, TRUNK.staging, 'the move finished');
    assert.ok(!(outcome instanceof Error), outcome instanceof Error ? outcome.message : '');
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
    await sub.routing.change({ e164: NUMBER.subUnassigned, to: toTrunk(TRUNK.reseller), expected: NOWHERE });
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
    const history = new UndoHistory();
    const X = NUMBER.subOnReseller;
    const r1 = await main.routing.change({ e164: X, to: NOWHERE, expected: toTrunk(TRUNK.reseller) });
    const rec1 = history.record(r1!.message, [{ authId: MAIN.authId, e164: X, before: r1!.before, after: r1!.after }])!;
    // Then from the sub-account's node: assign back to Reseller, then unassign again.
    const r2 = await sub.routing.change({ e164: X, to: toTrunk(TRUNK.reseller), expected: NOWHERE });
    history.record(r2!.message, [{ authId: SUB.authId, e164: X, before: r2!.before, after: r2!.after }]);
    const r3 = await sub.routing.change({ e164: X, to: NOWHERE, expected: toTrunk(TRUNK.reseller) });
    const rec3 = history.record(r3!.message, [{ authId: SUB.authId, e164: X, before: r3!.before, after: r3!.after }])!;
    assert.equal(history.undoable(rec1).length, 0, 'the first record is retired by the later changes');
    assert.equal(history.undoable(rec3).length, 1, 'the last one is the one to undo');
  });

  it('undo of a number no longer listed leaves it alone and says so (skipped, not failed)', async () => {
    const history = new UndoHistory();
    const X = NUMBER.unassigned;
    const r = await main.routing.change({ e164: X, to: toTrunk(TRUNK.prod), expected: NOWHERE });
    const rec = history.record(r!.message, [{ authId: MAIN.authId, e164: X, before: r!.before, after: r!.after }])!;
    fake.numbers.splice(
      fake.numbers.findIndex((n) => n.e164 === X),
      1,
    );
    const report = await undoRecord(env.accounts, history, rec, { concurrency: 3 });
    assert.equal(report.failed.length, 0);
    assert.equal(report.skipped.length, 1);
    assert.match(report.message, /^Nothing undone: \+\d+ is no longer listed in the account/);
  });

  it('a bulk undo message quotes its label once (no doubled quotes)', () => {
    const m = undoMessage({
      label: 'Routed 3 numbers to trunk "Legacy PBX"',
      total: 3,
      undone: ['+1', '+2', '+3'],
      skipped: [],
      failed: [],
      notStarted: [],
      cancelled: false,
    });
    assert.doesNotMatch(m, /""/);
  });

  it('a change that stopped before writing is no RoutingError that wrote: the earlier change stays undoable (runner rule)', async () => {
    const history = new UndoHistory();
    const X = NUMBER.unassigned;
    const r = await main.routing.change({ e164: X, to: toTrunk(TRUNK.prod), expected: NOWHERE });
    const rec = history.record(r!.message, [{ authId: MAIN.authId, e164: X, before: r!.before, after: r!.after }])!;
    fake.inject({ method: 'GET', path: '/numbers', fault: { type: 'status', status: 500 }, times: 10 });
    const err = await main.routing.change({ e164: X, to: toTrunk(TRUNK.staging), expected: toTrunk(TRUNK.prod) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error && !(err instanceof RoutingError && err.written), 'nothing was written');
    assert.equal(fake.requests.filter((r) => r.method !== 'GET').length, 1, 'only the first change wrote');
    fake.clearFaults();
    assert.equal(history.undoable(rec).length, 1);
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
    const reading = main.routing.refreshNumber(X);
    await gate.whenWaiting(1);
    await main.routing.change({ e164: X, to: toTrunk(TRUNK.staging), expected: toTrunk(TRUNK.prod) });
    assert.equal(main.model.number(X)?.trunk_group_id, TRUNK.staging);
    gate.open();
    await reading;
    assert.equal(main.model.number(X)?.trunk_group_id, TRUNK.staging, 'the model shows the change');
  });
});
