import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionCheckResult } from '../../src/commands/connectionCommands';
import { FakeVobiz } from '../fake-vobiz/server';
import { TestProxy } from '../support/testProxy';
import { TEST_API_HOSTNAME, testApiTls } from '../support/tlsFixture';
import { EXTENSION_ID, NUMBER, SANDBOX, setSetting, TRUNK, useHost, useSignedInHost, waitFor } from './helpers';
import type { HostHarness } from './helpers';
import { pickLabel, TestUi } from './testUi';

const ME = 'Credentials (GET /api/v1/auth/me)';
const TOKENS = [SANDBOX.authToken, SANDBOX.rotatedAuthToken];

async function checkConnection(h: HostHarness, ...args: unknown[]): Promise<ConnectionCheckResult> {
  const result = (await h.run('vobiz.checkConnection', ...args)) as ConnectionCheckResult | { error: string } | undefined;
  assert.ok(result && 'report' in result, `the check ran: ${JSON.stringify(result)}`);
  return result;
}

/** The report is shown in an editor, as Markdown, and holds no token. */
function assertShown(result: ConnectionCheckResult): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === result.document.toString());
  assert.ok(editor, 'the report is shown');
  assert.equal(editor.document.languageId, 'markdown');
  assert.equal(editor.document.getText(), result.markdown);
  for (const token of TOKENS) assert.ok(!result.markdown.includes(token), 'a token is in the report');
}

/**
 * Closes the reports (untitled, so unsaved: reverted first, no question asked). Once, after the
 * last suite: a report opened right after one was closed can be given the closed one's name
 * (Untitled-1) while the extension host still holds the closed document.
 */
