// Runs last (files run in name order): checks what every earlier test wrote and showed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SANDBOX } from '../fake-vobiz/seed';
import { activateExtension } from './helpers';
import { TestUi } from './testUi';

/** Every token the host suite used: the sandbox accounts' and the one after a rotation. */
const TOKENS = [SANDBOX.authToken, SANDBOX.subAuthToken, SANDBOX.rotatedAuthToken];

function assertNoToken(text: string, where: string): void {
  for (const token of TOKENS) assert.ok(!text.includes(token), `a token is in ${where}: ${text.slice(0, 300)}`);
}

describe('the auth token is never shown, logged or kept outside SecretStorage', () => {
  it('is in no log line of the whole host run', async () => {
    const api = await activateExtension();
    assert.ok(api.log.recentLines.length > 10, 'the suite produced log lines');
    assert.ok(
      api.log.recentLines.some((l) => /rejected the credentials/.test(l)),
      'the run included rejected credentials (the token rotation), whose errors are checked here too',
    );
    for (const line of api.log.recentLines) assertNoToken(line, 'the log');
  });

  it('is in no message, prompt or confirmation shown during the run', () => {
    assert.ok(TestUi.everything.length > 10);
    for (const s of TestUi.everything) assertNoToken(JSON.stringify(s), 'a message');
  });

  it('is in no setting', () => {
    for (const section of ['vobiz', 'http']) assertNoToken(JSON.stringify(vscode.workspace.getConfiguration(section)), `the ${section}.* settings`);
  });

  it("is in neither the extension's global state nor its workspace state", async () => {
    const { globalState, workspaceState } = (await activateExtension()).testing;
    for (const [name, memento] of [
      ['globalState', globalState],
      ['workspaceState', workspaceState],
    ] as const) {
      const values = Object.fromEntries(memento.keys().map((k) => [k, memento.get<unknown>(k)]));
      assertNoToken(JSON.stringify(values), name);
    }
    // The check itself can fail.
    assert.throws(() => assertNoToken(`{"t":"${SANDBOX.rotatedAuthToken}"}`, 'a probe'));
  });
});
