/**
 * Routing changes with their safety rules. Every change of a number runs inside that number's one
 * queue (shared by every signed-in account); inside it, the change first reads the number, stops
 * when it is not where the user saw it, and names what was read in its message and undo record. A change is followed by one
 * re-read of that number (no full reload); a failed or unknown-outcome write is settled by a read;
 * a move whose second step fails puts the number back. Depends on the API module and the model, not
 * on vscode.
 */
import * as l10n from '@vscode/l10n';
import { VobizApiError } from '../api';
import type { VobizClient, VobizNumber } from '../api';
import { trunkName } from './accountModel';
import type { AccountModel } from './accountModel';

/** Where a number routes: a trunk, an XML application, or nowhere. */
export type Routing =
  { readonly kind: 'trunk'; readonly id: string } | { readonly kind: 'app'; readonly id: string } | { readonly kind: 'none' };

export const NOWHERE: Routing = { kind: 'none' };

/** A number's routing as the server (or the model) says it; undefined when the number is not listed. */
export function routingOf(n: VobizNumber | undefined): Routing | undefined {
  if (!n) return undefined;
  if (n.trunk_group_id) return { kind: 'trunk', id: n.trunk_group_id };
  if (n.application_id) return { kind: 'app', id: n.application_id };
  return NOWHERE;
}

export function toTrunk(trunkId: string | undefined): Routing {
  return trunkId ? { kind: 'trunk', id: trunkId } : NOWHERE;
}

export function sameRouting(a: Routing | undefined, b: Routing | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind === 'none' || a.id === (b as { id: string }).id);
}

/** A routing change that did not (fully) happen; `message` says where the number stands now. */
export class RoutingError extends Error {
  constructor(
    message: string,
    /** The number as last read from the server after the failure, when it could be read. */
    readonly numberNow?: VobizNumber,
    cause?: unknown,
    /** False when the change stopped before any write (nothing of it reached Vobiz). */
    readonly written = true,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RoutingError';
  }
}

/** The number is not where the user saw it: nothing was changed; the model now shows where it is. */
export class RoutingConflict extends RoutingError {
  constructor(
    message: string,
    numberNow: VobizNumber | undefined,
    /** Where the user saw it. */
    readonly expected: Routing,
  ) {
    super(message, numberNow, undefined, false);
    this.name = 'RoutingConflict';
  }
}

export interface RoutingResult {
  /** The number as the server reports it after the change. */
  number: VobizNumber | undefined;
  /** Where it routed before, as read inside its queue (or as the server's guard proved it). */
  before: Routing;
  /** Where it routes after, as re-read. */
  after: Routing;
  /** A short success message for a person. */
  message: string;
}

export interface ChangeRequest {
  readonly e164: string;
  /** Where it should route: a trunk, an app (undo only), or nowhere (unassign). */
  readonly to: Routing;
  /** Where the user saw it (the tree, or where a change left it): when the server says otherwise, nothing is changed. */
  readonly expected?: Routing;
  /** Asked inside the queue with the number as just read; false: nothing is sent. */
  readonly confirm?: (now: VobizNumber) => Promise<boolean>;
}

/**
 * One queue per number across every signed-in account, and what the server said of a number put in
 * every model that holds it. The accounts provide one shared desk; a service alone gets a local one.
 */
export interface NumberDesk {
  serialize<T>(e164: string, job: () => Promise<T>): Promise<T>;
  /** The server's word on a number (undefined: no longer listed by `source`): update every model holding it. */
  publish(e164: string, fresh: VobizNumber | undefined, source: AccountModel): void;
}

/** Runs jobs of the same key one after another. */
export class KeyedQueue {
  readonly #queues = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.#queues.set(key, tail);
    void tail.then(() => {
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    });
    return next;
  }
}

/** A desk for one model alone (tests, a service outside the accounts). */
export function localDesk(): NumberDesk {
  const queue = new KeyedQueue();
  return {
    serialize: (e164, job) => queue.run(e164, job),
    publish: (e164, fresh, source) => source.updateNumber(e164, fresh),
  };
}

