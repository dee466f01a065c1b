/** Type guards the layers share (src/api is the lowest layer, so they live here). */

/** A plain object: not null, not an array (a parsed JSON object, or a command argument to inspect). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
