/**
 * undici, loaded on first use, and only the parts the client uses: its keep-alive Agent, `request`
 * and `connect` (the proxy agent tunnels with it), and the proxy agent when a proxy is set.
 * Evaluating all of undici (fetch, WebSocket, caches, mocks, …) was most of the extension's
 * start-up cost and of a cold first load (about 80 ms bundled). Nothing here runs until the first
 * request (or the first proxy dispatcher) needs it. The bundle loads `node:http2` only when an
 * HTTP/2 connection is made (see esbuild.mjs), which the client never asks for.
 */
import type * as Undici from 'undici';

/** What the client uses of undici. */
export interface UndiciParts {
  Agent: typeof Undici.Agent;
  request(
    url: string,
    options: {
      method: string;
      headers: Record<string, string>;
      body?: string;
      dispatcher: Undici.Dispatcher;
      signal?: AbortSignal;
    },
  ): Promise<Undici.Dispatcher.ResponseData>;
}

type RequestOnDispatcher = (
  this: Undici.Dispatcher,
  options: Undici.Dispatcher.RequestOptions,
) => Promise<Undici.Dispatcher.ResponseData>;

let loaded: UndiciParts | undefined;
let proxyAgent: typeof Undici.EnvHttpProxyAgent | undefined;

export function undici(): UndiciParts {
  if (loaded) return loaded;
  // Plain requires of undici's own modules (it has no export map): an `import` would be evaluated
  // when the bundle loads, and the package's index would pull in everything.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
  const request = require('undici/lib/api/api-request') as RequestOnDispatcher;
  const connect = require('undici/lib/api/api-connect') as unknown;
  const Dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // As undici's index does for the methods used here: every dispatcher gets request and connect
  // (the proxy agent tunnels with connect). stream, pipeline and upgrade are not used.
  Object.assign(Dispatcher.prototype, { request, connect });
  loaded = {
    Agent,
    // What undici's own `request(url, options)` does: the URL split into origin and path, sent on the dispatcher.
    request: (url, { dispatcher, ...options }) => {
      const u = new URL(url);
      return request.call(dispatcher, { ...options, origin: u.origin, path: `${u.pathname}${u.search}` });
    },
  };
  return loaded;
}

/** undici's EnvHttpProxyAgent, loaded when a proxy is first set. */
export function envHttpProxyAgent(): typeof Undici.EnvHttpProxyAgent {
  undici();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  proxyAgent ??= require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;
  return proxyAgent;
}
