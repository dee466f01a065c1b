/**
 * Routing changes with their safety rules: a change is followed by one re-read of that number (no
 * full reload); a failed or unknown-outcome write is checked against the server's truth; a move
 * whose second step fails puts the number back; changes to one number run one at a time.
 * Depends on the API module and the model, not on vscode.
 */
import { VobizApiError } from '../api';
import type { VobizClient, VobizNumber } from '../api';
import { trunkName } from './accountModel';
import type { AccountModel } from './accountModel';

/** A routing change that did not (fully) happen; `message` says where the number stands now. */
export class RoutingError extends Error {
  constructor(
    message: string,
    /** The number as last read from the server after the failure, when it could be read. */
    readonly numberNow?: VobizNumber,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RoutingError';
  }
}

export interface RoutingResult {
  /** The number as the server reports it after the change. */
  number: VobizNumber | undefined;
  /** A short success message for a person. */
  message: string;
}

type Wanted = (n: VobizNumber | undefined) => boolean;

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isAlreadyAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 400 && /already assigned/i.test(err.message);
}

function isNotAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 404 && /not assigned/i.test(err.message);
}

export class RoutingService {
  readonly #client: () => VobizClient | Promise<VobizClient>;
  readonly #model: AccountModel;
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Called with a line for the log whenever a check or rollback happens. */
  onNote: (line: string) => void = () => undefined;

  constructor(client: () => VobizClient | Promise<VobizClient>, model: AccountModel) {
    this.#client = client;
    this.#model = model;
  }

