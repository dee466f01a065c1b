import * as l10n from '@vscode/l10n';
import { authErrorOf, VobizApiError } from '../api';
import type { VobizAccount, VobizClient, VobizNumber, VobizTrunk } from '../api';
import { AccountModel } from '../model/accountModel';
import { UnreadableItems } from '../model/unreadable';
import { currentTarget, sameTarget } from './clientFactory';
import type { ClientFactory, ClientTarget, Credentials } from './clientFactory';
import { CredentialHostError, HostBinding } from './hostConsent';
import type { HostConsent } from './hostConsent';
import type { ChangeSession } from './numberChange';
import type { Disposable, SessionLog, SettingsSource } from './ports';

/** What a session is built with: the editor's services, as small interfaces. */
export interface SessionDeps {
  readonly log: SessionLog;
  readonly settings: SettingsSource;
  readonly createClient: ClientFactory;
  readonly consent: HostConsent;
  /** Reads one number inside its queue and puts it in every model holding it (the change service's read). */
  readonly readNumber: (session: AccountSession, e164: string, signal: AbortSignal) => Promise<unknown>;
}

/**
 * One signed-in account: its credentials (from SecretStorage), the API client built from them and
 * the settings, and the account model. Loads lazily, when the view asks. Its changes are made by the
 * change service, on its client (`withClient`).
 */
export class AccountSession implements Disposable, ChangeSession {
  readonly model = new AccountModel();
  readonly authId: string;
  readonly #deps: SessionDeps;
  readonly #log: SessionLog;
  #authToken: string;
  #client: VobizClient | undefined;
  #loading: Promise<void> | undefined;
  #loadAbort: AbortController | undefined;
  #disposed = false;
  readonly #binding: HostBinding;

  constructor(credentials: Credentials, deps: SessionDeps, account?: VobizAccount) {
    this.authId = credentials.authId;
    this.#authToken = credentials.authToken;
    this.#deps = deps;
    this.#log = deps.log;
    this.#binding = new HostBinding(credentials.authId, credentials.host, deps.consent, deps.log);
    deps.log.addSecret(credentials.authToken);
    this.model.account = account;
  }

  /** A line for the log, about this account. */
  note(line: string): void {
    this.#log.info(`[${this.authId}] ${line}`);
  }

  /** True once signed out (or replaced by a new sign-in): nothing more is sent for it. */
  get disposed(): boolean {
    return this.#disposed;
  }

  #generation = 0;

  /** One more each time the session drops its client (the settings changed) or ends: a change begun on another stops. */
  get generation(): number {
    return this.#generation;
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
    return this.#binding.host;
  }

  /** Another window bound the stored credentials to a new host. */
  rebind(host: string | undefined): void {
    this.#binding.rebind(host);
  }

