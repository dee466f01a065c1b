import * as assert from 'node:assert/strict';
import { AccountModel } from '../../../src/model/accountModel';
import { NOWHERE, RoutingConflict, RoutingError, RoutingService, toTrunk } from '../../../src/model/routing';
import { NUMBER, rejectionOf, TRUNK, useFake } from '../helpers';

const { prod: PROD, staging: STAGING } = TRUNK;
const { unassigned: FREE, onProd: ROUTED } = NUMBER;

describe('RoutingService (against the fake)', () => {
  const h = useFake();
  let model: AccountModel;
  let routing: RoutingService;
  beforeEach(async () => {
    const client = h.client({ timeoutMs: 300 });
    model = new AccountModel();
    model.setInventory(await client.listNumbers(), await client.listTrunks());
    routing = new RoutingService(() => client, model);
    h.fake.clearRequests();
  });

  it('assign: one read inside the queue, one write, one re-read of that number, the model updated', async () => {
    const result = await routing.assign(FREE, PROD);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, PROD);
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET', 'POST', 'GET'],
    );
    assert.deepEqual([result.before, result.after], [NOWHERE, toTrunk(PROD)], 'the undo record names what was read');
    assert.equal(model.number(FREE)?.trunk_group_id, PROD);
    assert.match(result.message, /now routes to trunk "Acme Production"/);
  });

  it('unassign: the model shows it unassigned', async () => {
    await routing.unassign(ROUTED);
    assert.equal(model.number(ROUTED)?.trunk_group_id, undefined);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('move: read, unassign, assign, one re-read', async () => {
    const result = await routing.move(ROUTED, STAGING);
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET', 'DELETE', 'POST', 'GET'],
    );
    assert.equal(model.number(ROUTED)?.trunk_group_id, STAGING);
    assert.match(result.message, /moved from trunk "Acme Production" to "Acme Staging"/);
  });

  it('a write with an unknown outcome that did happen counts as done (re-read decides)', async () => {
    h.fake.inject({ method: 'POST', afterApply: true, fault: { type: 'reset' } });
    await routing.assign(FREE, PROD);
    assert.equal(model.number(FREE)?.trunk_group_id, PROD);
    assert.equal(h.fake.requestsTo('POST').length, 1, 'never retried');
  });

  it('a write with an unknown outcome that did not happen says so and where the number is', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'status', status: 503 } });
    const err = await rejectionOf(() => routing.assign(FREE, PROD));
    assert.ok(err instanceof RoutingError);
    assert.match(err.message, /the change was not applied/);
    assert.match(err.message, /is unassigned/);
    assert.equal(h.fake.requestsTo('POST').length, 1);
  });

  it('a timed-out unassign that happened is a success', async () => {
    h.fake.inject({ method: 'DELETE', afterApply: true, fault: { type: 'hang' } });
    await routing.unassign(ROUTED);
    assert.equal(model.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('a failed re-read after a successful write still updates the model locally', async () => {
    // The read before the write answers; every read after it fails.
    const writes = h.fake.hold({ method: 'POST', path: '/assign' });
    const notes: string[] = [];
    routing.onNote = (l) => notes.push(l);
    const assigning = routing.assign(FREE, PROD);
    await writes.whenWaiting(1);
    h.fake.inject({ method: 'GET', times: 10, fault: { type: 'status', status: 500 } });
    writes.open();
    await assigning;
    assert.equal(model.number(FREE)?.trunk_group_id, PROD);
    assert.match(notes.join('\n'), /Could not re-read/);
  });

  it('a move whose assign fails puts the number back on its trunk', async () => {
    h.fake.inject({ method: 'POST', fault: { type: 'status', status: 404, body: { error: 'Trunk not found' } } });
    const err = await rejectionOf(() => routing.move(ROUTED, STAGING));
    assert.match(err.message, /put back on trunk "Acme Production"/);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, PROD);
    assert.equal(model.number(ROUTED)?.trunk_group_id, PROD);
  });

  it('a move whose rollback fails too says the number is unassigned', async () => {
    h.fake.inject({ method: 'POST', times: 2, fault: { type: 'status', status: 404, body: { error: 'Trunk not found' } } });
    const err = await rejectionOf(() => routing.move(ROUTED, STAGING));
    assert.match(err.message, /failed too/);
    assert.match(err.message, /is unassigned: inbound calls to it are not routed/);
    assert.equal(model.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('a move to the trunk it is on is refused after the read, without a write', async () => {
    const err = await rejectionOf(() => routing.move(ROUTED, PROD));
    assert.match(err.message, /already routes/);
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET'],
    );
  });

  it('two changes to one number at once run one after the other (no lost update)', async () => {
    h.fake.latencyMs = 30;
    const first = routing.move(ROUTED, STAGING);
    const second = routing.unassign(ROUTED);
    await first;
    await second;
    const order = h.fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method}:${r.status}`);
    assert.deepEqual(order, ['DELETE:204', 'POST:204', 'DELETE:204']);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('"already assigned" (assigned elsewhere between the read and the write) refreshes the number and explains it changed elsewhere', async () => {
    const writes = h.fake.hold({ method: 'POST', path: '/assign' });
    const assigning = rejectionOf(() => routing.assign(FREE, PROD));
    await writes.whenWaiting(1);
    h.fake.number(FREE)!.trunk_group_id = STAGING;
    writes.open();
    const err = await assigning;
    assert.match(err.message, /changed elsewhere/);
    assert.equal(model.number(FREE)?.trunk_group_id, STAGING);
  });

  it('a number that is not where the user saw it: nothing written, the model updated, the message names what was read', async () => {
    h.fake.number(ROUTED)!.trunk_group_id = STAGING;
    const err = await rejectionOf(() => routing.move(ROUTED, TRUNK.support, toTrunk(PROD)));
    assert.ok(err instanceof RoutingConflict);
    assert.match(
      err.message,
      /Nothing was changed: \+\d+ now routes to trunk "Acme Staging", not on trunk "Acme Production" as the tree showed: it was changed elsewhere\.$/,
    );
    assert.deepEqual(
      h.fake.requests.map((r) => r.method),
      ['GET'],
      'no write',
    );
    assert.equal(model.number(ROUTED)?.trunk_group_id, STAGING);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, STAGING);
  });

  it('assigning an app-routed number to a trunk, then back to its app: the full prior routing is restored', async () => {
    const app = NUMBER.appRouted;
    const appId = h.fake.number(app)!.application_id!;
    const result = await routing.assign(app, PROD);
    assert.deepEqual(result.before, { kind: 'app', id: appId });
    assert.match(result.message, new RegExp(`now routes to trunk "Acme Production" instead of application ${appId}\\.`));
    const back = await routing.change({ e164: app, to: result.before, expected: result.after });
    assert.deepEqual(back?.after, { kind: 'app', id: appId });
    assert.equal(h.fake.number(app)?.application_id, appId);
    assert.equal(h.fake.number(app)?.trunk_group_id, undefined);
    assert.deepEqual(
      h.fake.requestsTo('POST').map((r) => r.path.split('/').pop()),
      ['assign', 'application'],
    );
  });
});
