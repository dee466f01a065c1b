/**
 * The report of Vobiz: Check Connection: what the probe found (connectionCheck.ts), and its
 * Markdown, built by a pure function for an editor and a support ticket. It never holds an Auth
 * Token: the probe gets only what the API client hands out, redacted. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { AccountSegment } from '../api';
import { markdownCode } from '../model/markdown';
import type { Recovery, RecoveryAction } from './recovery';

/** The steps of a check, in order. */
export type CheckStep = 'client' | 'credentials' | 'numbers' | 'trunks';

/** One request of the check: what was asked, what came back and how long it took. */
export interface ProbeLine {
  readonly step: CheckStep;
  /** `GET /api/v1/…?…` as sent. */
  readonly request: string;
  /** Absent when no answer arrived. */
  readonly status?: number;
  readonly durationMs: number;
  /** `OK`, or what went wrong in a few words. */
  readonly outcome: string;
}

/** A step that failed, and what the user can do about it (the recovery rule's actions, in the UI's words). */
export interface CheckFailure {
  readonly step: CheckStep;
  /** The step and its request: `Credentials (GET /api/v1/auth/me)`. */
  readonly title: string;
  readonly message: string;
  readonly recovery: Recovery;
  /** `Sign In Again (MA_…)`, `Open Settings: vobiz.apiBaseUrl`, `Show Log`. */
  readonly actions: readonly string[];
}

/** What one list (numbers or trunks) showed. */
export interface ListFindings {
  /** `ok`, `failed` (a failure says why) or `skipped` (an earlier step failed). */
  readonly status: 'ok' | 'failed' | 'skipped';
  /** The path casing that answered, when one did. */
  readonly casing?: AccountSegment;
  /** What each casing got: `/Account/ answered`, `/Account/ 404, /account/ answered`. */
  readonly casingNote: string;
  /** `page + per_page (the answer has page, per_page, total)`. */
  readonly paging?: string;
  /** The total the answer states. */
  readonly total?: number;
  /** The small page size asked for, and how many items came. */
  readonly pageSize?: { readonly asked: number; readonly got: number; readonly honoured: boolean };
  /** What the next page showed: other items, the same again, or why it was not asked. */
  readonly nextPage?: string;
}

export interface ConnectionReport {
  /** True when every step passed. */
  readonly ok: boolean;
  /** The first step that failed, with its request (`Credentials (GET /api/v1/auth/me)`). */
  readonly failedStep?: string;
  /** ISO time of the check. */
  readonly checkedAt: string;
  readonly versions: { readonly extension: string; readonly vscode: string };
  readonly authId: string;
  /** `entered` for the check (not stored), or an account's `stored` ones. */
  readonly credentialSource: 'entered' | 'stored';
  readonly baseUrl: string;
  /** The proxy requests go through (a password hidden), or `none (direct connection)`. */
  readonly proxy: string;
  /** `OK (an HTTPS answer arrived)`, `failed: <TLS error code>`, `plain http (loopback test server)`… */
  readonly tls: string;
  readonly timeoutSeconds: number;
  /** What `/auth/me` said: the account's name and type (never the token), or the failure. */
  readonly credentials: string;
  readonly numbers: ListFindings;
  readonly trunks: ListFindings;
  readonly requests: readonly ProbeLine[];
  /** Rate-limit headers seen (`x-ratelimit-*`, `retry-after`), the last value of each. */
  readonly rateLimit: Readonly<Record<string, string>>;
  readonly failures: readonly CheckFailure[];
}

/** The recovery rule's actions, in the words of the extension's buttons. */
export function recoveryWords(recovery: Recovery): string[] {
  const words: Record<RecoveryAction, string> = {
    signInAgain: recovery.authId ? l10n.t('Sign In Again ({0})', recovery.authId) : l10n.t('Sign In Again'),
    openSettings: l10n.t(
      'Open Settings: {0}',
      recovery.setting === undefined || recovery.setting.endsWith('.') ? `${recovery.setting ?? 'vobiz.'}*` : recovery.setting,
    ),
    retry: l10n.t('Retry (run Vobiz: Check Connection again)'),
    showLog: l10n.t('Show Log'),
    checkConnection: '',
  };
  // The report is the connection check's own: it does not send the reader to run it.
  return recovery.actions.filter((a) => a !== 'checkConnection').map((a) => words[a]);
}

