/**
 * Runs routing changes for the commands, drag and drop, and undo: one change under a progress
 * notification, or many a few at a time under a cancellable one, then says what happened and
 * offers Undo. Every change is recorded in the undo history.
 */
import * as l10n from '@vscode/l10n';
import { authErrorOf } from '../api';
import type { VobizNumber } from '../api';
import type { AccountSession } from '../session/accountSession';
import { recoveryFor } from '../session/recovery';
import type { Recovery } from '../session/recovery';
import { BULK_CONCURRENCY, runBounded } from '../model/bulkRun';
import { runReported } from './runReported';
import { undoChange } from './undoCommands';
import { RoutingConflict, RoutingError, routingOf, toTrunk } from '../model/routing';
import type { RoutingResult } from '../model/routing';
import type { ChangeRecord, RoutingStep } from '../model/undoHistory';
import type { CommandContext, CommandFailure } from './context';
import { notify, recoveryChoices, showLogChoice } from './notifications';
import type { Choice } from './notifications';

/** One number to route: to a trunk, or (to undefined) unassigned; `number` is where the user saw it. */
export interface PlannedChange {
  readonly number: VobizNumber;
  readonly to: string | undefined;
  /** Asked inside the number's queue with the number as just read (single changes); false sends nothing. */
  readonly confirm?: (now: VobizNumber) => Promise<boolean>;
}

/** What a bulk run did, returned to the command's caller. */
export interface BulkReport {
  readonly changed: string[];
  readonly failed: { number: string; reason: string }[];
  readonly notStarted: string[];
  readonly cancelled: boolean;
  readonly message: string;
  /** The undo record's id, when something changed. */
  readonly changeId?: number;
}

/** The change, inside the number's queue: read, checked against where the user saw it, confirmed, written, re-read. */
function apply(session: AccountSession, plan: PlannedChange): Promise<RoutingResult | undefined> {
  return session.routing.change({
    e164: plan.number.e164,
    to: toTrunk(plan.to),
    expected: routingOf(plan.number),
    confirm: plan.confirm,
  });
}

/**
 * Whether a failed change leaves the number changed, or possibly changed, since an earlier change
 * (which then can no longer be undone from its notification): moved elsewhere (a conflict), or a
 * write that reached Vobiz. A change that stopped before writing leaves the earlier Undo alone.
 */
function touchedBy(err: unknown): boolean {
  return err instanceof RoutingConflict || (err instanceof RoutingError && err.written);
}

function stepOf(session: AccountSession, e164: string, result: RoutingResult): RoutingStep {
  return { authId: session.authId, e164, before: result.before, after: result.after };
}

/**
 * Shows the outcome, with the buttons that apply: what the recovery rule offers for what stopped a
 * run (Sign In Again when Vobiz rejected the credentials), Undo when something changed (it undoes
 * that change, not whatever is last), Show Log when anything failed or was left.
 */
function tell(ctx: CommandContext, message: string, record: ChangeRecord | undefined, failed: boolean, stopped?: Recovery): void {
  // Choosing Undo on this change's message is the confirmation: it undoes this change, asking nothing more.
  const undo: Choice[] = record
    ? [{ label: l10n.t('Undo'), run: () => runReported(ctx, 'vobiz.undoLastChange', () => undoChange(ctx, record)) }]
    : [];
  const choices = stopped ? recoveryChoices(ctx, stopped, undo) : [...undo, ...(failed ? [showLogChoice(ctx)] : [])];
  void notify(ctx, failed ? 'warn' : 'info', message, choices);
}

/**
 * Runs one change with progress, records it for Undo and says what happened (failures are thrown).
 * When the number is not where the user saw it, nothing is changed: the message says where it routes
 * now, and `again` (the command, run afresh from there) is offered. Undefined when declined.
 */
export async function runSingle(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  plan: PlannedChange,
  again?: () => unknown,
): Promise<RoutingResult | CommandFailure | undefined> {
  const e164 = plan.number.e164;
  let result: RoutingResult | undefined;
  try {
    result = await ctx.ui().progress({ title, quiet: true }, () => apply(session, plan));
  } catch (err) {
    if (touchedBy(err)) ctx.undo.touch(session.authId, e164);
    if (!(err instanceof RoutingConflict)) throw err;
    ctx.log.warn(err.message);
    void notify(ctx, 'warn', err.message, again ? [{ label: l10n.t('Continue from There…'), run: again }] : []);
    return { error: err.message };
  }
  if (!result) return undefined;
  ctx.log.info(result.message);
  const record = ctx.undo.record(result.message, [stepOf(session, e164, result)]);
  tell(ctx, result.message, record, false);
  return result;
}

