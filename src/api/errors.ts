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
  }

  static invalidInput(message: string): VobizApiError {
    return new VobizApiError({ kind: 'invalid-input', message });
  }

  /** True for 401 (and 403): the credentials are wrong or do not fit the account. */
  get isAuthError(): boolean {
    return this.kind === 'http' && (this.status === 401 || this.status === 403);
  }
}

/** Added to the message of a failed write whose outcome is unknown. */
export const UNKNOWN_OUTCOME = ' The change may or may not have been applied: refresh to see the current state before trying again.';

/** A 2xx answer that cannot be understood. */
export function badResponseError(method: string, path: string, what: string): VobizApiError {
  return new VobizApiError({ kind: 'bad-response', message: `Unexpected answer from Vobiz (${method} ${path}): ${what}.`, method, path });
}

/**
 * The caller's AbortSignal fired (before, during or between attempts). `outcomeUnknown` when a write
 * was cancelled after it was sent: Vobiz may have applied it all the same.
 */
export function abortedError(method: string, path: string, outcomeUnknown = false): VobizApiError {
  const message = `Cancelled (${method} ${path}).` + (outcomeUnknown ? UNKNOWN_OUTCOME : '');
  return new VobizApiError({ kind: 'aborted', message, method, path, outcomeUnknown });
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
  return all.length > shown.length ? [...shown, `and ${all.length - shown.length} more`] : shown;
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

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** The request an HTTP error answered, for its message (path without the query; never a credential). */
export interface RequestLine {
  method: string;
  path: string;
}

/** Why a 401 may come: the credentials first, then what can look like them. */
const CAUSES_401 =
  'check Auth ID / Auth Token (a token rotated in the console, or an Auth ID that is not the one of this token), and that the API base URL is right; ' +
  'a wrong path casing (/Account/ vs /account/) or a gateway that rewrites paths can answer 401 too.';
/** Why a 404 may come. */
const CAUSES_404 = 'Likely causes: an unknown number or path, a wrong path casing (/Account/ vs /account/), or a gateway that rewrites paths.';

/**
 * The message of an HTTP error: what the server said, with what it means and what to do. A 401 or
 * 404 names the request (`request`, when given) and its likely causes; a validation error (400,
 * 422) its field messages.
 */
export function httpErrorMessage(status: number, info: ErrorBodyInfo, request?: RequestLine): string {
  const said = info.message ?? STATUS_TEXT[status] ?? 'No details given';
  const sentence = said.endsWith('.') || said.endsWith('…') ? said : `${said}.`;
  const bodyStatus = info.status !== undefined && info.status !== status ? `; the answer says ${info.status}` : '';
  const code = `HTTP ${status}${request ? ` on ${request.method} ${request.path}` : ''}${bodyStatus}`;
  switch (status) {
    case 401:
      return `Vobiz did not accept the credentials (${code}): ${CAUSES_401} Vobiz said: ${sentence}`;
    case 403:
      return `Vobiz refused access (${code}): these credentials may not be allowed to act for this account. Vobiz said: ${sentence}`;
    case 404:
      return `Vobiz found nothing there (${code}). ${CAUSES_404} Vobiz said: ${sentence}`;
    case 429: {
      const wait = info.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(info.retryAfterMs / 1000))} s.` : ' Try again shortly.';
      return `Vobiz is limiting the request rate (HTTP 429).${wait} Vobiz said: ${sentence}`;
    }
    default:
      if (status >= 500) return `Vobiz had a server problem (HTTP ${status}${bodyStatus}): ${sentence}`;
      if (info.fieldErrors) return `Vobiz refused the request as invalid (${code}): ${info.fieldErrors.join('; ')}. Vobiz said: ${sentence}`;
      return `${sentence} (HTTP ${status}${bodyStatus})`;
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
    message: message + (outcomeUnknown ? UNKNOWN_OUTCOME : ''),
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
