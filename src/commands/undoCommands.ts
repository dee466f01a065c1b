import * as l10n from '@vscode/l10n';
import type { ChangeRecord } from '../session/undoHistory';
import { undoChange } from './changePresenter';
import type { ChangeSummary } from './changePresenter';
import type { CommandContext } from './context';
import { UserError } from './userError';

/** The confirmation of an undo asked for by name (the palette, a menu, a keybinding, another extension): what goes back where. */
function confirmUndo(ctx: CommandContext, record: ChangeRecord): Thenable<boolean> {
  const steps = ctx.accounts.changes.history.undoable(record);
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
export async function undoLastChange(ctx: CommandContext): Promise<ChangeSummary | undefined> {
  const record = ctx.accounts.changes.history.last;
  if (!record) throw new UserError(l10n.t('There is no routing change to undo.'));
  const accounts = ctx.accounts.changes.history.undoable(record).map((s) => s.authId);
  // The undo goes to the API it was confirmed against: a settings change while asked stops it.
  const confirmedAt = ctx.accounts.changes.generationsOf(accounts);
  if (!(await confirmUndo(ctx, record))) return undefined;
  return undoChange(ctx, record, confirmedAt);
}
