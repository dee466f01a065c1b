/**
 * Vobiz: Check Connection, without an editor: a short, read-only probe of the API with one set of
 * credentials (`/auth/me`, then two small pages of numbers and of trunks), and what it found as a
 * ConnectionReport (connectionReport.ts builds its Markdown). Works when signing in does not: a
 * failing step is reported with what to do (the recovery rule), and the steps after a failed
 * credentials check are not run. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import {
  isLoopbackHost,
  isRecord,
  listItems,
  listTotal,
  maskUrlCredentials,
  normalizeAccount,
  proxyDescription,
  VobizApiError,
} from '../api';
import type { AccountSegment, ProbeAnswer, ProbeQuery, VobizClient } from '../api';
import type { ClientFactory, ClientTarget, Credentials } from './clientFactory';
import { recoveryWords, stepTitle } from './connectionReport';
import type { CheckFailure, CheckStep, ConnectionReport, ListFindings, ProbeLine } from './connectionReport';
import type { SessionLog, SettingsSource } from './ports';
import { recoveryFor } from './recovery';

/** The page size the check asks for: small, so paging shows with a few items. */
export const PROBE_PAGE_SIZE = 2;

/** The credentials a check runs with. */
export interface CheckTarget {
  readonly authId: string;
  /** Typed in for the check (never stored), or a signed-in account's stored ones. */
  readonly source: 'entered' | 'stored';
  /** A new client on them (the check closes it); may throw (bad settings, credentials not sent to a new host). */
  open(): VobizClient | Promise<VobizClient>;
}

export interface CheckDeps {
  readonly settings: SettingsSource;
  readonly log: SessionLog;
  /** Passed in by the command: the extension's and VS Code's versions. */
  readonly versions: { readonly extension: string; readonly vscode: string };
  /** The environment the proxy is read from (default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/**
 * A check with credentials typed in (signed out, or a token to try): a client from the factory, for
 * the target `approve` gives (the one the settings name, once the credentials may go there).
 */
export function enteredCredentials(
  credentials: Credentials,
  createClient: ClientFactory,
  approve: (authId: string) => Promise<ClientTarget>,
): CheckTarget {
  const authId = credentials.authId.trim();
  return { authId, source: 'entered', open: async () => createClient(credentials, await approve(authId)) };
}

/** One list the check reads two small pages of. */
interface ListSpec {
  readonly step: 'numbers' | 'trunks';
  readonly rest: string;
  readonly first: ProbeQuery;
  readonly second: ProbeQuery;
  /** The parameter that moves from page to page (`page`, `offset`). */
  readonly pageParam: string;
}

const NUMBERS: ListSpec = {
  step: 'numbers',
  rest: '/numbers',
  first: { page: 1, per_page: PROBE_PAGE_SIZE },
  second: { page: 2, per_page: PROBE_PAGE_SIZE },
  pageParam: 'page',
};
const TRUNKS: ListSpec = {
  step: 'trunks',
  rest: '/trunks',
  first: { limit: PROBE_PAGE_SIZE, offset: 0 },
  second: { limit: PROBE_PAGE_SIZE, offset: PROBE_PAGE_SIZE },
  pageParam: 'offset',
};

/** A list the check did not read: an earlier step failed. */
function skipped(): ListFindings {
  return { status: 'skipped', casingNote: l10n.t('not checked: an earlier step failed') };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What identifies a list item across pages. */
function itemKey(raw: unknown): string {
  if (!isRecord(raw)) return JSON.stringify(raw);
  const id = raw.id ?? raw.e164 ?? raw.trunk_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(raw);
}

/** How a list answer says its paging: the style and the fields it has. */
export function pagingStyle(body: unknown): string {
  if (!isRecord(body)) return l10n.t('not stated (a bare list)');
  const meta = isRecord(body.meta) ? body.meta : {};
  const fields = [
    ...['page', 'per_page', 'total', 'limit', 'offset'].filter((k) => k in body),
    ...['limit', 'offset', 'total', 'total_count', 'next', 'previous'].filter((k) => k in meta).map((k) => `meta.${k}`),
  ];
  const style =
    'page' in body || 'per_page' in body
      ? 'page + per_page'
      : 'limit' in meta || 'offset' in meta
        ? 'limit + offset'
        : l10n.t('not stated');
  return fields.length
    ? l10n.t('{0} (the answer has {1})', style, fields.join(', '))
    : l10n.t('{0} (the answer has no paging fields)', style);
}

/** The TLS outcome: https answered, its error code, or plain http to a loopback test server. */
export function tlsOutcome(baseUrl: string, answered: boolean, failure: VobizApiError | undefined): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return l10n.t('not checked (the API base URL is not a URL)');
  }
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? l10n.t('plain http (loopback test server)')
      : l10n.t('plain http (refused: https is required)');
  }
  if (answered) return l10n.t('OK (an HTTPS answer arrived)');
  if (!failure) return l10n.t('not checked (nothing was sent)');
  const code = failure.code ?? (failure.kind === 'timeout' ? l10n.t('no answer in time') : failure.kind);
  return /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code)
    ? l10n.t('not reached ({0}: the connection failed before TLS)', code)
    : l10n.t('failed: {0}', code);
}

