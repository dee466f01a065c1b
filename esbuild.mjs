// Builds the extension bundle (dist/extension.js) and, with --tests, transpiles the tests and
// test tools (fake Vobiz, launchers) file by file into out/ so mocha and the launchers can run them.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/**
 * undici's client evaluates its HTTP/2 half, and with it `node:http2`, as soon as it loads, although
 * the API client never asks for HTTP/2 (allowH2 stays off). Its `require('./client-h2.js')` gets a
 * stand-in that loads the real module on the first HTTP/2 connection, should one ever be made. In
 * VS Code's extension host `node:http2` is loaded already (VS Code loads it), so there this saves
 * only evaluating undici's HTTP/2 client; in a plain Node process (the API module run on its own,
 * the benchmark's bare cold load) it saves loading `node:http2` too, about 13 ms.
 */
/** @type {esbuild.Plugin} */
const http2OnDemand = {
  name: 'http2-on-demand',
  setup(build) {
    // Only undici's own client.js (a file) is redirected; the stand-in's require below is not.
    build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      args.namespace === 'file' && /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/.test(args.importer)
        ? { path: join(dirname(args.importer), 'client-h2-on-demand.js'), namespace: 'http2-on-demand' }
        : undefined,
    );
    // The real module, resolved beside the importing client.js: the same undici copy.
    build.onLoad({ filter: /.*/, namespace: 'http2-on-demand' }, (args) => ({
      contents: "module.exports = function connectH2(client, socket) { return require('./client-h2.js')(client, socket); };",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

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
  plugins: [http2OnDemand],
};

/**
 * The benchmark's cold first load (test/bench/coldLoad.ts), bundled and minified as the extension
 * is, so that loading the API client and undici costs in it what it costs in the extension.
 */
/** @type {esbuild.BuildOptions} */
const coldLoadBench = {
  ...extension,
  entryPoints: ['test/bench/coldLoad.ts'],
  outfile: 'out/bench/coldLoad.bundle.js',
  minify: true,
  sourcemap: false,
  metafile: false,
  banner: {},
  logLevel: 'warning',
};

/** A test's entry bundled as the extension is: an HTTP/2 request through the stand-in above (test/unit/architecture/bundle.test.ts). */
/** @type {esbuild.BuildOptions} */
const http2ClientTest = {
  ...coldLoadBench,
  entryPoints: ['test/unit/architecture/http2Client.entry.ts'],
  outfile: 'out/bundles/http2Client.js',
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
  await Promise.all([esbuild.build(testFiles), esbuild.build(coldLoadBench), esbuild.build(http2ClientTest)]);
} else if (watch) {
  const ctx = await esbuild.context(extension);
  await ctx.watch();
} else {
  await esbuild.build(extension);
}
