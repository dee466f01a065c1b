/**
 * Credentials are bound to the API host they were entered for (see `apiHostOf`: the hostname, and
 * for a loopback host its port too, since another local port is another server). When
 * `vobiz.apiBaseUrl` names another host, nothing is sent there until the user agrees; a refusal is
 * a CredentialHostError.
 */
import * as l10n from '@vscode/l10n';
import { apiHostOf, isLoopbackHost, unverifiedProxy } from '../api';
import type { ClientTarget } from './clientFactory';
import type { SessionLog } from './ports';

/** What the user is asked when an account's credentials would go to a host they were not entered for. */
export interface HostQuestion {
  readonly authId: string;
  /** The account's name as a person knows it. */
  readonly label: string;
  /** The host the credentials were entered for (`host:port` for a loopback host). */
  readonly from: string;
  /** The host the settings now point at (`host:port` for a loopback host). */
  readonly to: string;
  /**
   * Asked instead about the way there: the proxy (a password hidden) through which the credentials
   * would go to `to` with TLS certificates not verified (`http.proxyStrictSSL` off).
   */
  readonly unverifiedProxy?: string;
}

/** Asks the user; true only when they chose to send the credentials to `to`. */
export type AskToSendCredentials = (question: HostQuestion) => PromiseLike<boolean>;

/** How a session asks before its credentials go to a new API host, and records the user's yes. */
export interface HostConsent {
  ask: AskToSendCredentials;
  /** Stores the new binding (SecretStorage, beside the token). */
  bind(authId: string, host: string): Promise<void>;
  /**
   * The proxies the user agreed, in this window, to send an account's credentials through with TLS
   * unverified (kept by the accounts, so the sign-in's yes holds for the account it signs in).
   */
  agreedUnverified?(authId: string): Set<string>;
}

/** A loopback binding stored before ports were recorded (`127.0.0.1`, `[::1]`): `apiHostOf` now always adds the port. */
function portless(host: string): boolean {
  return isLoopbackHost(host) && !/:\d+$/.test(host);
}

/** Why the credentials were not sent, and what to do: for a new host, or through a proxy with TLS unverified. */
function notSentMessage(question: HostQuestion): string {
  if (question.unverifiedProxy) {
    return (
      l10n.t(
        'The credentials of {0} were not sent to {1} through the proxy {2}: TLS certificates are not checked there ("{3}" is off).',
        question.authId,
        question.to,
        question.unverifiedProxy,
        'http.proxyStrictSSL',
      ) +
      ' ' +
      l10n.t('Turn "{0}" on, or choose Retry (Vobiz: Refresh) and agree to send them that way.', 'http.proxyStrictSSL')
    );
  }
  return (
    l10n.t(
      'The credentials of {0} were entered for {1}, and were not sent to {2}.',
      question.authId,
      question.from,
      question.to,
    ) +
    ' ' +
    (portless(question.from)
      ? // Bound by an earlier version to a loopback host without its port: no URL names that any more.
        l10n.t('Choose Retry (Vobiz: Refresh) and agree to send them to {0}, or sign in again there.', question.to)
      : l10n.t(
          'Set "{0}" back to {1}, or choose Retry (Vobiz: Refresh) and agree to send them to {2}.',
          'vobiz.apiBaseUrl',
          question.from,
          question.to,
        ))
  );
}

/** The user did not agree to send an account's credentials to a new host (or through a proxy that does not check TLS): nothing was sent. */
export class CredentialHostError extends Error {
  readonly authId: string;
  readonly from: string;
  readonly to: string;
  /** Set when the question was about the proxy: the setting that fixes it is `http.proxyStrictSSL`. */
  readonly unverifiedProxy: string | undefined;

  constructor(question: HostQuestion) {
    super(notSentMessage(question));
    this.unverifiedProxy = question.unverifiedProxy;
    this.name = 'CredentialHostError';
    this.authId = question.authId;
    this.from = question.from;
    this.to = question.to;
  }
}

/**
 * The host one account's credentials are bound to, and the decision before they go elsewhere: the
 * same host goes ahead (for a loopback host, the same host and port: another local port is another
 * server); an entry from before binding is bound to its first host; another host (or another
 * loopback port) asks the user once (every request waiting shares the question) and either binds the
 * credentials to it or throws a CredentialHostError. A binding to a bare loopback hostname, stored
 * before ports were recorded, says nothing of the port the credentials were entered for, so its
 * first use with a port asks too (once: the answer binds the port).
 */
