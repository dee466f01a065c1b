import * as assert from 'node:assert/strict';
import { AccountModel } from '../../../src/model/accountModel';
import { RoutingError, RoutingService } from '../../../src/model/routing';
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

  it('assign: one write, one re-read of that number, the model updated', async () => {
    const result = await routing.assign(FREE, PROD);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, PROD);
    assert.deepEqual(h.fake.requests.map((r) => r.method), ['POST', 'GET']);
    assert.equal(model.number(FREE)?.trunk_group_id, PROD);
    assert.match(result.message, /now routes to trunk "Acme Production"/);
  });

  it('unassign: the model shows it unassigned', async () => {
    await routing.unassign(ROUTED);
    assert.equal(model.number(ROUTED)?.trunk_group_id, undefined);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('move: unassign, assign, one re-read', async () => {
    const result = await routing.move(ROUTED, STAGING);
    assert.deepEqual(h.fake.requests.map((r) => r.method), ['DELETE', 'POST', 'GET']);
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
    h.fake.inject({ method: 'GET', times: 10, fault: { type: 'status', status: 500 } });
    const notes: string[] = [];
    routing.onNote = (l) => notes.push(l);
    await routing.assign(FREE, PROD);
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

  it('a move to the trunk it is on is refused without a request', async () => {
    const err = await rejectionOf(() => routing.move(ROUTED, PROD));
    assert.match(err.message, /already routes/);
    assert.equal(h.fake.requests.length, 0);
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

  it('"already assigned" refreshes the number and explains it changed elsewhere', async () => {
    h.fake.number(FREE)!.trunk_group_id = STAGING;
    const err = await rejectionOf(() => routing.assign(FREE, PROD));
    assert.match(err.message, /changed elsewhere/);
    assert.equal(model.number(FREE)?.trunk_group_id, STAGING);
  });
});
