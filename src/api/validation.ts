import * as l10n from '@vscode/l10n';
import { VobizApiError } from './errors';
import { maskUrlCredentials } from './urlCredentials';

const AUTH_ID = /^(MA|SA)_[A-Za-z0-9]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** True for an Auth ID of a main (`MA_…`) or sub-account (`SA_…`). */
export function isValidAuthId(value: string): boolean {
  return AUTH_ID.test(value.trim());
}

/** True for an E.164 number: `+`, country code, 7 to 15 digits in all. */
export function isValidE164(value: string): boolean {
  return E164.test(value);
}

/** A human reason why `value` is not an Auth ID, or undefined when it is one. */
export function authIdProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter your Auth ID (it starts with MA_ or SA_).');
  if (!AUTH_ID.test(v)) {
    return l10n.t('An Auth ID starts with MA_ (main account) or SA_ (sub-account), followed by letters and digits.');
  }
  return undefined;
}

/** A human reason why `value` is not an E.164 number, or undefined when it is one. */
export function e164Problem(value: string): string | undefined {
  if (E164.test(value)) return undefined;
  // A short value is quoted back; a long one (a caller's text, not a typo) is not.
  if (value.length > 24 || /[\r\n]/.test(value)) {
    return l10n.t('That is not an E.164 phone number (a + followed by the country code and 7 to 15 digits, e.g. +919876543210).');
  }
  return l10n.t(
    '"{0}" is not an E.164 phone number (a + followed by the country code and 7 to 15 digits, e.g. +919876543210).',
    value,
  );
}

export function requireAuthId(value: string): string {
  const problem = authIdProblem(value);
  if (problem) throw VobizApiError.invalidInput(problem);
  return value.trim();
}

export function requireAuthToken(value: string): string {
  const v = value.trim();
  if (!v) throw VobizApiError.invalidInput(l10n.t('Enter your Auth Token.'));
  if (/[\r\n]/.test(v)) throw VobizApiError.invalidInput(l10n.t('The Auth Token must be a single line.'));
  return v;
}

export function requireE164(value: string): string {
  const problem = typeof value === 'string' ? e164Problem(value) : l10n.t('A phone number is required.');
  if (problem) throw VobizApiError.invalidInput(problem);
  return value;
}

export function requireTrunkId(value: string): string {
  return requireId(value, () => l10n.t('A trunk ID is required.'));
}

/**
 * A non-empty id (trimmed); `missing` gives the error's whole message when there is none
 * (`() => l10n.t('An application ID is required.')`: one sentence per kind of id, to translate whole).
 */
export function requireId(value: string, missing: () => string): string {
  if (typeof value !== 'string' || !value.trim()) throw VobizApiError.invalidInput(missing());
  return value.trim();
}

/** True when a URL host is a loopback address (where plain http is allowed). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The port a URL of each special scheme uses when it names none (`URL.port` is then empty). */
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
  'ftp:': '21',
};

/**
 * The host credentials sent to this base URL reach, as they are bound to it (and compared): the
 * hostname, lower-case; for a loopback host (localhost, 127.0.0.0/8, [::1]) the hostname and its
 * effective port, `127.0.0.1:8787` (a port left out is the scheme's default: `http://localhost`
 * is `localhost:80`, `https://[::1]` is `[::1]:443`). Undefined when the URL cannot be parsed.
 *
 * Why the port counts on loopback only: a public hostname names one server operator, and its
 * certificate proves it for every port, so api.vobiz.ai:8443 is Vobiz's as much as :443 is. On
 * loopback each port can be a different program, started by anyone on this machine (a test server,
 * a dev proxy, whatever a workspace runs), over plain http with no certificate to say whose it is:
 * credentials entered for a sandbox on :8787 must not reach whatever listens on :3000 unasked.
 */
export function apiHostOf(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  const hostname = url.hostname.toLowerCase();
  if (!hostname) return undefined;
  if (!isLoopbackHost(hostname)) return hostname;
  const port = url.port || DEFAULT_PORTS[url.protocol];
  return port ? `${hostname}:${port}` : hostname;
}

/**
 * A human reason why `value` cannot be the API base URL, or undefined when it can. A value it
 * quotes has its credentials hidden (`https://user:secret@host:99999` does not parse, but names a password).
 */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return l10n.t('"{0}" is not a URL (expected something like https://api.vobiz.ai).', maskUrlCredentials(value));
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') {
    return l10n.t('The API base URL must use https (plain http is allowed only for loopback test servers): {0}', url.origin);
  }
  return l10n.t('The API base URL must be an https URL, not {0}', url.protocol);
}

/** The base URL without trailing slash, or throws when it is not allowed. */
export function requireBaseUrl(value: string): string {
  const problem = baseUrlProblem(value);
  if (problem) throw VobizApiError.invalidInput(problem);
  const url = new URL(value.trim());
  if (url.username || url.password) throw VobizApiError.invalidInput(l10n.t('The API base URL must not contain credentials.'));
  return url.origin + url.pathname.replace(/\/+$/, '');
}
