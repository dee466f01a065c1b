import * as assert from 'node:assert/strict';
import { normalizeAccount, normalizeNumber, normalizeTrunk, rawOf } from '../../../src/api';

describe('normalisation', () => {
  it('removes a null or empty trunk_group_id (absent = not assigned)', () => {
    assert.ok(!('trunk_group_id' in normalizeNumber({ e164: '+919876543210', trunk_group_id: null })!));
    assert.ok(!('trunk_group_id' in normalizeNumber({ e164: '+919876543210', trunk_group_id: '' })!));
    assert.equal(normalizeNumber({ e164: '+919876543210', trunk_group_id: 't-1' })!.trunk_group_id, 't-1');
  });

  it('fills account_id from the older auth_id and keeps both', () => {
    const n = normalizeNumber({ e164: '+919876543210', auth_id: 'SA_1' })!;
    assert.equal(n.account_id, 'SA_1');
    assert.equal(n.auth_id, 'SA_1');
    assert.equal(normalizeNumber({ e164: '+919876543210', auth_id: 'SA_1', account_id: 'MA_2' })!.account_id, 'MA_2');
  });

  it('keeps unknown fields and unknown enum values as sent', () => {
    const n = normalizeNumber({ e164: '+919876543210', status: 'quarantined', brand_new_field: { a: 1 }, monthly_fee: 1.0 })!;
    assert.equal(n.status, 'quarantined');
    assert.deepEqual(n.brand_new_field, { a: 1 });
    assert.equal(n.monthly_fee, 1);
    const t = normalizeTrunk({ trunk_id: 't-1', trunk_status: 'disabled', transport: 'wss', x: true })!;
    assert.equal(t.trunk_status, 'disabled');
    assert.equal(t.transport, 'wss');
    assert.equal(t.x, true);
  });

  it('does not change the object it was given', () => {
    const raw = { e164: '+919876543210', trunk_group_id: null };
    normalizeNumber(raw);
    assert.equal(raw.trunk_group_id, null);
  });

  it('reads only what was sent, even with Object.prototype polluted (no inherited key is taken for one sent)', () => {
    const parse = (body: unknown): unknown => JSON.parse(JSON.stringify(body));
    const withExtra = normalizeNumber(parse({ e164: '+911140009001', extra: 'X', capabilities: { voice: true, extra: 'X' } }));
    const proto = Object.prototype as Record<string, unknown>;
    proto.extra = 'X';
    try {
      const plain = normalizeNumber(parse({ e164: '+911140009002', capabilities: { voice: true } }));
      assert.ok(withExtra && plain);
      // Not the first's capabilities (whose own `extra` equals the inherited one), and no `extra` of its own.
      assert.deepEqual(Object.keys(plain.capabilities as object), ['voice']);
      assert.deepEqual(Object.keys(plain), ['e164', 'capabilities']);
      assert.equal(JSON.stringify(rawOf(plain)), '{"e164":"+911140009002","capabilities":{"voice":true}}');
    } finally {
      delete proto.extra;
    }
  });

  it('skips items that are not numbers or trunks', () => {
    assert.equal(normalizeNumber({ id: 'x' }), undefined);
    assert.equal(normalizeNumber('nope'), undefined);
    assert.equal(normalizeTrunk({ name: 'no id' }), undefined);
  });

  it('reads the account from auth/me, also when wrapped', () => {
    assert.equal(normalizeAccount({ auth_id: 'MA_1', name: 'A' })!.name, 'A');
    assert.equal(normalizeAccount({ data: { auth_id: 'MA_2' } })!.auth_id, 'MA_2');
    assert.equal(normalizeAccount({ name: 'no id' }), undefined);
  });
});
