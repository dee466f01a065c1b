/**
 * The body of an `extensionTestsPath` module (the contract @vscode/test-electron and the
 * code-server launcher share): runs every `*.test.js` in a folder with mocha inside the extension
 * host, with one summary line that names the editor it ran in:
 * `host on VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3): N passed, N failed, N skipped`
 * (the code-server launcher passes VOBIZ_EDITOR_HOST; without it, desktop VS Code).
 * VOBIZ_TEST_GREP runs matching tests only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import SummaryReporter from './summaryReporter';

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3)". */
function editorName(): string {
  return `VS Code ${vscode.version} (${process.env.VOBIZ_EDITOR_HOST ?? 'desktop'}, Node ${process.versions.node})`;
}

export async function runMochaSuite(dir: string, suite: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: SummaryReporter,
    reporterOptions: { label: `${suite} on ${editorName()}` },
  });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(dir, file));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} ${suite} test(s) failed on ${editorName()}.`)) : resolve(),
    );
  });
}
