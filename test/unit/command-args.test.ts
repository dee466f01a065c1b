import * as assert from 'node:assert/strict';
import { numberTarget, trunkTarget } from '../../src/commands/args';

describe('command arguments', () => {
  it('a number from a tree item, an E.164 string, or { number, trunkId }', () => {
    assert.deepEqual(numberTarget({ type: 'number', id: 'number:+919876543210', e164: '+919876543210' }), { e164: '+919876543210' });
    assert.deepEqual(numberTarget(' +919876543210 '), { e164: '+919876543210' });
    assert.deepEqual(numberTarget({ number: '+919876543210', trunkId: 't-1' }), { e164: '+919876543210', trunkId: 't-1' });
    assert.equal(numberTarget(undefined), undefined);
    assert.equal(numberTarget({ type: 'trunk', trunkId: 't' }), undefined);
  });

  it('refuses malformed numbers and unknown shapes with a clear message', () => {
    assert.throws(() => numberTarget('98765'), /E\.164/);
    assert.throws(() => numberTarget({ number: '+91 98765' }), /E\.164/);
    assert.throws(() => numberTarget({ number: '+919876543210', trunkId: '' }), /trunkId/);
    assert.throws(() => numberTarget(42), /Expected a phone number/);
  });

  it('a trunk from a trunk item, { trunkId } or an id, never from a phone number', () => {
    assert.equal(trunkTarget({ type: 'trunk', id: 'trunk:t1', trunkId: 't1' }), 't1');
    assert.equal(trunkTarget({ trunkId: 't2' }), 't2');
    assert.equal(trunkTarget('t3'), 't3');
    assert.equal(trunkTarget('+919876543210'), undefined);
  });
});
