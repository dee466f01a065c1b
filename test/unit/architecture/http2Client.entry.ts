/**
 * Bundled by `node esbuild.mjs --tests` with the extension's options (out/bundles/http2Client.js):
 * one request with HTTP/2 allowed, through the bundle's on-demand HTTP/2 client (see esbuild.mjs),
 * to the URL given. Prints the status, the body, and whether node:http2 was loaded before and after.
 * The API client never allows HTTP/2; this shows the stand-in still reaches undici's HTTP/2 client.
 */
import { undici } from '../../../src/api/undiciModule';
import { loadedBuiltins } from '../../support/builtins';

const http2Loaded = (): boolean => loadedBuiltins().has('node:http2');

async function main(): Promise<void> {
  const parts = undici();
  const loadedBefore = http2Loaded();
  const agent = new parts.Agent({ allowH2: true, connect: { rejectUnauthorized: false } });
  const res = await parts.request(process.argv[2], { method: 'GET', headers: {}, dispatcher: agent });
  const body = await res.body.text();
  await agent.close();
  process.stdout.write(`${JSON.stringify({ status: res.statusCode, body, loadedBefore, loadedAfter: http2Loaded() })}\n`);
}

void main();
