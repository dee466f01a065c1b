/**
 * What the change service reported, checked against what the fake Vobiz recorded (which writes it
 * applied, where each left its number), and the undo history's expected owners. Pure, like
 * routingTrace.ts: the property test builds the data from a real run, the self-tests by hand.
 */
import { sameRouting } from '../../src/model/routing';
import type { Routing } from '../../src/model/routing';
import type { NumberOutcome } from '../../src/session/changeReport';
import { indefinite, ok, RAW_NAMES } from './routingTrace';
import type { Names, Trace, TracedRequest } from './routingTrace';

/** One number's outcome in a report, with what the operation asked for. */
export interface ReportedOutcome {
  readonly tag: string;
  /** The group the operation ran in (operations of one group run together). */
  readonly group: number;
  readonly op: 'change' | 'undo';
  readonly outcome: NumberOutcome;
  /** Where the operation asked the number to go (an undo: where the recorded change found it). */
  readonly to: Routing;
  /** The undo record the report returned (a change), or the record undone (an undo). */
  readonly recordId?: number;
  /** The operation's place in the run's order of operations and sign-outs (see SignOut). */
  readonly started: number;
}

/** A sign-out, at its place in the same order as ReportedOutcome.started. */
export interface SignOut {
  readonly authId: string;
  readonly at: number;
}

/** An operation's requests about one number, in arrival order. */
function requestsOf(trace: Trace, tag: string, e164: string): TracedRequest[] {
  return trace.requests.filter((r) => r.tag === tag && r.e164 === e164 && (r.kind === 'write' || r.kind === 'read-one'));
}

/** True when the console changed the number between the operation's first and last requests about it. */
function consoleDuring(trace: Trace, mine: readonly TracedRequest[], e164: string): boolean {
  if (!mine.length) return false;
  const first = mine[0].index;
  const last = mine[mine.length - 1].index;
  return trace.console.some((c) => c.e164 === e164 && c.clock > first && c.clock <= last + 1);
}

/**
 * Each outcome says what the fake did: `applied` (a write applied, leaving the number where it was
 * asked to go, as the outcome's re-read says), `notApplied` (nothing applied, or put back where it
 * was), `changed` (left elsewhere than before), `unknown` (a write got no definite answer),
 * `unchanged` / `moved` / `notStarted` (nothing written); one outcome, one sentence. And no write
 * the fake applied lacks an outcome.
 */
export function outcomeViolations(trace: Trace, reported: readonly ReportedOutcome[], names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  for (const r of reported) {
    const { outcome: o } = r;
    const mine = requestsOf(trace, r.tag, o.e164);
    const writes = mine.filter((q) => q.kind === 'write');
    const applied = writes.filter((q) => q.applied);
    const left = applied.length ? applied[applied.length - 1].left : undefined;
    const excused = consoleDuring(trace, mine, o.e164);
    const what = `${r.op} ${r.tag} ${names.number(o.e164)}: reported ${o.kind} ("${o.sentence}")`;
    const problem = outcomeProblem(o, writes, applied, left, r.to, excused, names);
    if (problem) out.push(`outcome: ${what}, but ${problem}`);
    const wording = sentenceProblem(o);
    if (wording) out.push(`outcome: ${what}: ${wording}`);
  }
  const said = new Set(reported.map((r) => `${r.tag} ${r.outcome.e164}`));
  for (const w of trace.requests) {
    if (w.kind === 'write' && w.applied && w.e164 && !said.has(`${w.tag ?? '-'} ${w.e164}`)) {
      out.push(`outcome: the fake applied a write no report tells of: #${w.index} [${w.tag ?? '-'}] ${names.number(w.e164)}`);
    }
  }
  return out;
}

function outcomeProblem(
  o: NumberOutcome,
  writes: readonly TracedRequest[],
  applied: readonly TracedRequest[],
  left: Routing | undefined,
  to: Routing,
  excused: boolean,
  names: Names,
): string | undefined {
  const afterDiffers = o.after !== undefined && o.after !== null && !sameRouting(o.after, left);
  switch (o.kind) {
    case 'applied':
      if (!applied.length) return excused ? undefined : 'the fake applied no write of it';
      if (!sameRouting(left, to)) return `its last applied write left it on ${names.routing(left)}, not ${names.routing(to)}`;
      return afterDiffers && !excused ? `it says it is now on ${names.routing(o.after ?? undefined)}` : undefined;
    case 'notApplied':
      if (!applied.length || excused) return undefined;
      return sameRouting(left, o.before) ? undefined : `the fake left it on ${names.routing(left)}, not back where it was`;
    case 'changed':
      if (!applied.length) return 'the fake applied no write of it';
      if (sameRouting(left, o.before)) return 'the fake left it where it was';
      return afterDiffers && !excused ? `it says it is on ${names.routing(o.after ?? undefined)}` : undefined;
    case 'unknown':
      return writes.some(indefinite) ? undefined : 'every write of it got a definite answer';
    case 'unchanged':
    case 'moved':
    case 'notStarted':
      return applied.length ? `the fake applied ${applied.length} write(s) of it` : undefined;
  }
}

