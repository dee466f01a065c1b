/**
 * Credentials are bound to the API host they were entered for. When `vobiz.apiBaseUrl` names
 * another host, nothing is sent there until the user agrees; a refusal is this error.
 */

/** What the user is asked when an account's credentials would go to a host they were not entered for. */
export interface HostQuestion {
  readonly authId: string;
  /** The account's name as a person knows it. */
  readonly label: string;
  /** The host the credentials were entered for. */
  readonly from: string;
  /** The host the settings now point at. */
  readonly to: string;
}

/** Asks the user; true only when they chose to send the credentials to `to`. */
export type AskToSendCredentials = (question: HostQuestion) => Thenable<boolean>;

/** The user did not agree to send an account's credentials to a new host: nothing was sent. */
export class CredentialHostError extends Error {
  readonly authId: string;
  readonly from: string;
  readonly to: string;

  constructor(question: HostQuestion) {
    super(
      `The credentials of ${question.authId} were entered for ${question.from}, and were not sent to ${question.to}. ` +
        `Set "vobiz.apiBaseUrl" back to ${question.from}, or choose Retry (Vobiz: Refresh) and agree to send them to ${question.to}.`,
    );
    this.name = 'CredentialHostError';
    this.authId = question.authId;
    this.from = question.from;
    this.to = question.to;
  }
}
