/**
 * The pseudo-locale suite (test/l10n), run by `npm run test:host` after the host suite on each
 * editor (codeServer.ts). What it needs to start a real VS Code whose display
 * language is `qps-ploc` with a copy of the built extension whose bundles for that locale wrap every
 * message in ⟦…⟧ (test/support/pseudoLocale.ts), so any text a user reads outside a wrapping was
 * never localised. VS Code only switches to a language it has a language pack for: a minimal one is
 * registered in the user-data folder (`languagepacks.json`, the file VS Code writes when a language
 * pack extension is installed), with no core translations, so the workbench stays in English.
 *
 * Environment: as test:host (VOBIZ_EDITOR, CHROME_PATH, VOBIZ_TEST_GREP, VOBIZ_TEST_VERBOSE).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PSEUDO_LOCALE, pseudoBundle } from '../support/pseudoLocale';
import type { BundleEntry } from '../support/pseudoLocale';

const ROOT = resolve(__dirname, '..', '..', '..');
export const L10N_TESTS_ENTRY = join(ROOT, 'out', 'test', 'l10n', 'index.js');

function readBundle(path: string): Record<string, BundleEntry> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, BundleEntry>;
}

export interface PseudoLocaleSetup {
  /** The extension to develop: a copy of the built one with the pseudo-locale's bundles beside its own. */
  extensionPath: string;
  /** code-server arguments: the display language. */
  args: string[];
  /** Writes the language pack registration into a fresh user-data folder. */
  prepareUserData(userDataDir: string): void;
  dispose(): void;
}

/** A copy of the built extension with pseudo-locale bundles, and what code-server needs to start in that locale. */
export function pseudoLocaleSetup(): PseudoLocaleSetup {
  const bundle = join(ROOT, 'l10n', 'bundle.l10n.json');
  if (!existsSync(bundle) || !existsSync(join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('l10n/bundle.l10n.json or dist/extension.js is missing: run "npm run build" first.');
  }
  const scratch = mkdtempSync(join(tmpdir(), 'vobiz-pseudo-locale-'));
  const extensionPath = join(scratch, 'vobiz-routing');
  mkdirSync(extensionPath);
  for (const entry of ['package.json', 'package.nls.json', 'dist', 'l10n', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    cpSync(join(ROOT, entry), join(extensionPath, entry), { recursive: true });
  }
  writeFileSync(
    join(extensionPath, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`),
    JSON.stringify(pseudoBundle(readBundle(bundle)), null, 2),
  );
  writeFileSync(
    join(extensionPath, `package.nls.${PSEUDO_LOCALE}.json`),
    JSON.stringify(pseudoBundle(readBundle(join(ROOT, 'package.nls.json'))), null, 2),
  );
  // The language pack: no translations of VS Code itself (the workbench falls back to English).
  const coreTranslations = join(scratch, 'language-pack', 'main.i18n.json');
  mkdirSync(join(scratch, 'language-pack'));
  writeFileSync(coreTranslations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const languagePacks = {
    [PSEUDO_LOCALE]: {
      hash: 'vobiz-pseudo-locale',
      extensions: [{ extensionIdentifier: { id: 'vobiz-test.pseudo-locale' }, version: '1.0.0' }],
      translations: { vscode: coreTranslations },
      label: 'Pseudo-locale',
    },
  };
  return {
    extensionPath,
    args: ['--locale', PSEUDO_LOCALE],
    prepareUserData: (userDataDir) => writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks)),
    dispose: () => rmSync(scratch, { recursive: true, force: true }),
  };
}
