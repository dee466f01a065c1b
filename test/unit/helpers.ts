import { VobizClient } from '../../src/api';
import type { RequestLogRecord, VobizClientOptions } from '../../src/api';
import { FakeVobiz } from '../fake-vobiz/server';
import { SANDBOX } from '../fake-vobiz/seed';
import type { Seed } from '../fake-vobiz/seed';

export { SANDBOX };
export { freePort } from '../support/net';

/** A started fake and clients on it that are closed afterwards; short backoff so retries are quick. */
export class Harness {
  readonly fake: FakeVobiz;
  readonly logs: RequestLogRecord[] = [];
  #clients: VobizClient[] = [];

  constructor(seed?: Seed) {
    this.fake = new FakeVobiz(seed);
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

/** Polls a condition until it holds, failing after a deadline (no fixed sleeps). */
export async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
