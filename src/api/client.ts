import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { undici } from './undiciModule';
import { abortedError, badResponseError, httpError, httpErrorMessage, parseErrorBody, redact, VobizApiError } from './errors';
import type { ErrorBodyInfo } from './errors';
import { classifyNetworkFailure, networkError } from './networkErrors';
import { normalizeAccount, normalizeNumber, normalizeTrunk, unreadableReason } from './normalize';
import { collect, PAGE_SIZE, Pager } from './pager';
import {
  accountSegmentFor,
  answeredUnder,
  isAccountSegmentConfirmed,
  learnAccountSegment,
  otherAccountSegment,
} from './pathCasing';
import type { AccountSegment } from './pathCasing';
import { rateLimitHeaders } from './probe';
import type { ProbeAnswer, ProbeQuery } from './probe';
import { RequestLimiter } from './requestLimiter';
import type { Release, SlotOutcome } from './requestLimiter';
import { backoffDelay, parseRetryAfter, RetryBudget, sleep } from './retry';
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
import { requireAuthId, requireAuthToken, requireBaseUrl, requireE164, requireId, requireTrunkId } from './validation';

export { PAGE_SIZE } from './pager';
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
  /**
   * Told, in a sentence for the log, what the client learned about the server that changes how it
   * talks to it: that this API answers under `/account/` instead of `/Account/` (said once per API).
   */
  onNote?: (note: string) => void;
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

/** Requests one client has in flight at most, unless told otherwise. */
export const DEFAULT_MAX_IN_FLIGHT = 10;

/** A request as it goes out, the same on every attempt. */
interface Outgoing {
  method: Method;
  path: string;
  /** Path and query as sent (what the log shows). */
  pathAndQuery: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** What came back from one attempt that got an answer. */
interface Reply extends Answer {
  requestIdHeader: string | undefined;
  retryAfterHeader: string | string[] | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** A non-2xx answer as read: the error body, and the message of the error it makes. */
interface Failure {
  info: ErrorBodyInfo;
  message: string;
  retryAfterMs: number | undefined;
}

/** The wait before the next attempt: the retry's number and the wait the server asked for. */
interface Backoff {
  retry: number;
  serverWaitMs: number | undefined;
}

/**
 * How one attempt ended when it did not throw: a 2xx answer, a wait before going again, or (after a network
 * error, waited for already) going again at once.
 */
type Step = { answer: Answer } | { wait: Backoff } | { again: true };

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
  /** Pages every list (and remembers how many pages each took, for a re-read). */
  readonly #pager: Pager;
  readonly #onRejected: ((error: VobizApiError) => void) | undefined;
  readonly #onNote: ((note: string) => void) | undefined;
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
    this.#pager = new Pager((path, query, signal) => this.#json('GET', path, { signal, query }), this.#limiter.max);
    this.#onRejected = options.onRejected;
    this.#onNote = options.onNote;
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
    if (!account) throw badResponseError('GET', '/api/v1/auth/me', l10n.t('the account answer names no auth_id'));
    return account;
  }

  /** Every number of the account (and of its sub-accounts, for a main account), all pages. */
  async listNumbers(options: ListNumbersOptions = {}): Promise<VobizNumber[]> {
    return collect(this.numberPages(options), options.onPage);
  }

