import * as vscode from 'vscode';
import type { AskToSendCredentials } from '../session/hostConsent';
import type { Ui } from './ui';

/** The modal that asks before an account's credentials go to an API host they were not entered for. */
export function askToSendCredentials(ui: () => Ui): AskToSendCredentials {
  return (q) =>
    ui().confirm({
      message: vscode.l10n.t('Send the Vobiz credentials of {0} to {1}?', q.label, q.to),
      detail: [
        vscode.l10n.t('They were entered for {0}, but the "{1}" setting now points to {2}.', q.from, 'vobiz.apiBaseUrl', q.to),
        vscode.l10n.t('That server would receive the Auth ID and Auth Token of {0}.', q.authId),
        vscode.l10n.t('Continue only if you trust it; otherwise cancel and set the URL back.'),
      ].join(' '),
      confirm: vscode.l10n.t('Send to {0}', q.to),
    });
}
