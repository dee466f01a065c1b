import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

interface Manifest {
  extensionKind: string[];
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

function manifest(): Manifest {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return JSON.parse(readFileSync(join(ext.extensionPath, 'package.json'), 'utf8')) as Manifest;
}

describe('the manifest, and what VS Code does with it', () => {
  before(() => activateExtension());

  it("settings that weaken safety or redirect credentials cannot come from a repository (application scope: the user's own settings, read where the extension runs)", () => {
    const props = manifest().contributes.configuration.properties;
    assert.equal(props['vobiz.apiBaseUrl'].scope, 'application');
    assert.equal(props['vobiz.confirmBeforeUnassign'].scope, 'application');
    assert.equal(props['vobiz.requestTimeoutSeconds'].scope, 'application');
  });

  it("a workspace's .vscode/settings.json cannot turn off the unassign confirmation, shorten the timeout or move the API", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host suite runs with a workspace folder open');
    const dir = join(folder.uri.fsPath, '.vscode');
    mkdirSync(dir, { recursive: true });
    const settings = {
      'vobiz.confirmBeforeUnassign': false,
      'vobiz.requestTimeoutSeconds': 1,
      'vobiz.apiBaseUrl': 'https://attacker.example',
      // A resource-scoped setting in the same file shows when VS Code has read it.
      'editor.tabSize': 7,
    };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
    try {
      await waitFor(
        () => vscode.workspace.getConfiguration('editor').get('tabSize') === 7,
        'VS Code read the workspace settings',
      );
      const vobiz = vscode.workspace.getConfiguration('vobiz');
      assert.equal(vobiz.get('confirmBeforeUnassign'), true);
      assert.equal(vobiz.get('requestTimeoutSeconds'), 30);
      assert.equal(vobiz.get('apiBaseUrl'), 'https://api.vobiz.ai');
      for (const key of ['confirmBeforeUnassign', 'requestTimeoutSeconds', 'apiBaseUrl']) {
        assert.equal(vobiz.inspect(key)?.workspaceValue, undefined, key);
      }
    } finally {
      rmSync(join(dir, 'settings.json'), { force: true });
      await waitFor(
        () => vscode.workspace.getConfiguration('editor').get('tabSize') !== 7,
        'VS Code dropped the workspace settings',
      );
    }
  });

  it('declares restricted mode and virtual workspaces (the tree reads no workspace file), and where it runs', () => {
    const m = manifest();
    assert.deepEqual(m.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
    assert.deepEqual(m.extensionKind, ['ui', 'workspace']);
  });

  it('a restored Open as JSON editor (vobiz-json:) activates the extension', () => {
    assert.ok(manifest().activationEvents.includes('onFileSystem:vobiz-json'));
  });
});
