import * as vscode from 'vscode';
import { addAccount, refresh, signIn, signOut } from './accountCommands';
import { isTreeNode } from './args';
import { checkConnectionCommand } from './connectionCommands';
import type { CommandContext } from './context';
import { copyNumber, copySipDomain, copyTrunkId } from './copyCommands';
import { clearFilter, filterNumbers } from './filterCommands';
import { openJson } from './jsonCommands';
import { assignNumber, assignNumbersCommand, moveNumber, unassignNumber, unassignNumbersCommand } from './routingCommands';
import { undoLastChange } from './undoCommands';
import { bindUndoContext } from './undoContext';
import { runReported } from './runReported';

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
  'vobiz.undoLastChange': notOnRow((ctx) => undoLastChange(ctx)),
  'vobiz.filterNumbers': notOnRow(filterNumbers),
  'vobiz.clearFilter': notOnRow(clearFilter),
  'vobiz.openJson': (ctx, arg) => openJson(ctx, ctx.rawJson, arg),
  'vobiz.checkConnection': notOnRow(checkConnectionCommand),
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const commands = Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => runReported(ctx, id, () => handler(ctx, ...args))),
  );
  // The context keys that follow what the commands did: when Undo shows, and the walkthrough's steps.
  return [...commands, bindUndoContext(ctx)];
}
