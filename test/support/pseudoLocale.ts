/**
 * The pseudo-locale that proves every string a user reads is localised: a bundle for the locale
 * `qps-ploc` that wraps every message in ⟦…⟧, and the check that finds text outside the wrapping.
 * A string shown without passing through `vscode.l10n.t` / `l10n.t` (or a manifest `%key%`) keeps
 * its English words outside any ⟦…⟧, and the check names them.
 */

/** VS Code's pseudo-locale id (a language pack for it is faked at launch: test/launch/pseudoLocale.ts). */
export const PSEUDO_LOCALE = 'qps-ploc';

const OPEN = '⟦';
const CLOSE = '⟧';

/** One message in a bundle: a string, or `{ message, comment }` (l10n-dev's form for messages with comments). */
export type BundleEntry = string | { message: string; comment?: string[] };

/** The pseudo-locale's translation of a bundle (l10n/bundle.l10n.json or package.nls.json): every message wrapped. */
export function pseudoBundle(english: Record<string, BundleEntry>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(english)) {
    out[key] = `${OPEN}${typeof entry === 'string' ? entry : entry.message}${CLOSE}`;
  }
  return out;
}

/**
 * The words of `shown` a user would read untranslated: what is left after removing every wrapped
 * (translated) part and every piece of data (`data`: names, numbers, ids from the account). Empty
 * when the text is fully localised. Words are runs of two or more letters.
 */
export function untranslatedWords(shown: string, data: readonly string[]): string[] {
  let text = shown;
  // Wrapped parts can nest (a translated message with a translated argument): remove innermost first.
  const innermost = new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'gu');
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(innermost, ' ');
  }
  // Icons (`$(warning)`) are not words; Markdown escapes (`Support Desk \(Bengaluru\)`) are undone.
  text = text.replace(/\$\([\w-]+(~[\w-]+)?\)/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
  // A piece of data counts only as whole words: a region "Bengaluru" does not excuse "Bengaluru-based".
  for (const value of [...data].filter((d) => d.length > 0).sort((a, b) => b.length - a.length)) {
    text = text.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'),
      ' ',
    );
  }
  return text.match(/\p{L}{2,}/gu) ?? [];
}
