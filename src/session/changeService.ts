/**
 * The one home of a routing change: it plans (reads what the server says), applies (one number, or
 * many a few at a time), records (the undo history, in the order of the writes), undoes, and
 * reports (one outcome per number, one message) every kind of change: single, move, bulk, drag and
 * drop, undo. The commands ask the questions and present the report; nothing here imports vscode.
 */
import * as l10n from '@vscode/l10n';
import { authErrorOf } from '../api';
import type { VobizNumber } from '../api';
import { BULK_CONCURRENCY, runBounded } from '../model/bulkRun';
import { routingOf } from '../model/routing';
import type { Routing } from '../model/routing';
import { failed, routeWords, runSummary, undoSummary } from './changeReport';
import type { ChangeReport, ChangeStop, NumberOutcome } from './changeReport';
import { NumberChange } from './numberChange';
import type { ChangeHooks, ChangeSession, RouteRequest } from './numberChange';
import type { NumberQueue } from './numberQueue';
import { NumberWriter } from './numberWriter';
import { reasonOf, RoutingWords } from './routingWords';
import type { ChangeRecord, RoutingStep, UndoHistory } from './undoHistory';

export type { ChangeSession, RouteRequest } from './numberChange';

/** What the service is built with. */
export interface ChangeServiceDeps {
  readonly queue: NumberQueue;
  readonly history: UndoHistory;
  /** The signed-in session of an account now (undefined: signed out). */
  session(authId: string): ChangeSession | undefined;
  /** True when Vobiz rejected the session's credentials (nothing more is sent for it). */
  rejected(session: ChangeSession): boolean;
}

/** How a run of many changes is followed and stopped. */
export interface RunControl {
  /** Checked before each change starts: true stops starting new ones (running ones finish). */
  readonly isCancelled?: () => boolean;
  /** After each change settles: how many have, of how many. */
  readonly onSettled?: (done: number, total: number) => void;
  /**
   * Each account's session generation when the user confirmed the run (see `generationOf`): a
   * settings change since then stops the run before it sends anything more. Default: when it starts.
   */
  readonly confirmedAt?: ReadonlyMap<string, number>;
}

/** Up to this many numbers are read one by one before a question about them; more reload the account. */
const READ_ONE_BY_ONE = 25;

export class ChangeService {
  readonly #deps: ChangeServiceDeps;

  constructor(deps: ChangeServiceDeps) {
    this.#deps = deps;
  }

  get history(): UndoHistory {
    return this.#deps.history;
  }

  #observed = (e164: string, now: Routing | undefined): void => this.#deps.history.observed(e164, now);

  /** The hooks of a change recorded in `record` (undefined: an undo, whose writes retire the numbers they wrote). */
  #hooks(record: ChangeRecord | undefined): ChangeHooks {
    return { observed: this.#observed, written: (o) => this.#record(o, record) };
  }

  /** Reads one number from the server, inside its queue, and puts it in every model holding it. */
  read(session: ChangeSession, e164: string, signal?: AbortSignal): Promise<VobizNumber | undefined> {
    return this.#deps.queue.run(e164, () =>
      session.withClient(async (client) => {
        const fresh = await new NumberWriter(client, session, this.#deps.queue, (line) => session.note(line)).read(e164, signal);
        this.#observed(e164, routingOf(fresh));
        return fresh;
      }),
    );
  }

  /**
   * The numbers as the server says they are now, before a question names them: each read in its
   * queue (a few at a time), or the whole account reloaded when there are many (`reload`). Numbers
   * no longer listed drop out. Throws, saying why, when they cannot be read: nothing is to be asked.
   */
  async readForQuestion(
    session: ChangeSession,
    numbers: readonly VobizNumber[],
    reload: () => Promise<void>,
  ): Promise<VobizNumber[]> {
    if (numbers.length > READ_ONE_BY_ONE) {
      await reload();
    } else {
      const read = await runBounded(numbers, (n) => this.read(session, n.e164), { concurrency: BULK_CONCURRENCY });
      if (read.failed.length) {
        throw readFailure(
          session,
          read.failed.map((f) => ({ e164: f.item.e164, error: f.error })),
          numbers.length,
        );
      }
    }
    return numbers.map((n) => session.model.number(n.e164)).filter((n): n is VobizNumber => !!n);
  }

