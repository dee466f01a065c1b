/**
 * The one rule for what the user can do about an error: which actions help, in order. The tree's
 * error items, the commands' failure messages and the change notifications each map these action
 * kinds to their own UI (items, buttons); none decides on its own. No vscode import.
 */
import { authErrorOf, VobizApiError } from '../api';
import { CredentialHostError } from './hostConsent';

/** What went wrong, as far as the way out is concerned. */
export type RecoveryProblem =
  /** Vobiz refused the credentials (HTTP 401/403): sign in again. */
  | 'credentialsRejected'
  /** The user did not agree to send the credentials to a new API host: nothing was sent. */
  | 'credentialsNotSent'
  /** A setting (or stored entry) the account is loaded with is unusable: nothing was sent. */
  | 'invalidSettings'
  /** Vobiz answered and refused the request (a 4xx other than 401/403): the connection is fine, the message says why. */
  | 'refused'
  /** Anything else: the message says what, the log says more. */
  | 'failed';

/** An action that can help: sign in again, open the settings, run the failed load again, read the log, probe the connection. */
export type RecoveryAction = 'signInAgain' | 'openSettings' | 'retry' | 'showLog' | 'checkConnection';

export interface Recovery {
  readonly problem: RecoveryProblem;
  /** The actions that apply, the most useful first (the fix, then the log, then Retry). */
  readonly actions: readonly RecoveryAction[];
  /** What Open Settings opens: a setting's id, or a prefix of several (`vobiz.`). */
  readonly setting?: string;
  /** Whose credentials Sign In Again is for; undefined: the user says whose. */
  readonly authId?: string;
  /** The API host the credentials were not sent to (`credentialsNotSent`). */
  readonly host?: string;
}

/** What the caller knows about where the error came from. */
export interface ErrorOrigin {
  /** The account the error is about, when known: Sign In Again signs in to it. */
  readonly authId?: string;
  /**
   * The error stopped loading an account. Its input is then the settings (an invalid input is an
   * invalid setting, not a bad argument), and the load can be run again (Retry).
   */
  readonly loading?: boolean;
}

/** What the user can do about `error`. */
export function recoveryFor(error: unknown, origin: ErrorOrigin = {}): Recovery {
  const retry: RecoveryAction[] = origin.loading ? ['retry'] : [];
  if (error instanceof CredentialHostError) {
    // The user's own choice, said in full by the message: nothing to read in the log.
    const setting = error.unverifiedProxy ? 'http.proxyStrictSSL' : 'vobiz.apiBaseUrl';
    return { problem: 'credentialsNotSent', actions: ['openSettings', ...retry], setting, host: error.to };
  }
  if (authErrorOf(error)) {
    return {
      problem: 'credentialsRejected',
      actions: ['signInAgain', 'showLog', 'checkConnection', ...retry],
      ...(origin.authId ? { authId: origin.authId } : {}),
    };
  }
  if (origin.loading && error instanceof VobizApiError && error.kind === 'invalid-input') {
    return { problem: 'invalidSettings', actions: ['openSettings', ...retry], setting: 'vobiz.' };
  }
  if (error instanceof VobizApiError && error.kind === 'invalid-input') {
    // Refused before sending (a bad argument): the connection is not in question.
    return { problem: 'failed', actions: ['showLog', ...retry] };
  }
  if (error instanceof VobizApiError && error.status !== undefined && error.status >= 400 && error.status < 500) {
    // Vobiz answered and refused a change: the connection is fine, Check Connection would say nothing. A load
    // refused (a 404 of a path, a 400 of a parameter) may be the API's address or casing: the check says.
    const check: RecoveryAction[] = origin.loading ? ['checkConnection'] : [];
    return { problem: 'refused', actions: ['showLog', ...check, ...retry] };
  }
  return { problem: 'failed', actions: ['showLog', 'checkConnection', ...retry] };
}
