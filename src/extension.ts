import * as vscode from 'vscode';
import type { VobizClient } from './api';
import { createClient } from './clientFactory';
import type { Credentials } from './clientFactory';
import type { CommandContext } from './commands/context';
import { registerCommands } from './commands/registerCommands';
import { windowUi } from './commands/ui';
import type { Ui } from './commands/ui';
import { contextKeyValue } from './contextKeys';
import { CredentialStore } from './credentialStore';
import { ExtensionLog } from './logging';
import { Session } from './session';
import { affectsClient, readSettings } from './settings';
import { RoutingTreeProvider, VIEW_ID } from './tree/routingTreeProvider';

/** What `activate` returns: a small surface for tests and other extensions. */
export interface VobizExtensionApi {
  readonly log: ExtensionLog;
  /** A client built from the current `vobiz.*` settings. */
  createClient(credentials: Credentials): VobizClient;
  /** For tests: the live objects behind the view, and the UI seam. */
  readonly testing: {
    readonly session: Session;
    readonly tree: RoutingTreeProvider;
    /** Replaces the UI seam (undefined restores the window). */
    setUi(ui: Ui | undefined): void;
    /** The extension's own SecretStorage. */
    readonly secrets: vscode.SecretStorage;
    /** The value last set for a context key (e.g. `vobiz.signedIn`). */
    contextKey(key: string): unknown;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<VobizExtensionApi> {
  const log = new ExtensionLog(vscode.window.createOutputChannel('Vobiz', { log: true }));
  const store = new CredentialStore(context.secrets);
  const session = new Session(store, log);
  const tree = new RoutingTreeProvider(session);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  let ui: Ui = windowUi;
  const ctx: CommandContext = { session, tree, log, ui: () => ui };

  context.subscriptions.push(
    log,
    session,
    tree,
    view,
    ...registerCommands(ctx),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsClient(e)) session.applySettings();
    }),
    // Sign-in or sign-out in another window.
    store.onDidChange(() => void session.syncFromStore()),
    session.onDidChangeSignIn(() => tree.refreshAll()),
  );
  log.info(`Vobiz Routing ${String((context.extension.packageJSON as { version?: unknown }).version)} activated.`);
  await session.restore();

  return {
    log,
    createClient: (credentials) => createClient(credentials, readSettings(), log),
    testing: {
      session,
      tree,
      setUi: (next) => {
        ui = next ?? windowUi;
      },
      secrets: context.secrets,
      contextKey: contextKeyValue,
    },
  };
}

export function deactivate(): void {
  // Nothing to do: subscriptions are disposed by VS Code; credentials stay stored (never signed out here).
}
