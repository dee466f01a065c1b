/**
 * The report of Vobiz: Check Connection: what the probe found (connectionCheck.ts), and its
 * Markdown, built by a pure function for an editor and a support ticket. It never holds an Auth
 * Token: the probe gets only what the API client hands out, redacted. No vscode import.
 */
import type { AccountSegment } from '../api';
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
    signInAgain: recovery.authId ? `Sign In Again (${recovery.authId})` : 'Sign In Again',
    openSettings: `Open Settings: ${recovery.setting === undefined || recovery.setting.endsWith('.') ? `${recovery.setting ?? 'vobiz.'}*` : recovery.setting}`,
    retry: 'Retry (run Vobiz: Check Connection again)',
    showLog: 'Show Log',
  };
  return recovery.actions.map((a) => words[a]);
}

/** Text for a table cell: one line, no cell breaks. */
function cell(text: string | number | undefined): string {
  return String(text ?? '—')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function row(...cells: (string | number | undefined)[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

const STEP_TITLES: Record<CheckStep, string> = { client: 'Settings', credentials: 'Credentials', numbers: 'Numbers', trunks: 'Trunks' };

function connectionSection(r: ConnectionReport): string[] {
  return [
    '## Connection',
    '',
    row('what', 'found'),
    row('---', '---'),
    row('API base URL', r.baseUrl),
    row('Proxy', r.proxy),
    row('TLS', r.tls),
    row('Request timeout', `${r.timeoutSeconds} s`),
    row('Credentials', `${r.authId} (${r.credentialSource === 'stored' ? 'stored in secret storage' : 'entered for this check, not stored'}; the token is never shown)`),
    row('Account (GET /api/v1/auth/me)', r.credentials),
  ];
}

function listCells(f: ListFindings, pick: (f: ListFindings) => string | number | undefined): string | number | undefined {
  return f.status === 'skipped' ? 'not checked' : pick(f);
}

function listsSection(r: ConnectionReport): string[] {
  const line = (what: string, pick: (f: ListFindings) => string | number | undefined): string => row(what, listCells(r.numbers, pick), listCells(r.trunks, pick));
  const size = (f: ListFindings): string | undefined =>
    f.pageSize && `got ${f.pageSize.got} for ${f.pageSize.asked}: ${f.pageSize.honoured ? 'honoured' : 'not honoured'}`;
  return [
    '## Lists',
    '',
    row('', 'Numbers', 'Trunks'),
    row('---', '---', '---'),
    line('Result', (f) => (f.status === 'ok' ? 'OK' : 'failed')),
    line('Path casing', (f) => f.casingNote),
    line('Paging', (f) => f.paging),
    line('Total seen', (f) => f.total ?? (f.paging ? 'not stated' : undefined)),
    line('Page size', size),
    line('Next page', (f) => f.nextPage),
  ];
}

function requestsSection(r: ConnectionReport): string[] {
  if (!r.requests.length) return ['## Requests', '', 'None was sent.'];
  return [
    '## Requests',
    '',
    row('step', 'request', 'status', 'time', 'outcome'),
    row('---', '---', '---', '---:', '---'),
    ...r.requests.map((q) => row(STEP_TITLES[q.step], q.request, q.status ?? 'no answer', `${q.durationMs} ms`, q.outcome)),
  ];
}

function rateLimitSection(r: ConnectionReport): string[] {
  const seen = Object.entries(r.rateLimit);
  if (!seen.length) return ['## Rate limits', '', 'No rate-limit header (`x-ratelimit-*`, `retry-after`) was seen.'];
  return ['## Rate limits', '', row('header', 'last value'), row('---', '---'), ...seen.map(([name, value]) => row(name, value))];
}

function failuresSection(r: ConnectionReport): string[] {
  if (!r.failures.length) return ['## What to do', '', 'Nothing: every step passed.'];
  return [
    '## What to do',
    '',
    ...r.failures.flatMap((f) => [`### ${cell(f.title)}`, '', cell(f.message), '', `What to do: ${f.actions.map((a) => `**${a}**`).join(', then ') || 'see the message'}.`, '']),
  ];
}

/** The report as Markdown: the result first, then each part; for a support ticket as it is. */
export function connectionReportMarkdown(r: ConnectionReport): string {
  const result = r.ok ? 'every step passed.' : `failed at ${cell(r.failedStep)}.`;
  return [
    '# Vobiz connection check',
    '',
    `**Result: ${result}**`,
    '',
    `Checked at ${r.checkedAt} with Vobiz Routing ${cell(r.versions.extension)} in VS Code ${cell(r.versions.vscode)}.`,
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
    'Made by **Vobiz: Check Connection**. It holds no Auth Token: attach it as it is to a support ticket.',
    '',
  ].join('\n');
}
