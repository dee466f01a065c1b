/**
 * A real VS Code workbench with the packaged extension installed, against the fake Vobiz: the fake
 * (sandbox account), code-server with the VSIX installed into its extensions folder (as a user
 * would, not a development path) and `vobiz.apiBaseUrl` pointing at the fake. Used by the E2E
 * tests, `npm run screenshots` and `npm run demo`. Everything listens on 127.0.0.1 only.
 * The editor is the one given, else VOBIZ_EDITOR's (one of editors.ts), else the oldest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeVobiz } from '../fake-vobiz/server';
import { startCodeServer } from './codeServer';
import type { CodeServer } from './codeServer';
import { singleEditor } from './editors';
import type { Editor } from './editors';
import { installVsix, ROOT, vsixPath } from './vsix';

export { installVsix, ROOT, vsixPath };

export interface Workbench {
  readonly fake: FakeVobiz;
  readonly server: CodeServer;
  /** The URL to open: the workbench on the demo workspace folder. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface WorkbenchOptions {
  /** code-server's port (default: a free one). */
  port?: number;
  /** The fake Vobiz's port (default: a free one). */
  fakePort?: number;
  /** Which code-server (default: VOBIZ_EDITOR's one, else the oldest). */
  editor?: Editor;
}

/** Starts the fake, installs the VSIX into a fresh extensions folder, and starts code-server on them. */
export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = vsixPath();
  const editor = options.editor ?? singleEditor();
  const fake = new FakeVobiz();
  await fake.start(options.fakePort);
  const scratch = mkdtempSync(join(tmpdir(), 'vobiz-workbench-'));
  const extensions = join(scratch, 'extensions');
  const workspace = join(scratch, 'vobiz-demo');
  try {
    installVsix(vsix, extensions, join(scratch, 'install-user-data'), editor);
    mkdirSync(workspace, { recursive: true });
    writeFileSync(
      join(workspace, 'README.md'),
      '# Vobiz Routing demo\n\nOpen the Vobiz view in the activity bar and sign in with the demo credentials.\n',
    );
    const server = await startCodeServer({
      workspace,
      extensionsDir: extensions,
      port: options.port,
      editor,
      settings: { 'vobiz.apiBaseUrl': fake.baseUrl, 'workbench.tips.enabled': false, 'chat.commandCenter.enabled': false },
    });
    return {
      fake,
      server,
      url: `${server.url}/?folder=${encodeURIComponent(workspace)}`,
      async stop() {
        await server.stop();
        await fake.stop();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await fake.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}
