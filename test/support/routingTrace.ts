/**
 * What a run of concurrent routing operations did, as plain data (the fake's request log with each
 * request's operation tag and, for reads of one number, what the server answered; what each change
 * expected; which refreshes succeeded; when the console changed a number; where each model and the
 * server say each number routes), and the invariants the routing claims promise over it. Pure: the
 * property test builds a trace from a real run, the self-tests from hand-made data.
 */
import { sameRouting } from '../../src/model/routing';
import type { Routing } from '../../src/model/routing';
import type { LoggedRequest } from '../fake-vobiz/server';
import type { FakeNumber } from '../fake-vobiz/seed';
import { clientOf, tagOf } from './taggedClients';

export type RequestKind = 'read-one' | 'list' | 'trunks' | 'write' | 'other';

export interface TracedRequest {
  /** Position in the fake's log (arrival order; a request's answer is computed as it arrives). */
  readonly index: number;
  readonly method: string;
  readonly kind: RequestKind;
  readonly authId?: string;
  /** The number read (`?search=`) or written (`…/numbers/<e164>/assign|application`). */
  readonly e164?: string;
  /** The operation that sent it, and the client it was sent on (numbered as they were built). */
  readonly tag?: string;
  readonly client?: number;
  /** The status answered; undefined when no answer was sent (reset, hang). */
  readonly status?: number;
  readonly fault?: string;
  /** A read of one number: where the server said it routes. */
  readonly saw?: Routing;
  /** A list read: where the server said each number routes. */
  readonly listed?: ReadonlyMap<string, Routing | undefined>;
  /** A write: what it asks (method, endpoint, body); a re-send has the same signature. */
  readonly signature?: string;
  /** A write the fake applied (even when its answer was then lost). */
  readonly applied?: boolean;
  /** An applied write: where it left the number. */
  readonly left?: Routing;
}

/** A change an operation set out to make: its first write must follow its own read showing `expected`. */
export interface Intent {
  readonly tag: string;
  readonly e164: string;
  readonly expected: Routing;
  /** An undo step (`expected`: where the recorded change left the number). */
  readonly undo: boolean;
}

/** One account's model: where it shows each number it holds. */
export interface ModelView {
  readonly authId: string;
  readonly shows: ReadonlyMap<string, Routing | undefined>;
}

export interface Trace {
  readonly requests: readonly TracedRequest[];
  readonly intents: readonly Intent[];
  /** The refreshes (session.load()) that ended with the model ready: tag, account, log length when they ended. */
  readonly loads: readonly { tag: string; authId: string; end: number }[];
  /** Console changes: the number, and the log length when it was made (requests from `clock` on saw it). */
  readonly console: readonly { e164: string; clock: number }[];
  readonly models: readonly ModelView[];
  readonly server: ReadonlyMap<string, Routing | undefined>;
}

/** Where a number of the fake routes (its stored fields). */
export function serverRouting(n: FakeNumber | undefined): Routing | undefined {
  if (!n) return undefined;
  if (n.trunk_group_id) return { kind: 'trunk', id: n.trunk_group_id };
  if (n.application_id) return { kind: 'app', id: n.application_id };
  return { kind: 'none' };
}

const WRITE_PATH = /^\/api\/v1\/[Aa]ccount\/[^/]+\/numbers\/([^/]+)\/(assign|application)$/;
const LIST_PATH = /^\/api\/v1\/[Aa]ccount\/[^/]+\/numbers$/;

/** What the server answered a read, as the test saw the fake's state when it routed the request. */
export interface Answered {
  readonly saw?: Routing;
  readonly listed?: ReadonlyMap<string, Routing | undefined>;
  /** An applied write: where it left the number. */
  readonly left?: Routing;
}

/** A logged request as trace data, with what a read was answered. */
export function traceRequest(entry: LoggedRequest, index: number, answered: Answered = {}): TracedRequest {
  const base = {
    index,
    method: entry.method,
    authId: entry.authId,
    tag: tagOf(entry),
    client: clientOf(entry),
    status: entry.status,
    fault: entry.fault,
  };
  const write = WRITE_PATH.exec(entry.path);
  if (write && (entry.method === 'POST' || entry.method === 'DELETE')) {
    return {
      ...base,
      kind: 'write',
      e164: write[1],
      signature: `${entry.method} ${write[2]} ${JSON.stringify(entry.body ?? null)}`,
      applied: entry.applied === true,
      left: answered.left,
    };
  }
  if (entry.method === 'GET' && LIST_PATH.test(entry.path)) {
    const search = entry.query.search;
    return search
      ? { ...base, kind: 'read-one', e164: search, saw: answered.saw }
      : { ...base, kind: 'list', listed: answered.listed };
  }
  if (entry.method === 'GET' && entry.path.includes('/trunks')) return { ...base, kind: 'trunks' };
  return { ...base, kind: 'other' };
}

