/**
 * The view's title bar and `…` menu against its rows' context menus. VS Code passes a title-bar
 * command the focused row, as these tests do: such a command must not take it for its target.
 * A row's own entries (the `…Account` ids) act on the row they were invoked on.
 */
import * as assert from 'node:assert/strict';
import type { AccountNode } from '../../src/tree/nodes';
import { SANDBOX, useHost } from './helpers';
import { pickLabel, TestUi } from './testUi';

describe("the view's menus: a focused row is the target only of a row's own entries", () => {
  const h = useHost();
  let main: AccountNode;
  let sub: AccountNode;

  beforeEach(async () => {
    await h.signOutAll();
    await h.signIn(SANDBOX.authId, SANDBOX.authToken);
    await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
    const rows = (await h.children()).filter((n): n is AccountNode => n.type === 'account');
    [main, sub] = [SANDBOX.authId, SANDBOX.subAuthId].map(
      (id) => rows.find((n) => n.authId === id) ?? assert.fail(`no row of ${id}`),
    );
    h.fake.clearRequests();
  });

  const signedIn = (): string[] => h.api.testing.accounts.list().map((s) => s.authId);
  /** The Auth IDs that loaded their numbers since the last clearRequests(). */
  const reloaded = (): string[] => [...new Set(h.fake.requestsTo('GET', '/numbers').map((r) => r.authId ?? ''))].sort();

  it('Sign In to Another Account… (an account row focused) asks for a new Auth ID, then its token', async () => {
    await h.api.testing.accounts.signOut(SANDBOX.subAuthId);
    const ui = h.useUi(new TestUi({ input: SANDBOX.subAuthId }, { input: SANDBOX.subAuthToken }));
    const result = await h.run('vobiz.addAccount', main);
    assert.equal((result as { error?: string } | undefined)?.error, undefined, JSON.stringify(result));
    const prompts = ui.messages('input');
    assert.equal(prompts.length, 2, JSON.stringify(prompts));
    assert.match(prompts[0], /Auth ID/);
    assert.match(prompts[1], new RegExp(`Auth Token of ${SANDBOX.subAuthId}`));
    assert.ok(!prompts.some((p) => /no longer accepts/.test(p)), `asked for the focused account's token: ${prompts.join(' / ')}`);
    assert.deepEqual(signedIn(), [SANDBOX.authId, SANDBOX.subAuthId]);
  });

  it('Sign In (title bar) with a row focused asks for the Auth ID too', async () => {
    const ui = h.useUi(new TestUi({ input: undefined }));
    await h.run('vobiz.signIn', sub);
    assert.deepEqual(
      ui.messages('input').map((p) => p.split(':')[0]),
      ['Sign in to Vobiz (1/2)'],
    );
  });

  it('Sign Out from the … menu (an account row focused) asks which account, then to confirm; the one chosen is signed out', async () => {
    const ui = h.useUi(new TestUi(pickLabel('Acme Reseller'), { confirm: true }));
    await h.run('vobiz.signOut', main);
    assert.deepEqual(ui.messages('pick'), ['Sign out of which Vobiz account?']);
    assert.deepEqual(ui.messages('confirm'), [`Sign out of the Vobiz account ${SANDBOX.subAuthId}?`]);
    assert.deepEqual(signedIn(), [SANDBOX.authId]);
  });

  it("Sign Out from an account's context menu signs out of that account without asking", async () => {
    const ui = h.useUi(new TestUi());
    await h.run('vobiz.signOutAccount', sub);
    assert.deepEqual(
      ui.shown.filter((s) => s.kind !== 'info'),
      [],
    );
    assert.deepEqual(signedIn(), [SANDBOX.authId]);
  });

  it('Refresh in the title bar (a row focused) reloads every account; on an account row, that account', async () => {
    await h.run('vobiz.refresh', sub);
    assert.deepEqual(reloaded(), [SANDBOX.authId, SANDBOX.subAuthId].sort());
    h.fake.clearRequests();
    await h.run('vobiz.refreshAccount', sub);
    assert.deepEqual(reloaded(), [SANDBOX.subAuthId]);
  });

  for (const [command, question] of [
    ['vobiz.assignNumbers', 'Route numbers of which account?'],
    ['vobiz.unassignNumbers', 'Unassign numbers of which account?'],
  ]) {
    it(`${command} from the … menu (an account row focused) asks which account first`, async () => {
      const ui = h.useUi(new TestUi({ pick: () => undefined }));
      await h.run(command, sub);
      assert.deepEqual(ui.messages('pick'), [question]);
      assert.equal(ui.answers.length, 0);
    });
  }

  it("Assign Numbers (Bulk) from an account's context menu offers that account's numbers without asking which account", async () => {
    const ui = h.useUi(new TestUi({ pickMany: () => undefined }));
    await h.run('vobiz.assignAccountNumbers', sub);
    assert.deepEqual(ui.messages('pick'), []);
    const offered = ui.shown.find((s) => s.kind === 'pickMany');
    assert.ok(offered?.items?.length, JSON.stringify(ui.shown));
    const subNumbers =
      h.api.testing.accounts
        .get(SANDBOX.subAuthId)
        ?.model.numbers()
        .map((n) => n.e164) ?? [];
    assert.ok(
      offered.items.every((i) => subNumbers.some((e) => i.includes(e))),
      `offered: ${offered.items.join(', ')}`,
    );
  });
});
