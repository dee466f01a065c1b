import * as assert from 'node:assert/strict';
import { isTrunkActive, numberDescription, numberProblem } from '../../../src/model/routingRules';
import { aNumber, aTrunk } from '../../support/builders';

describe('routing rules', () => {
  const active = aTrunk('t1', { name: 'Acme Production', trunk_direction: 'inbound', transport: 'udp' });
  const inactive = aTrunk('t2', { name: 'Legacy', trunk_status: 'inactive', trunk_direction: 'outbound' });

  it('trunk status: inactive and disabled are inactive; unknown values count as active', () => {
    assert.ok(isTrunkActive(active));
    assert.ok(!isTrunkActive(inactive));
    assert.ok(!isTrunkActive(aTrunk('x', { trunk_status: 'disabled' })));
    assert.ok(isTrunkActive(aTrunk('x', { trunk_status: 'enabled' })));
    assert.ok(isTrunkActive(aTrunk('x', { trunk_status: 'provisioning' })));
  });

  it('number descriptions: trunk name, unassigned, or app, then status when not active, then region', () => {
    assert.equal(numberDescription(aNumber('+1', { trunk_group_id: 't1' }), active), 'Acme Production · Karnataka');
    assert.equal(numberDescription(aNumber('+1'), undefined), 'unassigned · Karnataka');
    assert.equal(numberDescription(aNumber('+1', { application_id: '42' }), undefined), 'app 42 · Karnataka');
    assert.equal(
      numberDescription(aNumber('+1', { status: 'pending_release', region: undefined }), undefined),
      'unassigned · pending release',
    );
    assert.equal(
      numberDescription(aNumber('+1', { trunk_group_id: 'abcdef12-0000-4000-8000-000000000009' }), undefined),
      'trunk abcdef12… · Karnataka',
    );
  });

  it('numbers that will not receive calls get a problem', () => {
    assert.match(numberProblem(aNumber('+1', { trunk_group_id: 't2' }), inactive) ?? '', /inactive trunk "Legacy"/);
    assert.match(numberProblem(aNumber('+1', { status: 'pending_release' }), undefined) ?? '', /pending release/);
    assert.match(numberProblem(aNumber('+1', { is_blocked: true }), undefined) ?? '', /blocked/);
    assert.match(numberProblem(aNumber('+1', { status: 'blocked' }), undefined) ?? '', /blocked/);
    assert.equal(numberProblem(aNumber('+1', { trunk_group_id: 't1' }), active), undefined);
    assert.equal(
      numberProblem(aNumber('+1', { trunk_group_id: 'sub-trunk', account_id: 'SA_1' }), undefined),
      undefined,
      "a sub-account's own trunk is not a problem",
    );
  });

  it('an unknown number status is shown as it is, without a special case', () => {
    const n = aNumber('+1', { status: 'porting_in' });
    assert.equal(numberProblem(n, undefined), undefined);
    assert.equal(numberDescription(n, undefined), 'unassigned · porting in · Karnataka');
  });
});
