/**
 * Installs code-server (a complete VS Code: web workbench + Node extension host) from the npm
 * registry into a git-ignored cache, the way that works offline and as root
 * (../shared/real-vscode-offline.md): pack, install without scripts, rebuild the native modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

function npm(args: string[], cwd: string, logFile: string): void {
  try {
    execFileSync('npm', args, {
      cwd,
      env: { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    writeFileSync(logFile, `${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`);
    throw new Error(`"npm ${args.join(' ')}" failed in ${cwd}; its output is in ${logFile}`);
  }
}

/** The folder of a ready code-server (installing it on first use), e.g. `.vscode-test/code-server-4.100.3`. */
export function ensureCodeServer(cacheRoot: string, log: (line: string) => void): string {
  const dir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  if (existsSync(join(dir, '.ready'))) return dir;
  const started = Date.now();
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only, about a minute)…`);
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const logFile = join(cacheRoot, 'code-server-install.log');
  npm(['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', work], work, logFile);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no code-server tarball');
  execFileSync('tar', ['xzf', tarball], { cwd: work });
  const pkg = join(work, 'package');
  npm(['install', '--omit=dev', '--ignore-scripts'], pkg, logFile);
  npm(['rebuild', 'argon2'], pkg, logFile);
  const vscodeDir = join(pkg, 'lib', 'vscode');
  npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, logFile);
  npm(['rebuild', '@vscode/spdlog', 'node-pty', 'native-watchdog'], vscodeDir, logFile);
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  writeFileSync(join(pkg, '.ready'), `${new Date().toISOString()}\n`);
  renameSync(pkg, dir);
  rmSync(work, { recursive: true, force: true });
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return dir;
}
