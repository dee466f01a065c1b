/**
 * What another extension reaches of Vobiz Routing as a user installs it (security findings 1 and 3).
 * These tests run as the probe, a second extension under development beside the packaged VSIX
 * (Production mode), against the fake Vobiz. The launcher dismisses every quick pick and input
 * box (Escape), and VS Code refuses to show a modal in a test run: the probe answers no question. Another
 * extension gets no token, no client and no way to
 * answer a question: what `activate` returns is nothing, no command returns a secret, a client or a
 * function, a routing change asked for with arguments waits for the user's answer, and pointing the
 * settings at another server sends it nothing the user did not agree to.
 */
import * as assert from 'node:assert/strict';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import { FakeVobiz } from '../fake-vobiz/server';
import { SANDBOX, SANDBOX_NUMBERS as NUMBER, SANDBOX_TRUNKS as TRUNK } from '../fake-vobiz/seed';
import { INSTALLED_EXTENSIONS_ENV, PROBE_ID } from '../launch/packagedSecurity';

const VOBIZ_ID = 'vobiz-routing.vobiz-routing';
const TOKENS = [SANDBOX.authToken, SANDBOX.subAuthToken];
/** Commands that sign out (run last, by the suite's end) or are not the probe's to try with a dismissed question. */
const SIGN_OUT = new Set(['vobiz.signOut', 'vobiz.signOutAccount']);

interface Manifest {
  contributes: { commands: { command: string }[] };
}

/**
 * Everything reachable from `value` as another extension reads it: own properties (symbols and
 * getters included) and the values of its prototypes' getters, short of the built-in prototypes.
 * A prototype's methods are left out (a Uri has them); an own function is not (a seam, a callback).
 */
function reachable(value: unknown, seen = new Set<unknown>()): unknown[] {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [value];
  seen.add(value);
  const out: unknown[] = [value];
  for (
    let o: object | null = value;
    o && o !== Object.prototype && o !== Function.prototype && o !== Array.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    const own = o === value;
    for (const key of Reflect.ownKeys(o)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(o, key);
      if (!own && !descriptor?.get) continue;
      let child: unknown;
      try {
        child = Reflect.get(o, key, value);
      } catch {
        continue;
      }
      out.push(...reachable(child, seen));
    }
  }
  return out;
}

/** Names of what a client, the secret storage, the extension's state or its UI seam answer to. */
const HOLDERS = ['whoAmI', 'assignNumber', 'setUi', 'secrets', 'globalState', 'testing', 'createClient'];

/** Fails when anything reachable from a command's result is a token, a function (a seam, a callback), a client or a store. */
function assertHoldsNothing(value: unknown, what: string): void {
  for (const v of reachable(value)) {
    assert.notEqual(typeof v, 'function', `${what}: a function is reachable`);
    if (typeof v === 'string') for (const token of TOKENS) assert.ok(!v.includes(token), `${what}: a token is reachable`);
    if (v && typeof v === 'object') {
      for (const name of HOLDERS) assert.ok(!(name in v), `${what}: something with ${name} is reachable`);
      assert.ok(!('get' in v && 'store' in v && 'delete' in v), `${what}: a secret storage is reachable`);
    }
  }
}

