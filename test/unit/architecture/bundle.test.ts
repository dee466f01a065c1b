/**
 * The API client as esbuild.mjs bundles it: the cold-load benchmark's bundle and a small HTTP/2
 * entry are built by `node esbuild.mjs --tests` with the extension's build options (plugins
 * included), and run here in Node processes of their own.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import type { Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bulkSeed } from '../../fake-vobiz/seed';
import { useFake } from '../helpers';

const root = process.cwd();
/** Runs a bundle in a Node process of its own: its last line of output, as JSON. */
async function run(bundle: string, args: string[]): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bundle, ...args], { encoding: 'utf8' });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  } catch (err) {
    // Not the whole error: it quotes the minified bundle's source.
    const stderr = String((err as { stderr?: unknown }).stderr ?? err);
    throw new Error(
      `${bundle} failed: ${stderr
        .split('\n')
        .filter((line) => line.length < 300)
        .slice(-8)
        .join('\n')}`,
    );
  }
}

describe('the bundled API client', () => {
  const h = useFake(bulkSeed({ numbers: 250, trunks: 3 }));

  it('reads both lists without loading node:http2 (undici loads its HTTP/2 client only for an HTTP/2 connection)', async () => {
    // `bare`: a process that has loaded no Node built-in the client does not load itself.
    const result = await run(join(root, 'out', 'bench', 'coldLoad.bundle.js'), [h.fake.baseUrl, '10', 'bare']);
    assert.equal(result.numbers, 250);
    assert.equal(result.trunks, 3);
    assert.equal(result.http2Loaded, false);
  });

  describe('with HTTP/2 allowed (the client never allows it)', () => {
    let server: Http2SecureServer;
    before(async () => {
      const fixtures = join(root, 'test', 'fixtures');
      server = createSecureServer(
        { key: readFileSync(join(fixtures, 'localhost-key.pem')), cert: readFileSync(join(fixtures, 'localhost-cert.pem')) },
        (req, res) => {
          res.end(req.httpVersion);
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("still reaches undici's HTTP/2 client, loading node:http2 only then", async () => {
      const { port } = server.address() as AddressInfo;
      const result = await run(join(root, 'out', 'bundles', 'http2Client.js'), [`https://127.0.0.1:${port}/`]);
      assert.deepEqual(result, { status: 200, body: '2.0', loadedBefore: false, loadedAfter: true });
    });
  });
});
