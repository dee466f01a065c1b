import * as vscode from 'vscode';
import type { VobizClient } from './api';
import { createClient } from './clientFactory';
import type { Credentials } from './clientFactory';
import { ExtensionLog } from './logging';
import { readSettings } from './settings';

/** What `activate` returns: a small surface for tests and other extensions. */
export interface VobizExtensionApi {
  readonly log: ExtensionLog;
  /** A client built from the current `vobiz.*` settings. */
  createClient(credentials: Credentials): VobizClient;
}

export function activate(context: vscode.ExtensionContext): VobizExtensionApi {
  const log = new ExtensionLog(vscode.window.createOutputChannel('Vobiz', { log: true }));
  context.subscriptions.push(log, vscode.commands.registerCommand('vobiz.showLog', () => log.show()));
  log.info(`Vobiz Routing ${String((context.extension.packageJSON as { version?: unknown }).version)} activated.`);
  return {
    log,
    createClient: (credentials) => createClient(credentials, readSettings(), log),
  };
}

export function deactivate(): void {
  // Nothing to do: subscriptions are disposed by VS Code; credentials stay stored.
}
