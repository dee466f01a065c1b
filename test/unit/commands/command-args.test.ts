import * as assert from 'node:assert/strict';
import { accountTarget, isTreeNode, numberTarget, selectedNumbers, trunkTarget } from '../../../src/commands/args';
import type { NumberNode } from '../../../src/tree/nodes';

function node(e164: string, authId = 'MA_1', underTrunkId?: string): NumberNode {
  return {
    type: 'number',
    id: `acct:${authId}/${underTrunkId ? `trunk:${underTrunkId}/` : ''}number:${e164}`,
    authId,
    e164,
    underTrunkId,
  };
}

describe('command arguments', () => {
  it('a number from a tree item (with its account), an E.164 string, or { number, trunkId, authId }', () => {
    assert.deepEqual(numberTarget(node('+919876543210')), { e164: '+919876543210', authId: 'MA_1' });
    assert.deepEqual(numberTarget(' +919876543210 '), { e164: '+919876543210' });
    assert.deepEqual(numberTarget({ number: '+919876543210', trunkId: 't-1' }), { e164: '+919876543210', trunkId: 't-1' });
    assert.deepEqual(numberTarget({ number: '+919876543210', authId: 'SA_2' }), { e164: '+919876543210', authId: 'SA_2' });
    assert.equal(numberTarget(undefined), undefined);
    assert.equal(numberTarget({ type: 'trunk', trunkId: 't', authId: 'MA_1' }), undefined);
    assert.equal(numberTarget({ type: 'account', authId: 'MA_1' }), undefined);
    assert.equal(numberTarget({ authId: 'MA_1' }), undefined);
  });

  it('refuses malformed numbers and unknown shapes with a clear message', () => {
    assert.throws(() => numberTarget('98765'), /E\.164/);
    assert.throws(() => numberTarget({ number: '+91 98765' }), /E\.164/);
    assert.throws(() => numberTarget({ number: '+919876543210', trunkId: '' }), /trunkId/);
    assert.throws(() => numberTarget({ number: '+919876543210', authId: 7 }), /authId/);
    assert.throws(() => numberTarget(42), /Expected a phone number/);
  });

  it('a trunk from a trunk item, { trunkId } or an id, never from a phone number', () => {
    assert.deepEqual(trunkTarget({ type: 'trunk', id: 'trunk:t1', trunkId: 't1', authId: 'MA_1' }), {
      trunkId: 't1',
      authId: 'MA_1',
    });
    assert.deepEqual(trunkTarget({ trunkId: 't2' }), { trunkId: 't2' });
    assert.deepEqual(trunkTarget('t3'), { trunkId: 't3' });
    assert.equal(trunkTarget('+919876543210'), undefined);
  });

  it('an account from any item or { authId }', () => {
    assert.equal(accountTarget({ type: 'account', id: 'acct:SA_2', authId: 'SA_2' }), 'SA_2');
    assert.equal(accountTarget(node('+919876543210')), 'MA_1');
    assert.equal(accountTarget({ authId: ' MA_3 ' }), 'MA_3');
    assert.equal(accountTarget('MA_1'), undefined);
  });

  it('a tree row (what VS Code passes a title-bar command) is an object with a type; { authId }, credentials, filters and undo ids are not', () => {
    for (const row of [
      { type: 'account', id: 'acct:SA_2', authId: 'SA_2' },
      node('+919876543210'),
      { type: 'message', id: 'm', label: 'x', icon: 'info' },
    ]) {
      assert.equal(isTreeNode(row), true, JSON.stringify(row));
    }
    for (const arg of [
      undefined,
      'MA_1',
      { authId: 'MA_1' },
      { authId: 'MA_1', authToken: 't' },
      { kind: 'unassigned' },
      { changeId: 3 },
      [node('+911')],
    ]) {
      assert.equal(isTreeNode(arg), false, JSON.stringify(arg));
    }
  });

  it('a multi-selection acts on every selected number once, only when the clicked item is part of it', () => {
    const a = node('+911');
    const b = node('+912');
    const bUnderTrunk = node('+912', 'MA_1', 't1');
    assert.deepEqual(selectedNumbers(a, [a, b, bUnderTrunk]), [a, b]);
    assert.equal(selectedNumbers(a, [a]), undefined, 'one item is a single-number command');
    assert.equal(selectedNumbers(a, [b, bUnderTrunk]), undefined, 'right-click outside the selection acts on the clicked item');
    assert.equal(selectedNumbers(a, undefined), undefined);
    assert.deepEqual(
      selectedNumbers(a, [a, { type: 'trunk', id: 'x', authId: 'MA_1', trunkId: 't' }, b]),
      [a, b],
      'other items are left out',
    );
  });
});
