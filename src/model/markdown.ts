/**
 * Data (from Vobiz, a setting, the environment) in Markdown that VS Code or a support ticket
 * renders: a tooltip, the Check Connection report. It stays text: no link, image, HTML or
 * autolink forms from it, and it stays in its table cell, on one line. Pure.
 */

/** Line breaks of every kind: a table row (and a Markdown line) ends at any of them. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\v\f\u0085]/g;

/** Every character Markdown could read as syntax, backslash-escaped, on one line (a `|` escaped with its backslashes). */
export function escapedMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, (c) => `\\${c}`).replace(LINE_BREAKS, ' ');
}

/**
 * Text as inline code in a table cell: shown exactly, with nothing in it rendered. Code shows
 * backslashes as they are, so a `|` is kept inside its cell by an odd run of backslashes before it
 * (GFM splits a row at a pipe after an even run, inside code too); a backtick would end the span
 * (it becomes '), and a line break the row (a space).
 */
export function markdownCode(text: string): string {
  const cell = text
    .replace(LINE_BREAKS, ' ')
    .replace(/`/g, "'")
    .replace(/\\*\|/g, (run) => `${'\\'.repeat((run.length - 1) * 2)}\\|`);
  return `\`${cell}\``;
}