/** Names for numbers and trunks in messages (the seed's role names). */
export interface Names {
  number(e164: string): string;
  routing(r: Routing | undefined): string;
}

export const RAW_NAMES: Names = {
  number: (e164) => e164,
  routing: (r) => (!r ? 'unlisted' : r.kind === 'none' ? 'none' : `${r.kind} ${r.id}`),
};

export const ok = (r: TracedRequest): boolean => r.status !== undefined && r.status >= 200 && r.status < 300;
/** A write whose outcome its sender cannot know from the answer (no answer, or a 5xx). */
export const indefinite = (r: TracedRequest): boolean => r.status === undefined || r.status >= 500;

/** The requests about each number (its reads and writes), in arrival order. */
export function byNumber(trace: Trace): Map<string, TracedRequest[]> {
  const map = new Map<string, TracedRequest[]>();
  for (const r of trace.requests) {
    if (!r.e164 || (r.kind !== 'read-one' && r.kind !== 'write')) continue;
    const list = map.get(r.e164);
    if (list) list.push(r);
    else map.set(r.e164, [r]);
  }
  return map;
}

export function describeRequest(r: TracedRequest, names: Names = RAW_NAMES): string {
  const what =
    r.kind === 'write'
      ? `${r.signature ?? ''} ${names.number(r.e164 ?? '')}`
      : r.kind === 'read-one'
        ? `read ${names.number(r.e164 ?? '')}`
        : r.kind;
  const answer = r.status === undefined ? 'no answer' : String(r.status);
  const saw = r.kind === 'read-one' && r.saw ? ` saw ${names.routing(r.saw)}` : '';
  return `#${r.index} [${r.tag ?? '-'}] ${r.authId ?? '?'} ${what} → ${answer}${r.fault ? ` (fault ${r.fault})` : ''}${saw}`;
}

/**
 * Invariant 0, one queue per number across accounts: the requests about a number come in blocks,
 * one operation's after another's; no operation's requests about it interleave with another's. An
 * operation may come back to a number (after a question, asked outside the queue) only with a new
 * read: its job in the queue begins again.
 */
export function queueViolations(trace: Trace, names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  for (const [e164, reqs] of byNumber(trace)) {
    const closed = new Set<string>();
    let current: string | undefined;
    for (const r of reqs) {
      const tag = r.tag ?? '-';
      if (tag === current) continue;
      if (closed.has(tag) && r.kind !== 'read-one') {
        out.push(
          `queue: ${names.number(e164)}: ${describeRequest(r, names)} came after another operation's requests about it began (${current ?? '-'}), not in one block`,
        );
        break;
      }
      if (current !== undefined) closed.add(current);
      current = tag;
    }
  }
  return out;
}

/**
 * Invariant 2 (and the same rule for every change): an operation's first write to a number comes
 * right after (no other request about the number between) its own successful read of it, and that
 * read showed where the operation expected it: an undo never changes a number that moved since.
 */
export function checkedWriteViolations(trace: Trace, names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  const perNumber = byNumber(trace);
  for (const intent of trace.intents) {
    const reqs = perNumber.get(intent.e164) ?? [];
    const at = reqs.findIndex((r) => r.kind === 'write' && r.tag === intent.tag);
    if (at < 0) continue;
    const write = reqs[at];
    const before = at > 0 ? reqs[at - 1] : undefined;
    const what = `${intent.undo ? 'undo' : 'change'} ${intent.tag} wrote ${names.number(intent.e164)} (${describeRequest(write, names)})`;
    if (!before || before.kind !== 'read-one' || before.tag !== intent.tag || !ok(before)) {
      out.push(
        `${what} without reading it just before in its queue (last request about it: ${before ? describeRequest(before, names) : 'none'})`,
      );
    } else if (!sameRouting(before.saw, intent.expected)) {
      out.push(
        `${what} although its read showed ${names.routing(before.saw)}, not ${names.routing(intent.expected)}${intent.undo ? ' where the recorded change left it (it moved since)' : ' as the tree showed'}`,
      );
    }
  }
  return out;
}

/**
 * Invariant 3: no write to a number is sent twice without a successful read of that number between
 * them, unless the first was answered 429 (not handled at all).
 */
