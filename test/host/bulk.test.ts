import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NUMBER, numbersWith, SANDBOX, TRUNK, useSignedInHost, waitFor } from './helpers';
import { pickLabel, pickLabels, TestUi } from './testUi';

const FREE1 = NUMBER.unassigned;
const FREE2 = NUMBER.unassigned2;
const PROD_A = NUMBER.onProd;
const PROD_B = NUMBER.onProd2;
const SUPPORT = NUMBER.onSupport;
const STAGING = NUMBER.onStaging;

describe('bulk changes, drag and drop, undo', () => {
  const h = useSignedInHost();

  async function nodes(...e164s: string[]) {
    return Promise.all(e164s.map((e) => h.numberNode(e)));
  }

  describe('multi-select', () => {
    it('assign: one trunk pick, one confirmation naming the count and the trunks affected, then every number moves', async () => {
      const selected = await nodes(FREE1, FREE2, PROD_B);
      const ui = h.useUi(new TestUi(pickLabel('Acme Staging'), { confirm: true }));
      const report = await h.run('vobiz.assignNumber', selected[0], selected);
      assert.equal(ui.answers.length, 0);
      const confirm = ui.shown.find((s) => s.kind === 'confirm');
      assert.equal(confirm?.message, 'Route 3 numbers to trunk "Acme Staging"?');
      assert.match(confirm?.detail ?? '', /2 numbers are unassigned now/);
      assert.match(confirm?.detail ?? '', /1 number moves \(1 from "Acme Production"\)/);
      assert.equal(ui.shown.filter((s) => s.kind === 'confirm').length, 1, 'one confirmation for the whole set');
      for (const e of [FREE1, FREE2, PROD_B]) assert.equal(h.fake.number(e)?.trunk_group_id, TRUNK.staging, e);
      assert.deepEqual(numbersWith(report, 'applied').sort(), [FREE1, FREE2, PROD_B].sort());
      assert.ok(
        ui.shown.some((s) => s.kind === 'progress' && s.cancellable),
        'a cancellable progress notification',
      );
      const summary = ui.offering('Undo');
      assert.equal(summary.length, 1);
      assert.equal(summary[0].message, 'Routed 3 numbers to trunk "Acme Staging".');
      assert.deepEqual((await h.numbersUnderTrunk(TRUNK.staging)).sort(), [FREE1, FREE2, PROD_B, STAGING].sort());
    });

    it('declining the confirmation writes nothing', async () => {
      const selected = await nodes(FREE1, FREE2);
      h.useUi(new TestUi(pickLabel('Acme Staging'), { confirm: false }));
      await h.run('vobiz.assignNumber', selected[0], selected);
      assert.equal(
        h.fake.requests.filter((r) => r.method !== 'GET').length,
        0,
        'the numbers are read for the confirmation; nothing is written',
      );
    });

    it('runs a few changes at a time, never all at once', async () => {
      const all = [FREE1, FREE2, PROD_A, PROD_B, SUPPORT, STAGING];
      const selected = await nodes(...all);
      h.useUi(new TestUi(pickLabel('Legacy PBX'), { confirm: true }));
      // Every write waits at the gate until three are waiting together: the changes overlap.
      const gate = h.fake.hold({ path: '/assign' });
      const run = h.run('vobiz.moveNumber', selected[0], selected);
      try {
        await gate.whenWaiting(3);
      } finally {
        gate.open();
      }
      await run;
      for (const e of all) assert.equal(h.fake.number(e)?.trunk_group_id, TRUNK.legacy, e);
      assert.ok(h.fake.peakInFlight <= 3, `at most 3 requests in flight (peak ${h.fake.peakInFlight})`);
    });

    it('the summary lists each failure with its reason; the others are done', async () => {
      h.fake.inject({
        method: 'POST',
        path: `/numbers/${FREE2}/assign`,
        fault: { type: 'status', status: 400, body: { error: 'invalid request', message: 'Trunk capacity exceeded.' } },
      });
      const selected = await nodes(FREE1, FREE2, SUPPORT);
      const ui = h.useUi(new TestUi(pickLabel('Acme Production'), { confirm: true }));
      const report = await h.run('vobiz.assignNumber', selected[0], selected);
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.prod);
      assert.equal(h.fake.number(SUPPORT)?.trunk_group_id, TRUNK.prod);
      assert.equal(h.fake.number(FREE2)?.trunk_group_id, undefined);
      assert.deepEqual(numbersWith(report, 'notApplied'), [FREE2]);
      const summary = ui.messages('warn').find((m) => m.startsWith('Routed 2 of 3 numbers'));
      assert.ok(summary, ui.messages('warn').join('\n'));
      assert.match(summary, new RegExp(`1 change failed: \\${FREE2} \\(.*Trunk capacity exceeded`));
    });

    it('a cancelled run stops starting new changes and reports what was done', async () => {
      const all = [FREE1, FREE2, PROD_A, PROD_B, SUPPORT, STAGING];
      const selected = await nodes(...all);
      const ui = h.useUi(new TestUi(pickLabel('Legacy PBX'), { confirm: true }));
      ui.cancelAfter = 1;
      const report = await h.run('vobiz.assignNumber', selected[0], selected);
      assert.equal((report as { stopped?: string }).stopped, 'cancelled');
      assert.equal(numbersWith(report, 'applied').length, 3, 'the three running changes finished');
      assert.equal(numbersWith(report, 'notStarted').length, 3);
      const onLegacy = all.filter((e) => h.fake.number(e)?.trunk_group_id === TRUNK.legacy);
      assert.deepEqual(onLegacy.sort(), numbersWith(report, 'applied').sort(), 'the server has exactly the reported changes');
      assert.ok(
        ui
          .messages('warn')
          .some((m) => m.startsWith('Cancelled: routed 3 of 6 numbers') && m.includes('3 numbers were not changed')),
      );
    });

    it('unassign: one confirmation listing the trunks, then every number is unassigned', async () => {
      const selected = await nodes(PROD_A, SUPPORT, FREE1);
      const ui = h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.unassignNumber', selected[0], selected);
      const confirm = ui.shown.find((s) => s.kind === 'confirm');
      assert.equal(confirm?.message, 'Unassign 2 numbers from their trunks?');
      assert.match(confirm?.detail ?? '', /1 from "Acme Production", 1 from "Support Desk \(Bengaluru\)"/);
      assert.match(confirm?.detail ?? '', /1 selected number is not assigned and left alone/);
      assert.equal(h.fake.number(PROD_A)?.trunk_group_id, undefined);
      assert.equal(h.fake.number(SUPPORT)?.trunk_group_id, undefined);
      assert.ok(ui.messages('info').includes('Unassigned 2 numbers.'));
    });

    it('from the palette: tick numbers, choose a trunk', async () => {
      const ui = h.useUi(new TestUi(pickLabels(FREE1, FREE2), pickLabel('Support Desk'), { confirm: true }));
      await h.run('vobiz.assignNumbers');
      assert.equal(ui.answers.length, 0);
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support);
      assert.equal(h.fake.number(FREE2)?.trunk_group_id, TRUNK.support);
      h.useUi(new TestUi(pickLabels(FREE1, FREE2), { confirm: true }));
      await h.run('vobiz.unassignNumbers');
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, undefined);
      assert.equal(h.fake.number(FREE2)?.trunk_group_id, undefined);
    });
  });

  const token = new vscode.CancellationTokenSource().token;

  async function drop(
    dragged: Awaited<ReturnType<typeof nodes>>,
    target: Parameters<typeof h.api.testing.dragAndDrop.handleDrop>[0],
  ): Promise<vscode.DataTransfer> {
    const dnd = h.api.testing.dragAndDrop;
    const transfer = new vscode.DataTransfer();
    dnd.handleDrag(dragged, transfer);
    await dnd.handleDrop(target, transfer, token);
    return transfer;
  }

  describe('drag and drop', () => {
    it('one unassigned number dropped on a trunk is assigned there after the one confirmation every change asks; it travels as text too', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      const transfer = await drop(await nodes(FREE1), await h.trunkNode(TRUNK.support));
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support);
      assert.deepEqual(
        ui.shown.filter((s) => s.kind === 'confirm').map((s) => s.message),
        [`Route ${FREE1} to trunk "Support Desk (Bengaluru)"?`],
      );
      assert.equal(await transfer.get('text/plain')?.asString(), FREE1, 'the numbers travel as text too');
    });

    it('a routed number dropped on another trunk asks to move it, as the command does', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      await drop(await nodes(PROD_A), await h.trunkNode(TRUNK.staging));
      assert.match(
        ui.shown.find((s) => s.kind === 'confirm')?.message ?? '',
        /routes to trunk "Acme Production". Move it to "Acme Staging"\?/,
      );
      assert.equal(h.fake.number(PROD_A)?.trunk_group_id, TRUNK.staging);
    });

    it('several numbers dropped on a number under a trunk go to that trunk after one confirmation', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      const underSupport = (await h.children(await h.trunkNode(TRUNK.support)))[0];
      await drop(await nodes(FREE1, FREE2), underSupport);
      assert.equal(ui.shown.filter((s) => s.kind === 'confirm').length, 1);
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support);
      assert.equal(h.fake.number(FREE2)?.trunk_group_id, TRUNK.support);
    });

    it('dropping on the Numbers group, a group or nowhere does nothing', async () => {
      const ui = h.useUi(new TestUi());
      await drop(await nodes(FREE1), await h.group('numbers'));
      await drop(await nodes(FREE1), await h.group('trunks'));
      await drop(await nodes(FREE1), undefined);
      assert.equal(h.fake.requests.length, 0);
      assert.equal(ui.shown.length, 0);
    });

    it('dropping on an inactive trunk asks first; declining writes nothing', async () => {
      const ui = h.useUi(new TestUi({ confirm: false }));
      await drop(await nodes(FREE1), await h.trunkNode(TRUNK.legacy));
      const asked = ui.shown.find((s) => s.kind === 'confirm');
      assert.match(asked?.detail ?? '', /Trunk "Legacy PBX" is inactive: calls will not be delivered/);
      assert.equal(asked?.button, 'Route Anyway');
      assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0);
    });
  });

  describe('undo', () => {
    it('Undo on the notification puts the number back with no further question, and the tree shows it there', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      ui.chooseAction = (_m, actions) => (actions.includes('Undo') ? 'Undo' : undefined);
      await h.run('vobiz.moveNumber', { number: PROD_A, trunkId: TRUNK.support });
      await waitFor(() => ui.messages('info').some((m) => m.startsWith('Undone')), 'the undo to finish');
      assert.equal(
        ui.shown.filter((s) => s.kind === 'confirm').length,
        1,
        'only the move asked: choosing Undo on its message was the confirmation',
      );
      assert.equal(h.fake.number(PROD_A)?.trunk_group_id, TRUNK.prod);
      assert.ok((await h.numbersUnderTrunk(TRUNK.prod)).includes(PROD_A));
    });

    it('Vobiz: Undo Last Routing Change asks, naming the change, then undoes a whole bulk change', async () => {
      const selected = await nodes(FREE1, FREE2, PROD_B);
      h.useUi(new TestUi(pickLabel('Acme Staging'), { confirm: true }));
      await h.run('vobiz.assignNumber', selected[0], selected);
      const ui = h.useUi(new TestUi({ confirm: true }));
      const report = await h.run('vobiz.undoLastChange');
      const asked = ui.shown.find((s) => s.kind === 'confirm');
      assert.equal(asked?.message, 'Undo the last routing change (Routed 3 numbers to trunk "Acme Staging")?');
      assert.match(asked?.detail ?? '', /Its 3 numbers are read first/);
      assert.deepEqual(numbersWith(report, 'applied').sort(), [FREE1, FREE2, PROD_B].sort());
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, undefined);
      assert.equal(h.fake.number(FREE2)?.trunk_group_id, undefined);
      assert.equal(h.fake.number(PROD_B)?.trunk_group_id, TRUNK.prod);
      assert.ok(ui.messages('info').some((m) => m.startsWith('Undone for 3 numbers')));
    });

    it('Undo of a bulk change and of a drop restores app routing too (one undo record shape for every kind of change)', async () => {
      const APP = NUMBER.appRouted;
      const appId = h.fake.number(APP)?.application_id;
      assert.ok(appId);
      const selected = await nodes(APP, FREE1);
      h.useUi(new TestUi(pickLabel('Acme Staging'), { confirm: true }));
      await h.run('vobiz.assignNumber', selected[0], selected);
      assert.equal(h.fake.number(APP)?.trunk_group_id, TRUNK.staging);
      h.useUi(new TestUi({ confirm: true }));
      let report = await h.run('vobiz.undoLastChange');
      assert.deepEqual(numbersWith(report, 'applied').sort(), [APP, FREE1].sort());
      assert.equal(h.fake.number(APP)?.application_id, appId, 'back on its application after a bulk undo');
      assert.equal(h.fake.number(APP)?.trunk_group_id, undefined);

      h.useUi(new TestUi({ confirm: true }));
      await drop(await nodes(APP), await h.trunkNode(TRUNK.support));
      assert.equal(h.fake.number(APP)?.trunk_group_id, TRUNK.support);
      const ui = h.useUi(new TestUi({ confirm: true }));
      report = await h.run('vobiz.undoLastChange');
      assert.deepEqual(numbersWith(report, 'applied'), [APP]);
      assert.equal(h.fake.number(APP)?.application_id, appId, 'back on its application after undoing a drop');
      assert.ok(ui.messages('info').includes(`Undone: ${APP} is back on application ${appId}.`), ui.messages('info').join('\n'));
    });

    it('leaves alone a number changed elsewhere since, and says so', async () => {
      h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.assignNumber', { number: FREE1, trunkId: TRUNK.staging });
      // Changed in the Vobiz console after our change:
      h.fake.number(FREE1)!.trunk_group_id = TRUNK.support;
      const ui = h.useUi(new TestUi({ confirm: true }));
      const report = await h.run('vobiz.undoLastChange');
      assert.deepEqual(numbersWith(report, 'applied'), []);
      assert.deepEqual(numbersWith(report, 'moved'), [FREE1]);
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support, 'left as it is');
      assert.ok(
        ui.messages('warn').includes(`Nothing undone: ${FREE1} now routes to trunk "Support Desk (Bengaluru)", changed since.`),
        ui.messages('warn').join('\n'),
      );
    });

    it("an earlier change's Undo does nothing once the number changed again in the extension", async () => {
      const ui = h.useUi(new TestUi({ confirm: true }, { confirm: true }));
      ui.holdNotifications = true;
      await h.run('vobiz.assignNumber', { number: FREE1, trunkId: TRUNK.staging });
      await h.run('vobiz.moveNumber', { number: FREE1, trunkId: TRUNK.support });
      const first = ui.held.find((n) => n.message.startsWith(`${FREE1} now routes to trunk "Acme Staging"`));
      assert.ok(first, ui.held.map((n) => n.message).join('\n'));
      first.press('Undo');
      await waitFor(
        () => ui.messages('info').includes(`Nothing undone: ${FREE1} was changed again since.`),
        "the earlier change's undo to say why it did nothing",
      );
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support);
    });

    it('with nothing to undo, says so', async () => {
      await h.run('vobiz.refresh');
      h.api.testing.accounts.changes.history.forgetAccount(SANDBOX.authId);
      const result = (await h.run('vobiz.undoLastChange')) as { error?: string };
      assert.match(result.error ?? '', /no routing change to undo/);
    });
  });
});
