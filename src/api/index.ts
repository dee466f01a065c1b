/**
 * The Vobiz API module: every HTTP call of the extension goes through here. No `vscode` import.
 */
export { VobizClient, PAGE_SIZE } from './client';
export type { VobizClientOptions } from './client';
export { VobizApiError, authErrorOf, parseErrorBody, httpErrorMessage, redact } from './errors';
export type { VobizErrorKind, ErrorBodyInfo, RequestLine } from './errors';
export { accountSegmentFor, forgetAccountSegments } from './pathCasing';
export type { AccountSegment } from './pathCasing';
export type { ProbeAnswer, ProbeQuery } from './probe';
export { listItems, listTotal } from './normalize';
export { normalizeNumber, normalizeTrunk, normalizeAccount, unreadableReason } from './normalize';
export { parseRetryAfter, backoffDelay } from './retry';
export { proxyDispatcher, proxyDescription, describeProxyUrl, proxyUrlProblem, unverifiedProxy } from './proxy';
export type { ProxySettings, ProxyChoice } from './proxy';
export { maskUrlCredentials } from './urlCredentials';
export { rawOf } from './normalize';
export { isRecord } from './guards';
export { isValidAuthId, isValidE164, authIdProblem, e164Problem, baseUrlProblem, isLoopbackHost, apiHostOf } from './validation';
export type * from './types';
