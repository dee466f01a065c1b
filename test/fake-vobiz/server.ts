/**
 * A fake Vobiz API on node:http, faithful to ../shared/vobiz-api.md: auth/me, list numbers, list and
 * retrieve trunks, assign, unassign; the documented status codes and bodies; switchable §7 variants;
 * fault injection; and a request log the tests read. Used by unit tests, host tests, the sandbox
 * and the benchmark. Control endpoints under `/__fake/` let another process drive it. It speaks
 * plain http on loopback, or https under a name of its own (see `FakeTls`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { sandboxSeed } from './seed';
import type { FakeAccount, FakeNumber, FakeTrunk, Seed } from './seed';

export interface FakeVariants {
  /** Key of the trunk list total: `meta.total` (current), `meta.total_count` (older) or none. */
  trunkTotalKey: 'total' | 'total_count' | 'none';
  /** Field naming a number's owner. */
  ownerField: 'account_id' | 'auth_id';
  /** How an unassigned number's `trunk_group_id` is sent. */
  unassigned: 'absent' | 'null' | 'empty';
  /** Assign success: 204 No Content, or 200 with a JSON body. */
  assignSuccess: 204 | 200;
  /** A server that ignores `offset` on the trunk list (always the first page). */
  ignoreTrunkOffset: boolean;
  /** A server that ignores `page` on the number list (always the first page). */
  ignoreNumberPage: boolean;
  /** Added to the number list's `total` (a stale count: negative undercounts, positive overcounts). */
  numbersTotalOffset: number;
  /**
   * A server that serves this many numbers a page whatever `per_page` asks for, and does not say so
   * (the answer has no `per_page`). Off when absent.
   */
  numbersServedPerPage?: number;
  /**
   * Which casing of the account segment answers (vobiz-api.md §8): `any` (default), `capital-only`
   * (`/Account/`, the current reference) or `lowercase-only` (`/account/`, older docs and the Go
   * and Ruby SDKs). The other casing answers 404.
   */
  pathCasing: 'any' | 'capital-only' | 'lowercase-only';
  /** Every API answer carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`. Off when absent. */
  rateLimitHeaders?: boolean;
  /** The field naming a number's E.164: `e164` (every endpoint sample) or `number` (the SDKs' shared `PhoneNumber` schema). */
  numberField: 'e164' | 'number';
  /**
   * A trunk's field names: `current` (`trunk_id`, `trunk_domain`, `trunk_direction`, `trunk_status`)
   * or `sdk`, the SDKs' shared `Trunk` schema (`id`, `sip_domain`, `trunk_type` INBOUND | OUTBOUND |
   * BOTH, `enabled` true | false), each in the place of the field it stands for.
   */
  trunkDialect: 'current' | 'sdk';
  /** Items added at the end of the number list (counted in its total) that no client can read: no `e164`, no `number`. */
  unreadableNumbers: number;
  /** Items added at the end of the trunk list (counted in its total) that no client can read: no `trunk_id`, no `id`. */
  unreadableTrunks: number;
}

export const DEFAULT_VARIANTS: FakeVariants = {
  trunkTotalKey: 'total',
  ownerField: 'account_id',
  unassigned: 'absent',
  assignSuccess: 204,
  ignoreTrunkOffset: false,
  ignoreNumberPage: false,
  numbersTotalOffset: 0,
  pathCasing: 'any',
  numberField: 'e164',
  trunkDialect: 'current',
  unreadableNumbers: 0,
  unreadableTrunks: 0,
};

export type Fault =
  /** Answer with this status and body instead (body object → JSON; string → as is, with contentType). */
  | { type: 'status'; status: number; body?: unknown; contentType?: string; headers?: Record<string, string> }
  /** 429 with a Retry-After header (seconds, or a date) and/or `details.retryAfter` in the body. */
  | { type: 'rate-limit'; retryAfter?: string; retryAfterInBody?: number }
  /** A gateway's HTML 502 page. */
  | { type: 'html-502' }
  /** A validation error in the newest envelope: `{status: 422, error: {code: "VALIDATION_ERROR", message, details: {errors}}}`. */
  | { type: 'validation'; status?: 400 | 422; errors: { field: string; message: string }[] }
  /** Close the connection without answering. */
  | { type: 'reset' }
  /** Never answer (until the server stops). */
  | { type: 'hang' }
  /** Answer normally after a delay. */
  | { type: 'delay'; ms: number };

