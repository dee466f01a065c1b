/**
 * What a change did, in one shape for every kind of change (one number, many, a drop, an undo): an
 * outcome per number, why a run stopped, the undo record, and the message that says it, one
 * sentence per outcome. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber } from '../api';
import type { Routing } from '../model/routing';
import type { ChangeRecord } from './undoHistory';

/** What happened to one number. */
export type OutcomeKind =
  /** The change was made (`after` as re-read). */
  | 'applied'
  /** Nothing to do, or not done by choice: it already routed there, or the question was declined. */
  | 'unchanged'
  /** Not where the user saw it (or changed since, for an undo): nothing was written. */
  | 'moved'
  /** Vobiz refused it, a read showed it did not happen, or it stopped before writing: the routing is as before. */
  | 'notApplied'
  /** It failed part way and left the number elsewhere than before (a move whose put-back failed too): `after` says where. */
  | 'changed'
  /** It may or may not have been applied, and no read could tell. */
  | 'unknown'
  /** A run stopped before it (cancelled, credentials rejected, settings changed, signed out). */
  | 'notStarted';

export interface NumberOutcome {
  readonly e164: string;
  readonly authId: string;
  readonly kind: OutcomeKind;
  /** Where it routed before, as read inside its queue (undefined: not read). */
  readonly before?: Routing;
  /** Where it routes after, as read (null: no longer listed; undefined: not known). */
  readonly after?: Routing | null;
  /** The number as last read (a conflict's Continue from There… starts from it). */
  readonly number?: VobizNumber;
  /** What happened to it, in one sentence. */
  readonly sentence: string;
  /** Why it was not applied (the recovery rule reads it). */
  readonly error?: unknown;
}

/** Why a run stopped starting changes. */
export type StopReason = 'cancelled' | 'credentialsRejected' | 'settingsChanged' | 'signedOut' | 'signedInAgain';

export interface ChangeStop {
  readonly reason: StopReason;
  readonly authId: string;
  /** The error that stopped it (credentials rejected). */
  readonly error?: unknown;
}

export interface ChangeReport {
  readonly kind: 'change' | 'undo';
  readonly outcomes: readonly NumberOutcome[];
  readonly stopped?: ChangeStop;
  /** The undo record, when the change changed something. */
  readonly record?: ChangeRecord;
  readonly message: string;
  /** `info` when everything asked for was done (or there was nothing to do), else `warn`; `error` for one number that failed. */
  readonly severity: 'info' | 'warn' | 'error';
}

/** True for the outcomes that are failures (listed in a summary, with their reasons). */
export function failed(o: NumberOutcome): boolean {
  return o.kind === 'moved' || o.kind === 'notApplied' || o.kind === 'changed' || o.kind === 'unknown';
}

/** Sentences joined with one space, each ending in exactly one full stop. */
export function sentences(...parts: (string | undefined | false)[]): string {
  return parts
    .filter((p): p is string => !!p && !!p.trim())
    .map((p) => p.trim().replace(/[.\s]+$/, '') + '.')
    .join(' ');
}

/** A run's words (the verb and its object): what was done to `n` numbers (of `of`, when said). */
export interface RunWords {
  /** 'Routed 3 numbers to trunk "X"', 'Routed 3 of 5 numbers to trunk "X"' (no full stop; also the undo record's label). */
  done(n: number, of?: number): string;
  /** 'Cancelled: routed 2 of 5 numbers to trunk "X" before stopping' (no full stop). */
  cancelled(n: number, of: number): string;
}

/** The words of routing numbers to a trunk (`name`: its name), or of unassigning them (no name). */
export function routeWords(name: string | undefined): RunWords {
  if (name === undefined) {
    return {
      done: (n, of) =>
        of === undefined
          ? n === 1
            ? l10n.t('Unassigned 1 number')
            : l10n.t('Unassigned {0} numbers', n)
          : of === 1
            ? l10n.t('Unassigned {0} of 1 number', n)
            : l10n.t('Unassigned {0} of {1} numbers', n, of),
      cancelled: (n, of) =>
        of === 1
          ? l10n.t('Cancelled: unassigned {0} of 1 number before stopping', n)
          : l10n.t('Cancelled: unassigned {0} of {1} numbers before stopping', n, of),
    };
  }
  return {
    done: (n, of) =>
      of === undefined
        ? n === 1
          ? l10n.t('Routed 1 number to trunk "{0}"', name)
          : l10n.t('Routed {0} numbers to trunk "{1}"', n, name)
        : of === 1
          ? l10n.t('Routed {0} of 1 number to trunk "{1}"', n, name)
          : l10n.t('Routed {0} of {1} numbers to trunk "{2}"', n, of, name),
    cancelled: (n, of) =>
      of === 1
        ? l10n.t('Cancelled: routed {0} of 1 number to trunk "{1}" before stopping', n, name)
        : l10n.t('Cancelled: routed {0} of {1} numbers to trunk "{2}" before stopping', n, of, name),
  };
}

/** `+91… (reason); …`, at most `limit` of them, then how many more. */
function failureList(outcomes: readonly NumberOutcome[], limit = 3): string {
  const shown = outcomes.slice(0, limit).map((o) => `${o.e164} (${o.sentence.replace(/[.\s]+$/, '')})`);
  if (outcomes.length > limit) shown.push(l10n.t('and {0} more (see the log)', outcomes.length - limit));
  return shown.join('; ');
}