  /** The numbers page by page (`page` + `per_page=100`), for progressive display. */
  numberPages(options: ListNumbersOptions = {}): AsyncGenerator<VobizNumber[]> {
    return this.#casingFallback('/numbers', (path) =>
      this.#pager.pages(
        {
          path,
          query: (index) => ({ page: index + 1, per_page: PAGE_SIZE, search: options.search }),
          normalize: normalizeNumber,
          unreadable: (raw) => unreadableReason(raw, l10n.t('{0} or {1}', 'e164', 'number')),
          key: (n) => n.id ?? n.e164,
          sizeKey: 'per_page',
          noList: l10n.t('the number list has no items'),
          totalCounts: !options.search,
          noun: 'numbers',
        },
        options,
      ),
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
    return this.#casingFallback('/trunks', (path) =>
      this.#pager.pages(
        {
          path,
          query: (index, size) => ({ limit: PAGE_SIZE, offset: index * size }),
          normalize: normalizeTrunk,
          unreadable: (raw) => unreadableReason(raw, l10n.t('{0} or {1}', 'trunk_id', 'id')),
          key: (t) => t.trunk_id,
          sizeKey: 'limit',
          noList: l10n.t('the trunk list has no objects'),
          noun: 'trunks',
        },
        options,
      ),
    );
  }

  /** One trunk by its id (404 → VobizApiError with status 404). */
  async getTrunk(trunkId: string, options: CallOptions = {}): Promise<VobizTrunk> {
    const id = requireTrunkId(trunkId);
    const path = this.#accountPath(`/trunks/${encodeURIComponent(id)}`);
    const body = await this.#json('GET', path, options);
    const trunk = normalizeTrunk(body) ?? normalizeTrunk((body as { object?: unknown } | undefined)?.object);
    if (!trunk) throw badResponseError('GET', path, l10n.t('the trunk answer has no trunk_id'));
    return trunk;
  }

  /**
   * Routes a number to a trunk. Retried only after a 429 (not applied); on an unknown outcome
   * (timeout, reset, 5xx, cancelled after sending) the error says so and nothing is retried.
   */
  async assignNumber(e164: string, trunkId: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    const trunk_group_id = requireTrunkId(trunkId);
    await this.#write('POST', this.#numberRest(e164, '/assign'), { ...options, body: { trunk_group_id } });
  }

  /** Removes a number's trunk routing (inbound calls stop at once). Retried only after a 429, like assign. */
  async unassignNumber(e164: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    await this.#write('DELETE', this.#numberRest(e164, '/assign'), options);
  }

  /** Routes a number to an XML application (re-points an attached one). Never retried. */
  async attachApplication(e164: string, applicationId: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    const application_id = requireId(applicationId, () => l10n.t('An application ID is required.'));
    await this.#write('POST', this.#numberRest(e164, '/application'), { ...options, body: { application_id } });
  }

  /** Detaches a number's XML application. Never retried. */
  async detachApplication(e164: string, options: CallOptions = {}): Promise<void> {
    requireE164(e164);
    await this.#write('DELETE', this.#numberRest(e164, '/application'), options);
  }

  /**
   * One read-only GET for a connection check, answered as it comes: no retries, no limiter slot,
   * a non-2xx answer returned (with the error a call would throw), not thrown. A network failure or
   * a timeout throws the VobizApiError a call would. `path` starts with `/api/`. Nothing is sent
   * once the client's credentials were rejected.
   */
  async probe(path: string, query: ProbeQuery = {}, options: CallOptions = {}): Promise<ProbeAnswer> {
    if (!path.startsWith('/api/')) throw VobizApiError.invalidInput(`A probe path starts with /api/ (got ${path}).`);
    if (this.#rejected) throw this.#rejected;
    const request = this.#outgoing('GET', path, { ...options, query });
    const timeout = new AttemptSignal(options.signal, this.#timeoutMs);
    const started = performance.now();
    let reply: Reply;
    try {
      reply = await this.#exchange(request, timeout.signal);
    } catch (err) {
      if (options.signal?.aborted) throw abortedError('GET', path);
      const failure = classifyNetworkFailure(err, timeout.timedOut, this.#timeoutMs);
      this.#emit({
        method: 'GET',
        path: request.pathAndQuery,
        durationMs: Math.round(performance.now() - started),
        retry: 0,
        error: failure.reason,
      });
      throw networkError(failure, err, { method: 'GET', path, baseUrl: this.baseUrl, timeoutMs: this.#timeoutMs }, [
        this.#authToken,
      ]);
    } finally {
      timeout.dispose();
    }
    return this.#probeAnswer(request, reply, Math.round(performance.now() - started));
  }

  /** A probe's answer, logged like any attempt. */
  #probeAnswer(request: Outgoing, reply: Reply, durationMs: number): ProbeAnswer {
    const { status, requestIdHeader } = reply;
    const failure = status >= 200 && status < 300 ? undefined : this.#failure(request, reply);
    const requestId = failure?.info.requestId ?? requestIdHeader ?? failure?.info.apiId;
    this.#emit({ method: 'GET', path: request.pathAndQuery, status, durationMs, retry: 0, requestId, error: failure?.message });
    const rateLimit = Object.fromEntries(
      Object.entries(rateLimitHeaders(reply.headers)).map(([name, value]) => [name, redact(value, [this.#authToken])]),
    );
    const answer = {
      pathAndQuery: request.pathAndQuery,
      status,
      durationMs,
      requestId,
      rateLimit,
      text: redact(reply.text, [this.#authToken]),
    };
    if (!failure) return answer;
    return {
      ...answer,
      error: httpError(
        { method: 'GET', path: request.path, status, info: failure.info, message: failure.message, requestIdHeader },
        [this.#authToken],
      ),
    };
  }

  /** A path of the account: `/api/v1/Account/{auth_id}…`, or `/account/` once this API is known to answer there. */
  #accountPath(rest: string, segment: AccountSegment = accountSegmentFor(this.baseUrl)): string {
    return `/api/v1/${segment}/${encodeURIComponent(this.authId)}${rest}`;
  }

  /**
   * The pages of the list at `rest` under the path casing in use. When its first page answers 404
   * there, the other casing (`/account/` of the older docs and the Go and Ruby SDKs) is tried once;
   * when that answers, it is remembered for this API (every client of it uses it from then on) and
   * said once through `onNote`.
   */
  async *#casingFallback<T>(rest: string, pages: (path: string) => AsyncGenerator<T[]>): AsyncGenerator<T[]> {
    const segment = accountSegmentFor(this.baseUrl);
    const path = this.#accountPath(rest, segment);
    let answered = false;
    let first: VobizApiError;
    try {
      for await (const page of pages(path)) {
        answered = true;
        yield page;
      }
      return;
    } catch (err) {
      if (answered || !(err instanceof VobizApiError && err.status === 404 && err.path === path)) throw err;
      first = err;
    }
    const other = otherAccountSegment(segment);
    const otherPath = this.#accountPath(rest, other);
    let learned = false;
    try {
      for await (const page of pages(otherPath)) {
        learned ||= this.#learnSegment(other, `GET ${path}`);
        yield page;
      }
    } catch (err) {
      // Not there either: the first 404 is the one to report (the path in use).
      throw !learned && err instanceof VobizApiError && err.status === 404 && err.path === otherPath ? first : err;
    }
    if (!learned) this.#learnSegment(other, `GET ${path}`);
  }

  /** A request under an account path answered (2xx): its casing is known to work for this API. */
  #answeredAt(path: string): void {
    const segment = /^\/api\/v1\/(Account|account)\//.exec(path)?.[1];
    if (segment === 'Account' || segment === 'account') answeredUnder(this.baseUrl, segment);
  }

  /** This API answers under `segment`: every client of it uses it from now on; said once. */
  #learnSegment(segment: AccountSegment, failedPath: string): true {
    if (learnAccountSegment(this.baseUrl, segment)) {
      const note =
        segment === 'account'
          ? l10n.t(
              'Vobiz at {0} answered 404 to {1} and answered under /api/v1/{2}/: requests to it use /{2}/ from now on (the casing of older docs and the Go and Ruby SDKs).',
              this.baseUrl,
              failedPath,
              segment,
            )
          : l10n.t(
              'Vobiz at {0} answered 404 to {1} and answered under /api/v1/{2}/: requests to it use /{2}/ from now on (the current casing).',
              this.baseUrl,
              failedPath,
              segment,
            );
      try {
        this.#onNote?.(note);
      } catch {
        // A failing listener must not fail the list.
      }
    }
    return true;
  }

  /** The part of a number's path after the account: the E.164 segment encoded exactly once (`+` → `%2B`). */
  #numberRest(e164: string, rest: string): string {
    return `/numbers/${encodeURIComponent(e164)}${rest}`;
  }

  /**
   * A write under the path casing in use. While no request has answered under that casing, a 404
   * (which applied nothing) may mean the server uses the other one: the write is tried there once,
   * and when that answers anything but 404, the casing is learned (see pathCasing).
   */
  async #write(method: Method, rest: string, options: SendOptions): Promise<void> {
    const segment = accountSegmentFor(this.baseUrl);
    const path = this.#accountPath(rest, segment);
    try {
      await this.#send(method, path, options);
      return;
    } catch (err) {
      const casing = err instanceof VobizApiError && err.status === 404 && err.path === path;
      if (!casing || isAccountSegmentConfirmed(this.baseUrl)) throw err;
      const other = otherAccountSegment(segment);
      try {
        await this.#send(method, this.#accountPath(rest, other), options);
      } catch (second) {
        if (second instanceof VobizApiError && second.status === 404) throw err;
        this.#learnSegment(other, `${method} ${path}`);
        throw second;
      }
      this.#learnSegment(other, `${method} ${path}`);
    }
  }

  async #json(method: Method, path: string, options: SendOptions): Promise<unknown> {
    const answer = await this.#send(method, path, options);
    // Parsing waits for the answers that arrived with this one to be read: their slots go to the
    // next requests first, which then travel while this one is parsed (a burst of pages no longer
    // holds the next round back by the time it takes to parse them).
    await new Promise((resolve) => setImmediate(resolve));
    if (!answer.text.trim()) return undefined;
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw badResponseError(method, path, l10n.t('the body is not JSON'));
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

  /** One request with its retries (see RetryBudget); returns a 2xx answer or throws a VobizApiError. */
  async #send(method: Method, path: string, options: SendOptions): Promise<Answer> {
    const request = this.#outgoing(method, path, options);
    const budget = new RetryBudget(method === 'GET', this.#maxRetries);
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw abortedError(method, path);
      const step = await this.#attempt(request, attempt, budget);
      if ('answer' in step) {
        this.#answeredAt(path);
        return step.answer;
      }
      if ('wait' in step) await this.#backoff(step.wait.retry, step.wait.serverWaitMs, options.signal, method, path);
    }
  }

  /** The request to send: URL with its query (empty values left out), headers with the credentials, JSON body. */
  #outgoing(method: Method, path: string, options: SendOptions): Outgoing {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== '') query.set(k, String(v));
    const pathAndQuery = query.size ? `${path}?${query.toString()}` : path;
    const headers: Record<string, string> = {
      'x-auth-id': this.authId,
      'x-auth-token': this.#authToken,
      accept: 'application/json',
    };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return { method, path, pathAndQuery, url: this.baseUrl + pathAndQuery, headers, body, signal: options.signal };
  }

  /**
   * One attempt: a slot of the limiter, the request under the per-attempt timeout, the whole body.
   * A network failure is thrown, or waited for before the slot is given back (then `again`). The
   * slot goes back saying whether the answer was a success or a 429 (the limiter's cap follows).
   */
  async #attempt(request: Outgoing, attempt: number, budget: RetryBudget): Promise<Step> {
    const release = await this.#slot(request);
    const timeout = new AttemptSignal(request.signal, this.#timeoutMs);
    const started = performance.now();
    let reply: Reply;
    let outcome: SlotOutcome | undefined;
    try {
      reply = await this.#exchange(request, timeout.signal);
      outcome = reply.status === 429 ? 'throttled' : reply.status >= 200 && reply.status < 300 ? 'succeeded' : undefined;
    } catch (err) {
      timeout.dispose();
      await this.#noAnswer(request, attempt, budget, err, Math.round(performance.now() - started), timeout.timedOut);
      return { again: true };
    } finally {
      timeout.dispose();
      release(outcome);
    }
    return this.#answered(request, attempt, budget, reply, Math.round(performance.now() - started));
  }

  /** A slot of the limiter for the request; nothing is sent when it is cancelled first or the credentials were rejected. */
  async #slot(request: Outgoing): Promise<Release> {
    let release: Release;
    try {
      release = await this.#limiter.acquire(request.signal);
    } catch {
      throw abortedError(request.method, request.path);
    }
    // Rejected or cancelled while this request waited for a slot (or before it): it is not sent.
    if (this.#rejected || request.signal?.aborted) {
      release();
      throw this.#rejected ?? abortedError(request.method, request.path);
    }
    return release;
  }

  /** Sends the request and reads the whole answer. */
  async #exchange(request: Outgoing, signal: AbortSignal): Promise<Reply> {
    const { url, method, headers, body } = request;
    const res = await undici().request(url, { method, headers, body, dispatcher: this.#connection(), signal });
    const status = res.statusCode;
    const requestIdHeader = headerValue(res.headers['x-request-id'] ?? res.headers['x-api-id']);
    const retryAfterHeader = res.headers['retry-after'];
    const text = await res.body.text();
    return { status, text, requestIdHeader, retryAfterHeader, headers: res.headers };
  }

  /**
   * An attempt that got no answer: logged, then thrown (cancelled, a timeout, a network error) or,
   * while the budget lasts, waited for before the next attempt.
   */
  async #noAnswer(
    request: Outgoing,
    attempt: number,
    budget: RetryBudget,
    err: unknown,
    durationMs: number,
    timedOut: boolean,
  ): Promise<void> {
    const { method, path, pathAndQuery } = request;
    if (request.signal?.aborted) {
      this.#emit({ method, path: pathAndQuery, durationMs, retry: attempt, error: 'aborted' });
      // A write cancelled once it was sent may have reached Vobiz and been applied.
      throw abortedError(method, path, method !== 'GET');
    }
    const failure = classifyNetworkFailure(err, timedOut, this.#timeoutMs);
    this.#emit({ method, path: pathAndQuery, durationMs, retry: attempt, error: failure.reason });
    const retry = budget.afterNetworkFailure();
    if (retry === undefined) {
      throw networkError(failure, err, { method, path, baseUrl: this.baseUrl, timeoutMs: this.#timeoutMs }, [this.#authToken]);
    }
    await this.#backoff(retry, undefined, request.signal, method, path);
  }

  /** An answer: a 2xx is the result; any other is logged, then retried (the wait) or thrown. */
  #answered(request: Outgoing, attempt: number, budget: RetryBudget, reply: Reply, durationMs: number): Step {
    const { method, pathAndQuery } = request;
    const { status, text } = reply;
    if (status >= 200 && status < 300) {
      this.#emit({ method, path: pathAndQuery, status, durationMs, retry: attempt, requestId: reply.requestIdHeader });
      return { answer: { status, text } };
    }
    return { wait: this.#failedAnswer(request, attempt, budget, reply, durationMs) };
  }

  /** A non-2xx answer: logged, then the wait before a retry, or thrown (a 401 rejects the credentials: nothing more is sent). */
  #failedAnswer(request: Outgoing, attempt: number, budget: RetryBudget, reply: Reply, durationMs: number): Backoff {
    const { method, path, pathAndQuery } = request;
    const { status, requestIdHeader } = reply;
    const { info, message, retryAfterMs } = this.#failure(request, reply);
    this.#emit({
      method,
      path: pathAndQuery,
      status,
      durationMs,
      retry: attempt,
      requestId: info.requestId ?? requestIdHeader ?? info.apiId,
      error: message,
    });
    const retry = budget.afterStatus(status, retryAfterMs, this.#maxDelayMs);
    if (retry !== undefined) return { retry, serverWaitMs: retryAfterMs };
    const error = httpError({ method, path, status, info, message, requestIdHeader }, [this.#authToken]);
    if (status === 401) this.#reject(error);
    throw error;
  }

  /** A non-2xx answer read: its error body (the wait it asks for from Retry-After first) and the message, the token redacted. */
  #failure(request: Outgoing, reply: Reply): Failure {
    const info = parseErrorBody(reply.text);
    const retryAfterMs = parseRetryAfter(reply.retryAfterHeader) ?? info.retryAfterMs;
    if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
    const message = redact(httpErrorMessage(reply.status, info, { method: request.method, path: request.path }), [
      this.#authToken,
    ]);
    return { info, message, retryAfterMs };
  }

  async #backoff(
    retry: number,
    serverWaitMs: number | undefined,
    signal: AbortSignal | undefined,
    method: Method,
    path: string,
  ): Promise<void> {
    const delay = Math.min(this.#maxDelayMs, backoffDelay(retry, this.#baseDelayMs, serverWaitMs));
    try {
      await sleep(delay, signal);
    } catch {
      throw abortedError(method, path);
    }
  }
}

/**
 * The signal of one attempt: aborted when the caller's signal is, or when the attempt's time is up.
 * A listener and a timer (AbortSignal.any would make a signal that follows both, for every request).
 */
class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  #timedOut = false;

  constructor(caller: AbortSignal | undefined, timeoutMs: number) {
    this.#caller = caller;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, timeoutMs);
    if (!caller) return;
    if (caller.aborted) this.#controller.abort(caller.reason);
    else caller.addEventListener('abort', this.#follow, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True when the attempt ran out of time (not when the caller cancelled it). */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  readonly #follow = (): void => {
    this.#controller.abort(this.#caller?.reason);
  };

  /** The attempt is over: the timer stops, the caller's signal is no longer followed. Calls after the first do nothing. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#follow);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
