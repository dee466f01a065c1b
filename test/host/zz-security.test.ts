// Runs last (files run in name order): checks what every earlier test wrote and showed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SANDBOX } from '../fake-vobiz/seed';
import { activateExtension } from './helpers';
import { TestUi } from './testUi';

describe('the auth token is never shown or logged', () => {
  it('is in no log line of the whole host run', async () => {
    const api = await activateExtension();
    assert.ok(api.log.recentLines.length > 10, 'the suite produced log lines');
    for (const line of api.log.recentLines) assert.ok(!line.includes(SANDBOX.authToken), line);
  });

  it('is in no message, prompt or confirmation shown during the run', () => {
    assert.ok(TestUi.everything.length > 10);
    for (const s of TestUi.everything) assert.ok(!JSON.stringify(s).includes(SANDBOX.authToken), JSON.stringify(s));
  });

  it('is in no setting', () => {
    const all = JSON.stringify(vscode.workspace.getConfiguration('vobiz'));
    assert.ok(!all.includes(SANDBOX.authToken));
  });
});
