import type { AskToSendCredentials } from '../session/hostConsent';
import type { Ui } from './ui';

/** The modal that asks before an account's credentials go to an API host they were not entered for. */
export function askToSendCredentials(ui: () => Ui): AskToSendCredentials {
  return (q) =>
    ui().confirm({
      message: `Send the Vobiz credentials of ${q.label} to ${q.to}?`,
      detail:
        `They were entered for ${q.from}, but the "vobiz.apiBaseUrl" setting now points to ${q.to}. ` +
        `That server would receive the Auth ID and Auth Token of ${q.authId}. ` +
        `Continue only if you trust it; otherwise cancel and set the URL back.`,
      confirm: `Send to ${q.to}`,
    });
}
