import type { VobizAccount, VobizNumber, VobizTrunk } from '../api';
import { Emitter } from './emitter';
import type { Event } from './emitter';
import { numberProblem, trunkName } from './routingRules';
import { insertNumber, removeNumber, sortedByE164 } from './sortedNumbers';

/** Two states of a number route it alike: the same trunk, or no trunk and the same application (or none). */
function routesAlike(a: VobizNumber, b: VobizNumber): boolean {
  if (a.trunk_group_id || b.trunk_group_id) return a.trunk_group_id === b.trunk_group_id;
  return (a.application_id ?? '') === (b.application_id ?? '');
}

export { trunkName };

/** `partial`: the first pages are in, more are loading (shown as they are, never taken as complete). */
export type LoadStatus = 'idle' | 'loading' | 'partial' | 'ready' | 'error';

/** What changed, so views can refresh only that. `all` after a (re)load. */
export type ModelChange = { kind: 'all' } | { kind: 'number'; e164: string; trunkIds: string[] };

/**
 * What derives from the numbers: all of them ordered by E.164, and each trunk's (those whose
 * `trunk_group_id` is its id), also ordered. Built once per (re)load, in O(n log n); then a change
 * to one number moves only that number, in O(log n) comparisons and one splice per list it is in.
 */
class NumberIndex {
  readonly sorted: VobizNumber[];
  readonly #byTrunk = new Map<string, VobizNumber[]>();

  constructor(numbers: Iterable<VobizNumber>) {
    this.sorted = sortedByE164(numbers);
    for (const n of this.sorted) {
      if (!n.trunk_group_id) continue;
      const list = this.#byTrunk.get(n.trunk_group_id);
      if (list) list.push(n);
      else this.#byTrunk.set(n.trunk_group_id, [n]);
    }
  }

  ofTrunk(trunkId: string): readonly VobizNumber[] {
    return this.#byTrunk.get(trunkId) ?? [];
  }

  /** Moves one number from what it was (`old`) to what it is (`fresh`); undefined: absent. */
  update(e164: string, old: VobizNumber | undefined, fresh: VobizNumber | undefined): void {
    if (fresh) insertNumber(this.sorted, fresh);
    else if (old) removeNumber(this.sorted, e164);
    const from = old?.trunk_group_id;
    const to = fresh?.trunk_group_id;
    if (from && from !== to) {
      const list = this.#byTrunk.get(from);
      if (list && removeNumber(list, e164) && !list.length) this.#byTrunk.delete(from);
    }
    if (to && fresh) {
      const list = this.#byTrunk.get(to);
      if (list) insertNumber(list, fresh);
      else this.#byTrunk.set(to, [fresh]);
    }
  }
}

/**
 * One account's numbers and trunks as last read from Vobiz, and what derives from them (a trunk's
 * numbers come from each number's `trunk_group_id`). Pure: no I/O, no vscode.
 *
 * Scales with what changed: a (re)load rebuilds the derived lists once, on their first read; a
 * change to one number (`updateNumber`) keeps them, and the numbers that will not receive calls, up
 * to date in place, so reading them after it costs nothing more.
 */
export class AccountModel {
  account: VobizAccount | undefined;
  status: LoadStatus = 'idle';
  /** The error of the last load, when status is `error`. */
  error: Error | undefined;
  /**
   * Why the last refresh of a loaded account failed (a network error, a 5xx), while its last
   * complete inventory stays in place and usable (status `ready`); cleared by the next load.
   */
  refreshError: Error | undefined;
  /** Items of the last complete load that could not be read (not in the lists; the log says what they were). */
  unreadable = 0;
  readonly #numbers = new Map<string, VobizNumber>();
  readonly #trunks = new Map<string, VobizTrunk>();
  #index: NumberIndex | undefined;
  #sortedTrunks: VobizTrunk[] | undefined;
  /** The E.164 of each number that will not receive calls as configured (see `numberProblem`). */
  #problems: Set<string> | undefined;
  /** Counts changes: one more with each change fired. */
  #version = 0;
  /** The version at which `updateNumber` last changed a number, by E.164 (what a load must not overwrite). */
  readonly #updatedAt = new Map<string, number>();
  /** Numbers this model did not list when another account's change read them (undefined: gone), by E.164 (see `applyRead`). */
  readonly #readElsewhere = new Map<string, { version: number; number: VobizNumber | undefined }>();
  readonly #onDidChange = new Emitter<ModelChange>();
  /** Every change, as it happens. */
  readonly onDidChange: Event<ModelChange> = this.#onDidChange.event;

