/**
 * Proxies for the API client. A bundled undici does not go through VS Code's own proxy support, so
 * the client gets an undici proxy dispatcher built from VS Code's `http.proxy`, `http.noProxy` and
 * `http.proxyStrictSSL` (passed in as plain values) and the HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * environment. A loopback API host (the local sandbox, over plain http) is never proxied: a proxy
 * would read its token in clear text, and could not reach this machine's loopback anyway. Every
 * proxy URL shown (description, message) has its credentials hidden. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { envHttpProxyAgent } from './undiciModule';
import { maskUrlCredentials } from './urlCredentials';
import { isLoopbackHost } from './validation';

export interface ProxySettings {
  /** VS Code's `http.proxy` (empty: none); it wins over the environment. */
  proxy?: string;
  /** VS Code's `http.noProxy`: hosts (`example.com`, `.corp`, `host:port`) reached directly. */
  noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`: verify TLS certificates when going through a proxy. Default true. */
  strictSSL?: boolean;
}

export interface ProxyChoice {
  /**
   * The dispatcher to give the client (close it with the client), or undefined: a proxy is set,
   * but the API host is a loopback host, which is never proxied, so requests go directly.
   */
  dispatcher: Dispatcher | undefined;
  /** For the log and the report: which proxy, from where, or why none is used (credentials in the proxy URL hidden). */
  description: string;
}

function env(vars: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = vars[name.toLowerCase()] ?? vars[name.toUpperCase()];
  return v?.trim() || undefined;
}

/** A URL that names its scheme (`http://…`); `user:pw@proxy:8080` does not, although a URL parser reads `user:` as one. */
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** A proxy URL as given (trimmed) and as used: `http://` put in front when it names no scheme, as curl does. */
interface ProxyUrl {
  readonly given: string;
  readonly url: string;
  readonly assumedHttp: boolean;
}

function proxyUrl(given: string): ProxyUrl {
  const text = given.trim();
  return HAS_SCHEME.test(text)
    ? { given: text, url: text, assumedHttp: false }
    : { given: text, url: `http://${text}`, assumedHttp: true };
}

/** A proxy URL with any user:password replaced by `***`, for messages and logs (with a scheme or without, parseable or not). */
export function describeProxyUrl(url: string): string {
  return maskUrlCredentials(url);
}

/**
 * Checks a proxy URL before use, so a typo in `http.proxy` gets a message instead of a failing
 * request. A URL without a scheme (`proxy:8080`, `user:pw@proxy:8080`) is read as `http://…`.
 */
export function proxyUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(proxyUrl(url).url);
  } catch {
    return l10n.t('The proxy URL "{0}" is not a valid URL (expected e.g. http://proxy.example.com:8080).', describeProxyUrl(url));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return l10n.t('The proxy URL "{0}" must start with http:// or https://.', describeProxyUrl(url));
  }
  return undefined;
}

/** The proxies the settings or the environment name, not yet checked. */
interface ProxySource {
  readonly httpProxy: ProxyUrl | undefined;
  readonly httpsProxy: ProxyUrl | undefined;
  /** The one a description names. */
  readonly shown: ProxyUrl;
  /** From the `http.proxy` setting (else from the environment). */
  readonly configured: boolean;
}

function proxySource(settings: ProxySettings, vars: NodeJS.ProcessEnv): ProxySource | undefined {
  const configured = settings.proxy?.trim() || undefined;
  const http = configured ?? env(vars, 'http_proxy');
  const https = configured ?? env(vars, 'https_proxy');
  const httpProxy = http ? proxyUrl(http) : undefined;
  const httpsProxy = https ? proxyUrl(https) : undefined;
  const shown = httpsProxy ?? httpProxy;
  return shown ? { httpProxy, httpsProxy, shown, configured: configured !== undefined } : undefined;
}

/** True when the base URL's host is a loopback host (false for a URL that does not parse). */
function isLoopbackUrl(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl.trim()).hostname);
  } catch {
    return false;
  }
}

/** Where requests to one base URL go: directly although a proxy is set (a loopback host), or through the proxy. */
type ProxyPlan =
  | { readonly proxied: false; readonly description: string }
  | {
      readonly proxied: true;
      readonly httpProxy: string | undefined;
      readonly httpsProxy: string | undefined;
      readonly noProxy: string;
      readonly tls: { rejectUnauthorized: false } | undefined;
      readonly description: string;
    };

/** Why a proxy that is set is not used: the API host is a loopback host. */
function loopbackDescription(source: ProxySource): string {
  const proxy = describeProxyUrl(source.shown.given);
  return source.configured
    ? l10n.t('none: loopback hosts are never proxied (the "http.proxy" setting names {0})', proxy)
    : l10n.t('none: loopback hosts are never proxied (the environment names {0})', proxy);
}

