/**
 * The premise of the benchmark's cold first load (test/bench/coldLoad.ts): a fresh extension host
 * has loaded the Node built-ins undici needs before the extension's first request, so the benchmark
 * loads them before its clock starts and times only what the extension loads and runs.
 */
import * as assert from 'node:assert/strict';
import { HOST_BUILTINS } from '../bench/hostBuiltins';
import { builtinsAtStart } from './builtinsAtStart';

describe('a fresh extension host', () => {
  it('has loaded the Node built-ins the cold-load benchmark loads before its clock (VS Code loaded them, not a test)', () => {
    assert.deepEqual(
      HOST_BUILTINS.filter((name) => !builtinsAtStart.has(name)),
      [],
    );
  });
});
