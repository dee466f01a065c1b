import * as l10n from '@vscode/l10n';
import { apiHostOf, maskUrlCredentials, proxyDispatcher, VobizClient } from '../api';
import type { ProxySettings, VobizApiError } from '../api';
import type { SessionLog, SettingsSource } from './ports';

export interface Credentials {
  authId: string;
  authToken: string;
  /**
   * The API host (see `apiHostOf`: the hostname, `host:port` for a loopback host) these credentials
   * were entered for. They are sent to no other host without the user's consent. Absent in entries
   * stored before credentials were bound to a host: such an entry is bound to the host it is first
   * used with, and one bound to a bare loopback hostname (stored before ports were recorded) to the
   * first `host:port` of that hostname it is used with.
   */
  host?: string;
}

/** Where a client sends its requests: the API base URL and the proxy settings, read together. */
export interface ClientTarget {
  readonly baseUrl: string;
  readonly proxy: ProxySettings;
}

/** The target the settings name now. */
export function currentTarget(settings: SettingsSource): ClientTarget {
  return { baseUrl: settings.read().apiBaseUrl, proxy: settings.proxy() };
}

/** True when two targets send requests the same way (the same base URL and proxy settings). */
export function sameTarget(a: ClientTarget, b: ClientTarget): boolean {
  return a.baseUrl === b.baseUrl && JSON.stringify(a.proxy) === JSON.stringify(b.proxy);
}

/**
 * Builds the API client of one account for `target` (called again after the settings change). The
 * caller names the target: the one its credentials were approved for, never one read afterwards.
 */
export type ClientFactory = (
  credentials: Credentials,
  target: ClientTarget,
  onRejected?: (error: VobizApiError) => void,
) => VobizClient;

/**
 * The client factory of the extension: a client for the credentials at the target's base URL, with
 * the current timeout, logging each request to the Vobiz log, going through the proxy that the
 * target's `http.*` settings or the environment name (never for a loopback base URL: the log then
 * says it goes directly).
 */
export function clientFactory(settings: SettingsSource, log: SessionLog): ClientFactory {
  return (credentials, { baseUrl, proxy }, onRejected) => {
    log.addSecret(credentials.authToken.trim());
    const via = proxyDispatcher(proxy, baseUrl);
    if (via?.dispatcher) log.info(l10n.t('Requests to Vobiz go through the proxy {0}.', via.description));
    else if (via) {
      log.info(
        l10n.t(
          'Requests to Vobiz at {0} go directly, not through the proxy: loopback hosts are never proxied.',
          apiHostOf(baseUrl) ?? maskUrlCredentials(baseUrl),
        ),
      );
    }
    const { timeoutMs } = settings.read();
    try {
      return new VobizClient({
        baseUrl,
        authId: credentials.authId,
        authToken: credentials.authToken,
        timeoutMs,
        log: (record) => log.request(record),
        dispatcher: via?.dispatcher,
        ownsDispatcher: true,
        onRejected,
        onNote: (note) => log.info(note),
      });
    } catch (err) {
      void via?.dispatcher?.close();
      throw err;
    }
  };
}
