import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountSession } from '../../src/session/accountSession';
import type { VobizTestingApi } from '../../src/extension';
import type { NumberNode, RoutingNode, TrunkNode } from '../../src/tree/nodes';
import { FakeVobiz } from '../fake-vobiz/server';
import { SANDBOX } from '../fake-vobiz/seed';
import type { Seed } from '../fake-vobiz/seed';
import { TestUi } from './testUi';

export { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
export { waitFor } from '../support/wait';

export const EXTENSION_ID = 'vobiz-routing.vobiz-routing';

/** Activates the extension under test and returns its API. */
export async function activateExtension(): Promise<VobizTestingApi> {
  const ext = vscode.extensions.getExtension<VobizTestingApi>(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not installed in this host.`);
  const api = await ext.activate();
  // An installed extension (Production mode) exports nothing: the suite runs it as a development extension.
  if (!api) throw new Error(`Extension ${EXTENSION_ID} exported nothing: it runs as an installed extension, not under test.`);
  return api;
}

/** Sets a `vobiz.*` setting globally for the test (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('vobiz').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * One fake Vobiz and the extension pointed at it, signed out, with a TestUi in place. `signIn()`
 * signs in through the command and waits for the tree to load.
 */
export class HostHarness {
  readonly fake = new FakeVobiz();
  api!: VobizTestingApi;
  ui = new TestUi();

  async setUp(): Promise<void> {
    this.api = await activateExtension();
    await this.api.testing.accounts.ready;
    await this.fake.start();
    await setSetting('apiBaseUrl', this.fake.baseUrl);
  }

  async tearDown(): Promise<void> {
    this.api.testing.setUi(undefined);
    await this.signOutAll();
    await setSetting('apiBaseUrl', undefined);
    await setSetting('confirmBeforeUnassign', undefined);
    await this.fake.stop();
  }

  /** Fresh fake state and a fresh TestUi with these answers, before each test. */
  reset(): void {
    this.fake.reset();
    this.useUi(new TestUi());
  }

  useUi(ui: TestUi): TestUi {
    this.ui = ui;
    this.api.testing.setUi(ui);
    return ui;
  }

  /** Signs in (the sandbox's main account unless told) through the command and waits for the tree. */
  async signIn(authId: string = SANDBOX.authId, authToken: string = SANDBOX.authToken): Promise<void> {
    const result: unknown = await vscode.commands.executeCommand('vobiz.signIn', { authId, authToken });
    assert.ok(result && !(result as { error?: string }).error, `sign-in failed: ${JSON.stringify(result)}`);
    await this.loaded();
  }

  async signOutAll(): Promise<void> {
    const accounts = this.api.testing.accounts;
    for (const s of accounts.list()) await accounts.signOut(s.authId);
  }

  /** The only (or first) signed-in account. */
  get session(): AccountSession {
    const s = this.api.testing.accounts.list()[0];
    if (!s) throw new Error('not signed in');
    return s;
  }

  /** Renders the root (as the view would) and waits for every account to finish loading. */
  async loaded(): Promise<void> {
    await this.children();
    await this.api.testing.accounts.whenLoaded();
  }

  get tree() {
    return this.api.testing.tree;
  }

  async children(node?: RoutingNode): Promise<RoutingNode[]> {
    return this.tree.getChildren(node);
  }

  item(node: RoutingNode): vscode.TreeItem {
    return this.tree.getTreeItem(node);
  }

  label(node: RoutingNode): string {
    const l = this.item(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  }

  async group(kind: 'trunks' | 'numbers', authId?: string): Promise<RoutingNode> {
    let root = await this.children();
    if (root.some((n) => n.type === 'account')) {
      const account = root.find((n) => n.type === 'account' && n.authId === (authId ?? SANDBOX.authId));
      if (!account) throw new Error(`no account ${authId ?? SANDBOX.authId} in the tree`);
      root = await this.children(account);
    }
    const g = root.find((n) => n.type === 'group' && n.group === kind);
    if (!g) throw new Error(`no ${kind} group in the tree: ${root.map((n) => this.label(n)).join(', ')}`);
    return g;
  }

  /** The E.164 labels of the numbers under a trunk (of the main sandbox account). */
  async numbersUnderTrunk(trunkId: string): Promise<string[]> {
    return this.numbersUnderTrunkOf(SANDBOX.authId, trunkId);
  }

  /** The E.164 labels of the numbers under a trunk of an account. */
  async numbersUnderTrunkOf(authId: string, trunkId: string): Promise<string[]> {
    const trunks = await this.children(await this.group('trunks', authId));
    const trunk = trunks.find((t) => t.type === 'trunk' && t.trunkId === trunkId);
    if (!trunk) throw new Error(`trunk ${trunkId} is not in the tree`);
    return (await this.children(trunk)).map((n) => this.label(n));
  }

  /** The node of a number in the Numbers group (of the main sandbox account unless told). */
  async numberNode(e164: string, authId?: string): Promise<NumberNode> {
    const numbers = await this.children(await this.group('numbers', authId));
    const node = numbers.find((n): n is NumberNode => n.type === 'number' && n.e164 === e164);
    if (!node) throw new Error(`${e164} is not in the Numbers group`);
    return node;
  }

  /** The node of a trunk in the Trunks group. */
  async trunkNode(trunkId: string, authId?: string): Promise<TrunkNode> {
    const trunks = await this.children(await this.group('trunks', authId));
    const node = trunks.find((n): n is TrunkNode => n.type === 'trunk' && n.trunkId === trunkId);
    if (!node) throw new Error(`trunk ${trunkId} is not in the tree`);
    return node;
  }

  /** The tree item of a number in the Numbers group. */
  async numberItem(e164: string): Promise<vscode.TreeItem> {
    const numbers = await this.children(await this.group('numbers'));
    const node = numbers.find((n) => n.type === 'number' && n.e164 === e164);
    if (!node) throw new Error(`${e164} is not in the Numbers group`);
    return this.item(node);
  }

  async run(command: string, ...args: unknown[]): Promise<unknown> {
    return vscode.commands.executeCommand(command, ...args);
  }

  /** Loads the first account afresh, as after a settings change: nothing shown until it ends (a first load, not a refresh). */
  async loadAfresh(): Promise<void> {
    this.session.applySettings();
    await this.api.testing.accounts.whenLoaded();
  }
}

/** What a routing command returned (ChangeSummary), as the numbers of each outcome. */
export function numbersWith(summary: unknown, outcome: string): string[] {
  const outcomes = (summary as { outcomes?: { number: string; outcome: string }[] } | undefined)?.outcomes ?? [];
  return outcomes.filter((o) => o.outcome === outcome).map((o) => o.number);
}

/**
 * The harness of a suite: set up once (its fake on `seed` when given, then signed in to the
 * sandbox's main account when `signIn`), torn down after, and a fresh fake and TestUi before each
 * test. A suite's own hooks run after these.
 */
export function useHost(options: { seed?: Seed; signIn?: boolean } = {}): HostHarness {
  const h = new HostHarness();
  before(async () => {
    await h.setUp();
    if (options.seed) h.fake.reset(options.seed);
    if (options.signIn) await h.signIn();
  });
  after(() => h.tearDown());
  beforeEach(() => h.reset());
  return h;
}

/** A suite signed in to the sandbox, with the tree reloaded (and no request logged) before each test. */
export function useSignedInHost(): HostHarness {
  const h = useHost({ signIn: true });
  beforeEach(async () => {
    await h.run('vobiz.refresh');
    h.fake.clearRequests();
  });
  return h;
}
