import * as vscode from 'vscode';
import { VobizApiError } from '../api';
import { refresh, signIn, signOut } from './accountCommands';
import type { CommandContext } from './context';
import { copyNumber, copySipDomain, copyTrunkId } from './copyCommands';
import { assignNumber, moveNumber, unassignNumber } from './routingCommands';
import { UserError } from './userError';

/** What a command returns when it failed (the failure was already shown to the user). */
export interface CommandFailure {
  error: string;
}

type Handler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;

/** Every command of the extension: one table, one wrapper (errors shown and logged the same way). */
export const COMMANDS: Readonly<Record<string, Handler>> = {
  'vobiz.signIn': signIn,
  'vobiz.signOut': signOut,
  'vobiz.refresh': refresh,
  'vobiz.showLog': (ctx) => Promise.resolve(ctx.log.show()),
  'vobiz.assignNumber': assignNumber,
  'vobiz.unassignNumber': unassignNumber,
  'vobiz.moveNumber': moveNumber,
  'vobiz.copyNumber': copyNumber,
  'vobiz.copyTrunkId': copyTrunkId,
  'vobiz.copySipDomain': copySipDomain,
};

/** Shows a command's failure: the message as it is, and "Show Log" for anything but bad input. */
async function report(ctx: CommandContext, id: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UserError) {
    ctx.log.warn(`${id}: ${message}`);
    void ctx.ui().warn(message);
    return;
  }
  ctx.log.error(`${id} failed`, err);
  const signInAgain = err instanceof VobizApiError && err.isAuthError;
  const actions = signInAgain ? ['Sign In Again', 'Show Log'] : ['Show Log'];
  const choice = await ctx.ui().error(message, ...actions);
  if (choice === 'Show Log') ctx.log.show();
  if (choice === 'Sign In Again') void vscode.commands.executeCommand('vobiz.signIn');
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(ctx, ...args);
      } catch (err) {
        void report(ctx, id, err);
        // Already shown; callers (keybindings, other extensions, tests) learn of the failure too.
        return { error: err instanceof Error ? err.message : String(err) } satisfies CommandFailure;
      }
    }),
  );
}
