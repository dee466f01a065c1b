/**
 * The extension-host test entry (the `extensionTestsPath` module of @vscode/test-electron's
 * contract): runs every `*.test.js` beside it with mocha, inside the real extension host.
 * Used by both launchers: code-server (test/launch/codeServer.ts) and desktop (test/launch/desktop.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import SummaryReporter from '../support/summaryReporter';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: SummaryReporter,
    reporterOptions: { label: 'host' },
  });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed.`)) : resolve()));
  });
}
