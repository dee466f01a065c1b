/**
 * undici, loaded on first use, and only the parts the client uses: its keep-alive Agent, the proxy
 * agent, and `request`. Evaluating all of undici (fetch, WebSocket, caches, mocks, …) was most of
 * the extension's start-up cost and of a cold first load (about 80 ms bundled); these parts take
 * about half of that, and the bundle is a third smaller. Nothing here runs until the first request
 * (or the first proxy dispatcher) needs it.
 */
import type * as Undici from 'undici';

/** What the client uses of undici. */
export interface UndiciParts {
  Agent: typeof Undici.Agent;
  EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
  request(url: string, options: { method: string; headers: Record<string, string>; body?: string; dispatcher: Undici.Dispatcher; signal?: AbortSignal }): Promise<Undici.Dispatcher.ResponseData>;
}

type RequestOnDispatcher = (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

let loaded: UndiciParts | undefined;

export function undici(): UndiciParts {
  if (loaded) return loaded;
  // Plain requires of undici's own modules (it has no export map): an `import` would be evaluated
  // when the bundle loads, and the package's index would pull in everything.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
  const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;
  const api = require('undici/lib/api') as { request: RequestOnDispatcher };
  const Dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // As undici's index does: every dispatcher gets request/connect/… (the proxy agent tunnels with connect).
  Object.assign(Dispatcher.prototype, api);
  const apiRequest = api.request;
  loaded = {
    Agent,
    EnvHttpProxyAgent,
    // What undici's own `request(url, options)` does: the URL split into origin and path, sent on the dispatcher.
    request: (url, { dispatcher, ...options }) => {
      const u = new URL(url);
      return apiRequest.call(dispatcher, { ...options, origin: u.origin, path: `${u.pathname}${u.search}` });
    },
  };
  return loaded;
}
