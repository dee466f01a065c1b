import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import { undici } from './undiciModule';
import { httpErrorMessage, parseErrorBody, redact, VobizApiError } from './errors';
import { listItems, listTotal, normalizeAccount, normalizeNumber, normalizeTrunk } from './normalize';
import { RequestLimiter } from './requestLimiter';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry';
import type {
  CallOptions,
  ListNumbersOptions,
  ListTrunksOptions,
  RequestLogger,
  RetryOptions,
  VobizAccount,
  VobizNumber,
  VobizTrunk,
} from './types';
import { requireAuthId, requireAuthToken, requireBaseUrl, requireE164, requireTrunkId } from './validation';

export interface VobizClientOptions {
  /** e.g. `https://api.vobiz.ai`; plain http only for loopback hosts. */
  baseUrl: string;
  authId: string;
  authToken: string;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** An undici dispatcher (keep-alive agent, proxy agent, mock). Default: a keep-alive Agent of the client's own. */
  dispatcher?: Dispatcher;
  /** Close `dispatcher` when the client closes (it was made for this client alone). Default false. */
  ownsDispatcher?: boolean;
  /** Receives one record per HTTP attempt. */
  log?: RequestLogger;
  retry?: RetryOptions;
  /** Requests in flight at once, across all calls of this client (default 10); a 429 lowers it for a while. */
  maxInFlight?: number;
  /**
   * Called once when Vobiz rejects the credentials (HTTP 401). From then on the client sends
   * nothing: every call fails at once with that error, so a rotated token cannot start a loop of
   * failing requests. A new client (after signing in again) starts afresh.
   */
  onRejected?: (error: VobizApiError) => void;
}

type Method = 'GET' | 'POST' | 'DELETE';

interface SendOptions extends CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

interface Answer {
  status: number;
  text: string;
}

/** Items per page asked for (the API's maximum). */
export const PAGE_SIZE = 100;
/** A hard stop for paging, whatever the server says (1 000 000 items at 100 a page). */
const MAX_PAGES = 10_000;
/** Requests one client has in flight at most, unless told otherwise. */
export const DEFAULT_MAX_IN_FLIGHT = 10;

/** How one list is paged: the shared pager does the rest. */
interface PagerSpec<T> {
  path: string;
  /** The query of the page with this 0-based index, when pages hold `size` items. */
  query(index: number, size: number): Record<string, string | number | undefined>;
  normalize(raw: unknown): T | undefined;
  key(item: T): string;
  /** Where the server says its page size (`per_page` for numbers, `limit` for trunks). */
  sizeKey: 'per_page' | 'limit';
  /** What is wrong when a page has no list. */
  noList: string;
}

interface FetchedPage {
  body: unknown;
  raw: unknown[];
}

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkReason(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the API base URL right?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved (check the API base URL and your network)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'the connection was closed unexpectedly';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the network is unreachable';
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) return `a TLS certificate problem (${code})`;
      return code ? `a network error (${code})` : 'a network error';
  }
}

const UNKNOWN_OUTCOME = ' The change may or may not have been applied: refresh to see the current state before trying again.';

/**
 * The Vobiz REST client: the one place that talks HTTP. Knows Vobiz, not VS Code.
 * Every method validates its input before sending anything and accepts an AbortSignal.
 */
export class VobizClient {
  readonly baseUrl: string;
  readonly authId: string;
  readonly #authToken: string;
  readonly #timeoutMs: number;
  /** Undefined until the first request: the default Agent (and undici itself) is created on first use. */
  #dispatcher: Dispatcher | undefined;
  readonly #ownsDispatcher: boolean;
  readonly #log: RequestLogger | undefined;
  readonly #maxRetries: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #limiter: RequestLimiter;
  /** Pages the last complete read of each list took (by path and query): a re-read asks for them at once. */
  readonly #pagesLastTime = new Map<string, number>();
  readonly #onRejected: ((error: VobizApiError) => void) | undefined;
  #rejected: VobizApiError | undefined;