export interface FaultRule {
  method?: string;
  /** Substring of, or pattern for, the decoded path (e.g. `/assign`, `/trunks`). */
  path?: string | RegExp;
  /** Query parameters the request must have (e.g. `{ page: '3' }`). */
  query?: Record<string, string>;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** For writes: apply the change first, then fail (the "outcome unknown" case). */
  afterApply?: boolean;
  fault: Fault;
}

/** Which requests a gate holds: method, path part (or pattern) and query, like a fault rule, and any other test. */
export type RequestMatch = Pick<FaultRule, 'method' | 'path' | 'query'> & {
  when?: (request: LoggedRequest) => boolean;
  /**
   * Hold the answer, not the request: the answer is made from the state when the request arrives
   * and sent when the gate opens (a page read before a change, delivered after it).
   */
  answerMadeFirst?: boolean;
};

/**
 * Requests the fake holds unanswered until a test opens the gate: a test that must see a state
 * between two answers (the first pages shown, a bulk run's writes in flight) waits on the gate,
 * not on a latency that may be too short on a busy machine.
 */
export class Gate {
  /** Requests held now. */
  waiting = 0;
  /** Requests that reached the gate since it was made, and the most held at once. */
  arrived = 0;
  mostWaiting = 0;
  #open = false;
  #release: (() => void)[] = [];
  #watchers: (() => void)[] = [];

  constructor(readonly match: RequestMatch) {}

  get isOpen(): boolean {
    return this.#open;
  }

  /** Lets every held request (and every later one) through. */
  open(): void {
    this.#open = true;
    for (const release of this.#release.splice(0)) release();
    this.waiting = 0;
  }

  /**
   * Resolves once `count` requests are held at the gate at the same time; rejects, saying how many
   * came, when they have not after `timeoutMs` (a deadline for a defect, not a wait for state).
   */
  whenWaiting(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.waiting >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.waiting} of ${count} requests reached the gate within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = (): void => {
        if (this.waiting < count) {
          this.#watchers.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      this.#watchers.push(check);
    });
  }

