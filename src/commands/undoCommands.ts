import * as vscode from 'vscode';
import { isRecord } from '../api';
import type { ChangeRecord } from '../model/undoHistory';
import { undoRecord } from '../session/undo';
import type { UndoReport } from '../session/undo';
import { BULK_CONCURRENCY } from './changeRunner';
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
  const report = await ctx.ui().progress({ title: vscode.l10n.t('Undoing: {0}', record.label), cancellable: steps.length > 1, quiet: steps.length === 1 }, (onSettled, isCancelled) =>
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
  if (signedOut.length) return vscode.l10n.t('Nothing undone: you signed out of {0} since the change.', signedOut.join(', '));
  const [only] = record.steps;
  if (record.steps.length === 1) return vscode.l10n.t('Nothing undone: {0} was changed again since.', only.e164);
  // Two or more numbers (one is said above).
  return vscode.l10n.t('Nothing undone: the {0} numbers of that change were changed again since.', record.steps.length);
}

/** `vobiz.undoLastChange`: undoes the last routing change (or the one an Undo button names). */
export async function undoLastChange(ctx: CommandContext, arg?: unknown): Promise<UndoReport | undefined> {
  const id = isRecord(arg) ? arg.changeId : undefined;
  const record = typeof id === 'number' ? ctx.undo.get(id) : ctx.undo.last;
  if (!record) throw new UserError(typeof id === 'number' ? vscode.l10n.t('That change can no longer be undone.') : vscode.l10n.t('There is no routing change to undo.'));
  return undoChange(ctx, record);
}
