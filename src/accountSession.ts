import type * as vscode from 'vscode';
import { apiHostOf, VobizApiError } from './api';
import type { VobizAccount, VobizClient, VobizNumber, VobizTrunk } from './api';
import { createClient } from './clientFactory';
import type { Credentials } from './clientFactory';
import { CredentialHostError } from './hostConsent';
import type { HostQuestion } from './hostConsent';
import type { ExtensionLog } from './logging';
import { AccountModel } from './model/accountModel';
import { RoutingService } from './model/routing';
import { readProxySettings, readSettings } from './settings';

/** How a session asks before its credentials go to a new API host, and records the user's yes. */
export interface HostConsent {
  ask(question: HostQuestion): Thenable<boolean>;
  /** Stores the new binding (SecretStorage, beside the token). */
  bind(authId: string, host: string): Promise<void>;
}

/**
 * One signed-in account: its credentials (from SecretStorage), the API client built from them and
 * the settings, the account model and the routing service. Loads lazily, when the view asks.
 */
export class AccountSession implements vscode.Disposable {
  readonly model = new AccountModel();
  readonly routing: RoutingService;
  readonly authId: string;
  readonly #log: ExtensionLog;
  #authToken: string;
  #client: VobizClient | undefined;
  #loading: Promise<void> | undefined;
  #loadAbort: AbortController | undefined;
  #disposed = false;
  /** The API host the credentials are bound to (undefined: not yet used, from an older version). */
  #host: string | undefined;
  readonly #consent: HostConsent;
  /** The question being asked now, shared by every request that waits on it. */
  #asking: { to: string; answer: Thenable<boolean> } | undefined;

  constructor(credentials: Credentials, log: ExtensionLog, consent: HostConsent, account?: VobizAccount) {
    this.authId = credentials.authId;
    this.#authToken = credentials.authToken;
    this.#host = credentials.host;
    this.#consent = consent;
    this.#log = log;
    log.addSecret(credentials.authToken);
    this.model.account = account;
    this.routing = new RoutingService(() => this.client(), this.model);
    this.routing.onNote = (line) => log.info(`[${this.authId}] ${line}`);
  }

  /** The account's name as a person knows it (its Auth ID until `auth/me` answered). */
  get label(): string {
    return this.model.account?.name?.trim() || this.authId;
  }

  /** True when these are the credentials this session runs on. */
  uses(credentials: Credentials): boolean {
    return credentials.authId === this.authId && credentials.authToken === this.#authToken;
  }

  /** The API host the credentials are bound to. */
  get host(): string | undefined {
    return this.#host;
  }

  /** Another window bound the stored credentials to a new host. */
  rebind(host: string | undefined): void {
    if (host && host !== this.#host) this.#host = host;
  }

  #signedOut(): Error {
    return new Error(`Signed out of ${this.authId}: sign in again to use it.`);
  }

