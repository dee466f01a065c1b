/** The items of one load that could not be read: counted for the view, summed up in one line for the log. */
import type { UnreadableItem } from '../api';
import { plural } from './wording';

/** Kinds of problem the summary names at most (the rest are counted). */
const NAMED_PROBLEMS = 5;

export class UnreadableItems {
  #count = 0;
  /** How many items had each problem, by list and problem (`numbers: no usable e164 …`). */
  readonly #problems = new Map<string, number>();

  /** Counts one item (a list's `onUnreadable`). */
  readonly add = (item: UnreadableItem): void => {
    this.#count++;
    const kind = `${item.list}: ${item.problem}`;
    this.#problems.set(kind, (this.#problems.get(kind) ?? 0) + 1);
  };

  get count(): number {
    return this.#count;
  }

  /** One line for the log, undefined when every item was read: how many, and what was wrong with them (no values). */
  summary(authId: string): string | undefined {
    if (!this.#count) return undefined;
    const kinds = [...this.#problems];
    const named = kinds.slice(0, NAMED_PROBLEMS).map(([kind, n]) => `${n} × ${kind}`);
    if (kinds.length > NAMED_PROBLEMS) named.push(`and ${plural(kinds.length - NAMED_PROBLEMS, 'other kind')}`);
    return `Could not read ${plural(this.#count, 'item')} of ${authId} (left out of the view): ${named.join('; ')}.`;
  }
}