  /** The sessions' generations now, for a run about to be confirmed (RunControl.confirmedAt). */
  generationsOf(authIds: Iterable<string>): Map<string, number> {
    const generations = new Map<string, number>();
    for (const authId of authIds) {
      const session = this.#deps.session(authId);
      if (session) generations.set(authId, session.generation);
    }
    return generations;
  }

  /** Changes one number's routing (see NumberChange): records it for undo and reports it. */
  async change(request: RouteRequest): Promise<ChangeReport> {
    const record = this.#deps.history.begin('');
    let outcome: NumberOutcome;
    try {
      outcome = await new NumberChange(request, this.#deps.queue, this.#hooks(record)).run();
    } catch (err) {
      // The question failed (nothing was written): the record is forgotten, the error goes on.
      this.#deps.history.end(record, '');
      throw err;
    }
    const kept = this.#deps.history.end(record, outcome.sentence);
    const severity =
      outcome.kind === 'applied' || outcome.kind === 'unchanged' ? 'info' : outcome.kind === 'moved' ? 'warn' : 'error';
    return { kind: 'change', outcomes: [outcome], record: kept, message: outcome.sentence, severity };
  }

  /**
   * Routes many numbers of one account (as read before the question, see `readForQuestion`) to `to`,
   * a few at a time: each in its queue, read first (nothing is written to one that moved since). The
   * run stops starting changes when cancelled, when Vobiz rejects the credentials, when the settings
   * change (it goes only to the API it was confirmed against), or when the account signs out or in.
   */
  async changeMany(
    session: ChangeSession,
    numbers: readonly VobizNumber[],
    to: Routing,
    control: RunControl = {},
  ): Promise<ChangeReport> {
    const record = this.#deps.history.begin('');
    const words = routeWords(to.kind === 'trunk' ? new RoutingWords(session.model).trunk(to.id) : undefined);
    const requests = numbers.map((n): RouteRequest => ({ session, e164: n.e164, to, expected: routingOf(n) }));
    const { outcomes, stopped } = await this.#run(session, requests, control, (request) =>
      new NumberChange(request, this.#deps.queue, this.#hooks(record)).run(),
    );
    const applied = outcomes.filter((o) => o.kind === 'applied').length;
    const kept = this.#deps.history.end(record, words.done(applied));
    return report('change', outcomes, stopped, kept, runSummary(words, outcomes, stopped));
  }

  /**
   * What the history keeps of an outcome: a change made (or made part way) owns its number, with its
   * step when `record` is given; an undo's write, or one whose outcome is unknown, takes it from
   * whichever change owned it. A write refused, or not made, leaves the history as it was.
   */
  #record(o: NumberOutcome, record: ChangeRecord | undefined): void {
    const made = o.kind === 'applied' || o.kind === 'changed';
    if (!made && o.kind !== 'unknown') return;
    const step = made && o.after && o.before ? { authId: o.authId, e164: o.e164, before: o.before, after: o.after } : undefined;
    this.#deps.history.written(o.e164, o.authId, step ? record : undefined, step);
  }

