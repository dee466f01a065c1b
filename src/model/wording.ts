/** Counts in words, for labels, descriptions and messages. */

/** "1 number", "3 numbers" (or the given plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
