import type { ExtensionLog } from '../logging';
import type { Session } from '../session';
import type { RoutingTreeProvider } from '../tree/routingTreeProvider';
import type { Ui } from './ui';

/** What every command handler gets. */
export interface CommandContext {
  readonly session: Session;
  readonly tree: RoutingTreeProvider;
  readonly log: ExtensionLog;
  /** The current UI seam (the window, or a test's scripted answers). */
  ui(): Ui;
}
