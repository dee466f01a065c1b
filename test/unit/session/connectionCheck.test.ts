/**
 * Vobiz: Check Connection in plain Node: the probe against the fake Vobiz over loopback (its
 * variants and faults), and the report builder as a pure function.
 */
import * as assert from 'node:assert/strict';
import { VobizApiError } from '../../../src/api';
import { clientFactory, currentTarget } from '../../../src/session/clientFactory';
import { checkConnection, enteredCredentials, pagingStyle, tlsOutcome } from '../../../src/session/connectionCheck';
import type { CheckTarget } from '../../../src/session/connectionCheck';
import { marked } from 'marked';
import { connectionReportMarkdown } from '../../../src/session/connectionReport';
import type { ConnectionReport } from '../../../src/session/connectionReport';
import { CredentialHostError } from '../../../src/session/hostConsent';
import { recoveryFor } from '../../../src/session/recovery';
import { MemoryLog, TestSettings } from '../../support/editorStandIns';
import { TestProxy } from '../../support/testProxy';
import { TEST_API_HOSTNAME, testApiTls } from '../../support/tlsFixture';
import { freePort, rejectionOf, SANDBOX, useFake } from '../helpers';

const VERSIONS = { extension: '9.9.9', vscode: '1.100.0' };
const CHECKED_AT = new Date('2026-05-01T10:00:00.000Z');
const ME = '/api/v1/auth/me';
const numbersPath = (casing = 'Account'): string => `/api/v1/${casing}/${SANDBOX.authId}/numbers`;
const trunksPath = (casing = 'Account'): string => `/api/v1/${casing}/${SANDBOX.authId}/trunks`;

