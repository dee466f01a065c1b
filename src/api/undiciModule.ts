/**
 * undici, loaded on first use. Evaluating it is most of the extension's start-up cost (about
 * 100 ms), so activation must not pay for it: nothing here runs until the first request (or the
 * first proxy dispatcher) needs it. The bundler still bundles it; only its evaluation is deferred.
 */
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // A plain require: an `import` would be evaluated when the bundle loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
