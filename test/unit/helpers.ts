import { VobizClient } from '../../src/api';
import type { RequestLogRecord, VobizClientOptions } from '../../src/api';
import { FakeVobiz } from '../fake-vobiz/server';
import type { FakeOptions } from '../fake-vobiz/server';
import { SANDBOX } from '../fake-vobiz/seed';
import type { Seed } from '../fake-vobiz/seed';

export { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
export { freePort } from '../support/net';
export { waitFor } from '../support/wait';

/** A started fake and clients on it that are closed afterwards; short backoff so retries are quick. */
export class Harness {
  readonly fake: FakeVobiz;
  readonly logs: RequestLogRecord[] = [];
  #clients: VobizClient[] = [];

  constructor(seed?: Seed, options?: FakeOptions) {
    this.fake = new FakeVobiz(seed, options);
  }

  async start(): Promise<this> {
    await this.fake.start();
    return this;
  }

  client(overrides: Partial<VobizClientOptions> = {}): VobizClient {
    const client = new VobizClient({
      baseUrl: this.fake.baseUrl,
      authId: SANDBOX.authId,
      authToken: SANDBOX.authToken,
      retry: { baseDelayMs: 5, maxDelayMs: 2000 },
      log: (r) => this.logs.push(r),
      ...overrides,
    });
    this.#clients.push(client);
    return client;
  }

  async stop(): Promise<void> {
    await Promise.all(this.#clients.map((c) => c.close()));
    await this.fake.stop();
  }

  /** Back to the seed, with no requests (nor peak in flight) and no log records. */
  fresh(): void {
    this.fake.reset();
    this.fake.clearRequests();
    this.logs.length = 0;
  }
}

/**
 * The fake Vobiz of a suite (on `seed`, speaking https when `options.tls` says so): started before
 * it, stopped after it, and fresh before each test (see `Harness.fresh`). A suite's own
 * `beforeEach` runs after that one.
 */
export function useFake(seed?: Seed, options?: FakeOptions): Harness {
  const h = new Harness(seed, options);
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.fresh());
  return h;
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
