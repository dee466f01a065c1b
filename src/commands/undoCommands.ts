import type { AccountSession } from '../session/accountSession';
import { runBounded } from '../model/bulkRun';
import type { ChangeRecord, RoutingStep } from '../model/undoHistory';
import { BULK_CONCURRENCY } from './changeRunner';
import type { CommandContext } from './context';
import { plural } from './wording';
import { UserError } from './userError';

/** What an undo did. */
export interface UndoReport {
  readonly undone: string[];
  /** Numbers left as they are: changed again since, or their account signed out. */
  readonly skipped: { number: string; reason: string }[];
  readonly failed: { number: string; reason: string }[];
  readonly message: string;
}

class Skipped extends Error {}

/**
 * Undoes one step: re-reads the number, refuses when it no longer routes where the change left it
 * (changed since, here or elsewhere), applies the inverse and checks the server's answer.
 */
async function undoStep(ctx: CommandContext, step: RoutingStep): Promise<void> {
  const session: AccountSession | undefined = ctx.accounts.get(step.authId);
  if (!session) throw new Skipped(`signed out of ${step.authId}`);
  const now = await session.routing.refreshNumber(step.e164);
  if (now?.trunk_group_id !== step.after) {
    ctx.undo.touch(step.authId, step.e164);
    throw new Skipped(`it changed since: ${session.routing.describe(now, step.e164)}`);
  }
  try {
    const result = step.before === undefined ? await session.routing.unassign(step.e164) : await session.routing.move(step.e164, step.before);
    if (result.number?.trunk_group_id !== step.before) throw new Error(`Vobiz did not confirm it: ${session.routing.describe(result.number, step.e164)}`);
  } finally {
    ctx.undo.touch(step.authId, step.e164);
  }
}

/** Undoes a recorded change (single or bulk) for the numbers no later change touched. */
export async function undoChange(ctx: CommandContext, record: ChangeRecord): Promise<UndoReport | undefined> {
  const steps = ctx.undo.undoable(record);
  if (!steps.length) {
    void ctx.ui().info(`Nothing to undo for "${record.label}": its numbers were changed again since.`);
    return undefined;
  }
  const outcome = await ctx.ui().progress({ title: `Undoing: ${record.label}`, cancellable: steps.length > 1, quiet: steps.length === 1 }, (report, cancelled) =>
    runBounded(steps, (step) => undoStep(ctx, step), { concurrency: BULK_CONCURRENCY, isCancelled: cancelled, onSettled: report }),
  );
  const undone = outcome.succeeded.map((s) => s.item.e164);
  const skipped = outcome.failed.filter((f) => f.error instanceof Skipped).map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const failed = outcome.failed.filter((f) => !(f.error instanceof Skipped)).map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const parts = [
    undone.length === 1 && steps.length === 1 ? `Undone: ${undone[0]} is back where it was.` : `Undone for ${plural(undone.length, 'number')}${steps.length !== undone.length ? ` of ${steps.length}` : ''}: ${record.label}.`,
    ...skipped.map((s) => `${s.number} left as it is (${s.reason}).`),
    ...failed.map((f) => `${f.number} could not be put back: ${f.reason}`),
    outcome.cancelled ? `Cancelled: ${plural(outcome.notStarted.length, 'number was', 'numbers were')} not put back.` : undefined,
  ].filter((p): p is string => !!p);
  const message = parts.join(' ');
  ctx.log.info(message);
  if (failed.length || skipped.length || outcome.cancelled) void ctx.ui().warn(message);
  else void ctx.ui().info(message);
  return { undone, skipped, failed, message };
}

/** `vobiz.undoLastChange`: undoes the last routing change (or the one an Undo button names). */
export async function undoLastChange(ctx: CommandContext, arg?: unknown): Promise<UndoReport | undefined> {
  const id = typeof arg === 'object' && arg !== null ? (arg as { changeId?: unknown }).changeId : undefined;
  const record = typeof id === 'number' ? ctx.undo.get(id) : ctx.undo.last;
  if (!record) throw new UserError(typeof id === 'number' ? 'That change can no longer be undone.' : 'There is no routing change to undo.');
  return undoChange(ctx, record);
}
