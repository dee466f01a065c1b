/** Backoff and Retry-After arithmetic for GET retries (pure, no timers). */

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
export function backoffDelay(retry: number, baseDelayMs: number, serverWaitMs?: number, random: () => number = Math.random): number {
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
