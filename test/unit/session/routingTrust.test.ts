/**
 * Routing changes act on the server's truth (plain Node, real Accounts on the editor stand-ins,
 * against the fake Vobiz): one queue per number across accounts, every model holding a number
 * updated, undo checked and applied inside the number's queue, the full prior routing restored.
 */
import * as assert from 'node:assert/strict';
import type { VobizNumber } from '../../../src/api';
import { NOWHERE, routingOf, toTrunk } from '../../../src/model/routing';
import type { AccountSession } from '../../../src/session/accountSession';
import { undoSummary } from '../../../src/session/changeReport';
import type { ChangeReport, NumberOutcome } from '../../../src/session/changeReport';
import type { ChangeRecord } from '../../../src/session/undoHistory';
import { FakeVobiz } from '../../fake-vobiz/server';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../../fake-vobiz/seed';
import { accountsOn, useSignedInMain } from '../../support/editorStandIns';

const MAIN = { authId: SANDBOX.authId, authToken: SANDBOX.authToken };
const SUB = { authId: SANDBOX.subAuthId, authToken: SANDBOX.subAuthToken };

describe('session: routing changes you can trust (plain Node)', () => {
  const fake = new FakeVobiz();
  let env: ReturnType<typeof accountsOn>;
  let main: AccountSession;

  const signedIn = useSignedInMain(fake);
  beforeEach(() => {
    ({ env, main } = signedIn);
  });

  /** Changes a number as a command does (expected: where the model shows it); its record for undo. */
  async function change(
    session: AccountSession,
    e164: string,
    trunkId: string | undefined,
  ): Promise<{ report: ChangeReport; record: ChangeRecord }> {
    const report = await env.accounts.changes.change({
      session,
      e164,
      to: toTrunk(trunkId),
      expected: routingOf(session.model.number(e164)),
    });
    assert.ok(report.record, report.message);
    return { report, record: report.record };
  }
  /** Routes several numbers at once (as read by the model), as a bulk command does; its record. */
  async function changeMany(session: AccountSession, e164s: string[], trunkId: string): Promise<ChangeRecord> {
    const numbers = e164s.map((e) => session.model.number(e)).filter((n): n is VobizNumber => !!n);
    const report = await env.accounts.changes.changeMany(session, numbers, toTrunk(trunkId));
    assert.ok(report.record, report.message);
    return report.record;
  }
  const undo = (record: ChangeRecord): Promise<ChangeReport> => env.accounts.changes.undo(record);
  const undone = (report: ChangeReport): string[] => report.outcomes.filter((o) => o.kind === 'applied').map((o) => o.e164);

  describe('undo', () => {
    it("checks and acts inside the number's queue: a later change that finishes first is left alone", async () => {
      const X = NUMBER.onProd;
      const { record } = await change(main, X, TRUNK.staging);
      // A slow second move (Staging → Support): its unassign waits at the gate.
      const gate = fake.hold({ method: 'DELETE', path: '/assign' });
      const second = change(main, X, TRUNK.support);
      await gate.whenWaiting(1);
      const undoing = undo(record);
      gate.open();
      await second;
      const report = await undoing;
      assert.equal(fake.number(X)?.trunk_group_id, TRUNK.support, 'the later move stands');
      assert.deepEqual(undone(report), []);
      assert.equal(report.message, `Nothing undone: ${X} now routes to trunk "Support Desk (Bengaluru)", changed since.`);
    });

    it('restores app routing: assigned from an app to a trunk, undo puts it back on the app and says so', async () => {
      const app = NUMBER.appRouted;
      const appId = fake.number(app)!.application_id!;
      const { record } = await change(main, app, TRUNK.prod);
      assert.equal(fake.number(app)?.application_id, undefined);
      const report = await undo(record);
      assert.deepEqual(undone(report), [app]);
      assert.equal(fake.number(app)?.application_id, appId);
      assert.equal(fake.number(app)?.trunk_group_id, undefined);
      assert.equal(main.model.number(app)?.application_id, appId);
      assert.equal(report.message, `Undone: ${app} is back on application ${appId}.`);
    });

    it('a bulk record of one shape: each number back to its full prior routing (trunk, app, nothing)', async () => {
      const nums = [NUMBER.appRouted, NUMBER.unassigned, NUMBER.onSupport];
      const record = await changeMany(main, nums, TRUNK.legacy);
      assert.equal(record.label, 'Routed 3 numbers to trunk "Legacy PBX"');
      const report = await undo(record);
      assert.deepEqual(undone(report).sort(), [...nums].sort());
      assert.ok(fake.number(NUMBER.appRouted)?.application_id);
      assert.equal(fake.number(NUMBER.unassigned)?.trunk_group_id, undefined);
      assert.equal(fake.number(NUMBER.onSupport)?.trunk_group_id, TRUNK.support);
      assert.equal(report.message, 'Undone for 3 numbers: routed 3 numbers to trunk "Legacy PBX".');
    });

    it('an outside change to one number of a bulk record: the others are undone, that one is left and named', async () => {
      const record = await changeMany(main, [NUMBER.unassigned, NUMBER.unassigned2], TRUNK.prod);
      fake.number(NUMBER.unassigned2)!.trunk_group_id = TRUNK.staging;
      const report = await undo(record);
      assert.deepEqual(undone(report), [NUMBER.unassigned]);
      assert.equal(fake.number(NUMBER.unassigned2)?.trunk_group_id, TRUNK.staging, 'left as the console put it');
      assert.equal(
        report.message,
        `Undone for 1 of 2 numbers: routed 2 numbers to trunk "Acme Production". ${NUMBER.unassigned2} was left as it is (now routes to trunk "Acme Staging", changed since).`,
      );
    });
  });

  describe('a refresh while changes are made', () => {
    /** Holds the list pages' answers (made when asked) until the test opens the gate. */
    const holdListPages = () =>
      fake.hold({ method: 'GET', path: '/numbers', when: (r) => !r.query.search, answerMadeFirst: true });

    it('keeps the last inventory in place (status ready) until the new one is complete', async () => {
      const gate = holdListPages();
      const refreshing = main.load();
      await gate.whenWaiting(1);
      assert.equal(main.model.status, 'ready');
      assert.equal(main.refreshing, true);
      assert.equal(main.model.numberCount, fake.numbers.length);
      gate.open();
      await refreshing;
      assert.equal(main.refreshing, false);
    });

    it("a change made during it acts at once, and the refresh's older pages do not overwrite it", async () => {
      const gate = holdListPages();
      const refreshing = main.load();
      await gate.whenWaiting(1);
      // The page was read before the change: it says unassigned.
      await main.whenUsable();
      await change(main, NUMBER.unassigned, TRUNK.prod);
      assert.equal(fake.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.prod);
      gate.open();
      await refreshing;
      assert.equal(main.model.status, 'ready');
      assert.equal(main.model.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.prod, 'the newer state stays');
    });

    it('an undo during it too: the refresh leaves the undone number as the undo left it', async () => {
      const { record } = await change(main, NUMBER.onProd, TRUNK.staging);
      const gate = holdListPages();
      const refreshing = main.load();
      await gate.whenWaiting(1);
      const report = await undo(record);
      assert.deepEqual(undone(report), [NUMBER.onProd]);
      gate.open();
      await refreshing;
      assert.equal(main.model.number(NUMBER.onProd)?.trunk_group_id, TRUNK.prod);
      assert.equal(fake.number(NUMBER.onProd)?.trunk_group_id, TRUNK.prod);
    });

    it('a first load (nothing shown yet) still shows its pages as they come, merged the same way', async () => {
      const other = accountsOn(fake.baseUrl);
      const session = await other.accounts.signIn(MAIN);
      const gate = fake.hold({ method: 'GET', path: '/numbers', when: (r) => !r.query.search });
      const loading = session.load();
      await gate.whenWaiting(1);
      assert.equal(session.model.status, 'loading');
      assert.equal(session.refreshing, false);
      gate.open();
      await loading;
      assert.equal(session.model.status, 'ready');
      other.accounts.dispose();
    });
  });

  describe('main account and sub-account', () => {
    let sub: AccountSession;
    beforeEach(async () => {
      sub = await env.accounts.signIn(SUB);
      await sub.load();
      fake.clearRequests();
    });

    it("a change from the main account's node updates the sub-account's model too", async () => {
      await change(main, NUMBER.subUnassigned, TRUNK.reseller);
      assert.equal(sub.model.number(NUMBER.subUnassigned)?.trunk_group_id, TRUNK.reseller);
      assert.equal(main.model.number(NUMBER.subUnassigned)?.trunk_group_id, TRUNK.reseller);
    });

    it("… and one from the sub-account's node updates the main account's model", async () => {
      await change(sub, NUMBER.subOnReseller, undefined);
      assert.equal(main.model.number(NUMBER.subOnReseller)?.trunk_group_id, undefined);
      assert.equal(sub.model.number(NUMBER.subOnReseller)?.trunk_group_id, undefined);
    });

    it('changes of one number from the two nodes run one after the other (one queue per number)', async () => {
      const gate = fake.hold({ method: 'POST', path: '/assign' });
      const fromMain = change(main, NUMBER.subUnassigned, TRUNK.reseller);
      await gate.whenWaiting(1);
      // The sub-account's change waits for the main account's: it reads after the assign, and stops.
      const fromSub = env.accounts.changes.change({ session: sub, e164: NUMBER.subUnassigned, to: NOWHERE, expected: NOWHERE });
      gate.open();
      await fromMain;
      const second = await fromSub;
      assert.equal(second.outcomes[0].kind, 'moved', 'the second change stops');
      assert.match(second.message, /now routes to trunk/);
      const order = fake.requests.map((r) => `${r.authId} ${r.method}`);
      assert.deepEqual(order, [`${MAIN.authId} GET`, `${MAIN.authId} POST`, `${MAIN.authId} GET`, `${SUB.authId} GET`]);
    });
  });
});

