/** What the tree's items show of a number or a trunk (src/tree/itemLooks.ts, itemTooltips.ts, itemWords.ts): plain Node, no vscode. */
import * as assert from 'node:assert/strict';
import { numberContextValue, numberLook, trunkContextValue } from '../../../src/tree/itemLooks';
import { escapeMarkdown, numberTooltip, trunkTooltip } from '../../../src/tree/itemTooltips';
import { trunkDescription } from '../../../src/tree/itemWords';
import { SANDBOX } from '../../fake-vobiz/seed';
import { aNumber, aTrunk } from '../../support/builders';

describe('tree item text', () => {
  const active = aTrunk('t1', { name: 'Acme Production', trunk_direction: 'inbound', transport: 'udp' });
  const inactive = aTrunk('t2', { name: 'Legacy', trunk_status: 'inactive', trunk_direction: 'outbound' });

  it('numbers that will not receive calls get the warning look', () => {
    assert.equal(numberLook(aNumber('+1', { trunk_group_id: 't2' }), inactive), 'warning');
    assert.equal(numberLook(aNumber('+1', { status: 'pending_release' }), undefined), 'warning');
    assert.equal(numberLook(aNumber('+1', { trunk_group_id: 't1' }), active), 'routed');
    assert.equal(numberLook(aNumber('+1'), undefined), 'unassigned');
    assert.equal(numberLook(aNumber('+1', { application_id: '9' }), undefined), 'app');
  });

  it('context flags for menus', () => {
    assert.equal(numberContextValue(aNumber('+1', { trunk_group_id: 't1' })), 'vobiz.number vobiz.number.assigned');
    assert.equal(
      numberContextValue(aNumber('+1', { application_id: 'a' })),
      'vobiz.number vobiz.number.unassigned vobiz.number.app',
    );
    assert.equal(trunkContextValue(active), 'vobiz.trunk vobiz.trunk.active vobiz.trunk.domain');
    assert.equal(
      trunkContextValue(aTrunk('x', { trunk_status: 'inactive', trunk_domain: undefined })),
      'vobiz.trunk vobiz.trunk.inactive',
    );
  });

  it('trunk descriptions: direction · transport, inactive, number count', () => {
    assert.equal(trunkDescription(active, 3), 'inbound · udp · 3 numbers');
    assert.equal(trunkDescription(inactive, 1), 'outbound · udp · inactive · 1 number');
  });

  it('tooltips hold the fields a developer checks', () => {
    const n = aNumber('+919876543210', {
      trunk_group_id: 't1',
      monthly_fee: 1,
      currency: 'USD',
      capabilities: { voice: true, sms: true, fax: false },
      account_id: 'SA_SUB1',
    });
    const md = numberTooltip(n, active, { auth_id: SANDBOX.authId });
    for (const expected of ['Acme Production', '`t1`', 'Karnataka', 'voice, SMS', '1\\.00 USD', 'sub-account `SA_SUB1`']) {
      assert.ok(md.includes(expected), `${expected} in ${md}`);
    }
    const t = trunkTooltip(aTrunk('t9', { concurrent_calls_limit: 10, cps_limit: 2 }), 4);
    for (const expected of ['`t9`', '`t9.sip.vobiz.ai`', '10 concurrent calls, 2 calls/s', '| Numbers | 4 |']) {
      assert.ok(t.includes(expected), `${expected} in ${t}`);
    }
  });

  it("server text in a trunk's tooltip is escaped: a command link and HTML come out as plain text", () => {
    const evil = aTrunk('t1', { name: '[click](command:vobiz.signOut) <img src=x>', description: '**bold** `x`' });
    const md = trunkTooltip(evil, 0);
    assert.ok(!md.includes('[click](command:'), md);
    assert.doesNotMatch(md, /(^|[^\\])<img/, 'HTML is escaped');
    assert.ok(md.includes('\\[click\\]'), 'brackets are escaped');
    assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  });
});