/** The proxy requests to `baseUrl` (the URL checked) go through, as the report says it. */
function proxyLine(settings: SettingsSource, baseUrl: string, env: NodeJS.ProcessEnv | undefined): string {
  try {
    return proxyDescription(settings.proxy(), baseUrl, env);
  } catch (err) {
    return l10n.t('unusable: {0}', err instanceof Error ? err.message : String(err));
  }
}

/** Vobiz sent the first page again for the second: the list's paging parameter is ignored. */
function pageIgnored(spec: ListSpec, request: string): string {
  const param = `\`${spec.pageParam}\``;
  return spec.step === 'numbers'
    ? l10n.t(
        'Vobiz ignores {0} on the numbers list: the second page repeated the first, so the extension can read only the first page of numbers and reports the list as incomplete ({1}).',
        param,
        request,
      )
    : l10n.t(
        'Vobiz ignores {0} on the trunks list: the second page repeated the first, so the extension can read only the first page of trunks and reports the list as incomplete ({1}).',
        param,
        request,
      );
}

/** A page that came: its items, total and paging, or why it cannot be read as a list. */
interface ListPage {
  items: unknown[];
  body: unknown;
}

function listPage(answer: ProbeAnswer): ListPage | string {
  const body = parseJson(answer.text);
  if (body === undefined) return l10n.t('the answer is not JSON');
  const items = listItems(body);
  return items ? { items, body } : l10n.t('the answer holds no list');
}

/** One check: the requests made, what failed, the rate limits seen. */
class CheckRun {
  readonly #target: CheckTarget;
  readonly #deps: CheckDeps;
  readonly requests: ProbeLine[] = [];
  readonly failures: CheckFailure[] = [];
  readonly rateLimit: Record<string, string> = {};
  answered = false;
  networkFailure: VobizApiError | undefined;

  constructor(target: CheckTarget, deps: CheckDeps) {
    this.#target = target;
    this.#deps = deps;
  }