export class HostBinding {
  readonly #authId: string;
  readonly #consent: HostConsent;
  readonly #log: SessionLog;
  #host: string | undefined;
  /** The decision being made now (the question, then the binding), shared by every request that waits on it. */
  #deciding: { to: string; done: Promise<void> } | undefined;
  /** The proxies the user agreed to send the credentials through with TLS unverified (this window). */
  readonly #unverifiedAgreed: Set<string>;
  /** The question about such a proxy being asked now, shared by every request that waits on it. */
  #askingUnverified: { proxy: string; done: Promise<void> } | undefined;

  constructor(authId: string, host: string | undefined, consent: HostConsent, log: SessionLog) {
    this.#authId = authId;
    this.#host = host;
    this.#consent = consent;
    this.#log = log;
    this.#unverifiedAgreed = consent.agreedUnverified?.(authId) ?? new Set();
  }

  /**
   * The API host the credentials are bound to: a hostname, or `host:port` for a loopback host
   * (undefined: not yet used, stored by an older version; a bare loopback hostname: stored before
   * ports were recorded).
   */
  get host(): string | undefined {
    return this.#host;
  }

  /** Another window bound the stored credentials to a new host. */
  rebind(host: string | undefined): void {
    if (host && host !== this.#host) this.#host = host;
  }

  /**
   * Resolves when the credentials may go to `baseUrl`'s host (`apiHostOf`: with its port for a
   * loopback host); throws CredentialHostError when the user said no.
   */
  approve(baseUrl: string, label: string): Promise<void> {
    return this.approveHost(apiHostOf(baseUrl), label);
  }

  /**
   * Resolves when the credentials may go to the target: its host (see `approve`), and the way
   * there when a proxy would carry them with TLS certificates not verified (asked once per proxy
   * in this session); throws CredentialHostError when the user said no.
   */
  async approveTarget(target: ClientTarget, label: string): Promise<void> {
    await this.approve(target.baseUrl, label);
    const proxy = unverifiedProxy(target.proxy, target.baseUrl);
    const to = apiHostOf(target.baseUrl);
    if (!proxy || !to || this.#unverifiedAgreed.has(proxy)) return;
    if (this.#askingUnverified?.proxy !== proxy) {
      const question: HostQuestion = { authId: this.#authId, label, from: this.#host ?? to, to, unverifiedProxy: proxy };
      const done = this.#askUnverified(question, proxy).finally(() => {
        if (this.#askingUnverified?.done === done) this.#askingUnverified = undefined;
      });
      this.#askingUnverified = { proxy, done };
    }
    await this.#askingUnverified?.done;
  }

  async #askUnverified(question: HostQuestion, proxy: string): Promise<void> {
    if (!(await this.#consent.ask(question))) throw new CredentialHostError(question);
    this.#unverifiedAgreed.add(proxy);
    this.#log.warn(
      l10n.t(
        'The user agreed to send the credentials of {0} to {1} through the proxy {2}, which does not check TLS certificates.',
        this.#authId,
        question.to,
        proxy,
      ),
    );
  }

  /**
   * Resolves when the credentials may go to the API host `to` (as `apiHostOf` names it; undefined
   * for an unusable URL); throws CredentialHostError when the user said no.
   */
  approveHost(to: string | undefined, label: string): Promise<void> {
    // An unusable URL: creating the client reports it, and nothing is sent.
    if (!to || to === this.#host) return Promise.resolve();
    // Every request waiting for the same host shares one decision (one question).
    if (this.#deciding?.to === to) return this.#deciding.done;
    const done = this.#decide(to, label).finally(() => {
      if (this.#deciding?.done === done) this.#deciding = undefined;
    });
    this.#deciding = { to, done };
    return done;
  }

  async #decide(to: string, label: string): Promise<void> {
    const from = this.#host;
    if (!from) {
      // Stored by a version that did not bind credentials: bound to the first host used.
      this.#host = to;
      await this.#consent.bind(this.#authId, to);
      return;
    }
    const question: HostQuestion = { authId: this.#authId, label, from, to };
    if (!(await this.#consent.ask(question))) throw new CredentialHostError(question);
    if (this.#host === from) {
      this.#host = to;
      this.#log.info(
        l10n.t(
          'The credentials of {0} are now bound to {1} (were {2}): the user agreed to send them there.',
          this.#authId,
          to,
          from,
        ),
      );
      await this.#consent.bind(this.#authId, to);
    }
  }
}
