/** The answer of a connection-check probe (`VobizClient.probe`): what came back, as it came. */
import type { VobizApiError } from './errors';

/** The query of a probe (empty values left out). */
export type ProbeQuery = Record<string, string | number | undefined>;

/** One probe's answer: status, rate-limit headers, body (the token redacted), time; the error a call would have thrown. */
export interface ProbeAnswer {
  /** Path and query as sent. */
  readonly pathAndQuery: string;
  readonly status: number;
  readonly durationMs: number;
  /** `requestId` of the error body, or the `x-request-id` header. */
  readonly requestId?: string;
  /** The answer's rate-limit headers (`x-ratelimit-*`, `retry-after`), names in lower case. */
  readonly rateLimit: Readonly<Record<string, string>>;
  /** The body as text, the auth token redacted. */
  readonly text: string;
  /** For a non-2xx answer: the error a call would have thrown (its message names the request and the likely causes). */
  readonly error?: VobizApiError;
}

/** The rate-limit headers among `headers`: `x-ratelimit-*` (and `x-rate-limit-*`), `retry-after`. */
export function rateLimitHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || !(key.startsWith('x-ratelimit-') || key.startsWith('x-rate-limit-') || key === 'retry-after')) {
      continue;
    }
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
