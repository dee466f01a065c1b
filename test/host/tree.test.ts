import * as assert from 'node:assert/strict';
import { TestUi } from './testUi';
import type * as vscode from 'vscode';
import { FakeVobiz } from '../fake-vobiz/server';
import { NUMBER, SANDBOX, setSetting, TRUNK, useHost, waitFor } from './helpers';

function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

describe('the routing tree', () => {
  const h = useHost({ signIn: true });

  it('shows Trunks (4) and Numbers (12) at the top', async () => {
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => [h.label(n), h.item(n).description]),
      [
        ['Trunks', '4'],
        ['Numbers', '12'],
      ],
    );
  });

  it("a trunk's children are the numbers routed to it (from trunk_group_id)", async () => {
    assert.deepEqual(await h.numbersUnderTrunk(TRUNK.prod), [NUMBER.onProd, NUMBER.onProd2, NUMBER.pendingRelease]);
    assert.deepEqual(await h.numbersUnderTrunk(TRUNK.staging), [NUMBER.onStaging]);
  });

  it('a trunk shows direction · transport, "inactive" when so, and its context flags', async () => {
    const trunks = await h.children(await h.group('trunks'));
    const legacy = trunks.find((t) => h.label(t) === 'Legacy PBX');
    assert.ok(legacy);
    const item = h.item(legacy);
    assert.match(String(item.description), /^outbound · udp · inactive · 1 number$/);
    assert.match(item.contextValue ?? '', /\bvobiz\.trunk\.inactive\b/);
    assert.match(tooltipText(item), /SIP domain/);
    const prod = trunks.find((t) => h.label(t) === 'Acme Production');
    assert.ok(prod);
    assert.match(h.item(prod).contextValue ?? '', /\bvobiz\.trunk\.active\b/);
  });

  it('a number says its trunk, unassigned, or app, plus its region, with matching context flags', async () => {
    const routed = await h.numberItem(NUMBER.onProd);
    assert.equal(routed.description, 'Acme Production · Maharashtra');
    assert.match(routed.contextValue ?? '', /\bvobiz\.number\.assigned\b/);
    const free = await h.numberItem(NUMBER.unassigned);
    assert.equal(free.description, 'unassigned · Karnataka');
    assert.match(free.contextValue ?? '', /\bvobiz\.number\.unassigned\b/);
    const app = await h.numberItem(NUMBER.appRouted);
    assert.equal(app.description, 'app 21784177241757 · California');
    assert.match(app.contextValue ?? '', /\bvobiz\.number\.app\b/);
  });

  it('numbers that will not receive calls carry a warning icon and say why', async () => {
    for (const e164 of [NUMBER.onLegacy, NUMBER.pendingRelease, NUMBER.blocked]) {
      const item = await h.numberItem(e164);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning', e164);
      assert.match(tooltipText(item), /inactive trunk|pending release|blocked/, e164);
    }
    assert.equal(((await h.numberItem(NUMBER.onProd)).iconPath as vscode.ThemeIcon).id, 'call-incoming');
  });

  it("a sub-account's number names its owner in the tooltip", async () => {
    assert.match(tooltipText(await h.numberItem(NUMBER.subOnReseller)), new RegExp(`sub-account \`${SANDBOX.subAuthId}\``));
  });

  it('an API failure of a first load shows an error item that leads to the log, not an empty view', async () => {
    h.fake.inject({
      method: 'GET',
      path: '/numbers',
      times: 10,
      fault: { type: 'status', status: 500, body: { error: 'internal error' } },
    });
    await h.loadAfresh();
    const root = await h.children();
    assert.equal(h.label(root[0]), "Couldn't load numbers — Show Log");
    assert.equal(h.item(root[0]).command?.command, 'vobiz.showLog');
    assert.equal(h.label(root[1]), 'Retry');
    h.fake.clearFaults();
    await h.run('vobiz.refresh');
    assert.deepEqual(
      (await h.children()).map((n) => h.label(n)),
      ['Trunks', 'Numbers'],
    );
  });

  it('refresh reloads from the server', async () => {
    h.fake.number(NUMBER.unassigned)!.trunk_group_id = TRUNK.support;
    await h.run('vobiz.refresh');
    assert.equal((await h.numberItem(NUMBER.unassigned)).description, 'Support Desk (Bengaluru) · Karnataka');
  });

  it('changing vobiz.apiBaseUrl reloads the tree from the new URL', async () => {
    const other = new FakeVobiz();
    await other.start();
    try {
      other.numbers.splice(1);
      // Another local port is another server: sending the credentials there (and back) is agreed to.
      h.useUi(new TestUi({ confirm: true }, { confirm: true }));
      await setSetting('apiBaseUrl', other.baseUrl);
      await waitFor(() => other.requestsTo('GET', '/numbers').length > 0, 'a request to the new base URL');
      await h.session.whenLoaded();
      await waitFor(
        async () => (await h.children()).length === 2 && h.session.model.numberCount === 1,
        'the tree from the new server',
      );
    } finally {
      await setSetting('apiBaseUrl', h.fake.baseUrl);
      await waitFor(
        () => h.session.model.status === 'ready' && h.session.model.numberCount === 12,
        'the tree back on the first server',
      );
      await other.stop();
    }
  });
});
