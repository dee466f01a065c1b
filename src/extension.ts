import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { VobizClient } from './api';
import { Accounts } from './session/accounts';
import { clientFactory } from './session/clientFactory';
import { currentTarget } from './session/clientFactory';
import type { ClientFactory, Credentials } from './session/clientFactory';
import { dropOnTrunk } from './commands/routingCommands';
import type { CommandContext } from './commands/context';
import { askToSendCredentials } from './commands/hostConsentPrompt';
import { registerCommands } from './commands/registerCommands';
import { runReported } from './commands/runReported';
import { UiSeam } from './commands/uiSeam';
import type { Ui } from './commands/ui';
import { contextKeyValue, setContextKey, SIGNED_IN_CONTEXT } from './platform/contextKeys';
import { CredentialStore } from './session/credentialStore';
import { ExtensionLog } from './platform/extensionLog';
import { RAW_JSON_SCHEME, RawJsonDocuments } from './commands/rawJsonDocuments';
import { affectsClient, workspaceSettings } from './platform/settings';
import type { RoutingNode } from './tree/nodes';
import { RoutingDragAndDrop } from './tree/routingDragAndDrop';
import { RoutingTreeProvider, VIEW_ID } from './tree/routingTreeProvider';
import { bindViewStatus } from './tree/viewStatus';

/** Set by the bundle's first line (esbuild banner); absent when the sources run unbundled. */
declare const __vobizBundleStarted: number | undefined;
const bundleStarted = typeof __vobizBundleStarted === 'number' ? __vobizBundleStarted : undefined;
const bundleEvaluated = performance.now();

/** How long start-up took: evaluating the bundle (its modules' top level) and the `activate` call. */
export interface StartupTimes {
  readonly bundleEvalMs: number | undefined;
  readonly activateMs: number;
}

/**
 * What `activate` returns in a test or development host, for the extension's own tests: the live
 * objects behind the view, the UI seam, the secret storage and a client factory. An installed
 * extension (`ExtensionMode.Production`) returns nothing: any other extension can read what
 * `activate` returns (`vscode.extensions.getExtension(…).exports`), and none of this is for it.
 */
export interface VobizTestingApi {
  readonly testing: {
    readonly log: ExtensionLog;
    /** A client built from the current `vobiz.*` and `http.*` proxy settings. */
    createClient(credentials: Credentials): VobizClient;
    readonly accounts: Accounts;
    readonly tree: RoutingTreeProvider;
    readonly view: vscode.TreeView<RoutingNode>;
    readonly dragAndDrop: RoutingDragAndDrop;
    /** Replaces the UI seam (undefined restores the window). */
    setUi(ui: Ui | undefined): void;
    /** The extension's own SecretStorage, and its global and workspace state (which must hold no secret). */
    readonly secrets: vscode.SecretStorage;
    readonly globalState: vscode.Memento;
    readonly workspaceState: vscode.Memento;
    /** The value last set for a context key (e.g. `vobiz.signedIn`). */
    contextKey(key: string): unknown;
    readonly startup: StartupTimes;
  };
}

function startupTimes(activateStarted: number): StartupTimes {
  return {
    bundleEvalMs: bundleStarted === undefined ? undefined : Math.round((bundleEvaluated - bundleStarted) * 10) / 10,
    activateMs: Math.round((performance.now() - activateStarted) * 10) / 10,
  };
}

/** The log's line on activation: the version, and how long start-up took. */
function activatedLine(context: vscode.ExtensionContext, startup: StartupTimes): string {
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  return startup.bundleEvalMs === undefined
    ? l10n.t('Vobiz Routing {0} activated in {1} ms.', version, startup.activateMs)
    : l10n.t(
        'Vobiz Routing {0} activated in {1} ms (loading the bundle: {2} ms).',
        version,
        startup.activateMs,
        startup.bundleEvalMs,
      );
}

