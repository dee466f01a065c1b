import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeVobiz } from '../fake-vobiz/server';
import { TestProxy } from '../support/testProxy';
import { TEST_API_HOSTNAME, testApiTls } from '../support/tlsFixture';
import { NUMBER, setSetting, TRUNK, useSignedInHost, waitFor } from './helpers';
import { pickLabel, TestUi } from './testUi';

const FREE1 = NUMBER.unassigned;

describe('filter, badge, Open as JSON, proxies', () => {
  const h = useSignedInHost();
  beforeEach(() => h.run('vobiz.clearFilter'));
  after(() => h.run('vobiz.clearFilter'));

  async function numbersShown(): Promise<string[]> {
    return (await h.children(await h.group('numbers'))).map((n) => h.label(n));
  }

  describe('filter', () => {
    it('by digits: the Numbers group and trunk children show only matches, without a request; the view says so', async () => {
      h.useUi(new TestUi(pickLabel('By digits'), { input: '91 8041' }));
      await h.run('vobiz.filterNumbers');
      assert.deepEqual(await numbersShown(), [NUMBER.onSupport, NUMBER.unassigned, NUMBER.subOnReseller]);
      assert.equal(h.item(await h.group('numbers')).description, '3 of 12 · filtered');
      assert.deepEqual(await h.numbersUnderTrunk(TRUNK.support), [NUMBER.onSupport]);
      assert.deepEqual(await h.numbersUnderTrunk(TRUNK.prod), []);
      assert.match(h.api.testing.view.message ?? '', /numbers containing 918041/);
      assert.equal(h.api.testing.contextKey('vobiz.filtered'), true);
      assert.equal(h.fake.requests.length, 0, 'filters run over the loaded model');
    });

    it('by trunk, and unassigned only', async () => {
      h.useUi(new TestUi(pickLabel('By trunk'), pickLabel('Acme Production')));
      await h.run('vobiz.filterNumbers');
      assert.deepEqual(await numbersShown(), [NUMBER.onProd, NUMBER.onProd2, NUMBER.pendingRelease]);
      h.useUi(new TestUi(pickLabel('Unassigned only')));
      await h.run('vobiz.filterNumbers');
      assert.deepEqual(await numbersShown(), [
        NUMBER.appRouted,
        NUMBER.unassigned2,
        NUMBER.blocked,
        NUMBER.subUnassigned,
        NUMBER.unassigned,
      ]);
      assert.match(h.api.testing.view.message ?? '', /unassigned numbers only/);
    });

    it('a change under the filter updates what is shown; Clear Filter shows every number again', async () => {
      await h.run('vobiz.filterNumbers', { kind: 'unassigned' });
      assert.ok((await numbersShown()).includes(FREE1));
      h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.assignNumber', { number: FREE1, trunkId: TRUNK.support });
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.support);
      assert.ok(!(await numbersShown()).includes(FREE1), 'an assigned number leaves the "unassigned only" list');
      await h.run('vobiz.clearFilter');
      assert.equal((await numbersShown()).length, 12);
      assert.equal(h.api.testing.view.message, undefined);
      assert.equal(h.api.testing.contextKey('vobiz.filtered'), false);
    });

    it('no match says so and offers to clear; bad digits are refused', async () => {
      await h.run('vobiz.filterNumbers', { kind: 'digits', digits: '000000' });
      assert.deepEqual(await numbersShown(), ['No numbers match the filter']);
      const result = (await h.run('vobiz.filterNumbers', { kind: 'digits', digits: 'abc' })) as { error?: string };
      assert.match(result.error ?? '', /digits/);
    });

    it('signing out takes the filter away: no Clear Filter, no filtered view message, and a sign-in starts unfiltered', async () => {
      await h.run('vobiz.filterNumbers', { kind: 'unassigned' });
      assert.equal(h.api.testing.contextKey('vobiz.filtered'), true);
      await h.signOutAll();
      assert.equal(h.api.testing.tree.filter, undefined);
      assert.equal(h.api.testing.contextKey('vobiz.filtered'), false);
      assert.equal(h.api.testing.view.message, undefined);
      await h.signIn();
      assert.doesNotMatch(String(h.item(await h.group('numbers')).description ?? ''), /filtered/);
    });
  });

  describe('status at a glance', () => {
    it('the badge counts numbers that will not receive calls, and follows changes', async () => {
      const view = h.api.testing.view;
      assert.equal(view.badge?.value, 3, 'inactive trunk, pending release, blocked');
      assert.match(view.badge?.tooltip ?? '', /will not receive calls/);
      h.useUi(new TestUi({ confirm: true }, { confirm: true }));
      await h.run('vobiz.assignNumber', { number: FREE1, trunkId: TRUNK.legacy });
      assert.equal(h.fake.number(FREE1)?.trunk_group_id, TRUNK.legacy);
      assert.equal(view.badge?.value, 4);
      const tooltip = (await h.numberItem(FREE1)).tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /inactive trunk/);
      await h.run('vobiz.unassignNumber', { number: FREE1 });
      assert.equal(view.badge?.value, 3);
    });
  });

  describe('Open as JSON', () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    it('a number opens as a vobiz-json document, exactly as the API returned it', async () => {
      const uri = (await h.run('vobiz.openJson', await h.numberNode(NUMBER.onProd))) as vscode.Uri;
      assert.equal(uri.scheme, 'vobiz-json');
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), uri.toString());
      assert.equal(editor?.document.languageId, 'json');
      const shown = JSON.parse(editor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.deepEqual(shown, JSON.parse(JSON.stringify(h.fake.number(NUMBER.onProd))));
    });

    it('keeps what normalisation changes: an empty trunk_group_id stays as sent', async () => {
      h.fake.number(FREE1)!.trunk_group_id = '';
      await h.run('vobiz.refresh');
      await h.run('vobiz.openJson', FREE1);
      const shown = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.equal(shown.trunk_group_id, '');
    });

    it('a trunk from its item, and anything from the palette', async () => {
      await h.run('vobiz.openJson', await h.trunkNode(TRUNK.staging));
      let shown = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.equal(shown.name, 'Acme Staging');
      h.useUi(new TestUi(pickLabel('Support Desk')));
      await h.run('vobiz.openJson');
      shown = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.equal(shown.trunk_id, TRUNK.support);
    });
  });

  describe('proxies', () => {
    // Loopback is never proxied: the proxied requests go to a second fake, over https under a name
    // only the test proxy resolves (its certificate self-signed, so not verified: http.proxyStrictSSL).
    const proxy = new TestProxy();
    const remote = new FakeVobiz(undefined, { tls: testApiTls() });
    const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');
    before(async () => {
      await proxy.start();
      proxy.hosts.set(TEST_API_HOSTNAME, '127.0.0.1');
      await remote.start();
    });
    after(async () => {
      for (const key of ['proxy', 'noProxy', 'proxyStrictSSL']) {
        await http().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      await Promise.all([proxy.stop(), remote.stop()]);
    });

    /** The log lines written from now on (after a marker line). */
    function linesFromNow(step: string): () => readonly string[] {
      const marker = `proxies test: ${step} ${Date.now()}`;
      h.api.testing.log.info(marker);
      return () => {
        const lines = h.api.testing.log.recentLines;
        return lines.slice(lines.lastIndexOf(marker) + 1);
      };
    }

    it('http.proxy sends the requests through the proxy (the log names it); http.noProxy exempts hosts; a loopback API host is never proxied', async () => {
      const sandboxHost = new URL(h.fake.baseUrl).host;
      try {
        // The sandbox on loopback: never proxied, and the log says so.
        let since = linesFromNow('loopback');
        await http().update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
        await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
        await waitFor(
          () =>
            since().some((l) =>
              l.includes(
                `Requests to Vobiz at ${sandboxHost} go directly, not through the proxy: loopback hosts are never proxied.`,
              ),
            ),
          'the client rebuilt for http.proxy',
        );
        await h.session.whenLoaded();
        await h.run('vobiz.refresh');
        assert.ok(h.fake.requestsTo('GET', '/numbers').length >= 1, 'the sandbox got the requests');
        assert.equal(proxy.relayed, 0, 'nothing went through the proxy');
        assert.ok(!since().some((l) => l.includes('go through the proxy')), 'the log does not claim a proxy is used');

        // The API under a name that is not loopback: through the proxy. Sending the credentials there is agreed to, then
        // through a proxy that does not check TLS (http.proxyStrictSSL is off), then the assign; the way back below.
        const ui = h.useUi(new TestUi({ confirm: true }, { confirm: true }, { confirm: true }));
        await setSetting('apiBaseUrl', remote.baseUrl);
        await waitFor(() => remote.requestsTo('GET', '/numbers').length > 0, 'the reload from the API behind the proxy');
        await h.session.whenLoaded();
        await h.run('vobiz.refresh');
        await h.run('vobiz.assignNumber', { number: FREE1, trunkId: TRUNK.prod });
        assert.equal(remote.number(FREE1)?.trunk_group_id, TRUNK.prod);
        assert.match(ui.messages('confirm')[1] ?? '', /through a proxy that does not check TLS certificates\?$/);
        assert.ok(proxy.relayed >= 1, 'the proxy relayed the requests');
        assert.ok(
          proxy.targets.every((t) => t.startsWith(`${TEST_API_HOSTNAME}:`)),
          proxy.targets.join(', '),
        );
        assert.ok(
          h.api.testing.log.recentLines.some((l) => l.includes(`through the proxy ${proxy.url}`)),
          'the log says which proxy',
        );

        // Exempted by http.noProxy, the name is looked up directly, where no DNS knows it: nothing more goes through the proxy.
        const before = proxy.relayed;
        since = linesFromNow('noProxy');
        await http().update('noProxy', [TEST_API_HOSTNAME], vscode.ConfigurationTarget.Global);
        await waitFor(
          () => since().some((l) => l.includes('through the proxy') && l.includes(`direct for ${TEST_API_HOSTNAME}`)),
          'the client rebuilt for the new http.noProxy',
        );
        await waitFor(() => since().some((l) => l.includes('no answer')), 'a request that went directly');
        assert.equal(proxy.relayed, before, 'nothing more went through the proxy');
      } finally {
        h.useUi(new TestUi({ confirm: true }));
        await setSetting('apiBaseUrl', h.fake.baseUrl);
        await waitFor(() => h.session.host === new URL(h.fake.baseUrl).host, 'the credentials bound to the sandbox again');
        await h.session.whenLoaded();
      }
    });
  });
});
