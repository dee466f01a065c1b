/**
 * The API client as the extension bundles it (esbuild.mjs): the cold-load benchmark's bundle is built
 * with the extension's options, so it is the client as shipped, run in a Node process of its own.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bulkSeed } from '../../fake-vobiz/seed';
import { useFake } from '../helpers';

const COLD_LOAD_BUNDLE = join(process.cwd(), 'out', 'bench', 'coldLoad.bundle.js');

describe('the bundled API client', () => {
  const h = useFake(bulkSeed({ numbers: 250, trunks: 3 }));

  it('reads both lists without loading node:http2 (undici loads its HTTP/2 client only for an HTTP/2 connection)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [COLD_LOAD_BUNDLE, h.fake.baseUrl, '10'], { encoding: 'utf8' });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { numbers: number; trunks: number; http2Loaded: boolean };
    assert.equal(result.numbers, 250);
    assert.equal(result.trunks, 3);
    assert.equal(result.http2Loaded, false);
  });
});
