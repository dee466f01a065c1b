/**
 * The extension-host test entry (the `extensionTestsPath` module of @vscode/test-electron's
 * contract): runs every `*.test.js` beside it with mocha, inside the real extension host.
 * Used by both launchers: code-server (test/launch/codeServer.ts) and desktop (test/launch/desktop.ts).
 */
// First: what the extension host had loaded before any test code (coldStart.test.ts).
import './builtinsAtStart';
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'host');
}
