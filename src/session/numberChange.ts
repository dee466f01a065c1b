/**
 * One number's routing change, with its safety rules: inside the number's queue, the number is read
 * first (Vobiz guards neither DELETE …/assign nor an assign over an app), and nothing is written when
 * it is not where the user saw it. A question is asked outside the queue, with the number as read,
 * so it never holds up other work on the number (a refresh's re-read); when the queue is taken again
 * the number is read again, and asked about again if it changed meanwhile. Every write follows that
 * read; a move whose second step fails puts the number back, unless the first step's outcome is
 * unknown. The outcome says what happened, in one sentence, from what was read. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { VobizClient, VobizNumber } from '../api';
import { NOWHERE, routingOf, sameRouting } from '../model/routing';
import type { Routing } from '../model/routing';
import type { NumberOutcome } from './changeReport';
import type { HeldModel, NumberQueue } from './numberQueue';
import { NumberWriter } from './numberWriter';
import type { WriteOutcome } from './numberWriter';
import { reasonOf, RoutingWords } from './routingWords';

/** What a change needs of an account's session. */
export interface ChangeSession extends HeldModel {
  /** One more each time the session drops its client (the settings changed) or ends: a change started on another stops. */
  readonly generation: number;
  readonly disposed: boolean;
  /** Runs `job` on the session's client, which stays open until it ends. */
  withClient<T>(job: (client: VobizClient) => Promise<T>): Promise<T>;
  /** A line for the log, about this account. */
  note(line: string): void;
}

export interface RouteRequest {
  readonly session: ChangeSession;
  readonly e164: string;
  /** Where it should route: a trunk, an app, or nowhere (unassign, detach). */
  readonly to: Routing;
  /** Where the user saw it (the tree, or where a change left it): when the server says otherwise, nothing is changed. */
  readonly expected?: Routing;
  /** Asked outside the number's queue with the number as just read; false sends nothing. */
  readonly confirm?: (now: VobizNumber) => Promise<boolean>;
  /** The session's generation when the user confirmed the change (default: now): a settings change since stops it. */
  readonly generation?: number;
}

/** The question itself failed (the UI threw): the change is not made, and the error goes to the caller as it is. */
class QuestionFailed extends Error {
  constructor(readonly reason: unknown) {
    super('the question failed');
  }
}

/** Thrown inside a change to end it with this outcome (the session ended or changed its client). */
class Stop extends Error {
  constructor(readonly outcome: NumberOutcome) {
    super(outcome.sentence);
  }
}

/** Where a number ended, as read (null: no longer listed; undefined: unknown). */
function afterOf(number: VobizNumber | undefined, read: boolean): Routing | null | undefined {
  if (!read) return undefined;
  return routingOf(number) ?? null;
}

/** What a change tells its service as it goes, inside the number's queue. */
export interface ChangeHooks {
  /** Every read of the number (the undo history drops a change the server undid since). */
  observed(e164: string, now: Routing | undefined): void;
  /** The outcome of the writes, before the queue goes to the next job (the undo history orders changes by their writes). */
  written(outcome: NumberOutcome): void;
}

/** A routing change of one number (see the file's comment), run by the change service. */
export class NumberChange {
  readonly #request: RouteRequest;
  readonly #queue: NumberQueue;
  readonly #generation: number;
  readonly #words: RoutingWords;
  readonly #hooks: ChangeHooks;

  constructor(request: RouteRequest, queue: NumberQueue, hooks: ChangeHooks) {
    this.#request = request;
    this.#queue = queue;
    this.#generation = request.generation ?? request.session.generation;
    this.#words = new RoutingWords(request.session.model);
    this.#hooks = hooks;
  }

  #outcome(kind: NumberOutcome['kind'], sentence: string, extra: Partial<NumberOutcome> = {}): NumberOutcome {
    return { e164: this.#request.e164, authId: this.#request.session.authId, kind, sentence, ...extra };
  }

