/**
 * The packaged security suite (test/security), run by `npm run test:host` after the pseudo-locale
 * suite on each editor (codeServer.ts). What another extension can reach of Vobiz Routing, seen from
 * another extension: the VSIX is installed into the extensions folder, as a user installs it (so it
 * runs in Production mode), and the development extension is a second one, "the probe", a bare
 * manifest whose tests are the suite. Every quick pick and input box is dismissed (Escape), and
 * VS Code refuses to show a modal in a test run: the probe answers no question (the user would
 * have to).
 *
 * Environment: as test:host (VOBIZ_EDITOR, CHROME_PATH, VOBIZ_TEST_GREP, VOBIZ_TEST_VERBOSE).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Editor } from './editors';
import { installVsix, ROOT, vsixPath } from './vsix';

export const SECURITY_TESTS_ENTRY = join(ROOT, 'out', 'test', 'security', 'index.js');

/** The probe extension's identifier (its manifest's publisher.name). */
export const PROBE_ID = 'vobiz-tests.security-probe';

/** The environment variable that tells the suite where the VSIX was installed. */
export const INSTALLED_EXTENSIONS_ENV = 'VOBIZ_INSTALLED_EXTENSIONS';

export interface PackagedSecuritySetup {
  /** The development extension: the probe, another extension than Vobiz Routing. */
  extensionPath: string;
  /** The extensions folder with the VSIX installed. */
  extensionsDir: string;
  env: Record<string, string>;
  declineQuestions: true;
  dispose(): void;
}

/** Installs the VSIX into a fresh extensions folder and writes the probe's manifest beside it. */
export function packagedSecuritySetup(editor: Editor): PackagedSecuritySetup {
  const scratch = mkdtempSync(join(tmpdir(), 'vobiz-packaged-security-'));
  const extensionsDir = join(scratch, 'extensions');
  const extensionPath = join(scratch, 'security-probe');
  try {
    mkdirSync(extensionsDir);
    mkdirSync(extensionPath);
    installVsix(vsixPath(), extensionsDir, join(scratch, 'install-user-data'), editor);
    const [publisher, name] = PROBE_ID.split('.');
    const manifest = {
      name,
      publisher,
      displayName: 'Security probe (another extension)',
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
    };
    writeFileSync(join(extensionPath, 'package.json'), JSON.stringify(manifest, null, 2));
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  return {
    extensionPath,
    extensionsDir,
    env: { [INSTALLED_EXTENSIONS_ENV]: extensionsDir },
    declineQuestions: true,
    dispose: () => rmSync(scratch, { recursive: true, force: true }),
  };
}
