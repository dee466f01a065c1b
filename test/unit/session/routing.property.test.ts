/**
 * The routing concurrency claims, tested on random sequences (fast-check: seeded, shrinking,
 * replayable) in plain Node: real Accounts with two signed-in accounts (the main account and its
 * sub-account, whose numbers both models hold) against one fake Vobiz, reset for each sequence.
 *
 * A sequence is a list of groups; the operations of a group start together (some only when the
 * group's n-th request reaches the fake: `@n`) and the group settles before the next starts.
 * Operations: route a number (assign / unassign / move, `expected` where that account's model shows
 * it, as the commands do), bulk routes through runBounded (concurrency 3), undo of an earlier
 * recorded change (every change recorded in an UndoHistory as the commands do), refresh of an
 * account, console changes made straight in the fake's state, and faults for the next request(s).
 *
 * After each sequence, from the fake's request log (each request tagged with the operation that
 * sent it) and the models (test/support/routingTrace.ts):
 *   0. the requests about a number come one operation's block after another's (one queue per number);
 *   1. every model shows every number where the server has it, except numbers the console changed,
 *      or whose last operation left the state unknown, after that model last read them;
 *   2. an operation's first write to a number follows its own read of it showing where it expected
 *      it: an undo never changes a number that moved since;
 *   3. no write is sent twice without a read of the number between (unless answered 429).
 *
 * Replay: the test's title names its seed; `VOBIZ_SEED=<seed> npm run test:unit` runs the same
 * sequences (VOBIZ_RUNS: how many, default 300; VOBIZ_PATH: fast-check's path of a shrunk case;
 * VOBIZ_STRICT=1: without the excuse for the known defect, see KNOWN_DEFECTS). The sequences are
 * replayed exactly, the timing between requests is not: a failure that depends on a narrow race
 * may need a few runs (a hang or delay fault in the counterexample widens it).
 * Each request carries its operation's tag (`g<group>.<op>`) in the query (test/support/taggedClients.ts).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { runBounded } from '../../../src/model/bulkRun';
import { routingOf, toTrunk } from '../../../src/model/routing';
import type { Routing } from '../../../src/model/routing';
import { UndoHistory } from '../../../src/model/undoHistory';
import type { ChangeRecord, RoutingStep } from '../../../src/model/undoHistory';
import type { AccountSession } from '../../../src/session/accountSession';
import { undoRecord } from '../../../src/session/undo';
import { FakeVobiz } from '../../fake-vobiz/server';
import type { FaultRule, LoggedRequest } from '../../fake-vobiz/server';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK, sandboxSeed } from '../../fake-vobiz/seed';
import { accountsOn } from '../../support/editorStandIns';
import {
  checkedWriteViolations,
  describeRequest,
  duplicateWriteViolations,
  modelViolations,
  queueViolations,
  serverRouting,
  traceRequest,
  violations,
} from '../../support/routingTrace';
import type { Answered, Intent, ModelCheckOptions, Names, Trace, TracedRequest } from '../../support/routingTrace';
import { OpTags } from '../../support/taggedClients';
import { waitFor } from '../../support/wait';

const MAIN = { authId: SANDBOX.authId, authToken: SANDBOX.authToken };
const SUB = { authId: SANDBOX.subAuthId, authToken: SANDBOX.subAuthToken };
/** Short timeouts and backoffs: a hang costs one timeout, a retry a few ms. */
const CLIENT = { timeoutMs: 250, retry: { baseDelayMs: 1, maxDelayMs: 20 } };
const BULK_CONCURRENCY = 3;
/**
 * A refresh that overlapped a change of one of its numbers used to leave the model showing the
 * routing from before the change (the regression tests at the end). Fixed: the property checks
 * without any excuse (the checker still knows the excuse, for its own self-test).
 */
const KNOWN_DEFECTS: ModelCheckOptions = { excuseRefreshOverwrite: false };
/** Where the property found it (replays the shrunk counterexample it printed). */
const DEFECT_SEED = { seed: 1719808301, path: '52:1:4:3:4:4:6:6:6:6:6:6:6:3:7:7' };
/**
 * A read made by a change while a refresh's pages were on their way, then a page asked for after it
 * that says otherwise (the console changed the number between the two): the model kept the older
 * read. Now such a number is read again when the list ends.
 */