async function closeReports(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const report = vscode.workspace.textDocuments.find((d) => d.isUntitled && !d.isClosed && d.languageId === 'markdown');
    if (!report) break;
    await vscode.window.showTextDocument(report);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Vobiz: Check Connection (signed in)', () => {
  const h = useSignedInHost();

  it('a healthy account: a read-only probe, the report in a Markdown editor, Copy Report copies it', async () => {
    const ui = h.useUi(new TestUi());
    ui.chooseAction = (_message, actions) => (actions.includes('Copy Report') ? 'Copy Report' : undefined);
    const result = await checkConnection(h);
    const { report } = result;
    assert.equal(report.ok, true, JSON.stringify(report.failures));
    assert.equal(report.credentialSource, 'stored');
    assert.equal(report.credentials, 'Acme Voice (sandbox) · main account');
    assert.equal(report.versions.vscode, vscode.version);
    assert.equal(
      report.versions.extension,
      (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version: string }).version,
    );
    assert.equal(report.numbers.casing, 'Account');
    assert.equal(report.numbers.total, 12);
    assert.equal(report.trunks.total, 4);
    assert.ok(h.fake.requests.length === 5 && h.fake.requests.every((r) => r.method === 'GET'), 'five reads, no write');
    assertShown(result);
    assert.match(result.markdown, /Vobiz Routing \d+\.\d+\.\d+ in VS Code/);
    assert.deepEqual(
      ui.offering('Copy Report').map((s) => s.kind),
      ['info'],
    );
    await waitFor(async () => (await vscode.env.clipboard.readText()) === result.markdown, 'the report on the clipboard');
  });

  it('a rejected token: the report says the credentials step failed and Sign In Again; then, once the account knows, it checks with a token typed in', async () => {
    h.fake.rotateToken(SANDBOX.authId, SANDBOX.rotatedAuthToken);
    const first = await checkConnection(h);
    assert.equal(first.report.failedStep, ME);
    assert.deepEqual(first.report.failures[0].actions, ['Sign In Again (MA_DEMO0001)', 'Show Log']);
    assert.equal(first.report.numbers.status, 'skipped');
    assertShown(first);
    assert.match(
      h.ui.offering('Copy Report')[0]?.message ?? '',
      /failed at Credentials \(GET \/api\/v1\/auth\/me\)\. What to do: Sign In Again \(MA_DEMO0001\), then Show Log/,
    );

    // The account learns the token is rejected: a failing command's error offers Check Connection,
    // which (for this account) asks for the current token and checks with it, storing nothing.
    await h.run('vobiz.refresh');
    assert.equal(h.session.rejected, true);
    const ui = h.useUi(new TestUi({ input: SANDBOX.rotatedAuthToken }));
    ui.chooseAction = (_message, actions) => (actions.includes('Check Connection') ? 'Check Connection' : undefined);
    await h.run('vobiz.assignNumber', { number: NUMBER.unassigned, trunkId: TRUNK.prod });
    const error = ui.shown.find((s) => s.kind === 'error');
    assert.deepEqual(error?.actions, ['Sign In Again', 'Show Log', 'Check Connection']);
    await waitFor(
      () => ui.messages('info').some((m) => m.includes('every step passed')),
      'the check run from the error notification',
    );
    assert.match(ui.messages('input')[0], /Vobiz rejected the stored token of MA_DEMO0001/);
    assert.equal(h.fake.number(NUMBER.unassigned)?.trunk_group_id, undefined, 'nothing was changed');
    assert.equal(h.session.rejected, true, 'the check signs nothing in');
  });

  it('through a proxy with a password: the requests go through it, the report and the log name it with the password hidden; a loopback API host is never proxied', async () => {
    // Loopback is never proxied: the proxied check goes to a second fake, over https under a name
    // only the test proxy resolves (its certificate self-signed, so not verified: http.proxyStrictSSL).
    const proxy = await new TestProxy().start();
    proxy.hosts.set(TEST_API_HOSTNAME, '127.0.0.1');
    const remote = new FakeVobiz(undefined, { tls: testApiTls() });
    await remote.start();
    const http = vscode.workspace.getConfiguration('http');
    const hidden = proxy.url.replace('http://', 'http://***@');
    try {
      proxy.requireAuth = `Basic ${Buffer.from('probe:pr0xy-pass').toString('base64')}`;
      await http.update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
      await http.update('proxy', proxy.url.replace('http://', 'http://probe:pr0xy-pass@'), vscode.ConfigurationTarget.Global);

      const local = await checkConnection(h);
      assert.equal(local.report.ok, true, JSON.stringify(local.report.failures));
      assert.equal(proxy.relayed, 0, 'the loopback sandbox was checked directly');
      assert.equal(local.report.proxy, `none: loopback hosts are never proxied (the "http.proxy" setting names ${hidden})`);

      // Sending the credentials to the new host is agreed to, then through a proxy that does not check TLS; the way back below.
      const ui = h.useUi(new TestUi({ confirm: true }, { confirm: true }));
      await setSetting('apiBaseUrl', remote.baseUrl);
      const { report, markdown } = await checkConnection(h);
      assert.match(ui.messages('confirm')[1] ?? '', /through a proxy that does not check TLS certificates\?$/);
      assert.equal(report.ok, true, JSON.stringify(report.failures));
      assert.ok(proxy.relayed >= 1, 'the proxy relayed the check');
      assert.ok(remote.requestsTo('GET', '/auth/me').length >= 1, 'the check reached the API behind the proxy');
      assert.equal(report.proxy, `${hidden} (from the "http.proxy" setting; TLS not verified)`);
      for (const text of [markdown, local.markdown, ...h.api.testing.log.recentLines]) {
        assert.ok(!text.includes('pr0xy-pass'), `the proxy password is shown: ${text}`);
      }
    } finally {
      h.useUi(new TestUi({ confirm: true }));
      await setSetting('apiBaseUrl', h.fake.baseUrl);
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await http.update('proxyStrictSSL', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(() => h.session.host === new URL(h.fake.baseUrl).host, 'the credentials bound to the sandbox again');
      await h.session.whenLoaded();
      await Promise.all([proxy.stop(), remote.stop()]);
    }
  });

  it('a server that ignores paging: the report says the numbers list repeats its first page', async () => {
    h.fake.variants.ignoreNumberPage = true;
    const { report } = await checkConnection(h);
    assert.equal(report.ok, false);
    assert.match(report.failedStep ?? '', /^Numbers \(GET \/api\/v1\/Account\/MA_DEMO0001\/numbers\)$/);
    assert.equal(report.numbers.nextPage, 'repeated the first page: `page` ignored');
    assert.deepEqual(report.failures[0].actions, ['Show Log']);
    assert.equal(report.trunks.status, 'ok');
  });

  it('several accounts signed in: asks which, and checks its stored credentials', async () => {
    await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
    try {
      const ui = h.useUi(new TestUi(pickLabel('Acme Reseller')));
      const { report } = await checkConnection(h);
      assert.deepEqual(ui.shown.find((s) => s.kind === 'pick')?.message, 'Check the connection of which Vobiz account?');
      assert.equal(report.authId, SANDBOX.subAuthId);
      assert.equal(report.credentialSource, 'stored');
      assert.equal(report.credentials, 'Acme Reseller (sandbox sub-account) · sub account');
      assert.equal(report.ok, true, JSON.stringify(report.failures));
    } finally {
      await h.api.testing.accounts.signOut(SANDBOX.subAuthId);
    }
  });

  // Last: the extension then remembers /account/ for this fake's API.
  it('a server that answers only /account/: the report says which casing worked, and the tree loads there too (said once in the log)', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    const { report } = await checkConnection(h);
    assert.equal(report.ok, true, JSON.stringify(report.failures));
    assert.equal(report.numbers.casing, 'account');
    assert.match(report.trunks.casingNote, /^\/Account\/ answered 404; \/account\/ answered/);
    const notes = (): string[] =>
      h.api.testing.log.recentLines.filter((l) => l.includes(h.fake.baseUrl) && l.includes('answered under /api/v1/account/'));
    await h.run('vobiz.refresh');
    assert.equal(h.session.model.status, 'ready');
    assert.equal(h.session.model.numberCount, 12);
    await h.run('vobiz.refresh');
    assert.equal(notes().length, 1, 'said once');
  });
});

