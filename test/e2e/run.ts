/**
 * `npm run test:e2e`: walks the UI like a person in a real browser (Chromium driving code-server
 * with the packaged VSIX installed) against the fake Vobiz. Screenshots of every step go to
 * `test-output/e2e/` (git-ignored); a failing step is named and keeps its screenshot.
 * `--screenshots` (npm run screenshots) also refreshes the README's pictures in `media/`.
 *
 * Environment: CHROME_PATH (browser), VOBIZ_TEST_GREP (run matching steps only).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import SummaryReporter from '../support/summaryReporter';

async function main(): Promise<number> {
  if (process.argv.includes('--screenshots')) process.env.VOBIZ_E2E_SCREENSHOTS = '1';
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, bail: true, reporter: SummaryReporter, reporterOptions: { label: 'e2e' } });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve) => mocha.run((failures) => resolve(failures > 0 ? 1 : 0)));
}

main().then(
  // Let the last lines reach a pipe before exiting.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`[test:e2e] could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
