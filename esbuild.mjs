// Builds the extension bundle (dist/extension.js) and, with --tests, transpiles the tests and
// test tools (fake Vobiz, launchers) file by file into out/ so mocha and the launchers can run them.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/** Every .ts file below a folder. */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** @type {esbuild.BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'info',
  metafile: true,
  // When the bundle began to evaluate: activation reports how long loading it took.
  banner: { js: 'var __vobizBundleStarted = performance.now();' },
};

/** @type {esbuild.BuildOptions} */
const testFiles = {
  entryPoints: [...tsFiles('src'), ...tsFiles('test')],
  outdir: 'out',
  outbase: '.',
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
};

if (tests) {
  rmSync('out', { recursive: true, force: true });
  await esbuild.build(testFiles);
} else if (watch) {
  const ctx = await esbuild.context(extension);
  await ctx.watch();
} else {
  await esbuild.build(extension);
}