describe('Vobiz: Check Connection (signed out)', () => {
  const h = useHost();
  after(closeReports);
  const KEY = `vobiz.credentials.${SANDBOX.authId}`;

  it('asks the Auth ID and token like Sign In, checks with them, and stores nothing', async () => {
    const ui = h.useUi(new TestUi({ input: SANDBOX.authId }, { input: SANDBOX.authToken }));
    const result = await checkConnection(h);
    assert.equal(result.report.ok, true, JSON.stringify(result.report.failures));
    assert.equal(result.report.credentialSource, 'entered');
    const [askedId, askedToken] = ui.messages('input');
    assert.match(askedId, /^Vobiz: Check Connection \(1\/2\): Auth ID: .*Nothing is stored/);
    assert.match(askedToken, /^Vobiz: Check Connection \(2\/2\): Auth Token of MA_DEMO0001: .*never stored, logged or shown/);
    assertShown(result);
    assert.equal(h.api.testing.accounts.signedIn, false);
    assert.equal(await h.api.testing.secrets.get(KEY), undefined);
  });

  it('when signing in fails: a wrong token (as an argument) gives the failing step and Sign In Again; Escape checks nothing', async () => {
    const { report } = await checkConnection(h, { authId: SANDBOX.authId, authToken: 'not-the-token' });
    assert.equal(report.failedStep, ME);
    assert.match(report.failures[0].message, /HTTP 401 on GET \/api\/v1\/auth\/me/);
    assert.deepEqual(report.failures[0].actions, ['Sign In Again (MA_DEMO0001)', 'Show Log']);
    h.fake.clearRequests();
    h.useUi(new TestUi({ input: SANDBOX.authId }, { input: undefined }));
    assert.equal(await h.run('vobiz.checkConnection'), undefined);
    assert.equal(h.fake.requests.length, 0);
  });

  it("is in the view's … menu beside Show Log, in the palette whether signed in or not, and linked from the welcome view", () => {
    const contributes = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: Record<string, unknown> })
      .contributes;
    const menus = contributes.menus as Record<string, { command: string; when?: string; group?: string }[]>;
    assert.deepEqual(
      menus['view/title'].find((m) => m.command === 'vobiz.checkConnection'),
      { command: 'vobiz.checkConnection', when: 'view == vobiz.routing', group: '9_log@0' },
    );
    assert.equal(
      menus.commandPalette.find((m) => m.command === 'vobiz.checkConnection'),
      undefined,
      'no when clause hides it',
    );
    assert.ok(JSON.stringify(contributes.viewsWelcome).includes('command:vobiz.checkConnection'));
  });
});
