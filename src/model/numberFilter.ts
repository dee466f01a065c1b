/**
 * The Numbers filter: by digits (a substring of the E.164), by trunk, or unassigned only. Runs over
 * the loaded model, never with a request. Pure.
 */
import type { VobizNumber } from '../api';

export type NumberFilter =
  | { kind: 'digits'; digits: string }
  | { kind: 'trunk'; authId: string; trunkId: string; trunkName: string }
  | { kind: 'unassigned' };

/** The digits of what a person typed ("+91 80-41" → "918041"), or a reason it cannot filter. */
export function filterDigits(text: string): { digits: string } | { problem: string } {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'Type some digits of the number, e.g. 9180 or 4155.' };
  if (/[^\d\s+()\-.]/.test(trimmed)) return { problem: 'Only digits (and + - ( ) spaces) can be part of a phone number.' };
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return { problem: 'Type at least one digit.' };
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
      return `numbers containing ${filter.digits}`;
    case 'trunk':
      return `numbers on trunk "${filter.trunkName}"`;
    case 'unassigned':
      return 'unassigned numbers only';
  }
}

/** Lists longer than this are shown in ranges (expanding 10,000 rows at once would be slow to scan). */
export const RANGE_THRESHOLD = 1000;
/** Numbers per range. */
export const RANGE_SIZE = 500;

/** The [from, to) slices of a list of `count` items, or undefined when it is short enough to show whole. */
export function numberRanges(count: number, size = RANGE_SIZE, threshold = RANGE_THRESHOLD): { from: number; to: number }[] | undefined {
  if (count <= threshold) return undefined;
  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < count; from += size) ranges.push({ from, to: Math.min(count, from + size) });
  return ranges;
}