  #fire(change: ModelChange): void {
    this.#version++;
    if (change.kind === 'number') this.#updatedAt.set(change.e164, this.#version);
    this.#onDidChange.fire(change);
  }

  /** The change counter: it grows by one with every change (a view's cache of derived lists is current while it stays the same). */
  get version(): number {
    return this.#version;
  }

  setLoading(): void {
    this.status = 'loading';
    this.error = undefined;
    this.#fire({ kind: 'all' });
  }

  setFailed(error: Error): void {
    this.status = 'error';
    this.error = error;
    this.refreshError = undefined;
    this.#fire({ kind: 'all' });
  }

  /** A refresh failed: the last complete inventory stays (every change reads the server first anyway), with the reason. */
  setRefreshFailed(error: Error): void {
    this.refreshError = error;
    this.#fire({ kind: 'all' });
  }

  /**
   * Where a load begins: the token to give its `setPartial` and `setInventory`, so that a number
   * changed (by `updateNumber`) while the load's pages were on their way keeps its newer state.
   */
  beginLoad(): number {
    return this.#version;
  }

  /**
   * Replaces the whole inventory (after a full load). With `since` (the load's `beginLoad()`), a
   * number updated after it keeps the model's version (or stays removed), whatever the pages say.
   * Returns the numbers whose page disagrees with that kept version: a page asked for after the
   * update may be the newer of the two, so the caller settles each by reading it again.
   */
  setInventory(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[], since?: number): string[] {
    const disputed = this.#replace(numbers, trunks, 'ready', since);
    // A change made before `since` matters to no later load (each begins after it): forget it.
    for (const [e164, version] of this.#updatedAt) if (version <= (since ?? this.#version)) this.#updatedAt.delete(e164);
    for (const [e164, h] of this.#readElsewhere) if (h.version <= (since ?? this.#version)) this.#readElsewhere.delete(e164);
    return disputed;
  }

  /**
   * What the server said of a number, read by another account's change (a main account's list holds
   * its sub-accounts' numbers): put in place when this model lists it (removed when the server no
   * longer lists it), else kept for a load in progress, whose older page must not win if it lists it.
   */
  applyRead(e164: string, fresh: VobizNumber | undefined): void {
    if (this.#numbers.has(e164)) this.updateNumber(e164, fresh);
    else this.#readElsewhere.set(e164, { version: ++this.#version, number: fresh });
  }

  /** What has loaded so far, while more pages are on their way (`since`: as for `setInventory`). */
  setPartial(numbers: readonly VobizNumber[], trunks: readonly VobizTrunk[], since?: number): void {
    this.#replace(numbers, trunks, 'partial', since);
  }

  /** Returns the numbers whose page disagrees with the newer state kept (see `setInventory`). */
  #replace(
    numbers: readonly VobizNumber[],
    trunks: readonly VobizTrunk[],
    status: 'ready' | 'partial',
    since: number | undefined,
  ): string[] {
    const newer = since === undefined ? [] : this.#updatedSince(since);
    const disputed = new Set<string>();
    this.#numbers.clear();
    this.#trunks.clear();
    for (const n of numbers) this.#numbers.set(n.e164, n);
    // Read by another account after the load began: newer than the page, if the page lists it.
    for (const [e164, h] of this.#readElsewhere) {
      if (since === undefined || h.version <= since || (this.#updatedAt.get(e164) ?? 0) >= h.version) continue;
      const listed = this.#numbers.get(e164);
      if (!listed) continue;
      if (!h.number || !routesAlike(listed, h.number)) disputed.add(e164);
      if (h.number) this.#numbers.set(e164, h.number);
      else this.#numbers.delete(e164);
    }
    for (const [e164, n] of newer) {
      const listed = this.#numbers.get(e164);
      if (!listed || !n ? listed !== n : !routesAlike(listed, n)) disputed.add(e164);
      if (n) this.#numbers.set(e164, n);
      else this.#numbers.delete(e164);
    }
    for (const t of trunks) this.#trunks.set(t.trunk_id, t);
    this.#dropDerived();
    this.status = status;
    this.error = undefined;
    this.refreshError = undefined;
    this.#fire({ kind: 'all' });
    return [...disputed];
  }

  /** The numbers `updateNumber` changed after `since`, as the model has them now (undefined: removed). */
  #updatedSince(since: number): [string, VobizNumber | undefined][] {
    const newer: [string, VobizNumber | undefined][] = [];
    for (const [e164, version] of this.#updatedAt) if (version > since) newer.push([e164, this.#numbers.get(e164)]);
    return newer;
  }

  #dropDerived(): void {
    this.#index = undefined;
    this.#sortedTrunks = undefined;
    this.#problems = undefined;
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.account = undefined;
    this.unreadable = 0;
    this.#numbers.clear();
    this.#trunks.clear();
    this.#updatedAt.clear();
    this.#readElsewhere.clear();
    this.#dropDerived();
    this.status = 'idle';
    this.error = undefined;
    this.refreshError = undefined;
    this.#fire({ kind: 'all' });
  }

  /**
   * Puts the server's current view of one number in place (after a change), or removes it when the
   * server no longer lists it. Fires a change naming the trunks it left and joined.
   */
  updateNumber(e164: string, fresh: VobizNumber | undefined): void {
    const old = this.#numbers.get(e164);
    if (fresh) this.#numbers.set(e164, fresh);
    else this.#numbers.delete(e164);
    this.#index?.update(e164, old, fresh);
    if (this.#problems) this.#checkProblem(this.#problems, e164, fresh);
    const trunkIds = [old?.trunk_group_id, fresh?.trunk_group_id].filter((t): t is string => !!t);
    this.#fire({ kind: 'number', e164, trunkIds: [...new Set(trunkIds)] });
  }

  #checkProblem(problems: Set<string>, e164: string, n: VobizNumber | undefined): void {
    if (n && numberProblem(n, this.trunk(n.trunk_group_id))) problems.add(e164);
    else problems.delete(e164);
  }

  number(e164: string): VobizNumber | undefined {
    return this.#numbers.get(e164);
  }

  trunk(trunkId: string | undefined): VobizTrunk | undefined {
    return trunkId ? this.#trunks.get(trunkId) : undefined;
  }

  #numberIndex(): NumberIndex {
    this.#index ??= new NumberIndex(this.#numbers.values());
    return this.#index;
  }

  /**
   * Every number, ordered by E.164. The model's own list, kept up to date in place: read it now,
   * copy it to keep it past a change.
   */
  numbers(): readonly VobizNumber[] {
    return this.#numberIndex().sorted;
  }

  /** Every trunk, ordered by name (then id). */
  trunks(): readonly VobizTrunk[] {
    this.#sortedTrunks ??= [...this.#trunks.values()].sort(
      (a, b) => trunkName(a).localeCompare(trunkName(b)) || a.trunk_id.localeCompare(b.trunk_id),
    );
    return this.#sortedTrunks;
  }

  get numberCount(): number {
    return this.#numbers.size;
  }

  get trunkCount(): number {
    return this.#trunks.size;
  }

  /**
   * The numbers routed to a trunk (those whose `trunk_group_id` is its id), ordered by E.164 (as `numbers()`,
   * kept up to date in place).
   */
  numbersOfTrunk(trunkId: string): readonly VobizNumber[] {
    return this.#numberIndex().ofTrunk(trunkId);
  }

  /** The E.164 of every number that will not receive calls as configured (blocked, pending release, on an inactive trunk…). */
  problemNumbers(): ReadonlySet<string> {
    if (!this.#problems) {
      const problems = new Set<string>();
      for (const [e164, n] of this.#numbers) this.#checkProblem(problems, e164, n);
      this.#problems = problems;
    }
    return this.#problems;
  }
}