  constructor(options: VobizClientOptions) {
    this.baseUrl = requireBaseUrl(options.baseUrl);
    this.authId = requireAuthId(options.authId);
    this.#authToken = requireAuthToken(options.authToken);
    this.#timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : 30_000;
    this.#dispatcher = options.dispatcher;
    this.#ownsDispatcher = !options.dispatcher || options.ownsDispatcher === true;
    this.#log = options.log;
    this.#maxRetries = Math.max(0, options.retry?.maxRetries ?? 3);
    this.#baseDelayMs = Math.max(0, options.retry?.baseDelayMs ?? 1000);
    this.#maxDelayMs = Math.max(0, options.retry?.maxDelayMs ?? 30_000);
    this.#limiter = new RequestLimiter(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.#onRejected = options.onRejected;
  }

  /** The 401 with which Vobiz rejected the credentials, after which this client sends nothing. */
  get rejected(): VobizApiError | undefined {
    return this.#rejected;
  }

  #reject(error: VobizApiError): void {
    if (this.#rejected) return;
    this.#rejected = error;
    try {
      this.#onRejected?.(error);
    } catch {
      // A failing listener must not change the error the caller gets.
    }
  }

  /** Requests in flight: the cap now, the configured maximum, and the most there ever were at once. */
  get concurrency(): { capacity: number; max: number; peak: number } {
    return { capacity: this.#limiter.capacity, max: this.#limiter.max, peak: this.#limiter.peak };
  }

  /** Closes the client's own connection pool (a dispatcher passed in is left to its owner unless `ownsDispatcher`). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher?.close();
  }

  #connection(): Dispatcher {
    this.#dispatcher ??= new (undici().Agent)({ keepAliveTimeout: 30_000, connections: 16 });
    return this.#dispatcher;
  }

  /** Checks the credentials: `GET /auth/me`. */
  async whoAmI(options: CallOptions = {}): Promise<VobizAccount> {
    const body = await this.#json('GET', '/api/v1/auth/me', options);
    const account = normalizeAccount(body);
    if (!account) throw this.#badResponse('GET', '/api/v1/auth/me', 'the account answer names no auth_id');
    return account;
  }

  /** Every number of the account (and of its sub-accounts, for a main account), all pages. */
  async listNumbers(options: ListNumbersOptions = {}): Promise<VobizNumber[]> {
    return collect(this.numberPages(options), options.onPage);
  }

  /** The numbers page by page (`page` + `per_page=100`), for progressive display. */
  numberPages(options: ListNumbersOptions = {}): AsyncGenerator<VobizNumber[]> {
    return this.#pages(
      {
        path: this.#accountPath('/numbers'),
        query: (index) => ({ page: index + 1, per_page: PAGE_SIZE, search: options.search }),
        normalize: normalizeNumber,
        key: (n) => n.id ?? n.e164,
        sizeKey: 'per_page',
        noList: 'the number list has no items',
      },
      options,
    );
  }

