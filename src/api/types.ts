/**
 * Vobiz API objects as the API sends them: snake_case field names, unknown fields kept, unknown
 * enum values kept as strings. Only the fields the extension relies on are typed; everything else
 * stays reachable through the index signature (so an object can be shown as JSON, nothing lost).
 */

/** Number status values seen in the docs; any other string is passed through verbatim. */
export type NumberStatus = 'active' | 'pending_purchase' | 'pending_release' | 'released' | 'blocked';

export interface NumberCapabilities {
  voice?: boolean;
  sms?: boolean;
  mms?: boolean;
  fax?: boolean;
  [key: string]: unknown;
}

/** A phone number of the account (or of one of its sub-accounts). */
export interface VobizNumber {
  /** E.164, e.g. `+919876543210`. */
  e164: string;
  id?: string;
  /** Owner's Auth ID (filled from the older `auth_id` field when only that is sent). */
  account_id?: string;
  country?: string;
  region?: string;
  capabilities?: NumberCapabilities;
  status?: NumberStatus | (string & {});
  /** The trunk this number routes to; absent when not assigned (null and "" are removed). */
  trunk_group_id?: string;
  /** The XML application this number routes to, when any (null and "" are removed). */
  application_id?: string;
  monthly_fee?: number | string;
  setup_fee?: number | string;
  currency?: string;
  is_blocked?: boolean;
  [key: string]: unknown;
}

export type TrunkStatus = 'active' | 'inactive' | 'enabled' | 'disabled';
export type TrunkDirection = 'inbound' | 'outbound' | 'both';
export type TrunkTransport = 'udp' | 'tcp' | 'tls';

/** A SIP trunk. A trunk does not list its numbers: they are the numbers whose `trunk_group_id` is its `trunk_id`. */
export interface VobizTrunk {
  trunk_id: string;
  account_id?: string;
  name?: string;
  trunk_domain?: string;
  trunk_status?: TrunkStatus | (string & {});
  trunk_direction?: TrunkDirection | (string & {});
  transport?: TrunkTransport | (string & {});
  concurrent_calls_limit?: number;
  cps_limit?: number;
  description?: string;
  [key: string]: unknown;
}

/** The answer of `GET /auth/me`. */
export interface VobizAccount {
  auth_id: string;
  name?: string;
  email?: string;
  account_type?: string;
  cps_limit?: number;
  concurrent_calls_limit?: number;
  [key: string]: unknown;
}

/** One record per HTTP attempt, given to the `log` hook. Never carries the auth token. */
export interface RequestLogRecord {
  method: string;
  /** Path and query as sent (the auth token is never part of it). */
  path: string;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  durationMs: number;
  requestId?: string;
  /** 0 for the first attempt, 1.. for retries. */
  retry: number;
  /** A short reason when the attempt failed (network error, timeout, HTTP error message). */
  error?: string;
}

export type RequestLogger = (record: RequestLogRecord) => void;

/** Options every method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** An item of a list the client could not read (a number with no E.164, a trunk with no id): left out of the list. */
export interface UnreadableItem {
  /** What the list holds, in the plural (`numbers`, `trunks`). */
  list: string;
  /** What was wrong, in a few words with no value from the item: e.g. `no usable e164 or number (keys: id, status)`. */
  problem: string;
}

export interface ListOptions<T> extends CallOptions {
  /** Called with each page's items as soon as the page arrives (progressive display). */
  onPage?: (items: T[], pageIndex: number) => void;
  /**
   * Told of each distinct item the client could not read. It is not in the list, but it did
   * arrive: it counts towards the total the server states, so the list is still complete.
   */
  onUnreadable?: (item: UnreadableItem) => void;
}

export interface ListNumbersOptions extends ListOptions<VobizNumber> {
  /** Part of a number to search for (server-side). */
  search?: string;
}

export type ListTrunksOptions = ListOptions<VobizTrunk>;

export interface RetryOptions {
  /**
   * Retries of a GET after the first attempt. Default 3; answers 429 (not handled at all) get 2 × this + 2.
   * A write (POST/DELETE) is retried only after a 429, at most WRITE_RATE_LIMIT_RETRIES (3) times.
   */
  maxRetries?: number;
  /** First backoff delay; doubles each retry (1 s, 2 s, 4 s). Default 1000. */
  baseDelayMs?: number;
  /** Longest wait before one retry; a longer `Retry-After` ends the retries. Default 30000. */
  maxDelayMs?: number;
}
