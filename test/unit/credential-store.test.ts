import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { CREDENTIALS_KEY, CredentialStore, SecretStorageError } from '../../src/credentialStore';

/** A SecretStorage whose calls fail, as on Linux with no keyring. */
function brokenSecrets(): vscode.SecretStorage {
  const fail = (): Promise<never> => Promise.reject(new Error('Cannot create an item in a locked collection'));
  return { get: fail, store: fail, delete: fail, keys: fail, onDidChange: () => ({ dispose: () => undefined }) } as unknown as vscode.SecretStorage;
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
  it('stores trimmed credentials under one key and reads them back', async () => {
    const secrets = memorySecrets();
    const store = new CredentialStore(secrets);
    await store.store({ authId: ' MA_1 ', authToken: ' tok-123 ' });
    assert.deepEqual(await store.get(), { authId: 'MA_1', authToken: 'tok-123' });
    assert.deepEqual([...secrets.data.keys()], [CREDENTIALS_KEY]);
    await store.delete();
    assert.equal(await store.get(), undefined);
  });

  it('a value it did not write reads as signed out', async () => {
    const secrets = memorySecrets();
    secrets.data.set(CREDENTIALS_KEY, 'garbage');
    assert.equal(await new CredentialStore(secrets).get(), undefined);
  });

  it('a failing keyring becomes an error that says what to do, with no fallback', async () => {
    const store = new CredentialStore(brokenSecrets());
    for (const call of [() => store.get(), () => store.store({ authId: 'MA_1', authToken: 'tok-123' }), () => store.delete()]) {
      await assert.rejects(call(), (err: Error) => err instanceof SecretStorageError && /keyring/.test(err.message) && /never kept anywhere else/.test(err.message));
    }
  });
});
