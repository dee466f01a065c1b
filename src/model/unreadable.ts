/** The items of one load that could not be read: counted for the view, summed up in one line for the log. */
import * as l10n from '@vscode/l10n';
import type { UnreadableItem } from '../api';

/** Kinds of problem the summary names at most (the rest are counted). */
const NAMED_PROBLEMS = 5;

export class UnreadableItems {
  #count = 0;
  /** How many items had each problem, by list and problem (`numbers: no usable e164 …`). */
  readonly #problems = new Map<string, number>();

  /** Counts one item (a list's `onUnreadable`). */
  readonly add = (item: UnreadableItem): void => {
    this.#count++;
    const kind = `${listLabel(item.list)}: ${item.problem}`;
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
    const others = kinds.length - NAMED_PROBLEMS;
    if (others > 0) named.push(others === 1 ? l10n.t('and 1 other kind') : l10n.t('and {0} other kinds', others));
    const list = named.join('; ');
    return this.#count === 1
      ? l10n.t('Could not read 1 item of {0} (left out of the view): {1}.', authId, list)
      : l10n.t('Could not read {0} items of {1} (left out of the view): {2}.', this.#count, authId, list);
  }
}

/** What an unreadable item's list holds, in words (`numbers`, `trunks`); another list's name as it is. */
function listLabel(list: string): string {
  switch (list) {
    case 'numbers':
      return l10n.t('numbers');
    case 'trunks':
      return l10n.t('trunks');
    case 'items':
      return l10n.t('items');
    default:
      return list;
  }
}
