/**
 * What the last routing changes were, so they can be undone: each change (single, bulk, drag and
 * drop) is a record of steps of one shape (number, its full routing before, its routing after, both
 * as read from the server). A step is only undoable while no later change touched its number. Pure.
 */
import { sameRouting } from './routing';
import type { Routing } from './routing';

export interface RoutingStep {
  readonly authId: string;
  readonly e164: string;
  /** Where the number routed before the change (a trunk, an application or nothing), as read inside its queue. */
  readonly before: Routing;
  /** Where it routes after the change, as re-read. */
  readonly after: Routing;
}

export interface ChangeRecord {
  readonly id: number;
  /** What was done, in words ("Assigned 3 numbers to Acme Staging"). */
  readonly label: string;
  readonly steps: readonly RoutingStep[];
}

/** How many past changes can still be undone from their notifications. */
const KEEP = 50;

/** Told after anything that can change what is undoable; `recorded` is the change just recorded, if one was. */
export type UndoListener = (recorded: ChangeRecord | undefined) => void;

export class UndoHistory {
  #seq = 0;
  #last: ChangeRecord | undefined;
  readonly #records = new Map<number, ChangeRecord>();
  /**
   * The last change of each number, by E.164 alone: a number is one number whichever account's row
   * changed it (a main account lists its sub-accounts' numbers), as it has one queue.
   */
  readonly #lastChangeOf = new Map<string, { id: number; authId: string }>();
  readonly #listeners = new Set<UndoListener>();

  /** Calls `listener` after every record, touch and forget (until disposed). */
  onDidChange(listener: UndoListener): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => void this.#listeners.delete(listener) };
  }

  #changed(recorded?: ChangeRecord): void {
    for (const listener of [...this.#listeners]) listener(recorded);
  }

  /** Records a change; steps that changed nothing are left out. Returns undefined when nothing changed. */
  record(label: string, steps: readonly RoutingStep[]): ChangeRecord | undefined {
    const real = steps.filter((s) => !sameRouting(s.before, s.after));
    for (const s of steps) this.#touch(s.authId, s.e164);
    if (!real.length) {
      this.#changed();
      return undefined;
    }
    const record: ChangeRecord = { id: ++this.#seq, label, steps: real };
    for (const s of real) this.#lastChangeOf.set(s.e164, { id: record.id, authId: s.authId });
    this.#last = record;
    this.#records.set(record.id, record);
    for (const id of this.#records.keys()) {
      if (this.#records.size <= KEEP) break;
      this.#records.delete(id);
    }
    this.#changed(record);
    return record;
  }

  /** A recorded change by its id (from an Undo button), while it is remembered. */
  get(id: number): ChangeRecord | undefined {
    return this.#records.get(id);
  }

  /** Marks a number as changed by something that is not itself undoable (an undo, a failed change). */
  touch(authId: string, e164: string): void {
    this.#touch(authId, e164);
    this.#changed();
  }

  #touch(authId: string, e164: string): void {
    this.#lastChangeOf.set(e164, { id: ++this.#seq, authId });
  }

  /** The most recent change that still has an undoable step. */
  get last(): ChangeRecord | undefined {
    return this.#last && this.undoable(this.#last).length ? this.#last : undefined;
  }

  /** The steps of a record whose numbers no later change touched. */
  undoable(record: ChangeRecord): RoutingStep[] {
    return record.steps.filter((s) => this.#lastChangeOf.get(s.e164)?.id === record.id);
  }

  /** Forgets an account's changes (sign-out). */
  forgetAccount(authId: string): void {
    for (const [e164, last] of [...this.#lastChangeOf]) if (last.authId === authId) this.#lastChangeOf.delete(e164);
    if (this.#last?.steps.every((s) => s.authId === authId)) this.#last = undefined;
    this.#changed();
  }
}
