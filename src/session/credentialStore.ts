import * as l10n from '@vscode/l10n';
import type { Credentials } from './clientFactory';
import type { Disposable, SecretStore } from './ports';

/** The SecretStorage key of the list of signed-in Auth IDs (in sign-in order). */
export const ACCOUNTS_KEY = 'vobiz.accounts';
/** The key of one account's credentials: each account's token has its own key. */
export function credentialsKey(authId: string): string {
  return `vobiz.credentials.${authId}`;
}
/** The single key of versions before several accounts: read once and moved to the per-account keys. */
export const LEGACY_CREDENTIALS_KEY = 'vobiz.credentials';

/** What to do when the OS keychain fails, and that there is no fallback. */
function keyringHelp(): string {
  return (
    l10n.t(
      'On Linux this needs a running, unlocked keyring (GNOME Keyring or KWallet, or "{0}" set in VS Code\'s argv.json).',
      'password-store',
    ) +
    ' ' +
    l10n.t('The credentials are never kept anywhere else.')
  );
}

/** Why VS Code's secret storage failed, for each thing it was asked to do. */
function failedAction(action: 'read' | 'store' | 'delete', reason: string): string {
  switch (action) {
    case 'read':
      return l10n.t('VS Code could not read the Vobiz credentials in its secret storage ({0}).', reason);
    case 'store':
      return l10n.t('VS Code could not store the Vobiz credentials in its secret storage ({0}).', reason);
    case 'delete':
      return l10n.t('VS Code could not delete the Vobiz credentials in its secret storage ({0}).', reason);
  }
}

/** A failed delete of one account's token: it is still stored, and the account still signed in. */
function notSignedOut(authId: string, reason: string): string {
  return (
    l10n.t('Could not sign out of {0}: VS Code could not delete its Auth Token from its secret storage ({1}).', authId, reason) +
    ' ' +
    l10n.t(
      'The Auth Token is still stored there, so {0} stays signed in: unlock the OS keychain or keyring, then sign out again.',
      authId,
    )
  );
}

/**
 * SecretStorage (the OS keychain) failed; the message says what to do. Nothing is stored elsewhere.
 * A failed delete of an account's token (`authId`) says the token is still stored, and the account
 * still signed in.
 */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'store' | 'delete', cause: unknown, authId?: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${authId && action === 'delete' ? notSignedOut(authId, reason) : failedAction(action, reason)} ${keyringHelp()}`, {
      cause,
    });
    this.name = 'SecretStorageError';
  }
}

function parseCredentials(raw: string | undefined): Credentials | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Credentials>;
    if (typeof v.authId === 'string' && typeof v.authToken === 'string') {
      return typeof v.host === 'string' && v.host
        ? { authId: v.authId, authToken: v.authToken, host: v.host }
        : { authId: v.authId, authToken: v.authToken };
    }
  } catch {
    // a value this version did not write: treat as signed out
  }
  return undefined;
}

function parseIds(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (Array.isArray(v)) return [...new Set(v.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  } catch {
    // unreadable index: no accounts
  }
  return [];
}

/**
 * The Auth IDs and Auth Tokens of the signed-in accounts, kept only in VS Code's SecretStorage:
 * one key per account, plus the list of Auth IDs. Writes are serialised so two sign-ins at once
 * cannot lose one another's entry in the list.
 */
export class CredentialStore {
  readonly #secrets: SecretStore;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(secrets: SecretStore) {
    this.#secrets = secrets;
  }

  #serialize<T>(job: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(job, job);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #get(key: string): Promise<string | undefined> {
    try {
      return await this.#secrets.get(key);
    } catch (err) {
      throw new SecretStorageError('read', err);
    }
  }

  async #put(key: string, value: string): Promise<void> {
    try {
      await this.#secrets.store(key, value);
    } catch (err) {
      throw new SecretStorageError('store', err);
    }
  }

  async #delete(key: string, authId?: string): Promise<void> {
    try {
      await this.#secrets.delete(key);
    } catch (err) {
      throw new SecretStorageError('delete', err, authId);
    }
  }

  /** Every stored account, in sign-in order (moving a pre-multi-account entry to its own key first). */
  list(): Promise<Credentials[]> {
    return this.#serialize(async () => {
      let ids = parseIds(await this.#get(ACCOUNTS_KEY));
      const legacy = parseCredentials(await this.#get(LEGACY_CREDENTIALS_KEY));
      if (legacy) {
        await this.#put(credentialsKey(legacy.authId), JSON.stringify(legacy));
        if (!ids.includes(legacy.authId)) ids = [...ids, legacy.authId];
        await this.#put(ACCOUNTS_KEY, JSON.stringify(ids));
        await this.#delete(LEGACY_CREDENTIALS_KEY);
      }
      const all: Credentials[] = [];
      for (const id of ids) {
        const creds = parseCredentials(await this.#get(credentialsKey(id)));
        if (creds && creds.authId === id) all.push(creds);
      }
      return all;
    });
  }

  /** Stores (or replaces) one account's credentials and adds it to the list. */
  store(credentials: Credentials): Promise<void> {
    const creds: Credentials = { authId: credentials.authId.trim(), authToken: credentials.authToken.trim() };
    if (credentials.host) creds.host = credentials.host;
    return this.#serialize(async () => {
      await this.#put(credentialsKey(creds.authId), JSON.stringify(creds));
      const ids = parseIds(await this.#get(ACCOUNTS_KEY));
      if (!ids.includes(creds.authId)) await this.#put(ACCOUNTS_KEY, JSON.stringify([...ids, creds.authId]));
    });
  }

  /** Binds one stored account's credentials to another API host (the user agreed to send them there). */
  bindHost(authId: string, host: string): Promise<void> {
    return this.#serialize(async () => {
      const creds = parseCredentials(await this.#get(credentialsKey(authId)));
      if (!creds || creds.host === host) return;
      await this.#put(credentialsKey(authId), JSON.stringify({ ...creds, host }));
    });
  }

  /**
   * Deletes one account's credentials, then its entry in the list. The token goes first: when its
   * delete fails, the account stays listed (and signed in), so a later Sign Out can still reach it.
   */
  delete(authId: string): Promise<void> {
    return this.#serialize(async () => {
      await this.#delete(credentialsKey(authId), authId);
      const ids = parseIds(await this.#get(ACCOUNTS_KEY));
      if (ids.includes(authId)) await this.#put(ACCOUNTS_KEY, JSON.stringify(ids.filter((id) => id !== authId)));
    });
  }

  /** Fires when any stored account changes (also from another window). */
  onDidChange(listener: () => void): Disposable {
    return this.#secrets.onDidChange((e) => {
      if (e.key === ACCOUNTS_KEY || e.key.startsWith('vobiz.credentials')) listener();
    });
  }
}
