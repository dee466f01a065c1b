/**
 * What the session layer needs of the editor, as small interfaces: `extension.ts` wires them to
 * VS Code (SecretStorage, the settings, the log channel, a modal question) and plain-Node tests to
 * in-memory stand-ins. Nothing in `src/session` imports `vscode`.
 */
import type { ProxySettings, RequestLogRecord } from '../api';

export type { Disposable } from '../model/emitter';
import type { Disposable } from '../model/emitter';

/** The secret storage (VS Code's SecretStorage, the OS keychain): the only place credentials are kept. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Fires when a key changes, also from another window. */
  onDidChange(listener: (e: { readonly key: string }) => unknown): Disposable;
}

/** The settings the API client is built from. */
export interface VobizSettings {
  apiBaseUrl: string;
  timeoutMs: number;
  confirmBeforeUnassign: boolean;
}

/** Reads the settings afresh at each call (they can change at any time). */
export interface SettingsSource {
  read(): VobizSettings;
  /** VS Code's `http.proxy`, `http.noProxy` and `http.proxyStrictSSL`. */
  proxy(): ProxySettings;
}

/** The "Vobiz" log: every line redacted of the known secrets before it is written. */
export interface SessionLog {
  /** A value that must never be written (an auth token). */
  addSecret(secret: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** One line per HTTP attempt, from the API module's log hook. */
  request(record: RequestLogRecord): void;
}
