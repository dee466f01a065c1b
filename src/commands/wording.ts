/** Small wording helpers for messages: counts and sentence starts. */

/** "1 number", "3 numbers" (or the given plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
