import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, vsixPath } from '../launch/workbench';
import { zipEntries } from '../support/zipEntries';

describe('the VSIX', () => {
  it('holds exactly what the extension needs at run time: no sources, tests, maps or node_modules', () => {
    const files = zipEntries(vsixPath())
      .filter((f) => !f.endsWith('/'))
      .sort();
    assert.deepEqual(files, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/l10n/bundle.l10n.json',
      'extension/media/icon.png',
      // The README's pictures: the Extensions view shows the README from the installed extension.
      'extension/media/screenshot-assign.png',
      'extension/media/screenshot-tree.png',
      'extension/media/screenshot-unassign.png',
      'extension/media/vobiz.svg',
      'extension/media/walkthrough/route.svg',
      'extension/media/walkthrough/sign-in.md',
      'extension/media/walkthrough/tree.svg',
      'extension/media/walkthrough/undo.svg',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/readme.md',
    ]);
  });

  it('has a 128×128 PNG icon and the fields the marketplace shows, and names no repository, tracker or homepage that does not exist', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.icon, 'media/icon.png');
    for (const field of ['license', 'publisher', 'displayName', 'description']) {
      assert.ok(pkg[field], `package.json has ${field}`);
    }
    // There is no public repository yet: problems are reported with Check Connection's report and the log (README).
    for (const field of ['repository', 'bugs', 'homepage']) assert.equal(pkg[field], undefined, `package.json names no ${field}`);
    const png = readFileSync(join(ROOT, 'media', 'icon.png'));
    assert.equal(png.toString('hex', 0, 8), '89504e470d0a1a0a', 'a PNG file');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});

describe('packaging', () => {
  it('vsce package prints no warning', function () {
    this.timeout(120_000);
    const scratch = mkdtempSync(join(tmpdir(), 'vobiz-vsce-'));
    try {
      const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
        .package;
      const vsceArgs = script.replace(/^.*?vsce /, '').split(' ');
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), ...vsceArgs, '--out', join(scratch, 'x.vsix')],
        {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const output = `${run.stdout}${run.stderr}`;
      assert.equal(run.status, 0, output);
      assert.doesNotMatch(output, /WARNING|ERROR/, output);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('the bundle stays within its budget (README, "Bundle size")', () => {
    // 433 KB today: undici is 305 KB of it (141 KB its HTTP parser, compiled to WebAssembly), our code 127 KB.
    const bytes = statSync(join(ROOT, 'dist', 'extension.js')).size;
    assert.ok(bytes < 460 * 1024, `dist/extension.js is ${Math.round(bytes / 1024)} KB`);
  });
});
