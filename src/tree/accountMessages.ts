/**
 * The message rows an account shows about its load: why it could not load (with its recovery's
 * actions), that the last refresh failed, that items of the last load could not be read.
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { recoveryFor } from '../session/recovery';
import type { Recovery, RecoveryAction } from '../session/recovery';
import type { AccountSession } from '../session/accountSession';
import type { MessageNode } from './nodes';
import type { TreeElement, TreeElements } from './treeElement';

/** The rows that say why the account could not load: its recovery's first action, then Retry (and Check Connection). */
export function loadFailedElements(session: AccountSession, elements: TreeElements): (TreeElement & MessageNode)[] {
  const authId = session.authId;
  const error = session.model.error;
  const reason = error?.message ?? l10n.t('Unknown error');
  const id = (name: string): string => `${authId}/${name}`;
  const recovery = recoveryFor(error, { authId, loading: true });
  const [first] = recovery.actions;
  const { headline, showReason } = errorHeadline(recovery);
  const label = l10n.t('{0} — {1}', headline, actionTitle(first));
  const rows = [
    elements.message(id('error'), label, 'error', {
      tooltip: reason,
      description: showReason ? reason : undefined,
      iconColor: 'list.errorForeground',
      command: actionCommand(first, recovery, authId),
      accessibilityLabel: showReason ? l10n.t('Error: {0}. {1}', label, reason) : l10n.t('Error: {0}', label),
    }),
  ];
  if (recovery.actions.includes('retry')) {
    rows.push(
      elements.message(id('retry'), actionTitle('retry'), 'refresh', { command: actionCommand('retry', recovery, authId) }),
    );
  }
  if (recovery.actions.includes('checkConnection')) {
    rows.push(
      elements.message(id('check'), actionTitle('checkConnection'), 'pulse', {
        command: actionCommand('checkConnection', recovery, authId),
      }),
    );
  }
  return rows;
}

/** The row that says the last refresh failed: the rows below are the last complete load, still usable; choosing it retries. */
export function refreshFailedElement(session: AccountSession, error: Error, elements: TreeElements): TreeElement & MessageNode {
  const said = l10n.t("Couldn't refresh: showing the last complete load");
  const tooltip = l10n.t('{0} ({1}). Changes still read each number from Vobiz first.', said, error.message);
  return elements.message(`${session.authId}/refresh-failed`, l10n.t('{0} — {1}', said, actionTitle('retry')), 'warning', {
    tooltip,
    iconColor: 'list.warningForeground',
    command: actionCommand('retry', recoveryFor(error, { authId: session.authId, loading: true }), session.authId),
    accessibilityLabel: l10n.t('Warning: {0}', tooltip),
  });
}

/** The row that says how many items of the last load could not be read, leading to the log that says why. */
export function unreadableElement(session: AccountSession, elements: TreeElements): TreeElement & MessageNode {
  const count = session.model.unreadable;
  const said = count === 1 ? l10n.t('1 item could not be read') : l10n.t('{0} items could not be read', count);
  const tooltip = l10n.t('{0}: they are left out of the view. The Vobiz log says what was wrong with them.', said);
  return elements.message(`${session.authId}/unreadable`, l10n.t('{0} — {1}', said, actionTitle('showLog')), 'warning', {
    tooltip,
    iconColor: 'list.warningForeground',
    command: { command: 'vobiz.showLog', title: actionTitle('showLog') },
    accessibilityLabel: l10n.t('Warning: {0}', tooltip),
  });
}

/** The error row's words before its action; `showReason`: the headline does not say why (the reason is shown beside it). */
function errorHeadline(recovery: Recovery): { headline: string; showReason: boolean } {
  switch (recovery.problem) {
    case 'credentialsRejected':
      return { headline: l10n.t('Vobiz rejected the credentials'), showReason: false };
    case 'credentialsNotSent':
      return {
        headline: recovery.host
          ? l10n.t('Credentials not sent to {0}', recovery.host)
          : l10n.t('Credentials not sent to the new host'),
        showReason: false,
      };
    case 'invalidSettings':
      return { headline: l10n.t('Invalid Vobiz settings'), showReason: true };
    case 'refused':
    case 'failed':
      return { headline: l10n.t("Couldn't load numbers"), showReason: true };
  }
}

/** The title of a recovery action, as its row says it. */
function actionTitle(action: RecoveryAction): string {
  switch (action) {
    case 'signInAgain':
      return l10n.t('Sign In Again');
    case 'openSettings':
      return l10n.t('Open Settings');
    case 'retry':
      return l10n.t('Retry');
    case 'showLog':
      return l10n.t('Show Log');
    case 'checkConnection':
      return l10n.t('Check Connection');
  }
}

/** What a row of a recovery action runs. */
function actionCommand(action: RecoveryAction, recovery: Recovery, authId: string): vscode.Command {
  switch (action) {
    case 'signInAgain':
      return {
        command: 'vobiz.signIn',
        title: l10n.t('Sign In'),
        arguments: recovery.authId ? [{ authId: recovery.authId }] : [],
      };
    case 'openSettings':
      return {
        command: 'workbench.action.openSettings',
        title: actionTitle('openSettings'),
        arguments: [recovery.setting ?? 'vobiz.'],
      };
    case 'retry':
      return { command: 'vobiz.refresh', title: l10n.t('Refresh'), arguments: [{ authId }] };
    case 'showLog':
      return { command: 'vobiz.showLog', title: actionTitle('showLog') };
    case 'checkConnection':
      return { command: 'vobiz.checkConnection', title: actionTitle('checkConnection'), arguments: [{ authId }] };
  }
}
