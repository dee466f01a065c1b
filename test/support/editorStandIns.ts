/**
 * In-memory stand-ins for what the session layer needs of the editor (src/session/ports.ts): secret
 * storage, settings, the log and the host-consent question. Plain-Node tests build real Accounts
 * and AccountSessions on them against the fake Vobiz.
 */
import type { ProxySettings, RequestLogRecord } from '../../src/api';
import { redact } from '../../src/api';
import type { AccountSession } from '../../src/session/accountSession';
import { Accounts } from '../../src/session/accounts';
import { clientFactory } from '../../src/session/clientFactory';
import type { ClientFactory } from '../../src/session/clientFactory';
import { CredentialStore } from '../../src/session/credentialStore';
import type { HostQuestion } from '../../src/session/hostConsent';
import type { Disposable, SecretStore, SessionLog, SettingsSource, VobizSettings } from '../../src/session/ports';
import type { FakeVobiz } from '../fake-vobiz/server';
import { SANDBOX } from '../fake-vobiz/seed';

/** SecretStorage in memory; `failing` makes every call fail as a locked Linux keyring does. */
export class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  failing: 'never' | 'always' | 'delete' = 'never';
  readonly #listeners = new Set<(e: { key: string }) => unknown>();

  #check(op: 'get' | 'store' | 'delete'): void {
    if (this.failing === 'always' || (this.failing === 'delete' && op === 'delete')) {
      throw new Error('Cannot create an item in a locked collection');
    }
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve().then(() => (this.#check('get'), this.data.get(key)));
  }

  store(key: string, value: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.#check('store');
      this.data.set(key, value);
      for (const l of this.#listeners) l({ key });
    });
  }

  delete(key: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.#check('delete');
      this.data.delete(key);
      for (const l of this.#listeners) l({ key });
    });
  }

  onDidChange(listener: (e: { key: string }) => unknown): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }
}

/** Settings a test changes at will (read afresh by the session at each use). */
export class TestSettings implements SettingsSource {
  value: VobizSettings;
  proxySettings: ProxySettings = { noProxy: [], strictSSL: true };

  constructor(apiBaseUrl: string) {
    this.value = { apiBaseUrl, timeoutMs: 5_000, confirmBeforeUnassign: true };
  }

  read(): VobizSettings {
    return { ...this.value };
  }

  proxy(): ProxySettings {
    return this.proxySettings;
  }
}

/** The log in memory, redacted like the real one. */
export class MemoryLog implements SessionLog {
  readonly lines: string[] = [];
  readonly requests: RequestLogRecord[] = [];
  readonly #secrets = new Set<string>();

  addSecret(secret: string): void {
    if (secret) this.#secrets.add(secret);
  }

  #write(level: string, message: string): void {
    this.lines.push(`${level} ${redact(message, [...this.#secrets])}`);
  }

  info(message: string): void {
    this.#write('info', message);
  }

  warn(message: string): void {
    this.#write('warn', message);
  }

  error(message: string, err?: unknown): void {
    this.#write('error', message + (err instanceof Error ? `: ${err.message}` : ''));
  }

  request(record: RequestLogRecord): void {
    this.requests.push(record);
    this.#write(
      record.error ? 'warn' : 'info',
      `${record.method} ${record.path} ${record.status ?? 'no answer'}${record.error ? ` — ${record.error}` : ''}`,
    );
  }
}

/** The host-consent question, answered by the test; every question asked is kept. */
export class ScriptedConsent {
  answer = false;
  /** Told of each question while it is open (e.g. to change the settings meanwhile); the answer it gives, if any, wins over `answer`. */
  whileAsked: ((question: HostQuestion) => boolean | undefined) | undefined;
  readonly asked: HostQuestion[] = [];
  readonly ask = (question: HostQuestion): Promise<boolean> => {
    this.asked.push(question);
    return Promise.resolve(this.whileAsked?.(question) ?? this.answer);
  };
}

export interface AccountsOnOptions {
  /** Builds the client factory instead of the extension's (e.g. short timeouts, tagged requests). */
  readonly createClient?: (settings: TestSettings, log: MemoryLog) => ClientFactory;
}

/** Real Accounts on the stand-ins, pointed at `baseUrl`. */
export function accountsOn(
  baseUrl: string,
  options: AccountsOnOptions = {},
): {
  accounts: Accounts;
  secrets: MemorySecrets;
  settings: TestSettings;
  log: MemoryLog;
  consent: ScriptedConsent;
  store: CredentialStore;
} {
  const secrets = new MemorySecrets();
  const settings = new TestSettings(baseUrl);
  const log = new MemoryLog();
  const consent = new ScriptedConsent();
  const store = new CredentialStore(secrets);
  const createClient = options.createClient?.(settings, log) ?? clientFactory(settings, log);
  const accounts = new Accounts({ store, log, settings, createClient, ask: consent.ask });
  return { accounts, secrets, settings, log, consent, store };
}

/**
 * Mocha hooks for plain-Node session tests: `fake` started once; before each test, fresh Accounts on
 * the stand-ins, signed in to the sandbox's main account and loaded (requests cleared after).
 */
export function useSignedInMain(fake: FakeVobiz): { readonly env: ReturnType<typeof accountsOn>; readonly main: AccountSession } {
  const state = {} as { env: ReturnType<typeof accountsOn>; main: AccountSession };
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(async () => {
    fake.reset();
    state.env = accountsOn(fake.baseUrl);
    state.main = await state.env.accounts.signIn({ authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    await state.main.load();
    fake.clearRequests();
  });
  afterEach(() => state.env.accounts.dispose());
  return state;
}
