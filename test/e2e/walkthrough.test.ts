/**
 * The walkthrough (Welcome: Open Walkthrough… → Get Started with Vobiz Routing), walked like a
 * person: each step is checked off by what it asks for actually happening (signed in, the view
 * shown, a number routed, a change undone), not by clicking its button: a cancelled assign leaves
 * its step unchecked.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
import { useWorkbenchSuite } from './workbenchSuite';

const FREE = NUMBER.unassigned;
const WALKTHROUGH = 'vobiz-routing.vobiz-routing#vobiz.gettingStarted';
const STEP = {
  signIn: `${WALKTHROUGH}#signIn`,
  seeTree: `${WALKTHROUGH}#seeTree`,
  routeNumber: `${WALKTHROUGH}#routeNumber`,
  undoChange: `${WALKTHROUGH}#undoChange`,
};

describe('the walkthrough: each step is checked off by the real event', function () {
  // Selecting a step focuses it after its animation (250 ms): a quick pick opened in the meantime
  // would lose the focus and close. With reduced motion VS Code focuses it at once.
  const s = useWorkbenchSuite('walkthrough', { reducedMotion: true });

  async function checked(): Promise<string[]> {
    const ids = await Promise.all(
      Object.entries(STEP).map(async ([name, id]) => ((await s.ui.checkedWalkthroughStep(id).count()) ? [name] : [])),
    );
    return ids.flat();
  }

  it('opens from the palette (Welcome: Open Walkthrough…) with four steps, none checked', async () => {
    await s.ui.vobizActivityIcon.waitFor();
    await s.ui.runCommandByKeyboard('Welcome: Open Walkthrough...');
    await s.ui.pickByTyping('Get Started with Vobiz Routing');
    for (const id of Object.values(STEP)) await s.ui.walkthroughStep(id).waitFor();
    assert.deepEqual(await checked(), []);
  });

  it('Sign In from the first step, typing the Auth ID and token: the step is checked', async () => {
    await s.ui.selectWalkthroughStep(STEP.signIn);
    await s.ui.walkthroughButton(STEP.signIn, 'Sign In').click();
    await s.ui.typeInput(SANDBOX.authId);
    await s.ui.typeInput(SANDBOX.authToken, { password: true });
    await s.ui.checkedWalkthroughStep(STEP.signIn).waitFor();
    await s.ui.notification('Signed in to Vobiz as Acme Voice (sandbox)').waitFor();
    await s.ui.clearNotifications();
  });

  it('Open the Vobiz View from the second step: the tree shows and the step is checked', async () => {
    await s.ui.selectWalkthroughStep(STEP.seeTree);
    await s.ui.walkthroughButton(STEP.seeTree, 'Open the Vobiz View').click();
    await s.ui.numberRow(FREE).waitFor();
    await s.ui.checkedWalkthroughStep(STEP.seeTree).waitFor();
  });

  it("a cancelled assign (the step's own button, then Escape at the trunk) leaves the routing step unchecked", async () => {
    await s.ui.selectWalkthroughStep(STEP.routeNumber);
    await s.ui.walkthroughButton(STEP.routeNumber, 'Assign a Number to a Trunk').click();
    await s.ui.quickPickItem(FREE).click();
    await s.ui.quickPickItem('Support Desk (Bengaluru)').waitFor();
    await s.ui.pressEscape();
    await s.ui.quickInput.waitFor({ state: 'hidden' });
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, undefined, 'nothing changed');
    assert.deepEqual(await checked(), ['signIn', 'seeTree']);
  });

  it("routing a number from the tree's context menu checks the routing step", async () => {
    await s.ui.contextMenu(s.ui.numberRow(FREE), 'Assign to Trunk…');
    await s.ui.quickPickItem('Support Desk (Bengaluru)').click();
    await s.ui.dialogButton('Route to Trunk').click();
    await s.ui.notification(`${FREE} now routes to trunk "Support Desk (Bengaluru)"`).waitFor();
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, TRUNK.support);
    await s.ui.checkedWalkthroughStep(STEP.routeNumber).waitFor();
    await s.ui.clearNotifications();
  });

  it('Undo Last Routing Change from the last step puts the number back and checks the step: all four are checked', async () => {
    await s.ui.selectWalkthroughStep(STEP.undoChange);
    await s.ui.walkthroughButton(STEP.undoChange, 'Undo Last Routing Change').click();
    // The command names the change it undoes and asks first (a command can come from anywhere).
    await s.ui.dialog
      .getByText(`Undo the last routing change (${FREE} now routes to trunk "Support Desk (Bengaluru)")?`)
      .waitFor();
    await s.ui.dialogButton('Undo').click();
    await s.ui.notification(`Undone: ${FREE} is unassigned again`).waitFor();
    assert.equal(s.wb.fake.number(FREE)?.trunk_group_id, undefined);
    await s.ui.checkedWalkthroughStep(STEP.undoChange).waitFor();
    assert.deepEqual(await checked(), ['signIn', 'seeTree', 'routeNumber', 'undoChange']);
  });
});
