import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, vsixPath } from '../launch/workbench';
import { zipEntries } from '../support/zipEntries';

describe('the VSIX', () => {
  it('holds exactly what the extension needs at run time: no sources, tests, maps or node_modules', () => {
    const files = zipEntries(vsixPath()).filter((f) => !f.endsWith('/')).sort();
    assert.deepEqual(files, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/media/icon.png',
      'extension/media/vobiz.svg',
      'extension/media/walkthrough/route.svg',
      'extension/media/walkthrough/sign-in.md',
      'extension/media/walkthrough/tree.svg',
      'extension/media/walkthrough/undo.svg',
      'extension/package.json',
      'extension/readme.md',
    ]);
  });

  it('has a 128×128 PNG icon and the fields the marketplace shows', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.icon, 'media/icon.png');
    for (const field of ['repository', 'bugs', 'homepage', 'license', 'publisher', 'displayName', 'description']) assert.ok(pkg[field], `package.json has ${field}`);
    const png = readFileSync(join(ROOT, 'media', 'icon.png'));
    assert.equal(png.toString('hex', 0, 8), '89504e470d0a1a0a', 'a PNG file');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