/** The proxy these settings and environment call for requests to `baseUrl` (see `proxyDispatcher`), or undefined when none is set. */
function proxyPlan(settings: ProxySettings, baseUrl: string, vars: NodeJS.ProcessEnv): ProxyPlan | undefined {
  const source = proxySource(settings, vars);
  if (!source) return undefined;
  if (isLoopbackUrl(baseUrl)) return { proxied: false, description: loopbackDescription(source) };
  for (const url of [source.httpProxy, source.httpsProxy]) {
    const problem = url ? proxyUrlProblem(url.given) : undefined;
    if (problem) {
      throw new Error(
        `${problem} ${source.configured ? l10n.t('Fix it in the "http.proxy" setting.') : l10n.t('Fix it in the HTTP_PROXY / HTTPS_PROXY environment.')}`,
      );
    }
  }
  const noProxy = [...(settings.noProxy ?? []), env(vars, 'no_proxy') ?? '']
    .map((h) => h.trim())
    .filter(Boolean)
    .join(',');
  const tls = settings.strictSSL === false ? ({ rejectUnauthorized: false } as const) : undefined;
  // Notes on the proxy, each a phrase of its own: where it comes from, the hosts reached directly, TLS, the scheme.
  const notes = [source.configured ? l10n.t('from the "http.proxy" setting') : l10n.t('from the environment')];
  if (noProxy) notes.push(l10n.t('direct for {0}', noProxy));
  if (tls) notes.push(l10n.t('TLS not verified'));
  if (source.shown.assumedHttp) notes.push(l10n.t('no scheme given: http:// assumed'));
  const description = `${describeProxyUrl(source.shown.url)} (${notes.join('; ')})`;
  return { proxied: true, httpProxy: source.httpProxy?.url, httpsProxy: source.httpsProxy?.url, noProxy, tls, description };
}

/**
 * Which proxy requests to `baseUrl` go through, for a report (a password in its URL hidden):
 * the proxy, `none (direct connection)` when none is set, or why a proxy that is set is not used
 * (a loopback API host). Throws, like `proxyDispatcher`, when the proxy URL is unusable.
 */
export function proxyDescription(settings: ProxySettings, baseUrl: string, vars: NodeJS.ProcessEnv = process.env): string {
  return proxyPlan(settings, baseUrl, vars)?.description ?? l10n.t('none (direct connection)');
}

/**
 * The proxy dispatcher these settings and environment call for requests to `baseUrl`, or
 * undefined when no proxy is set. `http.proxy` applies to http and https; otherwise HTTP_PROXY /
 * HTTPS_PROXY each for their scheme. NO_PROXY and `http.noProxy` are both honoured. A loopback
 * `baseUrl` gets a choice without a dispatcher (direct), whose description says why.
 */
export function proxyDispatcher(
  settings: ProxySettings,
  baseUrl: string,
  vars: NodeJS.ProcessEnv = process.env,
): ProxyChoice | undefined {
  const plan = proxyPlan(settings, baseUrl, vars);
  if (!plan) return undefined;
  if (!plan.proxied) return { dispatcher: undefined, description: plan.description };
  const { httpProxy, httpsProxy, noProxy, tls } = plan;
  const dispatcher = new (envHttpProxyAgent())({
    // Explicit values (even empty) so undici does not read process.env behind our back.
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? httpProxy ?? '',
    noProxy,
    keepAliveTimeout: 30_000,
    connections: 16,
    ...(tls ? { requestTls: tls, proxyTls: tls } : {}),
  });
  return { dispatcher, description: plan.description };
}

/**
 * The proxy (its URL, a password hidden) through which requests to `baseUrl` would go with TLS
 * certificates not verified (`http.proxyStrictSSL` off): a proxy that re-signs TLS, or anyone
 * between, could then read the requests, the Auth Token included. Undefined when requests to
 * `baseUrl` are verified (no proxy, a loopback host, strict TLS) or the proxy URL is unusable.
 */
export function unverifiedProxy(
  settings: ProxySettings,
  baseUrl: string,
  vars: NodeJS.ProcessEnv = process.env,
): string | undefined {
  let plan: ProxyPlan | undefined;
  try {
    plan = proxyPlan(settings, baseUrl, vars);
  } catch {
    return undefined;
  }
  const url = plan?.proxied && plan.tls ? (plan.httpsProxy ?? plan.httpProxy) : undefined;
  return url === undefined ? undefined : describeProxyUrl(url);
}