describe('undo messages', () => {
  const o = (e164: string, kind: NumberOutcome['kind'], sentence = '', after?: NumberOutcome['after']): NumberOutcome => ({
    e164,
    authId: MAIN.authId,
    kind,
    sentence,
    after,
  });
  const cases = [
    undoSummary('x', [o('+911', 'applied', '', toTrunk('t1'))], undefined, 'trunk "Prod"'),
    undoSummary('x', [o('+911', 'applied', '', NOWHERE)], undefined, 'no trunk'),
    undoSummary('x', [o('+911', 'moved', 'now routes to trunk "X", changed since')], undefined),
    undoSummary(
      'Routed 2 numbers to trunk "X".',
      [o('+911', 'applied', '', toTrunk('t1')), o('+912', 'moved', 'is now unassigned, changed since')],
      undefined,
    ),
    undoSummary(
      'Moved.',
      [o('+911', 'notApplied', 'Vobiz did not answer.'), o('+912', 'moved', 'is no longer listed in the account')],
      undefined,
    ),
    undoSummary('L', [o('+911', 'applied', '', toTrunk('t1')), o('+912', 'notStarted'), o('+913', 'notStarted')], {
      reason: 'cancelled',
      authId: MAIN.authId,
    }),
    undoSummary('L', [o('+911', 'applied', '', toTrunk('t1')), o('+912', 'applied', '', toTrunk('t1'))], undefined),
  ];

  it('say what happened first', () => {
    assert.deepEqual(
      cases.map((m) => m.split(/[:.] /)[0]),
      [
        'Undone',
        'Undone',
        'Nothing undone',
        'Undone for 1 of 2 numbers',
        'Nothing undone of 2 numbers (moved)',
        'Undone for 1 of 3 numbers',
        'Undone for 2 numbers',
      ],
    );
  });

  it('never double a full stop or leave a space before one, and agree in number', () => {
    for (const m of cases) {
      assert.doesNotMatch(m, /\.\.|\s\.|\.\s*\.|"\.\./, m);
      assert.doesNotMatch(m, /\b1 numbers\b|\b([02-9]|\d\d+) number\b|\b1 numbers were\b|\b([2-9]) number was\b/, m);
    }
    assert.match(cases[5], /Cancelled: 2 numbers were not put back\.$/);
    const one = undoSummary('L', [o('+911', 'applied', '', toTrunk('t1')), o('+912', 'notStarted')], {
      reason: 'cancelled',
      authId: MAIN.authId,
    });
    assert.equal(one.endsWith('Cancelled: 1 number was not put back.'), true, one);
  });
});
