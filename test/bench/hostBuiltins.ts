/**
 * The Node built-in modules undici needs (and node:http2, which undici would load but the bundle
 * does not: see esbuild.mjs) that a fresh extension host has loaded already: VS Code loads them
 * itself before any extension runs (its proxy support patches http, net and tls), so a first
 * request in the extension host does not pay for them. The cold-load benchmark loads them before it
 * starts the clock, as the extension host has; a host test checks that a fresh extension host has
 * them (test/host/coldStart.test.ts). What the clock covers is the extension's own: undici loaded on
 * first use, and the client's code run for the first time.
 */
export const HOST_BUILTINS = [
  'node:assert',
  'node:diagnostics_channel',
  'node:http',
  'node:http2',
  'node:net',
  'node:stream',
] as const;
