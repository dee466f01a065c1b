/**
 * `npm run test:host`: runs the extension-host suite (test/host) inside a real VS Code — code-server
 * 4.100.3 driven by Debian's Chromium through playwright-core — with no network. Relays mocha's
 * output and exits with the suite's result.
 *
 * Environment: CHROME_PATH (browser, default /usr/bin/chromium), VOBIZ_TEST_GREP (run matching tests
 * only), VOBIZ_TEST_VERBOSE=1 (also print code-server's and the workbench's own log lines).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { freePort } from '../support/net';
import { ensureCodeServer } from './codeServerInstall';

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
    throw new Error('No Chromium found. Install it (Debian: "apt-get install -y chromium") or set CHROME_PATH to a Chromium/Chrome binary.');
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

/** The installed code-server's folder (installing it on first use). */
export function codeServerDir(): string {
  return ensureCodeServer(join(ROOT, '.vscode-test'), say);
}

/** Starts code-server on a loopback port (a free one unless given) with fresh user-data and extensions folders. */
export async function startCodeServer(options: { workspace: string; settings?: Record<string, unknown>; extensionsDir?: string; port?: number }): Promise<CodeServer> {
  const dir = codeServerDir();
  const port = options.port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'vobiz-code-server-'));
  const userData = join(scratch, 'user-data');
  const extensions = options.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
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
    process.execPath,
    [
      join(dir, 'out', 'node', 'entry.js'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--config', join(scratch, 'config.yaml'),
      options.workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
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
  if (/^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/.test(text)) return true;
  if (/ripgrep\/bin\/rg ENOENT/.test(text)) return true;
  return /marketplace|gallery|ENOTFOUND|getaddrinfo|update\.code|Failed to fetch|ERR_NAME_NOT_RESOLVED|net::ERR_/i.test(text);
}

/**
 * Runs an `extensionTestsPath` module (its `run()`) in code-server's extension host with this
 * repository as the development extension; resolves to its exit code (0 when `run()` resolved).
 */
export async function runInExtensionHost(entry: string = TESTS_ENTRY, env: Record<string, string> = {}): Promise<number> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "node esbuild.mjs --tests" first.`);
  Object.assign(process.env, env);
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run "npm run build" first.');
  const executablePath = findChromium();
  const workspace = mkdtempSync(join(tmpdir(), 'vobiz-workspace-'));
  const server = await startCodeServer({ workspace });
  say(`code-server ${server.url} is up; starting the extension-host suite in ${executablePath}.`);
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
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(entry)],
      ['skipWelcome', 'true'],
    ];
    const target = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(target);
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

if (require.main === module) {
  runInExtensionHost().then(
    (code) => {
      say(code === 0 ? 'extension-host suite passed.' : `extension-host suite failed (exit ${code}).`);
      process.exit(code);
    },
    (err: unknown) => {
      say(`could not run the extension-host suite: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
