/**
 * The change service against the fake Vobiz, one number at a time: real Accounts on the editor's
 * stand-ins, signed in to the sandbox's main account. What each change reads and writes, what the
 * model shows after it, and the one outcome and sentence it reports.
 */
import * as assert from 'node:assert/strict';
import { NOWHERE, toTrunk } from '../../../src/model/routing';
import type { Routing } from '../../../src/model/routing';
import type { ChangeReport, NumberOutcome } from '../../../src/session/changeReport';
import { FakeVobiz } from '../../fake-vobiz/server';
import { SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../../fake-vobiz/seed';
import { useSignedInMain } from '../../support/editorStandIns';

const { prod: PROD, staging: STAGING } = TRUNK;
const { unassigned: FREE, onProd: ROUTED } = NUMBER;

describe('ChangeService: one number (against the fake)', () => {
  const fake = new FakeVobiz();
  const state = useSignedInMain(fake);
  const h = { fake };
  const model = () => state.main.model;
  const notes = (): string => state.env.log.lines.join('\n');

  /** Routes one number as a command does (no question), and its one outcome. */
  async function route(e164: string, to: Routing, expected?: Routing): Promise<NumberOutcome & { report: ChangeReport }> {
    const report = await state.env.accounts.changes.change({ session: state.main, e164, to, expected });
    return { ...report.outcomes[0], report };
  }

  it('assign: one read inside the queue, one write, one re-read of that number, the model updated', async () => {
    const result = await route(FREE, toTrunk(PROD));
    assert.equal(h.fake.number(FREE)?.trunk_group_id, PROD);
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET', 'POST', 'GET'],
    );
    assert.deepEqual([result.before, result.after], [NOWHERE, toTrunk(PROD)], 'the undo record names what was read');
    assert.equal(model().number(FREE)?.trunk_group_id, PROD);
    assert.equal(result.kind, 'applied');
    assert.match(result.report.message, /now routes to trunk "Acme Production"/);
  });

  it('unassign: the model shows it unassigned', async () => {
    await route(ROUTED, NOWHERE);
    assert.equal(model().number(ROUTED)?.trunk_group_id, undefined);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('move: read, unassign, assign, one re-read', async () => {
    const result = await route(ROUTED, toTrunk(STAGING));
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET', 'DELETE', 'POST', 'GET'],
    );
    assert.equal(model().number(ROUTED)?.trunk_group_id, STAGING);
    assert.match(result.sentence, /moved from trunk "Acme Production" to "Acme Staging"/);
  });

  it('a write with an unknown outcome that did happen counts as done (re-read decides)', async () => {
    h.fake.inject({ method: 'POST', afterApply: true, fault: { type: 'reset' } });
    await route(FREE, toTrunk(PROD));
    assert.equal(model().number(FREE)?.trunk_group_id, PROD);
    assert.equal(h.fake.requestsTo('POST').length, 1, 'never retried');
  });

  it('a write with an unknown outcome that did not happen says so and where the number is', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'status', status: 503 } });
    const result = await route(FREE, toTrunk(PROD));
    assert.equal(result.kind, 'notApplied');
    assert.match(result.sentence, /the change was not applied/);
    assert.match(result.sentence, /is unassigned/);
    assert.doesNotMatch(result.sentence, /may or may not/, 'one outcome, one sentence (defect 7)');
    assert.equal(h.fake.requestsTo('POST').length, 1);
  });

  it('a timed-out unassign that happened is a success', async () => {
    h.fake.inject({ method: 'DELETE', afterApply: true, fault: { type: 'hang' } });
    await route(ROUTED, NOWHERE);
    assert.equal(model().number(ROUTED)?.trunk_group_id, undefined);
  });

  it('a failed re-read after a successful write still updates the model locally', async () => {
    // The read before the write answers; every read after it fails.
    const writes = h.fake.hold({ method: 'POST', path: '/assign' });
    const assigning = route(FREE, toTrunk(PROD));
    await writes.whenWaiting(1);
    h.fake.inject({ method: 'GET', times: 10, fault: { type: 'status', status: 500 } });
    writes.open();
    await assigning;
    assert.equal(model().number(FREE)?.trunk_group_id, PROD);
    assert.match(notes(), /Could not re-read/);
  });

  it('a move whose assign fails puts the number back on its trunk', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'status', status: 404, body: { error: 'Trunk not found' } } });
    const result = await route(ROUTED, toTrunk(STAGING));
    assert.equal(result.kind, 'notApplied');
    assert.match(result.sentence, /put back on trunk "Acme Production"/);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, PROD);
    assert.equal(model().number(ROUTED)?.trunk_group_id, PROD);
  });

  it('a move whose rollback fails too says the number is unassigned', async () => {
    h.fake.inject({ method: 'POST', times: 2, fault: { type: 'status', status: 404, body: { error: 'Trunk not found' } } });
    const result = await route(ROUTED, toTrunk(STAGING));
    assert.equal(result.kind, 'changed');
    assert.match(result.sentence, /failed too/);
    assert.match(result.sentence, /is unassigned: inbound calls to it are not routed/);
    assert.deepEqual(
      [result.before, result.after],
      [toTrunk(PROD), NOWHERE],
      'where it was, and where it stands: undo can put it back',
    );
    assert.ok(result.report.record, 'recorded for undo');
    assert.equal(model().number(ROUTED)?.trunk_group_id, undefined);
  });

  it('a move to the trunk it is on is refused after the read, without a write', async () => {
    const result = await route(ROUTED, toTrunk(PROD));
    assert.equal(result.kind, 'unchanged');
    assert.match(result.sentence, /already routes/);
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET'],
    );
  });

  it('two changes to one number at once run one after the other (no lost update)', async () => {
    h.fake.latencyMs = 30;
    const first = route(ROUTED, toTrunk(STAGING));
    const second = route(ROUTED, NOWHERE);
    await first;
    await second;
    const order = h.fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method}:${r.status}`);
    assert.deepEqual(order, ['DELETE:204', 'POST:204', 'DELETE:204']);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('"already assigned" (assigned elsewhere between the read and the write) refreshes the number and explains it changed elsewhere', async () => {
    const writes = h.fake.hold({ method: 'POST', path: '/assign' });
    const assigning = route(FREE, toTrunk(PROD));
    await writes.whenWaiting(1);
    h.fake.number(FREE)!.trunk_group_id = STAGING;
    writes.open();
    const result = await assigning;
    assert.equal(result.kind, 'notApplied');
    assert.match(result.sentence, /changed elsewhere/);
    assert.equal(model().number(FREE)?.trunk_group_id, STAGING);
  });

  it('a number that is not where the user saw it: nothing written, the model updated, the message names what was read', async () => {
    h.fake.number(ROUTED)!.trunk_group_id = STAGING;
    const result = await route(ROUTED, toTrunk(TRUNK.support), toTrunk(PROD));
    assert.equal(result.kind, 'moved');
    assert.match(
      result.sentence,
      /Nothing was changed: \+\d+ now routes to trunk "Acme Staging", not on trunk "Acme Production" as the tree showed: it was changed elsewhere\.$/,
    );
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET'],
      'no write',
    );
    assert.equal(model().number(ROUTED)?.trunk_group_id, STAGING);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, STAGING);
  });

  it('assigning an app-routed number to a trunk, then back to its app: the full prior routing is restored', async () => {
    const app = NUMBER.appRouted;
    const appId = h.fake.number(app)!.application_id!;
    const result = await route(app, toTrunk(PROD));
    assert.deepEqual(result.before, { kind: 'app', id: appId });
    assert.match(result.sentence, new RegExp(`now routes to trunk "Acme Production" instead of application ${appId}\\.`));
    const back = await route(app, result.before, result.after ?? undefined);
    assert.deepEqual(back?.after, { kind: 'app', id: appId });
    assert.equal(h.fake.number(app)?.application_id, appId);
    assert.equal(h.fake.number(app)?.trunk_group_id, undefined);
    assert.deepEqual(
      h.fake.requestsTo('POST').map((r) => r.path.split('/').pop()),
      ['assign', 'application'],
    );
  });
});
