import * as assert from 'node:assert/strict';
import { describeProxyUrl, proxyDispatcher, proxyUrlProblem } from '../../../src/api';
import { TestProxy } from '../../support/testProxy';
import { useFake } from '../helpers';

describe('proxies (undici proxy dispatcher)', () => {
  const h = useFake();
  const proxy = new TestProxy();
  before(() => proxy.start());
  after(() => proxy.stop());
  beforeEach(() => {
    proxy.relayed = 0;
    proxy.targets.length = 0;
  });

  it('no proxy setting and no proxy environment: connects directly (no dispatcher)', () => {
    assert.equal(proxyDispatcher({}, {}), undefined);
    assert.equal(proxyDispatcher({ proxy: '  ' }, { NO_PROXY: 'example.com' }), undefined);
  });

  it('http.proxy: the requests go through the proxy, which is asked for the API host', async () => {
    const via = proxyDispatcher({ proxy: proxy.url }, {});
    assert.ok(via);
    const client = h.client({ dispatcher: via.dispatcher, ownsDispatcher: true });
    const numbers = await client.listNumbers();
    assert.equal(numbers.length, 12);
    assert.ok(proxy.relayed >= 1, 'the proxy relayed the requests');
    assert.ok(proxy.targets.every((t) => t.startsWith('127.0.0.1:')), `asked for the fake's host: ${proxy.targets.join(', ')}`);
    assert.match(via.description, /http\.proxy/);
  });

  it('HTTP_PROXY / HTTPS_PROXY from the environment (lower or upper case)', async () => {
    for (const env of [{ HTTP_PROXY: proxy.url }, { http_proxy: proxy.url }]) {
      proxy.relayed = 0;
      const via = proxyDispatcher({}, env);
      assert.ok(via, JSON.stringify(env));
      await h.client({ dispatcher: via.dispatcher, ownsDispatcher: true }).whoAmI();
      assert.ok(proxy.relayed >= 1, `relayed with ${Object.keys(env)[0]}`);
    }
    assert.ok(proxyDispatcher({}, { HTTPS_PROXY: proxy.url }), 'HTTPS_PROXY alone sets up a proxy');
  });

  it('http.noProxy and NO_PROXY send matching hosts directly', async () => {
    for (const [settings, env] of [
      [{ proxy: proxy.url, noProxy: ['127.0.0.1'] }, {}],
      [{}, { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, 127.0.0.1' }],
    ] as const) {
      const via = proxyDispatcher(settings, env);
      assert.ok(via);
      await h.client({ dispatcher: via.dispatcher, ownsDispatcher: true }).whoAmI();
    }
    assert.equal(proxy.relayed, 0, 'nothing went through the proxy');
    assert.equal(h.fake.requestsTo('GET', '/auth/me').length, 2, 'the requests reached the server directly');
  });

  it('http.proxy wins over the environment', async () => {
    const via = proxyDispatcher({ proxy: proxy.url }, { HTTP_PROXY: 'http://127.0.0.1:9' });
    assert.ok(via);
    await h.client({ dispatcher: via.dispatcher, ownsDispatcher: true }).whoAmI();
    assert.ok(proxy.relayed >= 1);
  });

  it('a proxy that refuses (407): the call fails, nothing reaches the server, and the token is not in the error message', async () => {
    proxy.requireAuth = 'Basic dXNlcjpwYXNz';
    try {
      const via = proxyDispatcher({ proxy: proxy.url }, {});
      assert.ok(via);
      const client = h.client({ dispatcher: via.dispatcher, ownsDispatcher: true, retry: { maxRetries: 0 } });
      const err = await client.whoAmI().then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e as Error,
      );
      assert.ok(!err.message.includes('demo-sandbox-token'), err.message);
      assert.equal(h.fake.requests.length, 0, 'nothing reached the server');
    } finally {
      proxy.requireAuth = undefined;
    }
  });

  it('a malformed proxy URL is refused with a message naming where it came from; credentials in it are hidden', () => {
    assert.throws(() => proxyDispatcher({ proxy: 'proxy.example.com:8080' }, {}), /http\.proxy/);
    assert.throws(() => proxyDispatcher({}, { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }), /environment/);
    assert.equal(describeProxyUrl('http://user:secret@proxy.example.com:8080'), 'http://***@proxy.example.com:8080');
    assert.match(proxyUrlProblem('ftp://proxy') ?? '', /http:\/\//);
    assert.equal(proxyUrlProblem('http://proxy.example.com:3128'), undefined);
  });

  it('http.proxyStrictSSL=false is said in the description', () => {
    const via = proxyDispatcher({ proxy: proxy.url, strictSSL: false }, {});
    assert.match(via?.description ?? '', /TLS not verified/);
    void via?.dispatcher.close();
  });
});
