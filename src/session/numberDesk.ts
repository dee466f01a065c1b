import type { VobizNumber } from '../api';
import type { AccountModel } from '../model/accountModel';
import { KeyedQueue } from '../model/routing';
import type { NumberDesk } from '../model/routing';

/**
 * The one desk of every signed-in account: one queue per number (a main account's list holds its
 * sub-accounts' numbers, so the same number can be changed from two nodes), and what the server said
 * of a number put in every model that holds it.
 */
export class AccountsDesk implements NumberDesk {
  readonly #queue = new KeyedQueue();
  readonly #models: () => readonly AccountModel[];

  constructor(models: () => readonly AccountModel[]) {
    this.#models = models;
  }

  serialize<T>(e164: string, job: () => Promise<T>): Promise<T> {
    return this.#queue.run(e164, job);
  }

  publish(e164: string, fresh: VobizNumber | undefined, source: AccountModel): void {
    source.updateNumber(e164, fresh);
    // Another account's list holds it too (main ↔ sub-account): the same number, now as the server
    // says, also for a list still loading (its older page must not win).
    if (!fresh) return;
    for (const model of this.#models()) if (model !== source) model.heard(e164, fresh);
  }
}