const DISPUTED_READ_SEED = { seed: 333416501, path: '223:1:4:3:3:3:8:10:10:11:11:11:11' };
/** A group that has not settled by then is a failure (a deadlock), not a hang of the suite. */
const GROUP_DEADLINE_MS = 10_000;

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
const MAIN_PICKS = [
  NUMBER.onProd,
  NUMBER.unassigned,
  NUMBER.appRouted,
  NUMBER.onStaging,
  NUMBER.subOnReseller,
  NUMBER.subUnassigned,
];
const SUB_PICKS = [NUMBER.subOnReseller, NUMBER.subUnassigned];
/** Where each account's pickers can send a number (its own trunks, or nowhere). */
const MAIN_TARGETS: (string | null)[] = [null, TRUNK.prod, TRUNK.staging, TRUNK.support, TRUNK.legacy];
const SUB_TARGETS: (string | null)[] = [null, TRUNK.reseller];
const APPS = [SEED.numbers.find((n) => n.e164 === NUMBER.appRouted)?.application_id ?? 'app-1', 'app-7'];

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
type FaultKind = '429' | '500' | '503' | 'reset' | 'lost' | 'applied-503' | 'delay' | 'hang' | 'applied-hang';

type OpSpec =
  /** `to` null: unassign. */
  | { kind: 'route'; who: Who; e164: string; to: string | null; at: number }
  | { kind: 'bulk'; who: Who; e164s: string[]; to: string | null; at: number }
  /** Undo the record `back` places before the latest (modulo how many there are). */
  | { kind: 'undo'; back: number; at: number }
  | { kind: 'refresh'; who: Who; at: number }
  | { kind: 'console'; e164: string; to: Routing; at: number }
  /** Injected when the group starts, for the next `times` matching requests. */
  | { kind: 'fault'; on: FaultOn; fault: FaultKind; times: number };

type Op = OpSpec & { toString(): string; [fc.toStringMethod](): string };

function opText(op: OpSpec): string {
  const at = 'at' in op && op.at > 0 ? `@${op.at} ` : '';
  const target = (to: string | null): string => (to ? NAMES.routing(toTrunk(to)) : 'none');
  switch (op.kind) {
    case 'route':
      return `${at}${op.who}: ${NAMES.number(op.e164)} → ${target(op.to)}`;
    case 'bulk':
      return `${at}${op.who}: bulk [${op.e164s.map((e) => NAMES.number(e)).join(', ')}] → ${target(op.to)}`;
    case 'undo':
      return `${at}undo ${op.back ? `latest-${op.back}` : 'latest'}`;
    case 'refresh':
      return `${at}refresh ${op.who}`;
    case 'console':
      return `${at}console: ${NAMES.number(op.e164)} := ${NAMES.routing(op.to)}`;
    case 'fault':
      return `fault: next ${op.times > 1 ? `${op.times} ` : ''}${op.on} → ${op.fault}`;
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

const routeArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('route' as const),
      who: fc.constant('main' as const),
      e164: fc.constantFrom(...MAIN_PICKS),
      to: fc.constantFrom(...MAIN_TARGETS),
      at: atArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('route' as const),
      who: fc.constant('sub' as const),
      e164: fc.constantFrom(...SUB_PICKS),
      to: fc.constantFrom(...SUB_TARGETS),
      at: atArb,
    }),
  },
);

const bulkArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      who: fc.constant('main' as const),
      e164s: fc.uniqueArray(fc.constantFrom(...MAIN_PICKS), { minLength: 2, maxLength: 4 }),
      to: fc.constantFrom(...MAIN_TARGETS),
      at: atArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      who: fc.constant('sub' as const),
      e164s: fc.constant(SUB_PICKS),
      to: fc.constantFrom(...SUB_TARGETS),
      at: atArb,
    }),
  },
);

const undoArb = fc.record({
  kind: fc.constant('undo' as const),
  back: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  at: atArb,
});
const refreshArb = fc.record({ kind: fc.constant('refresh' as const), who: fc.constantFrom<Who>('main', 'sub'), at: atArb });

const routingArb: fc.Arbitrary<Routing> = fc.oneof(
  fc.constant<Routing>({ kind: 'none' }),
  fc.constantFrom(...Object.values(TRUNK)).map((id): Routing => ({ kind: 'trunk', id })),
  fc.constantFrom(...APPS).map((id): Routing => ({ kind: 'app', id })),
);
const consoleArb = fc.record({
  kind: fc.constant('console' as const),
  e164: fc.constantFrom(...MAIN_PICKS),
  to: routingArb,
  at: atArb,
});

const faultKindArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant<FaultKind>('429') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('500') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('503') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('reset') },
  { weight: 3, arbitrary: fc.constant<FaultKind>('lost') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('applied-503') },
  { weight: 2, arbitrary: fc.constant<FaultKind>('delay') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('hang') },
  { weight: 1, arbitrary: fc.constant<FaultKind>('applied-hang') },
);
const faultArb = fc.record({
  kind: fc.constant('fault' as const),
  on: fc.constantFrom<FaultOn>('write', 'any', 'read', 'trunks', 'assign', 'unassign'),
  fault: faultKindArb,
  times: fc.constantFrom(1, 2),
});

const opArb: fc.Arbitrary<Op> = fc
  .oneof(
    { weight: 30, arbitrary: routeArb },
    { weight: 8, arbitrary: bulkArb },
    { weight: 14, arbitrary: undoArb },
    { weight: 10, arbitrary: refreshArb },
    { weight: 10, arbitrary: consoleArb },
    { weight: 16, arbitrary: faultArb },
  )
  .map((spec: OpSpec) => asOp(spec));

const scenarioArb = fc
  .array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 })
  .map((groups) => new Scenario(groups));

function faultRule(op: Extract<OpSpec, { kind: 'fault' }>): FaultRule {
  const where: Record<FaultOn, Pick<FaultRule, 'method' | 'path'>> = {
    any: {},
    read: { method: 'GET', path: /\/numbers$/ },
    trunks: { method: 'GET', path: '/trunks' },
    write: { path: /\/numbers\/[^/]+\/(assign|application)$/ },
    assign: { method: 'POST', path: '/assign' },
    unassign: { method: 'DELETE', path: '/assign' },
  };
  const error = { error: 'server error', message: 'Something went wrong on our side.' };
  const fault: Record<FaultKind, Pick<FaultRule, 'fault' | 'afterApply'>> = {
    '429': { fault: { type: 'rate-limit', retryAfter: '0' } },
    '500': { fault: { type: 'status', status: 500, body: error } },
    '503': { fault: { type: 'status', status: 503, body: error } },
    reset: { fault: { type: 'reset' } },
    lost: { fault: { type: 'reset' }, afterApply: true },
    'applied-503': { fault: { type: 'status', status: 503, body: error }, afterApply: true },
    delay: { fault: { type: 'delay', ms: 15 } },
    hang: { fault: { type: 'hang' } },
    'applied-hang': { fault: { type: 'hang' }, afterApply: true },
  };
  return { ...where[op.on], ...fault[op.fault], times: op.times };
}

