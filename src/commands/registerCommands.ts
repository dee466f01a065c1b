import * as vscode from 'vscode';
import { recoveryFor } from '../session/recovery';
import { addAccount, refresh, signIn, signOut } from './accountCommands';
import { isTreeNode } from './args';
import { checkConnectionCommand } from './connectionCommands';
import type { CommandContext, CommandFailure } from './context';
import { copyNumber, copySipDomain, copyTrunkId } from './copyCommands';
import { clearFilter, filterNumbers } from './filterCommands';
import { openJson } from './jsonCommands';
import { notify, recoveryChoices } from './notifications';
import { assignNumber, assignNumbersCommand, moveNumber, unassignNumber, unassignNumbersCommand } from './routingCommands';
import { undoLastChange } from './undoCommands';
import { bindUndoContext } from './undoContext';
import { UserError } from './userError';


type Handler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;

/**
 * A command of the view's title bar (and the palette). VS Code passes such a command the focused
 * row of the tree (and the selection), which the user did not choose it for: a tree item argument
 * is dropped, so the command asks (or acts on every account). Other arguments (`{ authId }` from an
 * error item's Retry, `{ authId, authToken }` from a test or another extension) are kept. A row's
 * own context-menu entry is a separate command id that takes the row (`npm run lint` checks both).
 */
function notOnRow(handler: Handler): Handler {
  return (ctx, ...args) => handler(ctx, ...(isTreeNode(args[0]) ? [] : args));
}

/** Every command of the extension: one table, one wrapper (errors shown and logged the same way). */
export const COMMANDS: Readonly<Record<string, Handler>> = {
  'vobiz.signIn': notOnRow(signIn),
  'vobiz.addAccount': notOnRow(addAccount),
  'vobiz.signOut': notOnRow(signOut),
  'vobiz.signOutAccount': signOut,
  'vobiz.refresh': notOnRow(refresh),
  'vobiz.refreshAccount': refresh,
  'vobiz.showLog': notOnRow((ctx) => Promise.resolve(ctx.log.show())),
  'vobiz.assignNumber': assignNumber,
  'vobiz.unassignNumber': unassignNumber,
  'vobiz.moveNumber': moveNumber,
  'vobiz.copyNumber': copyNumber,
  'vobiz.copyTrunkId': copyTrunkId,
  'vobiz.copySipDomain': copySipDomain,
  'vobiz.assignNumbers': notOnRow(assignNumbersCommand),
  'vobiz.assignAccountNumbers': assignNumbersCommand,
  'vobiz.unassignNumbers': notOnRow(unassignNumbersCommand),
  'vobiz.undoLastChange': notOnRow(undoLastChange),
  'vobiz.filterNumbers': notOnRow(filterNumbers),
  'vobiz.clearFilter': notOnRow(clearFilter),
  'vobiz.openJson': (ctx, arg) => openJson(ctx, ctx.rawJson, arg),
  'vobiz.checkConnection': notOnRow(checkConnectionCommand),
};

/**
 * Shows a command's failure: the message as it is, with the buttons the recovery rule offers (Sign
 * In Again, Open Settings, Show Log); bad input is only said.
 */
async function report(ctx: CommandContext, id: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UserError) {
    ctx.log.warn(`${id}: ${message}`);
    void ctx.ui().warn(message);
    return;
  }
  // When one account is known to be rejected, Sign In Again is for it (asking for its token only).
  const rejected = ctx.accounts.list().filter((s) => s.rejected);
  const recovery = recoveryFor(err, { authId: rejected.length === 1 ? rejected[0].authId : undefined });
  // Declining to send the credentials to a new host was the user's choice: nothing was sent, nothing failed.
  const declined = recovery.problem === 'credentialsNotSent';
  if (declined) ctx.log.warn(`${id}: ${message}`);
  else ctx.log.error(vscode.l10n.t('{0} failed', id), err);
  await notify(ctx, declined ? 'warn' : 'error', message, recoveryChoices(ctx, recovery));
}

/** Runs a job the way every command runs: a failure is shown, logged and returned as `{ error }`. */
export async function runReported(ctx: CommandContext, id: string, job: () => Promise<unknown>): Promise<unknown> {
  try {
    await ctx.accounts.ready;
    return await job();
  } catch (err) {
    void report(ctx, id, err);
    // Already shown; callers (keybindings, other extensions, tests) learn of the failure too.
    return { error: err instanceof Error ? err.message : String(err) } satisfies CommandFailure;
  }
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const commands = Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => runReported(ctx, id, () => handler(ctx, ...args))));
  // The context keys that follow what the commands did: when Undo shows, and the walkthrough's steps.
  return [...commands, bindUndoContext(ctx)];
}
