import type { VobizAccount, VobizNumber, VobizTrunk } from '../api';

/** `partial`: the first pages are in, more are loading (shown as they are, never taken as complete). */
export type LoadStatus = 'idle' | 'loading' | 'partial' | 'ready' | 'error';

/** What changed, so views can refresh only that. `all` after a (re)load. */
export type ModelChange = { kind: 'all' } | { kind: 'number'; e164: string; trunkIds: string[] };

type Listener = (change: ModelChange) => void;

/**
 * One account's numbers and trunks as last read from Vobiz, and what derives from them (a trunk's
 * numbers come from each number's `trunk_group_id`). Pure: no I/O, no vscode.
 */
export class AccountModel {
  account: VobizAccount | undefined;
  status: LoadStatus = 'idle';
  /** The error of the last load, when status is `error`. */
  error: Error | undefined;
  readonly #numbers = new Map<string, VobizNumber>();
  readonly #trunks = new Map<string, VobizTrunk>();
  #byTrunk: Map<string, VobizNumber[]> | undefined;
  #sortedNumbers: VobizNumber[] | undefined;
  readonly #listeners = new Set<Listener>();
  /** Counts number updates; a load remembers the count at its start (see `beginLoad`). */
  #seq = 0;
  /** When each number was last updated by `updateNumber` (a change's read), by that count. */
  readonly #changedAt = new Map<string, number>();

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #fire(change: ModelChange): void {
    this.#byTrunk = undefined;
    this.#sortedNumbers = undefined;
    for (const l of [...this.#listeners]) l(change);
  }

  setLoading(): void {
    this.status = 'loading';
    this.error = undefined;
    this.#fire({ kind: 'all' });
  }

  setFailed(error: Error): void {
    this.status = 'error';
    this.error = error;
    this.#fire({ kind: 'all' });
  }

  /** A load starts: the token to give its `setPartial` / `setInventory` (numbers changed after it keep their state). */
  beginLoad(): number {
    return this.#seq;
  }

  /**
   * Replaces the whole inventory (after a full load). With `since` (from `beginLoad`), a number
   * updated after the load began keeps the model's newer state, whatever the load's pages say.
   */
  setInventory(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[], since?: number): void {
    this.#replace(numbers, trunks, 'ready', since);
    if (since !== undefined) for (const [e164, at] of this.#changedAt) if (at <= since) this.#changedAt.delete(e164);
  }

  /** What has loaded so far, while more pages are on their way. */
  setPartial(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[], since?: number): void {
    this.#replace(numbers, trunks, 'partial', since);
  }

  #replace(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[], status: 'ready' | 'partial', since?: number): void {
    const newer = since === undefined ? [] : [...this.#changedAt].filter(([, at]) => at > since).map(([e164]) => [e164, this.#numbers.get(e164)] as const);
    this.#numbers.clear();
    this.#trunks.clear();
    for (const n of numbers) this.#numbers.set(n.e164, n);
    for (const [e164, n] of newer) {
      if (n) this.#numbers.set(e164, n);
      else this.#numbers.delete(e164);
    }
    for (const t of trunks) this.#trunks.set(t.trunk_id, t);
    this.status = status;
    this.error = undefined;
    this.#fire({ kind: 'all' });
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.account = undefined;
    this.#numbers.clear();
    this.#trunks.clear();
    this.status = 'idle';
    this.error = undefined;
    this.#fire({ kind: 'all' });
  }

  /**
   * Puts the server's current view of one number in place (after a change), or removes it when the
   * server no longer lists it. Fires a change naming the trunks it left and joined.
   */
  updateNumber(e164: string, fresh: VobizNumber | undefined): void {
    const old = this.#numbers.get(e164);
    this.#changedAt.set(e164, ++this.#seq);
    if (fresh) this.#numbers.set(e164, fresh);
    else this.#numbers.delete(e164);
    const trunkIds = [old?.trunk_group_id, fresh?.trunk_group_id].filter((t): t is string => !!t);
    this.#fire({ kind: 'number', e164, trunkIds: [...new Set(trunkIds)] });
  }

  number(e164: string): VobizNumber | undefined {
    return this.#numbers.get(e164);
  }

  trunk(trunkId: string | undefined): VobizTrunk | undefined {
    return trunkId ? this.#trunks.get(trunkId) : undefined;
  }

  /** Every number, ordered by E.164. */
  numbers(): readonly VobizNumber[] {
    this.#sortedNumbers ??= [...this.#numbers.values()].sort((a, b) => compareE164(a.e164, b.e164));
    return this.#sortedNumbers;
  }

  /** Every trunk, ordered by name (then id). */
  trunks(): readonly VobizTrunk[] {
    return [...this.#trunks.values()].sort((a, b) => trunkName(a).localeCompare(trunkName(b)) || a.trunk_id.localeCompare(b.trunk_id));
  }

  get numberCount(): number {
    return this.#numbers.size;
  }

  get trunkCount(): number {
    return this.#trunks.size;
  }

  /** The numbers routed to a trunk (those whose `trunk_group_id` is its id), ordered by E.164. */
  numbersOfTrunk(trunkId: string): readonly VobizNumber[] {
    if (!this.#byTrunk) {
      const map = new Map<string, VobizNumber[]>();
      for (const n of this.numbers()) {
        if (!n.trunk_group_id) continue;
        const list = map.get(n.trunk_group_id);
        if (list) list.push(n);
        else map.set(n.trunk_group_id, [n]);
      }
      this.#byTrunk = map;
    }
    return this.#byTrunk.get(trunkId) ?? [];
  }
}

export function trunkName(t: VobizTrunk): string {
  return t.name?.trim() || t.trunk_id;
}

function compareE164(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