  fail(step: CheckStep, request: string | undefined, error: unknown): void {
    const recovery = recoveryFor(error, { authId: this.#target.authId, loading: step === 'client' });
    const title = `${stepTitle(step)}${request ? ` (${request})` : ''}`;
    const message = error instanceof Error ? error.message : String(error);
    this.failures.push({ step, title, message, recovery, actions: recoveryWords(recovery) });
    this.#deps.log.warn(l10n.t('Check Connection: {0} failed: {1}', title, message));
  }

  /** A new client, or undefined when it cannot be made (the failure is recorded). */
  async open(): Promise<VobizClient | undefined> {
    try {
      return await this.#target.open();
    } catch (err) {
      this.fail('client', undefined, err);
      return undefined;
    }
  }

  /** One GET: its answer, or undefined when none came (the failure is recorded). */
  async probe(client: VobizClient, step: CheckStep, path: string, query: ProbeQuery = {}): Promise<ProbeAnswer | undefined> {
    const started = performance.now();
    try {
      const answer = await client.probe(path, query);
      this.answered = true;
      Object.assign(this.rateLimit, answer.rateLimit);
      const outcome = answer.error ? (answer.error.code ?? `HTTP ${answer.status}`) : l10n.t('OK');
      this.requests.push({
        step,
        request: `GET ${answer.pathAndQuery}`,
        status: answer.status,
        durationMs: answer.durationMs,
        outcome,
      });
      return answer;
    } catch (err) {
      const search = new URLSearchParams(
        Object.entries(query).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])),
      ).toString();
      const request = `GET ${path}${search ? `?${search}` : ''}`;
      if (err instanceof VobizApiError && (err.kind === 'network' || err.kind === 'timeout')) this.networkFailure ??= err;
      const outcome = err instanceof VobizApiError ? (err.code ?? err.kind) : l10n.t('failed');
      this.requests.push({ step, request, durationMs: Math.round(performance.now() - started), outcome });
      this.fail(step, `GET ${path}`, err);
      return undefined;
    }
  }

  /** `/auth/me`: the account's name and type. False when the later steps would be no use (no answer, or credentials refused). */
  async credentials(client: VobizClient): Promise<{ go: boolean; said: string }> {
    const path = '/api/v1/auth/me';
    const answer = await this.probe(client, 'credentials', path);
    if (!answer) return { go: false, said: l10n.t('no answer') };
    if (answer.error) {
      this.fail('credentials', `GET ${path}`, answer.error);
      return { go: !answer.error.isAuthError, said: l10n.t('HTTP {0}: refused', answer.status) };
    }
    const account = normalizeAccount(parseJson(answer.text));
    if (!account) {
      const message = l10n.t('Unexpected answer from Vobiz ({0}): it names no account.', `GET ${path}`);
      this.fail('credentials', `GET ${path}`, new VobizApiError({ kind: 'bad-response', message, method: 'GET', path }));
      return { go: true, said: l10n.t('HTTP {0}: names no account', answer.status) };
    }
    const type = typeof account.account_type === 'string' ? l10n.t('{0} account', account.account_type) : undefined;
    return { go: true, said: [account.name ?? account.auth_id, type].filter(Boolean).join(' · ') };
  }

  /**
   * The first small page of a list under `/Account/`, and under `/account/` when that answers 404:
   * the casing that answered, or undefined (the failure is recorded).
   */
  async #firstPage(
    client: VobizClient,
    spec: ListSpec,
  ): Promise<{ segment: AccountSegment; answer: ProbeAnswer; note: string } | { note: string }> {
    const path = (segment: AccountSegment): string => `/api/v1/${segment}/${encodeURIComponent(this.#target.authId)}${spec.rest}`;
    const capital = await this.probe(client, spec.step, path('Account'), spec.first);
    if (!capital) return { note: l10n.t('/Account/: no answer') };
    if (!capital.error) return { segment: 'Account', answer: capital, note: l10n.t('/Account/ answered') };
    if (capital.status !== 404) {
      this.fail(spec.step, `GET ${path('Account')}`, capital.error);
      return { note: `/Account/: HTTP ${capital.status}` };
    }
    const lower = await this.probe(client, spec.step, path('account'), spec.first);
    if (lower && !lower.error) {
      return {
        segment: 'account',
        answer: lower,
        note: l10n.t('/Account/ answered 404; /account/ answered (the older casing: the extension switches to it by itself)'),
      };
    }
    this.fail(spec.step, `GET ${path('Account')}`, capital.error);
    return {
      note: lower ? `/Account/: HTTP 404; /account/: HTTP ${lower.status}` : l10n.t('/Account/: HTTP 404; /account/: no answer'),
    };
  }

  /** Numbers or trunks: path casing, paging style, total, page size honoured, next page honoured. */
  async list(client: VobizClient, spec: ListSpec): Promise<ListFindings> {
    const first = await this.#firstPage(client, spec);
    if (!('answer' in first)) return { status: 'failed', casingNote: first.note };
    const path = first.answer.pathAndQuery.split('?')[0];
    const page = listPage(first.answer);
    if (typeof page === 'string') {
      const message = l10n.t('Unexpected answer from Vobiz ({0}): {1}.', `GET ${path}`, page);
      this.fail(spec.step, `GET ${path}`, new VobizApiError({ kind: 'bad-response', message, method: 'GET', path }));
      return { status: 'failed', casing: first.segment, casingNote: first.note };
    }
    const got = page.items.length;
    const total = listTotal(page.body);
    const findings = {
      casing: first.segment,
      casingNote: first.note,
      paging: pagingStyle(page.body),
      total,
      pageSize: { asked: PROBE_PAGE_SIZE, got, honoured: got <= PROBE_PAGE_SIZE },
    };
    const next = await this.#nextPage(client, spec, path, page.items, total);
    return { status: next.ok ? 'ok' : 'failed', ...findings, nextPage: next.said };
  }

  /** The second small page: other items (the paging parameter honoured), the same again (ignored), or not needed. */
  async #nextPage(
    client: VobizClient,
    spec: ListSpec,
    path: string,
    items: readonly unknown[],
    total: number | undefined,
  ): Promise<{ ok: boolean; said: string }> {
    if (items.length !== PROBE_PAGE_SIZE) {
      const said =
        items.length < PROBE_PAGE_SIZE
          ? l10n.t('not asked: the first page held {0} (all there is)', items.length)
          : l10n.t('not asked: the first page held {0} (the page size was not honoured)', items.length);
      return { ok: true, said };
    }
    if (total !== undefined && total <= PROBE_PAGE_SIZE) {
      return { ok: true, said: l10n.t('not asked: the total ({0}) fits the first page', total) };
    }
    const answer = await this.probe(client, spec.step, path, spec.second);
    if (!answer) return { ok: false, said: l10n.t('no answer') };
    if (answer.error) {
      this.fail(spec.step, `GET ${path}`, answer.error);
      return { ok: false, said: `HTTP ${answer.status}` };
    }
    const page = listPage(answer);
    const seen = new Set(items.map(itemKey));
    const next = typeof page === 'string' ? [] : page.items.map(itemKey);
    if (next.length && next.every((k) => seen.has(k))) {
      const message = pageIgnored(spec, `GET ${path}`);
      this.fail(spec.step, `GET ${path}`, new VobizApiError({ kind: 'bad-response', message, method: 'GET', path }));
      return { ok: false, said: l10n.t('repeated the first page: {0} ignored', `\`${spec.pageParam}\``) };
    }
    if (next.length) return { ok: true, said: l10n.t('other items: {0} honoured', `\`${spec.pageParam}\``) };
    return {
      ok: true,
      said: total !== undefined && total > PROBE_PAGE_SIZE ? l10n.t('empty although the total is {0}', total) : l10n.t('empty'),
    };
  }
}