/** What the extension is made of once activated. */
interface Parts {
  readonly log: ExtensionLog;
  readonly store: CredentialStore;
  readonly createClient: ClientFactory;
  readonly accounts: Accounts;
  readonly tree: RoutingTreeProvider;
  readonly rawJson: RawJsonDocuments;
  readonly ctx: CommandContext;
  readonly dragAndDrop: RoutingDragAndDrop;
  readonly view: vscode.TreeView<RoutingNode>;
}

/** Builds the extension's parts on VS Code's services: the log, the secret storage, the settings and the UI seam. */
function build(context: vscode.ExtensionContext, seam: UiSeam): Parts {
  const log = new ExtensionLog(vscode.window.createOutputChannel('Vobiz', { log: true }));
  const store = new CredentialStore(context.secrets);
  const createClient = clientFactory(workspaceSettings, log);
  const accounts = new Accounts({
    store,
    log,
    settings: workspaceSettings,
    createClient,
    ask: askToSendCredentials(() => seam.current),
  });
  const tree = new RoutingTreeProvider(accounts);
  const rawJson = new RawJsonDocuments(accounts);
  const ctx: CommandContext = { accounts, tree, log, rawJson, ui: () => seam.current };
  const dragAndDrop = new RoutingDragAndDrop((numbers, target) =>
    runReported(ctx, 'drop', () => dropOnTrunk(ctx, numbers, target)),
  );
  const view = vscode.window.createTreeView(VIEW_ID, {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: dragAndDrop,
  });
  return { log, store, createClient, accounts, tree, rawJson, ctx, dragAndDrop, view };
}

/** What lives as long as the extension: the parts, the commands, and what follows the settings and the stored accounts. */
function subscriptions({ log, store, accounts, tree, view, rawJson, ctx }: Parts): vscode.Disposable[] {
  return [
    log,
    accounts,
    tree,
    view,
    rawJson,
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, rawJson),
    bindViewStatus(view, accounts, tree),
    ...registerCommands(ctx),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsClient(e)) accounts.applySettings();
    }),
    // Sign-in or sign-out in another window.
    store.onDidChange(() => void accounts.syncFromStore()),
    accounts.onDidChangeAccounts(() => {
      void setContextKey(SIGNED_IN_CONTEXT, accounts.signedIn);
      tree.refreshAll();
    }),
  ];
}

/** The surface of a test or development host (see VobizTestingApi). */
function testingApi(context: vscode.ExtensionContext, parts: Parts, seam: UiSeam, startup: StartupTimes): VobizTestingApi {
  const { log, createClient, accounts, tree, view, dragAndDrop } = parts;
  return {
    testing: {
      log,
      createClient: (credentials) => createClient(credentials, currentTarget(workspaceSettings)),
      accounts,
      tree,
      view,
      dragAndDrop,
      setUi: (ui) => seam.use(ui),
      secrets: context.secrets,
      globalState: context.globalState,
      workspaceState: context.workspaceState,
      contextKey: contextKeyValue,
      startup,
    },
  };
}

/**
 * Activates the extension. Returns nothing when installed (`ExtensionMode.Production`): what
 * `activate` returns is any other extension's to read. A test or development host gets the live
 * objects its tests drive (VobizTestingApi).
 */
export function activate(context: vscode.ExtensionContext): VobizTestingApi | undefined {
  const started = performance.now();
  // The layers below the UI (api, model, session) do not import vscode: `@vscode/l10n` translates their
  // messages from the same bundle VS Code loaded for this extension's language (none for English).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const seam = new UiSeam();
  const parts = build(context, seam);
  context.subscriptions.push(...subscriptions(parts));
  // Reading the stored accounts goes on after activation returns: the tree and the commands wait for it.
  void parts.accounts.restore().then(() => {
    if (parts.accounts.restoreError) void seam.current.error(parts.accounts.restoreError.message);
  });
  const startup = startupTimes(started);
  parts.log.info(activatedLine(context, startup));
  return context.extensionMode === vscode.ExtensionMode.Production ? undefined : testingApi(context, parts, seam, startup);
}

export function deactivate(): void {
  // Nothing to do: subscriptions are disposed by VS Code; credentials stay stored (never signed out here).
}
