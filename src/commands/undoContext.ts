/**
 * The context keys that follow the undo history: `vobiz.canUndo` (the Undo command shows only when
 * there is something to put back), and the walkthrough's `vobiz.routingChanged` and
 * `vobiz.changeUndone`, set by a change or an undo that actually happened (never by a cancel or a
 * decline), since signing in.
 */
import * as vscode from 'vscode';
import type { ChangeReport } from '../session/changeReport';
import type { ChangeRecord } from '../session/undoHistory';
import {
  CAN_UNDO_CONTEXT,
  CHANGE_UNDONE_CONTEXT,
  contextKeyValue,
  ROUTING_CHANGED_CONTEXT,
  setContextKey,
} from '../platform/contextKeys';
import type { CommandContext } from './context';

type UndoState = Pick<CommandContext, 'accounts'>;

/** Whether Undo would put something back: the last change still has a step no later change touched, of an account still signed in. */
export function canUndo(ctx: UndoState): boolean {
  const history = ctx.accounts.changes.history;
  const last = history.last;
  return !!last && history.undoable(last).some((step) => !!ctx.accounts.get(step.authId));
}

/**
 * Keeps `vobiz.canUndo` in step with the undo history and the signed-in accounts, and sets
 * `vobiz.routingChanged` when a change is recorded (something actually changed). Signing out of
 * every account clears the walkthrough's keys: they say what happened since signing in (a step
 * already checked off stays checked).
 */
export function bindUndoContext(ctx: UndoState): vscode.Disposable {
  let shown: boolean | undefined;
  const update = (recorded?: ChangeRecord): void => {
    const now = canUndo(ctx);
    if (now !== shown) void setContextKey(CAN_UNDO_CONTEXT, (shown = now));
    if (recorded && contextKeyValue(ROUTING_CHANGED_CONTEXT) !== true) void setContextKey(ROUTING_CHANGED_CONTEXT, true);
  };
  const accountsChanged = (): void => {
    update();
    if (ctx.accounts.signedIn) return;
    for (const key of [ROUTING_CHANGED_CONTEXT, CHANGE_UNDONE_CONTEXT]) {
      if (contextKeyValue(key) === true) void setContextKey(key, false);
    }
  };
  update();
  const subscriptions = [ctx.accounts.changes.history.onDidChange(update), ctx.accounts.onDidChangeAccounts(accountsChanged)];
  return new vscode.Disposable(() => subscriptions.forEach((s) => s.dispose()));
}

/** Sets `vobiz.changeUndone` once an undo put at least one number back. */
export function noteUndone(report: ChangeReport): void {
  if (report.outcomes.some((o) => o.kind === 'applied') && contextKeyValue(CHANGE_UNDONE_CONTEXT) !== true) {
    void setContextKey(CHANGE_UNDONE_CONTEXT, true);
  }
}
