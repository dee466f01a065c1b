/**
 * The Node built-in modules the extension host had loaded when the host suite started, before any
 * test code ran (index.ts imports this module first): what VS Code itself loads, not the tests.
 */
import { loadedBuiltins } from '../support/builtins';

export const builtinsAtStart: ReadonlySet<string> = loadedBuiltins();
