/**
 * One cold first load, in a process of its own (run by bench.ts): nothing of the extension warmed,
 * undici loaded on first use, a client that knows nothing of the account's size. As in a fresh
 * extension host, the Node built-ins VS Code has loaded already are loaded before the clock starts
 * (see hostBuiltins.ts); with `bare` they are not, as in a Node process that has loaded nothing.
 * Prints `{ "ms": … }`, and whether node:http2 was loaded (in `bare`, it must not be: see esbuild.mjs).
 *
 * Arguments: the fake's base URL, the cap in flight, and `host` (default) or `bare`.
 */
import { VobizClient } from '../../src/api';
import { SANDBOX } from '../fake-vobiz/seed';
import { loadedBuiltins } from '../support/builtins';
import { HOST_BUILTINS } from './hostBuiltins';

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  const maxInFlight = Number(process.argv[3] ?? 10);
  const bare = process.argv[4] === 'bare';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!bare) for (const name of HOST_BUILTINS) require(name);
  const started = performance.now();
  const client = new VobizClient({ baseUrl, authId: SANDBOX.authId, authToken: SANDBOX.authToken, maxInFlight });
  const [numbers, trunks] = await Promise.all([client.listNumbers(), client.listTrunks()]);
  const ms = performance.now() - started;
  await client.close();
  const http2Loaded = loadedBuiltins().has('node:http2');
  process.stdout.write(`${JSON.stringify({ ms, numbers: numbers.length, trunks: trunks.length, http2Loaded })}\n`);
}

void main();
