import * as l10n from '@vscode/l10n';
import { apiHostOf } from '../api';
import type { VobizAccount } from '../api';
import type { ModelChange } from '../model/accountModel';
import { AccountSession } from './accountSession';
import type { SessionDeps } from './accountSession';
import { currentTarget, sameTarget } from './clientFactory';
import type { ClientFactory, ClientTarget, Credentials } from './clientFactory';
import type { CredentialStore } from './credentialStore';
import { Emitter } from '../model/emitter';
import { ChangeService } from './changeService';
import { NumberQueue } from './numberQueue';
import { UndoHistory } from './undoHistory';
import { HostBinding } from './hostConsent';
import type { AskToSendCredentials } from './hostConsent';
import type { Event } from '../model/emitter';
import type { Disposable, SessionLog, SettingsSource } from './ports';

/** A change of one account's model. */
export interface AccountModelChange {
  readonly session: AccountSession;
  readonly change: ModelChange;
}

/** What the accounts are built with: the editor's services, as small interfaces. */
export interface AccountsDeps {
  readonly store: CredentialStore;
  readonly log: SessionLog;
  readonly settings: SettingsSource;
  readonly createClient: ClientFactory;
  /** How the user is asked before an account's credentials go to an API host they were not entered for. */
  readonly ask: AskToSendCredentials;
}

/**
 * The signed-in accounts (main `MA_` and sub-accounts `SA_`), in sign-in order, each an
 * AccountSession. Signing in with another Auth ID adds one; with a known Auth ID, replaces its token.
 */
export class Accounts implements Disposable {
  readonly #store: CredentialStore;
  readonly #log: SessionLog;
  readonly #settings: SettingsSource;
  readonly #sessionDeps: SessionDeps;
  readonly #sessions = new Map<string, AccountSession>();
  readonly #unsubscribe = new Map<string, Disposable>();
  readonly #onDidChangeModel = new Emitter<AccountModelChange>();
  /** Every account's model changes. */
  readonly onDidChangeModel: Event<AccountModelChange> = this.#onDidChangeModel.event;
  readonly #onDidChangeAccounts = new Emitter<void>();
  /** The routing changes of every account: plans, applies, records, undoes and reports them. */
  readonly changes: ChangeService;
  /** The proxies the user agreed to send each account's credentials through with TLS unverified, in this window. */
  readonly #unverifiedAgreed = new Map<string, Set<string>>();
  /** The list of accounts changed (sign-in, sign-out, here or in another window). */
  readonly onDidChangeAccounts = this.#onDidChangeAccounts.event;
  /** Why the stored accounts could not be read at start (SecretStorage failed), if they could not. */
  restoreError: Error | undefined;