export function duplicateWriteViolations(trace: Trace, names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  for (const [e164, reqs] of byNumber(trace)) {
    const since = new Map<string, TracedRequest>();
    for (const r of reqs) {
      if (r.kind === 'read-one') {
        if (ok(r)) since.clear();
        continue;
      }
      const signature = r.signature ?? '';
      const earlier = since.get(signature);
      if (earlier && earlier.status !== 429) {
        out.push(
          `write sent twice without a read between: ${names.number(e164)}: ${describeRequest(earlier, names)}, then ${describeRequest(r, names)}`,
        );
      }
      since.set(signature, r);
    }
  }
  return out;
}

/**
 * Numbers whose state an operation left unknown: its last write to the number got no definite
 * answer, or failed and the read after it failed too; and no read of it succeeded after that
 * write. `clock`: the log length after the operation's last request about it.
 */
export function unknownOutcomes(trace: Trace): { e164: string; tag: string; clock: number }[] {
  const out: { e164: string; tag: string; clock: number }[] = [];
  for (const [e164, reqs] of byNumber(trace)) {
    const tags = new Set(reqs.filter((r) => r.kind === 'write').map((r) => r.tag ?? '-'));
    for (const tag of tags) {
      const mine = reqs.filter((r) => (r.tag ?? '-') === tag);
      const lastWrite = mine.map((r) => r.kind).lastIndexOf('write');
      const after = mine.slice(lastWrite + 1);
      const write = mine[lastWrite];
      if (after.some(ok) || ok(write)) continue;
      if (indefinite(write) || after.length > 0) out.push({ e164, tag, clock: mine[mine.length - 1].index + 1 });
    }
  }
  return out;
}

/**
 * The first page read of a successful refresh: a list comes page by page, and a number's page may
 * be any of them, so the list tells where each number routed as of its first page at the earliest.
 */
function listReadOf(trace: Trace, load: Trace['loads'][number]): TracedRequest | undefined {
  return trace.requests.find((r) => r.kind === 'list' && r.tag === load.tag && r.authId === load.authId && ok(r));
}

/**
 * Reads after which a model shows a number as the server had it: a read of that number by any
 * account (but a sub-account's read that does not list it tells its main account nothing: the
 * number may be the main account's again), or the model's own successful refresh.
 */
function freshReadFor(trace: Trace, model: ModelView, e164: string, from: number): boolean {
  const ownLists = new Set(trace.loads.filter((l) => l.authId === model.authId).map((l) => listReadOf(trace, l)));
  // A main account no longer listing a number tells its sub-accounts' models too (they drop it).
  const tells = (r: TracedRequest): boolean =>
    r.kind === 'read-one' &&
    r.e164 === e164 &&
    (r.saw !== undefined || r.authId === model.authId || r.authId?.startsWith('MA_') === true);
  return trace.requests.some((r) => r.index >= from && ok(r) && (tells(r) || ownLists.has(r)));
}

/**
 * Invariant 1: every model shows every number it holds where the server has it, except a number
 * the console changed after the model last read it, or whose last operation left its state unknown
 * (and that the model has not read since).
 */
export function modelViolations(trace: Trace, names: Names = RAW_NAMES): string[] {
  const out: string[] = [];
  const marks = [
    ...trace.console.map((c) => ({ ...c, why: 'the console changed it' })),
    ...unknownOutcomes(trace).map((u) => ({ ...u, why: `${u.tag} left its state unknown` })),
  ];
  for (const model of trace.models) {
    for (const [e164, shows] of model.shows) {
      const server = trace.server.get(e164);
      if (sameRouting(shows, server)) continue;
      const excuse = marks.find((m) => m.e164 === e164 && !freshReadFor(trace, model, e164, m.clock));
      if (excuse) continue;
      const excuses = marks.filter((m) => m.e164 === e164).map((m) => `${m.why} at #${m.clock}, read since`);
      out.push(
        `model: ${model.authId} shows ${names.number(e164)} on ${names.routing(shows)}, the server has ${names.routing(server)}${excuses.length ? ` (${excuses.join('; ')})` : ''}`,
      );
    }
  }
  return out;
}

/** Every broken invariant, in words. */
export function violations(trace: Trace, names: Names = RAW_NAMES): string[] {
  return [
    ...queueViolations(trace, names),
    ...checkedWriteViolations(trace, names),
    ...duplicateWriteViolations(trace, names),
    ...modelViolations(trace, names),
  ];
}
