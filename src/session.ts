import * as vscode from 'vscode';
import { VobizApiError } from './api';
import type { VobizAccount, VobizClient } from './api';
import { createClient } from './clientFactory';
import { setContextKey } from './contextKeys';
import type { Credentials } from './clientFactory';
import type { CredentialStore } from './credentialStore';
import type { ExtensionLog } from './logging';
import { AccountModel } from './model/accountModel';
import { RoutingService } from './model/routing';
import { readSettings } from './settings';

export const SIGNED_IN_CONTEXT = 'vobiz.signedIn';

/**
 * The signed-in account: credentials (from SecretStorage), the API client built from them and the
 * settings, the account model and the routing service. Loads lazily, when the view asks.
 */
export class Session implements vscode.Disposable {
  readonly model = new AccountModel();
  readonly routing: RoutingService;
  readonly #store: CredentialStore;
  readonly #log: ExtensionLog;
  #credentials: Credentials | undefined;
  #client: VobizClient | undefined;
  #loading: Promise<void> | undefined;
  #loadAbort: AbortController | undefined;
  readonly #onDidChangeSignIn = new vscode.EventEmitter<boolean>();
  readonly onDidChangeSignIn = this.#onDidChangeSignIn.event;

  constructor(store: CredentialStore, log: ExtensionLog) {
    this.#store = store;
    this.#log = log;
    this.routing = new RoutingService(() => this.client(), this.model);
    this.routing.onNote = (line) => log.info(line);
  }

  get signedIn(): boolean {
    return this.#credentials !== undefined;
  }

  get authId(): string | undefined {
    return this.#credentials?.authId;
  }

  /** The API client of the signed-in account (built on first use from the current settings). */
  client(): VobizClient {
    if (!this.#credentials) throw new Error('Not signed in to Vobiz: run "Vobiz: Sign In" first.');
    this.#client ??= createClient(this.#credentials, readSettings(), this.#log);
    return this.#client;
  }

  async #setSignedIn(credentials: Credentials | undefined): Promise<void> {
    const was = this.signedIn;
    this.#credentials = credentials;
    this.#resetClient();
    if (credentials) this.#log.addSecret(credentials.authToken);
    await setContextKey(SIGNED_IN_CONTEXT, credentials !== undefined);
    if (was !== this.signedIn) this.#onDidChangeSignIn.fire(this.signedIn);
  }

  #resetClient(): void {
    this.#loadAbort?.abort();
    this.#loadAbort = undefined;
    this.#loading = undefined;
    const old = this.#client;
    this.#client = undefined;
    void old?.close();
    this.model.clear();
  }

  /** Reads stored credentials (no network). A SecretStorage failure is logged and leaves the session signed out. */
  async restore(): Promise<void> {
    let stored: Credentials | undefined;
    try {
      stored = await this.#store.get();
    } catch (err) {
      this.#log.error('Could not read the stored Vobiz credentials', err);
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    }
    await this.#setSignedIn(stored);
  }

  /** The stored credentials changed (maybe in another window): follow them unless they are already ours. */
  async syncFromStore(): Promise<void> {
    let stored: Credentials | undefined;
    try {
      stored = await this.#store.get();
    } catch {
      return;
    }
    const current = this.#credentials;
    if (stored?.authId === current?.authId && stored?.authToken === current?.authToken) return;
    await this.#setSignedIn(stored);
  }

  /**
   * Checks the credentials with `GET /auth/me`, then stores them (SecretStorage only) and signs in.
   * Nothing is stored when the check or the store fails.
   */
  async signIn(credentials: Credentials): Promise<VobizAccount> {
    const creds = { authId: credentials.authId.trim(), authToken: credentials.authToken.trim() };
    const probe = createClient(creds, readSettings(), this.#log);
    let account: VobizAccount;
    try {
      account = await probe.whoAmI();
    } finally {
      void probe.close();
    }
    await this.#store.store(creds);
    await this.#setSignedIn(creds);
    this.model.account = account;
    this.#log.info(`Signed in as ${account.name ?? account.auth_id} (${account.auth_id}).`);
    return account;
  }

  /** Deletes the stored credentials and forgets the account. */
  async signOut(): Promise<void> {
    const authId = this.authId;
    await this.#store.delete();
    await this.#setSignedIn(undefined);
    if (authId) this.#log.info(`Signed out of ${authId}.`);
  }

  /** Settings that shape the client changed: rebuild it and reload when the view had loaded. */
  applySettings(): void {
    if (!this.signedIn) return;
    const wasLoaded = this.model.status !== 'idle';
    this.#resetClient();
    if (wasLoaded) void this.load();
  }

  /** Loads (or reloads) the account, numbers and trunks; concurrent calls share one load. */
  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.model.setLoading();
    const run = async (): Promise<void> => {
      try {
        const client = this.client();
        const signal = abort.signal;
        const [account, numbers, trunks] = await Promise.all([
          this.model.account ? Promise.resolve(this.model.account) : client.whoAmI({ signal }),
          client.listNumbers({ signal }),
          client.listTrunks({ signal }),
        ]);
        if (abort.signal.aborted) return;
        this.model.account = account;
        this.model.setInventory(numbers, trunks);
        this.#log.info(`Loaded ${numbers.length} numbers and ${trunks.length} trunks of ${account.auth_id}.`);
      } catch (err) {
        if (abort.signal.aborted || (err instanceof VobizApiError && err.kind === 'aborted')) return;
        const error = err instanceof Error ? err : new Error(String(err));
        this.#log.error("Couldn't load numbers and trunks", error);
        this.model.setFailed(error);
      } finally {
        if (this.#loadAbort === abort) {
          this.#loading = undefined;
          this.#loadAbort = undefined;
        }
      }
    };
    this.#loading = run();
    return this.#loading;
  }

  /** Resolves when no load is running (after the current one, if any). */
  async whenLoaded(): Promise<void> {
    if (this.model.status === 'idle' && this.signedIn) await this.load();
    else if (this.#loading) await this.#loading;
  }

  dispose(): void {
    this.#loadAbort?.abort();
    void this.#client?.close();
    this.#onDidChangeSignIn.dispose();
  }
}
