/** The packaged extension: where `npm run package` puts the VSIX, and installing it into an extensions folder as a user would. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureEditor, singleEditor } from './editors';
import type { Editor } from './editors';

export const ROOT = resolve(__dirname, '..', '..', '..');

/** The VSIX `npm run package` builds: `vobiz-routing-<version>.vsix` in the repository root. */
export function vsixPath(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const path = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run package" first.`);
  return path;
}

/** Installs a VSIX into an extensions folder with the editor's code-server CLI, on its Node (offline: from the file). */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string, editor: Editor = singleEditor()): void {
  const { nodeBinary, codeServerDir } = ensureEditor(editor, (line) => process.stdout.write(`[vsix] ${line}\n`));
  execFileSync(
    nodeBinary,
    [
      join(codeServerDir, 'out', 'node', 'entry.js'),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
    ],
    {
      stdio: 'pipe',
    },
  );
}
