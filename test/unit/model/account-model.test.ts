import * as assert from 'node:assert/strict';
import { AccountModel } from '../../../src/model/accountModel';
import type { ModelChange } from '../../../src/model/accountModel';
import { aNumber, aTrunk } from '../../support/builders';

describe('AccountModel', () => {
  function loaded(): AccountModel {
    const m = new AccountModel();
    m.setInventory(
      [
        aNumber('+919000000003', { trunk_group_id: 't1' }),
        aNumber('+919000000001', { trunk_group_id: 't1' }),
        aNumber('+919000000002'),
        aNumber('+14155550100', { trunk_group_id: 't2' }),
      ],
      [aTrunk('t2', { name: 'Beta' }), aTrunk('t1', { name: 'alpha' }), aTrunk('t3', { name: 'Gamma' })],
    );
    return m;
  }

  it("derives a trunk's numbers from trunk_group_id, ordered by E.164", () => {
    const m = loaded();
    assert.deepEqual(
      m.numbersOfTrunk('t1').map((n) => n.e164),
      ['+919000000001', '+919000000003'],
    );
    assert.deepEqual(
      m.numbersOfTrunk('t2').map((n) => n.e164),
      ['+14155550100'],
    );
    assert.deepEqual(m.numbersOfTrunk('t3'), []);
  });

  it('orders numbers by E.164 and trunks by name', () => {
    const m = loaded();
    assert.deepEqual(
      m.numbers().map((n) => n.e164),
      ['+14155550100', '+919000000001', '+919000000002', '+919000000003'],
    );
    assert.deepEqual(
      m.trunks().map((t) => t.name),
      ['alpha', 'Beta', 'Gamma'],
    );
  });

  it('updateNumber moves a number between trunks and names both in the change', () => {
    const m = loaded();
    const changes: ModelChange[] = [];
    m.onDidChange((c) => changes.push(c));
    m.updateNumber('+919000000001', aNumber('+919000000001', { trunk_group_id: 't3' }));
    assert.deepEqual(
      m.numbersOfTrunk('t1').map((n) => n.e164),
      ['+919000000003'],
    );
    assert.deepEqual(
      m.numbersOfTrunk('t3').map((n) => n.e164),
      ['+919000000001'],
    );
    assert.deepEqual(changes, [{ kind: 'number', e164: '+919000000001', trunkIds: ['t1', 't3'] }]);
  });

  it('updateNumber with undefined removes a number the server no longer lists', () => {
    const m = loaded();
    m.updateNumber('+919000000002', undefined);
    assert.equal(m.number('+919000000002'), undefined);
    assert.equal(m.numberCount, 3);
  });

  it('tracks load status and the error of a failed load; clear forgets everything', () => {
    const m = loaded();
    m.setLoading();
    assert.equal(m.status, 'loading');
    m.setFailed(new Error('boom'));
    assert.equal(m.status, 'error');
    assert.equal(m.error?.message, 'boom');
    m.clear();
    assert.equal(m.status, 'idle');
    assert.equal(m.numberCount + m.trunkCount, 0);
  });

  it('unsubscribing stops change events', () => {
    const m = new AccountModel();
    let count = 0;
    const off = m.onDidChange(() => count++);
    m.setLoading();
    off.dispose();
    m.setLoading();
    assert.equal(count, 1);
  });
});
