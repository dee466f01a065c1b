// @ts-check
import tseslint from 'typescript-eslint';

/** Every project folder an import can name, by the import string's shape (`../session/accounts`). */
const folder = (name) => [`**/${name}`, `**/${name}/**`];
const VSCODE = {
  name: 'vscode',
  message: 'This layer does not import vscode: the session reaches VS Code through the small interfaces of src/session/ports.ts.',
};

/**
 * The layers, one direction of dependency: api → model → session → platform → tree → commands →
 * extension.ts. Each entry forbids what lies above its folder (and `vscode` below the UI).
 */
export const layers = [
  {
    files: ['src/api/**/*.ts'],
    paths: [VSCODE],
    above: ['model', 'session', 'platform', 'tree', 'commands', 'extension'],
    why: 'src/api knows Vobiz and HTTP only: it imports nothing else of the project',
  },
  {
    files: ['src/model/**/*.ts'],
    paths: [VSCODE],
    above: ['session', 'platform', 'tree', 'commands', 'extension'],
    why: 'src/model is pure: it imports only src/api',
  },
  {
    files: ['src/session/**/*.ts'],
    paths: [VSCODE],
    above: ['platform', 'tree', 'commands', 'extension'],
    why: 'src/session imports src/api and src/model; the editor comes in through its ports',
  },
  {
    files: ['src/platform/**/*.ts'],
    paths: [],
    above: ['tree', 'commands', 'extension'],
    why: 'src/platform adapts VS Code to the session ports; it knows no view or command',
  },
  {
    files: ['src/tree/**/*.ts'],
    paths: [],
    above: ['commands', 'extension'],
    why: 'src/tree renders the model; commands use the tree, not the other way round',
  },
  { files: ['src/commands/**/*.ts'], paths: [], above: ['extension'], why: 'only extension.ts wires things together' },
].map(({ files, paths, above, why }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { paths, patterns: [{ group: above.flatMap(folder), message: `Upward import: ${why}.` }] },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'test/lint/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      // Prettier keeps code within 130 columns; what it cannot break (a comment) stays under 140 by hand.
      // A string is one sentence to translate whole, so it may run longer.
      'max-len': [
        'error',
        { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // A function longer than a screen is several steps: name them.
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  ...layers,
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
