import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { NUMBER, SANDBOX, TRUNK, useFake } from '../helpers';

/** The fake itself must behave like Vobiz, or the client tests prove nothing. */
describe('fake Vobiz', () => {
  const h = useFake();

  const auth = { 'x-auth-id': SANDBOX.authId, 'x-auth-token': SANDBOX.authToken };

  async function get(path: string, headers: Record<string, string> = auth): Promise<{ status: number; body: unknown }> {
    const res = await request(h.fake.baseUrl + path, { headers });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  it('answers 401 without or with wrong credentials', async () => {
    assert.equal((await get('/api/v1/auth/me', {})).status, 401);
    assert.equal((await get('/api/v1/auth/me', { ...auth, 'x-auth-token': 'x' })).status, 401);
  });

  it('lists numbers with the documented envelope and default per_page 25', async () => {
    const { body } = await get(`/api/v1/Account/${SANDBOX.authId}/numbers`);
    assert.deepEqual(Object.keys(body as object).sort(), ['items', 'page', 'per_page', 'total']);
    assert.equal((body as { per_page: number }).per_page, 25);
  });

  it('lists trunks with meta and objects, default limit 20', async () => {
    const { body } = await get(`/api/v1/Account/${SANDBOX.authId}/trunks`);
    const b = body as { meta: { limit: number; total: number }; objects: unknown[] };
    assert.equal(b.meta.limit, 20);
    assert.equal(b.meta.total, 4);
    assert.equal(b.objects.length, 4);
  });

  it("speaks the SDK schemas' dialect when told: `number` for e164; id, sip_domain, trunk_type, enabled for trunks", async () => {
    h.fake.variants.numberField = 'number';
    h.fake.variants.trunkDialect = 'sdk';
    const numbers = (await get(`/api/v1/Account/${SANDBOX.authId}/numbers?per_page=100`)).body as {
      items: Record<string, unknown>[];
    };
    assert.ok(numbers.items.every((n) => typeof n.number === 'string' && !('e164' in n)));
    const trunks = (await get(`/api/v1/Account/${SANDBOX.authId}/trunks`)).body as { objects: Record<string, unknown>[] };
    const legacy = trunks.objects.find((t) => t.id === TRUNK.legacy);
    assert.deepEqual(
      Object.keys(legacy ?? {}).slice(0, 3),
      ['id', 'account_id', 'sip_domain'],
      'each in the place of the field it stands for',
    );
    assert.deepEqual(
      [legacy?.trunk_type, legacy?.enabled, legacy?.sip_domain],
      ['OUTBOUND', false, `${TRUNK.legacy}.sip.vobiz.ai`],
    );
    assert.ok(
      trunks.objects.every(
        (t) => !('trunk_id' in t) && !('trunk_status' in t) && !('trunk_direction' in t) && !('trunk_domain' in t),
      ),
    );
  });

  it('adds unreadable items at the end of the lists, counted in their totals (not in a search)', async () => {
    h.fake.variants.unreadableNumbers = 2;
    h.fake.variants.unreadableTrunks = 1;
    const page2 = (await get(`/api/v1/Account/${SANDBOX.authId}/numbers?per_page=10&page=2`)).body as {
      items: Record<string, unknown>[];
      total: number;
    };
    assert.equal(page2.total, 14);
    assert.deepEqual(page2.items.slice(2), [
      { id: 'unreadable-number-1', status: 'active', country: 'IN' },
      { id: 'unreadable-number-2', status: 'active', country: 'IN' },
    ]);
    const search = (await get(`/api/v1/Account/${SANDBOX.authId}/numbers?search=%2B91`)).body as {
      items: Record<string, unknown>[];
    };
    assert.ok(search.items.every((n) => typeof n.e164 === 'string'));
    const trunks = (await get(`/api/v1/Account/${SANDBOX.authId}/trunks`)).body as {
      meta: { total: number };
      objects: Record<string, unknown>[];
    };
    assert.equal(trunks.meta.total, 5);
    assert.deepEqual(trunks.objects[4], { name: 'Unreadable trunk 1', trunk_status: 'active' });
  });

  it('accepts the older lowercase /account/ path too', async () => {
    assert.equal((await get(`/api/v1/account/${SANDBOX.authId}/trunks`)).status, 200);
  });

  it('a sub-account sees only its own numbers and trunks', async () => {
    const headers = { 'x-auth-id': SANDBOX.subAuthId, 'x-auth-token': SANDBOX.subAuthToken };
    const numbers = await get(`/api/v1/Account/${SANDBOX.subAuthId}/numbers?per_page=100`, headers);
    assert.equal((numbers.body as { items: unknown[] }).items.length, 2);
    const trunks = await get(`/api/v1/Account/${SANDBOX.subAuthId}/trunks`, headers);
    assert.equal((trunks.body as { objects: unknown[] }).objects.length, 1);
  });

  it('its seed has assigned, unassigned and app-routed numbers and an inactive trunk', () => {
    assert.ok(h.fake.numbers.some((n) => n.trunk_group_id));
    assert.ok(h.fake.numbers.some((n) => !n.trunk_group_id && !n.application_id));
    assert.ok(h.fake.numbers.some((n) => n.application_id));
    assert.ok(h.fake.trunks.some((t) => t.trunk_status === 'inactive'));
  });

  it('can be driven over HTTP by another process (/__fake/ endpoints)', async () => {
    await request(`${h.fake.baseUrl}/__fake/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', fault: { type: 'status', status: 503 } }),
    }).then((r) => r.body.dump());
    assert.equal((await get('/api/v1/auth/me')).status, 503);
    const state = await get('/__fake/state', {});
    assert.equal((state.body as { numbers: unknown[] }).numbers.length, 12);
  });

  it('its seed names the sandbox trunks and numbers the tests use, each as described', () => {
    assert.deepEqual(
      h.fake.trunks.map((t) => [t.trunk_id, t.name]),
      [
        [TRUNK.prod, 'Acme Production'],
        [TRUNK.staging, 'Acme Staging'],
        [TRUNK.support, 'Support Desk (Bengaluru)'],
        [TRUNK.legacy, 'Legacy PBX'],
        [TRUNK.reseller, 'Reseller Trunk'],
      ],
    );
    const routes = (e164: string): [string | undefined, string | undefined] => [
      h.fake.number(e164)?.trunk_group_id,
      h.fake.number(e164)?.account_id,
    ];
    assert.deepEqual(routes(NUMBER.onProd), [TRUNK.prod, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.onProd2), [TRUNK.prod, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.pendingRelease), [TRUNK.prod, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.onSupport), [TRUNK.support, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.onStaging), [TRUNK.staging, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.onLegacy), [TRUNK.legacy, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.unassigned), [undefined, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.unassigned2), [undefined, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.blocked), [undefined, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.appRouted), [undefined, SANDBOX.authId]);
    assert.deepEqual(routes(NUMBER.subOnReseller), [TRUNK.reseller, SANDBOX.subAuthId]);
    assert.deepEqual(routes(NUMBER.subUnassigned), [undefined, SANDBOX.subAuthId]);
    assert.ok(h.fake.number(NUMBER.appRouted)?.application_id);
    assert.equal(h.fake.number(NUMBER.pendingRelease)?.status, 'pending_release');
    assert.equal(h.fake.number(NUMBER.blocked)?.is_blocked, true);
  });
});
