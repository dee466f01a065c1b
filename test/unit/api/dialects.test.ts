/**
 * The dialect of the SDKs' shared schemas (vobiz-api.md §2, §3; test/conformance/README.md "Field
 * names"): a number named in `number` instead of `e164`; a trunk with `id`, `sip_domain`,
 * `trunk_type` and `enabled` instead of `trunk_id`, `trunk_domain`, `trunk_direction` and
 * `trunk_status`. Normalised to the fields the extension reads, one copy, and given back as sent.
 */
import * as assert from 'node:assert/strict';
import { normalizeNumber, normalizeTrunk, rawOf, unreadableReason } from '../../../src/api';
import type { VobizTrunk } from '../../../src/api';
import { isTrunkActive } from '../../../src/model/routingRules';
import { trunkContextValue } from '../../../src/tree/itemLooks';
import { trunkTooltip } from '../../../src/tree/itemTooltips';
import { trunkDescription } from '../../../src/tree/itemWords';

/** As the client gets it: parsed from the JSON of a page. */
const parsed = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

/** The item normalised from its JSON as parsed, after checking that `rawOf` gives back exactly that JSON. */
function sentBack<T extends object>(normalize: (raw: unknown) => T | undefined, json: string): T {
  const obj = normalize(parsed(json));
  assert.ok(obj, json);
  assert.equal(JSON.stringify(rawOf(obj)), json);
  return obj;
}

/** What the view makes of a trunk: its description, context flags, tooltip and whether it is active. */
const shown = (t: VobizTrunk): unknown[] => [trunkDescription(t, 2), trunkContextValue(t), trunkTooltip(t, 2), isTrunkActive(t)];

describe("normalisation reads the SDK schemas' dialect", () => {
  describe('a number named in `number`', () => {
    it('gets its e164 from `number`, keeps `number`, and gives back the object as sent', () => {
      const n = sentBack(
        normalizeNumber,
        '{"number":"+919876543210","number_type":"local","country":"IN","monthly_rental_rate":1.5,"status":"active"}',
      );
      assert.deepEqual([n.e164, n.number, n.status], ['+919876543210', '+919876543210', 'active']);
    });

    it('an empty e164 is taken from `number`, in its place', () => {
      const n = sentBack(normalizeNumber, '{"e164":"","number":"+911","trunk_group_id":null}');
      assert.equal(n.e164, '+911');
      assert.deepEqual(Object.keys(n), ['e164', 'number']);
    });

    it('with an e164, `number` is left alone: the object is used as parsed', () => {
      const raw = parsed('{"e164":"+911","number":"+912","account_id":"MA_1"}');
      const n = normalizeNumber(raw)!;
      assert.equal(n, raw);
      assert.equal(n.e164, '+911');
    });

    it('neither a usable e164 nor a usable number: not read', () => {
      assert.equal(normalizeNumber({ id: 'n1', status: 'active' }), undefined);
      assert.equal(normalizeNumber({ number: 919876543210 }), undefined);
      assert.equal(normalizeNumber({ e164: '', number: '' }), undefined);
    });
  });

  describe('a trunk in the SDK schema (`id`, `sip_domain`, `trunk_type`, `enabled`)', () => {
    const sdk =
      '{"id":"t1","name":"Prod","trunk_type":"INBOUND","sip_domain":"t1.sip.vobiz.ai","enabled":true,"created_at":"2026-04-17T10:28:06Z"}';

    it('gets trunk_id, trunk_domain, trunk_direction and trunk_status, and gives back the object as sent', () => {
      const t = sentBack(normalizeTrunk, sdk);
      assert.deepEqual(
        [t.trunk_id, t.trunk_domain, t.trunk_direction, t.trunk_status],
        ['t1', 't1.sip.vobiz.ai', 'inbound', 'active'],
      );
      assert.equal(t.enabled, true, 'the fields sent stay');
    });

    it('enabled false is inactive; OUTBOUND and BOTH are the directions the API names in lower case', () => {
      const out = normalizeTrunk({ id: 't2', trunk_type: 'OUTBOUND', enabled: false })!;
      assert.equal(out.trunk_status, 'inactive');
      assert.equal(out.trunk_direction, 'outbound');
      assert.equal(normalizeTrunk({ id: 't3', trunk_type: 'Both' })!.trunk_direction, 'both');
    });

    it('an unknown trunk_type is shown as sent; an enabled that is not a boolean says nothing', () => {
      const t = normalizeTrunk({ id: 't4', trunk_type: 'PEERING', enabled: 'yes' })!;
      assert.equal(t.trunk_direction, 'PEERING');
      assert.ok(!('trunk_status' in t));
    });

    it('a trunk that sends the current fields keeps them: the SDK ones beside them change nothing', () => {
      const raw = parsed(
        '{"trunk_id":"t5","trunk_domain":"a.sip","sip_domain":"b.sip","trunk_direction":"both","trunk_type":"INBOUND","trunk_status":"active","enabled":false}',
      );
      assert.equal(normalizeTrunk(raw), raw);
    });

    it('the view shows it exactly as the same trunk in the current dialect', () => {
      for (const [enabled, status] of [
        [true, 'active'],
        [false, 'inactive'],
      ] as const) {
        const current = normalizeTrunk({
          trunk_id: 't6',
          name: 'Prod',
          trunk_domain: 't6.sip',
          trunk_direction: 'both',
          trunk_status: status,
          transport: 'tls',
        })!;
        const fromSdk = normalizeTrunk({
          id: 't6',
          name: 'Prod',
          sip_domain: 't6.sip',
          trunk_type: 'BOTH',
          enabled,
          transport: 'tls',
        })!;
        assert.deepEqual(shown(fromSdk), shown(current), status);
      }
    });

    it('copies changed alike each give back their own object', () => {
      const sent = [
        '{"id":"ta","sip_domain":"ta.sip","trunk_type":"INBOUND","enabled":true}',
        '{"id":"tb","sip_domain":"tb.sip","trunk_type":"OUTBOUND","enabled":false}',
      ];
      const trunks = sent.map((json) => normalizeTrunk(parsed(json))!);
      assert.deepEqual(
        trunks.map((t) => JSON.stringify(rawOf(t))),
        sent,
      );
    });
  });

  describe('what is said of an item that cannot be read', () => {
    it('what it lacks and its keys, never its values', () => {
      assert.equal(
        unreadableReason({ id: 'n1', status: 'secret-value' }, 'e164 or number'),
        'no usable e164 or number (keys: id, status)',
      );
      assert.equal(unreadableReason({}, 'trunk_id or id'), 'no usable trunk_id or id (keys: none)');
    });

    it('an item that is no object says what it is', () => {
      assert.equal(unreadableReason('+911', 'e164 or number'), 'not an object but a string');
      assert.equal(unreadableReason(null, 'e164 or number'), 'not an object but null');
      assert.equal(unreadableReason([1], 'e164 or number'), 'not an object but an array');
    });

    it('at most eight keys, each short and of plain characters', () => {
      const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
      assert.equal(unreadableReason(many, 'id'), 'no usable id (keys: k0, k1, k2, k3, k4, k5, k6, k7 and 2 more)');
      const odd = { ['a b:c'.padEnd(40, 'x')]: 1 };
      assert.equal(unreadableReason(odd, 'id'), `no usable id (keys: ${'a?b?c'.padEnd(32, 'x')})`);
    });
  });
});
