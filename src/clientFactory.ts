import { proxyDispatcher, VobizClient } from './api';
import type { ProxySettings, VobizApiError } from './api';
import type { ExtensionLog } from './logging';
import type { VobizSettings } from './settings';

export interface Credentials {
  authId: string;
  authToken: string;
  /**
   * The API host (see `apiHostOf`) these credentials were entered for. They are sent to no other
   * host without the user's consent. Absent in entries stored before credentials were bound to a
   * host: such an entry is bound to the host it is first used with.
   */
  host?: string;
}

/**
 * A client for these credentials under the current settings, logging each request to the Vobiz
 * log, going through the proxy that VS Code's `http.*` settings or the environment name.
 */
export function createClient(
  credentials: Credentials,
  settings: VobizSettings,
  log: ExtensionLog,
  proxy: ProxySettings,
  onRejected?: (error: VobizApiError) => void,
): VobizClient {
  log.addSecret(credentials.authToken.trim());
  const via = proxyDispatcher(proxy);
  if (via) log.info(`Requests to Vobiz go through the proxy ${via.description}.`);
  try {
    return new VobizClient({
      baseUrl: settings.apiBaseUrl,
      authId: credentials.authId,
      authToken: credentials.authToken,
      timeoutMs: settings.timeoutMs,
      log: (record) => log.request(record),
      dispatcher: via?.dispatcher,
      ownsDispatcher: true,
      onRejected,
    });
  } catch (err) {
    void via?.dispatcher.close();
    throw err;
  }
}
