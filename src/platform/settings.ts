import * as vscode from 'vscode';
import type { ProxySettings } from '../api';
import type { SettingsSource, VobizSettings } from '../session/ports';

export const SECTION = 'vobiz';
export const DEFAULT_BASE_URL = 'https://api.vobiz.ai';

/** The extension's settings, with defaults for missing or unusable values. */
export function readSettings(): VobizSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const apiBaseUrl = config.get<string>('apiBaseUrl', DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL;
  const seconds = config.get<number>('requestTimeoutSeconds', 30);
  const timeoutMs = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 30_000;
  return { apiBaseUrl, timeoutMs, confirmBeforeUnassign: config.get<boolean>('confirmBeforeUnassign', true) };
}

/** VS Code's own proxy settings (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`). */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy', []);
  return {
    proxy: http.get<string>('proxy', '') || undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string') : [],
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}

/** The settings as the session layer reads them: VS Code's configuration, read afresh each time. */
export const workspaceSettings: SettingsSource = { read: readSettings, proxy: readProxySettings };

const CLIENT_SETTINGS = [
  `${SECTION}.apiBaseUrl`,
  `${SECTION}.requestTimeoutSeconds`,
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
];

/** True when a configuration change touches what the API client is built from. */
export function affectsClient(e: vscode.ConfigurationChangeEvent): boolean {
  return CLIENT_SETTINGS.some((key) => e.affectsConfiguration(key));
}
