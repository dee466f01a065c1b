/**
 * The lint rules that keep the layers pointing one way (eslint.config.mjs) and the manifest check of
 * `npm run lint` (test/lint/check-commands.mjs): each fails on the defect it exists for.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import * as tseslint from 'typescript-eslint';

const root = process.cwd();

interface CommandCheck {
  registeredCommands(sources: string[]): Set<string>;
  commandProblems(pkg: unknown, registered: Set<string>): string[];
  rowProblems(pkg: unknown, sources: string[]): string[];
}

// Both are ES modules of the repository's tooling, loaded as they are (Node 20.19+ requires ESM).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { layers } = require(join(root, 'eslint.config.mjs')) as { layers: Linter.Config[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commandCheck = require(join(root, 'test/lint/check-commands.mjs')) as CommandCheck;

/** Lints one source text as if it were the file at `path`, with the layer rules only. */
async function upwardImports(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layers],
  });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('architecture: the layers, enforced by lint', () => {
  const cases: [string, string, boolean][] = [
    ['src/api/probe.ts', "import type { AccountModel } from '../model/accountModel';", false],
    ['src/api/probe.ts', "import * as vscode from 'vscode';", false],
    ['src/api/probe.ts', "import { VobizApiError } from './errors';", true],
    ['src/model/probe.ts', "import type { Accounts } from '../session/accounts';", false],
    ['src/model/probe.ts', "import type * as vscode from 'vscode';", false],
    ['src/model/probe.ts', "import type { VobizNumber } from '../api';", true],
    ['src/session/probe.ts', "import * as vscode from 'vscode';", false],
    ['src/session/probe.ts', "import { readSettings } from '../platform/settings';", false],
    ['src/session/probe.ts', "import type { RoutingNode } from '../tree/nodes';", false],
    ['src/session/probe.ts', "import { AccountModel } from '../model/accountModel';", true],
    ['src/platform/probe.ts', "import { VIEW_ID } from '../tree/routingTreeProvider';", false],
    ['src/platform/probe.ts', "import type { SessionLog } from '../session/ports';", true],
    ['src/tree/probe.ts', "import { COMMANDS } from '../commands/registerCommands';", false],
    ['src/tree/probe.ts', "import type { Accounts } from '../session/accounts';", true],
    ['src/commands/probe.ts', "import { activate } from '../extension';", false],
    ['src/commands/probe.ts', "import type { RoutingNode } from '../tree/nodes';", true],
  ];
  for (const [path, code, allowed] of cases) {
    it(`${allowed ? 'allows' : 'fails on'} ${path.split('/')[1]}: ${code}`, async () => {
      const problems = await upwardImports(path, `${code}\nexport {};\n`);
      if (allowed) assert.deepEqual(problems, []);
      else {
        assert.ok(
          problems.some((p) => p.startsWith('no-restricted-imports')),
          `expected an upward-import error, got ${JSON.stringify(problems)}`,
        );
      }
    });
  }
});

describe('architecture: the commands of package.json and of the code agree (npm run lint)', () => {
  const pkg = {
    contributes: {
      commands: [{ command: 'vobiz.a' }, { command: 'vobiz.b' }],
      menus: { 'view/title': [{ command: 'vobiz.a' }] },
      viewsWelcome: [{ contents: '[Sign In](command:vobiz.a)' }],
    },
  };
  const source = "export const COMMANDS: Readonly<Record<string, Handler>> = {\n  'vobiz.a': a,\n  'vobiz.b': b,\n};\n";

  it('reads the registered ids from the COMMANDS table and registerCommand calls', () => {
    assert.deepEqual([...commandCheck.registeredCommands([source, "vscode.commands.registerCommand('vobiz.c', f)"])].sort(), [
      'vobiz.a',
      'vobiz.b',
      'vobiz.c',
    ]);
  });

  it('agrees when every command is both contributed and registered', () => {
    assert.deepEqual(commandCheck.commandProblems(pkg, commandCheck.registeredCommands([source])), []);
  });

  it('fails on a contributed command nobody registers, and on a registered one the manifest lacks', () => {
    const problems = commandCheck.commandProblems(pkg, new Set(['vobiz.a', 'vobiz.z']));
    assert.deepEqual(problems, [
      'vobiz.b is contributed in package.json but never registered',
      'vobiz.z is registered but not contributed in package.json',
    ]);
  });

  it('fails on a menu or a welcome link naming a command that does not exist', () => {
    const broken = {
      contributes: {
        ...pkg.contributes,
        menus: { 'view/item/context': [{ command: 'vobiz.gone' }] },
        viewsWelcome: [{ contents: '[x](command:vobiz.missing)' }],
      },
    };
    assert.deepEqual(commandCheck.commandProblems(broken, new Set(['vobiz.a', 'vobiz.b'])), [
      'menu view/item/context names vobiz.gone, which is not a contributed command',
      'viewsWelcome links vobiz.missing, which is not a contributed command',
    ]);
  });

  it("fails on a view/title command that would take the focused row, or that is also a row's context-menu entry", () => {
    const menus = { 'view/title': [{ command: 'vobiz.a' }], 'view/item/context': [{ command: 'vobiz.b' }] };
    const wrapped = "export const COMMANDS = {\n  'vobiz.a': notOnRow(a),\n  'vobiz.b': b,\n};\n";
    assert.deepEqual(commandCheck.rowProblems({ contributes: { menus } }, [wrapped]), []);
    assert.deepEqual(commandCheck.rowProblems({ contributes: { menus } }, [source]), [
      'vobiz.a is in view/title but its COMMANDS entry is not notOnRow(…): it would take the focused row for its target',
    ]);
    const shared = { ...menus, 'view/item/context': [{ command: 'vobiz.a' }] };
    assert.deepEqual(commandCheck.rowProblems({ contributes: { menus: shared } }, [wrapped]), [
      'vobiz.a is in both view/title and view/item/context: it cannot tell the focused row from the one it was invoked on',
    ]);
  });
});

describe('architecture: no import cycle among the files of src', () => {
  /** The project files each src file imports (relative imports, `import type` included). */
  function importGraph(): Map<string, string[]> {
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('src', f));
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      const targets = [...text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => {
        const base = join(dirname(file), m[1]);
        return files.find((f) => f === `${base}.ts` || f === join(base, 'index.ts')) ?? `${base}.ts`;
      });
      graph.set(file, targets);
    }
    return graph;
  }

  /** One cycle of the graph as a path (a → b → a), or undefined. */
  function findCycle(graph: Map<string, string[]>): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (node: string): string[] | undefined => {
      if (state.get(node) === 'done') return undefined;
      if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
      state.set(node, 'open');
      path.push(node);
      for (const next of graph.get(node) ?? []) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
      path.pop();
      state.set(node, 'done');
      return undefined;
    };
    for (const node of graph.keys()) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
    return undefined;
  }

  it('finds a cycle when there is one (the check can fail)', () => {
    assert.deepEqual(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
      ['a', 'b', 'c', 'a'],
    );
  });

  it('src has none (commands, sessions and models import one way)', () => {
    const graph = importGraph();
    assert.ok(graph.size > 40, `read ${graph.size} files`);
    assert.equal(findCycle(graph)?.join(' → '), undefined);
  });
});
