/** The fake Vobiz in a process of its own, so that the server's work does not compete with the client's. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort } from '../support/net';
import { ROOT } from '../launch/workbench';

export class FakeProcess {
  baseUrl = '';
  #proc: ChildProcess | undefined;

  /** A bulk account of `numbers` numbers and `trunks` trunks, answering after `latencyMs`. */
  constructor(
    readonly numbers: number,
    readonly trunks: number,
    readonly latencyMs: number,
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const proc = spawn(process.execPath, [join(ROOT, 'out', 'test', 'fake-vobiz', 'main.js')], {
      env: {
        ...process.env,
        VOBIZ_SANDBOX_PORT: String(port),
        VOBIZ_FAKE_BULK: `${this.numbers}x${this.trunks}`,
        VOBIZ_FAKE_LATENCY_MS: String(this.latencyMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#proc = proc;
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('is running')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`the fake Vobiz exited with ${code}`)));
    });
  }

  async #control(method: 'GET' | 'POST', path: string): Promise<unknown> {
    const res = await request(`${this.baseUrl}/__fake/${path}`, { method });
    return res.body.json();
  }

  async clearRequests(): Promise<void> {
    await this.#control('POST', 'clear-requests');
  }

  async stats(): Promise<{ requests: number; peakInFlight: number }> {
    return (await this.#control('GET', 'stats')) as { requests: number; peakInFlight: number };
  }

  stop(): void {
    this.#proc?.kill();
  }
}
