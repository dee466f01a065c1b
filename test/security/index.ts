/**
 * The packaged security suite's entry (an `extensionTestsPath` module): runs test/security's tests in
 * a VS Code with the VSIX installed and another extension under development, the probe (set up by
 * test/launch/packagedSecurity.ts, run by test/launch/codeServer.ts).
 */
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'packaged security');
}