/** A bulk run's words, each a whole sentence (the flow knows the verb and the trunk). */
export interface BulkWording {
  /** The progress title ("Routing 5 numbers to Acme Staging"). */
  title: string;
  /**
   * What was done to `n` numbers (of `of`, when said), without a full stop: 'Routed 3 numbers to
   * trunk "X"', 'Routed 3 of 5 numbers to trunk "X"'. Also the change's label in the undo history.
   */
  done: (n: number, of?: number) => string;
  /** The same as a sentence: 'Routed 3 numbers to trunk "X".' */
  doneSentence: (n: number, of?: number) => string;
  /** What was done before a cancel, without a full stop: 'Cancelled: routed 2 of 5 numbers to trunk "X" before stopping'. */
  cancelled: (n: number, of: number) => string;
}

/** `+91… (reason); …`, at most `limit` of them, then how many more. */
function failureList(failed: BulkReport['failed'], limit = 3): string {
  const shown = failed.slice(0, limit).map((f) => `${f.number} (${f.reason.replace(/[.\s]+$/, '')})`);
  if (failed.length > limit) shown.push(l10n.t('and {0} more (see the log)', failed.length - limit));
  return shown.join('; ');
}

/**
 * The end-of-run summary: how many succeeded, each failure with its reason, and what a cancel or a
 * rejection of the credentials (`rejected`: whose, and how many changes it failed; those are not
 * listed one by one) left.
 */
export function bulkSummary(
  wording: BulkWording,
  total: number,
  changed: number,
  failed: BulkReport['failed'],
  notStarted: number,
  cancelled: boolean,
  rejected?: { authId: string; failed: number },
): string {
  const parts: string[] = [];
  if (rejected) {
    parts.push(
      l10n.t('Stopped: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?).', rejected.authId),
      notChanged(wording.done(changed, total), notStarted + rejected.failed),
      l10n.t('Sign in again, then run it again for the rest.'),
    );
  } else if (cancelled) parts.push(notChanged(wording.cancelled(changed, total), notStarted));
  else parts.push(wording.doneSentence(changed, failed.length ? total : undefined));
  if (failed.length === 1) parts.push(l10n.t('1 change failed: {0}.', failureList(failed)));
  else if (failed.length) parts.push(l10n.t('{0} changes failed: {1}.', failed.length, failureList(failed)));
  return parts.join(' ');
}

/** What was done (`done`, without a full stop), then how many numbers were left as they were. */
function notChanged(done: string, left: number): string {
  return left === 1 ? l10n.t('{0}; 1 number was not changed.', done) : l10n.t('{0}; {1} numbers were not changed.', done, left);
}

/**
 * Runs many changes in one account, a few at a time, under a cancellable progress notification.
 * A cancel stops starting new changes; running ones finish. Records what changed for Undo.
 */
export async function runBulk(
  ctx: CommandContext,
  session: AccountSession,
  wording: BulkWording,
  plans: readonly PlannedChange[],
): Promise<BulkReport> {
  const outcome = await ctx.ui().progress({ title: wording.title, cancellable: true }, (report, cancelled) =>
    runBounded(plans, (plan) => apply(session, plan), {
      concurrency: BULK_CONCURRENCY,
      isCancelled: cancelled,
      onSettled: report,
      // Rejected credentials fail every further change: stop instead of sending them.
      stopWhen: (error) => authErrorOf(error)?.status === 401,
    }),
  );
  const steps = outcome.succeeded.flatMap(({ item, result }) => (result ? [stepOf(session, item.number.e164, result)] : []));
  for (const f of outcome.failed) if (touchedBy(f.error)) ctx.undo.touch(session.authId, f.item.number.e164);
  const failed = outcome.failed.map((f) => ({ number: f.item.number.e164, reason: f.error.message }));
  // Failures from rejected credentials are one cause, said once (not a line per number).
  const listed = outcome.stoppedBy
    ? outcome.failed.filter((f) => !authErrorOf(f.error)).map((f) => ({ number: f.item.number.e164, reason: f.error.message }))
    : failed;
  const rejected = outcome.stoppedBy ? { authId: session.authId, failed: failed.length - listed.length } : undefined;
  const message = bulkSummary(
    wording,
    plans.length,
    steps.length,
    listed,
    outcome.notStarted.length,
    outcome.cancelled,
    rejected,
  );
  const record = ctx.undo.record(wording.done(steps.length), steps);
  ctx.log.info(message);
  for (const f of failed) ctx.log.warn(`${f.number}: ${f.reason}`);
  const stopped = outcome.stoppedBy ? recoveryFor(outcome.stoppedBy, { authId: session.authId }) : undefined;
  tell(ctx, message, record, failed.length > 0 || outcome.cancelled, stopped);
  return {
    changed: steps.map((s) => s.e164),
    failed,
    notStarted: outcome.notStarted.map((p) => p.number.e164),
    cancelled: outcome.cancelled,
    message,
    changeId: record?.id,
  };
}
