import type * as vscode from 'vscode';
import type { Credentials } from './clientFactory';

/** The SecretStorage key of the signed-in account's credentials. */
export const CREDENTIALS_KEY = 'vobiz.credentials';

/** SecretStorage (the OS keychain) failed; the message says what to do. Nothing is stored elsewhere. */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'store' | 'delete', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `VS Code could not ${action} the Vobiz credentials in its secret storage (${reason}). ` +
        'On Linux this needs a running, unlocked keyring (GNOME Keyring or KWallet, or "password-store" set in VS Code\'s argv.json). ' +
        'The credentials are never kept anywhere else.',
      { cause },
    );
    this.name = 'SecretStorageError';
  }
}

function parse(raw: string | undefined): Credentials | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Credentials>;
    if (typeof v.authId === 'string' && typeof v.authToken === 'string') return { authId: v.authId, authToken: v.authToken };
  } catch {
    // a value this version did not write: treat as signed out
  }
  return undefined;
}

/** Auth ID and Auth Token, kept only in VS Code's SecretStorage. */
export class CredentialStore {
  readonly #secrets: vscode.SecretStorage;

  constructor(secrets: vscode.SecretStorage) {
    this.#secrets = secrets;
  }

  async get(): Promise<Credentials | undefined> {
    try {
      return parse(await this.#secrets.get(CREDENTIALS_KEY));
    } catch (err) {
      throw new SecretStorageError('read', err);
    }
  }

  async store(credentials: Credentials): Promise<void> {
    try {
      await this.#secrets.store(CREDENTIALS_KEY, JSON.stringify({ authId: credentials.authId.trim(), authToken: credentials.authToken.trim() }));
    } catch (err) {
      throw new SecretStorageError('store', err);
    }
  }

  async delete(): Promise<void> {
    try {
      await this.#secrets.delete(CREDENTIALS_KEY);
    } catch (err) {
      throw new SecretStorageError('delete', err);
    }
  }

  /** Fires when the stored credentials change (also from another window). */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.#secrets.onDidChange((e) => {
      if (e.key === CREDENTIALS_KEY) listener();
    });
  }
}
