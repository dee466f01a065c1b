/**
 * Runs every `*.test.js` in a folder with mocha inside the extension host (the body of an
 * `extensionTestsPath` module), reporting one summary line under `label`. VOBIZ_TEST_GREP runs
 * matching tests only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import SummaryReporter from './summaryReporter';

export async function runMochaSuite(dir: string, label: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: SummaryReporter, reporterOptions: { label } });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} ${label} test(s) failed.`)) : resolve()));
  });
}
