/**
 * `npm run sandbox`: the fake Vobiz with the seeded sandbox account, until Ctrl+C.
 * `VOBIZ_FAKE_BULK=<numbers>x<trunks>` seeds a large account instead (the benchmark runs the fake
 * in its own process this way, so the server's work does not compete with the client's), and
 * `VOBIZ_FAKE_LATENCY_MS` adds latency to every answer.
 */
import { FakeVobiz } from './server';
import { bulkSeed, SANDBOX } from './seed';

async function main(): Promise<void> {
  const port = Number(process.env.VOBIZ_SANDBOX_PORT ?? process.argv[2] ?? 8787);
  const bulk = /^(\d+)x(\d+)$/.exec(process.env.VOBIZ_FAKE_BULK ?? '');
  const fake = new FakeVobiz(bulk ? bulkSeed({ numbers: Number(bulk[1]), trunks: Number(bulk[2]) }) : undefined);
  fake.latencyMs = Number(process.env.VOBIZ_FAKE_LATENCY_MS ?? 0);
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
