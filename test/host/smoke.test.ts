import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeVobiz } from '../fake-vobiz/server';
import { SANDBOX } from '../fake-vobiz/seed';
import { activateExtension, EXTENSION_ID, setSetting } from './helpers';

describe('extension smoke (real VS Code extension host)', () => {
  const fake = new FakeVobiz();
  before(() => fake.start());
  after(async () => {
    await setSetting('apiBaseUrl', undefined);
    await fake.stop();
  });

  it('is installed and activates', async () => {
    const api = await activateExtension();
    assert.ok(api);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('has its "Vobiz" log channel, and Vobiz: Show Log runs', async () => {
    const api = await activateExtension();
    assert.equal(api.testing.log.channel.name, 'Vobiz');
    assert.ok(api.testing.log.recentLines.some((l) => /Vobiz Routing .* activated/.test(l)));
    await vscode.commands.executeCommand('vobiz.showLog');
  });

  it('registers every command package.json contributes, and contributes every command it registers', async () => {
    await activateExtension();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('vobiz.') && !c.startsWith('vobiz.routing.'))
      .sort(); // vobiz.routing.* are the view's own
    assert.deepEqual(registered, contributed);
  });

  it('contributes its settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('vobiz');
    assert.equal(config.inspect('apiBaseUrl')?.defaultValue, 'https://api.vobiz.ai');
    assert.equal(config.inspect('requestTimeoutSeconds')?.defaultValue, 30);
    assert.equal(config.inspect('confirmBeforeUnassign')?.defaultValue, true);
  });

  it('a client built from the extension configuration reaches the fake Vobiz', async () => {
    const api = await activateExtension();
    await setSetting('apiBaseUrl', fake.baseUrl);
    const client = api.testing.createClient({ authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    try {
      const me = await client.whoAmI();
      assert.equal(me.auth_id, SANDBOX.authId);
      assert.equal(fake.requests.at(-1)?.path, '/api/v1/auth/me');
      assert.ok(
        api.testing.log.recentLines.some((l) => l.includes('GET /api/v1/auth/me')),
        'the request is in the Vobiz log',
      );
      assert.ok(!api.testing.log.recentLines.some((l) => l.includes(SANDBOX.authToken)), 'the token is not');
    } finally {
      await client.close();
    }
  });

  it('a client refuses a plain-http remote base URL from the settings', async () => {
    const api = await activateExtension();
    await setSetting('apiBaseUrl', 'http://api.vobiz.ai');
    assert.throws(() => api.testing.createClient({ authId: SANDBOX.authId, authToken: SANDBOX.authToken }), /https/);
  });
});
