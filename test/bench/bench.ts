/**
 * `npm run bench`: the performance figures, side by side, in one run. Not a test (nothing is
 * asserted); it prints one table and writes bench-results.json (git-ignored).
 *
 * - full load of numbers + trunks by the extension's API client vs a sequential pager (one page of
 *   100 after another, as Vobiz's n8n node and SDK examples do), three runs of each compared by
 *   their medians (a first load with a new client, and a refresh with the same one), against the fake Vobiz with 10,000
 *   numbers, 300 trunks and 50 ms latency per request; the most requests in flight;
 * - a cold first load of the same account in a fresh process (coldLoad.ts), five runs beside five of
 *   an ideal pipeline (bare undici, page count known): as a fresh extension host has it (the Node
 *   built-ins VS Code loads already loaded, see hostBuiltins.ts) and in a bare Node process;
 * - time until the first page is available (progressive display);
 * - requests and time per single routing change;
 * - building the account model for 10,000 numbers (plain Node);
 * - at 100,000 numbers (plain Node, see scaleBench.ts): a full load and its first rows, building
 *   the model, the heap the model holds, and the CPU of single-number changes in the model (one at
 *   a time, and a 1,000-number bulk run);
 * - in the real extension host (code-server): activation time, loading and building every tree
 *   item for 10,000 numbers, and the heap it takes; loading 100,000 numbers (from the fake in its
 *   own process), the first rows in the tree, and the heap with them;
 * - the size of dist/extension.js and of the VSIX.
 *
 * The fake runs in a process of its own (as a real server would be elsewhere).
 * Environment: VOBIZ_BENCH_LATENCY_MS (default 50), VOBIZ_BENCH_SKIP_HOST=1 (no code-server part).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { VobizClient } from '../../src/api';
import type { VobizNumber, VobizTrunk } from '../../src/api';
import { AccountModel } from '../../src/model/accountModel';
import { NOWHERE, toTrunk } from '../../src/model/routing';
import { ChangeService } from '../../src/session/changeService';
import type { ChangeSession } from '../../src/session/changeService';
import { NumberQueue } from '../../src/session/numberQueue';
import { UndoHistory } from '../../src/session/undoHistory';
import { SANDBOX } from '../fake-vobiz/seed';
import { runInExtensionHost } from '../launch/codeServer';
import { FakeProcess } from './fakeProcess';
import { scaleFigures } from './scaleBench';
import { ROOT, vsixPath } from '../launch/workbench';

const NUMBERS = 10_000;
/** The size of the figures at scale. */
const SCALE_NUMBERS = 100_000;
const TRUNKS = 300;
const LATENCY_MS = Number(process.env.VOBIZ_BENCH_LATENCY_MS ?? 50);
const MAX_IN_FLIGHT = 10;
/** Runs of each full load; the table compares medians. */
const RUNS = 3;
/** Runs of the ideal pipeline and of each cold first load (a fresh process each: more runs for a steadier median). */
const COLD_RUNS = 5;

interface Row {
  what: string;
  value: string;
  note?: string;
}

const headers = { 'x-auth-id': SANDBOX.authId, 'x-auth-token': SANDBOX.authToken, accept: 'application/json' };

/** The sequential pager most integrations use: one page of 100, then the next, numbers then trunks. */
async function sequentialBaseline(baseUrl: string): Promise<{ numbers: number; trunks: number }> {
  const base = `${baseUrl}/api/v1/Account/${SANDBOX.authId}`;
  let numbers = 0;
  for (let page = 1; ; page++) {
    const res = await request(`${base}/numbers?page=${page}&per_page=100`, { headers });
    const body = (await res.body.json()) as { items: unknown[] };
    numbers += body.items.length;
    if (body.items.length < 100) break;
  }
  let trunks = 0;
  for (let offset = 0; ; offset += 100) {
    const res = await request(`${base}/trunks?limit=100&offset=${offset}`, { headers });
    const body = (await res.body.json()) as { objects: unknown[] };
    trunks += body.objects.length;
    if (body.objects.length < 100) break;
  }
  return { numbers, trunks };
}

