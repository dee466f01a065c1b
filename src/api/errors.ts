import * as l10n from '@vscode/l10n';
import { isRecord } from './guards';

/** What went wrong, in terms a caller can branch on. */
export type VobizErrorKind =
  /** The API answered with a non-2xx status. */
  | 'http'
  /** No usable answer: connection refused or reset, DNS failure, TLS failure. */
  | 'network'
  /** No answer within the request timeout. */
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** The input was rejected before any request was sent. */
  | 'invalid-input'
  /** A 2xx answer whose body could not be understood. */
  | 'bad-response';

export interface VobizApiErrorInit {
  kind: VobizErrorKind;
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  apiId?: string;
  retryAfterMs?: number;
  method?: string;
  path?: string;
  outcomeUnknown?: boolean;
  /** What happened, without the sentence on the outcome of a write (default: `message`). */
  reason?: string;
  cause?: unknown;
}

/**
 * The one error type of the API module. `message` is written for a person and never contains the
 * auth token (the client redacts it before constructing the error).
 */
export class VobizApiError extends Error {
  readonly kind: VobizErrorKind;
  readonly status?: number;
  /** The API's own error code or short error (e.g. `RATE_LIMIT_EXCEEDED`, `Number not found`). */
  readonly code?: string;
  readonly requestId?: string;
  readonly apiId?: string;
  /** How long the API asked to wait before trying again (Retry-After or details.retryAfter). */
  readonly retryAfterMs?: number;
  readonly method?: string;
  readonly path?: string;
  /**
   * True when a write (POST/DELETE) may or may not have been applied (timeout, reset, 5xx, or
   * cancelled after it was sent): the caller must re-read the state before deciding anything.
   */
  readonly outcomeUnknown: boolean;
  /**
   * What happened, for a caller that says the outcome of the write itself (after settling it with a
   * read): `message` without its "may or may not have been applied" sentence. Never holds the token.
   */
  readonly reason: string;

  constructor(init: VobizApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'VobizApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.apiId = init.apiId;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.reason = init.reason ?? init.message;
  }

  static invalidInput(message: string): VobizApiError {
    return new VobizApiError({ kind: 'invalid-input', message });
  }

  /** True for 401 (and 403): the credentials are wrong or do not fit the account. */
  get isAuthError(): boolean {
    return this.kind === 'http' && (this.status === 401 || this.status === 403);
  }
}

/**
 * `message`, and when the outcome of the write it reports is unknown, the sentence that says so
 * (after a space). A function, not a constant: the sentence is translated when it is used.
 */
export function withOutcome(message: string, outcomeUnknown: boolean): string {
  if (!outcomeUnknown) return message;
  return `${message} ${l10n.t('The change may or may not have been applied: refresh to see the current state before trying again.')}`;
}

/** A 2xx answer that cannot be understood; `what` is the clause that says what is wrong with it. */
export function badResponseError(method: string, path: string, what: string): VobizApiError {
  return new VobizApiError({
    kind: 'bad-response',
    message: l10n.t('Unexpected answer from Vobiz ({0} {1}): {2}.', method, path, what),
    method,
    path,
  });
}

/**
 * The caller's AbortSignal fired (before, during or between attempts). `outcomeUnknown` when a write
 * was cancelled after it was sent: Vobiz may have applied it all the same.
 */
export function abortedError(method: string, path: string, outcomeUnknown = false): VobizApiError {
  const reason = l10n.t('Cancelled ({0} {1}).', method, path);
  return new VobizApiError({
    kind: 'aborted',
    message: withOutcome(reason, outcomeUnknown),
    reason,
    method,
    path,
    outcomeUnknown,
  });
}

/** The credentials error (401/403) behind `err`, following `cause` links (a RoutingError wraps one). */
export function authErrorOf(err: unknown): VobizApiError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof VobizApiError && e.isAuthError) return e;
  }
  return undefined;
}

