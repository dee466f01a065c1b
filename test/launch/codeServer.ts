/**
 * `npm run test:host`: runs the extension-host suite (test/host) inside a real VS Code — code-server
 * driven by Debian's Chromium through playwright-core — with no network, on each editor of
 * editors.ts (VS Code 1.100, the oldest supported, then 1.139, the newest), one after the other.
 * Relays mocha's output; each run ends with its own summary line naming the editor
 * (`host on VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3): N passed, …`), and the launcher
 * with one line per editor. Exits non-zero when the suite failed on any of them.
 *
 * Environment: VOBIZ_EDITOR (which editors: unset/all, oldest, newest, or a version such as 1.139;
 * see editors.ts), CHROME_PATH (browser, default /usr/bin/chromium), VOBIZ_TEST_GREP (run matching
 * tests only), VOBIZ_TEST_VERBOSE=1 (also print code-server's and the workbench's own log lines).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { freePort } from '../support/net';
import { describeEditor, ensureEditor, selectedEditors, singleEditor } from './editors';
import { packagedSecuritySetup, SECURITY_TESTS_ENTRY } from './packagedSecurity';
import { L10N_TESTS_ENTRY, pseudoLocaleSetup } from './pseudoLocale';
import type { Editor, InstalledEditor } from './editors';

const ROOT = resolve(__dirname, '..', '..', '..');
const TESTS_ENTRY = join(ROOT, 'out', 'test', 'host', 'index.js');
const SUITE_TIMEOUT_MS = 15 * 60_000;
const verbose = process.env.VOBIZ_TEST_VERBOSE === '1';

function say(line: string): void {
  process.stdout.write(`[test:host] ${line}\n`);
}

/** The Chromium to drive: CHROME_PATH, or Debian's. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it (Debian: "apt-get install -y chromium") or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}

/** Polls the URL until it answers, or fails after the deadline (or when the process exits). */
async function waitForHttp(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited early with code ${proc.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

export interface CodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** The editor installed and ready to start (installing it on first use; default: VOBIZ_EDITOR's one, else the oldest). */
export function installedEditor(editor: Editor = singleEditor()): InstalledEditor {
  return ensureEditor(editor, say);
}

export interface CodeServerOptions {
  workspace: string;
  settings?: Record<string, unknown>;
  extensionsDir?: string;
  port?: number;
  /** Which code-server (default: VOBIZ_EDITOR's one, else the oldest). */
  editor?: Editor;
  /** Added to code-server's environment (which its extension host inherits). */
  env?: Record<string, string>;
  /** More code-server flags. */
  args?: readonly string[];
  /** Writes into the fresh user-data folder before code-server starts (e.g. a language pack registration). */
  prepareUserData?: (userDataDir: string) => void;
}

/** Starts code-server on a loopback port (a free one unless given) with fresh user-data and extensions folders. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const editor = installedEditor(options.editor);
  const port = options.port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'vobiz-code-server-'));
  const userData = join(scratch, 'user-data');
  const extensions = options.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  options.prepareUserData?.(userData);
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.enableExperiments': false,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const output: string[] = [];
  const proc = spawn(
    editor.nodeBinary,
    [
      join(editor.codeServerDir, 'out', 'node', 'entry.js'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--config',
      join(scratch, 'config.yaml'),
      ...(options.args ?? []),
      options.workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (verbose) process.stdout.write(`[code-server] ${line}\n`);
    }
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, proc, 60_000);
  return {
    port,
    url,
    process: proc,
    output,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((ok) => proc.once('exit', ok));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Launch flags for Debian's Chromium as root on a machine with no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** A workbench log line that is noise offline (gallery lookups, telemetry, the text search binary the npm package lacks). */
function isNoise(text: string): boolean {
  if (
    /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/.test(
      text,
    )
  ) {
    return true;
  }
  if (/ripgrep\/bin\/rg ENOENT/.test(text)) return true;
  // Newer workbenches (1.13x): the chat and agent host, and the GitHub sign-in no one makes here.
  if (/^\[(AgentHost(:\w+)?|ChatModelSelection|RemoteAgentHostProtocol|AccountPolicyGate|reconnection-grace-time)\]/.test(text)) {
    return true;
  }
  if (/authentication provider 'github'/.test(text)) return true;
  return /marketplace|gallery|ENOTFOUND|getaddrinfo|update\.code|Failed to fetch|ERR_NAME_NOT_RESOLVED|net::ERR_/i.test(text);
}

/** How to run a suite: which editor, which extension, and anything the editor must start with. */
export interface ExtensionHostRun {
  editor?: Editor;
  /** The extension to develop (default: this repository). */
  extensionPath?: string;
  /** More code-server flags (e.g. `--locale`). */
  args?: readonly string[];
  prepareUserData?: (userDataDir: string) => void;
  /** Added to code-server's environment, which the extension host and the suite inherit. */
  env?: Record<string, string>;
  /** The extensions folder (extensions installed there run as a user's would); default: a fresh empty one. */
  extensionsDir?: string;
  /**
   * Dismiss every quick pick and input box the workbench shows (Escape), as a person who did not
   * answer would. For a suite that plays another extension, which cannot answer a question shown to
   * the user. (A modal dialog VS Code refuses to show at all in a test run: the call fails with the
   * dialog's text.)
   */
  declineQuestions?: boolean;
}

/**
 * Dismisses every quick input the page shows (Escape), until `done` settles or the page closes. A
 * command may open its next input box while the last one is still closing (the widget then never
 * hides in between): whatever shows a moment after an Escape gets one too.
 */
async function declineQuestions(page: Page, done: Promise<unknown>): Promise<void> {
  const question = page.locator('.quick-input-widget:visible').first();
  const finished = done.then(() => false);
  const moment = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 250));
  try {
    for (;;) {
      const shown = await Promise.race([question.waitFor({ state: 'visible', timeout: 0 }).then(() => true), finished]);
      if (!shown) return;
      await page.keyboard.press('Escape');
      await Promise.race([question.waitFor({ state: 'hidden', timeout: 0 }), moment()]);
    }
  } catch {
    // The page closed with the suite.
  }
}

/**
 * Runs an `extensionTestsPath` module (its `run()`) in code-server's extension host with this
 * repository (or `run.extensionPath`) as the development extension; resolves to its exit code (0
 * when `run()` resolved). The extension host gets VOBIZ_EDITOR_HOST ("code-server 4.139.1"), which
 * test/support/mochaSuite.ts puts in its summary line.
 */
export async function runInExtensionHost(entry: string = TESTS_ENTRY, run: ExtensionHostRun = {}): Promise<number> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "node esbuild.mjs --tests" first.`);
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run "npm run build" first.');
  }
  const editor = run.editor ?? singleEditor();
  const extensionPath = run.extensionPath ?? ROOT;
  const executablePath = findChromium();
  const workspace = mkdtempSync(join(tmpdir(), 'vobiz-workspace-'));
  const server = await startCodeServer({
    workspace,
    editor,
    args: [...(editor.extensionTestsArgs ?? []), ...(run.args ?? [])],
    env: { ...run.env, VOBIZ_EDITOR_HOST: `code-server ${editor.codeServer}` },
    prepareUserData: run.prepareUserData,
    extensionsDir: run.extensionsDir,
  });
  say(`code-server ${server.url} (${describeEditor(editor)}) is up; starting the extension-host suite in ${executablePath}.`);
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((ok) => (settle = ok));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && isNoise(text)) return;
      process.stdout.write(verbose ? `[${type}] ${text}\n` : `${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    page.on('pageerror', (err) => verbose && say(`page error: ${err.message}`));
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(entry)],
      ['skipWelcome', 'true'],
    ];
    const target = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(target);
    if (run.declineQuestions) void declineQuestions(page, exitCode);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((ok) => {
      timer = setTimeout(() => {
        say(`the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes.`);
        ok(1);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (code !== 0 && !verbose) {
      say('code-server output (last 40 lines):');
      for (const line of server.output.slice(-40)) process.stdout.write(`  ${line}\n`);
    }
    return code;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * `npm run test:host`: the suite on each selected editor, oldest first; a closing line per editor.
 * Then, on each editor too, the pseudo-locale suite (test/l10n, see pseudoLocale.ts) and the
 * packaged security suite (test/security, see packagedSecurity.ts).
 */
async function main(): Promise<number> {
  const results: { editor: Editor; outcome: string }[] = [];
  for (const editor of selectedEditors()) {
    results.push(await suiteOn(editor, 'extension-host suite', TESTS_ENTRY, {}));
    const pseudo = pseudoLocaleSetup();
    try {
      results.push(await suiteOn(editor, 'pseudo-locale suite', L10N_TESTS_ENTRY, pseudo));
    } finally {
      pseudo.dispose();
    }
    const packaged = packagedSecuritySetup(editor);
    try {
      results.push(await suiteOn(editor, 'packaged security suite', SECURITY_TESTS_ENTRY, packaged));
    } finally {
      packaged.dispose();
    }
  }
  if (results.length > 1) {
    say('by editor:');
    for (const r of results) say(`  ${describeEditor(r.editor)}: ${r.outcome}`);
  }
  return results.every((r) => r.outcome.endsWith('passed')) ? 0 : 1;
}

async function suiteOn(
  editor: Editor,
  suite: string,
  entry: string,
  run: ExtensionHostRun,
): Promise<{ editor: Editor; outcome: string }> {
  const name = describeEditor(editor);
  say(`== ${suite} on ${name}`);
  let outcome: string;
  try {
    const code = await runInExtensionHost(entry, { ...run, editor });
    outcome = code === 0 ? `${suite} passed` : `${suite} FAILED (exit ${code})`;
  } catch (err) {
    outcome = `${suite} could not run: ${err instanceof Error ? err.message : String(err)}`;
  }
  say(`${outcome} on ${name}.`);
  return { editor, outcome };
}

if (require.main === module) {
  main().then(
    // Let the last lines reach a pipe before exiting.
    (code) => process.stdout.write('', () => process.exit(code)),
    (err: unknown) => {
      say(`could not run the extension-host suite: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
