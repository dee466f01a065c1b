/**
 * During a refresh the tree keeps working: its rows stay, a command on a row acts on that number at
 * once (inside its queue), and the refresh's pages never overwrite a number changed after it began.
 * The fake holds the refresh's list pages at a gate (made when asked, sent when the test opens it).
 */
import * as assert from 'node:assert/strict';
import { NUMBER, numbersWith, TRUNK, useSignedInHost } from './helpers';
import { pickLabel, TestUi } from './testUi';

describe('a refresh while the tree is used', () => {
  const h = useSignedInHost();

  function holdRefreshPages() {
    return h.fake.hold({ method: 'GET', path: '/numbers', when: (r) => !r.query.search, answerMadeFirst: true });
  }

  it("keeps showing the last rows; Assign to Trunk from a row's context menu acts at once; the refresh keeps the change", async () => {
    const row = await h.numberNode(NUMBER.unassigned);
    const gate = holdRefreshPages();
    const refreshing = h.run('vobiz.refresh');
    try {
      await gate.whenWaiting(1);
      const rows = await h.children(await h.group('numbers'));
      assert.ok(
        rows.some((n) => n.type === 'number' && n.e164 === NUMBER.unassigned),
        'the rows stay during the refresh',
      );
      const ui = h.useUi(new TestUi(pickLabel('Acme Production'), { confirm: true }));
      // As the context menu calls it: the row as argument. It must finish while the refresh is held.
      const result = (await h.run('vobiz.assignNumber', row)) as { error?: string; message?: string };
      assert.equal(result.error, undefined);
      assert.equal(
        h.fake.number(NUMBER.unassigned)?.trunk_group_id,
        TRUNK.prod,
        'assigned on the server while the refresh loads',
      );
      assert.ok(ui.messages('info').some((m) => m.includes('now routes to trunk "Acme Production"')));
    } finally {
      gate.open();
    }
    await refreshing;
    await h.api.testing.accounts.whenLoaded();
    assert.equal(h.session.model.status, 'ready');
    assert.equal(
      h.session.model.number(NUMBER.unassigned)?.trunk_group_id,
      TRUNK.prod,
      'the refresh did not overwrite it with its older page',
    );
    assert.ok((await h.numbersUnderTrunk(TRUNK.prod)).includes(NUMBER.unassigned));
  });

  it('Undo during a refresh puts the number back, and the refresh leaves it there', async () => {
    h.useUi(new TestUi({ confirm: true }));
    await h.run('vobiz.moveNumber', { number: NUMBER.onProd, trunkId: TRUNK.staging });
    const gate = holdRefreshPages();
    const refreshing = h.run('vobiz.refresh');
    try {
      await gate.whenWaiting(1);
      const ui = h.useUi(new TestUi({ confirm: true }));
      const report = await h.run('vobiz.undoLastChange');
      assert.deepEqual(numbersWith(report, 'applied'), [NUMBER.onProd]);
      assert.ok(
        ui.messages('info').includes(`Undone: ${NUMBER.onProd} is back on trunk "Acme Production".`),
        ui.messages('info').join('\n'),
      );
    } finally {
      gate.open();
    }
    await refreshing;
    await h.api.testing.accounts.whenLoaded();
    assert.equal(h.fake.number(NUMBER.onProd)?.trunk_group_id, TRUNK.prod);
    assert.equal(
      h.session.model.number(NUMBER.onProd)?.trunk_group_id,
      TRUNK.prod,
      "the refresh's older page (Staging) did not win",
    );
  });
});
