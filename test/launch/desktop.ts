/**
 * `npm run test:desktop`: the same extension-host suite in desktop VS Code through
 * @vscode/test-electron (downloads VS Code: for machines with internet access; not run in CI here).
 * VSCODE_VERSION picks the build (default: the minimum this extension supports, 1.100.3).
 */
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out', 'test', 'host', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`Desktop extension tests failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
