/**
 * The pseudo-locale suite's entry (an `extensionTestsPath` module): runs test/l10n's tests in a VS Code
 * started in the pseudo-locale (set up by test/launch/pseudoLocale.ts, run by test/launch/codeServer.ts).
 */
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'l10n');
}
