/**
 * The routing claims, tested on random sequences (fast-check: seeded, shrinking, replayable) in
 * plain Node, through the real change service: real Accounts with two signed-in accounts (the main
 * account and its sub-account, whose numbers both models hold) against one fake Vobiz, reset for
 * each sequence. The operations call `accounts.changes` as the commands do (the same questions, the
 * same re-read before a bulk confirmation, the same undo), so what is tested is what ships.
 *
 * A sequence is a list of groups; the operations of a group start together (some only when the
 * group's n-th request reaches the fake: `@n`) and the group settles before the next starts.
 * Operations: route one number (to a trunk, an application or nowhere; without a question, with one
 * answered yes or no, or with one left open until every other operation of the group has ended),
 * bulk runs (re-read first, then confirmed or declined, maybe cancelled part way), undo (of the
 * last change, or of an earlier one), refresh, sign-out, sign-in (a first load, shown page by page),
 * a settings change (the proxy), console changes made straight in the fake (numbers moved or
 * released), and faults for the next request(s): 429 (also lasting), 4xx, 401, 5xx, resets, lost
 * answers, delays, hangs.
 *
 * After every group, from the fake's request log (each request tagged with the operation that sent
 * it, each write with whether it was applied and where it left the number) and what the service
 * reported (test/support/routingTrace.ts, changeChecks.ts):
 *   - one queue per number: the requests about a number come one operation's block after another's;
 *   - every write follows the operation's own read showing where the user saw (or confirmed) it;
 *   - no write is sent twice without a read between unless answered 429, and at most 3 retries;
 *   - each outcome (and so each message) matches what the fake did, in one sentence;
 *   - the latest change of each number can be undone unless the server changed it since (so a
 *     failed undo can be tried again), and Undo Last names the latest change;
 *   - an undo restores exactly the routing from before (checked in the outcomes: it is asked for
 *     the recorded `before`);
 *   - once nothing runs, every loaded model holding a number agrees with the server;
 *   - a run goes to the API it was confirmed against: nothing of it starts after the settings change.
 *
 * Replay: the test's title names its seed; `VOBIZ_SEED=<seed> npm run test:unit` runs the same
 * sequences (VOBIZ_RUNS: how many, default 300; VOBIZ_PATH: fast-check's path of a shrunk case).
 * The sequences are replayed exactly, the timing between requests is not: a failure that depends on
 * a narrow race may need a few runs (a hang or delay fault in the counterexample widens it).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { VobizNumber } from '../../../src/api';
import { NOWHERE, routingOf, sameRouting } from '../../../src/model/routing';
import type { Routing } from '../../../src/model/routing';
import type { AccountSession } from '../../../src/session/accountSession';
import type { ChangeReport } from '../../../src/session/changeReport';
import type { RoutingStep } from '../../../src/session/undoHistory';
import { FakeVobiz } from '../../fake-vobiz/server';
import type { FaultRule, LoggedRequest } from '../../fake-vobiz/server';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK, sandboxSeed } from '../../fake-vobiz/seed';
import { expectedOwners, lostRecords, outcomeViolations, retryViolations } from '../../support/changeChecks';
import type { ReportedOutcome, SignOut } from '../../support/changeChecks';
import { accountsOn } from '../../support/editorStandIns';
import { describeRequest, serverRouting, traceRequest, violations } from '../../support/routingTrace';
import type { Answered, Intent, Names, Trace } from '../../support/routingTrace';
import { OpTags } from '../../support/taggedClients';

const CREDENTIALS = {
  main: { authId: SANDBOX.authId, authToken: SANDBOX.authToken },
  sub: { authId: SANDBOX.subAuthId, authToken: SANDBOX.subAuthToken },
};
/** Short timeouts and backoffs: a hang costs one timeout, a retry a few ms. */
const CLIENT = { timeoutMs: 250, retry: { baseDelayMs: 1, maxDelayMs: 20 } };
/** Lists come two numbers a page: a first load shows page by page, a refresh's pages meet changes. */
const PAGE = 2;
/** A group that has not settled by then is a failure (a deadlock), not a hang of the suite. */
const GROUP_DEADLINE_MS = 10_000;
/** A proxy the settings change switches on and off (loopback is never proxied: requests still go straight to the fake). */
const PROXY = 'http://proxy.example.test:3128';

