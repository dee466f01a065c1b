import * as assert from 'node:assert/strict';
import { NUMBER, SANDBOX, TRUNK, useFake } from '../helpers';

const PROD = TRUNK.prod;
const FREE = NUMBER.unassigned;

describe('VobizClient absorbs the documented variants (vobiz-api.md §7)', () => {
  const h = useFake();

  for (const spelling of ['absent', 'null', 'empty'] as const) {
    it(`unassigned spelled as ${spelling}: trunk_group_id is absent`, async () => {
      h.fake.variants.unassigned = spelling;
      const numbers = await h.client().listNumbers();
      const n = numbers.find((x) => x.e164 === FREE);
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
    await h.client().assignNumber(FREE, PROD);
    assert.equal(h.fake.requests[0].status, 200);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, PROD);
  });

  it('assign answered 204 with no body is a success', async () => {
    await h.client().assignNumber(FREE, PROD);
    assert.equal(h.fake.requests[0].status, 204);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, PROD);
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