  /** @internal: the fake calls this for a matching request; resolves when the gate opens. */
  pass(): Promise<void> {
    this.arrived++;
    if (this.#open) return Promise.resolve();
    this.waiting++;
    this.mostWaiting = Math.max(this.mostWaiting, this.waiting);
    const held = new Promise<void>((resolve) => this.#release.push(resolve));
    for (const watcher of this.#watchers.splice(0)) watcher();
    return held;
  }
}

function matches(rule: RequestMatch, method: string, path: string, query: Record<string, string>): boolean {
  return (
    (!rule.method || rule.method === method) &&
    (!rule.path || (typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) &&
    Object.entries(rule.query ?? {}).every(([k, v]) => query[k] === v)
  );
}

export interface LoggedRequest {
  method: string;
  /** The raw request target as received (still percent-encoded). */
  url: string;
  /** The decoded path. */
  path: string;
  query: Record<string, string>;
  authId?: string;
  /** Whether an X-Auth-Token header was sent (the token itself is not kept). */
  hasToken: boolean;
  contentType?: string;
  body?: unknown;
  status?: number;
  /** `reset`, `hang` or a fault type when one was injected. */
  fault?: string;
  /** True when the request changed the fake's state (a write applied, even if its answer was then lost). */
  applied?: boolean;
  time: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A state change to apply (run before sending; with afterApply faults, before failing). */
  apply?: () => void;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A fake that speaks https: its key and certificate, and the hostname its base URL names
 * (`https://api.vobiz.test:<port>`). Such a name is not loopback, so requests to it go through a
 * proxy; only the test proxy knows where it is (see `TestProxy.hosts`). The fake still listens on
 * loopback.
 */
export interface FakeTls {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  readonly hostname: string;
}

export interface FakeOptions {
  /** Speak https under this name (default: plain http, the base URL naming the loopback address). */
  readonly tls?: FakeTls;
}

export class FakeVobiz {
  accounts: FakeAccount[] = [];
  numbers: FakeNumber[] = [];
  trunks: FakeTrunk[] = [];
  variants: FakeVariants = { ...DEFAULT_VARIANTS };
  /** Latency added to every answer, in ms. */
  latencyMs = 0;
  /** API requests being answered right now, and the most at once since the last clearRequests(). */
  inFlight = 0;
  peakInFlight = 0;
  /** TCP connections accepted since start (keep-alive checks). */
  connectionsOpened = 0;
  readonly requests: LoggedRequest[] = [];
  #faults: (FaultRule & { left: number })[] = [];
  #gates: Gate[] = [];
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  #seed: Seed;
  readonly #tls: FakeTls | undefined;

  constructor(seed: Seed = sandboxSeed(), options: FakeOptions = {}) {
    this.#seed = clone(seed);
    this.#tls = options.tls;
    this.reset();
  }

  /** Back to the seed: state, variants, faults, latency and request log. */
  reset(seed?: Seed): void {
    if (seed) this.#seed = clone(seed);
    const s = clone(this.#seed);
    this.accounts = s.accounts;
    this.numbers = s.numbers;
    this.trunks = s.trunks;
    this.variants = { ...DEFAULT_VARIANTS };
    this.latencyMs = 0;
    this.#faults = [];
    this.#openGates();
    this.requests.length = 0;
  }

  /**
   * Holds the matching requests (after they are logged, before they are answered) until the
   * returned gate is opened. `reset()` and `stop()` open every gate. A request takes its fault once
   * past the gates: a fault injected while requests are held applies to them.
   */
  hold(match: RequestMatch): Gate {
    const gate = new Gate(match);
    this.#gates.push(gate);
    return gate;
  }

  #openGates(): void {
    for (const gate of this.#gates.splice(0)) gate.open();
  }

  get baseUrl(): string {
    const addr = this.#server?.address() as AddressInfo | null | undefined;
    if (!addr) throw new Error('The fake Vobiz is not listening.');
    if (this.#tls) return `https://${this.#tls.hostname}:${addr.port}`;
    return `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.#handle(req, res);
    // An https.Server is an http.Server too: the same listening, connections, keep-alive and close.
    const server = this.#tls ? createTlsServer({ key: this.#tls.key, cert: this.#tls.cert }, handler) : createServer(handler);
    server.keepAliveTimeout = 5000;
    server.on('connection', (socket: Socket) => {
      this.connectionsOpened++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#openGates();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Changes an account's token, as rotating it in the console does (the old one gets 401). */
  rotateToken(authId: string, token: string): void {
    const account = this.accounts.find((a) => a.auth_id === authId);
    if (!account) throw new Error(`the fake has no account ${authId}`);
    account.token = token;
  }

  /** Adds a fault for the next matching request(s). */
  inject(rule: FaultRule): void {
    this.#faults.push({ ...rule, left: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  clearRequests(): void {
    this.requests.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /** The stored number (owner in account_id, trunk_group_id absent when unassigned). */
  number(e164: string): FakeNumber | undefined {
    return this.numbers.find((n) => n.e164 === e164);
  }

  trunk(trunkId: string): FakeTrunk | undefined {
    return this.trunks.find((t) => t.trunk_id === trunkId);
  }

  /** Requests to the API (control endpoints excluded), optionally of one method and path substring. */
  requestsTo(method?: string, pathPart?: string): LoggedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && (!pathPart || r.path.includes(pathPart)));
  }

  #takeFault(method: string, path: string, query: Record<string, string>): (FaultRule & { left: number }) | undefined {
    const rule = this.#faults.find((f) => f.left > 0 && matches(f, method, path, query));
    if (rule) rule.left--;
    return rule;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://fake');
    const rawPath = rawUrl.split('?')[0];
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const text = await readBody(req);
    if (path.startsWith('/__fake/')) return this.#control(req.method ?? 'GET', path, text, res);

    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      url: rawUrl,
      path,
      query: Object.fromEntries(url.searchParams),
      authId: header(req, 'x-auth-id'),
      hasToken: header(req, 'x-auth-token') !== undefined,
      contentType: header(req, 'content-type'),
      time: Date.now(),
    };
    if (text) {
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
      }
    }
    this.requests.push(entry);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    res.once('close', () => this.inFlight--);

    const gates = this.#gates.filter((g) => matches(g.match, entry.method, path, entry.query) && (g.match.when?.(entry) ?? true));
    for (const gate of gates) if (!gate.match.answerMadeFirst) await gate.pass();
    // Faults are taken after the gates: a fault injected while requests are held applies to them.
    const rule = this.#takeFault(entry.method, path, entry.query);
    if (rule) entry.fault = rule.fault.type;
    const reply = this.#route(req, entry, rawPath, text);
    for (const gate of gates) if (gate.match.answerMadeFirst) await gate.pass();
    const fault = rule?.fault;
    if (fault?.type === 'delay') await wait(fault.ms);
    if (this.latencyMs > 0) await wait(this.latencyMs);
    if (fault && rule && (rule.afterApply || fault.type === 'delay')) this.#apply(reply, entry);
    if (fault && fault.type !== 'delay') {
      if (fault.type === 'reset') {
        entry.status = undefined;
        req.socket.destroy();
        return;
      }
      if (fault.type === 'hang') return; // the socket is destroyed by stop()
      return send(res, entry, this.#withRateLimit(faultReply(fault)));
    }
    if (!rule) this.#apply(reply, entry);
    send(res, entry, this.#withRateLimit(reply));
  }

  /** Told of each request that changed the state, right after it did (before it is answered). */
  onApplied: ((request: LoggedRequest) => void) | undefined;

  #apply(reply: Reply, entry: LoggedRequest): void {
    if (!reply.apply) return;
    reply.apply();
    entry.applied = true;
    this.onApplied?.(entry);
  }

  #control(method: string, path: string, text: string, res: ServerResponse): void {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const input = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/__fake/state') {
      return json(200, { numbers: this.numbers, trunks: this.trunks, variants: this.variants });
    }
    if (method === 'GET' && path === '/__fake/requests') return json(200, this.requests);
    if (method === 'GET' && path === '/__fake/stats') {
      return json(200, { requests: this.requests.length, peakInFlight: this.peakInFlight });
    }
    if (method === 'POST' && path === '/__fake/clear-requests') {
      this.clearRequests();
      return json(200, { ok: true });
    }
    if (method === 'POST' && path === '/__fake/reset') {
      this.reset();
      return json(200, { ok: true });
    }
    if (method === 'POST' && path === '/__fake/faults') {
      const rule = input as unknown as FaultRule;
      this.inject({ ...rule, times: rule.times ?? 1 });
      return json(200, { ok: true });
    }
    if (method === 'POST' && path === '/__fake/variants') {
      this.variants = { ...this.variants, ...(input as Partial<FakeVariants>) };
      if (typeof input.latencyMs === 'number') this.latencyMs = input.latencyMs;
      return json(200, this.variants);
    }
    json(404, { error: 'Not found' });
  }

  /** Auth, then the API routes. Returns what to answer; state changes are deferred in `apply`. */
  #route(req: IncomingMessage, entry: LoggedRequest, rawPath: string, text: string): Reply {
    const authId = entry.authId;
    const token = header(req, 'x-auth-token');
    const account = this.accounts.find((a) => a.auth_id === authId);
    if (!account || !token || token !== account.token) {
      return {
        status: 401,
        body: { error: 'unauthorized', message: 'Authentication credentials were not provided or are invalid.' },
      };
    }
    if (entry.method === 'GET' && entry.path === '/api/v1/auth/me') {
      const { token: _token, parent: _parent, ...me } = account;
      return { status: 200, body: { ...me, cps_limit: 10, concurrent_calls_limit: 50 } };
    }
    const m = /^\/api\/v1\/([Aa])ccount\/([^/]+)(\/.*)$/.exec(entry.path);
    if (!m || !this.#casingAnswers(m[1])) return notFound();
    if (m[2] !== account.auth_id) {
      return {
        status: 403,
        body: { error: 'forbidden', message: 'The Auth ID in the path does not match the X-Auth-ID header.' },
      };
    }
    const rest = m[3].replace(/\/+$/, '');
    const q = new URL(entry.url, 'http://fake').searchParams;

    if (entry.method === 'GET' && rest === '/numbers') return this.#listNumbers(account, q);
    if (entry.method === 'GET' && rest === '/trunks') return this.#listTrunks(account, q);
    const trunkMatch = /^\/trunks\/([^/]+)$/.exec(rest);
    if (entry.method === 'GET' && trunkMatch) {
      const t = this.#visibleTrunks(account).find((x) => x.trunk_id === trunkMatch[1]);
      return t
        ? { status: 200, body: this.#outTrunk(t) }
        : { status: 404, body: { error: 'Trunk not found', message: 'No trunk with this ID exists in the account.' } };
    }
    const appMatch = /^\/numbers\/([^/]+)\/application$/.exec(rest);
    if (appMatch && (entry.method === 'POST' || entry.method === 'DELETE')) {
      const number = this.#visibleNumbers(account).find((n) => n.e164 === appMatch[1]);
      return entry.method === 'POST' ? this.#attachApp(number, text) : this.#detachApp(number);
    }
    const assignMatch = /^\/numbers\/([^/]+)\/assign$/.exec(rest);
    if (assignMatch && (entry.method === 'POST' || entry.method === 'DELETE')) {
      // The phone segment must be percent-encoded: a raw "+" in the path does not match.
      const rawSegment = rawPath.split('/').slice(-2)[0];
      if (rawSegment.includes('+')) return numberNotFound();
      const e164 = assignMatch[1];
      const number = this.#visibleNumbers(account).find((n) => n.e164 === e164);
      if (entry.method === 'POST') return this.#assign(account, number, text);
      return this.#unassign(number);
    }
    return notFound();
  }

  /** The reply with rate-limit headers when the `rateLimitHeaders` variant is on (a fixed limit, counting down per request). */
  #withRateLimit(reply: Reply): Reply {
    if (!this.variants.rateLimitHeaders) return reply;
    const remaining = String(Math.max(0, 1000 - this.requests.length));
    return {
      ...reply,
      headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': '60', ...reply.headers },
    };
  }

  /** Whether the account segment's first letter (`A` or `a`) answers under the `pathCasing` variant. */
  #casingAnswers(initial: string): boolean {
    const casing = this.variants.pathCasing;
    return casing === 'any' || (casing === 'capital-only' ? initial === 'A' : initial === 'a');
  }

  #visibleCache = new Map<string, { of: FakeNumber[]; length: number; list: FakeNumber[] }>();

  /** The numbers an account sees (its own and its sub-accounts'); cached while the list is the same. */
  #visibleNumbers(account: FakeAccount): FakeNumber[] {
    const cached = this.#visibleCache.get(account.auth_id);
    if (cached && cached.of === this.numbers && cached.length === this.numbers.length) return cached.list;
    const subs = new Set(this.accounts.filter((a) => a.parent === account.auth_id).map((a) => a.auth_id));
    const list = this.numbers.filter((n) => n.account_id === account.auth_id || subs.has(n.account_id));
    this.#visibleCache.set(account.auth_id, { of: this.numbers, length: this.numbers.length, list });
    return list;
  }

  #visibleTrunks(account: FakeAccount): FakeTrunk[] {
    return this.trunks.filter((t) => t.account_id === account.auth_id);
  }

  #listNumbers(account: FakeAccount, q: URLSearchParams): Reply {
    let list = this.#visibleNumbers(account);
    const search = q.get('search');
    if (search) list = list.filter((n) => n.e164.includes(search.trim()));
    let perPage: number;
    let start: number;
    let page = 1;
    if (!q.has('page') && (q.has('limit') || q.has('offset'))) {
      perPage = clampInt(q.get('limit'), 20, 1, 100);
      start = clampInt(q.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
    } else {
      perPage = this.variants.numbersServedPerPage ?? clampInt(q.get('per_page'), 25, 1, 100);
      page = this.variants.ignoreNumberPage ? 1 : clampInt(q.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
      start = (page - 1) * perPage;
    }
    const extra = search ? 0 : this.variants.unreadableNumbers;
    const items = pageOf(list, extra, start, perPage, (n) => this.#outNumber(n), unreadableNumber);
    const total = Math.max(0, list.length + extra + this.variants.numbersTotalOffset);
    // A server with its own page size (numbersServedPerPage) does not echo per_page.
    const size = this.variants.numbersServedPerPage === undefined ? { per_page: perPage } : {};
    return { status: 200, body: { items, page, ...size, total } };
  }

  #listTrunks(account: FakeAccount, q: URLSearchParams): Reply {
    const list = this.#visibleTrunks(account);
    const limit = clampInt(q.get('limit'), 20, 1, 100);
    const offset = this.variants.ignoreTrunkOffset ? 0 : clampInt(q.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
    const extra = this.variants.unreadableTrunks;
    const objects = pageOf(list, extra, offset, limit, (t) => this.#outTrunk(t), unreadableTrunk);
    const count = list.length + extra;
    const meta: Record<string, unknown> = {
      limit,
      offset,
      next: offset + limit < count ? `?limit=${limit}&offset=${offset + limit}` : null,
      previous: offset > 0 ? `?limit=${limit}&offset=${Math.max(0, offset - limit)}` : null,
    };
    if (this.variants.trunkTotalKey !== 'none') meta[this.variants.trunkTotalKey] = count;
    return { status: 200, body: { api_id: randomUUID(), meta, objects } };
  }

  #assign(account: FakeAccount, number: FakeNumber | undefined, text: string): Reply {
    if (!number) return numberNotFound();
    let trunkId: unknown;
    try {
      trunkId = (JSON.parse(text) as { trunk_group_id?: unknown }).trunk_group_id;
    } catch {
      return { status: 400, body: { error: 'invalid request', message: 'The request body must be JSON.' } };
    }
    if (typeof trunkId !== 'string' || !trunkId) {
      return { status: 400, body: { error: 'invalid request', message: 'trunk_group_id is required.' } };
    }
    const owner = this.accounts.find((a) => a.auth_id === number.account_id) ?? account;
    const trunk = [...this.#visibleTrunks(account), ...this.#visibleTrunks(owner)].find((t) => t.trunk_id === trunkId);
    if (!trunk) {
      return { status: 404, body: { error: 'Trunk not found', message: 'The trunk could not be found in this account.' } };
    }
    if (number.trunk_group_id) {
      return { status: 400, body: { error: 'invalid request', message: 'This number is already assigned to a trunk.' } };
    }
    const apply = (): void => {
      number.trunk_group_id = trunkId;
      delete number.application_id;
      number.updated_at = new Date().toISOString();
    };
    if (this.variants.assignSuccess === 200) {
      return {
        status: 200,
        apply,
        body: {
          api_id: randomUUID(),
          message: 'Number assigned to trunk successfully.',
          e164: number.e164,
          trunk_group_id: trunkId,
        },
      };
    }
    return { status: 204, apply };
  }

  /** Attaching an app re-points an attached one; a number routes to an app or a trunk, not both (vobiz-api.md §8). */
  #attachApp(number: FakeNumber | undefined, text: string): Reply {
    if (!number) return numberNotFound();
    let appId: unknown;
    try {
      appId = (JSON.parse(text) as { application_id?: unknown }).application_id;
    } catch {
      appId = undefined;
    }
    if (typeof appId !== 'string' || !appId) {
      return { status: 400, body: { error: 'invalid request', message: 'application_id is required.' } };
    }
    const apply = (): void => {
      number.application_id = appId;
      delete number.trunk_group_id;
      number.updated_at = new Date().toISOString();
    };
    return { status: 200, apply, body: { message: 'Application attached.', number: number.e164, application_id: appId } };
  }

  #detachApp(number: FakeNumber | undefined): Reply {
    if (!number) return numberNotFound();
    return {
      status: 204,
      apply: () => {
        delete number.application_id;
        number.updated_at = new Date().toISOString();
      },
    };
  }

  #unassign(number: FakeNumber | undefined): Reply {
    if (!number || !number.trunk_group_id) {
      return {
        status: 404,
        body: { error: 'Number not found', message: 'The phone number could not be found or is not assigned to any trunk.' },
      };
    }
    return {
      status: 204,
      apply: () => {
        delete number.trunk_group_id;
        number.updated_at = new Date().toISOString();
      },
    };
  }

  /** A number as the API sends it, under the current variants. */
  #outNumber(n: FakeNumber): Record<string, unknown> {
    const out: Record<string, unknown> = { ...clone(n) };
    if (this.variants.ownerField === 'auth_id') {
      out.auth_id = out.account_id;
      delete out.account_id;
    }
    if (!n.trunk_group_id) {
      if (this.variants.unassigned === 'null') out.trunk_group_id = null;
      if (this.variants.unassigned === 'empty') out.trunk_group_id = '';
    }
    return this.variants.numberField === 'number' ? renamed(out, { e164: (v) => ['number', v] }) : out;
  }

  /** A trunk as the API sends it, in the current dialect or the SDKs' (`trunkDialect`). */
  #outTrunk(t: FakeTrunk): Record<string, unknown> {
    if (this.variants.trunkDialect === 'current') return clone(t);
    return renamed(clone(t), {
      trunk_id: (v) => ['id', v],
      trunk_domain: (v) => ['sip_domain', v],
      trunk_direction: (v) => ['trunk_type', String(v).toUpperCase()],
      trunk_status: (v) => ['enabled', v === 'active'],
    });
  }
}

function faultReply(fault: Exclude<Fault, { type: 'reset' | 'hang' | 'delay' }>): Reply {
  switch (fault.type) {
    case 'status':
      return {
        status: fault.status,
        body: fault.body,
        headers: { ...(fault.contentType ? { 'content-type': fault.contentType } : {}), ...fault.headers },
      };
    case 'rate-limit':
      return {
        status: 429,
        headers: fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
        body: {
          status: 'error',
          error: {
            code: 'RATE_LIMIT_EXCEEDED',
            message: 'Too many requests, please slow down.',
            details: fault.retryAfterInBody !== undefined ? { retryAfter: fault.retryAfterInBody } : {},
          },
          timestamp: new Date().toISOString(),
          requestId: `req_${randomUUID()}`,
        },
      };
    case 'validation':
      return {
        status: fault.status ?? 422,
        body: {
          status: fault.status ?? 422,
          error: { code: 'VALIDATION_ERROR', message: 'The request is not valid.', details: { errors: fault.errors } },
          timestamp: new Date().toISOString(),
          requestId: `req_${randomUUID()}`,
        },
      };
    case 'html-502':
      return {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      };
  }
}

function send(res: ServerResponse, entry: LoggedRequest, reply: Reply): void {
  entry.status = reply.status;
  const headers: Record<string, string> = { 'x-request-id': `req_${randomUUID()}`, ...reply.headers };
  if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = isText ? 'text/plain' : 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/**
 * The items from `start` (at most `count`) of `list` followed by `extra` more made by `made(i)`,
 * each of `list` sent as `out` makes it.
 */
function pageOf<T>(
  list: readonly T[],
  extra: number,
  start: number,
  count: number,
  out: (item: T) => unknown,
  made: (i: number) => unknown,
): unknown[] {
  const end = Math.min(list.length + extra, start + count);
  const page = list.slice(start, end).map(out);
  for (let i = Math.max(start, list.length); i < end; i++) page.push(made(i - list.length));
  return page;
}

/** A number no client can read (no `e164`, no `number`); `i`-th of them. */
function unreadableNumber(i: number): Record<string, unknown> {
  return { id: `unreadable-number-${i + 1}`, status: 'active', country: 'IN' };
}

/** A trunk no client can read (no `trunk_id`, no `id`); `i`-th of them. */
function unreadableTrunk(i: number): Record<string, unknown> {
  return { name: `Unreadable trunk ${i + 1}`, trunk_status: 'active' };
}

/** The object with some keys renamed in their place: `rename[key](value)` gives the new key and value. */
function renamed(
  obj: Record<string, unknown>,
  rename: Record<string, (value: unknown) => [string, unknown]>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(obj).map(([key, value]) => (Object.hasOwn(rename, key) ? rename[key](value) : [key, value])),
  );
}

function notFound(): Reply {
  return { status: 404, body: { error: 'Not found', message: 'The requested resource does not exist.' } };
}

function numberNotFound(): Reply {
  return {
    status: 404,
    body: { error: 'Number not found', message: 'The phone number could not be found. Ensure it is URL-encoded correctly.' },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function clampInt(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