  constructor(deps: AccountsDeps) {
    const { store, log } = deps;
    this.#store = store;
    this.#log = log;
    this.#settings = deps.settings;
    const queue = new NumberQueue(() => this.list());
    this.changes = new ChangeService({
      queue,
      history: new UndoHistory(),
      session: (authId) => this.get(authId),
      rejected: (s) => this.get(s.authId)?.rejected === true,
    });
    this.#sessionDeps = {
      log,
      settings: deps.settings,
      createClient: deps.createClient,
      readNumber: (session, e164, signal) => this.changes.read(session, e164, signal),
      consent: {
        ask: deps.ask,
        agreedUnverified: (authId) => {
          let agreed = this.#unverifiedAgreed.get(authId);
          if (!agreed) this.#unverifiedAgreed.set(authId, (agreed = new Set()));
          return agreed;
        },
        bind: async (authId, host) => {
          try {
            await store.bindHost(authId, host);
          } catch (err) {
            // The binding holds for this session; the next start asks again.
            log.error(l10n.t("Could not store the new host of {0}'s credentials", authId), err);
          }
        },
      },
    };
  }

  /** The signed-in accounts, in sign-in order. */
  list(): AccountSession[] {
    return [...this.#sessions.values()];
  }

  get(authId: string | undefined): AccountSession | undefined {
    return authId ? this.#sessions.get(authId) : undefined;
  }

  get signedIn(): boolean {
    return this.#sessions.size > 0;
  }

  get count(): number {
    return this.#sessions.size;
  }

  #add(credentials: Credentials, account?: VobizAccount): AccountSession {
    this.#remove(credentials.authId);
    const session = new AccountSession(credentials, this.#sessionDeps, account);
    this.#sessions.set(session.authId, session);
    this.#unsubscribe.set(
      session.authId,
      session.model.onDidChange((change) => this.#onDidChangeModel.fire({ session, change })),
    );
    return session;
  }

  /** Ends an account's session; `forget`: signed out (here or in another window), its undo history goes too. */
  #remove(authId: string, forget = false): void {
    const old = this.#sessions.get(authId);
    if (!old) return;
    if (forget) this.changes.history.forgetAccount(authId);
    this.#unsubscribe.get(authId)?.dispose();
    this.#unsubscribe.delete(authId);
    this.#sessions.delete(authId);
    old.dispose();
  }

  #changed(): void {
    this.#onDidChangeAccounts.fire();
  }

  #ready: Promise<void> | undefined;

  /** Resolves once the stored accounts are read (activation does not wait for it). */
  get ready(): Promise<void> {
    return this.#ready ?? Promise.resolve();
  }

  /** Reads stored credentials (no network). A SecretStorage failure is logged and leaves the accounts signed out. */
  restore(): Promise<void> {
    this.#ready = this.#restore();
    return this.#ready;
  }

  async #restore(): Promise<void> {
    let stored: Credentials[] = [];
    try {
      stored = await this.#store.list();
    } catch (err) {
      this.#log.error(l10n.t('Could not read the stored Vobiz credentials'), err);
      this.restoreError = err instanceof Error ? err : new Error(String(err));
    }
    for (const creds of stored) this.#add(creds);
    this.#changed();
  }

  /** The stored accounts changed (maybe in another window): follow them, keeping sessions whose credentials did not change. */
  async syncFromStore(): Promise<void> {
    let stored: Credentials[];
    try {
      stored = await this.#store.list();
    } catch {
      return;
    }
    let changed = false;
    const keep = new Set(stored.map((c) => c.authId));
    for (const authId of [...this.#sessions.keys()]) {
      if (!keep.has(authId)) {
        this.#remove(authId, true);
        changed = true;
      }
    }
    for (const creds of stored) {
      const same = this.#sessions.get(creds.authId);
      if (same?.uses(creds)) {
        same.rebind(creds.host);
        continue;
      }
      this.#add(creds);
      changed = true;
    }
    if (changed) this.#changed();
  }

  /**
   * The target the settings name now (the API base URL and the proxy), approved for `authId`'s
   * credentials: for an account signed in, as its own requests are (asked when it is bound to
   * another host); for new credentials, asked only when a proxy would carry them with TLS
   * unverified. Called before a token is typed or sent; throws CredentialHostError when the user
   * says no.
   */
  async approvedTarget(authId: string): Promise<ClientTarget> {
    const id = authId.trim();
    const target = currentTarget(this.#settings);
    const session = this.#sessions.get(id);
    if (session) await session.approveTarget(target);
    else await new HostBinding(id, apiHostOf(target.baseUrl), this.#sessionDeps.consent, this.#log).approveTarget(target, id);
    return target;
  }

  /**
   * Checks the credentials with `GET /auth/me` at `target` (the one a sign-in started at, see
   * `approvedTarget`; by default the one the settings name now), then stores them (SecretStorage
   * only), bound to its host, and adds the account (or replaces its token). Nothing is sent when the
   * settings moved on meanwhile, and nothing is stored when the check or the store fails.
   */
  async signIn(credentials: Credentials, target: ClientTarget = currentTarget(this.#settings)): Promise<AccountSession> {
    if (!sameTarget(target, currentTarget(this.#settings))) {
      throw new Error(
        l10n.t('Nothing was sent: the "{0}" or proxy settings changed while you signed in. Sign in again.', 'vobiz.apiBaseUrl'),
      );
    }
    // The credentials are entered for the host the settings name now, and bound to it.
    const creds: Credentials = {
      authId: credentials.authId.trim(),
      authToken: credentials.authToken.trim(),
      host: apiHostOf(target.baseUrl),
    };
    const probe = this.#sessionDeps.createClient(creds, target);
    let account: VobizAccount;
    try {
      account = await probe.whoAmI();
    } finally {
      void probe.close();
    }
    await this.#store.store(creds);
    const session = this.#add(creds, account);
    this.#changed();
    this.#log.info(l10n.t('Signed in as {0} ({1}).', account.name ?? account.auth_id, account.auth_id));
    return session;
  }

  /** Deletes one account's stored credentials and forgets it. */
  async signOut(authId: string): Promise<void> {
    await this.#store.delete(authId);
    this.#remove(authId, true);
    this.#changed();
    this.#log.info(l10n.t('Signed out of {0}.', authId));
  }

  /** Settings that shape the clients changed: rebuild them. */
  applySettings(): void {
    for (const s of this.#sessions.values()) s.applySettings();
  }

  /** Resolves when every account has loaded (or failed to). */
  async whenLoaded(): Promise<void> {
    await Promise.all(this.list().map((s) => s.whenLoaded()));
  }

  dispose(): void {
    for (const authId of [...this.#sessions.keys()]) this.#remove(authId);
    this.#onDidChangeAccounts.dispose();
    this.#onDidChangeModel.dispose();
    this.changes.history.dispose();
  }
}
