/**
 * The benchmark at 100,000 numbers (plain Node, the fake in its own process): a full load by the
 * extension's client and when its first page of numbers is there, building the account model, the heap the
 * model holds, and the CPU of single-number changes in the model (one at a time, and a 1,000-number
 * bulk run), with what a view reads after each change. Not a test: nothing is asserted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { VobizClient } from '../../src/api';
import type { VobizNumber } from '../../src/api';
import { AccountModel } from '../../src/model/accountModel';
import { FilteredNumbers } from '../../src/model/numberFilter';
import type { NumberFilter } from '../../src/model/numberFilter';
import { SANDBOX } from '../fake-vobiz/seed';
import type { FakeProcess } from './fakeProcess';

export interface ScaleRow {
  what: string;
  value: string;
  note?: string;
}

/** A full garbage collection (the bench runs without --expose-gc: the flag is set here). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function heapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Loads every number and trunk with a new client: the time, the time to its first page of numbers, and the requests. */
async function fullLoad(
  fake: FakeProcess,
  maxInFlight: number,
): Promise<{ model: AccountModel; loadMs: number; firstPageMs: number; requests: number; buildMs: number }> {
  const client = new VobizClient({ baseUrl: fake.baseUrl, authId: SANDBOX.authId, authToken: SANDBOX.authToken, maxInFlight });
  await fake.clearRequests();
  const t0 = performance.now();
  let firstPageMs = 0;
  const [numbers, trunks] = await Promise.all([
    client.listNumbers({ onPage: () => (firstPageMs ||= performance.now() - t0) }),
    client.listTrunks(),
  ]);
  const loadMs = performance.now() - t0;
  const requests = (await fake.stats()).requests;
  await client.close();
  const model = new AccountModel();
  const t1 = performance.now();
  model.setInventory(numbers, trunks);
  for (const t of model.trunks()) model.numbersOfTrunk(t.trunk_id);
  model.problemNumbers();
  return { model, loadMs, firstPageMs, requests, buildMs: performance.now() - t1 };
}

/** What the reads add up to, kept so that no read can be optimised away. */
let sink = 0;

/**
 * One change as a routing flow makes it (the re-read number put in the model), then what the tree
 * and the badge read after it: the sorted numbers, both trunks' numbers, the count, the problem
 * count, and the filtered lists when a filter is on. Returns the milliseconds it took.
 */
function oneChange(
  model: AccountModel,
  filtered: FilteredNumbers | undefined,
  filter: NumberFilter | undefined,
  n: VobizNumber,
  toTrunk: string,
): number {
  const t = performance.now();
  const from = n.trunk_group_id;
  model.updateNumber(n.e164, { ...n, trunk_group_id: toTrunk });
  let read = model.numbers().length + model.numbersOfTrunk(toTrunk).length + model.numberCount + model.problemNumbers().size;
  if (from) read += model.numbersOfTrunk(from).length;
  if (filtered) read += filtered.list(filter).length + filtered.list(filter, toTrunk).length;
  sink += read;
  return performance.now() - t;
}

/** Single-number changes at scale: the median of `singles` changes, and the total of a bulk run of `bulk`. */
function changes(
  model: AccountModel,
  options: { singles: number; bulk: number; filter?: NumberFilter },
): { medianMs: number; bulkMs: number } {
  const filter = options.filter;
  const filtered = filter ? new FilteredNumbers(model, SANDBOX.authId) : undefined;
  const off = filtered ? model.onDidChange((c) => filtered.apply(c)) : undefined;
  const trunkIds = model.trunks().map((t) => t.trunk_id);
  const pick = (i: number): VobizNumber => {
    const all = model.numbers();
    return all[(i * 7_919) % all.length];
  };
  filtered?.list(filter);
  const singles = Array.from({ length: options.singles }, (_, i) =>
    oneChange(model, filtered, filter, pick(i), trunkIds[i % trunkIds.length]),
  );
  // A bulk assign: a thousand numbers onto one trunk, one change (and one refresh of the view) each.
  const t = performance.now();
  for (let i = 0; i < options.bulk; i++) oneChange(model, filtered, filter, pick(options.singles + i), trunkIds[0]);
  const bulkMs = performance.now() - t;
  off?.dispose();
  return { medianMs: median(singles), bulkMs: sink > 0 ? bulkMs : 0 };
}

/** The figures at scale, as rows of the bench's table and as JSON figures. */
export async function scaleFigures(
  fake: FakeProcess,
  maxInFlight: number,
): Promise<{ rows: ScaleRow[]; figures: Record<string, number> }> {
  const count = fake.numbers.toLocaleString('en');
  const heapBefore = heapMb();
  const load = await fullLoad(fake, maxInFlight);
  const heapModel = heapMb() - heapBefore;
  const plain = changes(load.model, { singles: 200, bulk: 1_000 });
  const filtered = changes(load.model, { singles: 200, bulk: 1_000, filter: { kind: 'digits', digits: '1' } });
  const figures = {
    numbers: load.model.numberCount,
    loadMs: Math.round(load.loadMs),
    firstPageMs: Math.round(load.firstPageMs),
    requests: load.requests,
    modelBuildMs: Math.round(load.buildMs),
    modelHeapMb: round1(heapModel),
    changeMedianMs: round3(plain.medianMs),
    bulk1000Ms: Math.round(plain.bulkMs),
    changeMedianFilteredMs: round3(filtered.medianMs),
    bulk1000FilteredMs: Math.round(filtered.bulkMs),
  };
  const rows: ScaleRow[] = [
    {
      what: `Full load, ${count} numbers`,
      value: `${figures.loadMs} ms`,
      note: `${figures.requests} requests, a new client; ${fake.trunks} trunks`,
    },
    {
      what: `First page of numbers from the client, ${count}`,
      value: `${figures.firstPageMs} ms`,
      note: 'while the rest load (the tree shows rows once the trunks are in too: see the host rows)',
    },
    {
      what: `Account model for ${count} numbers`,
      value: `${figures.modelBuildMs} ms`,
      note: 'sorted, trunk → numbers and the problem count derived',
    },
    {
      what: `Heap held by the model, ${count} numbers`,
      value: `${figures.modelHeapMb} MB`,
      note: 'after a full GC, the loaded model only (goal ≤ 35 MB)',
    },
    {
      what: `One number changed, at ${count}`,
      value: `${figures.changeMedianMs} ms`,
      note: 'median of 200: the update, then the lists, counts and problem count a view reads (goal ≤ 5 ms)',
    },
    {
      what: `Bulk run of 1,000 changes, at ${count}`,
      value: `${figures.bulk1000Ms} ms`,
      note: 'model CPU of 1,000 single-number changes, each followed by those reads',
    },
    {
      what: `… with a filter on`,
      value: `${figures.changeMedianFilteredMs} ms`,
      note: `median per change; the bulk run ${figures.bulk1000FilteredMs} ms (the filtered lists patched, not recomputed)`,
    },
  ];
  return { rows, figures };
}
