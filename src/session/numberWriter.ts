/**
 * The writes of a routing change, each settled by a read when that is needed: Vobiz has no
 * conditional write, so a write that Vobiz answered "already assigned" / "not assigned" (someone
 * changed the number meanwhile), or whose outcome is unknown (a timeout, a dropped connection, a 5xx
 * after it was sent), is followed by a read of the number, and the read decides. A write is never sent
 * again blindly (the API client retries it only after a 429, which says it was not handled). Runs
 * inside the number's queue, on one client. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import { VobizApiError } from '../api';
import type { VobizClient, VobizNumber } from '../api';
import { routingOf, sameRouting, withRouting } from '../model/routing';
import type { Routing } from '../model/routing';
import type { HeldModel, NumberQueue } from './numberQueue';
import { reasonOf } from './routingWords';

/** What one write did. */
export type WriteOutcome =
  /** Applied: the number as re-read (undefined: no longer listed), or as the write left it when the re-read failed (`guessed`). */
  | { readonly applied: true; readonly number: VobizNumber | undefined; readonly guessed: boolean }
  /**
   * Not applied: Vobiz refused it, or the read after an unknown outcome showed it did not happen.
   * `read` is the number as read after it, when it was (`conflict`: Vobiz said someone changed it).
   */
  | {
      readonly applied: false;
      readonly error: unknown;
      readonly read?: { readonly number: VobizNumber | undefined };
      readonly conflict: boolean;
    }
  /** Unknown: the outcome was unknown and the read that would have settled it failed too. */
  | { readonly applied: 'unknown'; readonly error: unknown; readonly readError: unknown };

function isAlreadyAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 400 && /already assigned/i.test(err.message);
}

function isNotAssigned(err: unknown): boolean {
  return err instanceof VobizApiError && err.status === 404 && /not assigned/i.test(err.message);
}

export class NumberWriter {
  readonly #client: VobizClient;
  readonly #holder: HeldModel;
  readonly #queue: NumberQueue;
  readonly #note: (line: string) => void;

  /** Writes on `client` for `holder`'s account; what the server says goes to every model through `queue`; `note` gets log lines. */
  constructor(client: VobizClient, holder: HeldModel, queue: NumberQueue, note: (line: string) => void) {
    this.#client = client;
    this.#holder = holder;
    this.#queue = queue;
    this.#note = note;
  }

  /** Reads one number from the server and puts it in every model holding it (call inside its queue). */
  async read(e164: string, signal?: AbortSignal): Promise<VobizNumber | undefined> {
    const fresh = await this.#client.getNumber(e164, { signal });
    this.#queue.publish(e164, fresh, this.#holder);
    return fresh;
  }

  /** Routes the number to a trunk. `reread` false: the first step of a move (its end re-reads once). */
  assign(e164: string, trunkId: string, reread = true): Promise<WriteOutcome> {
    const to: Routing = { kind: 'trunk', id: trunkId };
    return this.#write(e164, to, reread, () => this.#client.assignNumber(e164, trunkId));
  }

  /** Removes the number's trunk routing. */
  unassign(e164: string, reread = true): Promise<WriteOutcome> {
    return this.#write(
      e164,
      { kind: 'none' },
      reread,
      () => this.#client.unassignNumber(e164),
      (n) => !!n && !n.trunk_group_id,
    );
  }

  /** Routes the number to an XML application. */
  attach(e164: string, appId: string): Promise<WriteOutcome> {
    return this.#write(e164, { kind: 'app', id: appId }, true, () => this.#client.attachApplication(e164, appId));
  }

  /** Detaches the number's XML application. */
  detach(e164: string): Promise<WriteOutcome> {
    return this.#write(
      e164,
      { kind: 'none' },
      true,
      () => this.#client.detachApplication(e164),
      (n) => !!n && !n.application_id,
    );
  }

  async #write(
    e164: string,
    to: Routing,
    reread: boolean,
    send: () => Promise<void>,
    wanted: (n: VobizNumber | undefined) => boolean = (n) => sameRouting(routingOf(n), to),
  ): Promise<WriteOutcome> {
    try {
      await send();
    } catch (err) {
      return this.#settle(e164, err, wanted);
    }
    return reread ? this.#afterWrite(e164, to) : { applied: true, number: this.#guess(e164, to), guessed: true };
  }

  /** The number after a write that was applied: re-read; when that fails, as the write left it (said in the log). */
  async #afterWrite(e164: string, to: Routing): Promise<WriteOutcome> {
    try {
      return { applied: true, number: await this.read(e164), guessed: false };
    } catch (err) {
      this.#note(l10n.t('Could not re-read {0} after the change ({1}); showing the change as made.', e164, reasonOf(err)));
      return { applied: true, number: this.#guess(e164, to), guessed: true };
    }
  }

  /** Shows in every model what a write did, when it cannot be read (yet). */
  #guess(e164: string, to: Routing): VobizNumber | undefined {
    const old = this.#holder.model.number(e164);
    const guess = old ? withRouting(old, to) : undefined;
    if (guess) this.#queue.publish(e164, guess, this.#holder);
    return guess;
  }

  /**
   * A write failed. Refused outright (any other 4xx, a 429 after the retries, invalid input): not
   * applied. Refused as a conflict, or of unknown outcome: the read after it decides; when that read
   * fails too, a conflict is still not applied, and an unknown outcome stays unknown.
   */
  async #settle(e164: string, err: unknown, wanted: (n: VobizNumber | undefined) => boolean): Promise<WriteOutcome> {
    const conflict = isAlreadyAssigned(err) || isNotAssigned(err);
    const unknown = err instanceof VobizApiError && err.outcomeUnknown;
    if (!conflict && !unknown) return { applied: false, error: err, conflict: false };
    let now: VobizNumber | undefined;
    try {
      now = await this.read(e164);
    } catch (readError) {
      return unknown ? { applied: 'unknown', error: err, readError } : { applied: false, error: err, conflict: true };
    }
    if (unknown && wanted(now)) {
      this.#note(l10n.t('The outcome of a write to {0} was unknown ({1}); re-reading shows it happened.', e164, reasonOf(err)));
      return { applied: true, number: now, guessed: false };
    }
    return { applied: false, error: err, read: { number: now }, conflict };
  }
}
