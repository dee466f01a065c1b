/** Backoff and Retry-After arithmetic for retries, and the retry budget of one request (pure, no timers). */

/** Parses a Retry-After header value (delta-seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const text = v.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The delay before retry number `retry` (1-based): `base * 2^(retry-1)` with ±20 % jitter, or the
 * server's requested wait when given (never less than it). `random` is injectable for tests.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  serverWaitMs?: number,
  random: () => number = Math.random,
): number {
  const exp = baseDelayMs * 2 ** (retry - 1);
  const jittered = exp * (0.8 + 0.4 * random());
  if (serverWaitMs !== undefined) return Math.max(serverWaitMs, Math.round(jittered * 0.25));
  return Math.round(jittered);
}

/** Statuses a GET is retried on. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Retries of a write (POST/DELETE) answered 429. A 429 says the request was not applied, so going
 * again is safe; nothing else a write meets is retried (a timeout, a reset or a 5xx leave its
 * outcome unknown). A small number: a bulk run under a rate limit completes, a lasting limit fails.
 */
export const WRITE_RATE_LIMIT_RETRIES = 3;

/**
 * How often one request may go again. A read gets `maxRetries` for network errors and retryable
 * statuses, and a larger budget of its own for 429s: a 429 says the request was not handled at all,
 * so a burst of them during paging slows the load down instead of failing it. A write goes again
 * only after a 429, at most WRITE_RATE_LIMIT_RETRIES times.
 */
export class RetryBudget {
  readonly #isRead: boolean;
  readonly #retries: number;
  readonly #rateLimitRetries: number;
  #rateLimited = 0;
  #otherFailures = 0;

  constructor(isRead: boolean, maxRetries: number) {
    this.#isRead = isRead;
    this.#retries = isRead ? maxRetries : 0;
    this.#rateLimitRetries = isRead ? Math.max(this.#retries, 2 * this.#retries + 2) : WRITE_RATE_LIMIT_RETRIES;
  }

  /** After a network error or timeout: the number of the retry (its backoff), or undefined when none is left. */
  afterNetworkFailure(): number | undefined {
    return this.#otherFailure();
  }

  /**
   * After a non-2xx answer: the number of the retry (its backoff), or undefined when the status is
   * not retried (for a write: anything but 429), the server asks for a longer wait than
   * `maxDelayMs`, or the budget is spent.
   */
  afterStatus(status: number, retryAfterMs: number | undefined, maxDelayMs: number): number | undefined {
    const waitTooLong = retryAfterMs !== undefined && retryAfterMs > maxDelayMs;
    if (!isRetryableStatus(status) || waitTooLong) return undefined;
    if (status === 429) {
      if (this.#rateLimited >= this.#rateLimitRetries) return undefined;
      this.#rateLimited++;
      return Math.min(this.#rateLimited, this.#isRead ? this.#retries + 1 : this.#rateLimitRetries);
    }
    return this.#otherFailure();
  }

  /** Network errors, timeouts and statuses other than 429 share one budget (none for a write). */
  #otherFailure(): number | undefined {
    if (this.#otherFailures >= this.#retries) return undefined;
    return ++this.#otherFailures;
  }
}