  /** Runs the change; a failure is an outcome (only a question that itself fails throws, with its own error). */
  async run(): Promise<NumberOutcome> {
    try {
      return this.#request.confirm
        ? await this.#asked(this.#request.confirm)
        : await this.#inQueue((w, now) => this.#checkThenApply(w, now));
    } catch (err) {
      if (err instanceof Stop) return err.outcome;
      if (err instanceof QuestionFailed) throw err.reason;
      return this.#outcome(
        'notApplied',
        l10n.t('Nothing was changed: {0} could not be read first ({1}).', this.#request.e164, reasonOf(err)),
        {
          error: err,
        },
      );
    }
  }

  /**
   * Inside the number's queue, on one client: the session still the one the change began on (else
   * a Stop), the number read, then `job`.
   */
  #inQueue<T>(job: (writer: NumberWriter, now: VobizNumber | undefined) => Promise<T>): Promise<T> {
    const { session, e164 } = this.#request;
    return this.#queue.run(e164, async () => {
      const stopped = this.#stopped();
      if (stopped) throw new Stop(stopped);
      return session.withClient(async (client) => {
        // Checked again with the client in hand: the settings may have changed while it was being had.
        const stop = this.#stopped();
        if (stop) throw new Stop(stop);
        const writer = new NumberWriter(client, session, this.#queue, (line) => session.note(line));
        const now = await writer.read(e164);
        this.#hooks.observed(e164, routingOf(now));
        return job(writer, now);
      });
    });
  }

  /** The session ended or dropped its client since the change began (the settings changed): nothing is sent. */
  #stopped(): NumberOutcome | undefined {
    const { session, e164 } = this.#request;
    if (session.disposed) {
      return this.#outcome('notStarted', l10n.t('Signed out of {0}: sign in again to use it.', session.authId));
    }
    if (session.generation === this.#generation) return undefined;
    return this.#outcome(
      'notApplied',
      l10n.t('Nothing was changed: the Vobiz API settings changed while {0} was being changed. Run it again.', e164),
    );
  }

  /**
   * Reads (in the queue), asks (outside it), then writes in the queue if the number is still as
   * asked about; if it is not, that read is checked and the question asked again about it.
   */
  async #asked(confirm: (now: VobizNumber) => Promise<boolean>): Promise<NumberOutcome> {
    type Read = { now: VobizNumber | undefined; stop: NumberOutcome | undefined; written?: undefined };
    let read: Read | { written: NumberOutcome } = await this.#inQueue((_writer, now) =>
      Promise.resolve({ now, stop: this.#check(now, this.#request.expected) }),
    );
    for (;;) {
      if (read.written) return read.written;
      if (read.stop) return read.stop;
      const asked = read.now as VobizNumber;
      if (!(await confirm(asked).catch((err: unknown) => Promise.reject(new QuestionFailed(err))))) {
        return this.#outcome('unchanged', '', { before: routingOf(asked), number: asked });
      }
      // It may have changed while the question was open: then ask again about where it routes now.
      read = await this.#inQueue(async (writer, now) =>
        sameRouting(routingOf(now), routingOf(asked))
          ? { written: await this.#apply(writer, asked) }
          : { now, stop: this.#check(now, undefined) },
      );
    }
  }

  async #checkThenApply(writer: NumberWriter, now: VobizNumber | undefined): Promise<NumberOutcome> {
    return this.#check(now, this.#request.expected) ?? this.#apply(writer, now as VobizNumber);
  }

  /** Why nothing is to be written, for the number as read: not listed, not where the user saw it, already there. */
  #check(now: VobizNumber | undefined, expected: Routing | undefined): NumberOutcome | undefined {
    const { e164, to } = this.#request;
    const before = routingOf(now);
    if (!now || !before) {
      const sentence = expected
        ? l10n.t(
            'Nothing was changed: {0} is no longer listed in the account (it was released or handed to another account).',
            e164,
          )
        : l10n.t('Nothing was changed: {0} is no longer listed in the account.', e164);
      return this.#outcome(expected ? 'moved' : 'notApplied', sentence, { after: null });
    }
    if (expected && !sameRouting(before, expected)) {
      return this.#outcome('moved', this.#words.notAsShown(e164, before, expected), { before, after: before, number: now });
    }
    if (sameRouting(before, to)) {
      return this.#outcome('unchanged', l10n.t('{0} already routes to {1}.', e164, this.#words.routing(to)), {
        before,
        number: now,
      });
    }
    return undefined;
  }

  /** The writes that take the number from where it routes (as read) to `to`, and the outcome, told to the hooks. */
  async #apply(writer: NumberWriter, now: VobizNumber): Promise<NumberOutcome> {
    const outcome = await this.#write(writer, now);
    this.#hooks.written(outcome);
    return outcome;
  }

  async #write(writer: NumberWriter, now: VobizNumber): Promise<NumberOutcome> {
    const { e164, to } = this.#request;
    const from = routingOf(now) as Routing;
    if (to.kind === 'trunk' && from.kind !== 'trunk') return this.#single(from, await writer.assign(e164, to.id));
    if (to.kind === 'app' && from.kind !== 'trunk') return this.#single(from, await writer.attach(e164, to.id));
    if (to.kind === 'none') {
      return this.#single(from, from.kind === 'app' ? await writer.detach(e164) : await writer.unassign(e164));
    }
    return this.#move(writer, from as Routing & { kind: 'trunk' }, to);
  }

  /** The outcome of a change made by one write. */
  #single(before: Routing, write: WriteOutcome): NumberOutcome {
    const { e164, to } = this.#request;
    const asked = this.#words.asked(e164, before, to);
    if (write.applied === true) return this.#applied(before, write);
    if (write.applied === 'unknown') return this.#unknown(before, asked, write);
    return this.#notApplied(before, asked, write);
  }

  /**
   * A write Vobiz did not apply, in one sentence: someone changed the number meanwhile (and where a
   * read shows it now), or not applied as the read after it showed, or refused (`refused`: the
   * words of a refusal, when the caller has better ones).
   */
  #notApplied(before: Routing, asked: string, write: WriteOutcome & { applied: false }, refused?: string): NumberOutcome {
    const { e164 } = this.#request;
    const now = write.read?.number;
    const where = write.read ? this.#words.describe(now, e164) : '';
    const sentence = write.conflict
      ? write.read
        ? l10n.t('Could not {0}: it was changed elsewhere. {1} The tree now shows its current routing.', asked, where)
        : l10n.t('Could not {0}: it was changed elsewhere, and reading it failed: refresh to see where it routes now.', asked)
      : write.read
        ? l10n.t('Could not {0}: the change was not applied ({1}). {2}', asked, reasonOf(write.error), where)
        : (refused ?? l10n.t('Could not {0}: {1}.', asked, reasonOf(write.error)));
    return this.#outcome('notApplied', sentence.trim(), {
      before,
      after: afterOf(now, !!write.read),
      number: now,
      error: write.error,
    });
  }

  #applied(before: Routing, write: WriteOutcome & { applied: true }): NumberOutcome {
    const { e164 } = this.#request;
    const after = routingOf(write.number);
    if (!after) {
      const sentence = l10n.t('Vobiz applied the change to {0}, but no longer lists the number in the account.', e164);
      return this.#outcome('applied', sentence, { before, after: null });
    }
    return this.#outcome('applied', this.#words.done(e164, before, after), { before, after, number: write.number });
  }

  #unknown(before: Routing, asked: string, write: WriteOutcome & { applied: 'unknown' }): NumberOutcome {
    const sentence = l10n.t(
      'Whether Vobiz applied the change ({0}) is unknown ({1}), and re-reading the number failed too ({2}): refresh and check it before trying again.',
      asked,
      reasonOf(write.error),
      reasonOf(write.readError),
    );
    return this.#outcome('unknown', sentence, { before, error: write.error });
  }

  /** A move off a trunk (Vobiz has no atomic move): unassign, then assign or attach; when that fails, put it back. */
  async #move(writer: NumberWriter, from: Routing & { kind: 'trunk' }, to: Routing): Promise<NumberOutcome> {
    const { e164 } = this.#request;
    const off = await writer.unassign(e164, false);
    if (off.applied === false) {
      const asked = this.#words.asked(e164, from, to);
      const refused = l10n.t(
        'Could not {0}: Vobiz refused to unassign it from trunk "{1}" ({2}).',
        asked,
        this.#words.trunk(from.id),
        reasonOf(off.error),
      );
      return this.#notApplied(from, asked, off, refused);
    }
    if (off.applied === 'unknown') return this.#unknown(from, this.#words.asked(e164, from, to), off);
    const on = to.kind === 'trunk' ? await writer.assign(e164, to.id) : await writer.attach(e164, (to as { id: string }).id);
    if (on.applied === true) return this.#applied(from, on);
    return this.#moveFailed(writer, from, to, on);
  }

  /** The second step of a move failed: put back on its trunk when it surely did not happen; say where it stands. */
  async #moveFailed(
    writer: NumberWriter,
    from: Routing & { kind: 'trunk' },
    to: Routing,
    on: WriteOutcome & { applied: false | 'unknown' },
  ): Promise<NumberOutcome> {
    const { e164 } = this.#request;
    const asked = this.#words.asked(e164, from, to);
    const error = on.error;
    if (on.applied === 'unknown') {
      const sentence = l10n.t(
        'Could not {0} for sure: it was unassigned from trunk "{1}", but whether it then reached {2} is unknown ({3}) and re-reading it failed: it is there or unassigned. Refresh and check it at once.',
        asked,
        this.#words.trunk(from.id),
        this.#words.routing(to),
        reasonOf(error),
      );
      return this.#outcome('unknown', sentence, { before: from, error });
    }
    // Vobiz said it is assigned (someone else's change), or a read shows it routes elsewhere: not ours to put back.
    const elsewhere = on.conflict || (on.read !== undefined && routingOf(on.read.number)?.kind !== 'none');
    if (elsewhere) return this.#notApplied(from, asked, on);
    this.#request.session.note(
      l10n.t(
        'Moving {0} failed at its second step ({1}); putting it back on "{2}".',
        e164,
        reasonOf(error),
        this.#words.trunk(from.id),
      ),
    );
    const back = await writer.assign(e164, from.id);
    if (back.applied === true) {
      const sentence = l10n.t(
        'Could not {0}: {1}. It was put back on trunk "{2}", where it was before.',
        asked,
        reasonOf(error),
        this.#words.trunk(from.id),
      );
      return this.#outcome('notApplied', sentence, {
        before: from,
        after: afterOf(back.number, !back.guessed) ?? undefined,
        number: back.number,
        error,
      });
    }
    return this.#stranded(writer, from, asked, error, back);
  }

  /**
   * A move that could not be finished nor put back: where the number stands now, as read (once more
   * when the put-back's answer did not say). Unassigned by this change: `changed`, and its undo puts
   * it back. Elsewhere: someone else's change, not this one's. When no read can tell, the answers
   * decide: a put-back Vobiz refused outright leaves it unassigned; one refused as "already
   * assigned" means someone assigned it meanwhile.
   */
  async #stranded(
    writer: NumberWriter,
    from: Routing & { kind: 'trunk' },
    asked: string,
    error: unknown,
    back: WriteOutcome & { applied: false | 'unknown' },
  ): Promise<NumberOutcome> {
    const { e164 } = this.#request;
    const said = l10n.t(
      'Could not {0}: {1}. Putting it back on trunk "{2}" failed too ({3}).',
      asked,
      reasonOf(error),
      this.#words.trunk(from.id),
      reasonOf(back.error) === reasonOf(error) ? l10n.t('for the same reason') : reasonOf(back.error),
    );
    let read: { number: VobizNumber | undefined } | undefined = back.applied === false ? back.read : undefined;
    try {
      read ??= { number: await writer.read(e164) };
    } catch {
      read = undefined;
    }
    const extra = { before: from, error };
    if (read) {
      const now = read.number;
      const where = this.#words.describe(now, e164);
      const ours = routingOf(now)?.kind === 'none';
      return this.#outcome(ours ? 'changed' : 'notApplied', `${said} ${where}`, {
        ...extra,
        after: afterOf(now, true),
        number: now,
      });
    }
    if (back.applied === 'unknown') {
      const where = l10n.t('Where {0} routes now is unknown (it was last unassigned): refresh and check it at once.', e164);
      return this.#outcome('unknown', `${said} ${where}`, extra);
    }
    if (back.conflict) {
      const where = l10n.t('Someone assigned it meanwhile: refresh to see where it routes now.');
      return this.#outcome('notApplied', `${said} ${where}`, extra);
    }
    return this.#outcome('changed', `${said} ${l10n.t('{0} is unassigned now: assign it again.', e164)}`, {
      ...extra,
      after: NOWHERE,
    });
  }
}
