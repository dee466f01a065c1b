// Part of `npm run lint`: the committed l10n/bundle.l10n.json (what translators start from) is the
// one @vscode/l10n-dev extracts from src now; every %key% of package.json is in package.nls.json,
// and package.nls.json holds no key the manifest does not use.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const problems = [];
const scratch = mkdtempSync(join(tmpdir(), 'vobiz-l10n-'));
try {
  execFileSync(process.execPath, ['node_modules/@vscode/l10n-dev/dist/cli.js', 'export', '--outDir', scratch, './src'], {
    stdio: 'pipe',
  });
  const fresh = readFileSync(join(scratch, 'bundle.l10n.json'), 'utf8');
  const committed = readFileSync('l10n/bundle.l10n.json', 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed))) {
    problems.push('l10n/bundle.l10n.json is not what src extracts to now: run "npm run l10n" and commit it');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const manifest = readFileSync('package.json', 'utf8');
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
for (const key of used) if (!(key in nls)) problems.push(`package.json uses %${key}% but package.nls.json does not define it`);
for (const key of Object.keys(nls)) {
  if (!used.has(key)) problems.push(`package.nls.json defines ${key}, which package.json does not use`);
}
if (problems.length) {
  for (const p of problems) console.error(`check-l10n: ${p}`);
  process.exit(1);
}
console.log(
  `check-l10n: ${Object.keys(JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'))).length} messages extracted and committed alike; ${used.size} manifest keys defined.`,
);