/** The run with the median time. */
function median<T extends { ms: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

/**
 * The lower bound on this machine: the same 105 requests as the extension's client, knowing the
 * page count in advance, MAX_IN_FLIGHT at a time, with bare undici and JSON.parse (no checks, no
 * normalising). How close the client comes to it shows what is left to gain in code.
 */
async function idealPipeline(baseUrl: string): Promise<number> {
  const base = `${baseUrl}/api/v1/Account/${SANDBOX.authId}`;
  const get = async (url: string): Promise<void> => {
    const res = await request(url, { headers });
    await res.body.json();
  };
  await Promise.all([get(`${base}/numbers?page=1&per_page=100`), get(`${base}/trunks?limit=100&offset=0`)]);
  const urls = [
    ...Array.from({ length: NUMBERS / 100 }, (_, i) => `${base}/numbers?page=${i + 2}&per_page=100`),
    ...Array.from({ length: TRUNKS / 100 }, (_, i) => `${base}/trunks?limit=100&offset=${(i + 1) * 100}`),
  ];
  let next = 0;
  await Promise.all(
    Array.from({ length: MAX_IN_FLIGHT }, async () => {
      while (next < urls.length) await get(urls[next++]);
    }),
  );
  return 2 + urls.length;
}

async function timed<T>(job: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await job();
  return { ms: performance.now() - t, result };
}

/**
 * test/bench/coldLoad.ts bundled and minified as the extension is (undici inside), by `node esbuild.mjs
 * --tests` (which `npm run bench` runs first: run bench.js alone only on a fresh build).
 */
const COLD_BUNDLE = join(ROOT, 'out', 'bench', 'coldLoad.bundle.js');

/**
 * One cold first load in a fresh Node process: `host` with the Node built-ins a fresh extension host
 * has loaded already (see hostBuiltins.ts), `bare` with none.
 */
function coldLoad(baseUrl: string, mode: 'host' | 'bare'): { ms: number; http2Loaded: boolean } {
  const out = execFileSync(process.execPath, [COLD_BUNDLE, baseUrl, String(MAX_IN_FLIGHT), mode], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; http2Loaded: boolean };
}

function kb(path: string): string {
  return `${Math.round(statSync(path).size / 1024)} KB`;
}

/** The figures measured inside the extension host (code-server), at 10,000 numbers and at 100,000 (`scaleUrl`). */
async function hostFigures(rows: Row[], figures: Record<string, unknown>, scaleUrl: string): Promise<void> {
  const out = join(tmpdir(), `vobiz-bench-host-${process.pid}.json`);
  const code = await runInExtensionHost(join(ROOT, 'out', 'test', 'bench', 'hostBench.js'), {
    env: { VOBIZ_BENCH_OUT: out, VOBIZ_BENCH_LATENCY_MS: String(LATENCY_MS), VOBIZ_BENCH_SCALE_URL: scaleUrl },
  });
  if (code !== 0) {
    rows.push({ what: 'Extension host figures', value: 'failed', note: `the code-server run exited with ${code}` });
    return;
  }
  const host = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number | boolean>;
  const at = (key: string): string => String(host[key]);
  rows.push({
    what: 'Activation in the extension host',
    value: `${at('activationMs')} ms`,
    note: `goal ≤ 100 ms; loading the bundle ${at('codeLoadingMs')} ms (evaluating it ${at('bundleEvalMs')} ms) + activate() ${at('activateCallMs')} ms; ext.activate() resolved after ${at('activationWallMs')} ms`,
  });
  rows.push({
    what: `Load ${at('numbersLoaded')} numbers through the extension`,
    value: `${at('extensionLoadMs')} ms`,
    note: 'sign-in to a ready tree, in code-server',
  });
  rows.push({
    what: 'Build every tree item of Numbers and Trunks',
    value: `${at('treeBuildMs')} ms`,
    note: `${at('treeItemsBuilt')} items; Numbers shows ${at('topLevelNumberChildren')} ranges of 500 at its first level`,
  });
  rows.push({
    what: 'Extension host heap',
    value: `${at('heapAfterMb')} MB`,
    note: `${at('heapBeforeMb')} MB before loading 10,000 numbers`,
  });
  rows.push({
    what: `Load ${at('scaleNumbersLoaded')} numbers through the extension`,
    value: `${at('scaleLoadMs')} ms`,
    note: 'sign-in to a ready tree, the fake in its own process',
  });
  rows.push({
    what: `First rows in the tree, ${at('scaleNumbersLoaded')} numbers`,
    value: `${at('scaleFirstRowsMs')} ms`,
    note: 'sign-in to the Numbers group answering with rows',
  });
  rows.push({
    what: `Extension host heap with ${at('scaleNumbersLoaded')} numbers`,
    value: `${at('scaleHeapMb')} MB`,
    note: `after a full GC; ${at('scaleHeapBeforeMb')} MB before signing in (${at('scaleHeapDeltaMb')} MB for the account)`,
  });
  figures.host = host;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {
    numbers: NUMBERS,
    trunks: TRUNKS,
    latencyMs: LATENCY_MS,
    maxInFlight: MAX_IN_FLIGHT,
  };
  const fake = new FakeProcess(NUMBERS, TRUNKS, LATENCY_MS);
  await fake.start();
  process.stdout.write(
    `Benchmark: ${NUMBERS} numbers, ${TRUNKS} trunks, ${LATENCY_MS} ms per request (fake Vobiz on loopback)…\n`,
  );
  try {
    // 1. Full load, baseline vs the extension's client: RUNS of each, alternating, compared by their medians.
    const baselineRuns: { ms: number; result: { numbers: number; trunks: number } }[] = [];
    const ourRuns: { ms: number; result: [VobizNumber[], VobizTrunk[]] }[] = [];
    let baselineRequests = 0;
    let ourRequests = 0;
    let peak = 0;
    const refreshRuns: { ms: number; result: [VobizNumber[], VobizTrunk[]] }[] = [];
    let refreshRequests = 0;
    const newClient = (): VobizClient =>
      new VobizClient({
        baseUrl: fake.baseUrl,
        authId: SANDBOX.authId,
        authToken: SANDBOX.authToken,
        maxInFlight: MAX_IN_FLIGHT,
      });
    let client = newClient();
    for (let run = 0; run < RUNS; run++) {
      await fake.clearRequests();
      baselineRuns.push(await timed(() => sequentialBaseline(fake.baseUrl)));
      baselineRequests = (await fake.stats()).requests;
      // A first load: a new client, which knows nothing of the account's size.
      await client.close();
      client = newClient();
      await fake.clearRequests();
      ourRuns.push(await timed(() => Promise.all([client.listNumbers(), client.listTrunks()])));
      let stats = await fake.stats();
      ourRequests = stats.requests;
      peak = Math.max(peak, stats.peakInFlight);
      // A refresh: the same client asks for the pages the last read took together with the first.
      await fake.clearRequests();
      refreshRuns.push(await timed(() => Promise.all([client.listNumbers(), client.listTrunks()])));
      stats = await fake.stats();
      refreshRequests = stats.requests;
      peak = Math.max(peak, stats.peakInFlight);
    }
    const idealRuns: { ms: number; result: number }[] = [];
    const coldRuns: { ms: number; http2Loaded: boolean }[] = [];
    const bareRuns: { ms: number; http2Loaded: boolean }[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      idealRuns.push(await timed(() => idealPipeline(fake.baseUrl)));
      coldRuns.push(coldLoad(fake.baseUrl, 'host'));
      bareRuns.push(coldLoad(fake.baseUrl, 'bare'));
    }
    const ideal = median(idealRuns);
    const cold = median(coldRuns);
    const bare = median(bareRuns);
    const http2 = bareRuns.some((r) => r.http2Loaded) ? '; node:http2 WAS loaded in the bare process (it should not be)' : '';
    const baseline = median(baselineRuns);
    const ours = median(ourRuns);
    const refresh = median(refreshRuns);
    const ratio = baseline.ms / ours.ms;
    const refreshRatio = baseline.ms / refresh.ms;
    const all = (runs: { ms: number }[]): string => runs.map((r) => Math.round(r.ms)).join(', ');
    rows.push({
      what: 'Full load, sequential pager (baseline)',
      value: `${Math.round(baseline.ms)} ms`,
      note: `median of ${all(baselineRuns)} ms; ${baselineRequests} requests, ${baseline.result.numbers} numbers + ${baseline.result.trunks} trunks`,
    });
    rows.push({
      what: "Full load, the extension's client",
      value: `${Math.round(ours.ms)} ms`,
      note: `median of ${all(ourRuns)} ms (a new client each); ${ourRequests} requests, ${ours.result[0].length} numbers + ${ours.result[1].length} trunks, at most ${peak} in flight`,
    });
    rows.push({ what: 'Speed-up', value: `${ratio.toFixed(1)}×`, note: `goal ≥ 8× with ≤ ${MAX_IN_FLIGHT} in flight` });
    rows.push({
      what: 'Refresh (full load again, same client)',
      value: `${Math.round(refresh.ms)} ms`,
      note: `median of ${all(refreshRuns)} ms; ${refreshRatio.toFixed(1)}× the baseline; ${refreshRequests} requests, the pages of the last read asked for with the first`,
    });
    const share = (ms: number): number => Math.round((ideal.ms / ms) * 100);
    rows.push({
      what: 'Cold first load (a fresh process: nothing warmed, the HTTP library loaded on first use)',
      value: `${Math.round(cold.ms)} ms`,
      note: `median of ${all(coldRuns)} ms; ${share(cold.ms)} % of the ideal pipeline's speed (goal ≥ 90 %; warm first load: ${share(ours.ms)} %); the Node built-ins a fresh extension host has loaded were loaded${http2}`,
    });
    rows.push({
      what: 'Cold first load in a bare Node process',
      value: `${Math.round(bare.ms)} ms`,
      note: `median of ${all(bareRuns)} ms; ${share(bare.ms)} % of the ideal pipeline's speed; Node's http, net, stream and assert loaded on the clock too`,
    });
    rows.push({
      what: 'Ideal pipeline on this machine',
      value: `${Math.round(ideal.ms)} ms`,
      note: `${(baseline.ms / ideal.ms).toFixed(1)}× the baseline: the same ${ideal.result} requests, page count known, bare undici + JSON.parse (a bound set by this machine's CPU)`,
    });
    Object.assign(figures, {
      runs: RUNS,
      baselineMs: Math.round(baseline.ms),
      loadMs: Math.round(ours.ms),
      refreshMs: Math.round(refresh.ms),
      baselineRunsMs: baselineRuns.map((r) => Math.round(r.ms)),
      loadRunsMs: ourRuns.map((r) => Math.round(r.ms)),
      refreshRunsMs: refreshRuns.map((r) => Math.round(r.ms)),
      speedup: Math.round(ratio * 10) / 10,
      refreshSpeedup: Math.round(refreshRatio * 10) / 10,
      idealMs: Math.round(ideal.ms),
      coldLoadMs: Math.round(cold.ms),
      coldRunsMs: coldRuns.map((r) => Math.round(r.ms)),
      coldBareMs: Math.round(bare.ms),
      coldBareRunsMs: bareRuns.map((r) => Math.round(r.ms)),
      coldBareShareOfIdeal: Math.round((ideal.ms / bare.ms) * 100) / 100,
      coldShareOfIdeal: Math.round((ideal.ms / cold.ms) * 100) / 100,
      idealSpeedup: Math.round((baseline.ms / ideal.ms) * 10) / 10,
      peakInFlight: peak,
      baselineRequests,
      loadRequests: ourRequests,
      refreshRequests,
    });

    // 2. First page available (progressive display).
    const first = await timed(async () => {
      for await (const page of client.numberPages()) return page.length;
      return 0;
    });
    rows.push({
      what: 'First page of numbers available',
      value: `${Math.round(first.ms)} ms`,
      note: `${first.result} numbers shown while the rest load`,
    });
    figures.firstPageMs = Math.round(first.ms);

    // 3. One routing change: requests and time (no full reload).
    const model = new AccountModel();
    const build = await timed(() => {
      model.setInventory(ours.result[0], ours.result[1]);
      let routed = 0;
      for (const t of model.trunks()) routed += model.numbersOfTrunk(t.trunk_id).length;
      return Promise.resolve(routed);
    });
    // The change service on this client and model alone (no editor, no sign-in).
    const session: ChangeSession = {
      authId: SANDBOX.authId,
      model,
      generation: 0,
      disposed: false,
      withClient: (job) => job(client),
      note: () => undefined,
    };
    const queue = new NumberQueue(() => [session]);
    const changes = new ChangeService({ queue, history: new UndoHistory(), session: () => session, rejected: () => false });
    const route = (e164: string, to: Parameters<typeof toTrunk>[0]) =>
      changes.change({ session, e164, to: to ? toTrunk(to) : NOWHERE });
    const unassigned = model.numbers().find((n) => !n.trunk_group_id);
    const trunks = model.trunks().filter((t) => String(t.trunk_status) === 'active');
    if (!unassigned || trunks.length < 2) throw new Error('the bulk seed has no unassigned number or two active trunks');
    const requestsPer: Record<string, number> = {};
    let changeMs = 0;
    for (const [kind, job] of [
      ['assign', () => route(unassigned.e164, trunks[0].trunk_id)],
      ['move', () => route(unassigned.e164, trunks[1].trunk_id)],
      ['unassign', () => route(unassigned.e164, undefined)],
    ] as const) {
      await fake.clearRequests();
      const change = await timed(job);
      requestsPer[kind] = (await fake.stats()).requests;
      if (kind === 'assign') changeMs = change.ms;
    }
    rows.push({
      what: 'Requests per routing change',
      value: `assign ${requestsPer.assign}, move ${requestsPer.move}, unassign ${requestsPer.unassign}`,
      note: `a read of that number inside its queue, the write(s), a re-read of that number only (no reload); assign ${Math.round(changeMs)} ms`,
    });
    const changeRequests = requestsPer.assign;
    rows.push({
      what: `Account model for ${NUMBERS} numbers`,
      value: `${Math.round(build.ms)} ms`,
      note: `trunk → numbers derived for ${TRUNKS} trunks (${build.result} routed numbers), plain Node`,
    });
    Object.assign(figures, {
      changeRequests,
      requestsPerChange: requestsPer,
      changeMs: Math.round(changeMs),
      modelBuildMs: Math.round(build.ms),
    });
    await client.close();
  } finally {
    fake.stop();
  }

  // 4. At 100,000 numbers: a fake of that size in its own process, for plain Node and the extension host.
  const big = new FakeProcess(SCALE_NUMBERS, TRUNKS, LATENCY_MS);
  if (process.env.VOBIZ_BENCH_SKIP_SCALE !== '1') await big.start();
  if (big.baseUrl) {
    try {
      process.stdout.write(`… and at ${SCALE_NUMBERS} numbers…\n`);
      const scale = await scaleFigures(big, MAX_IN_FLIGHT);
      rows.push(...scale.rows);
      figures.scale = scale.figures;
      // 5. In the real extension host.
      if (process.env.VOBIZ_BENCH_SKIP_HOST !== '1') await hostFigures(rows, figures, big.baseUrl);
    } finally {
      big.stop();
    }
  }

  // 6. Sizes.
  rows.push({
    what: 'dist/extension.js',
    value: kb(join(ROOT, 'dist', 'extension.js')),
    note: 'minified bundle (undici included)',
  });
  try {
    rows.push({ what: 'VSIX', value: kb(vsixPath()) });
    figures.vsixBytes = statSync(vsixPath()).size;
  } catch {
    rows.push({ what: 'VSIX', value: 'not built', note: 'run npm run package' });
  }
  figures.bundleBytes = statSync(join(ROOT, 'dist', 'extension.js')).size;

  const width = Math.max(...rows.map((r) => r.what.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  process.stdout.write('\n');
  for (const r of rows) process.stdout.write(`${r.what.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.note ?? ''}\n`);
  const file = join(ROOT, 'bench-results.json');
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), ...figures }, null, 2)}\n`);
  process.stdout.write(`\nFigures written to ${file}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
