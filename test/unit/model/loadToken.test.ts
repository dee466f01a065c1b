/**
 * A load must not overwrite a number changed after it began: `beginLoad()` gives the token, and
 * `setPartial`/`setInventory(…, since)` keep the model's version of every number `updateNumber`
 * changed after it (or keep it removed); every other number takes the load's version. Pure.
 */
import * as assert from 'node:assert/strict';
import type { VobizNumber } from '../../../src/api';
import { AccountModel } from '../../../src/model/accountModel';
import { aNumber, aTrunk } from '../../support/builders';

const TRUNKS = [aTrunk('t1'), aTrunk('t2')];

/** What the server says, page by page: +911 on t1, +912 unassigned, +913 on t2. */
function serverPages(): VobizNumber[] {
  return [aNumber('+911', { trunk_group_id: 't1' }), aNumber('+912'), aNumber('+913', { trunk_group_id: 't2' })];
}

function loadedModel(): AccountModel {
  const model = new AccountModel();
  model.setInventory(serverPages(), TRUNKS);
  return model;
}

const trunkOf = (model: AccountModel, e164: string): string | undefined => model.number(e164)?.trunk_group_id;

describe('AccountModel: a load does not overwrite what changed after it began', () => {
  it('a number updated after beginLoad keeps the model’s version; the others take the load’s', () => {
    const model = loadedModel();
    const since = model.beginLoad();
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    // The load read +912 before the change reached the server, and +913 changed elsewhere meanwhile.
    const pages = serverPages();
    pages[2] = aNumber('+913', { trunk_group_id: 't1' });
    model.setInventory(pages, TRUNKS, since);
    assert.equal(model.status, 'ready');
    assert.equal(trunkOf(model, '+912'), 't2', 'the change made after the load began');
    assert.equal(trunkOf(model, '+913'), 't1', 'the load’s version');
    assert.equal(model.number('+911'), pages[0], 'the load’s object');
    assert.deepEqual(
      model.numbersOfTrunk('t2').map((n) => n.e164),
      ['+912'],
    );
    assert.deepEqual(
      model.numbersOfTrunk('t1').map((n) => n.e164),
      ['+911', '+913'],
    );
  });

  it('a number updateNumber removed after beginLoad stays removed, though the pages list it', () => {
    const model = loadedModel();
    const since = model.beginLoad();
    model.updateNumber('+911', undefined);
    model.setInventory(serverPages(), TRUNKS, since);
    assert.equal(model.number('+911'), undefined);
    assert.equal(model.numberCount, 2);
    assert.deepEqual(model.numbersOfTrunk('t1'), []);
  });

  it('a number updateNumber added after beginLoad stays, though the pages do not list it', () => {
    const model = loadedModel();
    const since = model.beginLoad();
    model.updateNumber('+914', aNumber('+914', { trunk_group_id: 't1' }));
    model.setInventory(serverPages(), TRUNKS, since);
    assert.deepEqual(
      model.numbers().map((n) => n.e164),
      ['+911', '+912', '+913', '+914'],
    );
  });

  it('a change made before the load began is overwritten by the load (the load read it after)', () => {
    const model = loadedModel();
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    const since = model.beginLoad();
    model.setInventory(serverPages(), TRUNKS, since);
    assert.equal(trunkOf(model, '+912'), undefined);
  });

  it('holds through every partial step of the load and its end', () => {
    const model = loadedModel();
    model.setLoading();
    const since = model.beginLoad();
    const pages = serverPages();
    model.setPartial(pages.slice(0, 1), TRUNKS, since);
    model.updateNumber('+913', aNumber('+913', { trunk_group_id: 't1' }));
    model.updateNumber('+911', undefined);
    assert.deepEqual(
      model.numbers().map((n) => n.e164),
      ['+913'],
      'while partial: the change, not the first page’s +911',
    );
    model.setPartial(pages.slice(0, 2), TRUNKS, since);
    assert.equal(model.status, 'partial');
    assert.deepEqual(
      model.numbers().map((n) => n.e164),
      ['+912', '+913'],
      'a later page does not bring +911 back',
    );
    assert.equal(trunkOf(model, '+913'), 't1', 'nor +913 before its change');
    model.setInventory(pages, TRUNKS, since);
    assert.deepEqual(
      model.numbers().map((n) => n.e164),
      ['+912', '+913'],
    );
    assert.equal(trunkOf(model, '+913'), 't1', 'the last page does not overwrite the change either');
  });

  it('after a load ends, the next load (a new token) takes the server’s version of what the last one kept', () => {
    const model = loadedModel();
    let since = model.beginLoad();
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    model.setInventory(serverPages(), TRUNKS, since);
    assert.equal(trunkOf(model, '+912'), 't2');
    since = model.beginLoad();
    model.setInventory(serverPages(), TRUNKS, since);
    assert.equal(trunkOf(model, '+912'), undefined, 'the server says unassigned, and nothing changed since this load began');
  });

  it('without a token a load replaces everything (as before)', () => {
    const model = loadedModel();
    model.beginLoad();
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    model.setPartial(serverPages(), TRUNKS);
    assert.equal(trunkOf(model, '+912'), undefined);
  });

  it('the token is the change counter: it moves with every change, and a sign-out forgets the changes', () => {
    const model = loadedModel();
    const first = model.beginLoad();
    model.updateNumber('+912', aNumber('+912', { trunk_group_id: 't2' }));
    assert.ok(model.beginLoad() > first);
    model.clear();
    model.setInventory(serverPages(), TRUNKS, first);
    assert.equal(trunkOf(model, '+912'), undefined, 'nothing of the signed-out state is kept');
  });
});
