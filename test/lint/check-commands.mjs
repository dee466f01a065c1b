// Part of `npm run lint`: the manifest and the code agree on the commands. Every command contributed
// in package.json is registered in the code, every registered command is contributed, and every
// command a menu, a welcome view or a walkthrough names exists. Reads the sources as text (no build).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every .ts file below a folder. */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The entries of the COMMANDS table in the sources: each id and the text of its handler's line. */
function tableEntries(sources) {
  return sources.flatMap((text) => {
    const table = /export const COMMANDS[^=]*=\s*{([\s\S]*?)\n};/.exec(text);
    return table ? [...table[1].matchAll(/^\s*'([\w.]+)':(.*)$/gm)].map((m) => ({ id: m[1], handler: m[2].trim() })) : [];
  });
}

/** The command ids the code registers: keys of the COMMANDS table, and any registerCommand('…') call. */
export function registeredCommands(sources) {
  const ids = new Set(tableEntries(sources).map((e) => e.id));
  for (const text of sources) for (const m of text.matchAll(/registerCommand\(\s*'([\w.]+)'/g)) ids.add(m[1]);
  return ids;
}

/**
 * VS Code passes a view/title command the focused row of the tree, which the user did not choose
 * it for. Each such command drops a row argument (`notOnRow(…)` in the COMMANDS table), and none
 * is also a row's context-menu entry (that one, which takes the row, needs an id of its own).
 */
export function rowProblems(pkg, sources) {
  const menus = pkg.contributes?.menus ?? {};
  const inMenu = (menu) => new Set((menus[menu] ?? []).map((e) => e.command));
  const onRows = inMenu('view/item/context');
  const dropsRows = new Set(
    tableEntries(sources)
      .filter((e) => e.handler.startsWith('notOnRow('))
      .map((e) => e.id),
  );
  const problems = [];
  for (const id of inMenu('view/title')) {
    if (onRows.has(id)) {
      problems.push(
        `${id} is in both view/title and view/item/context: it cannot tell the focused row from the one it was invoked on`,
      );
    }
    if (!dropsRows.has(id)) {
      problems.push(
        `${id} is in view/title but its COMMANDS entry is not notOnRow(…): it would take the focused row for its target`,
      );
    }
  }
  return problems;
}

/** The problems between a manifest and the registered ids (empty when they agree). */
export function commandProblems(pkg, registered) {
  const contributes = pkg.contributes ?? {};
  const contributed = new Set((contributes.commands ?? []).map((c) => c.command));
  const problems = [];
  for (const id of contributed) {
    if (!registered.has(id)) problems.push(`${id} is contributed in package.json but never registered`);
  }
  for (const id of registered) if (!contributed.has(id)) problems.push(`${id} is registered but not contributed in package.json`);
  for (const [menu, entries] of Object.entries(contributes.menus ?? {})) {
    for (const entry of entries) {
      if (entry.command && !contributed.has(entry.command)) {
        problems.push(`menu ${menu} names ${entry.command}, which is not a contributed command`);
      }
    }
  }
  const linked = [
    ...(contributes.viewsWelcome ?? []).map((w) => ['viewsWelcome', w.contents]),
    ...(contributes.walkthroughs ?? []).flatMap((w) =>
      (w.steps ?? []).flatMap((s) => [
        [`walkthrough step ${s.id}`, s.description],
        ...(s.completionEvents ?? []).map((e) => [`walkthrough step ${s.id}`, e]),
      ]),
    ),
  ];
  for (const [where, text] of linked) {
    for (const m of String(text ?? '').matchAll(/(?:command:|onCommand:)(vobiz\.[\w.]+)/g)) {
      if (!contributed.has(m[1])) problems.push(`${where} links ${m[1]}, which is not a contributed command`);
    }
  }
  return problems;
}

if (process.argv[1] === import.meta.filename) {
  const sources = tsFiles(join(root, 'src')).map((f) => readFileSync(f, 'utf8'));
  const problems = [...commandProblems(manifest, registeredCommands(sources)), ...rowProblems(manifest, sources)];
  if (problems.length) {
    console.error(`Commands in package.json and the code disagree:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`check-commands: ${registeredCommands(sources).size} commands, contributed and registered alike.`);
}