/**
 * Runs the check: a client from the target (its failure is the Settings step), `/auth/me`, then
 * numbers and trunks (not run when the credentials were refused or nothing answered). Never throws
 * for what it finds: every failure is in the report, with what to do.
 */
export async function checkConnection(target: CheckTarget, deps: CheckDeps): Promise<ConnectionReport> {
  const run = new CheckRun(target, deps);
  const settings = deps.settings.read();
  // The setting as written can hold credentials (the client refuses them): shown with them hidden.
  const shownBaseUrl = maskUrlCredentials(settings.apiBaseUrl);
  deps.log.info(
    target.source === 'entered'
      ? l10n.t('Check Connection: {0} (entered credentials) at {1}.', target.authId, shownBaseUrl)
      : l10n.t('Check Connection: {0} (stored credentials) at {1}.', target.authId, shownBaseUrl),
  );
  const client = await run.open();
  let credentials = l10n.t('not checked: the client could not be made');
  let numbers = skipped();
  let trunks = skipped();
  if (client) {
    try {
      const me = await run.credentials(client);
      credentials = me.said;
      if (me.go) {
        numbers = await run.list(client, NUMBERS);
        trunks = await run.list(client, TRUNKS);
      }
    } finally {
      void client.close();
    }
  }
  const failures = run.failures;
  const report: ConnectionReport = {
    ok: failures.length === 0,
    ...(failures.length ? { failedStep: failures[0].title } : {}),
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
    versions: deps.versions,
    authId: target.authId,
    credentialSource: target.source,
    baseUrl: client?.baseUrl ?? shownBaseUrl,
    proxy: proxyLine(deps.settings, client?.baseUrl ?? settings.apiBaseUrl, deps.env),
    tls: tlsOutcome(client?.baseUrl ?? settings.apiBaseUrl, run.answered, run.networkFailure),
    timeoutSeconds: Math.round(settings.timeoutMs / 100) / 10,
    credentials,
    numbers,
    trunks,
    requests: run.requests,
    rateLimit: run.rateLimit,
    failures,
  };
  deps.log.info(
    report.ok
      ? l10n.t('Check Connection: every step passed.')
      : report.failedStep
        ? l10n.t('Check Connection: failed at {0}.', report.failedStep)
        : l10n.t('Check Connection: failed at a step.'),
  );
  return report;
}
