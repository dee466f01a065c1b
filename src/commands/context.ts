import type { Accounts } from '../session/accounts';
import type { ExtensionLog } from '../platform/extensionLog';
import type { RawJsonDocuments } from './rawJsonDocuments';
import type { RoutingTreeProvider } from '../tree/routingTreeProvider';
import type { Ui } from './ui';

/** What every command handler gets. The routing changes are `accounts.changes` (the change service). */
export interface CommandContext {
  readonly accounts: Accounts;
  readonly tree: RoutingTreeProvider;
  readonly log: ExtensionLog;
  readonly rawJson: RawJsonDocuments;
  /** The current UI seam (the window, or a test's scripted answers). */
  ui(): Ui;
}

/** What a command returns when it failed (the failure was already shown to the user). */
export interface CommandFailure {
  error: string;
}
