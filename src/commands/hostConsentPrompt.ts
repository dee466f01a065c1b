import * as l10n from '@vscode/l10n';
import type { AskToSendCredentials } from '../session/hostConsent';
import type { Ui } from './ui';

/**
 * The modal that asks before an account's credentials go to an API host they were not entered for,
 * or through a proxy that does not check TLS certificates.
 */
export function askToSendCredentials(ui: () => Ui): AskToSendCredentials {
  return (q) =>
    q.unverifiedProxy
      ? ui().confirm({
          message: l10n.t(
            'Send the Vobiz credentials of {0} to {1} through a proxy that does not check TLS certificates?',
            q.label,
            q.to,
          ),
          detail: [
            l10n.t(
              'The "{0}" setting is off, so requests through the proxy {1} are not checked: the proxy, or anyone between, could read the Auth Token of {2}.',
              'http.proxyStrictSSL',
              q.unverifiedProxy,
              q.authId,
            ),
            l10n.t("Continue only if it is your organisation's own proxy; otherwise cancel and turn the setting on."),
          ].join(' '),
          confirm: l10n.t('Send Through the Proxy'),
        })
      : ui().confirm({
          message: l10n.t('Send the Vobiz credentials of {0} to {1}?', q.label, q.to),
          detail: [
            l10n.t('They were entered for {0}, but the "{1}" setting now points to {2}.', q.from, 'vobiz.apiBaseUrl', q.to),
            l10n.t('That server would receive the Auth ID and Auth Token of {0}.', q.authId),
            l10n.t('Continue only if you trust it; otherwise cancel and set the URL back.'),
          ].join(' '),
          confirm: l10n.t('Send to {0}', q.to),
        });
}
