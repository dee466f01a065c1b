import * as vscode from 'vscode';
import { authErrorOf } from '../api';
import { CredentialHostError } from '../session/hostConsent';
import { refresh, signIn, signOut } from './accountCommands';
import { assignNumbersCommand, unassignNumbersCommand } from './bulkCommands';
import { SIGN_IN_AGAIN } from './changeRunner';
import type { CommandContext } from './context';
import { copyNumber, copySipDomain, copyTrunkId } from './copyCommands';
import { clearFilter, filterNumbers } from './filterCommands';
import { openJson } from './jsonCommands';
import { assignNumber, moveNumber, unassignNumber } from './routingCommands';
import { undoLastChange } from './undoCommands';
import { UserError } from './userError';

/** What a command returns when it failed (the failure was already shown to the user). */
export interface CommandFailure {
  error: string;
}

type Handler = (ctx: CommandContext, ...args: unknown[]) => Promise<unknown>;

/** Every command of the extension: one table, one wrapper (errors shown and logged the same way). */
export const COMMANDS: Readonly<Record<string, Handler>> = {
  'vobiz.signIn': signIn,
  'vobiz.addAccount': signIn,
  'vobiz.signOut': signOut,
  'vobiz.refresh': refresh,
  'vobiz.showLog': (ctx) => Promise.resolve(ctx.log.show()),
  'vobiz.assignNumber': assignNumber,
  'vobiz.unassignNumber': unassignNumber,
  'vobiz.moveNumber': moveNumber,
  'vobiz.copyNumber': copyNumber,
  'vobiz.copyTrunkId': copyTrunkId,
  'vobiz.copySipDomain': copySipDomain,
  'vobiz.assignNumbers': assignNumbersCommand,
  'vobiz.unassignNumbers': unassignNumbersCommand,
  'vobiz.undoLastChange': undoLastChange,
  'vobiz.filterNumbers': filterNumbers,
  'vobiz.clearFilter': clearFilter,
  'vobiz.openJson': (ctx, arg) => openJson(ctx, ctx.rawJson, arg),
};

/** Shows a command's failure: the message as it is, and "Show Log" for anything but bad input. */
async function report(ctx: CommandContext, id: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UserError) {
    ctx.log.warn(`${id}: ${message}`);
    void ctx.ui().warn(message);
    return;
  }
  if (err instanceof CredentialHostError) {
    // The user declined to send the credentials to a new host: nothing was sent.
    ctx.log.warn(`${id}: ${message}`);
    if ((await ctx.ui().warn(message, 'Open Settings')) === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'vobiz.apiBaseUrl');
    }
    return;
  }
  ctx.log.error(`${id} failed`, err);
  const signInAgain = authErrorOf(err) !== undefined;
  const actions = signInAgain ? [SIGN_IN_AGAIN, 'Show Log'] : ['Show Log'];
  const choice = await ctx.ui().error(message, ...actions);
  if (choice === 'Show Log') ctx.log.show();
  if (choice === SIGN_IN_AGAIN) {
    // When one account is known to be rejected, sign in to it again (asking for its token only).
    const rejected = ctx.accounts.list().filter((s) => s.rejected);
    void vscode.commands.executeCommand('vobiz.signIn', ...(rejected.length === 1 ? [{ authId: rejected[0].authId }] : []));
  }
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
  return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => runReported(ctx, id, () => handler(ctx, ...args))));
}
