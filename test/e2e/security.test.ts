/**
 * Data from Vobiz is only data, seen in a real VS Code (security findings 2 and 6): a trunk named
 * like a command link with an icon, whose domain and description carry a table break, links and an
 * image. The quick pick and the notification of a change to it show the name as text, with no link
 * and no icon; hovering
 * the trunk shows a tooltip with no link and no image, its table whole.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
import { useWorkbenchSuite } from './workbenchSuite';

const FREE = NUMBER.unassigned;
const NAME = '[Undo](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D) $(check)';
const DOMAIN = 'x|y ![pixel](https://track.example/p.png)';
const DESCRIPTION = '| cell | [phish](https://evil.example/login) $(check)';
/** A link as VS Code renders one (its Link widget), or anything pointing at a command or at the hostile hosts. */
const LINKS =
  'a.monaco-link, [href*="command:"], [data-href*="command:"], [href*="evil.example"], [href*="track.example"], [src*="track.example"]';

describe('data from Vobiz shows as text in a real VS Code: no link in a notification or a tooltip (security findings 2 and 6)', function () {
  const s = useWorkbenchSuite('hostile');

  before(() => {
    const trunk = s.wb.fake.trunk(TRUNK.support);
    assert.ok(trunk);
    Object.assign(trunk, { name: NAME, trunk_domain: DOMAIN, description: DESCRIPTION });
  });

  it('signs in by typing', async () => {
    await s.ui.openVobizView();
    await s.ui.widenSidebar(520);
    await s.ui.button('Sign In').click();
    await s.ui.typeInput(SANDBOX.authId);
    await s.ui.typeInput(SANDBOX.authToken, { password: true });
    await s.ui.numberRow(FREE).waitFor();
    await s.ui.clearNotifications();
  });

  it('the quick pick shows the trunk named like a link as text; the notification of the change names it with no link, and offers only Undo', async () => {
    await s.ui.contextMenu(s.ui.numberRow(FREE), 'Assign to Trunk…');
    const item = s.ui.quickPickItem('command:workbench');
    await item.waitFor();
    assert.equal(
      await item.locator('.codicon-check').count(),
      0,
      `no icon from the name in the quick pick item: ${await item.innerHTML()}`,
    );
    assert.equal(await item.locator('.codicon-server').count(), 1, "the extension's own icon is shown");
    await item.click();
    // Every routing change asks in a modal (a quick pick can be answered by another extension's commands).
    await s.ui.dialog.getByText(`Route ${FREE} to trunk`).waitFor();
    await s.ui.dialogButton('Route to Trunk').click();
    const toast = s.ui.notification(`${FREE} now routes to trunk`);
    await toast.waitFor();
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, TRUNK.support);
    const message = toast.locator('.notification-list-item-message');
    assert.equal(await message.locator('a').count(), 0, `no link in the message: ${await message.innerHTML()}`);
    assert.equal(await toast.locator(LINKS).count(), 0, `no link in the notification: ${await toast.innerHTML()}`);
    assert.equal(await message.locator('.codicon-check').count(), 0, 'no icon from the name in the message');
    assert.equal(
      (await message.innerText()).replace(/\u200b/g, ''),
      `${FREE} now routes to trunk "${NAME}".`,
      'the name is shown as it is',
    );
    const buttons = await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      ['Undo'],
    );
    await s.ui.clearNotifications();
  });

  it('hovering the trunk: its tooltip shows the name, domain and description as text, with no link, no image and its table whole', async () => {
    const row = s.ui.sidebar.locator('.monaco-list-row[aria-level="2"]', { hasText: 'command:workbench' }).first();
    await row.hover();
    const hover = s.ui.page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ visible: true })
      .filter({ hasText: 'SIP domain' })
      .first();
    await hover.waitFor();
    assert.equal(await hover.locator('a').count(), 0, `no link: ${await hover.innerHTML()}`);
    assert.equal(await hover.locator('img').count(), 0, `no image: ${await hover.innerHTML()}`);
    const text = (await hover.innerText()).replace(/\u200b/g, '');
    assert.ok(text.includes(NAME), `the name as text: ${text}`);
    assert.ok(text.includes('x|y'), `the domain whole in its cell: ${text}`);
    assert.ok(text.includes('$(check)'), `no icon formed from the description: ${text}`);
    for (const row of await hover.locator('tr').all()) {
      assert.equal(await row.locator('td, th').count(), 2, 'every row keeps its two cells');
    }
    await s.ui.page.mouse.move(5, 5);
  });
});
