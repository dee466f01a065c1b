import type * as vscode from 'vscode';
import { VobizApiError } from './api';
import type { VobizAccount, VobizClient, VobizNumber, VobizTrunk } from './api';
import { createClient } from './clientFactory';
import type { Credentials } from './clientFactory';
import type { ExtensionLog } from './logging';
import { AccountModel } from './model/accountModel';
import { RoutingService } from './model/routing';
import { readProxySettings, readSettings } from './settings';

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

  constructor(credentials: Credentials, log: ExtensionLog, account?: VobizAccount) {
    this.authId = credentials.authId;
    this.#authToken = credentials.authToken;
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

  /** The API client of this account (built on first use from the current settings). */
  client(): VobizClient {
    if (this.#disposed) throw new Error(`Signed out of ${this.authId}: sign in again to use it.`);
    this.#client ??= createClient({ authId: this.authId, authToken: this.#authToken }, readSettings(), this.#log, readProxySettings());
    return this.#client;
  }

  /** Drops the client (settings changed) and reloads when the view had loaded. */
  applySettings(): void {
    const wasLoaded = this.model.status !== 'idle';
    this.#abortLoad();
    const old = this.#client;
    this.#client = undefined;
    void old?.close();
    const account = this.model.account;
    this.model.clear();
    this.model.account = account;
    if (wasLoaded) void this.load();
  }

  #abortLoad(): void {
    this.#loadAbort?.abort();
    this.#loadAbort = undefined;
    this.#loading = undefined;
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
        this.#log.error(`Couldn't load numbers and trunks of ${this.authId}`, error);
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
