/**
 * The routing flow with the keyboard alone: no click, no pointer move. The palette (F1) focuses
 * the Vobiz view and signs in, the arrow keys reach a number, Shift+F10 opens its context menu,
 * the arrow keys and Enter choose Assign to Trunk…, typing picks the trunk, and Undo runs from the
 * palette (Enter confirms it), which offers it only while there is something to undo. The page counts every pointer
 * event it receives: there must be none.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
import { useWorkbenchSuite } from './workbenchSuite';

const FREE = NUMBER.unassigned;
const FOCUS_VIEW = 'Vobiz: Focus on Numbers & Trunks View';
const UNDO = 'Vobiz: Undo Last Routing Change';

/** Counts the trusted pointer, mouse and wheel events the page receives (a person's mouse; keys make none). */
const COUNT_POINTER_EVENTS = `
  window.__vobizPointerEvents = [];
  for (const type of ['pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel']) {
    window.addEventListener(type, (e) => { if (e.isTrusted) window.__vobizPointerEvents.push(type); }, true);
  }
`;

describe('routing with the keyboard only (no mouse)', function () {
  const s = useWorkbenchSuite('keyboard', { initScript: COUNT_POINTER_EVENTS });

  it('focuses the Vobiz view from the palette and signs in by typing', async () => {
    await s.ui.vobizActivityIcon.waitFor();
    await s.ui.runCommandByKeyboard(FOCUS_VIEW);
    await s.ui.welcome.getByText('Sign in to see your Vobiz phone numbers').waitFor();
    await s.ui.runCommandByKeyboard('Vobiz: Sign In');
    await s.ui.quickInput.getByText('Sign in to Vobiz (1/2): Auth ID').waitFor();
    await s.ui.typeAndEnter(SANDBOX.authId);
    await s.ui.typeAndEnter(SANDBOX.authToken, { password: true });
    await s.ui.notification('Signed in to Vobiz as Acme Voice (sandbox)').waitFor();
    await s.ui.numberRow(FREE).waitFor();
  });

  it('the palette does not offer Undo before any change', async () => {
    assert.equal(await s.ui.paletteOffers(UNDO), false);
  });

  it('reaches an unassigned number with the arrow keys, opens its menu with Shift+F10, chooses Assign to Trunk… and types the trunk', async () => {
    await s.ui.runCommandByKeyboard(FOCUS_VIEW);
    await s.ui.arrowDownTo(`${FREE},`);
    assert.match((await s.ui.focusedRow.first().getAttribute('aria-label')) ?? '', /not assigned to a trunk/);
    await s.ui.contextMenuByKeyboard('Assign to Trunk…');
    await s.ui.pickByTyping('Support Desk (Bengaluru)');
    // The change asks in a modal; its button has the focus.
    await s.ui.dialog.getByText(`Route ${FREE} to trunk "Support Desk (Bengaluru)"?`).waitFor();
    await s.ui.page.keyboard.press('Enter');
    await s.ui.row(`${FREE}, routed to trunk Support Desk (Bengaluru).`, 2).waitFor();
    await s.ui.notification(`${FREE} now routes to trunk "Support Desk (Bengaluru)"`).waitFor();
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, TRUNK.support, 'the server has it on Support Desk');
  });

  it('the palette offers Undo now; running it puts the number back, and then it is not offered again', async () => {
    assert.equal(await s.ui.paletteOffers(UNDO), true);
    await s.ui.runCommandByKeyboard(UNDO);
    // It asks first, naming the change; its Undo button has the focus.
    await s.ui.dialog.getByText('Undo the last routing change').waitFor();
    await s.ui.page.keyboard.press('Enter');
    await s.ui.notification(`Undone: ${FREE} is unassigned again`).waitFor();
    await s.ui.row(`${FREE}, not assigned to a trunk.`, 2).waitFor();
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, undefined, 'the server has it unassigned again');
    assert.equal(await s.ui.paletteOffers(UNDO), false);
  });

  it('no pointer event reached the page', async () => {
    assert.deepEqual(await s.ui.page.evaluate('window.__vobizPointerEvents'), []);
  });
});
