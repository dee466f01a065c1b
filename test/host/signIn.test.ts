import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NUMBER, SANDBOX, useHost, waitFor } from './helpers';
import { TestUi } from './testUi';

const KEY = `vobiz.credentials.${SANDBOX.authId}`;

describe('sign-in and sign-out', () => {
  const h = useHost();
  beforeEach(async () => {
    if (h.api.testing.accounts.signedIn) await h.signOutAll();
  });

  it('signed out: the view is empty (welcome shows) and the context key is false', async () => {
    assert.deepEqual(await h.children(), []);
    assert.equal(h.api.testing.contextKey('vobiz.signedIn'), false);
    assert.equal(await h.api.testing.secrets.get(KEY), undefined);
  });

  it('Sign In with arguments checks auth/me, stores the credentials in SecretStorage, and flips the context key', async () => {
    await h.signIn();
    assert.equal(h.fake.requestsTo('GET', '/auth/me').length >= 1, true);
    const stored = JSON.parse((await h.api.testing.secrets.get(KEY)) ?? '{}') as { authId?: string; authToken?: string };
    assert.equal(stored.authId, SANDBOX.authId);
    assert.equal(stored.authToken, SANDBOX.authToken);
    assert.equal(h.api.testing.contextKey('vobiz.signedIn'), true);
    assert.ok(
      h.ui.messages('info').some((m) => m.includes('Acme Voice (sandbox)')),
      'the account name is shown',
    );
    const labels = (await h.children()).map((n) => h.label(n));
    assert.deepEqual(labels, ['Trunks', 'Numbers']);
  });

  it('stored credentials (at start-up, or from another window) send no request until the view shows the account', async () => {
    await h.api.testing.secrets.store(
      KEY,
      JSON.stringify({ authId: SANDBOX.authId, authToken: SANDBOX.authToken, host: new URL(h.fake.baseUrl).host }),
    );
    await h.api.testing.secrets.store('vobiz.accounts', JSON.stringify([SANDBOX.authId]));
    await waitFor(() => h.api.testing.accounts.signedIn, 'the stored account to be picked up');
    assert.equal(h.session.model.status, 'idle');
    assert.deepEqual(h.fake.requests, [], 'nothing is sent before the tree asks');
    await h.loaded();
    assert.ok(h.fake.requestsTo('GET', '/numbers').length > 0, 'the view showing the account loads it');
  });

  it('an Open as JSON editor of a stored account not loaded yet (restored with the window) loads the account first and shows the number', async () => {
    await h.api.testing.secrets.store(
      KEY,
      JSON.stringify({ authId: SANDBOX.authId, authToken: SANDBOX.authToken, host: new URL(h.fake.baseUrl).host }),
    );
    await h.api.testing.secrets.store('vobiz.accounts', JSON.stringify([SANDBOX.authId]));
    await waitFor(() => h.api.testing.accounts.signedIn, 'the stored account to be picked up');
    assert.equal(h.session.model.status, 'idle');
    const uri = vscode.Uri.from({ scheme: 'vobiz-json', path: `/${SANDBOX.authId}/number/${NUMBER.onProd}.json` });
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal((JSON.parse(doc.getText()) as { e164?: string }).e164, NUMBER.onProd);
    assert.equal(h.session.model.status, 'ready');
  });

  it('a wrong token is refused with a clear message and its credentials are not stored', async () => {
    const result = (await h.run('vobiz.signIn', { authId: SANDBOX.authId, authToken: 'not-the-token' })) as { error?: string };
    assert.match(result.error ?? '', /check Auth ID \/ Auth Token/);
    assert.ok(h.ui.messages('error').some((m) => /check Auth ID \/ Auth Token/.test(m)));
    assert.equal(await h.api.testing.secrets.get(KEY), undefined);
    assert.equal(h.api.testing.accounts.signedIn, false);
    assert.equal(h.api.testing.contextKey('vobiz.signedIn'), false);
  });

  it('interactive: asks the Auth ID, then the token; a rejected token is said and asked again', async () => {
    const ui = h.useUi(new TestUi({ input: SANDBOX.authId }, { input: 'wrong-token-1' }, { input: SANDBOX.authToken }));
    await h.run('vobiz.signIn');
    assert.equal(ui.answers.length, 0, 'all three prompts were shown');
    const prompts = ui.messages('input');
    assert.equal(prompts.length, 3);
    assert.match(prompts[2], /did not accept that token/);
    assert.ok(ui.messages('error').some((m) => /HTTP 401/.test(m)));
    assert.equal(h.api.testing.accounts.signedIn, true);
    assert.equal(h.fake.requestsTo('GET', '/auth/me').length >= 2, true);
  });

  it('interactive: Escape at the token prompt sends nothing and stores no credentials', async () => {
    h.useUi(new TestUi({ input: SANDBOX.authId }, { input: undefined }));
    await h.run('vobiz.signIn');
    assert.equal(await h.api.testing.secrets.get(KEY), undefined);
    assert.equal(h.fake.requests.length, 0);
  });

  it('a malformed Auth ID is refused before any request', async () => {
    const result = (await h.run('vobiz.signIn', { authId: 'MA-12', authToken: 'x' })) as { error?: string };
    assert.match(result.error ?? '', /MA_/);
    assert.equal(h.fake.requests.length, 0);
  });

  it('Sign Out from the palette, a menu or another extension asks first; declining keeps the account and its token', async () => {
    await h.signIn();
    for (const arg of [
      undefined,
      { authId: SANDBOX.authId },
      { type: 'account', id: `acct:${SANDBOX.authId}`, authId: SANDBOX.authId },
    ]) {
      const ui = h.useUi(new TestUi({ confirm: false }));
      await h.run('vobiz.signOutAccount', arg);
      assert.equal(
        ui.shown.find((s) => s.kind === 'confirm')?.message,
        `Sign out of the Vobiz account ${SANDBOX.authId}?`,
        JSON.stringify(arg),
      );
    }
    assert.equal(h.api.testing.accounts.signedIn, true);
    assert.ok(await h.api.testing.secrets.get(KEY), 'the token is still stored');
  });

  it('Sign Out deletes the secret, empties the view and flips the context key', async () => {
    await h.signIn();
    h.useUi(new TestUi({ confirm: true }));
    await h.run('vobiz.signOut');
    assert.equal(await h.api.testing.secrets.get(KEY), undefined);
    assert.equal(h.api.testing.accounts.signedIn, false);
    assert.equal(h.api.testing.contextKey('vobiz.signedIn'), false);
    assert.deepEqual(await h.children(), []);
  });
});