describe('session: Check Connection (plain Node)', () => {
  const h = useFake();
  let settings: TestSettings;
  let log: MemoryLog;

  beforeEach(() => {
    settings = new TestSettings(h.fake.baseUrl);
    log = new MemoryLog();
  });

  function target(authToken: string = SANDBOX.authToken): CheckTarget {
    return enteredCredentials({ authId: SANDBOX.authId, authToken }, clientFactory(settings, log), () =>
      Promise.resolve(currentTarget(settings)),
    );
  }

  function check(t: CheckTarget = target()): Promise<ConnectionReport> {
    return checkConnection(t, { settings, log, versions: VERSIONS, env: {}, now: () => CHECKED_AT });
  }

  /** The report has no token anywhere, nor has the log. */
  function assertNoToken(report: ConnectionReport): void {
    for (const token of [SANDBOX.authToken, SANDBOX.rotatedAuthToken, 'wrong-token-value']) {
      assert.ok(!JSON.stringify(report).includes(token), 'a token is in the report');
      assert.ok(!connectionReportMarkdown(report).includes(token), 'a token is in the Markdown');
      assert.ok(!log.lines.some((l) => l.includes(token)), 'a token is in the log');
    }
  }

  /** None of `secrets` (a password) is in the report, its Markdown or the log. */
  function assertHidden(report: ConnectionReport, secrets: readonly string[]): void {
    const markdown = connectionReportMarkdown(report);
    for (const secret of secrets) {
      assert.ok(!JSON.stringify(report).includes(secret), `"${secret}" is in the report`);
      assert.ok(!markdown.includes(secret), `"${secret}" is in the Markdown`);
      assert.equal(
        log.lines.find((l) => l.includes(secret)),
        undefined,
        `"${secret}" is in the log`,
      );
    }
  }

  describe('the probe', () => {
    it('a healthy account: auth/me, then two small pages of numbers and of trunks, read-only; every finding', async () => {
      const report = await check();
      assert.equal(report.ok, true, JSON.stringify(report.failures));
      assert.equal(report.failedStep, undefined);
      assert.equal(report.credentials, 'Acme Voice (sandbox) · main account');
      assert.equal(report.credentialSource, 'entered');
      assert.equal(report.baseUrl, h.fake.baseUrl);
      assert.equal(report.proxy, 'none (direct connection)');
      assert.equal(report.tls, 'plain http (loopback test server)');
      assert.equal(report.checkedAt, '2026-05-01T10:00:00.000Z');
      assert.deepEqual(report.numbers, {
        status: 'ok',
        casing: 'Account',
        casingNote: '/Account/ answered',
        paging: 'page + per_page (the answer has page, per_page, total)',
        total: 12,
        pageSize: { asked: 2, got: 2, honoured: true },
        nextPage: 'other items: `page` honoured',
      });
      assert.equal(
        report.trunks.paging,
        'limit + offset (the answer has meta.limit, meta.offset, meta.total, meta.next, meta.previous)',
      );
      assert.equal(report.trunks.total, 4);
      assert.equal(report.trunks.nextPage, 'other items: `offset` honoured');
      assert.deepEqual(
        report.requests.map((r) => `${r.step} ${r.request} ${r.status ?? '-'} ${r.outcome}`),
        [
          `credentials GET ${ME} 200 OK`,
          `numbers GET ${numbersPath()}?page=1&per_page=2 200 OK`,
          `numbers GET ${numbersPath()}?page=2&per_page=2 200 OK`,
          `trunks GET ${trunksPath()}?limit=2&offset=0 200 OK`,
          `trunks GET ${trunksPath()}?limit=2&offset=2 200 OK`,
        ],
      );
      assert.ok(report.requests.every((r) => Number.isInteger(r.durationMs) && r.durationMs >= 0));
      assert.ok(
        h.fake.requests.every((r) => r.method === 'GET'),
        'read-only',
      );
      assert.deepEqual(report.rateLimit, {});
      assert.ok(log.requests.length === 5, 'each request is in the log');
      assertNoToken(report);
    });

    it('a rejected token: the credentials step fails with Sign In Again; the lists are not asked for', async () => {
      h.fake.rotateToken(SANDBOX.authId, SANDBOX.rotatedAuthToken);
      const report = await check();
      assert.equal(report.ok, false);
      assert.equal(report.failedStep, `Credentials (GET ${ME})`);
      assert.equal(report.credentials, 'HTTP 401: refused');
      assert.deepEqual(
        report.failures.map((f) => f.actions),
        [['Sign In Again (MA_DEMO0001)', 'Show Log']],
      );
      assert.equal(report.failures[0].recovery.problem, 'credentialsRejected');
      assert.match(report.failures[0].message, /did not accept the credentials \(HTTP 401 on GET \/api\/v1\/auth\/me\)/);
      assert.equal(report.numbers.status, 'skipped');
      assert.equal(report.trunks.status, 'skipped');
      assert.equal(h.fake.requests.length, 1);
      assertNoToken(report);
    });

    it('a server answering only /account/: /Account/ is asked first, /account/ answers, the report says which', async () => {
      h.fake.variants.pathCasing = 'lowercase-only';
      const report = await check();
      assert.equal(report.ok, true, JSON.stringify(report.failures));
      for (const list of [report.numbers, report.trunks]) {
        assert.equal(list.casing, 'account');
        assert.match(list.casingNote, /^\/Account\/ answered 404; \/account\/ answered/);
      }
      assert.deepEqual(
        report.requests.filter((r) => r.step === 'numbers').map((r) => `${r.request} ${r.status ?? '-'}`),
        [
          `GET ${numbersPath()}?page=1&per_page=2 404`,
          `GET ${numbersPath('account')}?page=1&per_page=2 200`,
          `GET ${numbersPath('account')}?page=2&per_page=2 200`,
        ],
      );
    });

    it('a server answering only /Account/ is never asked for /account/', async () => {
      h.fake.variants.pathCasing = 'capital-only';
      const report = await check();
      assert.equal(report.ok, true);
      assert.ok(h.fake.requests.every((r) => !r.path.includes('/account/')));
    });

    it('no casing answers: the list fails with the 404 of /Account/, its causes, and Show Log', async () => {
      h.fake.inject({
        method: 'GET',
        path: '/numbers',
        times: 2,
        fault: { type: 'status', status: 404, body: { error: 'Not found' } },
      });
      const report = await check();
      assert.equal(report.failedStep, `Numbers (GET ${numbersPath()})`);
      assert.equal(report.numbers.casingNote, '/Account/: HTTP 404; /account/: HTTP 404');
      assert.match(report.failures[0].message, /wrong path casing/);
      assert.deepEqual(report.failures[0].actions, ['Show Log']);
      assert.equal(report.trunks.status, 'ok', 'the trunks are still checked');
    });

    it('a server ignoring `page`: the second page repeats the first, and the report says the list cannot be read whole', async () => {
      h.fake.variants.ignoreNumberPage = true;
      const report = await check();
      assert.equal(report.ok, false);
      assert.equal(report.numbers.status, 'failed');
      assert.equal(report.numbers.nextPage, 'repeated the first page: `page` ignored');
      assert.deepEqual(report.numbers.pageSize, { asked: 2, got: 2, honoured: true });
      assert.match(report.failures[0].message, /ignores `page` on the numbers list/);
      assert.deepEqual(report.failures[0].actions, ['Show Log']);
      assert.equal(report.trunks.status, 'ok');
    });

    it('a server ignoring `offset` on trunks, and one not honouring the page size: each said', async () => {
      h.fake.variants.ignoreTrunkOffset = true;
      h.fake.variants.numbersServedPerPage = 5;
      const report = await check();
      assert.equal(report.trunks.nextPage, 'repeated the first page: `offset` ignored');
      assert.deepEqual(report.numbers.pageSize, { asked: 2, got: 5, honoured: false });
      assert.equal(report.numbers.nextPage, 'not asked: the first page held 5 (the page size was not honoured)');
      assert.equal(report.numbers.status, 'ok', 'a larger page is read as it is: not a failure');
      assert.deepEqual(
        report.failures.map((f) => f.step),
        ['trunks'],
      );
    });

    it('rate-limit headers seen are reported with their last value', async () => {
      h.fake.variants.rateLimitHeaders = true;
      const report = await check();
      assert.deepEqual(report.rateLimit, {
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '995',
        'x-ratelimit-reset': '60',
      });
      assert.match(connectionReportMarkdown(report), /\| `x-ratelimit-remaining` \| `995` \|/);
    });

    it("a server error on a list is that list's failure, not retried", async () => {
      h.fake.inject({ method: 'GET', path: '/trunks', fault: { type: 'status', status: 503, body: { error: 'unavailable' } } });
      const report = await check();
      assert.equal(report.failedStep, `Trunks (GET ${trunksPath()})`);
      assert.equal(h.fake.requestsTo('GET', '/trunks').length, 1);
      assert.equal(report.numbers.status, 'ok');
    });

    it('nothing listening: the credentials step fails with the network reason, and nothing after it runs', async () => {
      settings.value.apiBaseUrl = `http://127.0.0.1:${await freePort()}`;
      const report = await check();
      assert.equal(report.failedStep, `Credentials (GET ${ME})`);
      assert.match(report.failures[0].message, /connection was refused/);
      assert.deepEqual(report.failures[0].actions, ['Show Log']);
      assert.equal(report.requests[0].status, undefined);
      assert.equal(report.requests[0].outcome, 'ECONNREFUSED');
      assert.equal(report.tls, 'plain http (loopback test server)');
      assert.equal(report.numbers.status, 'skipped');
    });

    it('https to a server that does not speak TLS: the TLS error code', async () => {
      settings.value.apiBaseUrl = h.fake.baseUrl.replace('http:', 'https:');
      const report = await check();
      assert.match(report.tls, /^failed: \S+/);
      assert.doesNotMatch(report.tls, /ECONNREFUSED/);
      assert.equal(report.failedStep, `Credentials (GET ${ME})`);
    });

    it('an unusable API base URL: the Settings step fails with Open Settings, and nothing is sent', async () => {
      settings.value.apiBaseUrl = 'http://api.example.com';
      const report = await check();
      assert.equal(report.failedStep, 'Settings');
      assert.deepEqual(report.failures[0].actions, ['Open Settings: vobiz.*', 'Retry (run Vobiz: Check Connection again)']);
      assert.match(report.tls, /plain http \(refused/);
      assert.equal(report.credentials, 'not checked: the client could not be made');
      assert.equal(h.fake.requests.length, 0);
    });

    it('an API base URL with credentials (parseable or not, with a scheme or without): the Settings step fails, and the password is in no report, Markdown or log line', async () => {
      const unparseable = ['https://user:s3cret@api.example.com:99999', 'https://user:s3cret@api example.com'];
      for (const url of [
        'https://user:s3cret@api.example.com',
        'https://user:s3 cret@api.example.com',
        ...unparseable,
        'user:s3cret@api.example.com',
        h.fake.baseUrl.replace('http://', 'http://user:s3cret@'),
      ]) {
        settings.value.apiBaseUrl = url;
        const report = await check();
        assert.equal(report.failedStep, 'Settings', url);
        assert.match(report.baseUrl, /\*\*\*@/, url);
        assertHidden(report, ['s3cret', 's3 cret']);
      }
      assert.ok(
        log.lines.some((l) => l.includes('at https://***@api.example.com.')),
        'the log names the URL, its credentials hidden',
      );
      assert.equal(h.fake.requests.length, 0, 'nothing was sent');
    });

    it('stored credentials not sent to a new host: Open Settings on vobiz.apiBaseUrl', async () => {
      const declined = new CredentialHostError({ authId: SANDBOX.authId, label: 'Acme', from: 'api.vobiz.ai', to: '127.0.0.1' });
      const report = await check({
        authId: SANDBOX.authId,
        source: 'stored',
        open: () => {
          throw declined;
        },
      });
      assert.equal(report.credentialSource, 'stored');
      assert.deepEqual(report.failures[0].actions, [
        'Open Settings: vobiz.apiBaseUrl',
        'Retry (run Vobiz: Check Connection again)',
      ]);
      assert.equal(h.fake.requests.length, 0);
    });

    describe('proxies', () => {
      /** The fake under https://api.vobiz.test:<port>: not loopback, so proxied; only the test proxy resolves it. */
      const remote = useFake(undefined, { tls: testApiTls() });
      const proxy = new TestProxy();
      before(() => proxy.start());
      after(() => proxy.stop());
      beforeEach(() => {
        proxy.relayed = 0;
        proxy.requireAuth = undefined;
        proxy.hosts.set(TEST_API_HOSTNAME, '127.0.0.1');
      });

      it('through a proxy: the requests go through it; the report names it with its password hidden', async () => {
        proxy.requireAuth = `Basic ${Buffer.from('user:s3cret-pass').toString('base64')}`;
        settings.value.apiBaseUrl = remote.fake.baseUrl;
        settings.proxySettings = {
          proxy: proxy.url.replace('http://', 'http://user:s3cret-pass@'),
          noProxy: [],
          strictSSL: false,
        };
        const report = await check();
        assert.equal(report.ok, true, JSON.stringify(report.failures));
        assert.ok(proxy.relayed >= 1, 'the proxy relayed the requests');
        assert.equal(remote.fake.requests.length, 5);
        assert.equal(
          report.proxy,
          `${proxy.url.replace('http://', 'http://***@')} (from the "http.proxy" setting; TLS not verified)`,
        );
        assert.equal(report.tls, 'OK (an HTTPS answer arrived)');
        assert.ok(
          log.lines.some((l) => l.includes(`go through the proxy ${proxy.url.replace('http://', 'http://***@')}`)),
          'the log names the proxy',
        );
        assertHidden(report, ['s3cret-pass']);
      });

      it('a proxy URL without a scheme, with a password: read as http://, the check goes through it, and the password is in no report, Markdown or log line', async () => {
        proxy.requireAuth = `Basic ${Buffer.from('user:s3cret-pass').toString('base64')}`;
        settings.value.apiBaseUrl = remote.fake.baseUrl;
        settings.proxySettings = { proxy: proxy.url.replace('http://', 'user:s3cret-pass@'), noProxy: [], strictSSL: false };
        const report = await check();
        assert.equal(report.ok, true, JSON.stringify(report.failures));
        assert.ok(proxy.relayed >= 1, 'the proxy relayed the requests: the credentials were sent');
        assert.equal(
          report.proxy,
          `${proxy.url.replace('http://', 'http://***@')} (from the "http.proxy" setting; TLS not verified; no scheme given: http:// assumed)`,
        );
        assertHidden(report, ['s3cret-pass']);
      });

      it('an unusable proxy URL with a password: the Settings step fails, nothing is sent, and the password is in no report, Markdown or log line', async () => {
        settings.value.apiBaseUrl = remote.fake.baseUrl;
        for (const url of [
          'socks5://user:s3cret-pass@proxy.example.com:1080',
          'http://user:s3cret-pass@proxy.example.com:80 80',
          'user:s3cret-pass@proxy.example.com:99999',
        ]) {
          settings.proxySettings = { proxy: url, noProxy: [], strictSSL: true };
          const report = await check();
          assert.equal(report.failedStep, 'Settings', url);
          assert.match(report.proxy, /^unusable: The proxy URL "[^"]*\*\*\*@proxy\.example\.com:[\d ]+"/);
          assertHidden(report, ['s3cret-pass']);
        }
        assert.equal(proxy.relayed + remote.fake.requests.length, 0, 'nothing was sent');
      });

      it('a proxy set and the loopback sandbox: nothing goes through the proxy, the sandbox gets the requests directly, and the report and log say why', async () => {
        settings.proxySettings = {
          proxy: proxy.url.replace('http://', 'http://user:s3cret-pass@'),
          noProxy: [],
          strictSSL: true,
        };
        const report = await check();
        assert.equal(report.ok, true, JSON.stringify(report.failures));
        assert.equal(proxy.relayed, 0, 'the proxy relayed nothing');
        assert.equal(h.fake.requests.length, 5, 'the sandbox got the requests directly');
        assert.equal(
          report.proxy,
          `none: loopback hosts are never proxied (the "http.proxy" setting names ${proxy.url.replace('http://', 'http://***@')})`,
        );
        assert.match(connectionReportMarkdown(report), /loopback hosts are never proxied/);
        assert.ok(
          log.lines.some((l) =>
            l.includes(
              `Requests to Vobiz at ${new URL(h.fake.baseUrl).host} go directly, not through the proxy: loopback hosts are never proxied.`,
            ),
          ),
          log.lines.join('\n'),
        );
        assert.ok(!log.lines.some((l) => l.includes('go through the proxy')), 'the log does not claim a proxy is used');
        assertHidden(report, ['s3cret-pass']);
      });
    });
  });

  describe('VobizClient.probe', () => {
    it('returns a non-2xx answer with the error a call would throw, without retrying it', async () => {
      h.fake.inject({
        method: 'GET',
        fault: {
          type: 'status',
          status: 503,
          body: { error: 'unavailable' },
          headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
        },
      });
      const answer = await h.client().probe(ME);
      assert.equal(answer.status, 503);
      assert.ok(answer.error instanceof VobizApiError);
      assert.equal(answer.error.status, 503);
      assert.deepEqual(answer.rateLimit, { 'retry-after': '1', 'x-ratelimit-remaining': '0' });
      assert.equal(h.fake.requests.length, 1);
    });

    it('redacts the token from the body, and refuses a path outside /api/', async () => {
      h.fake.inject({ method: 'GET', fault: { type: 'status', status: 200, body: { echo: SANDBOX.authToken } } });
      const answer = await h.client().probe(ME);
      assert.equal(answer.text, '{"echo":"***"}');
      const err = await rejectionOf(() => h.client().probe('/__fake/state'));
      assert.equal(err.kind, 'invalid-input');
    });

    it("sends nothing once the client's credentials were rejected", async () => {
      const client = h.client({ authToken: 'wrong-token-value' });
      await rejectionOf(() => client.whoAmI());
      h.fake.clearRequests();
      const err = await rejectionOf(() => client.probe(ME));
      assert.equal(err.status, 401);
      assert.equal(h.fake.requests.length, 0);
    });
  });

  describe('pure parts', () => {
    it('TLS: https answered, a TLS error code, a connection that failed before TLS', () => {
      const network = (code: string): VobizApiError => new VobizApiError({ kind: 'network', message: code, code });
      assert.equal(tlsOutcome('https://api.vobiz.ai', true, undefined), 'OK (an HTTPS answer arrived)');
      assert.equal(tlsOutcome('https://api.vobiz.ai', false, network('CERT_HAS_EXPIRED')), 'failed: CERT_HAS_EXPIRED');
      assert.equal(
        tlsOutcome('https://api.vobiz.ai', false, network('ENOTFOUND')),
        'not reached (ENOTFOUND: the connection failed before TLS)',
      );
      assert.equal(
        tlsOutcome('https://api.vobiz.ai', false, new VobizApiError({ kind: 'timeout', message: 'slow' })),
        'failed: no answer in time',
      );
      assert.equal(tlsOutcome('http://localhost:8787', false, undefined), 'plain http (loopback test server)');
    });

    it('paging style: page + per_page, limit + offset, or not stated', () => {
      assert.equal(
        pagingStyle({ items: [], page: 1, per_page: 2, total: 3 }),
        'page + per_page (the answer has page, per_page, total)',
      );
      assert.equal(
        pagingStyle({ meta: { limit: 2, offset: 0, total_count: 4 }, objects: [] }),
        'limit + offset (the answer has meta.limit, meta.offset, meta.total_count)',
      );
      assert.equal(pagingStyle([]), 'not stated (a bare list)');
      assert.equal(pagingStyle({ data: [] }), 'not stated (the answer has no paging fields)');
    });

    const base: ConnectionReport = {
      ok: true,
      checkedAt: '2026-05-01T10:00:00.000Z',
      versions: VERSIONS,
      authId: 'MA_TEST0001',
      credentialSource: 'stored',
      baseUrl: 'https://api.vobiz.ai',
      proxy: 'none (direct connection)',
      tls: 'OK (an HTTPS answer arrived)',
      timeoutSeconds: 30,
      credentials: 'Acme | Voice · main account',
      numbers: {
        status: 'ok',
        casing: 'Account',
        casingNote: '/Account/ answered',
        paging: 'page + per_page (…)',
        total: 12,
        pageSize: { asked: 2, got: 2, honoured: true },
        nextPage: 'other items',
      },
      trunks: { status: 'skipped', casingNote: 'not checked' },
      requests: [{ step: 'credentials', request: 'GET /api/v1/auth/me', status: 200, durationMs: 41, outcome: 'OK' }],
      rateLimit: {},
      failures: [],
    };

    it('the Markdown of a passing check: the result first, versions, each part; cells escaped', () => {
      const md = connectionReportMarkdown(base);
      assert.ok(md.startsWith('# Vobiz connection check\n\n**Result: every step passed.**\n'));
      assert.match(md, /Vobiz Routing 9\.9\.9 in VS Code 1\.100\.0/);
      assert.match(md, /\| API base URL \| `https:\/\/api\.vobiz\.ai` \|/);
      assert.match(md, /\| Account \(GET \/api\/v1\/auth\/me\) \| `Acme \\\| Voice · main account` \|/);
      assert.match(md, /\| Credentials \| MA_TEST0001 \(stored in secret storage; the token is never shown\) \|/);
      assert.match(md, /\| Path casing \| \/Account\/ answered \| not checked \|/);
      assert.match(md, /\| Page size \| got 2 for 2: honoured \| not checked \|/);
      assert.match(md, /\| Credentials \| `GET \/api\/v1\/auth\/me` \| 200 \| 41 ms \| `OK` \|/);
      assert.match(md, /No rate-limit header/);
      assert.match(md, /Nothing: every step passed\./);
      assert.match(md, /attach it as it is to a support ticket/);
    });

    it("data in the report (the server's words, the account name, rate-limit values, the URLs) renders as text: no link, no image, rows whole", () => {
      const hostile =
        'a|b [x](https://evil.example/x) ![p](https://track.example/p.png) <img src=https://track.example/q.png> https://evil.example/bare\n| row |';
      const error = new VobizApiError({
        kind: 'http',
        status: 400,
        message: `Vobiz said: ${hostile}`,
        method: 'GET',
        path: '/api/v1/auth/me',
      });
      const report: ConnectionReport = {
        ...base,
        ok: false,
        baseUrl: `https://api.vobiz.ai/${hostile}`,
        proxy: hostile,
        credentials: hostile,
        requests: [
          { step: 'credentials', request: `GET /api/v1/auth/me?${hostile}`, status: 400, durationMs: 1, outcome: hostile },
        ],
        rateLimit: { 'x-ratelimit-note': hostile },
        failedStep: 'Credentials (GET /api/v1/auth/me)',
        failures: [
          {
            step: 'credentials',
            title: 'Credentials (GET /api/v1/auth/me)',
            message: error.message,
            recovery: recoveryFor(error),
            actions: ['Show Log'],
          },
        ],
      };
      const html = marked.parse(connectionReportMarkdown(report), { gfm: true, async: false });
      assert.ok(!/<a[\s>]/i.test(html), html);
      assert.ok(!/<img[\s>]/i.test(html), html);
      for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
        const cells = (row.match(/<t[hd][ >]/g) ?? []).length;
        assert.ok([2, 3, 5].includes(cells), `a row keeps its cells: ${row}`);
      }
      assert.equal((html.match(/x\|b|a\|b/g) ?? []).length >= 6, true, 'each value is shown whole');
    });

    it('the Markdown of a failing check: which step, its message, and what to do from the recovery rule', () => {
      const error = new VobizApiError({
        kind: 'http',
        status: 401,
        message: 'Vobiz did not accept the credentials.',
        method: 'GET',
        path: '/api/v1/auth/me',
      });
      const recovery = recoveryFor(error, { authId: 'MA_TEST0001' });
      const md = connectionReportMarkdown({
        ...base,
        ok: false,
        failedStep: 'Credentials (GET /api/v1/auth/me)',
        failures: [
          {
            step: 'credentials',
            title: 'Credentials (GET /api/v1/auth/me)',
            message: error.message,
            recovery,
            actions: ['Sign In Again (MA_TEST0001)', 'Show Log'],
          },
        ],
      });
      assert.match(md, /\*\*Result: failed at Credentials \(GET \/api\/v1\/auth\/me\)\.\*\*/);
      assert.match(
        md,
        /### Credentials \(GET \/api\/v1\/auth\/me\)\n\n`Vobiz did not accept the credentials\.`\n\nWhat to do: \*\*Sign In Again \(MA_TEST0001\)\*\*, then \*\*Show Log\*\*\./,
      );
    });
  });
});
