/**
 * Long lists of numbers shown in ranges: where the ranges of a list start and end (a range is known
 * by where it starts, so a list that grew or shrank leaves no item out), and where a number is in
 * an ordered list. Pure.
 */
import type { VobizNumber } from '../api';
import { searchE164 } from './sortedNumbers';

/** Lists longer than this are shown in ranges (expanding 10,000 rows at once would be slow to scan). */
export const RANGE_THRESHOLD = 1000;
/** Numbers per range. */
export const RANGE_SIZE = 500;

/** The [from, to) slices of a list of `count` items, or undefined when it is short enough to show whole. */
export function numberRanges(
  count: number,
  size = RANGE_SIZE,
  threshold = RANGE_THRESHOLD,
): { from: number; to: number }[] | undefined {
  if (count <= threshold) return undefined;
  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < count; from += size) ranges.push(rangeAt(count, from, size));
  return ranges;
}

/**
 * The range that starts at `from` in a list of `count` items as it is now: its end follows the
 * list (a range is known by where it starts; its end is never kept, so a list that grew or shrank
 * leaves no item out). Empty when the list no longer reaches `from`.
 */
export function rangeAt(count: number, from: number, size = RANGE_SIZE): { from: number; to: number } {
  return { from, to: Math.max(from, Math.min(count, from + size)) };
}

/** Where the range holding the item at `index` starts. */
export function rangeStart(index: number, size = RANGE_SIZE): number {
  return Math.floor(index / size) * size;
}

/** The index of a number in a list ordered by E.164 (as every list of the model is), or -1. */
export function indexOfNumber(list: readonly VobizNumber[], e164: string): number {
  const { index, found } = searchE164(list, e164);
  return found ? index : -1;
}