  #signedOut(): Error {
    return new Error(l10n.t('Signed out of {0}: sign in again to use it.', this.authId));
  }

  /**
   * The API client of this account, built on first use for the target the settings name (the API
   * base URL and the proxy). When the URL points at a host the credentials were not entered for, or
   * a proxy would carry them with TLS unverified, the user is asked first; without their consent this
   * throws a CredentialHostError and nothing is sent. The client is built for exactly the target
   * that was approved: when the settings changed while the question was open, the new target is
   * approved (asked about) in its turn.
   */
  async client(): Promise<VobizClient> {
    // A client Vobiz rejected fails every call at once, sending nothing, until load() replaces it.
    for (;;) {
      if (this.#disposed) throw this.#signedOut();
      if (this.#client) return this.#client;
      const target = await this.#approvedTarget();
      if (this.#client) return this.#client;
      if (!sameTarget(target, currentTarget(this.#deps.settings))) continue;
      this.#client = this.#deps.createClient(this.#credentials(), target, (error) => this.#onRejected(error));
      return this.#client;
    }
  }

  #credentials(): Credentials {
    return { authId: this.authId, authToken: this.#authToken };
  }

  /**
   * Resolves when the credentials may go to `target` (the user asked when it is another host, or an unverified
   * proxy); throws CredentialHostError when they said no.
   */
  approveTarget(target: ClientTarget): Promise<void> {
    return this.#binding.approveTarget(target, this.label);
  }

  /** The target the settings name now, once the credentials may go there. */
  async #approvedTarget(): Promise<ClientTarget> {
    const target = currentTarget(this.#deps.settings);
    await this.approveTarget(target);
    if (this.#disposed) throw this.#signedOut();
    return target;
  }

  /**
   * A new client on this account's credentials for a one-off check (Vobiz: Check Connection), after
   * the same approval as `client()`: not the account's own client, so the check neither shares its
   * queue nor changes its state. The caller closes it.
   */
  async checkClient(): Promise<VobizClient> {
    for (;;) {
      if (this.#disposed) throw this.#signedOut();
      const target = await this.#approvedTarget();
      if (sameTarget(target, currentTarget(this.#deps.settings))) return this.#deps.createClient(this.#credentials(), target);
    }
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
    this.#log.warn(
      l10n.t(
        'Vobiz rejected the credentials of {0}: nothing more is sent for it until you sign in again (or refresh).',
        this.authId,
      ),
    );
    if (this.model.status === 'ready' || this.model.status === 'partial') this.model.setFailed(error);
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

  /** Jobs running on each client: a client dropped (settings changed) closes when its last job ends. */
  readonly #jobs = new Map<VobizClient, number>();

  /** Runs a job on the account's client, which stays open until the job ends (a change's read, writes and re-read). */
  async withClient<T>(job: (client: VobizClient) => Promise<T>): Promise<T> {
    const client = await this.client();
    this.#jobs.set(client, (this.#jobs.get(client) ?? 0) + 1);
    try {
      return await job(client);
    } finally {
      const left = (this.#jobs.get(client) ?? 1) - 1;
      if (left > 0) this.#jobs.set(client, left);
      else {
        this.#jobs.delete(client);
        if (client !== this.#client) void client.close();
      }
    }
  }

  #dropClient(): void {
    const old = this.#client;
    this.#client = undefined;
    this.#generation++;
    // A change running on it finishes there; the last one closes it.
    if (old && !this.#jobs.has(old)) void old.close();
  }

  #abortLoad(): void {
    this.#loadAbort?.abort();
    this.#loadAbort = undefined;
    this.#loading = undefined;
  }

  /** True while a refresh runs over a loaded account (its rows stay shown and usable). */
  get refreshing(): boolean {
    return this.#loading !== undefined && this.#refreshing;
  }

  #refreshing = false;

  /**
   * Loads (or reloads) the account, numbers and trunks; concurrent calls share one load. A first
   * load shows pages as they come (`partial`); a refresh keeps the last inventory in place until the
   * new one is complete, so the tree keeps its rows and a command on one acts at once. Either way, a
   * number changed after the load began keeps its newer state when the load's pages arrive.
   */
  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    // An explicit reload tries rejected credentials again, with a fresh client.
    if (this.#client?.rejected) this.#dropClient();
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.#refreshing = this.model.status === 'ready';
    if (!this.#refreshing) this.model.setLoading();
    const since = this.model.beginLoad();
    this.#loading = this.#run(abort, since).finally(() => {
      if (this.#loadAbort === abort) {
        this.#loading = undefined;
        this.#loadAbort = undefined;
      }
    });
    return this.#loading;
  }

  async #run(abort: AbortController, since: number): Promise<void> {
    try {
      const client = await this.client();
      const { signal } = abort;
      const shown = this.#refreshing ? undefined : this.#progressive(abort, since);
      const unreadable = new UnreadableItems();
      const [account, numbers, trunks] = await Promise.all([
        this.model.account ? Promise.resolve(this.model.account) : client.whoAmI({ signal }),
        client.listNumbers({ signal, onPage: shown?.numbers, onUnreadable: unreadable.add }),
        client.listTrunks({ signal, onUnreadable: unreadable.add }).then((t) => (shown?.trunks(t), t)),
      ]);
      if (abort.signal.aborted) return;
      this.model.account = account;
      this.model.unreadable = unreadable.count;
      const disputed = this.model.setInventory(numbers, trunks, since);
      this.#log.info(l10n.t('Loaded {0} numbers and {1} trunks of {2}.', numbers.length, trunks.length, account.auth_id));
      await this.#settle(disputed, signal);
      const summary = unreadable.summary(account.auth_id);
      if (summary) this.#log.warn(summary);
    } catch (err) {
      if (abort.signal.aborted || (err instanceof VobizApiError && err.kind === 'aborted')) return;
      const error = err instanceof Error ? err : new Error(String(err));
      if (error instanceof CredentialHostError) this.#log.warn(error.message);
      else this.#log.error(l10n.t("Couldn't load numbers and trunks of {0}", this.authId), error);
      // A refresh that failed for a passing reason keeps the last complete inventory usable; one
      // whose credentials were refused or not sent does not (nothing can be done with them).
      const passing = this.#refreshing && !authErrorOf(error) && !(error instanceof CredentialHostError);
      if (passing && this.model.status === 'ready') this.model.setRefreshFailed(error);
      else this.model.setFailed(error);
    }
  }

  /**
   * Numbers read (by a change) while the load's pages were on their way, whose page says otherwise:
   * which is newer cannot be told, so each is read again, inside its queue, and that read decides.
   */
  async #settle(disputed: readonly string[], signal: AbortSignal): Promise<void> {
    for (const e164 of disputed) {
      try {
        await this.#deps.readNumber(this, e164, signal);
      } catch (err) {
        if (signal.aborted) return;
        this.#log.warn(
          l10n.t(
            'Could not re-read {0}, which changed while the list was loading: it shows as last read ({1}).',
            e164,
            err instanceof Error ? err.message : String(err),
          ),
        );
      }
    }
  }

  /**
   * A first load's display: numbers show page by page (at most every 250 ms) once the trunks are in;
   * the model says `partial` until the last page, so nothing half-loaded passes as complete.
   */
  #progressive(
    abort: AbortController,
    since: number,
  ): { numbers: (page: VobizNumber[]) => void; trunks: (t: VobizTrunk[]) => void } {
    const sofar: VobizNumber[] = [];
    let trunksSoFar: VobizTrunk[] | undefined;
    let shownAt = 0;
    const show = (): void => {
      if (abort.signal.aborted || !trunksSoFar || !sofar.length) return;
      const now = performance.now();
      if (this.model.status === 'partial' && now - shownAt < 250) return;
      shownAt = now;
      this.model.setPartial(sofar, trunksSoFar, since);
    };
    return {
      numbers: (page) => {
        sofar.push(...page);
        show();
      },
      trunks: (t) => {
        trunksSoFar = t;
        show();
      },
    };
  }

  /** Resolves as soon as there is something to show: the first pages, the whole inventory, or an error. */
  async whenShown(): Promise<void> {
    if (this.model.status === 'idle' && !this.#disposed) void this.load();
    if (this.model.status !== 'loading') return;
    await new Promise<void>((resolve) => {
      const off = this.model.onDidChange(() => {
        if (this.model.status !== 'loading') {
          off.dispose();
          resolve();
        }
      });
    });
  }

  /**
   * Resolves when the account can be acted on: at once when it is loaded (even while a refresh
   * runs: its rows are the last complete inventory), else when a load ends.
   */
  async whenUsable(): Promise<void> {
    if (this.model.status !== 'ready') await this.whenLoaded();
  }

  /** Resolves when no load is running (loading first when nothing was loaded yet). */
  async whenLoaded(): Promise<void> {
    if (this.model.status === 'idle' && !this.#disposed) await this.load();
    else if (this.#loading) await this.#loading;
  }

  dispose(): void {
    this.#disposed = true;
    this.#abortLoad();
    // A change running on the client (a move between its two writes) finishes; the last one closes it.
    this.#dropClient();
    this.model.clear();
  }
}
