import * as assert from 'node:assert/strict';
import { NUMBER, SANDBOX, TRUNK, useHost } from './helpers';
import { pickLabel, TestUi } from './testUi';

const SUB_TRUNK = TRUNK.reseller;
const SUB_FREE = NUMBER.subUnassigned;

describe('several accounts', () => {
  const h = useHost();
  beforeEach(async () => {
    await h.signOutAll();
    await h.signIn(SANDBOX.authId, SANDBOX.authToken);
    await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
    h.fake.clearRequests();
  });

  it('signing in with another Auth ID adds an account: its own SecretStorage key, one node per account', async () => {
    const secrets = h.api.testing.secrets;
    assert.deepEqual(JSON.parse((await secrets.get('vobiz.accounts')) ?? '[]'), [SANDBOX.authId, SANDBOX.subAuthId]);
    const token = async (authId: string): Promise<unknown> =>
      (JSON.parse((await secrets.get(`vobiz.credentials.${authId}`)) ?? '{}') as { authToken?: unknown }).authToken;
    assert.equal(await token(SANDBOX.authId), SANDBOX.authToken);
    assert.equal(await token(SANDBOX.subAuthId), SANDBOX.subAuthToken);
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => `${h.label(n)} | ${String(h.item(n).description)}`),
      [`Acme Voice (sandbox) | ${SANDBOX.authId}`, `Acme Reseller (sandbox sub-account) | ${SANDBOX.subAuthId} · sub-account`],
    );
    assert.deepEqual(
      (await h.children(root[1])).map((n) => h.label(n)),
      ['Trunks', 'Numbers'],
    );
    const subTrunks = await h.children(await h.group('trunks', SANDBOX.subAuthId));
    assert.deepEqual(
      subTrunks.map((n) => h.label(n)),
      ['Reseller Trunk'],
    );
    const subNumbers = await h.children(await h.group('numbers', SANDBOX.subAuthId));
    assert.deepEqual(subNumbers.map((n) => h.label(n)).sort(), [NUMBER.subUnassigned, NUMBER.subOnReseller]);
  });

  it("the main account lists its sub-account's numbers and names their owner", async () => {
    const numbers = await h.children(await h.group('numbers', SANDBOX.authId));
    const sub = numbers.find((n) => n.type === 'number' && n.e164 === SUB_FREE);
    assert.ok(sub);
    assert.match(String(h.item(sub).description), new RegExp(`owner ${SANDBOX.subAuthId}`));
  });

  it("a change from a sub-account's item goes through that account's credentials and path", async () => {
    const numbers = await h.children(await h.group('numbers', SANDBOX.subAuthId));
    const node = numbers.find((n) => n.type === 'number' && n.e164 === SUB_FREE);
    h.useUi(new TestUi(pickLabel('Reseller Trunk'), { confirm: true }));
    await h.run('vobiz.assignNumber', node);
    assert.equal(h.fake.number(SUB_FREE)?.trunk_group_id, SUB_TRUNK);
    const write = h.fake.requests.find((r) => r.method === 'POST');
    assert.ok(write?.path.startsWith(`/api/v1/Account/${SANDBOX.subAuthId}/numbers/`), write?.path);
    assert.deepEqual(await h.numbersUnderTrunkOf(SANDBOX.subAuthId, SUB_TRUNK), [NUMBER.subUnassigned, NUMBER.subOnReseller]);
  });

  it('palette commands ask which account first', async () => {
    const ui = h.useUi(
      new TestUi(pickLabel('Acme Reseller'), pickLabel(SUB_FREE), pickLabel('Reseller Trunk'), { confirm: true }),
    );
    await h.run('vobiz.assignNumber');
    assert.equal(ui.answers.length, 0);
    assert.match(ui.shown[0].message, /which account/);
    assert.equal(h.fake.number(SUB_FREE)?.trunk_group_id, SUB_TRUNK);
  });

  it('Sign Out asks which account, then asks to confirm it; the other stays signed in and the tree drops the account level', async () => {
    const ui = h.useUi(new TestUi(pickLabel('Acme Reseller'), { confirm: true }));
    await h.run('vobiz.signOut');
    const pick = ui.shown.find((s) => s.kind === 'pick');
    assert.ok(pick?.items?.some((i) => i.includes('All accounts')));
    assert.equal(ui.shown.find((s) => s.kind === 'confirm')?.message, `Sign out of the Vobiz account ${SANDBOX.subAuthId}?`);
    assert.deepEqual(
      h.api.testing.accounts.list().map((s) => s.authId),
      [SANDBOX.authId],
    );
    assert.equal(await h.api.testing.secrets.get(`vobiz.credentials.${SANDBOX.subAuthId}`), undefined);
    assert.deepEqual(JSON.parse((await h.api.testing.secrets.get('vobiz.accounts')) ?? '[]'), [SANDBOX.authId]);
    assert.deepEqual(
      (await h.children()).map((n) => h.label(n)),
      ['Trunks', 'Numbers'],
    );
  });

  it('Sign Out on an account item signs out of that account without asking; "All accounts" signs out of all, after a confirmation', async () => {
    const [main] = await h.children();
    await h.run('vobiz.signOutAccount', main);
    assert.deepEqual(
      h.api.testing.accounts.list().map((s) => s.authId),
      [SANDBOX.subAuthId],
    );
    assert.equal(h.ui.shown.filter((s) => s.kind === 'confirm').length, 0, 'the row itself was the choice');
    await h.signIn();
    h.useUi(new TestUi(pickLabel('All accounts'), { confirm: true }));
    await h.run('vobiz.signOut');
    assert.equal(h.api.testing.accounts.signedIn, false);
    assert.equal(h.api.testing.contextKey('vobiz.signedIn'), false);
    assert.deepEqual(await h.children(), []);
  });

  it('signing in again with a known Auth ID replaces its token and keeps one node', async () => {
    await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
    assert.equal(h.api.testing.accounts.count, 2);
    assert.equal((await h.children()).length, 2);
  });
});
