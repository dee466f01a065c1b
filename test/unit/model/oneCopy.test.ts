/**
 * One copy per number: normalisation uses the parsed object itself when nothing needs changing,
 * and otherwise keeps only a copy and what it changed; `rawOf` gives back the object exactly as the
 * API sent it (same keys, same order, same values). Repeated values are kept once.
 */
import * as assert from 'node:assert/strict';
import { normalizeNumber, normalizeTrunk, rawOf } from '../../../src/api';

/** As the client gets it: parsed from the JSON of a page. */
const parsed = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

describe('normalisation keeps one copy of each object', () => {
  it('an object that needs no change is used as parsed: no copy, and it is its own raw form', () => {
    const raw = parsed('{"e164":"+911","account_id":"MA_1","trunk_group_id":"t1","brand_new":{"deep":{"x":1}}}');
    const n = normalizeNumber(raw);
    assert.equal(n, raw);
    assert.equal(rawOf(n), raw);
    assert.deepEqual(n.brand_new, { deep: { x: 1 } });
    const t = parsed('{"trunk_id":"t1","account_id":"MA_1","name":"Prod"}');
    assert.equal(normalizeTrunk(t), t);
  });

  it('a changed object: the copy is normalised, rawOf gives the object as sent, keys in their order', () => {
    const json =
      '{"id":"n1","trunk_group_id":null,"e164":"+911","auth_id":"MA_1","application_id":"","region":"Delhi","extra":[1,2]}';
    const n = normalizeNumber(parsed(json))!;
    assert.ok(!('trunk_group_id' in n) && !('application_id' in n));
    assert.equal(n.account_id, 'MA_1');
    assert.equal(n.region, 'Delhi');
    assert.deepEqual(n.extra, [1, 2], 'unknown fields are kept');
    assert.equal(JSON.stringify(rawOf(n)), json);
  });

  it('a value changed in place (an account_id sent as null) is given back in its place', () => {
    const json = '{"account_id":null,"e164":"+911","auth_id":"SA_2","trunk_group_id":" "}';
    const n = normalizeNumber(parsed(json))!;
    assert.equal(n.account_id, 'SA_2');
    assert.deepEqual(Object.keys(n), ['account_id', 'e164', 'auth_id']);
    assert.equal(JSON.stringify(rawOf(n)), json);
  });

  it('copies changed alike each give back their own object', () => {
    const a = normalizeNumber(parsed('{"e164":"+911","trunk_group_id":null,"account_id":"MA_1","status":"active"}'))!;
    const b = normalizeNumber(parsed('{"e164":"+912","trunk_group_id":null,"account_id":"MA_1","status":"blocked"}'))!;
    assert.equal(JSON.stringify(rawOf(a)), '{"e164":"+911","trunk_group_id":null,"account_id":"MA_1","status":"active"}');
    assert.equal(JSON.stringify(rawOf(b)), '{"e164":"+912","trunk_group_id":null,"account_id":"MA_1","status":"blocked"}');
  });

  it('a trunk sent with `id` only gets its trunk_id, and gives back the object as sent', () => {
    const json = '{"id":"t9","auth_id":"MA_1","name":"Old"}';
    const t = normalizeTrunk(parsed(json))!;
    assert.equal(t.trunk_id, 't9');
    assert.equal(t.account_id, 'MA_1');
    assert.equal(JSON.stringify(rawOf(t)), json);
  });

  it('a `__proto__` key sent by the server stays a plain own field, in the object and in its raw form', () => {
    const json = '{"e164":"+911","__proto__":{"polluted":true},"trunk_group_id":null}';
    const n = normalizeNumber(parsed(json))!;
    assert.ok(Object.hasOwn(n, '__proto__'));
    assert.equal(Object.getPrototypeOf(n), Object.prototype);
    assert.equal((n as { polluted?: unknown }).polluted, undefined);
    assert.equal(JSON.stringify(rawOf(n)), json);
  });

  it('keeps repeated values once: equal capabilities and tags are one (frozen) object; nothing else changes', () => {
    const json = (e164: string): string =>
      `{"e164":"${e164}","account_id":"MA_1","region":"Karnataka","capabilities":{"voice":true,"sms":false},"tags":[],"meta":{"a":{"b":1}}}`;
    const a = normalizeNumber(parsed(json('+911')))!;
    const b = normalizeNumber(parsed(json('+912')))!;
    assert.equal(a.capabilities, b.capabilities);
    assert.equal(a.tags, b.tags);
    assert.ok(Object.isFrozen(a.capabilities), 'shared, so it cannot be changed for one number only');
    assert.notEqual(a.meta, b.meta, 'nested objects are not shared');
    assert.equal(JSON.stringify(rawOf(b)), json('+912'));
    const other = normalizeNumber(parsed('{"e164":"+913","capabilities":{"sms":false,"voice":true}}'))!;
    assert.notEqual(other.capabilities, a.capabilities, 'the same fields in another order are another object as sent');
  });

  it('leaves a frozen object alone', () => {
    const raw = Object.freeze({ e164: '+911', region: 'Karnataka', trunk_group_id: null });
    const n = normalizeNumber(raw)!;
    assert.ok(!('trunk_group_id' in n));
    assert.equal(raw.trunk_group_id, null);
  });
});
