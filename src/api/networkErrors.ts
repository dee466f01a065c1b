/** Attempts that got no answer at all: what the network said, in words, and the error a caller gets. */
import * as l10n from '@vscode/l10n';
import { redact, VobizApiError, withOutcome } from './errors';

/** Codes that mean the request never left (nothing can have been applied). */
export const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The first string `code` of `err` or of its causes. */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What a network error code means, for a person: a clause (it follows a colon in the error's message). */
export function networkReason(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('the connection was refused (is the API base URL right?)');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('the host name could not be resolved (check the API base URL and your network)');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return l10n.t('the connection was closed unexpectedly');
    case 'UND_ERR_CONNECT_TIMEOUT':
      return l10n.t('the connection timed out');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return l10n.t('the network is unreachable');
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) return l10n.t('a TLS certificate problem ({0})', code);
      return code ? l10n.t('a network error ({0})', code) : l10n.t('a network error');
  }
}

/** One attempt that got no answer. */
export interface NetworkFailure {
  /** No answer within the timeout (rather than a network error). */
  timedOut: boolean;
  code: string | undefined;
  /** The connection was never made: the request cannot have been applied. */
  neverSent: boolean;
  /** What happened, for the log and the message. */
  reason: string;
}

/** The timeout in seconds, to one decimal. */
function seconds(timeoutMs: number): number {
  return Math.round(timeoutMs / 100) / 10;
}

/** What a thrown request failure was; `timedOut` when the attempt's own timeout fired. */
export function classifyNetworkFailure(err: unknown, timedOut: boolean, timeoutMs: number): NetworkFailure {
  const code = errorCode(err);
  const neverSent = !timedOut && code !== undefined && CONNECT_FAILURES.has(code);
  const reason = timedOut ? l10n.t('no answer within {0} s', seconds(timeoutMs)) : networkReason(code);
  return { timedOut, code, neverSent, reason };
}

/** Where the failed request went. */
export interface FailedRequest {
  method: string;
  path: string;
  baseUrl: string;
  timeoutMs: number;
}

/**
 * The error of a request that got no answer (a `timeout` or `network` error). A write that may
 * have reached Vobiz says its outcome is unknown; the secrets are redacted from the message.
 */
export function networkError(
  failure: NetworkFailure,
  err: unknown,
  request: FailedRequest,
  secrets: readonly string[],
): VobizApiError {
  const { timedOut, neverSent, reason } = failure;
  const { method, path, baseUrl } = request;
  const outcomeUnknown = method !== 'GET' && !neverSent;
  const message = timedOut
    ? l10n.t('Vobiz did not answer within {0} s ({1} {2}).', seconds(request.timeoutMs), method, path)
    : neverSent
      ? l10n.t('Could not reach Vobiz at {0}: {1}.', new URL(baseUrl).host, reason)
      : l10n.t('The request to Vobiz at {0} failed: {1} ({2} {3}).', new URL(baseUrl).host, reason, method, path);
  return new VobizApiError({
    kind: timedOut ? 'timeout' : 'network',
    message: redact(withOutcome(message, outcomeUnknown), secrets),
    reason: redact(message, secrets),
    code: failure.code,
    method,
    path,
    outcomeUnknown,
    cause: timedOut ? undefined : err,
  });
}