  /**
   * Runs `job` for each request a few at a time, stopping new starts as `stopOf` says; every request
   * gets an outcome (`notStarted` for those the stop left).
   */
  async #run(
    session: ChangeSession,
    requests: readonly RouteRequest[],
    control: RunControl,
    job: (request: RouteRequest) => Promise<NumberOutcome>,
  ): Promise<{ outcomes: NumberOutcome[]; stopped: ChangeStop | undefined }> {
    let stopped: ChangeStop | undefined;
    const generation = control.confirmedAt?.get(session.authId) ?? session.generation;
    requests = requests.map((r) => ({ ...r, generation }));
    const shouldStop = (): boolean => (stopped ??= this.#stopOf(session, generation, control)) !== undefined;
    const run = await runBounded(requests, job, {
      concurrency: BULK_CONCURRENCY,
      isCancelled: shouldStop,
      onSettled: control.onSettled,
    });
    const byNumber = new Map(run.succeeded.map(({ item, result }) => [item.e164, result]));
    for (const result of byNumber.values()) {
      const rejected = authErrorOf(result.error);
      if (rejected?.status === 401) stopped ??= { reason: 'credentialsRejected', authId: session.authId, error: result.error };
    }
    const outcomes = requests.map(
      (r) =>
        byNumber.get(r.e164) ?? {
          e164: r.e164,
          authId: session.authId,
          kind: 'notStarted' as const,
          sentence: l10n.t('not started'),
        },
    );
    return { outcomes, stopped };
  }

  /** Why a run stops starting changes now, if it does. */
  #stopOf(session: ChangeSession, generation: number, control: RunControl): ChangeStop | undefined {
    const { authId } = session;
    if (control.isCancelled?.()) return { reason: 'cancelled', authId };
    if (session.disposed) return { reason: this.#deps.session(authId) ? 'signedInAgain' : 'signedOut', authId };
    if (session.generation !== generation) return { reason: 'settingsChanged', authId };
    if (this.#deps.rejected(session)) return { reason: 'credentialsRejected', authId };
    return undefined;
  }

  /**
   * Undoes a recorded change for the numbers that still belong to it: each, in its queue, read first
   * and left alone when it no longer routes where the change left it, else put back to its full
   * prior routing (a trunk, an application or nothing). A step whose undo wrote nothing stays, to be
   * tried again; one put back, or maybe put back, is done.
   */
  async undo(record: ChangeRecord, control: RunControl = {}): Promise<ChangeReport> {
    const steps = this.#deps.history.undoable(record);
    const outcomes: NumberOutcome[] = [];
    const stops: ChangeStop[] = [];
    for (const [authId, group] of groupBy(steps, (s) => s.authId)) {
      const session = this.#deps.session(authId);
      if (!session) {
        outcomes.push(...group.map((s) => signedOutOutcome(s)));
        continue;
      }
      const requests = group.map((s): RouteRequest => ({ session, e164: s.e164, to: s.before, expected: s.after }));
      const run = await this.#run(session, requests, control, (request) => this.#undoOne(request));
      outcomes.push(...run.outcomes);
      if (run.stopped) stops.push(run.stopped);
    }
    const single = steps.length === 1 ? steps[0] : undefined;
    const singleSession = single && this.#deps.session(single.authId);
    const backTo = single && singleSession ? new RoutingWords(singleSession.model).routing(single.before) : undefined;
    return report('undo', outcomes, stops[0], undefined, undoSummary(record.label, outcomes, stops[0], backTo));
  }

  /** One step of an undo: a change back to where it was, as a number that moved since is left alone and said so. */
  async #undoOne(request: RouteRequest): Promise<NumberOutcome> {
    const outcome = await new NumberChange(request, this.#deps.queue, this.#hooks(undefined)).run();
    if (outcome.kind !== 'moved') return outcome;
    const words = new RoutingWords(request.session.model);
    const now = outcome.after;
    const sentence =
      now === null || now === undefined
        ? l10n.t('is no longer listed in the account')
        : now.kind === 'none'
          ? l10n.t('is now unassigned, changed since')
          : l10n.t('now routes to {0}, changed since', words.routing(now));
    return { ...outcome, sentence };
  }
}

function report(
  kind: ChangeReport['kind'],
  outcomes: NumberOutcome[],
  stopped: ChangeStop | undefined,
  record: ChangeRecord | undefined,
  message: string,
): ChangeReport {
  const severity = stopped || outcomes.some(failed) ? 'warn' : 'info';
  return { kind, outcomes, stopped, record, message, severity };
}

function signedOutOutcome(step: RoutingStep): NumberOutcome {
  return {
    e164: step.e164,
    authId: step.authId,
    kind: 'moved',
    sentence: l10n.t('belongs to {0}, which is signed out', step.authId),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The numbers before a question could not be read: one cause for all (rejected credentials) said once, else which. */
function readFailure(session: ChangeSession, failures: { e164: string; error: unknown }[], total: number): Error {
  const rejected = failures.map((f) => authErrorOf(f.error)).find((e) => e !== undefined);
  if (rejected) {
    const message =
      total === 1
        ? l10n.t(
            'Nothing was changed: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?); 1 number was not changed. Sign in again, then run it again.',
            session.authId,
          )
        : l10n.t(
            'Nothing was changed: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?); {1} numbers were not changed. Sign in again, then run it again.',
            session.authId,
            total,
          );
    return new Error(message, { cause: rejected });
  }
  const which = failures.slice(0, 3).map((f) => `${f.e164}: ${reasonOf(f.error)}`);
  return new Error(
    failures.length === 1
      ? l10n.t(
          'Nothing was changed: 1 selected number could not be re-read first ({0}). Try again, or refresh the view.',
          which.join('; '),
        )
      : l10n.t(
          'Nothing was changed: {0} selected numbers could not be re-read first ({1}). Try again, or refresh the view.',
          failures.length,
          which.join('; '),
        ),
  );
}
