/**
 * The set-up of an E2E suite of its own: the fake Vobiz and code-server with the packaged VSIX
 * (startWorkbench), Chromium on it, and a screenshot after every step in `test-output/e2e/`, named
 * `<suite>-<step>-<title>.png` (routing.test.ts clears that folder when it starts: suites using this
 * sort after it, so their pictures stay).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../launch/codeServer';
import { ROOT, startWorkbench } from '../launch/workbench';
import type { Workbench } from '../launch/workbench';
import { WorkbenchPage } from './workbenchPage';

export const OUTPUT = join(ROOT, 'test-output', 'e2e');

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export interface WorkbenchSuite {
  /** Both are set once the suite's `before` hook ran. */
  wb: Workbench;
  ui: WorkbenchPage;
}

export interface WorkbenchSuiteOptions {
  /** A script run in the page before the workbench loads. */
  initScript?: string;
  /** The page prefers reduced motion (VS Code then skips its animations and their delays). */
  reducedMotion?: boolean;
}

/** Starts a workbench and a browser page on it for the suite (call inside its `describe`). */
export function useWorkbenchSuite(name: string, options: WorkbenchSuiteOptions = {}): WorkbenchSuite {
  const suite = {} as WorkbenchSuite;
  let browser: Browser | undefined;
  let step = 0;

  before(async function () {
    this.timeout(180_000);
    mkdirSync(OUTPUT, { recursive: true });
    suite.wb = await startWorkbench();
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({
      viewport: { width: 1280, height: 760 },
      reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    suite.ui = new WorkbenchPage(page);
    await suite.ui.open(suite.wb.url);
  });

  after(async () => {
    await browser?.close();
    await suite.wb?.stop();
  });

  afterEach(async function () {
    step++;
    const test = this.currentTest;
    if (!test || !suite.ui) return;
    const failed = test.state === 'failed';
    const path = join(OUTPUT, `${name}-${String(step).padStart(2, '0')}-${slug(test.title)}${failed ? '-FAILED' : ''}.png`);
    await suite.ui.screenshot(path).catch(() => undefined);
    if (failed) process.stdout.write(`\n[test:e2e] ${name} step ${step} failed: "${test.title}". Its screenshot: ${path}\n`);
  });

  return suite;
}