/** What a Vobiz error body says, read from whichever of the documented shapes it has. */
export interface ErrorBodyInfo {
  message?: string;
  code?: string;
  requestId?: string;
  apiId?: string;
  retryAfterMs?: number;
  /** The numeric `status` of the newest envelope (`{"status": 422, "error": {…}}`), when the body has one. */
  status?: number;
  /** A validation error's field messages (`details.errors[]`), each `field: message`. */
  fieldErrors?: string[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Seconds (number or numeric string) to milliseconds; undefined when not a usable number. */
function secondsToMs(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

/** Field messages shown at most; the rest are counted. */
const MAX_FIELD_ERRORS = 8;

/** One entry of `details.errors`: `{field, message}` → `field: message`; a string as it is. */
function fieldError(entry: unknown): string | undefined {
  if (!isRecord(entry)) return str(entry);
  const field = str(entry.field) ?? str(entry.param) ?? str(entry.path);
  const message = str(entry.message) ?? str(entry.msg) ?? str(entry.error);
  return field && message ? `${field}: ${message}` : (message ?? field);
}

/** The field messages of a validation error's `details.errors[]`, or undefined when it has none. */
function fieldErrorsOf(details: Record<string, unknown>): string[] | undefined {
  if (!Array.isArray(details.errors)) return undefined;
  const all = (details.errors as unknown[]).map(fieldError).filter((e): e is string => e !== undefined);
  if (!all.length) return undefined;
  const shown = all.slice(0, MAX_FIELD_ERRORS);
  return all.length > shown.length ? [...shown, l10n.t('and {0} more', all.length - shown.length)] : shown;
}

/** What the `error` object of shapes 2 and 2b says: its message, code, wait and field messages. */
function readErrorObject(error: Record<string, unknown>, info: ErrorBodyInfo): void {
  info.message = str(error.message);
  info.code = str(error.code);
  const details = error.details;
  if (!isRecord(details)) return;
  info.retryAfterMs = secondsToMs(details.retryAfter ?? details.retry_after);
  const fields = fieldErrorsOf(details);
  if (fields) info.fieldErrors = fields;
}

/**
 * Reads the human message and identifiers from an error body. Shapes (vobiz-api.md §4):
 * 1. `{error: "Number not found", message: "…", api_id?}`;
 * 2. `{status: "error", error: {code, message, details}, requestId}`; 2b. the newest envelope, the
 *    same with a numeric `status` (`422`) and, for validation errors, `details.errors[{field, message}]`;
 * 3. `{error: "…"}`; 4. `{status: "…", message: "…"}`; 5. not JSON (gateway pages).
 */
export function parseErrorBody(text: string): ErrorBodyInfo {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: plainTextMessage(text) };
  }
  if (!isRecord(body)) return { message: plainTextMessage(text) };
  const info: ErrorBodyInfo = {
    requestId: str(body.requestId) ?? str(body.request_id),
    apiId: str(body.api_id) ?? str(body.apiId),
  };
  if (typeof body.status === 'number' && Number.isInteger(body.status)) info.status = body.status;
  const error = body.error;
  if (isRecord(error)) {
    readErrorObject(error, info);
  } else {
    info.code = str(error);
    info.message = str(body.message) ?? str(error) ?? str(body.detail) ?? str(body.error_description);
  }
  if (!info.message) info.message = str(body.message);
  return info;
}

/** The readable text of a non-JSON body (HTML tags dropped, whitespace folded, kept short). */
function plainTextMessage(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain;
}

/** The reason phrase of a status, for an error body that says nothing; undefined for one not listed. */
function statusText(status: number): string | undefined {
  switch (status) {
    case 400:
      return l10n.t('Bad request');
    case 401:
      return l10n.t('Unauthorized');
    case 402:
      return l10n.t('Payment required');
    case 403:
      return l10n.t('Forbidden');
    case 404:
      return l10n.t('Not found');
    case 409:
      return l10n.t('Conflict');
    case 422:
      return l10n.t('Unprocessable entity');
    case 429:
      return l10n.t('Too many requests');
    case 500:
      return l10n.t('Internal server error');
    case 502:
      return l10n.t('Bad gateway');
    case 503:
      return l10n.t('Service unavailable');
    case 504:
      return l10n.t('Gateway timeout');
    default:
      return undefined;
  }
}

/** The request an HTTP error answered, for its message (path without the query; never a credential). */
export interface RequestLine {
  method: string;
  path: string;
}

/**
 * The status in parentheses: `HTTP 404`, with the request (`HTTP 404 on GET /path`) when given, and
 * the body's own status when it differs (`…; the answer says 422`).
 */
function statusDetail(status: number, bodyStatus: number | undefined, request?: RequestLine): string {
  if (request) {
    return bodyStatus === undefined
      ? l10n.t('HTTP {0} on {1} {2}', status, request.method, request.path)
      : l10n.t('HTTP {0} on {1} {2}; the answer says {3}', status, request.method, request.path, bodyStatus);
  }
  return bodyStatus === undefined ? l10n.t('HTTP {0}', status) : l10n.t('HTTP {0}; the answer says {1}', status, bodyStatus);
}

/** A 429's message: the wait it asked for, when it said one. */
function rateLimitMessage(retryAfterMs: number | undefined, sentence: string): string {
  if (retryAfterMs === undefined) {
    return l10n.t('Vobiz is limiting the request rate (HTTP 429). Try again shortly. Vobiz said: {0}', sentence);
  }
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return l10n.t('Vobiz is limiting the request rate (HTTP 429). Try again in {0} s. Vobiz said: {1}', seconds, sentence);
}

/** The message of a status without a sentence of its own: a 5xx, a validation error, any other. */
function otherStatusMessage(
  status: number,
  bodyStatus: number | undefined,
  info: ErrorBodyInfo,
  sentence: string,
  request?: RequestLine,
): string {
  if (status >= 500) return l10n.t('Vobiz had a server problem ({0}): {1}', statusDetail(status, bodyStatus), sentence);
  if (info.fieldErrors) {
    return l10n.t(
      'Vobiz refused the request as invalid ({0}): {1}. Vobiz said: {2}',
      statusDetail(status, bodyStatus, request),
      info.fieldErrors.join('; '),
      sentence,
    );
  }
  return bodyStatus === undefined
    ? l10n.t('{0} (HTTP {1})', sentence, status)
    : l10n.t('{0} (HTTP {1}; the answer says {2})', sentence, status, bodyStatus);
}

/**
 * The message of an HTTP error: what the server said, with what it means and what to do. A 401 or
 * 404 names the request (`request`, when given) and its likely causes; a validation error (400,
 * 422) its field messages.
 */
export function httpErrorMessage(status: number, info: ErrorBodyInfo, request?: RequestLine): string {
  const said = info.message ?? statusText(status) ?? l10n.t('No details given');
  const sentence = said.endsWith('.') || said.endsWith('…') ? said : `${said}.`;
  const bodyStatus = info.status !== undefined && info.status !== status ? info.status : undefined;
  const detail = statusDetail(status, bodyStatus, request);
  switch (status) {
    case 401:
      return l10n.t(
        'Vobiz did not accept the credentials ({0}): check Auth ID / Auth Token (a token rotated in the console, or an Auth ID that is not the one of this token), and that the API base URL is right; a wrong path casing (/Account/ vs /account/) or a gateway that rewrites paths can answer 401 too. Vobiz said: {1}',
        detail,
        sentence,
      );
    case 403:
      return l10n.t(
        'Vobiz refused access ({0}): these credentials may not be allowed to act for this account. Vobiz said: {1}',
        detail,
        sentence,
      );
    case 404:
      return l10n.t(
        'Vobiz found nothing there ({0}). Likely causes: an unknown number or path, a wrong path casing (/Account/ vs /account/), or a gateway that rewrites paths. Vobiz said: {1}',
        detail,
        sentence,
      );
    case 429:
      return rateLimitMessage(info.retryAfterMs, sentence);
    default:
      return otherStatusMessage(status, bodyStatus, info, sentence, request);
  }
}

/** A non-2xx answer that is not retried, as it was read. */
export interface HttpFailure {
  method: string;
  path: string;
  status: number;
  /** The error body read, its `retryAfterMs` already the wait the answer asked for. */
  info: ErrorBodyInfo;
  /** `httpErrorMessage` of it, the secrets redacted. */
  message: string;
  /** The `x-request-id` (or `x-api-id`) header. */
  requestIdHeader: string | undefined;
}

/** The error of a failed HTTP answer; a write's 5xx may or may not have been applied. */
export function httpError(failure: HttpFailure, secrets: readonly string[]): VobizApiError {
  const { method, path, status, info, message } = failure;
  const outcomeUnknown = method !== 'GET' && status >= 500;
  return new VobizApiError({
    kind: 'http',
    status,
    message: withOutcome(message, outcomeUnknown),
    reason: message,
    code: info.code === undefined ? undefined : redact(info.code, secrets),
    requestId: info.requestId ?? failure.requestIdHeader,
    apiId: info.apiId,
    retryAfterMs: info.retryAfterMs,
    method,
    path,
    outcomeUnknown,
  });
}

/** Replaces every occurrence of each secret in `text` (secrets shorter than 4 characters are ignored). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}
