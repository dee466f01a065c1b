/**
 * One queue per number across every signed-in account (a main account's list holds its
 * sub-accounts' numbers, so the same number can be changed from two nodes), and what the server
 * says of a number put in every model that holds it.
 */
import type { VobizNumber } from '../api';
import type { AccountModel } from '../model/accountModel';

/** A model and the account it is of. */
export interface HeldModel {
  readonly authId: string;
  readonly model: AccountModel;
}

export class NumberQueue {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #models: () => readonly HeldModel[];

  /** `models`: every signed-in account's model, as it is at each call. */
  constructor(models: () => readonly HeldModel[]) {
    this.#models = models;
  }

  /** Runs `job` once every job queued before it for the number has ended (failed or not). */
  run<T>(e164: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(e164) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.#tails.set(e164, tail);
    void tail.then(() => {
      if (this.#tails.get(e164) === tail) this.#tails.delete(e164);
    });
    return next;
  }

  /**
   * What the server said of a number, read by `source` (undefined: `source` no longer lists it),
   * put in `source`'s model and in every other model that holds the number (main ↔ sub-account),
   * also in one still loading (its older page must not win). A number a main account no longer
   * lists has left it and its sub-accounts: it leaves their models too. One a sub-account no
   * longer lists may be its main account's again: only the sub-account's model drops it.
   */
  publish(e164: string, fresh: VobizNumber | undefined, source: HeldModel): void {
    source.model.updateNumber(e164, fresh);
    if (!fresh && !source.authId.startsWith('MA_')) return;
    for (const other of this.#models()) if (other.model !== source.model) other.model.applyRead(e164, fresh);
  }
}
