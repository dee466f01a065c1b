/** Small wording helpers for messages: counts and sentence starts. */

export { plural } from '../model/wording';

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
