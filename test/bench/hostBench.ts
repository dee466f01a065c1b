/**
 * The benchmark's part inside the real extension host (an `extensionTestsPath` module): activation
 * time, then loading 10,000 numbers and 300 trunks through the extension, building every tree item
 * of the Numbers group, and the extension host's heap before and after; then, from the fake with
 * 100,000 numbers in its own process (VOBIZ_BENCH_SCALE_URL), the time to the first rows and to a
 * ready tree, and the heap with them (after a full GC). Writes its figures as JSON to
 * VOBIZ_BENCH_OUT. Not a test: it asserts nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { VobizTestingApi } from '../../src/extension';
import { FakeVobiz } from '../fake-vobiz/server';
import { bulkSeed, SANDBOX } from '../fake-vobiz/seed';

const EXTENSION_ID = 'vobiz-routing.vobiz-routing';

function heapMb(): number {
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/** The heap after a full garbage collection. */
function heapAfterGcMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return heapMb();
}

async function setBaseUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
}

/**
 * Signs in to the fake at `baseUrl` (100,000 numbers): when the Numbers group first has rows (it
 * answers as soon as the first pages are in), when the tree is ready, and the heap it takes; a
 * person's first look (the ranges of Numbers and one range opened) is built as well.
 */
async function atScale(api: VobizTestingApi, baseUrl: string): Promise<Record<string, number>> {
  await setBaseUrl(baseUrl);
  const heapBefore = heapAfterGcMb();
  const tree = api.testing.tree;
  try {
    const t0 = performance.now();
    await vscode.commands.executeCommand('vobiz.signIn', { authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    const root = await tree.getChildren();
    const numbersGroup = root.find((n) => n.type === 'group' && n.group === 'numbers');
    if (!numbersGroup) throw new Error('no Numbers group');
    await tree.getChildren(numbersGroup);
    const firstRowsMs = performance.now() - t0;
    await api.testing.accounts.whenLoaded();
    const loadMs = performance.now() - t0;
    const ranges = await tree.getChildren(numbersGroup);
    for (const node of [...ranges, ...(ranges[0] ? await tree.getChildren(ranges[0]) : [])]) tree.getTreeItem(node);
    const heapAfter = heapAfterGcMb();
    return {
      scaleNumbersLoaded: api.testing.accounts.list()[0]?.model.numberCount ?? 0,
      scaleFirstRowsMs: Math.round(firstRowsMs),
      scaleLoadMs: Math.round(loadMs),
      scaleHeapBeforeMb: heapBefore,
      scaleHeapMb: heapAfter,
      scaleHeapDeltaMb: Math.round((heapAfter - heapBefore) * 10) / 10,
    };
  } finally {
    await vscode.commands.executeCommand('vobiz.signOut', { authId: SANDBOX.authId });
  }
}

export async function run(): Promise<void> {
  const out = process.env.VOBIZ_BENCH_OUT;
  if (!out) throw new Error('VOBIZ_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension<VobizTestingApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const wasActive = ext.isActive;
  // What VS Code counts as activation (its "code loading" plus the activate() call): loading the
  // bundle cold is timed here, before VS Code activates it from the same module cache.
  const main = join(ext.extensionPath, 'dist', 'extension.js');
  const tl = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(main);
  const codeLoadingMs = performance.now() - tl;
  const t0 = performance.now();
  const api = await ext.activate();
  const activationWallMs = performance.now() - t0;

  const fake = new FakeVobiz(bulkSeed({ numbers: 10_000, trunks: 300 }));
  await fake.start();
  fake.latencyMs = Number(process.env.VOBIZ_BENCH_LATENCY_MS ?? 50);
  await vscode.workspace.getConfiguration('vobiz').update('apiBaseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
  const heapBefore = heapMb();
  const figures: Record<string, unknown> = {};
  try {
    await vscode.commands.executeCommand('vobiz.signIn', { authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    const tree = api.testing.tree;
    const t1 = performance.now();
    const root = await tree.getChildren();
    await api.testing.accounts.whenLoaded();
    const loadMs = performance.now() - t1;
    const numbersGroup = root.find((n) => n.type === 'group' && n.group === 'numbers');
    if (!numbersGroup) throw new Error('no Numbers group');
    const t2 = performance.now();
    const children = await tree.getChildren(numbersGroup);
    let items = 0;
    const expand = async (nodes: typeof children): Promise<void> => {
      for (const node of nodes) {
        tree.getTreeItem(node);
        items++;
        if (node.type === 'group' || node.type === 'range') await expand(await tree.getChildren(node));
      }
    };
    await expand(children);
    const trunksGroup = root.find((n) => n.type === 'group' && n.group === 'trunks');
    if (trunksGroup) await expand(await tree.getChildren(trunksGroup));
    const treeMs = performance.now() - t2;
    const heapAfter = heapMb();
    Object.assign(figures, {
      activationMs: Math.round((codeLoadingMs + api.testing.startup.activateMs) * 10) / 10,
      codeLoadingMs: Math.round(codeLoadingMs * 10) / 10,
      bundleEvalMs: api.testing.startup.bundleEvalMs,
      activateCallMs: api.testing.startup.activateMs,
      activationWallMs: Math.round(activationWallMs * 10) / 10,
      activatedBefore: wasActive,
      extensionLoadMs: Math.round(loadMs),
      numbersLoaded: api.testing.accounts.list()[0]?.model.numberCount ?? 0,
      treeItemsBuilt: items,
      treeBuildMs: Math.round(treeMs),
      topLevelNumberChildren: children.length,
      heapBeforeMb: heapBefore,
      heapAfterMb: heapAfter,
    });
    await vscode.commands.executeCommand('vobiz.signOut', { authId: SANDBOX.authId });
    await fake.stop();
    const scaleUrl = process.env.VOBIZ_BENCH_SCALE_URL;
    if (scaleUrl) Object.assign(figures, await atScale(api, scaleUrl));
    writeFileSync(out, JSON.stringify(figures));
  } finally {
    await setBaseUrl(undefined);
    await fake.stop();
  }
}