  /** One number, found by searching the list (the API has no "get one number"); undefined when absent. */
  async getNumber(e164: string, options: CallOptions = {}): Promise<VobizNumber | undefined> {
    requireE164(e164);
    for await (const page of this.numberPages({ ...options, search: e164 })) {
      const hit = page.find((n) => n.e164 === e164);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Every trunk of the account, all pages. */
  async listTrunks(options: ListTrunksOptions = {}): Promise<VobizTrunk[]> {
    return collect(this.trunkPages(options), options.onPage);
  }

  /** The trunks page by page (`limit=100` + `offset`), for progressive display. */
  trunkPages(options: ListTrunksOptions = {}): AsyncGenerator<VobizTrunk[]> {
    return this.#pages(
      {
        path: this.#accountPath('/trunks'),
        query: (index, size) => ({ limit: PAGE_SIZE, offset: index * size }),
        normalize: normalizeTrunk,
        key: (t) => t.trunk_id,
        sizeKey: 'limit',
        noList: 'the trunk list has no objects',
      },
      options,
    );
  }

  /**
   * Every page of a list. The first page tells the total; the other pages (and one past the total,
   * which is not trusted alone) are then asked for at once (the client's limiter keeps at most
   * `maxInFlight` in flight) and handed out in order. With no total, or more items than it said,
   * pages follow one another until a short one. A page that repeats the items already seen (a
   * server ignoring the paging) ends the list.
   */
  async *#pages<T>(spec: PagerSpec<T>, options: CallOptions): AsyncGenerator<T[]> {
    const seen = new Set<string>();
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every page request listens to this signal: many at once is expected, not a leak.
    setMaxListeners(0, signal);
    let size = PAGE_SIZE;
    const fetchPage = async (index: number): Promise<FetchedPage> => {
      const body = await this.#json('GET', spec.path, { ...options, signal, query: spec.query(index, size) });
      const raw = listItems(body);
      if (!raw) throw this.#badResponse('GET', spec.path, spec.noList);
      return { body, raw };
    };
    // A list read before (a refresh): the pages it took then, up to the cap in flight, go out with
    // the first page instead of one round trip after it. Used only when pages still hold PAGE_SIZE.
    const listKey = `${spec.path}?${new URLSearchParams(Object.entries(spec.query(0, PAGE_SIZE)).map(([k, v]): [string, string] => [k, String(v ?? '')])).toString()}`;
    const early = new Map<number, Promise<FetchedPage>>();
    const firstPage = fetchPage(0);
    for (let i = 1; i < Math.min(this.#limiter.max, this.#pagesLastTime.get(listKey) ?? 0); i++) {
      const p = fetchPage(i);
      p.catch(() => undefined); // awaited in order below, or left unread when the list is shorter now
      early.set(i, p);
    }
    const pageAt = (index: number): Promise<FetchedPage> => early.get(index) ?? fetchPage(index);
    let read = 0;
    const done = (): void => {
      this.#pagesLastTime.set(listKey, read);
    };
    /** The page's new items, or undefined when it only repeats what was seen (the end). */
    const take = (page: FetchedPage): T[] | undefined => {
      const items = page.raw.map((r) => spec.normalize(r)).filter((x): x is T => x !== undefined);
      const fresh = items.filter((x) => !seen.has(spec.key(x)));
      if (items.length > 0 && fresh.length === 0) return undefined;
      for (const x of fresh) seen.add(spec.key(x));
      return fresh;
    };
    const isLast = (page: FetchedPage): boolean => page.raw.length === 0 || page.raw.length < Math.min(PAGE_SIZE, pageSizeOf(page.body, spec.sizeKey) ?? PAGE_SIZE);
    try {
      const first = await firstPage;
      read = 1;
      let fresh = take(first);
      if (!fresh) return done();
      if (fresh.length) yield fresh;
      if (isLast(first)) return done();
      // A server may serve fewer than asked per page (its own maximum): page by what it serves
      // (and the early pages, asked for with PAGE_SIZE, do not fit).
      size = first.raw.length;
      if (size !== PAGE_SIZE) early.clear();
      let next = 1;
      const total = listTotal(first.body);
      if (total !== undefined && total > size) {
        // When the total fills the last page exactly, one page past it goes out with the others: it
        // comes back empty when the total is right (the end, with no extra round trip) and full
        // when the total was stale (then read on).
        const pages = Math.min(MAX_PAGES, Math.ceil(total / size) + (total % size === 0 ? 1 : 0));
        const pending: Promise<FetchedPage>[] = [];
        for (let i = 1; i < pages; i++) {
          const p = pageAt(i);
          p.catch(() => undefined); // awaited below, in order; an early end leaves some unread
          pending.push(p);
        }
        for (; next < pages; next++) {
          const page = await pending[next - 1];
          read = next + 1;
          fresh = take(page);
          if (!fresh) return done();
          if (fresh.length) yield fresh;
          if (isLast(page)) return done();
        }
      }
      for (; next < MAX_PAGES; next++) {
        const page = await pageAt(next);
        read = next + 1;
        fresh = take(page);
        if (!fresh) return done();
        if (fresh.length) yield fresh;
        if (isLast(page)) return done();
      }
    } finally {
      stop.abort();
    }
  }

  /** One trunk by its id (404 → VobizApiError with status 404). */
  async getTrunk(trunkId: string, options: CallOptions = {}): Promise<VobizTrunk> {
    const id = requireTrunkId(trunkId);
    const path = this.#accountPath(`/trunks/${encodeURIComponent(id)}`);
    const body = await this.#json('GET', path, options);
    const trunk = normalizeTrunk(body) ?? normalizeTrunk((body as { object?: unknown } | undefined)?.object);
    if (!trunk) throw this.#badResponse('GET', path, 'the trunk answer has no trunk_id');
    return trunk;
  }

  /** Routes a number to a trunk. Never retried: on an unknown outcome the error says so. */
  async assignNumber(e164: string, trunkId: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    const trunk_group_id = requireTrunkId(trunkId);
    await this.#send('POST', this.#numberPath(e164, '/assign'), { ...options, body: { trunk_group_id } });
  }

  /** Removes a number's trunk routing (inbound calls stop at once). Never retried. */
  async unassignNumber(e164: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    await this.#send('DELETE', this.#numberPath(e164, '/assign'), options);
  }

  #accountPath(rest: string): string {
    return `/api/v1/Account/${encodeURIComponent(this.authId)}${rest}`;
  }

