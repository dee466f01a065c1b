import * as assert from 'node:assert/strict';
import { FakeVobiz } from '../fake-vobiz/server';
import { NUMBER, SANDBOX, setSetting, useHost, waitFor } from './helpers';
import { TestUi } from './testUi';

const KEY = `vobiz.credentials.${SANDBOX.authId}`;

/**
 * Credentials are bound to the host they were entered for; for a loopback host, to its port too
 * (another local port is another server). A second fake listens on 127.0.0.2: another hostname
 * (loopback, so plain http is allowed) with the same accounts.
 */
describe('credentials bound to their API host', () => {
  const h = useHost();
  const other = new FakeVobiz();
  let otherUrl = '';

  before(async () => {
    otherUrl = await other.start(0, '127.0.0.2');
  });
  after(() => other.stop());
  beforeEach(async () => {
    other.reset();
    await setSetting('apiBaseUrl', h.fake.baseUrl);
    if (h.api.testing.accounts.signedIn) await h.signOutAll();
    await h.signIn();
  });

  /** What a loopback API URL's credentials are bound to: host and port. */
  const hostOf = (url: string): string => new URL(url).host;

  async function storedHost(): Promise<string | undefined> {
    return (JSON.parse((await h.api.testing.secrets.get(KEY)) ?? '{}') as { host?: string }).host;
  }

  it('sign-in binds the credentials to the host of the API base URL', async () => {
    assert.equal(await storedHost(), hostOf(h.fake.baseUrl));
    assert.equal(h.session.host, hostOf(h.fake.baseUrl));
    assert.match(h.session.host ?? '', /^127\.0\.0\.1:\d+$/);
  });

  it('another port of the same loopback host is another server: asked about first', async () => {
    const samehost = new FakeVobiz();
    await samehost.start();
    try {
      h.useUi(new TestUi({ confirm: true }));
      await setSetting('apiBaseUrl', samehost.baseUrl);
      await waitFor(() => samehost.requestsTo('GET', '/numbers').length > 0, 'the reload from the other port');
      await h.session.whenLoaded();
      const asked = h.ui.shown.filter((s) => s.kind === 'confirm');
      assert.equal(asked.length, 1);
      assert.equal(asked[0].button, `Send to ${hostOf(samehost.baseUrl)}`);
      assert.equal(await storedHost(), hostOf(samehost.baseUrl));
    } finally {
      await setSetting('apiBaseUrl', h.fake.baseUrl);
      await samehost.stop();
    }
  });

  it('a new host is asked about first; declined, nothing is sent and the tree says why', async () => {
    h.useUi(new TestUi({ confirm: false }, { confirm: false }));
    await setSetting('apiBaseUrl', otherUrl);
    await waitFor(() => h.session.model.status === 'error', 'the load to stop at the question');
    const asked = h.ui.shown.find((s) => s.kind === 'confirm');
    assert.ok(asked, 'a confirmation was shown');
    assert.match(asked.message, /Send the Vobiz credentials of .* to 127\.0\.0\.2:\d+\?/);
    assert.match(asked.detail ?? '', /entered for 127\.0\.0\.1:\d+/);
    assert.equal(asked.button, `Send to ${hostOf(otherUrl)}`);
    assert.deepEqual(other.requests, [], 'no request (and so no token) reached the new host');
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => h.label(n)),
      [`Credentials not sent to ${hostOf(otherUrl)} — Open Settings`, 'Retry'],
    );
    assert.equal(await storedHost(), hostOf(h.fake.baseUrl), 'the binding is unchanged');

    // Retry asks again; declined again, still nothing is sent.
    await h.run('vobiz.refresh');
    assert.equal(h.ui.shown.filter((s) => s.kind === 'confirm').length, 2);
    assert.deepEqual(other.requests, []);
    assert.equal(h.session.model.status, 'error');

    // A command does not ask again (the tree's Retry does): it sends nothing and says why, offering the setting.
    const ui = h.useUi(new TestUi());
    const result = (await h.run('vobiz.assignNumber', { number: NUMBER.unassigned, trunkId: 'x' })) as { error?: string };
    assert.match(result.error ?? '', /were not sent to 127\.0\.0\.2/);
    assert.deepEqual(other.requests, []);
    const warned = ui.shown.find((s) => s.kind === 'warn');
    assert.match(warned?.message ?? '', /entered for 127\.0\.0\.1/);
    assert.deepEqual(warned?.actions, ['Open Settings']);
  });

  it('agreeing rebinds the credentials to the new host and loads from it', async () => {
    h.useUi(new TestUi({ confirm: false }, { confirm: true }));
    await setSetting('apiBaseUrl', otherUrl);
    await waitFor(() => h.session.model.status === 'error', 'the first refusal');
    assert.deepEqual(other.requests, []);
    await h.run('vobiz.refresh');
    await h.session.whenLoaded();
    assert.equal(h.session.model.status, 'ready');
    assert.ok(other.requestsTo('GET', '/numbers').length > 0, 'loaded from the new host');
    assert.equal(await storedHost(), hostOf(otherUrl), 'bound to the new host, beside the token in SecretStorage');
    assert.equal(h.ui.shown.filter((s) => s.kind === 'confirm').length, 2);

    // Back to the first host: that is another host now, so it is asked about too.
    h.useUi(new TestUi({ confirm: true }));
    await setSetting('apiBaseUrl', h.fake.baseUrl);
    await waitFor(() => h.ui.shown.some((s) => s.kind === 'confirm'), 'the question for the way back');
    await h.session.whenLoaded();
    assert.equal(await storedHost(), hostOf(h.fake.baseUrl));
  });

  it('signing in again at the new host asks first, before a token goes there; agreed to, the credentials are bound there', async () => {
    h.useUi(new TestUi({ confirm: false }));
    await setSetting('apiBaseUrl', otherUrl);
    await waitFor(() => h.session.model.status === 'error', 'the refusal');
    h.useUi(new TestUi({ confirm: false }));
    const declined = (await h.run('vobiz.signIn', { authId: SANDBOX.authId, authToken: SANDBOX.authToken })) as {
      error?: string;
    };
    assert.match(declined.error ?? '', /were not sent to 127\.0\.0\.2/);
    assert.equal(other.requests.filter((r) => r.path === '/api/v1/auth/me').length, 0, 'declined: no token went there');
    h.useUi(new TestUi({ confirm: true }));
    const requestsBefore = other.requests.length;
    await h.signIn();
    assert.ok(other.requests.length > requestsBefore);
    assert.equal(await storedHost(), hostOf(otherUrl));
    assert.deepEqual(
      h.ui.shown.filter((s) => s.kind === 'confirm').map((s) => s.message),
      [`Send the Vobiz credentials of Acme Voice (sandbox) to ${hostOf(otherUrl)}?`],
    );
  });
});
