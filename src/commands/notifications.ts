/**
 * Messages with buttons: a command's failure and a change's outcome. The buttons of an error are
 * what the recovery rule (src/session/recovery.ts) says, mapped here to labels and what they run.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Recovery, RecoveryAction } from '../session/recovery';
import type { CommandContext } from './context';

/** A button of a message, and what choosing it does. */
export interface Choice {
  readonly label: string;
  run(): unknown;
}

export function showLogChoice(ctx: CommandContext): Choice {
  return { label: l10n.t('Show Log'), run: () => ctx.log.show() };
}

/** The button of a recovery's fix (Sign In Again, Open Settings); Show Log and Retry are placed by `recoveryChoices`. */
function fixChoice(recovery: Recovery, action: RecoveryAction): Choice[] {
  switch (action) {
    case 'signInAgain':
      // For the account whose credentials were rejected, when known: it asks for its token only.
      return [
        {
          label: l10n.t('Sign In Again'),
          run: () => vscode.commands.executeCommand('vobiz.signIn', ...(recovery.authId ? [{ authId: recovery.authId }] : [])),
        },
      ];
    case 'openSettings':
      return [
        {
          label: l10n.t('Open Settings'),
          run: () => vscode.commands.executeCommand('workbench.action.openSettings', recovery.setting),
        },
      ];
    default:
      return [];
  }
}

/** Check Connection: the report of a short probe (for the account the error is about, when known). */
function checkConnectionChoice(recovery: Recovery): Choice {
  return {
    label: l10n.t('Check Connection'),
    run: () => vscode.commands.executeCommand('vobiz.checkConnection', ...(recovery.authId ? [{ authId: recovery.authId }] : [])),
  };
}

/**
 * A recovery's buttons: its fixes, then `own` buttons of the message (Undo), then Show Log and,
 * with it, Check Connection. A message has no Retry: a command is run again from where it was started.
 */
export function recoveryChoices(ctx: CommandContext, recovery: Recovery, own: readonly Choice[] = []): Choice[] {
  const log = [
    ...(recovery.actions.includes('showLog') ? [showLogChoice(ctx)] : []),
    ...(recovery.actions.includes('checkConnection') ? [checkConnectionChoice(recovery)] : []),
  ];
  return [...recovery.actions.flatMap((a) => fixChoice(recovery, a)), ...own, ...log];
}

/** Shows `message` with the choices as its buttons, and runs the one chosen. */
export async function notify(
  ctx: CommandContext,
  severity: 'info' | 'warn' | 'error',
  message: string,
  choices: readonly Choice[],
): Promise<void> {
  const chosen = await ctx.ui()[severity](message, ...choices.map((c) => c.label));
  await choices.find((c) => c.label === chosen)?.run();
}
