/**
 * The session layer in plain Node: real Accounts and AccountSessions on in-memory stand-ins for the
 * editor (secret storage, settings, log, the host question), against the fake Vobiz over loopback.
 */
import * as assert from 'node:assert/strict';
import { apiHostOf, VobizApiError } from '../../../src/api';
import { ACCOUNTS_KEY, credentialsKey, SecretStorageError } from '../../../src/session/credentialStore';
import { CredentialHostError } from '../../../src/session/hostConsent';
import { FakeVobiz } from '../../fake-vobiz/server';
import { bulkSeed, SANDBOX } from '../../fake-vobiz/seed';
import { accountsOn } from '../../support/editorStandIns';
import { TestProxy } from '../../support/testProxy';
import { TEST_API_HOSTNAME, testApiTls } from '../../support/tlsFixture';
import { rejectionOf } from '../helpers';

const MAIN = { authId: SANDBOX.authId, authToken: SANDBOX.authToken };
const SUB = { authId: SANDBOX.subAuthId, authToken: SANDBOX.subAuthToken };

describe("session: accounts and one account's session (plain Node)", () => {
  const fake = new FakeVobiz();
  /** Another port of the same host, and another host (127.0.0.2): the same accounts on each. */
  const samePortOther = new FakeVobiz();
  const otherHost = new FakeVobiz();
  let env: ReturnType<typeof accountsOn>;

  before(async () => {
    await fake.start();
    await samePortOther.start();
    await otherHost.start(0, '127.0.0.2');
  });
  after(async () => {
    await Promise.all([fake.stop(), samePortOther.stop(), otherHost.stop()]);
  });
  beforeEach(() => {
    for (const f of [fake, samePortOther, otherHost]) f.reset();
    env = accountsOn(fake.baseUrl);
  });
  afterEach(() => env.accounts.dispose());

  const stored = (authId: string): { authId: string; authToken: string; host?: string } | undefined => {
    const raw = env.secrets.data.get(credentialsKey(authId));
    return raw ? (JSON.parse(raw) as { authId: string; authToken: string; host?: string }) : undefined;
  };
  const noTokenLogged = (): void => {
    for (const line of env.log.lines) {
      assert.ok(!line.includes(SANDBOX.authToken) && !line.includes(SANDBOX.subAuthToken), `token in the log: ${line}`);
    }
  };

  describe('sign-in', () => {
    it('good credentials: checked with auth/me, stored with their host, the account added and announced', async () => {
      let announced = 0;
      env.accounts.onDidChangeAccounts(() => announced++);
      const session = await env.accounts.signIn({ authId: ` ${MAIN.authId} `, authToken: ` ${MAIN.authToken}\n` });
      assert.equal(session.authId, MAIN.authId);
      assert.equal(session.model.account?.name, 'Acme Voice (sandbox)');
      assert.deepEqual(stored(MAIN.authId), { ...MAIN, host: apiHostOf(fake.baseUrl) });
      assert.deepEqual(
        env.accounts.list().map((s) => s.authId),
        [MAIN.authId],
      );
      assert.equal(announced, 1);
      assert.deepEqual(
        fake.requests.map((r) => r.path),
        ['/api/v1/auth/me'],
      );
      noTokenLogged();
    });

    it('rejected credentials: a 401, nothing stored, no account', async () => {
      const err = await rejectionOf(() => env.accounts.signIn({ authId: MAIN.authId, authToken: 'wrong-token' }));
      assert.ok(err instanceof VobizApiError && err.status === 401, String(err));
      assert.equal(env.secrets.data.size, 0);
      assert.equal(env.accounts.signedIn, false);
    });

    it('a secret storage that fails: the error says what to do, and no account is added', async () => {
      env.secrets.failing = 'always';
      const err = await rejectionOf(() => env.accounts.signIn(MAIN));
      assert.ok(err instanceof SecretStorageError);
      assert.match(err.message, /keyring/);
      assert.equal(env.accounts.signedIn, false);
    });

    it('restore reads the stored accounts without a request; a failing store leaves them signed out with the reason', async () => {
      await env.accounts.signIn(MAIN);
      const again = accountsOn(fake.baseUrl);
      for (const [k, v] of env.secrets.data) again.secrets.data.set(k, v);
      fake.clearRequests();
      await again.accounts.restore();
      assert.deepEqual(
        again.accounts.list().map((s) => s.authId),
        [MAIN.authId],
      );
      assert.equal(fake.requests.length, 0, 'nothing is sent until the view asks');
      again.accounts.dispose();
      const broken = accountsOn(fake.baseUrl);
      broken.secrets.failing = 'always';
      await broken.accounts.restore();
      assert.equal(broken.accounts.signedIn, false);
      assert.ok(broken.accounts.restoreError instanceof SecretStorageError);
      broken.accounts.dispose();
    });
  });

  describe('sign-out', () => {
    it('of one of several accounts: its token is deleted, the other account and its model stay', async () => {
      await env.accounts.signIn(MAIN);
      const sub = await env.accounts.signIn(SUB);
      await sub.load();
      const main = env.accounts.get(MAIN.authId);
      assert.ok(main);
      await main.load();
      const before = main.model.numberCount;
      await env.accounts.signOut(MAIN.authId);
      assert.deepEqual(
        env.accounts.list().map((s) => s.authId),
        [SUB.authId],
      );
      assert.equal(stored(MAIN.authId), undefined);
      assert.deepEqual(stored(SUB.authId), { ...SUB, host: apiHostOf(fake.baseUrl) });
      assert.equal(sub.model.status, 'ready');
      assert.ok(before > sub.model.numberCount, "the main account listed its sub-account's numbers too");
      await assert.rejects(main.client(), /Signed out/);
    });

    it('when the token cannot be deleted: it stays reachable, the account stays listed, and the error names it and says what to do', async () => {
      await env.accounts.signIn(MAIN);
      await env.accounts.signIn(SUB);
      env.secrets.failing = 'delete';
      const err = await rejectionOf(() => env.accounts.signOut(MAIN.authId));
      assert.ok(err instanceof SecretStorageError, String(err));
      assert.match(
        err.message,
        new RegExp(`sign out of ${MAIN.authId}.*Auth Token is still stored.*keyring.*sign out again`, 's'),
      );
      assert.deepEqual(stored(MAIN.authId), { ...MAIN, host: apiHostOf(fake.baseUrl) });
      assert.deepEqual(
        (await env.store.list()).map((c) => c.authId),
        [MAIN.authId, SUB.authId],
        "in the store's list",
      );
      assert.deepEqual(
        env.accounts.list().map((s) => s.authId),
        [MAIN.authId, SUB.authId],
        'in Accounts',
      );
      // Once the keyring works again, a later Sign Out reaches the token.
      env.secrets.failing = 'never';
      await env.accounts.signOut(MAIN.authId);
      assert.equal(stored(MAIN.authId), undefined);
      assert.deepEqual(
        (await env.store.list()).map((c) => c.authId),
        [SUB.authId],
      );
    });
  });

  describe('credentials bound to their API host', () => {
    it('another port of the same loopback host is another server: asked first, then the requests go there', async () => {
      const session = await env.accounts.signIn(MAIN);
      env.settings.value.apiBaseUrl = samePortOther.baseUrl;
      env.consent.answer = true;
      await session.load();
      assert.equal(session.model.status, 'ready');
      assert.deepEqual(
        env.consent.asked.map((q) => [q.from, q.to]),
        [[`127.0.0.1:${new URL(fake.baseUrl).port}`, `127.0.0.1:${new URL(samePortOther.baseUrl).port}`]],
      );
      assert.ok(samePortOther.requestsTo('GET', '/numbers').length > 0);
    });

    /** Credentials stored with the given binding (by this version or an older one), then restored. */
    const restoredWith = async (host: string): Promise<void> => {
      env.secrets.data.set(credentialsKey(MAIN.authId), JSON.stringify({ ...MAIN, host }));
      env.secrets.data.set(ACCOUNTS_KEY, JSON.stringify([MAIN.authId]));
      await env.accounts.restore();
    };

    it('bound to a bare loopback hostname (stored before ports were recorded): asks once, and "yes" binds the port the settings name', async () => {
      await restoredWith('127.0.0.1');
      const session = env.accounts.get(MAIN.authId);
      assert.ok(session);
      env.consent.answer = true;
      await session.load();
      assert.equal(session.model.status, 'ready');
      assert.deepEqual(
        env.consent.asked.map((q) => [q.from, q.to]),
        [['127.0.0.1', apiHostOf(fake.baseUrl)]],
      );
      assert.equal(session.host, apiHostOf(fake.baseUrl));
      assert.equal(stored(MAIN.authId)?.host, apiHostOf(fake.baseUrl));
      assert.ok(fake.requestsTo('GET', '/numbers').length > 0);
    });

    it('bound to another loopback port, declined: a CredentialHostError and nothing sent', async () => {
      await restoredWith('127.0.0.1:1');
      const session = env.accounts.get(MAIN.authId);
      assert.ok(session);
      env.consent.answer = false;
      await session.load();
      assert.equal(session.model.status, 'error');
      assert.ok(session.model.error instanceof CredentialHostError);
      assert.deepEqual(
        env.consent.asked.map((q) => [q.from, q.to]),
        [['127.0.0.1:1', apiHostOf(fake.baseUrl)]],
      );
      assert.equal(fake.requests.length, 0, 'nothing reached the server');
      assert.equal(stored(MAIN.authId)?.host, '127.0.0.1:1', 'still bound to the port it was entered for');
    });

    it('another host, declined: a CredentialHostError and nothing sent there', async () => {
      const session = await env.accounts.signIn(MAIN);
      env.settings.value.apiBaseUrl = otherHost.baseUrl;
      env.consent.answer = false;
      await session.load();
      assert.equal(session.model.status, 'error');
      assert.ok(session.model.error instanceof CredentialHostError);
      assert.deepEqual(
        env.consent.asked.map((q) => [q.from, q.to]),
        [[apiHostOf(fake.baseUrl), apiHostOf(otherHost.baseUrl)]],
      );
      assert.equal(otherHost.requests.length, 0, 'nothing reached the other host');
      assert.equal(stored(MAIN.authId)?.host, apiHostOf(fake.baseUrl), 'still bound to the first host');
    });

    it('another host, accepted: asked once for every request waiting, then bound to the new host', async () => {
      const session = await env.accounts.signIn(MAIN);
      env.settings.value.apiBaseUrl = otherHost.baseUrl;
      env.consent.answer = true;
      await Promise.all([session.load(), env.accounts.changes.read(session, '+918041234567')]);
      assert.equal(env.consent.asked.length, 1, 'one question');
      assert.equal(session.model.status, 'ready');
      assert.equal(session.host, apiHostOf(otherHost.baseUrl));
      assert.equal(stored(MAIN.authId)?.host, apiHostOf(otherHost.baseUrl));
      assert.ok(otherHost.requestsTo('GET', '/numbers').length > 0);
    });

    it('the settings change while the question is open: the client is built for the URL approved, never for the one read after it', async () => {
      // Security finding 7: "Send to B?" was answered yes after the setting moved on to C; the token went to C.
      const session = await env.accounts.signIn(MAIN);
      env.settings.value.apiBaseUrl = samePortOther.baseUrl;
      env.consent.whileAsked = (q) => {
        if (q.to !== apiHostOf(samePortOther.baseUrl)) return false;
        env.settings.value.apiBaseUrl = otherHost.baseUrl;
        return true;
      };
      await session.load();
      assert.deepEqual(
        env.consent.asked.map((q) => q.to),
        [apiHostOf(samePortOther.baseUrl), apiHostOf(otherHost.baseUrl)],
        'asked about the host the settings named while the first question was open, before sending anything there',
      );
      assert.equal(otherHost.requests.length, 0, 'the declined host received nothing');
      assert.equal(session.model.status, 'error');
      assert.ok(session.model.error instanceof CredentialHostError);
      env.consent.whileAsked = undefined;
      env.consent.answer = true;
      await session.load();
      assert.equal(session.model.status, 'ready', 'once agreed to, the requests go to the host the settings name');
      assert.ok(otherHost.requestsTo('GET', '/numbers').length > 0);
      assert.equal(
        samePortOther.requestsTo('GET', '/numbers').length,
        0,
        'none went to the host approved before the settings moved on',
      );
    });
  });

  describe('where a sign-in sends the token (security review)', () => {
    it('the settings change while the token is typed: nothing is sent, to either API', async () => {
      const target = await env.accounts.approvedTarget(MAIN.authId);
      env.settings.value.apiBaseUrl = otherHost.baseUrl;
      const err = await rejectionOf(() => env.accounts.signIn(MAIN, target));
      assert.match(err.message, /changed while you signed in/);
      assert.equal(fake.requests.length + otherHost.requests.length, 0, 'no request');
      assert.equal(env.accounts.signedIn, false);
    });

    it('signing in again to an account bound to another host asks first, before a token is typed; "no" sends nothing', async () => {
      await env.accounts.signIn(MAIN);
      env.settings.value.apiBaseUrl = otherHost.baseUrl;
      env.consent.answer = false;
      const err = await rejectionOf(() => env.accounts.approvedTarget(MAIN.authId));
      assert.ok(err instanceof CredentialHostError, err.message);
      assert.deepEqual(
        env.consent.asked.map((q) => q.to),
        [apiHostOf(otherHost.baseUrl)],
      );
      assert.equal(otherHost.requests.length, 0);
    });

    it('through a proxy that does not check TLS: asked first, for new credentials too; "no" sends nothing through it', async () => {
      const proxy = await new TestProxy().start();
      proxy.hosts.set(TEST_API_HOSTNAME, '127.0.0.1');
      const remote = new FakeVobiz(undefined, { tls: testApiTls() });
      await remote.start();
      try {
        env.settings.value.apiBaseUrl = remote.baseUrl;
        env.settings.proxySettings = { proxy: proxy.url, noProxy: [], strictSSL: false };
        env.consent.answer = false;
        const err = await rejectionOf(() => env.accounts.approvedTarget(MAIN.authId));
        assert.ok(err instanceof CredentialHostError && err.unverifiedProxy, err.message);
        assert.equal(proxy.relayed, 0, 'nothing went through the proxy');
        env.consent.answer = true;
        const session = await env.accounts.signIn(MAIN, await env.accounts.approvedTarget(MAIN.authId));
        await session.load();
        assert.equal(session.model.status, 'ready');
        assert.ok(proxy.relayed >= 1, 'agreed to: through the proxy');
        assert.equal(env.consent.asked.length, 2, "declined once, then agreed once: the sign-in's yes holds for the account");
      } finally {
        await Promise.all([proxy.stop(), remote.stop()]);
      }
    });
  });

  describe('a token rotated in the console', () => {
    it('the first 401 stops all sending for the account: the load fails, and a change sends nothing', async () => {
      const session = await env.accounts.signIn(MAIN);
      await session.load();
      fake.rotateToken(MAIN.authId, SANDBOX.rotatedAuthToken);
      await session.load();
      assert.equal(session.model.status, 'error');
      assert.ok(session.rejected);
      fake.clearRequests();
      const report = await env.accounts.changes.change({
        session,
        e164: '+918041234568',
        to: { kind: 'trunk', id: fake.trunks[0].trunk_id },
      });
      assert.equal(report.outcomes[0].kind, 'notApplied');
      assert.match(report.message, /401|credentials/i);
      assert.equal(fake.requests.length, 0, 'no request after the 401');
      assert.ok(env.log.lines.some((l) => /rejected the credentials/.test(l)));
      noTokenLogged();
    });
  });

  describe('load, refresh and partial load', () => {
    it('load fills the model; a refresh picks up a change made elsewhere', async () => {
      const session = await env.accounts.signIn(MAIN);
      await session.load();
      assert.equal(session.model.status, 'ready');
      assert.equal(session.model.numberCount, fake.numbers.length);
      assert.equal(session.model.trunkCount, fake.trunks.filter((t) => t.account_id === MAIN.authId).length);
      const free = fake.numbers.find((n) => !n.trunk_group_id && n.account_id === MAIN.authId);
      assert.ok(free);
      free.trunk_group_id = fake.trunks[0].trunk_id;
      await session.load();
      assert.equal(session.model.number(free.e164)?.trunk_group_id, fake.trunks[0].trunk_id);
    });

    it('concurrent loads share one load', async () => {
      const session = await env.accounts.signIn(MAIN);
      fake.clearRequests();
      await Promise.all([session.load(), session.load(), session.whenLoaded()]);
      assert.equal(fake.requestsTo('GET', '/numbers').length, 1);
    });

    it('partial: the first page shows (status partial) while the next is held, then the whole list', async () => {
      fake.reset(bulkSeed({ numbers: 250, trunks: 2 }));
      const session = await env.accounts.signIn(MAIN);
      const gate = fake.hold({ method: 'GET', path: '/numbers', query: { page: '2' } });
      const loading = session.load();
      await gate.whenWaiting(1);
      await new Promise<void>((resolve) => {
        if (session.model.status === 'partial') return resolve();
        const off = session.model.onDidChange(() => {
          if (session.model.status === 'partial') {
            off.dispose();
            resolve();
          }
        });
      });
      assert.equal(session.model.numberCount, 100);
      gate.open();
      await loading;
      assert.equal(session.model.status, 'ready');
      assert.equal(session.model.numberCount, 250);
    });

    it('a failed load is an error state with the cause, never a shorter list', async () => {
      const session = await env.accounts.signIn(MAIN);
      fake.inject({
        method: 'GET',
        path: '/numbers',
        times: Infinity,
        fault: { type: 'status', status: 500, body: { error: 'boom' } },
      });
      await session.load();
      assert.equal(session.model.status, 'error');
      assert.ok(session.model.error instanceof VobizApiError);
      assert.equal(session.model.numberCount, 0);
    });
  });
});
