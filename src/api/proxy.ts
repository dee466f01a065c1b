/**
 * Proxies for the API client. A bundled undici does not go through VS Code's own proxy support, so
 * the client gets an undici proxy dispatcher built from VS Code's `http.proxy`, `http.noProxy` and
 * `http.proxyStrictSSL` (passed in as plain values) and the HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * environment. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { envHttpProxyAgent } from './undiciModule';

export interface ProxySettings {
  /** VS Code's `http.proxy` (empty: none); it wins over the environment. */
  proxy?: string;
  /** VS Code's `http.noProxy`: hosts (`example.com`, `.corp`, `host:port`) reached directly. */
  noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`: verify TLS certificates when going through a proxy. Default true. */
  strictSSL?: boolean;
}

export interface ProxyChoice {
  /** The dispatcher to give the client (close it with the client). */
  dispatcher: Dispatcher;
  /** For the log: which proxy, from where (credentials in the proxy URL are hidden). */
  description: string;
}

function env(vars: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = vars[name.toLowerCase()] ?? vars[name.toUpperCase()];
  return v?.trim() || undefined;
}

/** A proxy URL with any user:password replaced, for messages and logs. */
export function describeProxyUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Checks a proxy URL before use, so a typo in `http.proxy` gets a message instead of a failing request. */
export function proxyUrlProblem(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return l10n.t('The proxy URL "{0}" must start with http:// or https://.', describeProxyUrl(url));
    return undefined;
  } catch {
    return l10n.t('The proxy URL "{0}" is not a valid URL (expected e.g. http://proxy.example.com:8080).', describeProxyUrl(url));
  }
}

/** Where requests go: the proxies for http and https, the hosts reached directly, TLS checks, and a description. */
interface ProxyPlan {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string;
  tls: { rejectUnauthorized: false } | undefined;
  description: string;
}

/** The proxy these settings and environment call for (see `proxyDispatcher`), or undefined to connect directly. */
function proxyPlan(settings: ProxySettings, vars: NodeJS.ProcessEnv): ProxyPlan | undefined {
  const configured = settings.proxy?.trim() || undefined;
  const httpProxy = configured ?? env(vars, 'http_proxy');
  const httpsProxy = configured ?? env(vars, 'https_proxy');
  if (!httpProxy && !httpsProxy) return undefined;
  for (const url of [httpProxy, httpsProxy]) {
    const problem = url ? proxyUrlProblem(url) : undefined;
    if (problem) throw new Error(`${problem} ${configured ? l10n.t('Fix it in the "http.proxy" setting.') : l10n.t('Fix it in the HTTP_PROXY / HTTPS_PROXY environment.')}`);
  }
  const noProxy = [...(settings.noProxy ?? []), env(vars, 'no_proxy') ?? '']
    .map((h) => h.trim())
    .filter(Boolean)
    .join(',');
  const tls = settings.strictSSL === false ? ({ rejectUnauthorized: false } as const) : undefined;
  // Notes on the proxy, each a phrase of its own: where it comes from, the hosts reached directly, TLS.
  const notes = [configured ? l10n.t('from the "http.proxy" setting') : l10n.t('from the environment')];
  if (noProxy) notes.push(l10n.t('direct for {0}', noProxy));
  if (tls) notes.push(l10n.t('TLS not verified'));
  const description = `${describeProxyUrl((httpsProxy ?? httpProxy) as string)} (${notes.join('; ')})`;
  return { httpProxy, httpsProxy, noProxy, tls, description };
}

/**
 * Which proxy requests go through, for a report (a password in its URL hidden), or undefined when
 * they connect directly. Throws, like `proxyDispatcher`, when the proxy URL is unusable.
 */
export function proxyDescription(settings: ProxySettings, vars: NodeJS.ProcessEnv = process.env): string | undefined {
  return proxyPlan(settings, vars)?.description;
}

/**
 * The proxy dispatcher these settings and environment call for, or undefined to connect directly.
 * `http.proxy` applies to http and https; otherwise HTTP_PROXY / HTTPS_PROXY each for their scheme.
 * NO_PROXY and `http.noProxy` are both honoured.
 */
export function proxyDispatcher(settings: ProxySettings, vars: NodeJS.ProcessEnv = process.env): ProxyChoice | undefined {
  const plan = proxyPlan(settings, vars);
  if (!plan) return undefined;
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