/** The group request an operation waits for (0: it starts with the group; faults always do). */
function atOf(op: OpSpec): number {
  return op.kind === 'fault' ? 0 : op.at;
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

/** One sequence against the fake: its accounts, undo history, and what the checks need. */
class Run {
  readonly history = new UndoHistory();
  readonly records: ChangeRecord[] = [];
  readonly intents: Intent[] = [];
  readonly loads: { tag: string; authId: string; end: number }[] = [];
  readonly consoleChanges: { e164: string; clock: number }[] = [];
  readonly outcomes: string[] = [];
  /** What each read was answered (the numbers as they stood when the read was routed). */
  readonly #answered = new WeakMap<LoggedRequest, Answered>();
  /** Called as each request reaches the fake, before it is answered (starts `@n` operations). */
  #onArrival: () => void = () => undefined;
  #env: ReturnType<typeof accountsOn> | undefined;
  #sessions: Record<Who, AccountSession> | undefined;

  constructor(
    readonly fake: FakeVobiz,
    readonly tags: OpTags,
  ) {}

  get env(): ReturnType<typeof accountsOn> {
    if (!this.#env) throw new Error('not set up');
    return this.#env;
  }

  session(who: Who): AccountSession {
    if (!this.#sessions) throw new Error('not set up');
    return this.#sessions[who];
  }

  async setUp(): Promise<void> {
    this.fake.reset();
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
    this.#env = accountsOn(this.fake.baseUrl, { createClient: (_settings, log) => this.tags.factory(log, CLIENT) });
    const main = await this.#env.accounts.signIn(MAIN);
    const sub = await this.#env.accounts.signIn(SUB);
    this.#sessions = { main, sub };
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
    this.#env?.accounts.dispose();
  }

  async play(scenario: Scenario): Promise<void> {
    for (const [gi, group] of scenario.groups.entries()) await this.#group(group, gi);
  }

  /** Starts a group's operations (faults and console changes first, `@n` ones as the n-th request arrives) and waits for all. */
  async #group(ops: readonly Op[], gi: number): Promise<void> {
    const tagged = ops.map((op, oi) => ({ op, tag: `g${gi}.${oi}` }));
    const waiting = tagged.filter(({ op }) => atOf(op) > 0).sort((a, b) => atOf(a.op) - atOf(b.op));
    let running = 0;
    let arrived = 0;
    let idle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (idle = resolve));
    const launch = ({ op, tag }: { op: Op; tag: string }, deferred: boolean): void => {
      if (op.kind === 'fault') return this.fake.inject(faultRule(op));
      if (op.kind === 'console') return this.#console(op, tag);
      running++;
      const go = (): void => void this.#execute(op, tag).finally(() => (running--, settle()));
      if (deferred) queueMicrotask(go);
      else go();
    };
    const settle = (): void => {
      // Nothing left running: operations still waiting for a request start now.
      while (running === 0 && waiting.length) launch(waiting.shift()!, false);
      if (running === 0) idle();
    };
    this.#onArrival = () => {
      arrived++;
      while (waiting.length && atOf(waiting[0].op) <= arrived) launch(waiting.shift()!, true);
    };
    // Faults and console changes of the group's start first, then the operations, in order.
    for (const t of tagged) if ((t.op.kind === 'fault' || t.op.kind === 'console') && atOf(t.op) === 0) launch(t, false);
    for (const t of tagged) if (t.op.kind !== 'fault' && t.op.kind !== 'console' && atOf(t.op) === 0) launch(t, false);
    settle();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`group g${gi} did not settle within ${GROUP_DEADLINE_MS} ms (${running} operations running)`)),
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
    if (!n) throw new Error(`the fake has no ${op.e164}`);
    setRouting(n, op.to);
    const clock = this.fake.requests.length;
    this.consoleChanges.push({ e164: op.e164, clock });
    this.outcomes.push(`${tag} console set ${NAMES.number(op.e164)} to ${NAMES.routing(op.to)} before request #${clock}`);
  }

  async #execute(op: Op, tag: string): Promise<void> {
    try {
      this.outcomes.push(`${tag} ${await this.#run(op, tag)}`);
    } catch (err) {
      this.outcomes.push(`${tag} failed: ${reasonOf(err)}`);
    }
  }

  #run(op: Op, tag: string): Promise<string> {
    switch (op.kind) {
      case 'route':
        return this.#route(op, tag);
      case 'bulk':
        return this.#bulk(op, tag);
      case 'undo':
        return this.#undo(op, tag);
      case 'refresh':
        return this.#refresh(op, tag);
      default:
        return Promise.resolve('(not an operation)');
    }
  }

  /** As a single command: `expected` where this account's model shows it; recorded for undo, touched on failure. */
  async #route(op: Extract<OpSpec, { kind: 'route' }>, tag: string): Promise<string> {
    const session = this.session(op.who);
    const shown = session.model.number(op.e164);
    const expected = routingOf(shown);
    if (!expected) return `${op.who} does not hold ${NAMES.number(op.e164)}`;
    this.intents.push({ tag, e164: op.e164, expected, undo: false });
    try {
      const result = await this.tags.run(tag, () =>
        session.routing.change({ e164: op.e164, to: toTrunk(op.to ?? undefined), expected }),
      );
      if (!result) return 'declined';
      const record = this.history.record(result.message, [
        { authId: session.authId, e164: op.e164, before: result.before, after: result.after },
      ]);
      if (record) this.records.push(record);
      return `${result.message}${record ? ` (record ${record.id})` : ''}`;
    } catch (err) {
      this.history.touch(session.authId, op.e164);
      throw err;
    }
  }

  /** As the bulk commands: one target for several numbers, `expected` each as its model showed it, 3 at a time. */
  async #bulk(op: Extract<OpSpec, { kind: 'bulk' }>, tag: string): Promise<string> {
    const session = this.session(op.who);
    const plans = op.e164s.flatMap((e164) => {
      const n = session.model.number(e164);
      return n ? [n] : [];
    });
    for (const n of plans) this.intents.push({ tag, e164: n.e164, expected: routingOf(n)!, undo: false });
    const to = toTrunk(op.to ?? undefined);
    const outcome = await this.tags.run(tag, () =>
      runBounded(plans, (n) => session.routing.change({ e164: n.e164, to, expected: routingOf(n) }), {
        concurrency: BULK_CONCURRENCY,
      }),
    );
    const steps: RoutingStep[] = outcome.succeeded.flatMap(({ item, result }) =>
      result ? [{ authId: session.authId, e164: item.e164, before: result.before, after: result.after }] : [],
    );
    for (const f of outcome.failed) this.history.touch(session.authId, f.item.e164);
    const record = this.history.record(`Routed ${steps.length} numbers to ${NAMES.routing(to)}`, steps);
    if (record) this.records.push(record);
    const failed = outcome.failed.map((f) => `${NAMES.number(f.item.e164)}: ${reasonOf(f.error)}`);
    return `bulk: ${steps.map((s) => NAMES.number(s.e164)).join(', ') || 'nothing'} changed${record ? ` (record ${record.id})` : ''}${failed.length ? `; failed ${failed.join('; ')}` : ''}`;
  }

  /** As Undo: the steps no later change touched, each checked and applied inside its number's queue. */
  async #undo(op: Extract<OpSpec, { kind: 'undo' }>, tag: string): Promise<string> {
    if (!this.records.length) return 'undo: nothing recorded';
    const record = this.records[this.records.length - 1 - (op.back % this.records.length)];
    const steps = this.history.undoable(record);
    if (!steps.length) return `undo of record ${record.id}: nothing undoable`;
    for (const s of steps) this.intents.push({ tag, e164: s.e164, expected: s.after, undo: true });
    const report = await this.tags.run(tag, () =>
      undoRecord(this.env.accounts, this.history, record, { concurrency: BULK_CONCURRENCY }),
    );
    return `undo of record ${record.id}: ${report.message}`;
  }

  async #refresh(op: Extract<OpSpec, { kind: 'refresh' }>, tag: string): Promise<string> {
    const session = this.session(op.who);
    await this.tags.run(tag, () => session.load());
    if (session.model.status === 'ready') this.loads.push({ tag, authId: session.authId, end: this.fake.requests.length });
    return `refresh ${op.who}: ${session.model.status}${session.model.error ? ` (${session.model.error.message})` : ''}`;
  }

  trace(): Trace {
    return {
      requests: this.fake.requests.map((entry, i) => traceRequest(entry, i, this.#answered.get(entry))),
      intents: this.intents,
      loads: this.loads,
      console: this.consoleChanges,
      models: (['main', 'sub'] as const).map((who) => {
        const s = this.session(who);
        return { authId: s.authId, shows: new Map(HOLDS[s.authId].map((e164) => [e164, routingOf(s.model.number(e164))])) };
      }),
      server: new Map(ALL_NUMBERS.map((e164) => [e164, serverRouting(this.fake.number(e164))])),
    };
  }

  /** Throws, with what happened, when an invariant does not hold. */
  check(options: ModelCheckOptions = KNOWN_DEFECTS): void {
    const trace = this.trace();
    const problems = violations(trace, NAMES, options);
    if (!problems.length) return;
    throw new Error(
      [
        ...problems,
        '--- operations (tag: outcome):',
        ...this.outcomes,
        '--- requests (#index [tag] account what → status):',
        ...trace.requests.map((r) => describeRequest(r, NAMES)),
        `--- names: ${LEGEND}`,
      ].join('\n'),
    );
  }
}

async function runScenario(fake: FakeVobiz, tags: OpTags, scenario: Scenario, options?: ModelCheckOptions): Promise<void> {
  const run = new Run(fake, tags);
  try {
    await run.setUp();
    await run.play(scenario);
    run.check(options);
  } finally {
    run.tearDown();
  }
}

// ---- The tests ---------------------------------------------------------------------------------

describe('session: routing under random concurrent sequences (property, plain Node)', () => {
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

  it(`queues, checked writes, no blind re-sends and models that follow the server hold over ${numRuns} sequences (seed ${seed})`, async function () {
    this.timeout(60_000 + numRuns * 300);
    await fc.assert(
      fc.asyncProperty(scenarioArb, (scenario) => runScenario(fake, tags, scenario)),
      { seed, numRuns, path, endOnFailure: path !== undefined },
    );
  });

  describe('the checker fails when it should', () => {
    it("a model that does not show the server's routing is reported; one the console changed unseen is excused", async () => {
      const run = new Run(fake, tags);
      try {
        await run.setUp();
        await run.play(
          new Scenario([[asOp({ kind: 'route', who: 'sub', e164: NUMBER.subUnassigned, to: TRUNK.reseller, at: 0 })]]),
        );
        run.check();
        // The console moves a number nobody reads again: excused.
        run.fake.number(NUMBER.onStaging)!.trunk_group_id = TRUNK.prod;
        run.consoleChanges.push({ e164: NUMBER.onStaging, clock: run.fake.requests.length });
        run.check();
        // A model wrong for no reason: reported, naming the account, the number and both routings.
        const main = run.session('main');
        const n = main.model.number(NUMBER.subUnassigned)!;
        main.model.updateNumber(n.e164, { ...n, trunk_group_id: TRUNK.legacy });
        assert.throws(
          () => run.check(),
          (err: Error) =>
            err.message.startsWith(`model: ${SANDBOX.authId} shows subUnassigned on trunk legacy, the server has trunk reseller`),
        );
      } finally {
        run.tearDown();
      }
    });

    const read = (index: number, tag: string, saw: Routing): TracedRequest => ({
      index,
      method: 'GET',
      kind: 'read-one',
      e164: NUMBER.onProd,
      tag,
      status: 200,
      saw,
    });
    const write = (index: number, tag: string, status: number | undefined, trunk = TRUNK.staging): TracedRequest => ({
      index,
      method: 'POST',
      kind: 'write',
      e164: NUMBER.onProd,
      tag,
      status,
      signature: `POST assign {"trunk_group_id":"${trunk}"}`,
    });
    const trace = (requests: TracedRequest[], intents: Intent[] = []): Trace => ({
      requests,
      intents,
      loads: [],
      console: [],
      models: [],
      server: new Map(),
    });
    const onProd: Routing = { kind: 'trunk', id: TRUNK.prod };
    const onStaging: Routing = { kind: 'trunk', id: TRUNK.staging };

    it('an undo that writes a number its read showed moved since is reported', () => {
      const undo: Intent = { tag: 'u', e164: NUMBER.onProd, expected: onStaging, undo: true };
      assert.deepEqual(
        checkedWriteViolations(trace([read(0, 'u', onStaging), write(1, 'u', 204, TRUNK.prod)], [undo]), NAMES),
        [],
      );
      const [problem, ...more] = checkedWriteViolations(
        trace([read(0, 'u', { kind: 'none' }), write(1, 'u', 204, TRUNK.prod)], [undo]),
        NAMES,
      );
      assert.match(
        problem,
        /^undo u wrote onProd .* although its read showed none, not trunk staging where the recorded change left it \(it moved since\)$/,
      );
      assert.deepEqual(more, []);
      // Another operation's read in between is not the undo's own.
      assert.match(
        checkedWriteViolations(trace([read(0, 'u', onStaging), read(1, 'x', onProd), write(2, 'u', 204)], [undo]), NAMES)[0],
        /without reading it just before/,
      );
    });

    it('a write re-sent without a read between is reported, unless the first was answered 429', () => {
      assert.equal(duplicateWriteViolations(trace([write(0, 'a', 503), write(1, 'a', 204)]), NAMES).length, 1);
      assert.equal(duplicateWriteViolations(trace([write(0, 'a', undefined), write(1, 'b', 204)]), NAMES).length, 1);
      assert.deepEqual(duplicateWriteViolations(trace([write(0, 'a', 429), write(1, 'a', 204)]), NAMES), []);
      assert.deepEqual(
        duplicateWriteViolations(trace([write(0, 'a', 503), read(1, 'a', onProd), write(2, 'a', 204)]), NAMES),
        [],
      );
    });

    it("two operations' requests about one number interleaving is reported", () => {
      assert.deepEqual(queueViolations(trace([read(0, 'a', onProd), write(1, 'a', 204), read(2, 'b', onStaging)]), NAMES), []);
      assert.equal(queueViolations(trace([read(0, 'a', onProd), read(1, 'b', onProd), write(2, 'a', 204)]), NAMES).length, 1);
    });

    it('the known-defect excuse covers only a model showing what its own refresh listed, unread since', () => {
      const listed = new Map<string, Routing | undefined>([[NUMBER.onProd, onProd]]);
      const list: TracedRequest = {
        index: 0,
        method: 'GET',
        kind: 'list',
        authId: SANDBOX.authId,
        tag: 'r',
        status: 200,
        listed,
      };
      const stale = (shows: Routing, requests: TracedRequest[]): Trace => ({
        ...trace(requests),
        loads: [{ tag: 'r', authId: SANDBOX.authId, end: 4 }],
        models: [{ authId: SANDBOX.authId, shows: new Map([[NUMBER.onProd, shows]]) }],
        server: new Map([[NUMBER.onProd, onStaging]]),
      });
      const changed = [list, read(1, 'c', onProd), write(2, 'c', 204), read(3, 'c', onStaging)];
      assert.equal(modelViolations(stale(onProd, changed), NAMES).length, 1, 'reported without the excuse');
      assert.deepEqual(modelViolations(stale(onProd, changed), NAMES, { excuseRefreshOverwrite: true }), []);
      assert.equal(
        modelViolations(stale({ kind: 'none' }, changed), NAMES, { excuseRefreshOverwrite: true }).length,
        1,
        'not what the refresh listed',
      );
      assert.equal(
        modelViolations(stale(onProd, [...changed, read(4, 'd', onStaging)]), NAMES, { excuseRefreshOverwrite: true }).length,
        1,
        'read after the refresh ended',
      );
    });
  });

  /**
   * Was a defect, found by the property: AccountSession.load() put its number list in the model when
   * the whole load ended, over numbers that a change re-read and published while the load ran. Now
   * a number changed after a load began keeps its newer state (AccountModel.beginLoad / since).
   */
  describe('regression: a refresh overlapping a change keeps the change', () => {
    it('(deterministic) the list is read, a change from the main account re-reads the number, then the refresh ends', async () => {
      const run = new Run(fake, tags);
      try {
        await run.setUp();
        const [main, sub] = [run.session('main'), run.session('sub')];
        const trunks = fake.hold({ method: 'GET', path: '/trunks', when: (r) => r.authId === SUB.authId });
        const refreshing = sub.load();
        await trunks.whenWaiting(1);
        await waitFor(
          () => fake.requests.some((r) => r.authId === SUB.authId && r.path.endsWith('/numbers') && r.status === 200),
          "the sub-account's number list read",
        );
        await main.routing.change({ e164: NUMBER.subUnassigned, to: toTrunk(TRUNK.legacy), expected: { kind: 'none' } });
        assert.equal(
          sub.model.number(NUMBER.subUnassigned)?.trunk_group_id,
          TRUNK.legacy,
          "the change's re-read reached the sub-account's model",
        );
        trunks.open();
        await refreshing;
        assert.equal(fake.number(NUMBER.subUnassigned)?.trunk_group_id, TRUNK.legacy);
        assert.equal(
          sub.model.number(NUMBER.subUnassigned)?.trunk_group_id,
          TRUNK.legacy,
          'the refresh put back what it had listed before the change',
        );
      } finally {
        run.tearDown();
      }
    });

    it(`(the property's counterexample, checked strictly) seed ${DEFECT_SEED.seed}, path ${DEFECT_SEED.path}`, async function () {
      this.timeout(60_000);
      await fc.assert(
        fc.asyncProperty(scenarioArb, (scenario) => runScenario(fake, tags, scenario, { excuseRefreshOverwrite: false })),
        { ...DEFECT_SEED, endOnFailure: true },
      );
    });

    it(`(a counterexample: a page newer than a change's read) seed ${DISPUTED_READ_SEED.seed}, path ${DISPUTED_READ_SEED.path}`, async function () {
      this.timeout(60_000);
      await fc.assert(
        fc.asyncProperty(scenarioArb, (scenario) => runScenario(fake, tags, scenario, { excuseRefreshOverwrite: false })),
        { ...DISPUTED_READ_SEED, endOnFailure: true },
      );
    });
  });
});
