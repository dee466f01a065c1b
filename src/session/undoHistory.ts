/**
 * What the routing changes were, so they can be undone. Each change (single, bulk, drag and drop)
 * is a record whose steps say, for each number it changed, where it routed before and after, both
 * as read from the server. A number belongs to the change that last wrote it, in the order of the
 * writes: a record's step can be undone while its number still belongs to it. Only a write that was,
 * or may have been, applied takes a number from a record (a refused one leaves it where it is); the
 * server changing the number since, when a read shows it, takes it too. No vscode, no I/O.
 */
import { Emitter } from '../model/emitter';
import type { Event } from '../model/emitter';
import { sameRouting } from '../model/routing';
import type { Routing } from '../model/routing';

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
  /** What was done, in words ("Routed 3 numbers to trunk "Acme Staging""), once the change ended. */
  readonly label: string;
  /** The steps, in the order of their writes. */
  readonly steps: readonly RoutingStep[];
}

/** Why a recorded change has nothing left to undo. */
export type NothingToUndo =
  /** Signing out of that account cleared the undo history of its changes. */
  | { readonly why: 'signedOut'; readonly authId: string }
  /** Its numbers were changed again since (by the extension, or on the server as a read showed). */
  | { readonly why: 'changedSince'; readonly e164s: readonly string[] };

/** A record as the history keeps it: its steps grow as the change's writes apply. */
interface OpenRecord {
  readonly id: number;
  label: string;
  readonly steps: RoutingStep[];
  /** When the change began (a sign-out after it clears what it writes). */
  readonly begun: number;
  /** False while the change runs: Undo Last offers only a change that ended (and has its label). */
  ended: boolean;
}

/** Who wrote a number last, and when (`record` undefined: an undo, or a write whose outcome is unknown). */
interface Owner {
  readonly record: OpenRecord | undefined;
  readonly at: number;
  readonly authId: string;
}

/** How many past changes are remembered (their notifications' Undo works while they are). */
const KEEP = 50;

export class UndoHistory {
  #ids = 0;
  #clock = 0;
  readonly #records = new Map<number, OpenRecord>();
  readonly #owners = new Map<string, Owner>();
  /** Records whose account signed out since, by id: the Auth ID. */
  readonly #clearedBy = new Map<number, string>();
  /** When each account last signed out. */
  readonly #signedOutAt = new Map<string, number>();
  readonly #onDidChange = new Emitter<ChangeRecord | undefined>();
  /** After anything that can change what is undoable; with the record of a change that just ended, if one did. */
  readonly onDidChange: Event<ChangeRecord | undefined> = this.#onDidChange.event;

  /** A new record for a change about to be made: its steps come as its writes apply (`written`). */
  begin(label: string): ChangeRecord {
    const record: OpenRecord = { id: ++this.#ids, label, steps: [], begun: ++this.#clock, ended: false };
    this.#records.set(record.id, record);
    for (const id of this.#records.keys()) {
      if (this.#records.size <= KEEP) break;
      this.#forget(id);
    }
    return record;
  }

  /** Forgets the oldest records: their numbers belong to nothing any more. */
  #forget(id: number): void {
    this.#records.delete(id);
    this.#clearedBy.delete(id);
    for (const [e164, owner] of [...this.#owners]) if (owner.record?.id === id) this.#owners.delete(e164);
  }

  /**
   * A write to a number was, or may have been, applied: the number belongs from now on to `record`
   * (undefined: an undo, or a write whose outcome is unknown: nothing to undo for it). `step`, when
   * the number's routing changed (before → after, both read), is added to the record.
   */
  written(e164: string, authId: string, record: ChangeRecord | undefined, step?: RoutingStep): void {
    const found = record && this.#records.get(record.id);
    // A change its account signed out of while it ran keeps nothing (signing out cleared its history).
    const open = found && (this.#signedOutAt.get(authId) ?? 0) < found.begun ? found : undefined;
    const changed = open !== undefined && step !== undefined && !sameRouting(step.before, step.after);
    if (changed) {
      const known = open.steps.findIndex((s) => s.e164 === e164);
      if (known >= 0) open.steps.splice(known, 1);
      open.steps.push(step);
    }
    this.#owners.set(e164, { record: changed ? open : undefined, at: ++this.#clock, authId });
    this.#onDidChange.fire(undefined);
  }

  /**
   * A read showed where a number routes now: when that is not where the change that owns it left it,
   * the server changed it since, and that change no longer owns it.
   */
  observed(e164: string, now: Routing | undefined): void {
    const owner = this.#owners.get(e164);
    const step = owner?.record?.steps.find((s) => s.e164 === e164);
    if (!owner?.record || !step || sameRouting(step.after, now)) return;
    this.#owners.set(e164, { record: undefined, at: owner.at, authId: owner.authId });
    this.#onDidChange.fire(undefined);
  }

  /** A change ended: its label as said to the user. Undefined when it changed nothing (it is forgotten). */
  end(record: ChangeRecord, label: string): ChangeRecord | undefined {
    const open = this.#records.get(record.id);
    if (!open) return undefined;
    open.label = label;
    open.ended = true;
    if (!open.steps.length) this.#records.delete(open.id);
    const kept = open.steps.length ? open : undefined;
    this.#onDidChange.fire(kept);
    return kept;
  }

  /** A recorded change by its id, while it is remembered. */
  get(id: number): ChangeRecord | undefined {
    return this.#records.get(id);
  }

  /** The steps of a record whose numbers still belong to it (no later write, no change seen since). */
  undoable(record: ChangeRecord): RoutingStep[] {
    return record.steps.filter((s) => this.#owners.get(s.e164)?.record?.id === record.id);
  }

  /** The change (one that ended) with an undoable step whose number was written last. */
  get last(): ChangeRecord | undefined {
    let last: Owner | undefined;
    for (const owner of this.#owners.values()) if (owner.record?.ended && (!last || owner.at > last.at)) last = owner;
    return last?.record;
  }

  /** Why a record has nothing left to undo (when `undoable` is empty). */
  nothingToUndo(record: ChangeRecord): NothingToUndo {
    const authId = this.#clearedBy.get(record.id);
    if (authId) return { why: 'signedOut', authId };
    return { why: 'changedSince', e164s: record.steps.map((s) => s.e164) };
  }

  /** Forgets an account's changes (sign-out): an Undo of one of them says signing out cleared it. */
  forgetAccount(authId: string): void {
    this.#signedOutAt.set(authId, ++this.#clock);
    for (const [e164, owner] of [...this.#owners]) if (owner.authId === authId) this.#owners.delete(e164);
    for (const record of this.#records.values()) {
      if (record.steps.some((s) => s.authId === authId)) this.#clearedBy.set(record.id, authId);
    }
    this.#onDidChange.fire(undefined);
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
