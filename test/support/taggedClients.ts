/**
 * API clients whose every request says which test operation sent it: the operation runs inside
 * `tags.run(tag, …)` (an AsyncLocalStorage, which follows promise chains, the number queues
 * included), and the clients' connection pool adds `_op=<tag>` to the query of each request sent
 * under a tag. The fake Vobiz ignores parameters it does not know and logs the query, so a test can
 * tell from the fake's request log which operation sent each request, in the order they arrived.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { VobizClient } from '../../src/api';
import type { RetryOptions } from '../../src/api';
import type { ClientFactory } from '../../src/session/clientFactory';
import type { SessionLog } from '../../src/session/ports';
import type { LoggedRequest } from '../fake-vobiz/server';

/** The query parameters that carry the tag, and the number of the client that sent the request. */
export const OP_PARAM = '_op';
export const CLIENT_PARAM = '_client';

/** What the tagged clients are built with: short timeouts and backoffs keep a randomized test fast. */
export interface TaggedClientOptions {
  readonly timeoutMs: number;
  readonly retry: RetryOptions;
}

export class OpTags {
  readonly #store = new AsyncLocalStorage<string>();

  /** Runs `fn` (and everything it starts) under `tag`. */
  run<T>(tag: string, fn: () => T): T {
    return this.#store.run(tag, fn);
  }

  get current(): string | undefined {
    return this.#store.getStore();
  }

  #pool: Agent | undefined;
  /** How many clients the factory built: each request says which one sent it (`_client`). */
  clients = 0;

  /**
   * One keep-alive pool (as a client's own), shared by every client these tags build (so a test
   * that builds accounts afresh many times does not open new connections each time), with a
   * dispatcher per client that adds the current tag and the client's number to each request's query.
   * Closed by `close()`.
   */
  dispatcher(client = 0): Dispatcher {
    this.#pool ??= new Agent({ keepAliveTimeout: 30_000, connections: 32 });
    return this.#pool.compose((dispatch) => (opts, handler) => {
      const tag = this.current;
      if (tag === undefined) return dispatch(opts, handler);
      const sep = opts.path.includes('?') ? '&' : '?';
      const query = `${OP_PARAM}=${encodeURIComponent(tag)}&${CLIENT_PARAM}=${client}`;
      return dispatch({ ...opts, path: `${opts.path}${sep}${query}` }, handler);
    });
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }

  /**
   * A client factory for `accountsOn`: the base URL it is given, the given timeout and retry delays, tagged
   * requests on the shared pool.
   */
  factory(log: SessionLog, options: TaggedClientOptions): ClientFactory {
    return (credentials, { baseUrl }, onRejected) =>
      new VobizClient({
        baseUrl,
        authId: credentials.authId,
        authToken: credentials.authToken,
        timeoutMs: options.timeoutMs,
        retry: options.retry,
        log: (record) => log.request(record),
        dispatcher: this.dispatcher(++this.clients),
        ownsDispatcher: false,
        onRejected,
      });
  }
}

/** The tag of a request the fake logged (undefined: sent outside any tagged operation). */
export function tagOf(request: LoggedRequest): string | undefined {
  return request.query[OP_PARAM];
}

/** The number of the client that sent a tagged request (see OpTags.clients). */
export function clientOf(request: LoggedRequest): number | undefined {
  const n = request.query[CLIENT_PARAM];
  return n === undefined ? undefined : Number(n);
}
