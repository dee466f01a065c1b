/**
 * One cold first load, in a process of its own (run by bench.ts): nothing warmed, the HTTP library
 * loaded on first use, a client that knows nothing of the account's size. Prints `{ "ms": … }`.
 */
import { VobizClient } from '../../src/api';
import { SANDBOX } from '../fake-vobiz/seed';

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  const maxInFlight = Number(process.argv[3] ?? 10);
  const started = performance.now();
  const client = new VobizClient({ baseUrl, authId: SANDBOX.authId, authToken: SANDBOX.authToken, maxInFlight });
  const [numbers, trunks] = await Promise.all([client.listNumbers(), client.listTrunks()]);
  const ms = performance.now() - started;
  await client.close();
  process.stdout.write(`${JSON.stringify({ ms, numbers: numbers.length, trunks: trunks.length })}\n`);
}

void main();