  /** The path of one number: the E.164 segment encoded exactly once (`+` → `%2B`). */
  #numberPath(e164: string, rest: string): string {
    return this.#accountPath(`/numbers/${encodeURIComponent(e164)}${rest}`);
  }

  #badResponse(method: Method, path: string, what: string): VobizApiError {
    return new VobizApiError({ kind: 'bad-response', message: `Unexpected answer from Vobiz (${method} ${path}): ${what}.`, method, path });
  }

  async #json(method: Method, path: string, options: SendOptions): Promise<unknown> {
    const answer = await this.#send(method, path, options);
    if (!answer.text.trim()) return undefined;
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw this.#badResponse(method, path, 'the body is not JSON');
    }
  }

  #emit(record: Parameters<RequestLogger>[0]): void {
    if (!this.#log) return;
    try {
      this.#log({ ...record, error: record.error === undefined ? undefined : redact(record.error, [this.#authToken]) });
    } catch {
      // A failing log hook must not fail the request.
    }
  }

  /** One request with GET retries; returns a 2xx answer or throws a VobizApiError. */
  async #send(method: Method, path: string, options: SendOptions): Promise<Answer> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== '') query.set(k, String(v));
    const pathAndQuery = query.size ? `${path}?${query.toString()}` : path;
    const url = this.baseUrl + pathAndQuery;
    const headers: Record<string, string> = {
      'x-auth-id': this.authId,
      'x-auth-token': this.#authToken,
      accept: 'application/json',
    };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const retries = method === 'GET' ? this.#maxRetries : 0;
    // A 429 says the request was not handled at all: reads get a larger budget of their own for it,
    // so that a burst of them during paging slows the load down instead of failing it.
    const rateLimitRetries = method === 'GET' ? Math.max(retries, 2 * retries + 2) : 0;
    let rateLimited = 0;
    let otherFailures = 0;
    const secrets = [this.#authToken];

    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw this.#aborted(method, path);
      let release: () => void;
      try {
        release = await this.#limiter.acquire(options.signal);
      } catch {
        throw this.#aborted(method, path);
      }
      // Rejected while this request waited for a slot (or before it): it is not sent.
      if (this.#rejected) {
        release();
        throw this.#rejected;
      }
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
      const started = performance.now();
      let status: number;
      let text: string;
      let requestIdHeader: string | undefined;
      let retryAfterHeader: string | string[] | undefined;
      try {
        const res = await undici().request(url, { method, headers, body, dispatcher: this.#connection(), signal });
        status = res.statusCode;
        requestIdHeader = headerValue(res.headers['x-request-id'] ?? res.headers['x-api-id']);
        retryAfterHeader = res.headers['retry-after'];
        text = await res.body.text();
      } catch (err) {
        const durationMs = Math.round(performance.now() - started);
        if (options.signal?.aborted) {
          this.#emit({ method, path: pathAndQuery, durationMs, retry: attempt, error: 'aborted' });
          throw this.#aborted(method, path);
        }
        const timedOut = timeout.signal.aborted;
        const code = errorCode(err);
        const neverSent = !timedOut && code !== undefined && CONNECT_FAILURES.has(code);
        const reason = timedOut ? `no answer within ${Math.round(this.#timeoutMs / 100) / 10} s` : networkReason(code);
        this.#emit({ method, path: pathAndQuery, durationMs, retry: attempt, error: reason });
        if (otherFailures < retries) {
          otherFailures++;
          await this.#backoff(otherFailures, undefined, options.signal, method, path);
          continue;
        }
        const write = method !== 'GET';
        const outcomeUnknown = write && !neverSent;
        const message = timedOut
          ? `Vobiz did not answer within ${Math.round(this.#timeoutMs / 100) / 10} s (${method} ${path}).`
          : neverSent
            ? `Could not reach Vobiz at ${new URL(this.baseUrl).host}: ${reason}.`
            : `The request to Vobiz at ${new URL(this.baseUrl).host} failed: ${reason} (${method} ${path}).`;
        throw new VobizApiError({
          kind: timedOut ? 'timeout' : 'network',
          message: redact(message + (outcomeUnknown ? UNKNOWN_OUTCOME : ''), secrets),
          code,
          method,
          path,
          outcomeUnknown,
          cause: timedOut ? undefined : err,
        });
      } finally {
        clearTimeout(timer);
        release();
      }

      const durationMs = Math.round(performance.now() - started);
      if (status === 429) this.#limiter.throttled();
      if (status >= 200 && status < 300) {
        this.#limiter.succeeded();
        this.#emit({ method, path: pathAndQuery, status, durationMs, retry: attempt, requestId: requestIdHeader });
        return { status, text };
      }

      const info = parseErrorBody(text);
      const retryAfterMs = parseRetryAfter(retryAfterHeader) ?? info.retryAfterMs;
      if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
      const message = redact(httpErrorMessage(status, info), secrets);
      this.#emit({ method, path: pathAndQuery, status, durationMs, retry: attempt, requestId: info.requestId ?? requestIdHeader ?? info.apiId, error: message });
      const waitTooLong = retryAfterMs !== undefined && retryAfterMs > this.#maxDelayMs;
      if (isRetryableStatus(status) && !waitTooLong) {
        if (status === 429 && rateLimited < rateLimitRetries) {
          rateLimited++;
          await this.#backoff(Math.min(rateLimited, retries + 1), retryAfterMs, options.signal, method, path);
          continue;
        }
        if (status !== 429 && otherFailures < retries) {
          otherFailures++;
          await this.#backoff(otherFailures, retryAfterMs, options.signal, method, path);
          continue;
        }
      }
      const outcomeUnknown = method !== 'GET' && status >= 500;
      const error = new VobizApiError({
        kind: 'http',
        status,
        message: message + (outcomeUnknown ? UNKNOWN_OUTCOME : ''),
        code: info.code === undefined ? undefined : redact(info.code, secrets),
        requestId: info.requestId ?? requestIdHeader,
        apiId: info.apiId,
        retryAfterMs,
        method,
        path,
        outcomeUnknown,
      });
      if (status === 401) this.#reject(error);
      throw error;
    }
  }

  async #backoff(retry: number, serverWaitMs: number | undefined, signal: AbortSignal | undefined, method: Method, path: string): Promise<void> {
    const delay = Math.min(this.#maxDelayMs, backoffDelay(retry, this.#baseDelayMs, serverWaitMs));
    try {
      await sleep(delay, signal);
    } catch {
      throw this.#aborted(method, path);
    }
  }

  #aborted(method: Method, path: string): VobizApiError {
    return new VobizApiError({ kind: 'aborted', message: `Cancelled (${method} ${path}).`, method, path, outcomeUnknown: false });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pageSizeOf(body: unknown, key: 'per_page' | 'limit'): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const rec = body as Record<string, unknown>;
  const meta = typeof rec.meta === 'object' && rec.meta !== null ? (rec.meta as Record<string, unknown>) : rec;
  const v = meta[key] ?? rec[key];
  return typeof v === 'number' && v > 0 ? v : undefined;
}

async function collect<T>(pages: AsyncGenerator<T[]>, onPage?: (items: T[], pageIndex: number) => void): Promise<T[]> {
  const all: T[] = [];
  let index = 0;
  for await (const page of pages) {
    all.push(...page);
    onPage?.(page, index++);
  }
  return all;
}
