/**
 * Undo of a recorded routing change (single, bulk or drag and drop), testable without an editor:
 * each step runs inside its number's queue, reads the number, leaves it alone when it no longer
 * routes where the change left it, and otherwise restores its full prior routing (trunk,
 * application or nothing), checking the server's answer. The message says what happened first.
 */
import { runBounded } from '../model/bulkRun';
import type { VobizNumber } from '../api';
import { routingOf, RoutingConflict, sameRouting } from '../model/routing';
import type { RoutingService } from '../model/routing';
import type { ChangeRecord, RoutingStep } from '../model/undoHistory';
import type { UndoHistory } from '../model/undoHistory';
import { plural } from '../model/wording';
import type { Accounts } from './accounts';

/** What an undo did. */
export interface UndoReport {
  /** The numbers put back. */
  readonly undone: string[];
  /** Numbers left as they are: changed again since, or their account signed out. */
  readonly skipped: { number: string; reason: string }[];
  readonly failed: { number: string; reason: string }[];
  /** Numbers not reached because the undo was cancelled. */
  readonly notStarted: string[];
  readonly cancelled: boolean;
  readonly message: string;
}

export interface UndoOptions {
  readonly concurrency: number;
  readonly isCancelled?: () => boolean;
  readonly onSettled?: (done: number, total: number) => void;
}

class Skipped extends Error {}

/** Why a number was left alone, as a predicate after it: `now routes to trunk "X", changed since`. */
function changedSince(routing: RoutingService, now: VobizNumber | undefined): string {
  const r = routingOf(now);
  if (!r) return 'is no longer listed in the account';
  return `${r.kind === 'none' ? 'is now unassigned' : `now routes to ${routing.routingWords(r)}`}, changed since`;
}

async function undoStep(accounts: Accounts, history: UndoHistory, step: RoutingStep): Promise<void> {
  const session = accounts.get(step.authId);
  if (!session) throw new Skipped(`belongs to ${step.authId}, which is signed out`);
  try {
    const result = await session.routing.change({ e164: step.e164, to: step.before, expected: step.after });
    if (!result || !sameRouting(result.after, step.before)) {
      throw new Error(`Vobiz did not confirm it: ${session.routing.describe(result?.number, step.e164)}`);
    }
  } catch (err) {
    if (err instanceof RoutingConflict) throw new Skipped(changedSince(session.routing, err.numberNow));
    throw err;
  } finally {
    history.touch(step.authId, step.e164);
  }
}

/** Undoes the steps of a record that no later change in the extension touched. */
export async function undoRecord(accounts: Accounts, history: UndoHistory, record: ChangeRecord, options: UndoOptions): Promise<UndoReport> {
  const steps = history.undoable(record);
  const outcome = await runBounded(steps, (step) => undoStep(accounts, history, step), {
    concurrency: options.concurrency,
    isCancelled: options.isCancelled,
    onSettled: options.onSettled,
  });
  const undone = outcome.succeeded.map((s) => s.item.e164);
  const skipped = outcome.failed.filter((f) => f.error instanceof Skipped).map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const failed = outcome.failed.filter((f) => !(f.error instanceof Skipped)).map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const notStarted = outcome.notStarted.map((s) => s.e164);
  const single = steps.length === 1 ? steps[0] : undefined;
  const backTo = single ? accounts.get(single.authId)?.routing.routingWords(single.before) : undefined;
  const message = undoMessage({ label: record.label, total: steps.length, undone, skipped, failed, notStarted, cancelled: outcome.cancelled, backTo });
  return { undone, skipped, failed, notStarted, cancelled: outcome.cancelled, message };
}

/** The parts an undo message is built from. */
export interface UndoMessageParts {
  /** What the change was ("Routed 3 numbers to trunk "X"", or a single change's message). */
  readonly label: string;
  readonly total: number;
  readonly undone: readonly string[];
  readonly skipped: readonly { number: string; reason: string }[];
  readonly failed: readonly { number: string; reason: string }[];
  readonly notStarted: readonly string[];
  readonly cancelled: boolean;
  /** For a single number: where it was put back, in words (`trunk "Prod"`, `no trunk`). */
  readonly backTo?: string;
}

/** Sentences joined with one space, each ending in exactly one full stop. */
export function sentences(...parts: (string | undefined | false)[]): string {
  return parts
    .filter((p): p is string => !!p && !!p.trim())
    .map((p) => p.trim().replace(/[.\s]+$/, '') + '.')
    .join(' ');
}

/** Says what happened first: "Undone: …", "Nothing undone: …", or "Undone for 2 of 3 numbers: …". */
export function undoMessage(p: UndoMessageParts): string {
  const label = lowerFirst(p.label.trim().replace(/[.\s]+$/, ''));
  const left = p.skipped.map((s) => `${s.number} was left as it is (${s.reason.replace(/[.\s]+$/, '')})`);
  const broken = p.failed.map((f) => `${f.number} could not be put back: ${f.reason}`);
  const cancelled = p.cancelled ? `Cancelled: ${plural(p.notStarted.length, 'number was', 'numbers were')} not put back` : undefined;
  const one = p.total === 1;
  let head: string;
  if (!p.undone.length && one && p.skipped.length === 1) return sentences(`Nothing undone: ${p.skipped[0].number} ${p.skipped[0].reason}`);
  if (!p.undone.length) head = `Nothing undone of ${plural(p.total, 'number')} (${label})`;
  else if (one) head = p.backTo === 'no trunk' ? `Undone: ${p.undone[0]} is unassigned again` : `Undone: ${p.undone[0]} is back on ${p.backTo ?? 'its earlier routing'}`;
  else if (p.undone.length === p.total) head = `Undone for ${plural(p.total, 'number')}: ${label}`;
  else head = `Undone for ${p.undone.length} of ${plural(p.total, 'number')}: ${label}`;
  return sentences(head, ...left, ...broken, cancelled);
}

/** "Routed 3 numbers" → "routed 3 numbers" (a label inside a sentence); "+91…" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
