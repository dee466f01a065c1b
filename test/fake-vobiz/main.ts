/** `npm run sandbox`: the fake Vobiz with the seeded sandbox account, until Ctrl+C. */
import { FakeVobiz } from './server';
import { SANDBOX } from './seed';

async function main(): Promise<void> {
  const port = Number(process.env.VOBIZ_SANDBOX_PORT ?? process.argv[2] ?? 8787);
  const fake = new FakeVobiz();
  const baseUrl = await fake.start(port);
  process.stdout.write(
    [
      'Fake Vobiz sandbox is running (nothing leaves this machine).',
      `  API base URL : ${baseUrl}   (set "vobiz.apiBaseUrl" to this)`,
      `  Auth ID      : ${SANDBOX.authId}`,
      `  Auth Token   : ${SANDBOX.authToken}   (a sandbox-only value)`,
      `  Sub-account  : ${SANDBOX.subAuthId} / ${SANDBOX.subAuthToken}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = (): void => void fake.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not start the sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