/** What was done (without a full stop), then how many numbers were left as they were. */
function notChanged(done: string, left: number): string {
  return left === 1 ? l10n.t('{0}; 1 number was not changed.', done) : l10n.t('{0}; {1} numbers were not changed.', done, left);
}

/** Why a run stopped, in its first sentence (after what it did). */
function stopSentence(stop: ChangeStop, done: string, left: number): string {
  switch (stop.reason) {
    case 'credentialsRejected':
      return sentences(
        l10n.t('Stopped: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?).', stop.authId),
        notChanged(done, left),
        l10n.t('Sign in again, then run it again for the rest.'),
      );
    case 'settingsChanged':
      return sentences(
        l10n.t(
          'Stopped: the Vobiz API settings changed during the run (the API base URL or the proxy), so the rest was not sent.',
        ),
        notChanged(done, left),
        l10n.t('Run it again for the rest.'),
      );
    case 'signedOut':
      return sentences(l10n.t('Stopped: you signed out of {0} during the run.', stop.authId), notChanged(done, left));
    case 'signedInAgain':
      return sentences(
        l10n.t('Stopped: you signed in to {0} again during the run.', stop.authId),
        notChanged(done, left),
        l10n.t('Run it again for the rest.'),
      );
    case 'cancelled':
      return sentences(notChanged(done, left));
  }
}

/**
 * A run's summary: what was done (how many of how many), why it stopped, and each failure with its
 * reason. Failures from rejected credentials are one cause, said once (not a line per number).
 */
export function runSummary(words: RunWords, outcomes: readonly NumberOutcome[], stopped: ChangeStop | undefined): string {
  const total = outcomes.length;
  const done = outcomes.filter((o) => o.kind === 'applied').length;
  const rejected = stopped?.reason === 'credentialsRejected';
  const failures = outcomes.filter((o) => failed(o) && !(rejected && o.error === stopped.error));
  const left = outcomes.filter((o) => o.kind === 'notStarted' || (rejected && o.error === stopped.error)).length;
  const head = !stopped
    ? sentences(words.done(done, failures.length ? total : undefined))
    : stopped.reason === 'cancelled'
      ? stopSentence(stopped, words.cancelled(done, total), left)
      : stopSentence(stopped, words.done(done, total), left);
  const listed =
    failures.length === 1
      ? l10n.t('1 change failed: {0}.', failureList(failures))
      : failures.length
        ? l10n.t('{0} changes failed: {1}.', failures.length, failureList(failures))
        : undefined;
  return [head, listed].filter(Boolean).join(' ');
}

/** "Routed 3 numbers" → "routed 3 numbers" (a label inside a sentence); "+91…" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The first sentence of an undo: how much was undone of the change `label`. */
function undoHead(label: string, outcomes: readonly NumberOutcome[], backTo: string | undefined): string {
  const total = outcomes.length;
  const undone = outcomes.filter((o) => o.kind === 'applied');
  if (!undone.length) {
    return total === 1
      ? l10n.t('Nothing undone of 1 number ({0})', label)
      : l10n.t('Nothing undone of {0} numbers ({1})', total, label);
  }
  if (total === 1) {
    const [only] = undone;
    if (only.after && only.after.kind === 'none') return l10n.t('Undone: {0} is unassigned again', only.e164);
    return backTo === undefined
      ? l10n.t('Undone: {0} is back on its earlier routing', only.e164)
      : l10n.t('Undone: {0} is back on {1}', only.e164, backTo);
  }
  return undone.length === total
    ? l10n.t('Undone for {0} numbers: {1}', total, label)
    : l10n.t('Undone for {0} of {1} numbers: {2}', undone.length, total, label);
}

/**
 * An undo's summary, what happened first: "Undone: …", "Nothing undone: …", or "Undone for 2 of 3
 * numbers: …", then each number left as it is (changed since) or not put back, and a cancel.
 * `backTo`: for one number, where it was put back, in words.
 */
export function undoSummary(
  label: string,
  outcomes: readonly NumberOutcome[],
  stopped: ChangeStop | undefined,
  backTo?: string,
): string {
  const change = lowerFirst(label.trim().replace(/[.\s]+$/, ''));
  const left = outcomes.filter((o) => o.kind === 'moved');
  if (outcomes.length === 1 && left.length === 1) {
    return sentences(l10n.t('Nothing undone: {0} {1}', left[0].e164, left[0].sentence));
  }
  const notStarted = outcomes.filter((o) => o.kind === 'notStarted').length;
  return sentences(
    undoHead(change, outcomes, backTo),
    ...left.map((o) => l10n.t('{0} was left as it is ({1})', o.e164, o.sentence.replace(/[.\s]+$/, ''))),
    ...outcomes
      .filter((o) => failed(o) && o.kind !== 'moved')
      .map((o) => l10n.t('{0} could not be put back: {1}', o.e164, o.sentence)),
    stopped?.reason === 'cancelled'
      ? notStarted === 1
        ? l10n.t('Cancelled: 1 number was not put back')
        : l10n.t('Cancelled: {0} numbers were not put back', notStarted)
      : stopped
        ? stopSentence(stopped, l10n.t('Undo'), notStarted)
        : undefined,
  );
}