function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/[.\s]+$/, '');
}

function isAlreadyAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 400 && /already assigned/i.test(err.message);
}

function isNotAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 404 && /not assigned/i.test(err.message);
}

/** A write that did not go as asked, with what decides whether it happened after all. */
interface WriteFailure {
  readonly err: unknown;
  readonly e164: string;
  readonly wanted: (n: VobizNumber | undefined) => boolean;
  readonly what: string;
}

/**
 * Where a service gets its API client: a plain getter, or a lease that keeps the client open until
 * the job ends (a change started before a settings change finishes on the client it started with).
 */
export type ClientSource =
  (() => VobizClient | Promise<VobizClient>) | { lease<T>(job: (client: VobizClient) => Promise<T>): Promise<T> };

export class RoutingService {
  readonly #lease: <T>(job: (client: VobizClient) => Promise<T>) => Promise<T>;
  readonly #model: AccountModel;
  readonly #desk: NumberDesk;
  /** Called with a line for the log whenever a check or rollback happens. */
  onNote: (line: string) => void = () => undefined;

  constructor(source: ClientSource, model: AccountModel, desk: NumberDesk = localDesk()) {
    this.#lease = typeof source === 'function' ? async (job) => job(await source()) : (job) => source.lease(job);
    this.#model = model;
    this.#desk = desk;
  }