/** Text for a table cell: one line, no cell breaks. */
function cell(text: string | number | undefined): string {
  return String(text ?? '—')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/**
 * Data in the report (from Vobiz, a setting, the environment): shown as it is, as inline code, so
 * nothing in it is rendered where the report is read as Markdown (the preview, a support ticket).
 */
class Literal {
  constructor(readonly text: string) {}
}

function literal(text: string): Literal {
  return new Literal(text);
}

function row(...cells: (string | number | undefined | Literal)[]): string {
  return `| ${cells.map((c) => (c instanceof Literal ? markdownCode(c.text) : cell(c))).join(' | ')} |`;
}

/** A step's name in the report: `Settings`, `Credentials`, `Numbers`, `Trunks`. */
export function stepTitle(step: CheckStep): string {
  switch (step) {
    case 'client':
      return l10n.t('Settings');
    case 'credentials':
      return l10n.t('Credentials');
    case 'numbers':
      return l10n.t('Numbers');
    case 'trunks':
      return l10n.t('Trunks');
  }
}

/** A Markdown heading (`## Lists`) around a translated title. */
function heading(level: number, title: string): string {
  return `${'#'.repeat(level)} ${title}`;
}

function connectionSection(r: ConnectionReport): string[] {
  const credentials =
    r.credentialSource === 'stored'
      ? l10n.t('{0} (stored in secret storage; the token is never shown)', r.authId)
      : l10n.t('{0} (entered for this check, not stored; the token is never shown)', r.authId);
  return [
    heading(2, l10n.t('Connection')),
    '',
    row(l10n.t('what'), l10n.t('found')),
    row('---', '---'),
    row(l10n.t('API base URL'), literal(r.baseUrl)),
    row(l10n.t('Proxy'), literal(r.proxy)),
    row(l10n.t('TLS'), r.tls),
    row(l10n.t('Request timeout'), l10n.t('{0} s', r.timeoutSeconds)),
    row(l10n.t('Credentials'), credentials),
    row(l10n.t('Account ({0})', 'GET /api/v1/auth/me'), literal(r.credentials)),
  ];
}

function listCells(f: ListFindings, pick: (f: ListFindings) => string | number | undefined): string | number | undefined {
  return f.status === 'skipped' ? l10n.t('not checked') : pick(f);
}

function listsSection(r: ConnectionReport): string[] {
  const line = (what: string, pick: (f: ListFindings) => string | number | undefined): string =>
    row(what, listCells(r.numbers, pick), listCells(r.trunks, pick));
  const size = (f: ListFindings): string | undefined =>
    f.pageSize &&
    (f.pageSize.honoured
      ? l10n.t('got {0} for {1}: honoured', f.pageSize.got, f.pageSize.asked)
      : l10n.t('got {0} for {1}: not honoured', f.pageSize.got, f.pageSize.asked));
  return [
    heading(2, l10n.t('Lists')),
    '',
    row('', stepTitle('numbers'), stepTitle('trunks')),
    row('---', '---', '---'),
    line(l10n.t('Result'), (f) => (f.status === 'ok' ? l10n.t('OK') : l10n.t('failed'))),
    line(l10n.t('Path casing'), (f) => f.casingNote),
    line(l10n.t('Paging'), (f) => f.paging),
    line(l10n.t('Total seen'), (f) => f.total ?? (f.paging ? l10n.t('not stated') : undefined)),
    line(l10n.t('Page size'), size),
    line(l10n.t('Next page'), (f) => f.nextPage),
  ];
}

function requestsSection(r: ConnectionReport): string[] {
  const title = heading(2, l10n.t('Requests'));
  if (!r.requests.length) return [title, '', l10n.t('None was sent.')];
  return [
    title,
    '',
    row(l10n.t('step'), l10n.t('request'), l10n.t('status'), l10n.t('time'), l10n.t('outcome')),
    row('---', '---', '---', '---:', '---'),
    ...r.requests.map((q) =>
      row(
        stepTitle(q.step),
        literal(q.request),
        q.status ?? l10n.t('no answer'),
        l10n.t('{0} ms', q.durationMs),
        literal(q.outcome),
      ),
    ),
  ];
}

function rateLimitSection(r: ConnectionReport): string[] {
  const seen = Object.entries(r.rateLimit);
  const title = heading(2, l10n.t('Rate limits'));
  if (!seen.length) return [title, '', l10n.t('No rate-limit header ({0}, {1}) was seen.', '`x-ratelimit-*`', '`retry-after`')];
  return [
    title,
    '',
    row(l10n.t('header'), l10n.t('last value')),
    row('---', '---'),
    ...seen.map(([name, value]) => row(literal(name), literal(value))),
  ];
}

function failuresSection(r: ConnectionReport): string[] {
  const title = heading(2, l10n.t('What to do'));
  if (!r.failures.length) return [title, '', l10n.t('Nothing: every step passed.')];
  return [
    title,
    '',
    ...r.failures.flatMap((f) => [heading(3, cell(f.title)), '', markdownCode(f.message), '', whatToDo(f.actions), '']),
  ];
}

/** `What to do: **Sign In Again**, then **Show Log**.` (the actions in order), or to see the message. */
function whatToDo(actions: readonly string[]): string {
  if (!actions.length) return l10n.t('What to do: see the message.');
  return l10n.t(
    'What to do: {0}.',
    actions.map((a) => `**${a}**`).reduce((done, next) => l10n.t('{0}, then {1}', done, next)),
  );
}

/** The report as Markdown: the result first, then each part; for a support ticket as it is. */
export function connectionReportMarkdown(r: ConnectionReport): string {
  const result = r.ok ? l10n.t('Result: every step passed.') : l10n.t('Result: failed at {0}.', cell(r.failedStep));
  return [
    heading(1, l10n.t('Vobiz connection check')),
    '',
    `**${result}**`,
    '',
    l10n.t(
      'Checked at {0} with Vobiz Routing {1} in VS Code {2}.',
      r.checkedAt,
      cell(r.versions.extension),
      cell(r.versions.vscode),
    ),
    '',
    ...connectionSection(r),
    '',
    ...listsSection(r),
    '',
    ...requestsSection(r),
    '',
    ...rateLimitSection(r),
    '',
    ...failuresSection(r),
    '',
    '---',
    l10n.t('Made by **Vobiz: Check Connection**. It holds no Auth Token: attach it as it is to a support ticket.'),
    '',
  ].join('\n');
}
