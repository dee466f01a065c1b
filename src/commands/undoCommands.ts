import * as l10n from '@vscode/l10n';
import { BULK_CONCURRENCY } from '../model/bulkRun';
import type { ChangeRecord } from '../model/undoHistory';
import { undoRecord } from '../session/undo';
import type { UndoReport } from '../session/undo';
import type { CommandContext } from './context';
import { noteUndone } from './undoContext';
import { UserError } from './userError';

export type { UndoReport } from '../session/undo';

/** Undoes a recorded change (single, bulk or a drop) for the numbers no later change touched, with progress. */
export async function undoChange(ctx: CommandContext, record: ChangeRecord): Promise<UndoReport | undefined> {
  const steps = ctx.undo.undoable(record);
  if (!steps.length) {
    void ctx.ui().info(nothingToUndo(ctx, record));
    return undefined;
  }
  const report = await ctx
    .ui()
    .progress(
      { title: l10n.t('Undoing: {0}', record.label), cancellable: steps.length > 1, quiet: steps.length === 1 },
      (onSettled, isCancelled) =>
        undoRecord(ctx.accounts, ctx.undo, record, { concurrency: BULK_CONCURRENCY, isCancelled, onSettled }),
    );
  ctx.log.info(report.message);
  if (report.failed.length || report.skipped.length || report.cancelled) void ctx.ui().warn(report.message);
  else void ctx.ui().info(report.message);
  noteUndone(report);
  return report;
}

/** Why a recorded change has nothing left to undo: its accounts signed out, or its numbers changed again since. */
function nothingToUndo(ctx: CommandContext, record: ChangeRecord): string {
  const signedOut = [...new Set(record.steps.map((s) => s.authId))].filter((authId) => !ctx.accounts.get(authId));
  if (signedOut.length) return l10n.t('Nothing undone: you signed out of {0} since the change.', signedOut.join(', '));
  const [only] = record.steps;
  if (record.steps.length === 1) return l10n.t('Nothing undone: {0} was changed again since.', only.e164);
  // Two or more numbers (one is said above).
  return l10n.t('Nothing undone: the {0} numbers of that change were changed again since.', record.steps.length);
}

/** The confirmation of an undo asked for by name (the palette, a menu, a keybinding, another extension): what goes back where. */
function confirmUndo(ctx: CommandContext, record: ChangeRecord): Thenable<boolean> {
  const steps = ctx.undo.undoable(record);
  return ctx.ui().confirm({
    message: l10n.t('Undo the last routing change ({0})?', record.label.replace(/[.\s]+$/, '')),
    detail:
      steps.length === 1
        ? l10n.t('{0} is read first and put back where it was, unless it was changed again since.', steps[0].e164)
        : l10n.t(
            'Its {0} numbers are read first and each put back where it was, unless it was changed again since.',
            steps.length,
          ),
    confirm: l10n.t('Undo'),
  });
}

/**
 * `vobiz.undoLastChange`: undoes the last routing change, after a confirmation naming it (a command
 * can come from anywhere, another extension too; the Undo button of a change's own message undoes
 * that change without this question). It takes no argument.
 */
export async function undoLastChange(ctx: CommandContext): Promise<UndoReport | undefined> {
  const record = ctx.undo.last;
  if (!record) throw new UserError(l10n.t('There is no routing change to undo.'));
  if (!(await confirmUndo(ctx, record))) return undefined;
  return undoChange(ctx, record);
}
