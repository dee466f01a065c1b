/** The Node built-in modules this process has loaded so far, as `node:…` names (from Node's own load list). */
export function loadedBuiltins(): Set<string> {
  return new Set(
    (process as NodeJS.Process & { moduleLoadList: string[] }).moduleLoadList
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => `node:${entry.slice('NativeModule '.length)}`),
  );
}
