/**
 * Lists of numbers ordered by E.164, kept in order by binary search: finding a number costs
 * O(log n) comparisons, and putting one in or taking one out one move of the entries after it
 * (a memmove, about 0.1 ms at 100,000 numbers). Pure.
 */
import type { VobizNumber } from '../api';

/** Orders E.164 strings by code unit (every list of numbers in the extension uses this order). */
export function compareE164(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The place of `e164` in `list` (ordered by E.164): where it is, or where it would go. */
export function searchE164(list: readonly VobizNumber[], e164: string): { index: number; found: boolean } {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid].e164 < e164) low = mid + 1;
    else high = mid;
  }
  return { index: low, found: low < list.length && list[low].e164 === e164 };
}

/** Puts `n` in its place in `list`, replacing the entry of the same E.164 when there is one. */
export function insertNumber(list: VobizNumber[], n: VobizNumber): void {
  const { index, found } = searchE164(list, n.e164);
  if (found) list[index] = n;
  else list.splice(index, 0, n);
}

/** Takes the entry of `e164` out of `list`; false when it was not there. */
export function removeNumber(list: VobizNumber[], e164: string): boolean {
  const { index, found } = searchE164(list, e164);
  if (found) list.splice(index, 1);
  return found;
}

/** A copy of `numbers` ordered by E.164. */
export function sortedByE164(numbers: Iterable<VobizNumber>): VobizNumber[] {
  return [...numbers].sort((a, b) => compareE164(a.e164, b.e164));
}
