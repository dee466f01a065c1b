/**
 * The routing flow, walked like a person: open the view, sign in by typing, assign from the context
 * menu and a quick pick, unassign through the modal, move and Undo from the notification, and a
 * wrong token. Each step waits on the screen, checks the fake Vobiz's state, and leaves a screenshot.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
import { CHROMIUM_ARGS, findChromium } from '../launch/codeServer';
import { ROOT, startWorkbench } from '../launch/workbench';
import type { Workbench } from '../launch/workbench';
import { WorkbenchPage } from './workbenchPage';

const OUTPUT = join(ROOT, 'test-output', 'e2e');
const README_PICTURES = process.env.VOBIZ_E2E_SCREENSHOTS === '1';

const FREE = NUMBER.unassigned;
const ROUTED = NUMBER.onProd;

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

describe('walking the UI in a real VS Code (code-server + Chromium, VSIX installed)', function () {
  let wb: Workbench;
  let browser: Browser;
  let ui: WorkbenchPage;
  let step = 0;

  /** Keeps a picture for the README (npm run screenshots). */
  async function readmePicture(name: string): Promise<void> {
    const path = join(OUTPUT, name);
    await ui.screenshot(path);
    if (README_PICTURES) copyFileSync(path, join(ROOT, 'media', name));
  }

  before(async function () {
    this.timeout(180_000);
    rmSync(OUTPUT, { recursive: true, force: true });
    mkdirSync(OUTPUT, { recursive: true });
    wb = await startWorkbench();
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    ui = new WorkbenchPage(page);
    await ui.open(wb.url);
  });

  after(async () => {
    await browser?.close();
    await wb?.stop();
  });

  afterEach(async function () {
    step++;
    const test = this.currentTest;
    if (!test || !ui) return;
    const failed = test.state === 'failed';
    const path = join(OUTPUT, `${String(step).padStart(2, '0')}-${slug(test.title)}${failed ? '-FAILED' : ''}.png`);
    await ui.screenshot(path).catch(() => undefined);
    if (failed) process.stdout.write(`\n[test:e2e] step ${step} failed: "${test.title}". Its screenshot: ${path}\n`);
  });

  it('opens the Vobiz view and sees the welcome text', async () => {
    await ui.openVobizView();
    await ui.widenSidebar(520);
    await ui.welcome.getByText('Sign in to see your Vobiz phone numbers').waitFor();
    await ui.button('Sign In').waitFor();
  });

  it('a wrong token at sign-in shows the error and stores nothing', async () => {
    await ui.button('Sign In').click();
    await ui.typeInput(SANDBOX.authId);
    await ui.typeInput('not-the-right-token', { password: true });
    await ui.notification('check Auth ID / Auth Token').waitFor();
    await ui.quickInput.getByText('did not accept that token').waitFor();
    await ui.pressEscape();
    assert.equal(wb.fake.requests.filter((r) => r.path !== '/api/v1/auth/me').length, 0, 'only the credential check was sent');
    // Nothing stored: after a reload the extension starts signed out again.
    await ui.page.reload();
    await ui.page.locator('.monaco-workbench').waitFor();
    await ui.openVobizView();
    await ui.welcome.getByText('Sign in to see your Vobiz phone numbers').waitFor();
  });

  it('signs in by typing the Auth ID and token, and sees the trunks and numbers', async () => {
    await ui.clearNotifications();
    await ui.button('Sign In').click();
    await ui.typeInput(SANDBOX.authId);
    await ui.typeInput(SANDBOX.authToken, { password: true });
    await ui.trunkRow('Acme Production').waitFor();
    await ui.numberRow(FREE).waitFor();
    assert.match((await ui.numberRow(FREE).getAttribute('aria-label')) ?? '', /not assigned to a trunk/);
    await ui.trunkRow('Acme Production').click();
    await ui.page.keyboard.press('ArrowRight');
    await ui.numberUnderTrunkRow(ROUTED).waitFor();
    await ui.notification('Signed in to Vobiz as Acme Voice (sandbox)').waitFor();
    await ui.clearNotifications();
    await readmePicture('screenshot-tree.png');
  });

  it('assigns an unassigned number to a trunk from its context menu and a quick pick', async () => {
    await ui.contextMenu(ui.numberRow(FREE), 'Assign to Trunk…');
    await ui.quickPickItem('Support Desk (Bengaluru)').waitFor();
    await readmePicture('screenshot-assign.png');
    await ui.quickPickItem('Support Desk (Bengaluru)').click();
    // Every routing change asks once, in a modal naming the number and the trunk.
    await ui.dialog.getByText(`Route ${FREE} to trunk "Support Desk (Bengaluru)"?`).waitFor();
    await ui.dialogButton('Route to Trunk').click();
    await ui.row(`${FREE}, routed to trunk Support Desk (Bengaluru).`, 2).waitFor();
    await ui.notification(`${FREE} now routes to trunk "Support Desk (Bengaluru)"`).waitFor();
    assert.equal(wb.fake.number(FREE)?.trunk_group_id, TRUNK.support, 'the server has it on Support Desk');
    await ui.trunkRow('Support Desk (Bengaluru)').click();
    await ui.page.keyboard.press('ArrowRight');
    await ui.numberUnderTrunkRow(FREE).waitFor();
  });

  it('unassigns it after a modal that names the number and the trunk', async () => {
    await ui.clearNotifications();
    await ui.contextMenu(ui.numberRow(FREE), 'Unassign from Trunk');
    await ui.dialog.getByText(`Unassign ${FREE} from trunk "Support Desk (Bengaluru)"?`).waitFor();
    await readmePicture('screenshot-unassign.png');
    await ui.dialogButton('Unassign').click();
    await ui.row(`${FREE}, not assigned to a trunk.`, 2).waitFor();
    await ui.notification(`${FREE} was unassigned`).waitFor();
    assert.equal(wb.fake.number(FREE)?.trunk_group_id, undefined, 'the server has it unassigned');
  });

  it('moves a number to another trunk, then Undo on the notification puts it back', async () => {
    await ui.clearNotifications();
    await ui.contextMenu(ui.numberRow(ROUTED), 'Move to Another Trunk…');
    await ui.quickPickItem('Acme Staging').click();
    await ui.dialog.getByText(`${ROUTED} routes to trunk "Acme Production". Move it to "Acme Staging"?`).waitFor();
    await ui.dialogButton('Move').click();
    const moved = ui.notification(`${ROUTED} moved from trunk "Acme Production" to "Acme Staging"`);
    await moved.waitFor();
    assert.equal(wb.fake.number(ROUTED)?.trunk_group_id, TRUNK.staging, 'the server has it on Acme Staging');
    await ui.row(`${ROUTED}, routed to trunk Acme Staging.`, 2).waitFor();
    await ui.notificationButton(moved, 'Undo').click();
    await ui.notification('Undone').waitFor();
    await ui.row(`${ROUTED}, routed to trunk Acme Production.`, 2).waitFor();
    assert.equal(wb.fake.number(ROUTED)?.trunk_group_id, TRUNK.prod, 'the server has it back on Acme Production');
  });

  it('refreshes, then assigns from the context menu while the refresh loads: the change is made at once and the refresh keeps it', async () => {
    await ui.clearNotifications();
    // The refresh's list pages are made when asked and held until the assign is done.
    const gate = wb.fake.hold({ method: 'GET', path: '/numbers', when: (r) => !r.query.search, answerMadeFirst: true });
    try {
      await ui.viewAction('Refresh').click();
      await gate.whenWaiting(1, 30_000);
      await ui.contextMenu(ui.numberRow(FREE), 'Assign to Trunk…');
      await ui.quickPickItem('Acme Staging').click();
      await ui.dialogButton('Route to Trunk').click();
      await ui.notification(`${FREE} now routes to trunk "Acme Staging"`).waitFor();
      assert.equal(wb.fake.number(FREE)?.trunk_group_id, TRUNK.staging, 'assigned on the server while the refresh was loading');
    } finally {
      gate.open();
    }
    await ui.row(`${FREE}, routed to trunk Acme Staging.`, 2).waitFor();
  });
});