  /**
   * A trunk's name as a person knows it (its id when the account does not list it). Unquoted: the
   * messages that name it quote it, so a translation can use its own quotation marks.
   */
  #name(trunkId: string): string {
    const t = this.#model.trunk(trunkId);
    return t ? trunkName(t) : trunkId;
  }

  /** A routing in words: `trunk "Acme"`, `application app-1`, `no trunk`. */
  routingWords(r: Routing | undefined): string {
    if (!r) return l10n.t('an unlisted number');
    if (r.kind === 'trunk') return l10n.t('trunk "{0}"', this.#name(r.id));
    if (r.kind === 'app') return l10n.t('application {0}', r.id);
    return l10n.t('no trunk');
  }

  /** Nothing was changed: the number routes (`now`) elsewhere than the tree showed (`shown`). */
  #notAsShown(e164: string, now: Routing, shown: Routing): string {
    if (now.kind === 'none') {
      return shown.kind === 'none'
        ? l10n.t('Nothing was changed: {0} is unassigned now, not unassigned as the tree showed: it was changed elsewhere.', e164)
        : l10n.t(
            'Nothing was changed: {0} is unassigned now, not on {1} as the tree showed: it was changed elsewhere.',
            e164,
            this.routingWords(shown),
          );
    }
    return shown.kind === 'none'
      ? l10n.t(
          'Nothing was changed: {0} now routes to {1}, not unassigned as the tree showed: it was changed elsewhere.',
          e164,
          this.routingWords(now),
        )
      : l10n.t(
          'Nothing was changed: {0} now routes to {1}, not on {2} as the tree showed: it was changed elsewhere.',
          e164,
          this.routingWords(now),
          this.routingWords(shown),
        );
  }

  /** Where a number stands, as one sentence. */
  describe(n: VobizNumber | undefined, e164: string): string {
    if (!n) return l10n.t('{0} is no longer listed in the account.', e164);
    if (n.trunk_group_id) return l10n.t('{0} routes to trunk "{1}".', e164, this.#name(n.trunk_group_id));
    if (n.application_id) return l10n.t('{0} routes to application {1}.', e164, n.application_id);
    return l10n.t('{0} is unassigned: inbound calls to it are not routed.', e164);
  }

  /** Runs a job inside the number's queue (one per number, across every account). */
  serialize<T>(e164: string, job: () => Promise<T>): Promise<T> {
    return this.#desk.serialize(e164, job);
  }

  /** Re-reads one number from the server and puts it in every model holding it. */
  async refreshNumber(e164: string, signal?: AbortSignal): Promise<VobizNumber | undefined> {
    // Inside the number's queue: a read answered before a change and delivered after it must not win.
    return this.serialize(e164, () => this.#lease((client) => this.#read(client, e164, signal)));
  }

  async #read(client: VobizClient, e164: string, signal?: AbortSignal): Promise<VobizNumber | undefined> {
    const fresh = await client.getNumber(e164, { signal });
    this.#desk.publish(e164, fresh, this.#model);
    return fresh;
  }

  /** Re-reads after a write; if that read fails, applies what the write did locally so the tree is not stale. */
  async #afterWrite(client: VobizClient, e164: string, to: Routing): Promise<VobizNumber | undefined> {
    try {
      return await this.#read(client, e164);
    } catch (err) {
      this.onNote(l10n.t('Could not re-read {0} after the change ({1}); showing the change as made.', e164, reasonOf(err)));
      const old = this.#model.number(e164);
      const guess = old ? withRouting(old, to) : undefined;
      this.#desk.publish(e164, guess, this.#model);
      return guess;
    }
  }

  /**
   * A write failed. Decides from the server's truth whether it happened after all (`wanted`), and
   * otherwise throws a RoutingError that says where the number is now.
   */
  async #settleFailure(client: VobizClient, { err, e164, wanted, what }: WriteFailure): Promise<VobizNumber | undefined> {
    const conflict = isAlreadyAssigned(err) || isNotAssigned(err);
    const unknown = err instanceof VobizApiError && err.outcomeUnknown;
    if (!conflict && !unknown) {
      throw new RoutingError(l10n.t('Could not {0}: {1}.', what, reasonOf(err)), this.#model.number(e164), err);
    }
    let now: VobizNumber | undefined;
    try {
      now = await this.#read(client, e164);
    } catch (readErr) {
      throw new RoutingError(
        l10n.t(
          'Could not {0}: {1}. Re-reading the number also failed ({2}), so its state is unknown: refresh before trying again.',
          what,
          reasonOf(err),
          reasonOf(readErr),
        ),
        undefined,
        err,
      );
    }
    if (unknown && wanted(now)) {
      this.onNote(l10n.t('The outcome of "{0}" was unknown ({1}); re-reading shows it happened.', what, reasonOf(err)));
      return now;
    }
    if (conflict) {
      throw new RoutingError(
        l10n.t(
          'Could not {0}: it was changed elsewhere. {1} The tree now shows its current routing.',
          what,
          this.describe(now, e164),
        ),
        now,
        err,
      );
    }
    throw new RoutingError(
      l10n.t('Could not {0}: the change was not applied ({1}). {2}', what, reasonOf(err), this.describe(now, e164)),
      now,
      err,
    );
  }

  /** One write, settled by a read when its outcome is unknown or it conflicts. */
  async #write(
    client: VobizClient,
    e164: string,
    what: string,
    wanted: (n: VobizNumber | undefined) => boolean,
    send: (c: VobizClient) => Promise<void>,
  ): Promise<VobizNumber | undefined | 'sent'> {
    try {
      await send(client);
      return 'sent';
    } catch (err) {
      return this.#settleFailure(client, { err, e164, wanted, what });
    }
  }

  async #assignStep(client: VobizClient, e164: string, trunkId: string, reread = true): Promise<VobizNumber | undefined> {
    const what = l10n.t('assign {0} to trunk "{1}"', e164, this.#name(trunkId));
    const done = await this.#write(
      client,
      e164,
      what,
      (n) => n?.trunk_group_id === trunkId,
      (c) => c.assignNumber(e164, trunkId),
    );
    if (done !== 'sent') return done;
    return reread ? this.#afterWrite(client, e164, toTrunk(trunkId)) : this.#localWrite(e164, toTrunk(trunkId));
  }

  async #unassignStep(client: VobizClient, e164: string, reread = true): Promise<VobizNumber | undefined> {
    const done = await this.#write(
      client,
      e164,
      l10n.t('unassign {0}', e164),
      (n) => !!n && !n.trunk_group_id,
      (c) => c.unassignNumber(e164),
    );
    if (done !== 'sent') return done;
    return reread ? this.#afterWrite(client, e164, NOWHERE) : this.#localWrite(e164, NOWHERE);
  }

  async #attachStep(client: VobizClient, e164: string, appId: string): Promise<VobizNumber | undefined> {
    const to: Routing = { kind: 'app', id: appId };
    const done = await this.#write(
      client,
      e164,
      l10n.t('route {0} to application {1}', e164, appId),
      (n) => sameRouting(routingOf(n), to),
      (c) => c.attachApplication(e164, appId),
    );
    return done === 'sent' ? this.#afterWrite(client, e164, to) : done;
  }

  async #detachStep(client: VobizClient, e164: string): Promise<VobizNumber | undefined> {
    const done = await this.#write(
      client,
      e164,
      l10n.t('detach the application of {0}', e164),
      (n) => !!n && !n.application_id,
      (c) => c.detachApplication(e164),
    );
    return done === 'sent' ? this.#afterWrite(client, e164, NOWHERE) : done;
  }

  /** The model after a write whose re-read is left to a later step (a move re-reads once, at its end). */
  #localWrite(e164: string, to: Routing): VobizNumber | undefined {
    const old = this.#model.number(e164);
    const local = old ? withRouting(old, to) : undefined;
    if (local) this.#model.updateNumber(e164, local);
    return local;
  }

  /**
   * Changes a number's routing, inside its queue: reads it first (the API has no conditional write,
   * and neither DELETE …/assign nor an assign over an app is guarded by the server), stops when it is
   * not where the user saw it (`expected`), asks `confirm` with what was read, then writes and
   * re-reads. Undefined when the confirmation was declined.
   */
  change(request: ChangeRequest): Promise<RoutingResult | undefined> {
    return this.serialize(request.e164, () => this.#change(request));
  }

  #change(request: ChangeRequest): Promise<RoutingResult | undefined> {
    // One client for the whole change (read, writes, re-read), kept open until it ends even when the
    // settings change meanwhile. When none can be had (no consent, bad settings) nothing was sent.
    return this.#lease((client) => this.#changeWith(client, request));
  }

  async #changeWith(client: VobizClient, { e164, to, expected, confirm }: ChangeRequest): Promise<RoutingResult | undefined> {
    const now = await this.#read(client, e164);
    const before = routingOf(now);
    if (!now || !before) {
      if (expected) {
        throw new RoutingConflict(
          l10n.t(
            'Nothing was changed: {0} is no longer listed in the account (it was released or handed to another account).',
            e164,
          ),
          undefined,
          expected,
        );
      }
      throw new RoutingError(
        l10n.t('Nothing was changed: {0} is no longer listed in the account.', e164),
        undefined,
        undefined,
        false,
      );
    }
    if (expected && !sameRouting(before, expected)) {
      throw new RoutingConflict(this.#notAsShown(e164, before, expected), now, expected);
    }
    if (sameRouting(before, to)) {
      throw new RoutingError(l10n.t('{0} already routes to {1}.', e164, this.routingWords(to)), now, undefined, false);
    }
    if (confirm && !(await confirm(now))) return undefined;
    const number = await this.#apply(client, e164, before, to);
    const after = routingOf(number) ?? NOWHERE;
    return { number, before, after, message: this.#message(e164, before, after) };
  }

  /** The writes that take a number from one routing to another (the re-read included). */
  async #apply(client: VobizClient, e164: string, from: Routing, to: Routing): Promise<VobizNumber | undefined> {
    if (to.kind === 'trunk') {
      if (from.kind !== 'trunk') return this.#assignStep(client, e164, to.id);
      await this.#unassignStep(client, e164, false);
      return this.#secondStep(client, e164, from, () => this.#assignStep(client, e164, to.id));
    }
    if (to.kind === 'none') return from.kind === 'app' ? this.#detachStep(client, e164) : this.#unassignStep(client, e164);
    if (from.kind !== 'trunk') return this.#attachStep(client, e164, to.id);
    await this.#unassignStep(client, e164, false);
    return this.#secondStep(client, e164, from, () => this.#attachStep(client, e164, to.id));
  }

  /**
   * The second step of a move (the number is unassigned from `from`): when it fails, the number is
   * put back on its trunk; when that fails too, the error says exactly where it stands.
   */
  async #secondStep(
    client: VobizClient,
    e164: string,
    from: Routing & { kind: 'trunk' },
    step: () => Promise<VobizNumber | undefined>,
  ): Promise<VobizNumber | undefined> {
    try {
      return await step();
    } catch (stepErr) {
      const reason = reasonOf(stepErr);
      this.onNote(
        l10n.t('Moving {0} failed at its second step ({1}); putting it back on "{2}".', e164, reason, this.#name(from.id)),
      );
      let back: VobizNumber | undefined;
      try {
        back = await this.#assignStep(client, e164, from.id);
      } catch (rollbackErr) {
        const message = l10n.t(
          '{0}. Putting it back on trunk "{1}" failed too ({2}). {3}',
          reason,
          this.#name(from.id),
          reasonOf(rollbackErr),
          await this.#whereNow(client, e164),
        );
        throw new RoutingError(message, this.#model.number(e164), rollbackErr);
      }
      throw new RoutingError(
        l10n.t('{0}. {1} was put back on trunk "{2}", where it was before.', reason, e164, this.#name(from.id)),
        back,
        stepErr,
      );
    }
  }

  async #whereNow(client: VobizClient, e164: string): Promise<string> {
    try {
      return this.describe(await this.#read(client, e164), e164);
    } catch {
      return l10n.t('Where {0} routes now is unknown (it was last unassigned): refresh and check it at once.', e164);
    }
  }

  /** What a change did, in words, from what was read before and after. */
  #message(e164: string, before: Routing, after: Routing): string {
    if (after.kind === 'none') {
      return before.kind === 'app'
        ? l10n.t('{0} was detached from {1}.', e164, this.routingWords(before))
        : l10n.t('{0} was unassigned from {1}.', e164, this.routingWords(before));
    }
    if (before.kind === 'trunk') {
      // A move: from one trunk to another, or to an application.
      return after.kind === 'trunk'
        ? l10n.t('{0} moved from trunk "{1}" to "{2}".', e164, this.#name(before.id), this.#name(after.id))
        : l10n.t('{0} moved from trunk "{1}" to application {2}.', e164, this.#name(before.id), after.id);
    }
    return before.kind === 'app'
      ? l10n.t('{0} now routes to {1} instead of {2}.', e164, this.routingWords(after), this.routingWords(before))
      : l10n.t('{0} now routes to {1}.', e164, this.routingWords(after));
  }

  /** Routes a number to a trunk (`expected`: where the user saw it). */
  assign(e164: string, trunkId: string, expected?: Routing): Promise<RoutingResult> {
    return this.change({ e164, to: toTrunk(trunkId), expected }).then(required);
  }

  /** Removes a number's trunk routing (read first, inside its queue): inbound calls stop at once. */
  unassign(e164: string, expected?: Routing): Promise<RoutingResult> {
    return this.change({ e164, to: NOWHERE, expected }).then(required);
  }

  /** Moves a number to another trunk: read, unassign, assign (Vobiz has no atomic move); put back on failure. */
  move(e164: string, toTrunkId: string, expected?: Routing): Promise<RoutingResult> {
    return this.change({ e164, to: toTrunk(toTrunkId), expected }).then(required);
  }
}

function required(result: RoutingResult | undefined): RoutingResult {
  if (!result) throw new Error('The change was not confirmed.');
  return result;
}

/** The number with another routing (what a write did, when its re-read could not be had). */
export function withRouting(n: VobizNumber, to: Routing): VobizNumber {
  const { trunk_group_id: _t, application_id: _a, ...rest } = n;
  if (to.kind === 'trunk') return { ...rest, trunk_group_id: to.id };
  if (to.kind === 'app') return { ...rest, application_id: to.id };
  return rest;
}
