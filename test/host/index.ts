/**
 * The extension-host test entry (the `extensionTestsPath` module of @vscode/test-electron's
 * contract): runs every `*.test.js` beside it with mocha, inside the real extension host.
 * Used by both launchers: code-server (test/launch/codeServer.ts) and desktop (test/launch/desktop.ts).
 * Its summary line names the editor it ran in, as this extension host sees it:
 * `host on VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3): N passed, N failed, N skipped`
 * (the code-server launcher passes VOBIZ_EDITOR_HOST; without it, desktop VS Code).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import SummaryReporter from '../support/summaryReporter';

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3)". */
function editorName(): string {
  return `VS Code ${vscode.version} (${process.env.VOBIZ_EDITOR_HOST ?? 'desktop'}, Node ${process.versions.node})`;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: SummaryReporter,
    reporterOptions: { label: `host on ${editorName()}` },
  });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed on ${editorName()}.`)) : resolve()));
  });
}
