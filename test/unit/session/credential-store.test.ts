import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import {
  ACCOUNTS_KEY,
  credentialsKey,
  CredentialStore,
  LEGACY_CREDENTIALS_KEY,
  SecretStorageError,
} from '../../../src/session/credentialStore';

/** A SecretStorage whose calls fail, as on Linux with no keyring. */
function brokenSecrets(): vscode.SecretStorage {
  const fail = (): Promise<never> => Promise.reject(new Error('Cannot create an item in a locked collection'));
  return {
    get: fail,
    store: fail,
    delete: fail,
    keys: fail,
    onDidChange: () => ({ dispose: () => undefined }),
  } as unknown as vscode.SecretStorage;
}

function memorySecrets(): vscode.SecretStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k: string) => Promise.resolve(data.get(k)),
    store: (k: string, v: string) => Promise.resolve(void data.set(k, v)),
    delete: (k: string) => Promise.resolve(void data.delete(k)),
    keys: () => Promise.resolve([...data.keys()]),
    onDidChange: () => ({ dispose: () => undefined }),
  } as unknown as vscode.SecretStorage & { data: Map<string, string> };
}

describe('CredentialStore', () => {
  it('stores trimmed credentials under a key of their own per account, and the list of Auth IDs', async () => {
    const secrets = memorySecrets();
    const store = new CredentialStore(secrets);
    await store.store({ authId: ' MA_1 ', authToken: ' tok-123 ' });
    await store.store({ authId: 'SA_2', authToken: 'tok-456' });
    assert.deepEqual(await store.list(), [
      { authId: 'MA_1', authToken: 'tok-123' },
      { authId: 'SA_2', authToken: 'tok-456' },
    ]);
    assert.deepEqual([...secrets.data.keys()].sort(), [ACCOUNTS_KEY, credentialsKey('MA_1'), credentialsKey('SA_2')].sort());
    assert.ok(!secrets.data.get(ACCOUNTS_KEY)?.includes('tok-'), 'the list holds no token');
  });

  it('storing a known Auth ID again replaces its token and keeps one entry', async () => {
    const store = new CredentialStore(memorySecrets());
    await store.store({ authId: 'MA_1', authToken: 'old' });
    await store.store({ authId: 'MA_1', authToken: 'new' });
    assert.deepEqual(await store.list(), [{ authId: 'MA_1', authToken: 'new' }]);
  });

  it('delete removes one account and leaves the others', async () => {
    const secrets = memorySecrets();
    const store = new CredentialStore(secrets);
    await store.store({ authId: 'MA_1', authToken: 'a' });
    await store.store({ authId: 'SA_2', authToken: 'b' });
    await store.delete('MA_1');
    assert.deepEqual(await store.list(), [{ authId: 'SA_2', authToken: 'b' }]);
    assert.equal(secrets.data.has(credentialsKey('MA_1')), false);
  });

  it('concurrent sign-ins do not lose one another in the list', async () => {
    const store = new CredentialStore(memorySecrets());
    await Promise.all(['MA_1', 'MA_2', 'MA_3', 'SA_4'].map((authId) => store.store({ authId, authToken: `t-${authId}` })));
    assert.deepEqual((await store.list()).map((c) => c.authId).sort(), ['MA_1', 'MA_2', 'MA_3', 'SA_4']);
  });

  it('moves the single key of earlier versions to the per-account keys', async () => {
    const secrets = memorySecrets();
    secrets.data.set(LEGACY_CREDENTIALS_KEY, JSON.stringify({ authId: 'MA_OLD', authToken: 'tok-old' }));
    const store = new CredentialStore(secrets);
    assert.deepEqual(await store.list(), [{ authId: 'MA_OLD', authToken: 'tok-old' }]);
    assert.equal(secrets.data.has(LEGACY_CREDENTIALS_KEY), false);
    assert.deepEqual(await store.list(), [{ authId: 'MA_OLD', authToken: 'tok-old' }]);
  });

  it('values it did not write read as signed out', async () => {
    const secrets = memorySecrets();
    secrets.data.set(ACCOUNTS_KEY, '["MA_1", 7, null]');
    secrets.data.set(credentialsKey('MA_1'), 'garbage');
    assert.deepEqual(await new CredentialStore(secrets).list(), []);
    secrets.data.set(ACCOUNTS_KEY, 'not json');
    assert.deepEqual(await new CredentialStore(secrets).list(), []);
  });

  it('a failing keyring becomes an error that says what to do and that the credentials are kept nowhere else', async () => {
    const store = new CredentialStore(brokenSecrets());
    for (const call of [
      () => store.list(),
      () => store.store({ authId: 'MA_1', authToken: 'tok-123' }),
      () => store.delete('MA_1'),
    ]) {
      await assert.rejects(
        call(),
        (err: Error) =>
          err instanceof SecretStorageError && /keyring/.test(err.message) && /never kept anywhere else/.test(err.message),
      );
    }
  });

  it('keeps the host the credentials were entered for, and binds them to another on request', async () => {
    const secrets = memorySecrets();
    const store = new CredentialStore(secrets);
    await store.store({ authId: 'MA_1', authToken: 'tok', host: 'api.vobiz.ai' });
    assert.deepEqual(await store.list(), [{ authId: 'MA_1', authToken: 'tok', host: 'api.vobiz.ai' }]);
    await store.bindHost('MA_1', 'staging.vobiz.ai');
    assert.deepEqual(await store.list(), [{ authId: 'MA_1', authToken: 'tok', host: 'staging.vobiz.ai' }]);
    await store.bindHost('SA_unknown', 'x.example');
    assert.equal(secrets.data.has(credentialsKey('SA_unknown')), false, 'no entry is made for an account not stored');
  });

  it('an entry of an older version has no host (bound on first use)', async () => {
    const secrets = memorySecrets();
    secrets.data.set(credentialsKey('MA_1'), JSON.stringify({ authId: 'MA_1', authToken: 'tok' }));
    secrets.data.set(ACCOUNTS_KEY, JSON.stringify(['MA_1']));
    assert.deepEqual(await new CredentialStore(secrets).list(), [{ authId: 'MA_1', authToken: 'tok' }]);
  });
});
