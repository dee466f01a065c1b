/**
 * The Node built-in modules the extension host had loaded when the host suite started, before any
 * test code ran (index.ts imports this module first): what VS Code itself loads, not the tests.
 */
export const builtinsAtStart: ReadonlySet<string> = new Set(
  (process as NodeJS.Process & { moduleLoadList: string[] }).moduleLoadList
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => `node:${entry.slice('NativeModule '.length)}`),
);
