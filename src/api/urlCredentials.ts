/**
 * Credentials in a URL (`user:password@`), hidden before the URL is shown to a person: in a
 * message, the log or the Check Connection report. One rule for every URL shown (the API base
 * URL, a proxy), whether it parses or not, with a scheme or without. No vscode import.
 */

/** A scheme and the slashes after it (`https://`, `http:/`, `http:\\`: a URL parser reads each as `http://`). */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]+/;

/** An authority without credentials: a host (a bracketed IPv6 address, or no `:`, `@` or bracket) and a numeric port. */
const HOST_PORT = /^(\[[^\]]*\]|[^:@[\]]*)(:\d+)?$/;

/**
 * Where the credentials at the start of `rest` (the text after the scheme) end: the index of
 * their `@`, or -1 when there are none. The authority runs up to the first `/`, `?` or `#`, and
 * everything in it up to its last `@` is credentials (a password may hold `@` and `:`). An `@`
 * further on is in the path or query when the authority is a plain host and port; otherwise a
 * password holds a `/`, `?` or `#` unencoded (`user:pa/ss@proxy`), and everything up to the
 * last `@` is hidden: showing too little beats showing a password.
 */
function credentialsEnd(rest: string): number {
  const lastAt = rest.lastIndexOf('@');
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd >= 0 && lastAt > authorityEnd && HOST_PORT.test(rest.slice(0, authorityEnd))) return -1;
  return lastAt;
}

/**
 * `url` (trimmed) with any credentials replaced by `***`, for showing: `https://***@host/path`,
 * `***@proxy:8080` (no scheme). A URL without credentials is returned as it is. Never throws.
 */
export function maskUrlCredentials(url: string): string {
  const text = url.trim();
  const scheme = SCHEME.exec(text)?.[0] ?? '';
  const rest = text.slice(scheme.length);
  const end = credentialsEnd(rest);
  return end < 0 ? text : `${scheme}***${rest.slice(end)}`;
}
