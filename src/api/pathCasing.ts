/**
 * The casing of the account segment of Vobiz paths (vobiz-api.md §1, §7, §8): the current reference
 * uses `/api/v1/Account/{auth_id}/…`; older docs and two official SDKs (Go, Ruby) use `/account/`.
 * A client starts with `/Account/`; when a list answers 404 there and `/account/` answers, every
 * client for that API (its base URL: scheme, host, port and path prefix) uses `/account/` from then
 * on, in this process. A write does the same while no request has answered under the casing in use
 * (a 404 applied nothing, so trying the other casing once is safe). Module state on purpose: a new
 * client for the same API benefits at once.
 */

/** The account segment of a path: `Account` (current reference) or `account` (older docs, Go and Ruby SDKs). */
export type AccountSegment = 'Account' | 'account';

/** The segment every client starts with. */
export const DEFAULT_ACCOUNT_SEGMENT: AccountSegment = 'Account';

const learned = new Map<string, AccountSegment>();
/** The segment each API answered a request under (2xx), in this process. */
const answered = new Map<string, AccountSegment>();

/** The account segment to use for the API at `baseUrl` (a client's normalised base URL). */
export function accountSegmentFor(baseUrl: string): AccountSegment {
  return learned.get(baseUrl) ?? DEFAULT_ACCOUNT_SEGMENT;
}

/** The other casing: the one tried once when a list answers 404 under `segment`. */
export function otherAccountSegment(segment: AccountSegment): AccountSegment {
  return segment === 'Account' ? 'account' : 'Account';
}

/**
 * Remembers that the API at `baseUrl` answers under `segment`. True when this is news (the
 * segment in use for it changed), so the caller says it once.
 */
export function learnAccountSegment(baseUrl: string, segment: AccountSegment): boolean {
  if (accountSegmentFor(baseUrl) === segment) return false;
  if (segment === DEFAULT_ACCOUNT_SEGMENT) learned.delete(baseUrl);
  else learned.set(baseUrl, segment);
  return true;
}

/** The API at `baseUrl` answered a request under `segment` (a 2xx): that casing is known to work. */
export function answeredUnder(baseUrl: string, segment: AccountSegment): void {
  answered.set(baseUrl, segment);
}

/** True when the casing in use for the API at `baseUrl` has answered a request (a 404 there is not a casing problem). */
export function isAccountSegmentConfirmed(baseUrl: string): boolean {
  return answered.get(baseUrl) === accountSegmentFor(baseUrl);
}

/** Forgets every learned casing (tests; a new process starts with none). */
export function forgetAccountSegments(): void {
  learned.clear();
  answered.clear();
}
