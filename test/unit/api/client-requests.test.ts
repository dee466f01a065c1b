import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { NUMBER, rejectionOf, SANDBOX, TRUNK, useFake } from '../helpers';

const { prod: PROD, staging: STAGING } = TRUNK;
const { unassigned: UNASSIGNED, onProd: ROUTED, onStaging: ON_STAGING } = NUMBER;
/** The path of the main account's API. */
const ACCOUNT_PATH = `/api/v1/Account/${SANDBOX.authId}`;

describe('VobizClient requests', () => {
  const h = useFake();

  it('whoAmI returns the account behind the credentials', async () => {
    const me = await h.client().whoAmI();
    assert.equal(me.auth_id, SANDBOX.authId);
    assert.equal(me.name, 'Acme Voice (sandbox)');
    const [req] = h.fake.requests;
    assert.equal(req.path, '/api/v1/auth/me');
  });

  it('sends X-Auth-ID and X-Auth-Token, and no Content-Type on a body-less GET', async () => {
    await h.client().listTrunks();
    const [req] = h.fake.requests;
    assert.equal(req.authId, SANDBOX.authId);
    assert.ok(req.hasToken);
    assert.equal(req.contentType, undefined, 'no Content-Type on a body-less GET');
  });

  it('uses /api/v1/Account/{authId}/ paths', async () => {
    await h.client().listNumbers();
    assert.ok(h.fake.requests[0].url.startsWith(`${ACCOUNT_PATH}/numbers?`), h.fake.requests[0].url);
  });

  it('assigns with the E.164 encoded exactly once and a JSON body that keeps the +', async () => {
    await h.client().assignNumber(UNASSIGNED, PROD);
    const [req] = h.fake.requestsTo('POST');
    assert.equal(req.url, `${ACCOUNT_PATH}/numbers/%2B${UNASSIGNED.slice(1)}/assign`);
    assert.equal(req.contentType, 'application/json');
    assert.deepEqual(req.body, { trunk_group_id: PROD });
    assert.equal(h.fake.number(UNASSIGNED)?.trunk_group_id, PROD);
  });

  it('the fake rejects a raw + in the path, as Vobiz does (so the encoding test can fail)', async () => {
    const res = await request(`${h.fake.baseUrl}${ACCOUNT_PATH}/numbers/${UNASSIGNED}/assign`, {
      method: 'POST',
      headers: { 'x-auth-id': SANDBOX.authId, 'x-auth-token': SANDBOX.authToken, 'content-type': 'application/json' },
      body: JSON.stringify({ trunk_group_id: PROD }),
    });
    await res.body.dump();
    assert.equal(res.statusCode, 404);
    assert.equal(h.fake.number(UNASSIGNED)?.trunk_group_id, undefined);
  });

  it('unassigns with DELETE on the same path and no body', async () => {
    await h.client().unassignNumber(ROUTED);
    const [req] = h.fake.requestsTo('DELETE');
    assert.equal(req.url, `${ACCOUNT_PATH}/numbers/%2B${ROUTED.slice(1)}/assign`);
    assert.equal(req.body, undefined);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
  });

  it('assigning an already assigned number gives the API message and changes nothing', async () => {
    const err = await rejectionOf(() => h.client().assignNumber(ROUTED, STAGING));
    assert.equal(err.status, 400);
    assert.match(err.message, /already assigned/);
    assert.equal(err.outcomeUnknown, false);
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, PROD);
  });

  it('unassigning a number that is not assigned gives 404 with the API message', async () => {
    const err = await rejectionOf(() => h.client().unassignNumber(UNASSIGNED));
    assert.equal(err.status, 404);
    assert.match(err.message, /not assigned to any trunk/);
  });

  it('getTrunk returns one trunk and 404s on an unknown id', async () => {
    const t = await h.client().getTrunk(PROD);
    assert.equal(t.name, 'Acme Production');
    const err = await rejectionOf(() => h.client().getTrunk('nope'));
    assert.equal(err.status, 404);
    assert.equal(err.kind, 'http');
  });

  it('getNumber finds one number with the search parameter (+ encoded in the query)', async () => {
    const n = await h.client().getNumber(ON_STAGING);
    assert.equal(n?.trunk_group_id, STAGING);
    assert.match(h.fake.requests[0].url, new RegExp(`search=%2B${ON_STAGING.slice(1)}`));
    assert.equal(await h.client().getNumber('+10000000000'), undefined);
  });

  it('a main account lists its sub-accounts numbers, owner in account_id', async () => {
    const numbers = await h.client().listNumbers();
    const sub = numbers.filter((n) => n.account_id === SANDBOX.subAuthId);
    assert.equal(sub.length, 2);
  });

  it('403 when the path Auth ID differs from the header', async () => {
    const res = await request(`${h.fake.baseUrl}/api/v1/Account/MA_OTHER/numbers`, {
      headers: { 'x-auth-id': SANDBOX.authId, 'x-auth-token': SANDBOX.authToken },
    });
    await res.body.dump();
    assert.equal(res.statusCode, 403);
  });

  it('keeps connections alive between requests', async () => {
    const client = h.client();
    const before = h.fake.connectionsOpened;
    for (let i = 0; i < 5; i++) {
      await client.listTrunks();
      await client.whoAmI();
    }
    assert.equal(h.fake.requests.length, 10);
    // undici may open a second socket while the first is being released; never one per request.
    assert.ok(h.fake.connectionsOpened - before <= 2, `${h.fake.connectionsOpened - before} connections for 10 requests`);
  });

  it('logs one record per attempt with method, path, status, duration and request id', async () => {
    await h.client().listTrunks();
    assert.equal(h.logs.length, 1);
    const [r] = h.logs;
    assert.equal(r.method, 'GET');
    assert.equal(r.path, `${ACCOUNT_PATH}/trunks?limit=100&offset=0`);
    assert.equal(r.status, 200);
    assert.equal(r.retry, 0);
    assert.ok(r.durationMs >= 0);
    assert.match(r.requestId ?? '', /^req_/);
  });
});