  /**
   * The API client of this account, built on first use from the current settings. When the
   * settings point at a host the credentials were not entered for, the user is asked first;
   * without their consent this throws a CredentialHostError and nothing is sent.
   */
  async client(): Promise<VobizClient> {
    if (this.#disposed) throw this.#signedOut();
    // A client Vobiz rejected fails every call at once, sending nothing, until load() replaces it.
    if (this.#client) return this.#client;
    const settings = readSettings();
    await this.#approveHost(settings.apiBaseUrl);
    if (this.#disposed) throw this.#signedOut();
    this.#client ??= createClient({ authId: this.authId, authToken: this.#authToken }, settings, this.#log, readProxySettings(), (error) => this.#onRejected(error));
    return this.#client;
  }

  /** True after Vobiz rejected the credentials (until a reload or a new sign-in). */
  get rejected(): boolean {
    return this.#client?.rejected !== undefined;
  }

  /**
   * Vobiz rejected the credentials (the token was rotated or revoked): stop sending, and let the
   * tree say so with its Sign In Again item instead of showing numbers that can no longer be changed.
   */
  #onRejected(error: VobizApiError): void {
    if (this.#disposed) return;
    this.#log.warn(`Vobiz rejected the credentials of ${this.authId}: nothing more is sent for it until you sign in again (or refresh).`);
    if (this.model.status === 'ready' || this.model.status === 'partial') this.model.setFailed(error);
  }

  async #approveHost(baseUrl: string): Promise<void> {
    const to = apiHostOf(baseUrl);
    // An unusable URL: creating the client reports it, and nothing is sent.
    if (!to || to === this.#host) return;
    const from = this.#host;
    if (!from) {
      // Stored by a version that did not bind credentials: bound to the first host used.
      this.#host = to;
      await this.#consent.bind(this.authId, to);
      return;
    }
    const question: HostQuestion = { authId: this.authId, label: this.label, from, to };
    let asking = this.#asking?.to === to ? this.#asking : undefined;
    if (!asking) {
      asking = { to, answer: this.#consent.ask(question) };
      this.#asking = asking;
    }
    let agreed: boolean;
    try {
      agreed = await asking.answer;
    } finally {
      if (this.#asking === asking) this.#asking = undefined;
    }
    if (!agreed) throw new CredentialHostError(question);
    if (this.#host === from) {
      this.#host = to;
      this.#log.info(`The credentials of ${this.authId} are now bound to ${to} (were ${from}): the user agreed to send them there.`);
      await this.#consent.bind(this.authId, to);
    }
  }

  /** Drops the client (settings changed) and reloads when the view had loaded. */
  applySettings(): void {
    const wasLoaded = this.model.status !== 'idle';
    this.#abortLoad();
    this.#dropClient();
    const account = this.model.account;
    this.model.clear();
    this.model.account = account;
    if (wasLoaded) void this.load();
  }

  #dropClient(): void {
    const old = this.#client;
    this.#client = undefined;
    void old?.close();
  }

  #abortLoad(): void {
    this.#loadAbort?.abort();
    this.#loadAbort = undefined;
    this.#loading = undefined;
  }

  /** Loads (or reloads) the account, numbers and trunks; concurrent calls share one load. */
  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    // An explicit reload tries rejected credentials again, with a fresh client.
    if (this.#client?.rejected) this.#dropClient();
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.model.setLoading();
    const run = async (): Promise<void> => {
      try {
        const client = await this.client();
        const signal = abort.signal;
        // Numbers show page by page (at most every 250 ms) once the trunks are in; the model says
        // `partial` until the last page, so nothing half-loaded passes as complete.
        const sofar: VobizNumber[] = [];
        let trunksSoFar: VobizTrunk[] | undefined;
        let shownAt = 0;
        const show = (): void => {
          if (abort.signal.aborted || !trunksSoFar || !sofar.length) return;
          const now = performance.now();
          if (this.model.status === 'partial' && now - shownAt < 250) return;
          shownAt = now;
          this.model.setPartial(sofar, trunksSoFar);
        };
        const [account, numbers, trunks] = await Promise.all([
          this.model.account ? Promise.resolve(this.model.account) : client.whoAmI({ signal }),
          client.listNumbers({
            signal,
            onPage: (page) => {
              sofar.push(...page);
              show();
            },
          }),
          client.listTrunks({ signal }).then((t) => {
            trunksSoFar = t;
            show();
            return t;
          }),
        ]);
        if (abort.signal.aborted) return;
        this.model.account = account;
        this.model.setInventory(numbers, trunks);
        this.#log.info(`Loaded ${numbers.length} numbers and ${trunks.length} trunks of ${account.auth_id}.`);
      } catch (err) {
        if (abort.signal.aborted || (err instanceof VobizApiError && err.kind === 'aborted')) return;
        const error = err instanceof Error ? err : new Error(String(err));
        if (error instanceof CredentialHostError) this.#log.warn(error.message);
        else this.#log.error(`Couldn't load numbers and trunks of ${this.authId}`, error);
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

  /** Resolves as soon as there is something to show: the first pages, the whole inventory, or an error. */
  async whenShown(): Promise<void> {
    if (this.model.status === 'idle' && !this.#disposed) void this.load();
    if (this.model.status !== 'loading') return;
    await new Promise<void>((resolve) => {
      const off = this.model.onDidChange(() => {
        if (this.model.status !== 'loading') {
          off();
          resolve();
        }
      });
    });
  }

  /** Resolves when no load is running (loading first when nothing was loaded yet). */
  async whenLoaded(): Promise<void> {
    if (this.model.status === 'idle' && !this.#disposed) await this.load();
    else if (this.#loading) await this.#loading;
  }

  dispose(): void {
    this.#disposed = true;
    this.#abortLoad();
    void this.#client?.close();
    this.#client = undefined;
    this.model.clear();
  }
}
