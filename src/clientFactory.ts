import { VobizClient } from './api';
import type { ExtensionLog } from './logging';
import type { VobizSettings } from './settings';

export interface Credentials {
  authId: string;
  authToken: string;
}

/** A client for these credentials under the current settings, logging each request to the Vobiz log. */
export function createClient(credentials: Credentials, settings: VobizSettings, log: ExtensionLog): VobizClient {
  log.addSecret(credentials.authToken.trim());
  return new VobizClient({
    baseUrl: settings.apiBaseUrl,
    authId: credentials.authId,
    authToken: credentials.authToken,
    timeoutMs: settings.timeoutMs,
    log: (record) => log.request(record),
  });
}
