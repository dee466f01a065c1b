/**
 * The pseudo-locale suite's entry (an `extensionTestsPath` module): runs test/l10n's tests in a VS Code
 * started in the pseudo-locale by test/launch/pseudoLocale.ts.
 */
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'l10n');
}
