/**
 * `npm run test:e2e`: walks the UI like a person in a real browser (Chromium driving code-server
 * with the packaged VSIX installed) against the fake Vobiz, on each editor of
 * ../launch/editors.ts (VS Code 1.100, the oldest supported, then 1.139, the newest), one pass per
 * editor in its own process. Each pass ends with its own summary line naming the editor
 * (`e2e on VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3): N passed, …`), the run with one line
 * per editor. Screenshots of every step go to `test-output/e2e/` (git-ignored); when several editors
 * run, each pass's are then moved to `test-output/e2e-vscode-<version>/`. A failing step is named and
 * keeps its screenshot (`…-FAILED.png`).
 * `--screenshots` (npm run screenshots) also refreshes the README's pictures in `media/`, on one
 * editor only (the oldest unless VOBIZ_EDITOR picks another).
 *
 * Environment: VOBIZ_EDITOR (which editors: unset/all, oldest, newest, or a version such as 1.139;
 * see editors.ts), CHROME_PATH (browser), VOBIZ_TEST_GREP (run matching steps only).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import Mocha from 'mocha';
import SummaryReporter from '../support/summaryReporter';
import { describeEditor, editorSlug, ensureEditor, selectedEditors, singleEditor } from '../launch/editors';
import type { Editor } from '../launch/editors';
import { ROOT } from '../launch/workbench';

function say(line: string): void {
  process.stdout.write(`[test:e2e] ${line}\n`);
}

/** One pass in this process on the one editor VOBIZ_EDITOR names (or the oldest); 1 when a step failed. */
async function pass(editor: Editor): Promise<number> {
  // Installed before mocha starts, so a first-run install does not count against a hook's timeout.
  try {
    ensureEditor(editor, say);
  } catch (err) {
    say(`could not install ${describeEditor(editor)}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 90_000,
    bail: true,
    reporter: SummaryReporter,
    reporterOptions: { label: `e2e on ${describeEditor(editor)}` },
  });
  const grep = process.env.VOBIZ_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const code = await new Promise<number>((resolve) => mocha.run((failures) => resolve(failures > 0 ? 1 : 0)));
  say(`E2E walk ${code === 0 ? 'passed' : 'FAILED'} on ${describeEditor(editor)}.`);
  return code;
}

/** One pass per editor, each in a child process with VOBIZ_EDITOR set to it; its screenshots kept apart. */
async function eachEditor(editors: Editor[]): Promise<number> {
  const results: { editor: Editor; outcome: string }[] = [];
  const output = join(ROOT, 'test-output', 'e2e');
  for (const editor of editors) {
    say(`== E2E walk on ${describeEditor(editor)}`);
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [__filename, ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, VOBIZ_EDITOR: editor.name },
      });
      child.once('error', () => resolve(1));
      child.once('exit', (status) => resolve(status ?? 1));
    });
    if (existsSync(output)) {
      const kept = join(ROOT, 'test-output', `e2e-${editorSlug(editor)}`);
      rmSync(kept, { recursive: true, force: true });
      renameSync(output, kept);
      say(`the screenshots of the walk on VS Code ${editor.vscode} are in ${relative(ROOT, kept)}/.`);
    }
    results.push({ editor, outcome: code === 0 ? 'passed' : `FAILED (exit ${code})` });
  }
  say('E2E walk, by editor:');
  for (const r of results) say(`  ${describeEditor(r.editor)}: ${r.outcome}`);
  return results.every((r) => r.outcome === 'passed') ? 0 : 1;
}

async function main(): Promise<number> {
  if (process.argv.includes('--screenshots')) {
    process.env.VOBIZ_E2E_SCREENSHOTS = '1';
    return pass(singleEditor());
  }
  const editors = selectedEditors();
  return editors.length === 1 ? pass(editors[0]) : eachEditor(editors);
}

main().then(
  // Let the last lines reach a pipe before exiting.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`[test:e2e] could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
