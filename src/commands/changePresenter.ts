/**
 * Shows what a change did: the change service's report as one notification, with the buttons that
 * fit it: Undo when something changed (it undoes that very change, asking nothing more: choosing it
 * is the confirmation), Continue from There… when the number was not where the user saw it, what
 * the recovery rule offers for what stopped a run or failed a change, Show Log when anything failed.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber } from '../api';
import { recoveryFor } from '../session/recovery';
import type { ChangeReport, OutcomeKind, StopReason } from '../session/changeReport';
import type { Routing } from '../model/routing';
import type { ChangeRecord } from '../session/undoHistory';
import type { CommandContext } from './context';
import { notify, recoveryChoices, showLogChoice } from './notifications';
import type { Choice } from './notifications';
import { runReported } from './runReported';
import { noteUndone } from './undoContext';

export interface PresentOptions {
  /** Runs the change again from where the number routes now (offered when it was not where the user saw it). */
  readonly continueFrom?: (now: VobizNumber) => Promise<unknown>;
}

/** The error the recovery rule is asked about: what stopped a run, or the one number's failure. */
function troubleOf(report: ChangeReport): { error: unknown; authId: string } | undefined {
  if (report.stopped?.error) return { error: report.stopped.error, authId: report.stopped.authId };
  const [only] = report.outcomes;
  if (report.outcomes.length === 1 && only.error !== undefined && only.kind !== 'moved') {
    return { error: only.error, authId: only.authId };
  }
  return undefined;
}

/** The buttons of a report's notification. */
function choicesOf(ctx: CommandContext, report: ChangeReport, options: PresentOptions): Choice[] {
  const record = report.record;
  const undo: Choice[] = record
    ? [{ label: l10n.t('Undo'), run: () => runReported(ctx, 'vobiz.undoLastChange', () => undoChange(ctx, record)) }]
    : [];
  const [only] = report.outcomes;
  if (report.outcomes.length === 1 && only.kind === 'moved' && only.number && options.continueFrom) {
    const now = only.number;
    const continueFrom = options.continueFrom;
    return [...undo, { label: l10n.t('Continue from There…'), run: () => continueFrom(now) }];
  }
  const trouble = troubleOf(report);
  if (trouble) return recoveryChoices(ctx, recoveryFor(trouble.error, { authId: trouble.authId }), undo);
  return report.severity === 'info' ? undo : [...undo, showLogChoice(ctx)];
}

/** Logs the report and shows it (nothing for a declined question, which has no message). */
export function present(ctx: CommandContext, report: ChangeReport, options: PresentOptions = {}): void {
  if (!report.message) return;
  if (report.severity === 'info') ctx.log.info(report.message);
  else ctx.log.warn(report.message);
  if (report.outcomes.length > 1) {
    for (const o of report.outcomes) {
      if (o.kind !== 'applied' && o.kind !== 'notStarted') ctx.log.warn(`${o.e164}: ${o.sentence}`);
    }
  }
  void notify(ctx, report.severity, report.message, choicesOf(ctx, report, options));
}

/**
 * What a routing command returns (to a keybinding, a task, another extension): the report as plain
 * data, copied (no live record of the undo history, no error object): per number, what happened.
 */
export interface ChangeSummary {
  readonly kind: 'change' | 'undo';
  readonly message: string;
  readonly outcomes: readonly {
    readonly number: string;
    readonly account: string;
    readonly outcome: OutcomeKind;
    readonly before?: Routing;
    /** null: no longer listed. */
    readonly after?: Routing | null;
    readonly sentence: string;
  }[];
  /** Why a run stopped before its end. */
  readonly stopped?: StopReason;
}

const copyRouting = (r: Routing): Routing => ({ ...r });

export function summaryOf(report: ChangeReport): ChangeSummary {
  return {
    kind: report.kind,
    message: report.message,
    outcomes: report.outcomes.map((o) => ({
      number: o.e164,
      account: o.authId,
      outcome: o.kind,
      ...(o.before ? { before: copyRouting(o.before) } : {}),
      ...(o.after !== undefined ? { after: o.after && copyRouting(o.after) } : {}),
      sentence: o.sentence,
    })),
    ...(report.stopped ? { stopped: report.stopped.reason } : {}),
  };
}

/** Why a recorded change has nothing left to undo: its account signed out, or its numbers changed again since. */
function nothingToUndo(ctx: CommandContext, record: ChangeRecord): string {
  const why = ctx.accounts.changes.history.nothingToUndo(record);
  if (why.why === 'signedOut') {
    return l10n.t('Nothing undone: signing out of {0} cleared the undo history of its changes.', why.authId);
  }
  if (why.e164s.length === 1) return l10n.t('Nothing undone: {0} was changed again since.', why.e164s[0]);
  // Two or more numbers (one is said above).
  return l10n.t('Nothing undone: the {0} numbers of that change were changed again since.', why.e164s.length);
}

/** Undoes a recorded change (single, bulk or a drop) for the numbers still its own, with progress, and says what happened. */
export async function undoChange(
  ctx: CommandContext,
  record: ChangeRecord,
  confirmedAt?: ReadonlyMap<string, number>,
): Promise<ChangeSummary | undefined> {
  const steps = ctx.accounts.changes.history.undoable(record);
  if (!steps.length) {
    void ctx.ui().info(nothingToUndo(ctx, record));
    return undefined;
  }
  const title = l10n.t('Undoing: {0}', record.label);
  const report = await ctx
    .ui()
    .progress({ title, cancellable: steps.length > 1, quiet: steps.length === 1 }, (onSettled, isCancelled) =>
      ctx.accounts.changes.undo(record, { isCancelled, onSettled, confirmedAt }),
    );
  present(ctx, { ...report, record: undefined });
  noteUndone(report);
  return summaryOf(report);
}