/** One outcome, one sentence: an unknown outcome says so, one not applied never says "may" or "unknown". */
function sentenceProblem(o: NumberOutcome): string | undefined {
  const unsure = /\bis unknown\b|may or may not/i.test(o.sentence);
  if (o.kind === 'unknown' && !unsure) return 'the sentence does not say the outcome is unknown';
  if ((o.kind === 'notApplied' || o.kind === 'applied') && unsure) return 'the sentence says the outcome is unknown';
  if (o.kind === 'applied' && /^(Could not|Nothing was changed)/.test(o.sentence)) return 'the sentence says it failed';
  return undefined;
}

/** A write goes again only after a 429, and at most 3 times: no write is sent more than 4 times without a read between. */
export function retryViolations(trace: Trace, names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  const runs = new Map<string, TracedRequest[]>();
  for (const r of trace.requests) {
    if (!r.e164) continue;
    if (r.kind === 'read-one' && ok(r)) {
      for (const key of [...runs.keys()]) if (key.startsWith(`${r.e164} `)) runs.delete(key);
      continue;
    }
    if (r.kind !== 'write') continue;
    const key = `${r.e164} ${r.tag ?? '-'} ${r.signature ?? ''}`;
    const run = [...(runs.get(key) ?? []), r];
    runs.set(key, run);
    if (run.length === 5) {
      out.push(`retries: ${names.number(r.e164)}: ${r.signature ?? ''} [${r.tag ?? '-'}] was sent ${run.length} times in a row`);
    }
  }
  return out;
}

/** Who should own a number in the undo history now. */
export type Owner =
  /** The change with this record (its step of the number can be undone). */
  | { readonly kind: 'record'; readonly recordId: number; readonly group: number }
  /** No change: an undo, or a write of unknown outcome, wrote it last, or its account signed out since. */
  | { readonly kind: 'none' }
  /** Cannot be told from outside (the console changed it since, or while it was being changed). */
  | { readonly kind: 'ambiguous' };

/**
 * The owner of each number the outcomes wrote: the last operation (by its last write of the number,
 * in the fake's order, which the number's queue makes the order of the history's records) whose
 * write was, or may have been, applied. A change whose routing changed owns it; an undo or an
 * unknown outcome owns it for nobody; a sign-out of the writer's account since the operation began
 * clears it; the console changing it since the operation's first request makes it ambiguous.
 */
export function expectedOwners(
  trace: Trace,
  reported: readonly ReportedOutcome[],
  signOuts: readonly SignOut[],
): Map<string, Owner> {
  const last = new Map<string, { at: number; first: number; owner: Owner; authId: string; started: number }>();
  for (const r of reported) {
    const { outcome: o } = r;
    const mine = requestsOf(trace, r.tag, o.e164);
    const writes = mine.filter((q) => q.kind === 'write');
    const wrote = o.kind === 'applied' || o.kind === 'changed' || o.kind === 'unknown';
    if (!wrote) continue;
    if (!writes.length) {
      // Applied by the console's doing (its re-read saw the target): who owns it cannot be told.
      last.set(o.e164, { at: Infinity, first: -1, owner: { kind: 'ambiguous' }, authId: o.authId, started: r.started });
      continue;
    }
    const at = writes[writes.length - 1].index;
    const known = o.after !== undefined && o.after !== null && o.before !== undefined;
    const changed = known && !sameRouting(o.before, o.after ?? undefined) && o.kind !== 'unknown';
    const owner: Owner =
      r.op === 'change' && changed && r.recordId !== undefined
        ? { kind: 'record', recordId: r.recordId, group: r.group }
        : { kind: 'none' };
    const prior = last.get(o.e164);
    if (!prior || prior.at <= at) last.set(o.e164, { at, first: mine[0].index, owner, authId: o.authId, started: r.started });
  }
  const owners = new Map<string, Owner>();
  for (const [e164, { first, owner, authId, started }] of last) {
    const consoleSince = trace.console.some((c) => c.e164 === e164 && c.clock > first);
    const signedOut = signOuts.some((s) => s.authId === authId && s.at > started);
    owners.set(e164, consoleSince ? { kind: 'ambiguous' } : signedOut ? { kind: 'none' } : owner);
  }
  return owners;
}

/** Reported changes that routed a number elsewhere, but whose report has no undo record (unless their account signed out meanwhile). */
export function lostRecords(
  reported: readonly ReportedOutcome[],
  signOuts: readonly SignOut[],
  names: Names = RAW_NAMES,
): string[] {
  return reported
    .filter(
      (r) =>
        r.op === 'change' &&
        !signOuts.some((s) => s.authId === r.outcome.authId && s.at > r.started) &&
        r.recordId === undefined &&
        r.outcome.kind === 'applied' &&
        r.outcome.after &&
        r.outcome.before &&
        !sameRouting(r.outcome.before, r.outcome.after),
    )
    .map((r) => `history: change ${r.tag} routed ${names.number(r.outcome.e164)} but its report has no undo record`);
}
