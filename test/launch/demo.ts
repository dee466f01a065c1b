/**
 * `npm run demo`: try the extension without a Vobiz account. Starts the fake Vobiz (the seeded
 * sandbox account) and code-server with the packaged extension installed and `vobiz.apiBaseUrl`
 * pointing at the sandbox, then prints the URL to open and the demo credentials. Everything
 * listens on 127.0.0.1: nothing leaves the machine. Ctrl+C stops it.
 *
 * Environment: VOBIZ_DEMO_PORT (code-server, default 8080), VOBIZ_SANDBOX_PORT (fake, default 8787),
 * VOBIZ_EDITOR (which VS Code of editors.ts: `oldest`, 1.100, by default; `newest` or `1.139`).
 */
import { createServer } from 'node:net';
import { SANDBOX } from '../fake-vobiz/seed';
import { describeEditor, singleEditor } from './editors';
import { startWorkbench } from './workbench';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number (1–65535), not "${raw}".`);
  }
  return value;
}

/** Fails with a clear message when something already listens on the port. */
async function requireFree(value: number, name: string): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', () =>
      reject(new Error(`Port ${value} is in use: set ${name} to a free port (e.g. ${name}=${value + 1} npm run demo).`)),
    );
    probe.listen(value, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  const demoPort = port('VOBIZ_DEMO_PORT', 8080);
  const fakePort = port('VOBIZ_SANDBOX_PORT', 8787);
  await requireFree(demoPort, 'VOBIZ_DEMO_PORT');
  await requireFree(fakePort, 'VOBIZ_SANDBOX_PORT');
  const editor = singleEditor();
  process.stdout.write(`Starting the Vobiz Routing demo (fake Vobiz sandbox + ${describeEditor(editor)} in the browser)…\n`);
  const wb = await startWorkbench({ port: demoPort, fakePort, editor });
  process.stdout.write(
    [
      '',
      'Vobiz Routing demo is running. Nothing leaves this machine.',
      '',
      `  Open in a browser : ${wb.url}`,
      `  Fake Vobiz API    : ${wb.fake.baseUrl}   (already set as "vobiz.apiBaseUrl")`,
      '',
      '  In VS Code, open the Vobiz view in the activity bar, click Sign In and enter:',
      `    Auth ID    : ${SANDBOX.authId}`,
      `    Auth Token : ${SANDBOX.authToken}   (a sandbox-only value)`,
      `  A sub-account to try several accounts: ${SANDBOX.subAuthId} / ${SANDBOX.subAuthToken}`,
      '',
      '  On a remote machine, forward the port first: ssh -L ' + `${demoPort}:127.0.0.1:${demoPort} <host>`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the demo…\n');
    void wb.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not start the demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