/** `promise`, or a failure naming `what` when it has not settled after 20 s (a question no one dismissed: a defect, not a wait). */
function settled<T>(promise: Thenable<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within 20 s: a question it asked was not dismissed`)), 20_000);
  });
  return Promise.race([Promise.resolve(promise), deadline]).finally(() => clearTimeout(timer));
}

describe('another extension beside the installed Vobiz Routing (security findings 1 and 3)', function () {
  this.timeout(60_000);
  const fake = new FakeVobiz();
  const elsewhere = new FakeVobiz();
  let vobiz: vscode.Extension<unknown>;

  before(async () => {
    await fake.start();
    await elsewhere.start();
    await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
    const found = vscode.extensions.getExtension(VOBIZ_ID);
    assert.ok(found, `${VOBIZ_ID} is installed`);
    vobiz = found;
  });

  after(async () => {
    await vscode.commands.executeCommand('vobiz.signOut');
    await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([fake.stop(), elsewhere.stop()]);
  });

  it('the tests run as another extension; the Vobiz Routing they see is the VSIX, installed as a user installs it', () => {
    assert.ok(vscode.extensions.getExtension(PROBE_ID), 'the probe is loaded');
    const installed = process.env[INSTALLED_EXTENSIONS_ENV];
    assert.ok(installed, `${INSTALLED_EXTENSIONS_ENV} names the extensions folder`);
    assert.ok(
      vobiz.extensionPath.startsWith(installed + sep),
      `installed from the VSIX into ${installed}: ${vobiz.extensionPath}`,
    );
  });

  it('signs in through the command with the sandbox credentials: the result names the account, and holds no token', async () => {
    const result = await vscode.commands.executeCommand('vobiz.signIn', { authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    assert.deepEqual(result, { authId: SANDBOX.authId, name: 'Acme Voice (sandbox)' });
    assert.ok(fake.requestsTo('GET', '/auth/me').length > 0, 'the credentials were checked');
    assert.ok(vobiz.isActive);
  });

  it('what activate returns is nothing: no token, no client, no secret storage, no UI seam to answer with', async () => {
    const api: unknown = await vobiz.activate();
    assert.equal(api, undefined, `exports: ${Object.keys((api as object | undefined) ?? {}).join(', ')}`);
    assert.equal(vobiz.exports, undefined);
  });

  it('no command returns a token, a client or a function, with no argument or with an account named (every question dismissed)', async () => {
    const commands = (vobiz.packageJSON as Manifest).contributes.commands.map((c) => c.command).filter((c) => !SIGN_OUT.has(c));
    assert.ok(commands.length >= 19, commands.join(', '));
    // With an argument that reaches the end of each command that returns something: a number, a trunk, a filter.
    const given: Record<string, unknown[]> = {
      'vobiz.openJson': [NUMBER.onProd],
      'vobiz.copyNumber': [NUMBER.onProd],
      'vobiz.copyTrunkId': [TRUNK.prod],
      'vobiz.copySipDomain': [{ trunkId: TRUNK.prod }],
      'vobiz.filterNumbers': [
        { kind: 'trunk', authId: SANDBOX.authId, trunkId: TRUNK.prod, trunkName: '[x](command:workbench.action.quit)' },
      ],
      'vobiz.assignNumber': [{ number: NUMBER.unassigned, trunkId: TRUNK.support }],
    };
    for (const command of commands) {
      for (const args of [[], [{ authId: SANDBOX.authId }], ...(given[command] ? [given[command]] : [])]) {
        const result = await settled(vscode.commands.executeCommand(command, ...args), `${command} ${JSON.stringify(args)}`);
        assertHoldsNothing(result, `${command} ${JSON.stringify(args)}`);
      }
    }
    assert.equal(fake.requests.filter((r) => r.method !== 'GET').length, 0, 'no routing was changed');
  });

  it('a routing change asked for with arguments asks the user first, naming what was read, and the other extension cannot answer: nothing is written', async () => {
    // VS Code refuses to show a modal in a test run and fails the call with the question's text
    // ("DialogService: refused to show dialog in tests. Contents: …"): the question that was asked.
    fake.clearRequests();
    const asks: [string, unknown, string][] = [
      [
        'vobiz.moveNumber',
        { number: NUMBER.onProd, trunkId: TRUNK.staging, authId: SANDBOX.authId },
        `${NUMBER.onProd} routes to trunk "Acme Production". Move it to "Acme Staging"?`,
      ],
      [
        'vobiz.assignNumber',
        { number: NUMBER.onProd, trunkId: TRUNK.support },
        `${NUMBER.onProd} routes to trunk "Acme Production". Move it to "Support Desk (Bengaluru)"?`,
      ],
      [
        'vobiz.assignNumber',
        { number: NUMBER.unassigned, trunkId: TRUNK.support },
        `Route ${NUMBER.unassigned} to trunk "Support Desk (Bengaluru)"?`,
      ],
      ['vobiz.unassignNumber', NUMBER.onProd, `Unassign ${NUMBER.onProd} from trunk "Acme Production"?`],
    ];
    for (const [command, arg, question] of asks) {
      const result = await vscode.commands.executeCommand<{ error?: string } | undefined>(command, arg);
      const asked = result?.error?.includes('refused to show dialog') === true && result.error.includes(question);
      assert.ok(asked, `${command} ${JSON.stringify(arg)} asks "${question}" and does nothing more: ${JSON.stringify(result)}`);
    }
    assert.deepEqual(
      fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
      [],
      'nothing written',
    );
    assert.equal(fake.number(NUMBER.onProd)?.trunk_group_id, TRUNK.prod);
    assert.equal(fake.number(NUMBER.unassigned)?.trunk_group_id, undefined);
  });

  it('pointing vobiz.apiBaseUrl at another server sends it nothing: the user is asked, and the probe cannot answer', async () => {
    await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', elsewhere.baseUrl, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('vobiz.refresh');
      const result = await vscode.commands.executeCommand<{ report: { failures: { message: string }[] } } | undefined>(
        'vobiz.checkConnection',
        { authId: SANDBOX.authId },
      );
      assertHoldsNothing(result, 'vobiz.checkConnection');
      const failure = result?.report.failures[0]?.message ?? '';
      assert.ok(
        failure.includes('refused to show dialog') &&
          failure.includes(`Send the Vobiz credentials of Acme Voice (sandbox) to ${new URL(elsewhere.baseUrl).host}?`),
        `the question was asked: ${failure}`,
      );
      const signIn = await vscode.commands.executeCommand<{ error?: string } | undefined>('vobiz.signIn', {
        authId: SANDBOX.authId,
      });
      assert.ok(
        signIn?.error?.includes('refused to show dialog') === true,
        `signing in again asks before a token is typed: ${JSON.stringify(signIn)}`,
      );
      assert.deepEqual(elsewhere.requests, [], 'the other server received no request (and so no token)');
    } finally {
      await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
    }
  });
});
