/**
 * The auth token is never shown, logged or kept outside SecretStorage. The suite makes its own
 * occasions, so it checks something when run alone (`VOBIZ_TEST_GREP="auth token"`): a sign-in, a
 * failing change whose answer echoes the token, a token rotated in the console (401s, an error
 * item in the tree) and a sign-in with a wrong token that the answer echoes too. Run last (its
 * file name sorts last), it also checks what every earlier suite showed through the TestUi seam.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoutingNode } from '../../src/tree/nodes';
import { NUMBER, SANDBOX, useHost } from './helpers';
import type { HostHarness } from './helpers';
import { TestUi } from './testUi';
import type { Shown } from './testUi';

/** The token typed at a sign-in that Vobiz refuses (a secret too: it may be another account's). */
const WRONG_TOKEN = 'wrong-token-5e1a77';
/** Every token the suite (and the host run) used. */
const TOKENS = [SANDBOX.authToken, SANDBOX.subAuthToken, SANDBOX.rotatedAuthToken, WRONG_TOKEN];

function assertNoToken(text: string, where: string): void {
  for (const token of TOKENS) assert.ok(!text.includes(token), `a token is in ${where}: ${text.slice(0, 300)}`);
}

/** What a tree item shows: its fields, with a MarkdownString tooltip as its text (JSON sees none of it). */
function itemText(item: vscode.TreeItem): string {
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  return JSON.stringify({ ...item, label: item.label, description: item.description, tooltip, command: item.command });
}

/** Every item of the tree, as shown: expanded all the way down (error items included). */
async function treeItems(h: HostHarness, node?: RoutingNode): Promise<string[]> {
  const out: string[] = [];
  for (const child of await h.children(node)) {
    const item = h.item(child);
    out.push(itemText(item));
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await treeItems(h, child)));
  }
  return out;
}

/** What the suite saw while it made its occasions. */
interface Seen {
  shown: Shown[];
  tree: string[];
  log: string[];
  results: unknown[];
}

/** A failing change, a 401 after a rotation and a refused sign-in, each answer echoing the token sent. */
async function makeOccasions(h: HostHarness): Promise<Seen> {
  const marker = `security suite: start ${Date.now()}`;
  h.api.testing.log.info(marker);
  const ui = h.useUi(new TestUi({ confirm: true }, { input: SANDBOX.subAuthId }, { input: WRONG_TOKEN }, { input: undefined }));
  await h.signIn();
  const echo = (token: string) => ({ error: `bad token ${token}`, message: `the token ${token} was refused` });
  h.fake.inject({ method: 'DELETE', path: '/assign', fault: { type: 'status', status: 400, body: echo(SANDBOX.authToken) } });
  const results = [await h.run('vobiz.unassignNumber', NUMBER.onProd)];
  // Rotated in the console: the old token is refused, and this answer echoes it.
  h.fake.rotateToken(SANDBOX.authId, SANDBOX.rotatedAuthToken);
  h.fake.inject({ method: 'GET', path: '/numbers', fault: { type: 'status', status: 401, body: echo(SANDBOX.authToken) } });
  results.push(await h.run('vobiz.refresh'));
  h.fake.inject({ method: 'GET', path: '/auth/me', fault: { type: 'status', status: 401, body: echo(WRONG_TOKEN) } });
  results.push(await h.run('vobiz.signIn'));
  const lines = h.api.testing.log.recentLines;
  const start = lines.lastIndexOf(marker);
  assert.ok(start >= 0, 'the log kept the lines of the suite');
  return { shown: [...ui.shown], tree: await treeItems(h), log: lines.slice(start + 1), results };
}

describe('the auth token is never shown, logged or kept outside SecretStorage', () => {
  const h = useHost();
  let seen: Seen;
  before(async () => {
    seen = await makeOccasions(h);
  });

  it('the suite made its occasions: an echoed token in a failed change, a 401 after rotation, a wrong token refused', () => {
    const errors = seen.shown.filter((s) => s.kind === 'error').map((s) => s.message);
    assert.ok(
      errors.some((m) => /HTTP 400/.test(m)),
      `the failed change was shown: ${errors.join(' / ')}`,
    );
    assert.ok(
      errors.some((m) => /HTTP 401/.test(m)),
      `the refused sign-in was shown: ${errors.join(' / ')}`,
    );
    assert.ok(
      seen.shown.some((s) => s.kind === 'confirm'),
      'a confirmation was shown',
    );
    assert.ok(
      seen.shown.some((s) => s.kind === 'input' && /did not accept that token/.test(s.message)),
      'the token was asked again',
    );
    assert.ok(
      seen.tree.some((t) => t.includes('Vobiz rejected the credentials')),
      `the tree shows the rejection: ${seen.tree.join('\n')}`,
    );
    assert.ok(
      seen.log.some((l) => /\b401\b/.test(l)) && seen.log.some((l) => /\b400\b/.test(l)),
      'the log has the failed requests',
    );
  });

  it('is in no log line written meanwhile, nor in any line kept of the whole run', () => {
    for (const line of [...seen.log, ...h.api.testing.log.recentLines]) assertNoToken(line, 'the log');
  });

  it('is in no notification, progress, prompt, QuickPick item or confirmation: of the suite, and of the whole run', () => {
    for (const s of [...seen.shown, ...TestUi.everything]) assertNoToken(JSON.stringify(s), `what was shown (${s.kind})`);
  });

  it("is in no label, description, tooltip or command of the tree's items, the error item included", () => {
    for (const text of seen.tree) assertNoToken(text, 'a tree item');
  });

  it("is in no command's result", () => {
    for (const result of seen.results) assertNoToken(JSON.stringify(result) ?? '', "a command's result");
  });

  it('is in no setting', () => {
    for (const section of ['vobiz', 'http']) {
      assertNoToken(JSON.stringify(vscode.workspace.getConfiguration(section)), `the ${section}.* settings`);
    }
  });

  it("is in neither the extension's global state nor its workspace state", () => {
    const { globalState, workspaceState } = h.api.testing;
    for (const [name, memento] of [
      ['globalState', globalState],
      ['workspaceState', workspaceState],
    ] as const) {
      const values = Object.fromEntries(memento.keys().map((k) => [k, memento.get<unknown>(k)]));
      assertNoToken(JSON.stringify(values), name);
    }
  });

  it("the checks themselves fail on a token: in a text, and in a tree item's Markdown tooltip", () => {
    assert.throws(() => assertNoToken(`{"t":"${WRONG_TOKEN}"}`, 'a probe'));
    const item = new vscode.TreeItem('probe');
    item.tooltip = new vscode.MarkdownString(`token ${SANDBOX.rotatedAuthToken}`);
    assert.throws(() => assertNoToken(itemText(item), 'a probe item'));
  });
});