function envInt(name: string): number | undefined {
  const text = process.env[name]?.trim();
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, not "${text}"`);
  return n;
}

// ---- The world: numbers, trunks, who holds what ----------------------------------------------

type Who = 'main' | 'sub';
const SEED = sandboxSeed();
const ALL_NUMBERS = SEED.numbers.map((n) => n.e164);
/** The numbers each account's list holds (a main account's holds its sub-accounts'). */
const HOLDS: Record<string, string[]> = Object.fromEntries(
  SEED.accounts.map((a) => {
    const subs = new Set(SEED.accounts.filter((s) => s.parent === a.auth_id).map((s) => s.auth_id));
    return [a.auth_id, SEED.numbers.filter((n) => n.account_id === a.auth_id || subs.has(n.account_id)).map((n) => n.e164)];
  }),
);
/** The numbers operations pick from: a few, so they meet; the sub-account's are in both models. */
const PICKS: Record<Who, string[]> = {
  main: [NUMBER.onProd, NUMBER.unassigned, NUMBER.appRouted, NUMBER.onStaging, NUMBER.subOnReseller, NUMBER.subUnassigned],
  sub: [NUMBER.subOnReseller, NUMBER.subUnassigned],
};
const APPS = [SEED.numbers.find((n) => n.e164 === NUMBER.appRouted)?.application_id ?? 'app-1', 'app-7'];
const trunk = (id: string): Routing => ({ kind: 'trunk', id });
const app = (id: string): Routing => ({ kind: 'app', id });
/** Where each account's pickers can send a number (its own trunks, an application, or nowhere). */
const TARGETS: Record<Who, Routing[]> = {
  main: [NOWHERE, trunk(TRUNK.prod), trunk(TRUNK.staging), trunk(TRUNK.support), trunk(TRUNK.legacy), app(APPS[1])],
  sub: [NOWHERE, trunk(TRUNK.reseller), app(APPS[0])],
};

const NUMBER_NAME = new Map<string, string>(Object.entries(NUMBER).map(([k, v]) => [v, k]));
const TRUNK_NAME = new Map<string, string>(Object.entries(TRUNK).map(([k, v]) => [v, k]));
const NAMES: Names = {
  number: (e164) => NUMBER_NAME.get(e164) ?? e164,
  routing: (r) =>
    !r ? 'unlisted' : r.kind === 'none' ? 'none' : r.kind === 'trunk' ? `trunk ${TRUNK_NAME.get(r.id) ?? r.id}` : `app ${r.id}`,
};
const LEGEND = [
  ...Object.entries(NUMBER).map(([k, v]) => `${k}=${v}`),
  ...Object.entries(TRUNK).map(([k, v]) => `${k}=${v}`),
].join(' ');

// ---- Operations --------------------------------------------------------------------------------

type FaultOn = 'any' | 'read' | 'trunks' | 'write' | 'assign' | 'unassign';
type FaultKind =
  | '429'
  | '429-lasting'
  | '400'
  | '404'
  | '401'
  | '500'
  | '503'
  | 'reset'
  | 'lost'
  /** Applied, its answer lost, and the reads after it fail: an outcome no read can settle. */
  | 'lost-unread'
  | 'applied-503'
  | 'delay'
  | 'hang'
  | 'applied-hang';
/** How a question is answered: none asked, yes, no, or left open until every other operation of the group has ended (then yes). */
type Ask = 'none' | 'yes' | 'no' | 'open';

type OpSpec =
  | { kind: 'route'; who: Who; e164: string; to: Routing; ask: Ask; at: number }
  | { kind: 'bulk'; who: Who; e164s: string[]; to: Routing; ask: Exclude<Ask, 'none'>; cancelAfter: number; at: number }
  /** `back` 0: Undo Last Routing Change; n: the change recorded n places before the latest (modulo how many there are). */
  | { kind: 'undo'; back: number; at: number }
  | { kind: 'refresh'; who: Who; at: number }
  | { kind: 'signOut'; who: Who; at: number }
  | { kind: 'signIn'; who: Who; at: number }
  /** The proxy setting switched (the clients are rebuilt, the models reloaded). */
  | { kind: 'settings'; at: number }
  /** Made straight in the fake: `to` null releases the number (it leaves every list). */
  | { kind: 'console'; e164: string; to: Routing | null; at: number }
  /** Injected when the group starts (or as its `at`-th request arrives), for the next `times` matching requests. */
  | { kind: 'fault'; on: FaultOn; fault: FaultKind; times: number; at: number };

type Op = OpSpec & { toString(): string; [fc.toStringMethod](): string };

function opText(op: OpSpec): string {
  const at = 'at' in op && op.at > 0 ? `@${op.at} ` : '';
  const asked = (ask: Ask): string => (ask === 'none' ? '' : ` (asked: ${ask})`);
  switch (op.kind) {
    case 'route':
      return `${at}${op.who}: ${NAMES.number(op.e164)} → ${NAMES.routing(op.to)}${asked(op.ask)}`;
    case 'bulk':
      return `${at}${op.who}: bulk [${op.e164s.map((e) => NAMES.number(e)).join(', ')}] → ${NAMES.routing(op.to)}${asked(op.ask)}${op.cancelAfter ? `, cancelled after ${op.cancelAfter}` : ''}`;
    case 'undo':
      return `${at}undo ${op.back ? `latest-${op.back}` : 'last'}`;
    case 'refresh':
    case 'signOut':
    case 'signIn':
      return `${at}${op.kind} ${op.who}`;
    case 'settings':
      return `${at}settings: proxy switched`;
    case 'console':
      return `${at}console: ${NAMES.number(op.e164)} := ${op.to ? NAMES.routing(op.to) : 'released'}`;
    case 'fault':
      return `${at}fault: next ${op.times > 1 ? `${op.times} ` : ''}${op.on} → ${op.fault}`;
  }
}

function asOp(spec: OpSpec): Op {
  const text = (): string => opText(spec);
  return { ...spec, toString: text, [fc.toStringMethod]: text };
}

/** A sequence of groups, printed as a numbered script (the tags in failure reports are `g<group>.<op>`). */
class Scenario {
  constructor(readonly groups: readonly (readonly Op[])[]) {}

  toString(): string {
    return (
      '\n' +
      this.groups.map((g, gi) => `  g${gi}: ${g.map((op, oi) => `[${oi}] ${op.toString()}`).join('  ‖  ')}`).join('\n') +
      '\n'
    );
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }
}

const atArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) });
const whoArb = fc.oneof({ weight: 3, arbitrary: fc.constant<Who>('main') }, { weight: 1, arbitrary: fc.constant<Who>('sub') });
const askArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Ask>('none') },
  { weight: 2, arbitrary: fc.constant<Ask>('yes') },
  { weight: 1, arbitrary: fc.constant<Ask>('no') },
  { weight: 2, arbitrary: fc.constant<Ask>('open') },
);

const routeArb = whoArb.chain((who) =>
  fc.record({
    kind: fc.constant('route' as const),
    who: fc.constant(who),
    e164: fc.constantFrom(...PICKS[who]),
    to: fc.constantFrom(...TARGETS[who]),
    ask: askArb,
    at: atArb,
  }),
);

const bulkArb = whoArb.chain((who) =>
  fc.record({
    kind: fc.constant('bulk' as const),
    who: fc.constant(who),
    // Up to 6 numbers, more than the 3 a run starts at once: a cancel or a stop leaves some unstarted.
    e164s: fc.uniqueArray(fc.constantFrom(...PICKS[who]), { minLength: 2, maxLength: 6 }),
    // The bulk commands route to a trunk, or unassign.
    to: fc.constantFrom(...TARGETS[who].filter((t) => t.kind !== 'app')),
    ask: fc.constantFrom<Exclude<Ask, 'none'>>('yes', 'yes', 'no', 'open'),
    cancelAfter: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
    at: atArb,
  }),
);

const undoArb = fc.record({
  kind: fc.constant('undo' as const),
  back: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  at: atArb,
});
const accountOpArb = fc.record({
  kind: fc.constantFrom('refresh' as const, 'refresh' as const, 'signOut' as const, 'signIn' as const),
  who: whoArb,
  at: atArb,
});
const settingsArb = fc.record({ kind: fc.constant('settings' as const), at: atArb });

const routingArb: fc.Arbitrary<Routing> = fc.oneof(
  fc.constant<Routing>(NOWHERE),
  fc.constantFrom(...Object.values(TRUNK)).map((id): Routing => trunk(id)),
  fc.constantFrom(...APPS).map((id): Routing => app(id)),
);
const consoleArb = fc.record({
  kind: fc.constant('console' as const),
  e164: fc.constantFrom(...PICKS.main),
  to: fc.oneof({ weight: 6, arbitrary: routingArb }, { weight: 1, arbitrary: fc.constant(null) }),
  at: atArb,
});

const faultKindArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant<FaultKind>('429') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('429-lasting') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('400') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('404') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('401') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('500') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('503') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('reset') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('lost') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('lost-unread') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('applied-503') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('delay') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('hang') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('applied-hang') },
);
const faultArb = fc.record({
  kind: fc.constant('fault' as const),
  on: fc.constantFrom<FaultOn>('write', 'any', 'read', 'trunks', 'assign', 'unassign'),
  fault: faultKindArb,
  // 4 and 6: more than a read's 3 retries, so a read fails (an outcome left unknown, a stranded move).
  times: fc.constantFrom(1, 2, 4, 6),
  at: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
});

const opArb: fc.Arbitrary<Op> = fc
  .oneof(
    { weight: 30, arbitrary: routeArb },
    { weight: 9, arbitrary: bulkArb },
    { weight: 14, arbitrary: undoArb },
    { weight: 10, arbitrary: accountOpArb },
    { weight: 4, arbitrary: settingsArb },
    { weight: 10, arbitrary: consoleArb },
    { weight: 16, arbitrary: faultArb },
  )
  .map((spec: OpSpec) => asOp(spec));

const scenarioArb = fc
  .array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 })
  .map((groups) => new Scenario(groups));

const ERROR_BODY = { error: 'server error', message: 'Something went wrong on our side.' };

function faultRule(op: Extract<OpSpec, { kind: 'fault' }>): FaultRule {
  const where: Record<FaultOn, Pick<FaultRule, 'method' | 'path'>> = {
    any: {},
    read: { method: 'GET', path: /\/numbers$/ },
    trunks: { method: 'GET', path: '/trunks' },
    write: { path: /\/numbers\/[^/]+\/(assign|application)$/ },
    assign: { method: 'POST', path: '/assign' },
    unassign: { method: 'DELETE', path: '/assign' },
  };
  const fault: Record<FaultKind, Pick<FaultRule, 'fault' | 'afterApply' | 'times'>> = {
    '429': { fault: { type: 'rate-limit', retryAfter: '0' } },
    // More than a write's 3 retries: refused, not applied.
    '429-lasting': { fault: { type: 'rate-limit', retryAfter: '0' }, times: 6 },
    '400': { fault: { type: 'status', status: 400, body: { error: 'invalid request', message: 'The request is invalid.' } } },
    '404': { fault: { type: 'status', status: 404, body: { error: 'Not found', message: 'The resource does not exist.' } } },
    '401': { fault: { type: 'status', status: 401, body: { error: 'unauthorized', message: 'Invalid credentials.' } } },
    '500': { fault: { type: 'status', status: 500, body: ERROR_BODY } },
    '503': { fault: { type: 'status', status: 503, body: ERROR_BODY } },
    reset: { fault: { type: 'reset' } },
    lost: { fault: { type: 'reset' }, afterApply: true },
    'lost-unread': { fault: { type: 'reset' }, afterApply: true },
    'applied-503': { fault: { type: 'status', status: 503, body: ERROR_BODY }, afterApply: true },
    delay: { fault: { type: 'delay', ms: 15 } },
    hang: { fault: { type: 'hang' } },
    'applied-hang': { fault: { type: 'hang' }, afterApply: true },
  };
  return { ...where[op.on], times: op.times, ...fault[op.fault] };
}

/** The group request an operation waits for (0: it starts with the group). */
function atOf(op: OpSpec): number {
  return op.at;
}

function setRouting(n: { trunk_group_id?: string; application_id?: string }, to: Routing): void {
  delete n.trunk_group_id;
  delete n.application_id;
  if (to.kind === 'trunk') n.trunk_group_id = to.id;
  if (to.kind === 'app') n.application_id = to.id;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// ---- One run of a scenario ---------------------------------------------------------------------

/** What the sequences reached, counted (printed after the property: which outcomes and stops it met, how often). */
const REACHED = new Map<string, number>();
function reached(what: string): void {
  REACHED.set(what, (REACHED.get(what) ?? 0) + 1);
}

/** One sequence against the fake: its accounts, what each operation asked and was told, and the checks. */
class Run {
  readonly intents: Intent[] = [];
  readonly loads: { tag: string; authId: string; end: number }[] = [];
  readonly consoleChanges: { e164: string; clock: number }[] = [];
  readonly reported: ReportedOutcome[] = [];
  readonly signOuts: SignOut[] = [];
  /** The runs (bulk and undo) and the settings changes, in the order of operations; with a change, how many clients were built by then. */
  readonly runs: { tag: string; seq: number }[] = [];
  readonly settingsChanges: { seq: number; clients: number }[] = [];
  /** The undo records the changes returned, in the order they ended. */
  readonly records: number[] = [];
  /** When the change of each record began (as ReportedOutcome.started). */
  readonly #recordStarted = new Map<number, number>();
  readonly outcomes: string[] = [];
  /** Every operation and sign-out, in the order they began (ReportedOutcome.started, SignOut.at). */
  #seq = 0;
  /** What each request was answered, or where a write left its number. */
  readonly #answered = new WeakMap<LoggedRequest, Answered>();
  /** Called as each request reaches the fake, before it is answered (starts `@n` operations). */
  #onArrival: () => void = () => undefined;
  /** Questions left open (`ask: 'open'`), answered once every other operation of the group has ended. */
  readonly #openQuestions: (() => void)[] = [];
  #onQuestion: () => void = () => undefined;
  #env: ReturnType<typeof accountsOn> | undefined;
  #proxyOn = false;
  /** A 'lost-unread' fault waits for its write: then the reads fail. */
  #readsFailAfterLost = false;

  constructor(
    readonly fake: FakeVobiz,
    readonly tags: OpTags,
  ) {}

  get env(): ReturnType<typeof accountsOn> {
    if (!this.#env) throw new Error('not set up');
    return this.#env;
  }

  session(who: Who): AccountSession | undefined {
    return this.env.accounts.get(CREDENTIALS[who].authId);
  }

  async setUp(): Promise<void> {
    this.fake.reset();
    this.fake.variants.numbersServedPerPage = PAGE;
    // A gate that never holds: a hook on every request, run just before the fake answers it.
    this.fake.hold({
      when: (entry) => {
        this.#onArrival();
        if (entry.method === 'GET' && /\/numbers$/.test(entry.path)) {
          this.#answered.set(entry, this.#snapshot(entry.query.search));
        }
        return false;
      },
    });
    this.fake.onApplied = (entry) => {
      const e164 = /\/numbers\/([^/]+)\//.exec(entry.path)?.[1];
      if (e164) this.#answered.set(entry, { left: serverRouting(this.fake.number(e164)) });
      if (entry.fault && this.#readsFailAfterLost) {
        // A lost answer ('lost-unread'): the reads that would settle it fail too (more than their retries).
        this.#readsFailAfterLost = false;
        this.fake.inject({ method: 'GET', path: /\/numbers$/, times: 8, fault: { type: 'status', status: 503 } });
      }
    };
    this.#env = accountsOn(this.fake.baseUrl, { createClient: (_settings, log) => this.tags.factory(log, CLIENT) });
    const main = await this.#env.accounts.signIn(CREDENTIALS.main);
    const sub = await this.#env.accounts.signIn(CREDENTIALS.sub);
    await Promise.all([main.load(), sub.load()]);
    assert.equal(main.model.status, 'ready');
    assert.equal(sub.model.status, 'ready');
    this.fake.clearRequests();
  }

  #snapshot(search: string | undefined): Answered {
    if (search) return { saw: serverRouting(this.fake.number(search)) };
    return { listed: new Map(ALL_NUMBERS.map((e164) => [e164, serverRouting(this.fake.number(e164))])) };
  }

  tearDown(): void {
    this.#onArrival = () => undefined;
    this.fake.onApplied = undefined;
    for (const answer of this.#openQuestions.splice(0)) answer();
    this.#env?.accounts.dispose();
  }

  async play(scenario: Scenario): Promise<void> {
    for (const [gi, group] of scenario.groups.entries()) {
      await this.#group(group, gi);
      this.check(`after group g${gi}`);
    }
  }

  /**
   * Starts a group's operations (faults and console changes first, `@n` ones as the n-th request
   * arrives) and waits for all. When every running operation waits on an open question, the waiting
   * `@n` operations start; when none is left, the open questions are answered.
   */
  async #group(ops: readonly Op[], gi: number): Promise<void> {
    const tagged = ops.map((op, oi) => ({ op, tag: `g${gi}.${oi}` }));
    const waiting = tagged.filter(({ op }) => atOf(op) > 0).sort((a, b) => atOf(a.op) - atOf(b.op));
    let running = 0;
    let arrived = 0;
    let idle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (idle = resolve));
    const launch = ({ op, tag }: { op: Op; tag: string }, deferred: boolean): void => {
      if (op.kind === 'fault') {
        if (op.fault === 'lost-unread') this.#readsFailAfterLost = true;
        return this.fake.inject(faultRule(op));
      }
      if (op.kind === 'console') return this.#console(op, tag);
      running++;
      const go = (): void => void this.#execute(op, tag, gi).finally(() => (running--, settle()));
      if (deferred) queueMicrotask(go);
      else go();
    };
    const settle = (): void => {
      const blocked = (): boolean => running === this.#openQuestions.length;
      while (blocked() && waiting.length) launch(waiting.shift()!, false);
      if (blocked() && this.#openQuestions.length) {
        for (const answer of this.#openQuestions.splice(0)) answer();
        return;
      }
      if (running === 0) idle();
    };
    this.#onQuestion = () => queueMicrotask(settle);
    this.#onArrival = () => {
      arrived++;
      while (waiting.length && atOf(waiting[0].op) <= arrived) launch(waiting.shift()!, true);
    };
    for (const t of tagged) if ((t.op.kind === 'fault' || t.op.kind === 'console') && atOf(t.op) === 0) launch(t, false);
    for (const t of tagged) if (t.op.kind !== 'fault' && t.op.kind !== 'console' && atOf(t.op) === 0) launch(t, false);
    settle();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `group g${gi} did not settle within ${GROUP_DEADLINE_MS} ms (${running} operations running, ${this.#openQuestions.length} questions open)\n${this.outcomes.join('\n')}`,
            ),
          ),
        GROUP_DEADLINE_MS,
      );
    });
    try {
      await Promise.race([settled, deadline]);
    } finally {
      clearTimeout(timer);
      this.#onArrival = () => undefined;
    }
  }

  #console(op: Extract<OpSpec, { kind: 'console' }>, tag: string): void {
    const n = this.fake.number(op.e164);
    if (!n) return void this.outcomes.push(`${tag} console: ${NAMES.number(op.e164)} is already released`);
    if (op.to) setRouting(n, op.to);
    else this.fake.numbers.splice(this.fake.numbers.indexOf(n), 1);
    const clock = this.fake.requests.length;
    this.consoleChanges.push({ e164: op.e164, clock });
    this.outcomes.push(
      `${tag} console set ${NAMES.number(op.e164)} to ${op.to ? NAMES.routing(op.to) : 'released'} before request #${clock}`,
    );
  }

  async #execute(op: Op, tag: string, group: number): Promise<void> {
    const started = ++this.#seq;
    try {
      this.outcomes.push(`${tag} ${await this.tags.run(tag, () => this.#run(op, tag, group, started))}`);
    } catch (err) {
      this.outcomes.push(`${tag} failed: ${reasonOf(err)}`);
    }
  }

  #run(op: Op, tag: string, group: number, started: number): Promise<string> {
    switch (op.kind) {
      case 'route':
        return this.#route(op, tag, group, started);
      case 'bulk':
        return this.#bulk(op, tag, group, started);
      case 'undo':
        return this.#undo(op, tag, group, started);
      case 'refresh':
        return this.#refresh(op.who, tag);
      case 'signOut':
        return this.#signOut(op.who);
      case 'signIn':
        return this.#signIn(op.who, tag);
      case 'settings':
        return this.#settings();
      default:
        return Promise.resolve('(not an operation)');
    }
  }

  /** A question: answered as the operation says; an open one waits until every other operation of the group has ended. */
  #question(ask: Ask): (() => Promise<boolean>) | undefined {
    if (ask === 'none') return undefined;
    if (ask !== 'open') return () => new Promise<boolean>((resolve) => setImmediate(() => resolve(ask === 'yes')));
    return () =>
      new Promise<boolean>((resolve) => {
        this.#openQuestions.push(() => resolve(true));
        this.#onQuestion();
      });
  }

  /** An account the commands could act on: signed in and loaded (as the pickers wait for it). */
  async #usable(who: Who): Promise<AccountSession | undefined> {
    const session = this.session(who);
    await session?.whenUsable();
    return session && !session.disposed && session.model.status === 'ready' ? session : undefined;
  }

  #report(
    tag: string,
    group: number,
    started: number,
    op: 'change' | 'undo',
    report: ChangeReport,
    to: (e164: string) => Routing,
    recordId?: number,
  ): void {
    if (op === 'change' && report.record) {
      this.records.push(report.record.id);
      this.#recordStarted.set(report.record.id, started);
    }
    if (report.stopped) reached(`stopped: ${report.stopped.reason}`);
    for (const outcome of report.outcomes) {
      reached(`${op} ${outcome.kind}`);
      this.reported.push({
        tag,
        group,
        op,
        outcome,
        to: to(outcome.e164),
        recordId: op === 'change' ? report.record?.id : recordId,
        started,
      });
    }
  }

  /** As the single commands: `expected` where this account's model shows it; the question asked with the number as read. */
  async #route(op: Extract<OpSpec, { kind: 'route' }>, tag: string, group: number, started: number): Promise<string> {
    const session = await this.#usable(op.who);
    const expected = routingOf(session?.model.number(op.e164));
    if (!session || !expected) return `${op.who} does not show ${NAMES.number(op.e164)}`;
    const intent = { tag, e164: op.e164, expected, undo: false };
    this.intents.push(intent);
    const ask = this.#question(op.ask);
    const confirm = ask && ((now: VobizNumber) => ((intent.expected = routingOf(now) ?? expected), ask()));
    const report = await this.env.accounts.changes.change({ session, e164: op.e164, to: op.to, expected, confirm });
    this.#report(tag, group, started, 'change', report, () => op.to);
    return `${report.outcomes[0].kind}: ${report.message}${report.record ? ` (record ${report.record.id})` : ''}`;
  }

  /** As the bulk commands: re-read before the question, those not already there confirmed and run, maybe cancelled. */
  async #bulk(op: Extract<OpSpec, { kind: 'bulk' }>, tag: string, group: number, started: number): Promise<string> {
    const session = await this.#usable(op.who);
    const shown = op.e164s.flatMap((e164) => session?.model.number(e164) ?? []);
    if (!session || !shown.length) return `${op.who} shows none of them`;
    // As the bulk commands: the run goes to the API the question is asked against.
    this.runs.push({ tag, seq: ++this.#seq });
    const confirmedAt = this.env.accounts.changes.generationsOf([session.authId]);
    const numbers = await this.env.accounts.changes.readForQuestion(session, shown, async () => {
      await session.load();
      if (session.model.status !== 'ready' || session.model.refreshError) {
        throw new Error('the account could not be re-read first');
      }
    });
    const todo = numbers.filter((n) => (op.to.kind === 'none' ? !!n.trunk_group_id : !sameRouting(routingOf(n), op.to)));
    if (!todo.length) return 'nothing to do';
    if (!(await this.#question(op.ask)!())) return 'declined';
    for (const n of todo) this.intents.push({ tag, e164: n.e164, expected: routingOf(n)!, undo: false });
    let settled = 0;
    const report = await this.env.accounts.changes.changeMany(session, todo, op.to, {
      onSettled: (done) => (settled = done),
      isCancelled: () => op.cancelAfter > 0 && settled >= op.cancelAfter,
      confirmedAt,
    });
    this.#report(tag, group, started, 'change', report, () => op.to);
    return `${report.message}${report.record ? ` (record ${report.record.id})` : ''}`;
  }

  /** As Undo: the last change (or an earlier one), nothing asked when nothing is left to undo. */
  async #undo(op: Extract<OpSpec, { kind: 'undo' }>, tag: string, group: number, started: number): Promise<string> {
    const { history } = this.env.accounts.changes;
    const id =
      op.back === 0 ? history.last?.id : this.records[this.records.length - 1 - (op.back % Math.max(1, this.records.length))];
    const record = id === undefined ? undefined : history.get(id);
    if (!record) return 'undo: nothing to undo';
    const steps = history.undoable(record);
    if (!steps.length) return `undo of record ${record.id}: nothing undoable (${history.nothingToUndo(record).why})`;
    const before = new Map<string, RoutingStep>(steps.map((s) => [s.e164, s]));
    for (const s of steps) this.intents.push({ tag, e164: s.e164, expected: s.after, undo: true });
    this.runs.push({ tag, seq: ++this.#seq });
    const report = await this.env.accounts.changes.undo(record);
    this.#report(tag, group, started, 'undo', report, (e164) => before.get(e164)?.before ?? NOWHERE, record.id);
    return `undo of record ${record.id}: ${report.message}`;
  }

  async #refresh(who: Who, tag: string): Promise<string> {
    const session = this.session(who);
    if (!session) return `${who} is signed out`;
    await session.load();
    const { status, error, refreshError } = session.model;
    if (status === 'ready' && !refreshError) this.loads.push({ tag, authId: session.authId, end: this.fake.requests.length });
    const why = error ?? refreshError;
    return `refresh ${who}: ${refreshError ? 'failed, the last load kept' : status}${why ? ` (${why.message})` : ''}`;
  }

  async #signOut(who: Who): Promise<string> {
    if (!this.session(who)) return `${who} is signed out already`;
    await this.env.accounts.signOut(CREDENTIALS[who].authId);
    // When it took effect: an operation that began before (while it was on its way) may end after it.
    this.signOuts.push({ authId: CREDENTIALS[who].authId, at: ++this.#seq });
    return `signed out of ${who}`;
  }

  async #signIn(who: Who, tag: string): Promise<string> {
    await this.env.accounts.signIn(CREDENTIALS[who]);
    return `signed in to ${who}; ${await this.#refresh(who, tag)}`;
  }

  async #settings(): Promise<string> {
    this.#proxyOn = !this.#proxyOn;
    this.env.settings.proxySettings = { proxy: this.#proxyOn ? PROXY : undefined, noProxy: [], strictSSL: true };
    this.settingsChanges.push({ seq: ++this.#seq, clients: this.tags.clients });
    this.env.accounts.applySettings();
    await this.env.accounts.whenLoaded();
    return `proxy ${this.#proxyOn ? 'on' : 'off'}`;
  }

  trace(): Trace {
    return {
      requests: this.fake.requests.map((entry, i) => traceRequest(entry, i, this.#answered.get(entry))),
      intents: this.intents,
      loads: this.loads,
      console: this.consoleChanges,
      models: this.env.accounts
        .list()
        .filter((s) => s.model.status === 'ready')
        .map((s) => ({
          authId: s.authId,
          shows: new Map(HOLDS[s.authId].map((e164) => [e164, routingOf(s.model.number(e164))])),
        })),
      server: new Map(ALL_NUMBERS.map((e164) => [e164, serverRouting(this.fake.number(e164))])),
    };
  }

  /** Throws, with what happened, when a claim does not hold. */
  check(when: string): void {
    const trace = this.trace();
    const problems = [
      ...violations(trace, NAMES),
      ...outcomeViolations(trace, this.reported, NAMES),
      ...retryViolations(trace, NAMES),
      ...lostRecords(this.reported, this.signOuts, NAMES),
      ...this.#historyViolations(trace),
      ...this.#settingsViolations(trace),
    ];
    if (!problems.length) return;
    throw new Error(
      [
        `${when}:`,
        ...problems,
        '--- operations (tag: outcome):',
        ...this.outcomes,
        '--- requests (#index [tag] account what → status):',
        ...trace.requests.map((r) => describeRequest(r, NAMES)),
        `--- names: ${LEGEND}`,
      ].join('\n'),
    );
  }

  /** The latest change of each number can be undone (unless the server changed it since), by it alone; Undo Last names the latest. */
  #historyViolations(trace: Trace): string[] {
    const { history } = this.env.accounts.changes;
    const out: string[] = [];
    const owners = expectedOwners(trace, this.reported, this.signOuts);
    const records = [...new Set(this.records)].flatMap((id) => history.get(id) ?? []);
    const holders = (e164: string): number[] =>
      records.filter((r) => history.undoable(r).some((s) => s.e164 === e164)).map((r) => r.id);
    let latestGroup = -1;
    for (const owner of owners.values()) if (owner.kind === 'record') latestGroup = Math.max(latestGroup, owner.group);
    const lastCandidates = new Set<number>();
    for (const [e164, owner] of owners) {
      const held = holders(e164);
      const name = NAMES.number(e164);
      if (owner.kind === 'ambiguous') {
        if (held.length > 1) out.push(`history: ${name} can be undone by records ${held.join(', ')}, more than one`);
        held.forEach((id) => lastCandidates.add(id));
      } else if (owner.kind === 'none' && held.length) {
        out.push(`history: ${name} can be undone by record ${held.join(', ')}, though no change owns it now`);
      } else if (owner.kind === 'record') {
        if (held.length !== 1 || held[0] !== owner.recordId) {
          out.push(`history: ${name}'s latest change is record ${owner.recordId}, but it can be undone by [${held.join(', ')}]`);
        }
        if (owner.group === latestGroup) lastCandidates.add(owner.recordId);
      }
    }
    const last = history.last?.id;
    if (last === undefined ? lastCandidates.size > 0 : !lastCandidates.has(last)) {
      out.push(`history: Undo Last names record ${last ?? 'none'}, not one of [${[...lastCandidates].join(', ')}]`);
    }
    for (const record of records) {
      const accounts = new Set(record.steps.map((s) => s.authId));
      const started = this.#recordStarted.get(record.id) ?? 0;
      const cleared = [...accounts].every((a) => this.signOuts.some((s) => s.authId === a && s.at > started));
      if (cleared && !history.undoable(record).length && history.nothingToUndo(record).why !== 'signedOut') {
        out.push(`history: record ${record.id}'s account signed out, but its Undo would not say so`);
      }
    }
    return out;
  }

  /** A run goes to the API it was confirmed against: it writes nothing on a client built after a settings change. */
  #settingsViolations(trace: Trace): string[] {
    const out: string[] = [];
    for (const run of this.runs) {
      const change = this.settingsChanges.find((c) => c.seq > run.seq);
      if (!change) continue;
      const late = trace.requests.find((r) => r.tag === run.tag && r.kind === 'write' && (r.client ?? 0) > change.clients);
      if (late) {
        out.push(`settings: ${run.tag} sent ${describeRequest(late, NAMES)} on a client built after the settings changed`);
      }
    }
    return out;
  }
}

/** Plays a scenario, checking after every group; returns the run (what each operation was told). */
async function runScenario(fake: FakeVobiz, tags: OpTags, scenario: Scenario): Promise<Run> {
  const run = new Run(fake, tags);
  try {
    await run.setUp();
    await run.play(scenario);
  } finally {
    run.tearDown();
  }
  return run;
}

// ---- The tests ---------------------------------------------------------------------------------

describe('session: routing changes under random concurrent sequences (property, plain Node, the real change service)', () => {
  const fake = new FakeVobiz();
  /** One connection pool for every run's clients. */
  const tags = new OpTags();
  before(() => fake.start());
  after(async () => {
    await tags.close();
    await fake.stop();
  });

  const seed = envInt('VOBIZ_SEED') ?? Math.floor(Math.random() * 0x7fffffff);
  const numRuns = envInt('VOBIZ_RUNS') ?? 300;
  const path = process.env.VOBIZ_PATH?.trim() || undefined;

  it(`queues, checked writes, true outcomes, an undo history that follows the writes and models that follow the server hold over ${numRuns} sequences (seed ${seed})`, async function () {
    this.timeout(60_000 + numRuns * 400);
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => void (await runScenario(fake, tags, scenario))),
      { seed, numRuns, path, endOnFailure: path !== undefined },
    );
    const counts = [...REACHED].sort(([a], [b]) => a.localeCompare(b)).map(([what, n]) => `${what} ${n}`);
    console.log(`      reached: ${counts.join(', ')}`);
  });

  /** Scenarios worth keeping whatever the seed: the paths earlier versions of this test found, written out. */
  describe('scenarios', () => {
    /** Plays the groups (the claims checked after each), then `expect` on what the operations were told: the case was reached. */
    const play = async (groups: OpSpec[][], expect?: (told: (tag: string) => ReportedOutcome[]) => void): Promise<void> => {
      const run = await runScenario(fake, tags, new Scenario(groups.map((g) => g.map(asOp))));
      const told = (tag: string): ReportedOutcome[] => run.reported.filter((r) => r.tag === tag);
      try {
        expect?.(told);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${run.outcomes.join('\n')}`, { cause: err });
      }
    };
    const kinds = (told: ReportedOutcome[]): string[] => told.map((r) => r.outcome.kind);

    it('a refresh overlapping a change keeps the change (its pages were read before the change)', () =>
      play([
        [
          { kind: 'refresh', who: 'sub', at: 0 },
          { kind: 'route', who: 'main', e164: NUMBER.subUnassigned, to: trunk(TRUNK.legacy), ask: 'none', at: 2 },
        ],
      ]));

    it("a page newer than a change's read: the console moved the number between them", () =>
      play([
        [
          { kind: 'refresh', who: 'main', at: 0 },
          { kind: 'route', who: 'sub', e164: NUMBER.subOnReseller, to: NOWHERE, ask: 'none', at: 1 },
          { kind: 'console', e164: NUMBER.subOnReseller, to: trunk(TRUNK.reseller), at: 4 },
        ],
      ]));

    it('a question left open does not hold the number: a refresh and another change go on meanwhile', () =>
      play([
        [
          { kind: 'route', who: 'main', e164: NUMBER.onProd, to: trunk(TRUNK.staging), ask: 'open', at: 0 },
          { kind: 'route', who: 'main', e164: NUMBER.onProd, to: NOWHERE, ask: 'none', at: 1 },
          { kind: 'refresh', who: 'main', at: 1 },
        ],
        [{ kind: 'undo', back: 0, at: 0 }],
      ]));

    it('a bulk run and a later single change: Undo Last undoes the single change', () =>
      play([
        [
          { kind: 'fault', on: 'read', fault: 'delay', times: 2, at: 0 },
          {
            kind: 'bulk',
            who: 'main',
            e164s: [NUMBER.unassigned, NUMBER.onStaging],
            to: trunk(TRUNK.support),
            ask: 'yes',
            cancelAfter: 0,
            at: 0,
          },
          { kind: 'route', who: 'main', e164: NUMBER.onProd, to: trunk(TRUNK.legacy), ask: 'none', at: 3 },
        ],
        [{ kind: 'undo', back: 0, at: 0 }],
      ]));

    it('an undo refused (503 on its read) can be tried again', () =>
      play(
        [
          [{ kind: 'route', who: 'main', e164: NUMBER.onStaging, to: trunk(TRUNK.prod), ask: 'none', at: 0 }],
          [
            { kind: 'fault', on: 'read', fault: '503', times: 4, at: 0 },
            { kind: 'undo', back: 0, at: 0 },
          ],
          [{ kind: 'undo', back: 0, at: 0 }],
        ],
        (told) => {
          assert.deepEqual(kinds(told('g1.1')), ['notApplied']);
          assert.deepEqual(kinds(told('g2.0')), ['applied']);
        },
      ));

    it('sign-out and sign-in during a bulk run, then Undo', () =>
      play([
        [
          {
            kind: 'bulk',
            who: 'sub',
            e164s: [NUMBER.subOnReseller, NUMBER.subUnassigned],
            to: NOWHERE,
            ask: 'yes',
            cancelAfter: 0,
            at: 0,
          },
          { kind: 'signOut', who: 'sub', at: 2 },
          { kind: 'signIn', who: 'sub', at: 4 },
        ],
        [{ kind: 'undo', back: 0, at: 0 }],
      ]));

    const bulkOfFour: OpSpec = {
      kind: 'bulk',
      who: 'main',
      e164s: [NUMBER.onProd, NUMBER.unassigned, NUMBER.onStaging, NUMBER.subUnassigned],
      to: trunk(TRUNK.legacy),
      ask: 'yes',
      cancelAfter: 0,
      at: 0,
    };

    it('the settings change while a bulk run is asked about (its re-read): nothing of it is sent', () =>
      play([[bulkOfFour, { kind: 'settings', at: 3 }]], (told) => {
        assert.deepEqual(kinds(told('g0.0')), ['notStarted', 'notStarted', 'notStarted', 'notStarted']);
      }));

    it('the settings change during a bulk run: the rest is not sent', () =>
      play(
        [[{ kind: 'fault', on: 'write', fault: 'delay', times: 4, at: 0 }, bulkOfFour, { kind: 'settings', at: 6 }]],
        (told) => {
          assert.ok(kinds(told('g0.1')).includes('notStarted'), kinds(told('g0.1')).join());
        },
      ));

    it("a number released in the main account leaves the sub-account's view", () =>
      play([
        [{ kind: 'console', e164: NUMBER.subOnReseller, to: null, at: 0 }],
        [{ kind: 'route', who: 'main', e164: NUMBER.subOnReseller, to: NOWHERE, ask: 'none', at: 0 }],
      ]));

    it('a move whose assign is lost and whose re-read fails is not put back blindly', () =>
      play(
        [
          [
            { kind: 'fault', on: 'assign', fault: 'lost', times: 1, at: 0 },
            { kind: 'route', who: 'main', e164: NUMBER.onProd, to: trunk(TRUNK.staging), ask: 'none', at: 0 },
            // As the assign arrives: the reads after it fail.
            { kind: 'fault', on: 'read', fault: '503', times: 4, at: 3 },
          ],
          [{ kind: 'refresh', who: 'main', at: 0 }],
        ],
        (told) => assert.deepEqual(kinds(told('g0.1')), ['unknown']),
      ));
  });
});
