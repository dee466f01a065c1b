/** How every command runs: a failure is shown with the buttons that help, logged, and returned as `{ error }`. */
import * as l10n from '@vscode/l10n';
import { recoveryFor } from '../session/recovery';
import type { CommandContext, CommandFailure } from './context';
import { notify, recoveryChoices } from './notifications';
import { UserError } from './userError';

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
  else ctx.log.error(l10n.t('{0} failed', id), err);
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
