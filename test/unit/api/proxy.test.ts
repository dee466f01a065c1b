/**
 * The proxy dispatcher. A loopback API host is never proxied, so the requests that go through the
 * test proxy are to the fake in TLS mode under a name of its own (`api.vobiz.test`, not loopback),
 * which only the test proxy resolves (to 127.0.0.1); TLS is not verified there (its certificate is
 * self-signed), as `http.proxyStrictSSL: false` asks.
 */
import * as assert from 'node:assert/strict';
import { describeProxyUrl, proxyDescription, proxyDispatcher, proxyUrlProblem } from '../../../src/api';
import type { ProxySettings } from '../../../src/api';
import { TestProxy } from '../../support/testProxy';
import { TEST_API_HOSTNAME, testApiTls } from '../../support/tlsFixture';
import { rejectionOf, useFake } from '../helpers';

const basic = (userAndPassword: string): string => `Basic ${Buffer.from(userAndPassword).toString('base64')}`;

describe('proxies (undici proxy dispatcher)', () => {
  /** The fake under https://api.vobiz.test:<port>: reached only through the test proxy. */
  const h = useFake(undefined, { tls: testApiTls() });
  /** The fake on plain http at 127.0.0.1 (a loopback sandbox). */
  const local = useFake();
  const proxy = new TestProxy();
  before(() => proxy.start());
  after(() => proxy.stop());
  beforeEach(() => {
    proxy.relayed = 0;
    proxy.targets.length = 0;
    proxy.requireAuth = undefined;
    proxy.hosts.set(TEST_API_HOSTNAME, '127.0.0.1');
  });

  /** The proxy choice for the TLS fake, its certificate not verified. */
  function via(settings: ProxySettings, env: NodeJS.ProcessEnv = {}): ReturnType<typeof proxyDispatcher> {
    return proxyDispatcher({ strictSSL: false, ...settings }, h.fake.baseUrl, env);
  }

  it('no proxy setting and no proxy environment: connects directly (no dispatcher)', () => {
    assert.equal(proxyDispatcher({}, h.fake.baseUrl, {}), undefined);
    assert.equal(proxyDispatcher({ proxy: '  ' }, h.fake.baseUrl, { NO_PROXY: 'example.com' }), undefined);
    assert.equal(proxyDescription({}, h.fake.baseUrl, {}), 'none (direct connection)');
  });

  it('http.proxy: the requests go through the proxy, which is asked for the API host', async () => {
    const choice = via({ proxy: proxy.url });
    assert.ok(choice?.dispatcher);
    const client = h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true });
    const numbers = await client.listNumbers();
    assert.equal(numbers.length, 12);
    assert.ok(proxy.relayed >= 1, 'the proxy relayed the requests');
    assert.ok(
      proxy.targets.every((t) => t === `${TEST_API_HOSTNAME}:${new URL(h.fake.baseUrl).port}`),
      `asked for the API host: ${proxy.targets.join(', ')}`,
    );
    assert.match(choice.description, /http\.proxy/);
  });

  it('HTTP_PROXY / HTTPS_PROXY from the environment (lower or upper case)', async () => {
    for (const env of [
      { HTTPS_PROXY: proxy.url },
      { https_proxy: proxy.url },
      { HTTP_PROXY: proxy.url },
      { http_proxy: proxy.url },
    ]) {
      proxy.relayed = 0;
      const choice = via({}, env);
      assert.ok(choice?.dispatcher, JSON.stringify(env));
      await h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true }).whoAmI();
      assert.ok(proxy.relayed >= 1, `relayed with ${Object.keys(env)[0]}`);
    }
  });

  it('http.noProxy and NO_PROXY send matching hosts directly', async () => {
    for (const [settings, env] of [
      [{ proxy: proxy.url, noProxy: [TEST_API_HOSTNAME] }, {}],
      [{}, { HTTPS_PROXY: proxy.url, NO_PROXY: `example.com, ${TEST_API_HOSTNAME}` }],
    ] as const) {
      const choice = via(settings, env);
      assert.ok(choice?.dispatcher);
      assert.match(choice.description, new RegExp(`direct for .*${TEST_API_HOSTNAME.replace(/\./g, '\\.')}`));
      // Directly, the name is known to no DNS: the request fails without reaching the proxy.
      const err = await rejectionOf(() =>
        h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true, retry: { maxRetries: 0 } }).whoAmI(),
      );
      assert.equal(err.kind, 'network', err.message);
    }
    assert.equal(proxy.relayed, 0, 'nothing went through the proxy');
    assert.deepEqual(proxy.targets, []);
  });

  it('http.proxy wins over the environment', async () => {
    const choice = via({ proxy: proxy.url }, { HTTPS_PROXY: 'http://127.0.0.1:9' });
    assert.ok(choice?.dispatcher);
    await h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true }).whoAmI();
    assert.ok(proxy.relayed >= 1);
  });

  it('a proxy that refuses (407): the call fails, nothing reaches the server, and the token is not in the error message', async () => {
    proxy.requireAuth = basic('user:pass');
    const choice = via({ proxy: proxy.url });
    assert.ok(choice?.dispatcher);
    const client = h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true, retry: { maxRetries: 0 } });
    const err = await rejectionOf(() => client.whoAmI());
    assert.ok(!err.message.includes('demo-sandbox-token'), err.message);
    assert.equal(h.fake.requests.length, 0, 'nothing reached the server');
  });

  it('a malformed proxy URL is refused with a message naming where it came from; credentials in it are hidden', () => {
    assert.throws(() => via({ proxy: 'http://proxy.example.com:99999' }), /http\.proxy/);
    assert.throws(() => via({}, { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }), /environment/);
    assert.equal(describeProxyUrl('http://user:secret@proxy.example.com:8080'), 'http://***@proxy.example.com:8080');
    assert.match(proxyUrlProblem('ftp://proxy') ?? '', /http:\/\//);
    assert.equal(proxyUrlProblem('http://proxy.example.com:3128'), undefined);
  });

  it('http.proxyStrictSSL=false is said in the description', () => {
    const choice = via({ proxy: proxy.url, strictSSL: false });
    assert.match(choice?.description ?? '', /TLS not verified/);
    void choice?.dispatcher?.close();
  });

  describe('a loopback API host (the plain-http sandbox) is never proxied', () => {
    it('with http.proxy, HTTP_PROXY or HTTPS_PROXY set, the requests (and their token) go directly to the sandbox; the proxy relays nothing', async () => {
      for (const [settings, env] of [
        [{ proxy: proxy.url }, {}],
        [{}, { HTTP_PROXY: proxy.url }],
        [{}, { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' }],
      ] as const) {
        const choice = proxyDispatcher(settings, local.fake.baseUrl, env);
        assert.ok(choice, 'a proxy is set');
        assert.equal(choice.dispatcher, undefined, `no proxy dispatcher for ${local.fake.baseUrl}`);
        await local.client({ dispatcher: choice.dispatcher }).whoAmI();
      }
      assert.equal(proxy.relayed, 0, 'nothing went through the proxy');
      assert.equal(local.fake.requestsTo('GET', '/auth/me').length, 3, 'the sandbox got every request directly');
    });

    it('the description says so, naming the proxy that is set (its password hidden) and where it comes from', () => {
      const withPassword = proxy.url.replace('http://', 'http://user:s3cret-pass@');
      assert.equal(
        proxyDescription({ proxy: withPassword }, local.fake.baseUrl, {}),
        `none: loopback hosts are never proxied (the "http.proxy" setting names ${proxy.url.replace('http://', 'http://***@')})`,
      );
      assert.equal(
        proxyDescription({}, 'http://localhost:8787', { HTTP_PROXY: proxy.url }),
        `none: loopback hosts are never proxied (the environment names ${proxy.url})`,
      );
      for (const base of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'https://127.0.0.2']) {
        assert.equal(proxyDispatcher({ proxy: proxy.url }, base, {})?.dispatcher, undefined, base);
      }
    });
  });

  describe('proxy URLs without a scheme, and proxy passwords', () => {
    it('a proxy URL without a scheme is read as http://, as curl does, and its credentials are sent (Proxy-Authorization)', async () => {
      // The password holds `@` and `:`: only the last `@` ends the credentials, only the first `:` splits them.
      proxy.requireAuth = basic('alice:p@ss:w0rd');
      const choice = via({ proxy: `alice:p@ss:w0rd@${proxy.url.replace('http://', '')}` });
      assert.ok(choice?.dispatcher);
      const me = await h.client({ dispatcher: choice.dispatcher, ownsDispatcher: true }).whoAmI();
      assert.equal(me.auth_id, 'MA_DEMO0001');
      assert.ok(proxy.relayed >= 1, 'the proxy let the tunnel through: the credentials were sent');
      assert.equal(
        choice.description,
        `${proxy.url.replace('http://', 'http://***@')} (from the "http.proxy" setting; TLS not verified; no scheme given: http:// assumed)`,
      );
      assert.equal(proxyUrlProblem('proxy.example.com:8080'), undefined);
      assert.match(
        proxyDescription({ proxy: 'proxy.example.com:8080' }, h.fake.baseUrl, {}),
        /^http:\/\/proxy\.example\.com:8080 \(.*no scheme given: http:\/\/ assumed\)$/,
      );
    });

    /** Proxy URLs in every form, and the parts of their password that must not be shown. */
    const FORMS: readonly [string, readonly string[]][] = [
      ['alice:s3cret@proxy.example.com:8080', ['s3cret']],
      ['http://alice:s3cret@proxy.example.com:8080', ['s3cret']],
      ['https://alice:s3c@r3t@proxy.example.com', ['s3c', 'r3t']],
      ['alice:s3c:r3t@proxy.example.com:8080', ['s3c', 'r3t']],
      ['alice:s3c@r3t:x@proxy.example.com:8080', ['s3c', 'r3t']],
      ['s3cret-token@proxy.example.com:8080', ['s3cret']],
      ['http://alice:s3 cret@proxy.example.com:8080', ['s3 cret', 'cret']],
      ['http://alice:s3c/r3t@proxy.example.com:8080', ['s3c', 'r3t']],
      ['http://alice:s3cret@proxy.example.com:99999', ['s3cret']],
      ['socks5://alice:s3cret@proxy.example.com:1080', ['s3cret']],
      ['alice:s3cret@', ['s3cret']],
    ];

    /** What is shown of a proxy URL: its description, each message about it, the loopback note. */
    function shownOf(url: string): string[] {
      const texts = [describeProxyUrl(url), proxyUrlProblem(url) ?? ''];
      for (const [settings, env] of [
        [{ proxy: url }, {}],
        [{}, { HTTPS_PROXY: url }],
      ] as const) {
        texts.push(proxyDescription(settings, local.fake.baseUrl, env));
        try {
          const choice = proxyDispatcher(settings, 'https://api.vobiz.ai', env);
          void choice?.dispatcher?.close();
          texts.push(choice?.description ?? '', proxyDescription(settings, 'https://api.vobiz.ai', env));
        } catch (err) {
          texts.push((err as Error).message);
        }
      }
      return texts;
    }

    it('the password is in no description and no message, whatever the form (no scheme, user only, @ or : in it, unparseable, refused)', () => {
      for (const [url, secrets] of FORMS) {
        const shown = shownOf(url);
        for (const text of shown) {
          for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" of ${url} is shown: ${text}`);
        }
        assert.ok(
          shown.every((text) => !text || text.includes('***')),
          `${url}: ${shown.join(' | ')}`,
        );
      }
      assert.equal(describeProxyUrl('alice:s3cret@proxy.example.com:8080'), '***@proxy.example.com:8080');
      assert.equal(describeProxyUrl('https://alice:s3c@r3t@proxy.example.com'), 'https://***@proxy.example.com');
      assert.equal(describeProxyUrl('http://proxy.example.com:3128'), 'http://proxy.example.com:3128');
    });
  });
});
