import * as assert from 'node:assert/strict';
import { Harness, SANDBOX } from './helpers';

const PROD = '7472756e-0000-4000-8000-000000000001';

describe('VobizClient absorbs the documented variants (vobiz-api.md §7)', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.fake.reset());

  for (const spelling of ['absent', 'null', 'empty'] as const) {
    it(`unassigned spelled as ${spelling}: trunk_group_id is absent`, async () => {
      h.fake.variants.unassigned = spelling;
      const numbers = await h.client().listNumbers();
      const n = numbers.find((x) => x.e164 === '+918041234568');
      assert.ok(n);
      assert.ok(!('trunk_group_id' in n));
      assert.equal(numbers.filter((x) => x.trunk_group_id).length, 7, 'assigned numbers keep theirs');
    });
  }

  it('owner sent as auth_id: account_id is filled from it', async () => {
    h.fake.variants.ownerField = 'auth_id';
    const numbers = await h.client().listNumbers();
    assert.ok(numbers.every((n) => typeof n.account_id === 'string'));
    assert.equal(numbers.filter((n) => n.account_id === SANDBOX.subAuthId).length, 2);
  });

  it('assign answered 200 with a JSON body is a success', async () => {
    h.fake.variants.assignSuccess = 200;
    await h.client().assignNumber('+918041234568', PROD);
    assert.equal(h.fake.requests[0].status, 200);
    assert.equal(h.fake.number('+918041234568')?.trunk_group_id, PROD);
  });

  it('assign answered 204 with no body is a success', async () => {
    await h.client().assignNumber('+918041234568', PROD);
    assert.equal(h.fake.requests[0].status, 204);
    assert.equal(h.fake.number('+918041234568')?.trunk_group_id, PROD);
  });

  it('a trunk_status of enabled/disabled and unknown transports pass through verbatim', async () => {
    h.fake.trunks[0].trunk_status = 'disabled';
    h.fake.trunks[0].transport = 'wss';
    const [t] = await h.client().listTrunks();
    assert.equal(t.trunk_status, 'disabled');
    assert.equal(t.transport, 'wss');
  });

  it('keeps fields the client does not know', async () => {
    h.fake.numbers[0].porting_state = 'ported-in';
    const numbers = await h.client().listNumbers();
    assert.equal(numbers.find((n) => n.e164 === h.fake.numbers[0].e164)?.porting_state, 'ported-in');
  });
});