  /** The trunk's name as a person knows it, quoted. */
  #name(trunkId: string | undefined): string {
    if (!trunkId) return 'no trunk';
    const t = this.#model.trunk(trunkId);
    return `"${t ? trunkName(t) : trunkId}"`;
  }

  /** Where a number stands, in words. */
  describe(n: VobizNumber | undefined, e164: string): string {
    if (!n) return `${e164} is no longer listed in the account.`;
    if (n.trunk_group_id) return `${e164} routes to trunk ${this.#name(n.trunk_group_id)}.`;
    if (n.application_id) return `${e164} routes to application ${n.application_id}.`;
    return `${e164} is unassigned: inbound calls to it are not routed.`;
  }

  /** Runs changes to the same number one after another (double clicks, drag + command). */
  #serialize<T>(e164: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(e164) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.#queues.set(e164, tail);
    void tail.then(() => {
      if (this.#queues.get(e164) === tail) this.#queues.delete(e164);
    });
    return next;
  }

  /** Re-reads one number from the server and puts it in the model. */
  async refreshNumber(e164: string, signal?: AbortSignal): Promise<VobizNumber | undefined> {
    const client = await this.#client();
    const fresh = await client.getNumber(e164, { signal });
    this.#model.updateNumber(e164, fresh);
    return fresh;
  }

  /** Re-reads after a write; if that read fails, applies what the write did locally so the tree is not stale. */
  async #afterWrite(e164: string, local: (n: VobizNumber) => VobizNumber): Promise<VobizNumber | undefined> {
    try {
      return await this.refreshNumber(e164);
    } catch (err) {
      this.onNote(`Could not re-read ${e164} after the change (${reasonOf(err)}); showing the change as made.`);
      const old = this.#model.number(e164);
      const guess = old ? local({ ...old }) : undefined;
      this.#model.updateNumber(e164, guess);
      return guess;
    }
  }

  /**
   * A write failed. Decides from the server's truth whether it happened after all (`wanted`), and
   * otherwise throws a RoutingError that says where the number is now.
   */
  async #settleFailure(err: unknown, e164: string, wanted: Wanted, what: string): Promise<VobizNumber | undefined> {
    const conflict = isAlreadyAssigned(err) || isNotAssigned(err);
    const unknown = err instanceof VobizApiError && err.outcomeUnknown;
    if (!conflict && !unknown) throw new RoutingError(`Could not ${what}: ${reasonOf(err)}`, this.#model.number(e164), err);
    let now: VobizNumber | undefined;
    try {
      now = await this.refreshNumber(e164);
    } catch (readErr) {
      throw new RoutingError(
        `Could not ${what}: ${reasonOf(err)} Re-reading the number also failed (${reasonOf(readErr)}), so its state is unknown: refresh before trying again.`,
        undefined,
        err,
      );
    }
    if (unknown && wanted(now)) {
      this.onNote(`The outcome of "${what}" was unknown (${reasonOf(err)}); re-reading shows it happened.`);
      return now;
    }
    if (conflict) {
      throw new RoutingError(`Could not ${what}: it was changed elsewhere. ${this.describe(now, e164)} The tree now shows its current routing.`, now, err);
    }
    throw new RoutingError(`Could not ${what}: the change was not applied (${reasonOf(err)}). ${this.describe(now, e164)}`, now, err);
  }

  async #assignStep(e164: string, trunkId: string): Promise<VobizNumber | undefined> {
    const what = `assign ${e164} to trunk ${this.#name(trunkId)}`;
    // Outside the try: when no client can be had (no consent, bad settings) nothing was sent.
    const client = await this.#client();
    try {
      await client.assignNumber(e164, trunkId);
    } catch (err) {
      return this.#settleFailure(err, e164, (n) => n?.trunk_group_id === trunkId, what);
    }
    return this.#afterWrite(e164, (n) => {
      const { application_id: _app, ...rest } = n;
      return { ...rest, trunk_group_id: trunkId };
    });
  }

  /** Unassigns; re-reads afterwards unless `reread` is false (a move re-reads once, at its end). */
  async #unassignStep(e164: string, reread = true): Promise<VobizNumber | undefined> {
    const what = `unassign ${e164}`;
    const client = await this.#client();
    try {
      await client.unassignNumber(e164);
    } catch (err) {
      return this.#settleFailure(err, e164, (n) => !!n && !n.trunk_group_id, what);
    }
    const unassigned = (n: VobizNumber): VobizNumber => {
      const { trunk_group_id: _t, ...rest } = n;
      return rest;
    };
    if (reread) return this.#afterWrite(e164, unassigned);
    const old = this.#model.number(e164);
    const local = old ? unassigned({ ...old }) : undefined;
    this.#model.updateNumber(e164, local);
    return local;
  }

  /** Routes an unassigned (or app-routed) number to a trunk. */
  assign(e164: string, trunkId: string): Promise<RoutingResult> {
    return this.#serialize(e164, async () => {
      const number = await this.#assignStep(e164, trunkId);
      return { number, message: `${e164} now routes to trunk ${this.#name(trunkId)}.` };
    });
  }

  /** Removes a number's trunk routing: inbound calls stop at once. */
  unassign(e164: string): Promise<RoutingResult> {
    return this.#serialize(e164, async () => {
      const from = this.#model.number(e164)?.trunk_group_id;
      const number = await this.#unassignStep(e164);
      return { number, message: `${e164} was unassigned from trunk ${this.#name(from)}.` };
    });
  }

  /**
   * Moves a number to another trunk: unassign, then assign (Vobiz has no atomic move). When the
   * assign fails the number is put back on its original trunk; when that fails too, the error says
   * exactly where the number stands.
   */
  move(e164: string, toTrunkId: string): Promise<RoutingResult> {
    return this.#serialize(e164, async () => {
      const from = this.#model.number(e164)?.trunk_group_id;
      if (from === toTrunkId) throw new RoutingError(`${e164} already routes to trunk ${this.#name(toTrunkId)}.`, this.#model.number(e164));
      if (!from) {
        const number = await this.#assignStep(e164, toTrunkId);
        return { number, message: `${e164} now routes to trunk ${this.#name(toTrunkId)}.` };
      }
      await this.#unassignStep(e164, false);
      try {
        const number = await this.#assignStep(e164, toTrunkId);
        return { number, message: `${e164} moved from trunk ${this.#name(from)} to ${this.#name(toTrunkId)}.` };
      } catch (assignErr) {
        const reason = assignErr instanceof RoutingError ? assignErr.message : reasonOf(assignErr);
        this.onNote(`Moving ${e164} failed at the assign step (${reason}); putting it back on ${this.#name(from)}.`);
        let back: VobizNumber | undefined;
        try {
          back = await this.#assignStep(e164, from);
        } catch (rollbackErr) {
          let now: VobizNumber | undefined;
          let where: string;
          try {
            now = await this.refreshNumber(e164);
            where = this.describe(now, e164);
          } catch {
            where = `Where ${e164} routes now is unknown (it was last unassigned): refresh and check it at once.`;
          }
          throw new RoutingError(`${reason} Putting it back on trunk ${this.#name(from)} failed too (${reasonOf(rollbackErr)}). ${where}`, now, rollbackErr);
        }
        throw new RoutingError(`${reason} ${e164} was put back on trunk ${this.#name(from)}, where it was before.`, back, assignErr);
      }
    });
  }
}
