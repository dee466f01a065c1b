/**
 * Undo of a recorded routing change (single, bulk or drag and drop), testable without an editor:
 * each step runs inside its number's queue, reads the number, leaves it alone when it no longer
 * routes where the change left it, and otherwise restores its full prior routing (trunk,
 * application or nothing), checking the server's answer. The message says what happened first.
 */
import * as l10n from '@vscode/l10n';
import { runBounded } from '../model/bulkRun';
import type { VobizNumber } from '../api';
import { routingOf, RoutingConflict, sameRouting } from '../model/routing';
import type { RoutingService } from '../model/routing';
import type { ChangeRecord, RoutingStep } from '../model/undoHistory';
import type { UndoHistory } from '../model/undoHistory';
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
  if (!r) return l10n.t('is no longer listed in the account');
  return r.kind === 'none'
    ? l10n.t('is now unassigned, changed since')
    : l10n.t('now routes to {0}, changed since', routing.routingWords(r));
}

async function undoStep(accounts: Accounts, history: UndoHistory, step: RoutingStep): Promise<void> {
  const session = accounts.get(step.authId);
  if (!session) throw new Skipped(l10n.t('belongs to {0}, which is signed out', step.authId));
  try {
    const result = await session.routing.change({ e164: step.e164, to: step.before, expected: step.after });
    if (!result || !sameRouting(result.after, step.before)) {
      throw new Error(l10n.t('Vobiz did not confirm it: {0}', session.routing.describe(result?.number, step.e164)));
    }
  } catch (err) {
    if (err instanceof RoutingConflict) throw new Skipped(changedSince(session.routing, err.numberNow));
    throw err;
  } finally {
    history.touch(step.authId, step.e164);
  }
}

/** Undoes the steps of a record that no later change in the extension touched. */
export async function undoRecord(
  accounts: Accounts,
  history: UndoHistory,
  record: ChangeRecord,
  options: UndoOptions,
): Promise<UndoReport> {
  const steps = history.undoable(record);
  const outcome = await runBounded(steps, (step) => undoStep(accounts, history, step), {
    concurrency: options.concurrency,
    isCancelled: options.isCancelled,
    onSettled: options.onSettled,
  });
  const undone = outcome.succeeded.map((s) => s.item.e164);
  const skipped = outcome.failed
    .filter((f) => f.error instanceof Skipped)
    .map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const failed = outcome.failed
    .filter((f) => !(f.error instanceof Skipped))
    .map((f) => ({ number: f.item.e164, reason: f.error.message }));
  const notStarted = outcome.notStarted.map((s) => s.e164);
  const single = steps.length === 1 ? steps[0] : undefined;
  const backTo = single ? accounts.get(single.authId)?.routing.routingWords(single.before) : undefined;
  const unassigned = single && backTo !== undefined ? single.before.kind === 'none' : undefined;
  const message = undoMessage({
    label: record.label,
    total: steps.length,
    undone,
    skipped,
    failed,
    notStarted,
    cancelled: outcome.cancelled,
    backTo,
    unassigned,
  });
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
  /** For a single number: it was put back to no routing at all (default: `backTo` is the words for no trunk). */
  readonly unassigned?: boolean;
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
  const left = p.skipped.map((s) => l10n.t('{0} was left as it is ({1})', s.number, s.reason.replace(/[.\s]+$/, '')));
  const broken = p.failed.map((f) => l10n.t('{0} could not be put back: {1}', f.number, f.reason));
  const cancelled = p.cancelled ? cancelledWords(p.notStarted.length) : undefined;
  if (!p.undone.length && p.total === 1 && p.skipped.length === 1) {
    return sentences(l10n.t('Nothing undone: {0} {1}', p.skipped[0].number, p.skipped[0].reason));
  }
  return sentences(undoHead(p, label), ...left, ...broken, cancelled);
}

/** `Cancelled: 2 numbers were not put back`. */
function cancelledWords(n: number): string {
  return n === 1 ? l10n.t('Cancelled: 1 number was not put back') : l10n.t('Cancelled: {0} numbers were not put back', n);
}

/** The first sentence of an undo message: how much was undone (`label`: the change, lower-case first). */
function undoHead(p: UndoMessageParts, label: string): string {
  const one = p.total === 1;
  if (!p.undone.length) {
    return one
      ? l10n.t('Nothing undone of 1 number ({0})', label)
      : l10n.t('Nothing undone of {0} numbers ({1})', p.total, label);
  }
  if (one) {
    // The words for no trunk come from the routing service, translated with the same message.
    if (p.unassigned ?? p.backTo === l10n.t('no trunk')) return l10n.t('Undone: {0} is unassigned again', p.undone[0]);
    return p.backTo === undefined
      ? l10n.t('Undone: {0} is back on its earlier routing', p.undone[0])
      : l10n.t('Undone: {0} is back on {1}', p.undone[0], p.backTo);
  }
  if (p.undone.length === p.total) return l10n.t('Undone for {0} numbers: {1}', p.total, label);
  return l10n.t('Undone for {0} of {1} numbers: {2}', p.undone.length, p.total, label);
}

/** "Routed 3 numbers" → "routed 3 numbers" (a label inside a sentence); "+91…" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
