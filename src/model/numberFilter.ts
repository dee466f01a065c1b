/**
 * The Numbers filter: by digits (a substring of the E.164), by trunk, or unassigned only. Runs over
 * the loaded model, never with a request. Pure.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber } from '../api';
import type { AccountModel, ModelChange } from './accountModel';
import { insertNumber, removeNumber } from './sortedNumbers';

export type NumberFilter =
  | { kind: 'digits'; digits: string }
  | { kind: 'trunk'; authId: string; trunkId: string; trunkName: string }
  | { kind: 'unassigned' };

/** The digits of what a person typed ("+91 80-41" → "918041"), or a reason it cannot filter. */
export function filterDigits(text: string): { digits: string } | { problem: string } {
  const trimmed = text.trim();
  if (!trimmed) return { problem: l10n.t('Type some digits of the number, e.g. 9180 or 4155.') };
  if (/[^\d\s+()\-.]/.test(trimmed)) {
    return { problem: l10n.t('Only digits (and + - ( ) spaces) can be part of a phone number.') };
  }
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return { problem: l10n.t('Type at least one digit.') };
  return { digits };
}

/** True when the number (of account `authId`) passes the filter; everything passes no filter. */
export function matchesFilter(filter: NumberFilter | undefined, n: VobizNumber, authId: string): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case 'digits':
      return n.e164.replace(/\D/g, '').includes(filter.digits);
    case 'trunk':
      return authId === filter.authId && n.trunk_group_id === filter.trunkId;
    case 'unassigned':
      return !n.trunk_group_id;
  }
}

/** The filter in words, for the view's message. */
export function describeFilter(filter: NumberFilter): string {
  switch (filter.kind) {
    case 'digits':
      return l10n.t('numbers containing {0}', filter.digits);
    case 'trunk':
      return l10n.t('numbers on trunk "{0}"', filter.trunkName);
    case 'unassigned':
      return l10n.t('unassigned numbers only');
  }
}

/**
 * The numbers of one account that pass a filter, per list (the Numbers group's, or a trunk's),
 * ordered by E.164. A list is computed on its first read; after a change to one number, only that
 * number is taken out of the lists it was in and put back where it passes (O(log n) each), so a
 * view's reads stay cheap; after any other change (a reload) or with another filter, the lists are
 * computed again on their next read.
 */
export class FilteredNumbers {
  readonly #model: AccountModel;
  readonly #authId: string;
  #filter: NumberFilter | undefined;
  /** The model's version the lists are current for. */
  #version = -1;
  /** By trunk id; undefined for the Numbers group. */
  readonly #lists = new Map<string | undefined, VobizNumber[]>();

  constructor(model: AccountModel, authId: string) {
    this.#model = model;
    this.#authId = authId;
  }

  /** The numbers of the Numbers group (`underTrunkId` undefined) or of a trunk that pass `filter` (all of them with none). */
  list(filter: NumberFilter | undefined, underTrunkId?: string): readonly VobizNumber[] {
    const model = this.#model;
    const all = underTrunkId ? model.numbersOfTrunk(underTrunkId) : model.numbers();
    if (!filter) return all;
    if (filter !== this.#filter || this.#version !== model.version) {
      this.#lists.clear();
      this.#filter = filter;
      this.#version = model.version;
    }
    let list = this.#lists.get(underTrunkId);
    if (!list) {
      list = all.filter((n) => matchesFilter(filter, n, this.#authId));
      this.#lists.set(underTrunkId, list);
    }
    return list;
  }

  /** Follows one change of the model: give it every change, in order, as the model fires them. */
  apply(change: ModelChange): void {
    const filter = this.#filter;
    if (change.kind !== 'number' || !filter || this.#version !== this.#model.version - 1) return;
    this.#version = this.#model.version;
    const fresh = this.#model.number(change.e164);
    const passes = fresh !== undefined && matchesFilter(filter, fresh, this.#authId);
    for (const [trunkId, list] of this.#lists) {
      // A trunk's list changes only when the number left or joined it: the change names those trunks.
      if (trunkId !== undefined && !change.trunkIds.includes(trunkId)) continue;
      removeNumber(list, change.e164);
      if (passes && (trunkId === undefined || fresh.trunk_group_id === trunkId)) insertNumber(list, fresh);
    }
  }
}
