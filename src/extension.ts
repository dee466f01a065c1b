import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { VobizClient } from './api';
import { Accounts } from './session/accounts';
import { clientFactory } from './session/clientFactory';
import type { Credentials } from './session/clientFactory';
import { dropOnTrunk } from './commands/routingCommands';
import type { CommandContext } from './commands/context';
import { askToSendCredentials } from './commands/hostConsentPrompt';
import { registerCommands, runReported } from './commands/registerCommands';
import { windowUi } from './commands/ui';
import type { Ui } from './commands/ui';
import { contextKeyValue, setContextKey, SIGNED_IN_CONTEXT } from './platform/contextKeys';
import { CredentialStore } from './session/credentialStore';
import { ExtensionLog } from './platform/extensionLog';
import { UndoHistory } from './model/undoHistory';
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

/** What `activate` returns: a small surface for tests and other extensions. */
export interface VobizExtensionApi {
  readonly log: ExtensionLog;
  /** A client built from the current `vobiz.*` and `http.*` proxy settings. */
  createClient(credentials: Credentials): VobizClient;
  /** For tests: the live objects behind the view, and the UI seam. */
  readonly testing: {
    readonly accounts: Accounts;
    readonly tree: RoutingTreeProvider;
    readonly view: vscode.TreeView<RoutingNode>;
    readonly dragAndDrop: RoutingDragAndDrop;
    readonly undo: UndoHistory;
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
    ? vscode.l10n.t('Vobiz Routing {0} activated in {1} ms.', version, startup.activateMs)
    : vscode.l10n.t('Vobiz Routing {0} activated in {1} ms (loading the bundle: {2} ms).', version, startup.activateMs, startup.bundleEvalMs);
}

export function activate(context: vscode.ExtensionContext): VobizExtensionApi {
  const started = performance.now();
  // The layers below the UI (api, model, session) do not import vscode: `@vscode/l10n` translates their
  // messages from the same bundle VS Code loaded for this extension's language (none for English).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new ExtensionLog(vscode.window.createOutputChannel('Vobiz', { log: true }));
  const store = new CredentialStore(context.secrets);
  let ui: Ui = windowUi;
  const createClient = clientFactory(workspaceSettings, log);
  const accounts = new Accounts({ store, log, settings: workspaceSettings, createClient, ask: askToSendCredentials(() => ui) });
  const tree = new RoutingTreeProvider(accounts);
  const undo = new UndoHistory();
  const rawJson = new RawJsonDocuments(accounts);
  const ctx: CommandContext = { accounts, tree, log, undo, rawJson, ui: () => ui };
  const dragAndDrop = new RoutingDragAndDrop((numbers, target) => runReported(ctx, 'drop', () => dropOnTrunk(ctx, numbers, target)));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true, dragAndDropController: dragAndDrop });

  context.subscriptions.push(
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
  );
  // Reading the stored accounts goes on after activation returns: the tree and the commands wait for it.
  void accounts.restore().then(() => {
    if (accounts.restoreError) void ui.error(accounts.restoreError.message);
  });
  const startup = startupTimes(started);
  log.info(activatedLine(context, startup));
  return {
    log,
    createClient,
    testing: {
      accounts,
      tree,
      view,
      dragAndDrop,
      undo,
      setUi: (next) => {
        ui = next ?? windowUi;
      },
      secrets: context.secrets,
      globalState: context.globalState,
      workspaceState: context.workspaceState,
      contextKey: contextKeyValue,
      startup,
    },
  };
}

export function deactivate(): void {
  // Nothing to do: subscriptions are disposed by VS Code; credentials stay stored (never signed out here).
}
