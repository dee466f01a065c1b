import * as assert from 'node:assert/strict';
import {
  apiHostOf,
  authIdProblem,
  baseUrlProblem,
  e164Problem,
  isLoopbackHost,
  isValidAuthId,
  isValidE164,
  VobizClient,
} from '../../../src/api';
import { rejectionOf, SANDBOX, useFake } from '../helpers';

describe('validation', () => {
  describe('the host credentials are bound to (apiHostOf)', () => {
    it('a non-loopback host ignores the port: the hostname, lower-case, whatever the port or path (one server operator)', () => {
      assert.equal(apiHostOf('https://API.Vobiz.ai'), 'api.vobiz.ai');
      assert.equal(apiHostOf('https://api.vobiz.ai:8443/v1/'), 'api.vobiz.ai');
      assert.equal(
        apiHostOf('https://api.vobiz.ai:8443'),
        apiHostOf('https://api.vobiz.ai'),
        'another port of a public host is the same host',
      );
      assert.equal(apiHostOf('http://10.0.0.5:3000'), '10.0.0.5', 'a private, non-loopback address ignores the port too');
      assert.equal(apiHostOf('not a url'), undefined);
    });

    it('two ports of one loopback host are two hosts (another local port is another server)', () => {
      assert.equal(apiHostOf('http://127.0.0.1:8787'), '127.0.0.1:8787');
      assert.notEqual(apiHostOf('http://127.0.0.1:8787'), apiHostOf('http://127.0.0.1:3000'));
      assert.notEqual(apiHostOf('http://localhost:8787'), apiHostOf('http://localhost:8788'));
      assert.notEqual(
        apiHostOf('http://127.0.0.2:8787'),
        apiHostOf('http://127.0.0.1:8787'),
        'another loopback address is another host',
      );
    });

    it('the same loopback port is the same host, whatever the path, the case or the way the address is written', () => {
      assert.equal(apiHostOf('http://127.0.0.1:8787/api/'), apiHostOf('http://127.0.0.1:8787'));
      assert.equal(apiHostOf('  http://LOCALHOST:8787  '), 'localhost:8787');
      assert.equal(apiHostOf('http://127.1:8787'), '127.0.0.1:8787', 'the URL parser writes the address in full');
    });

    it("a loopback URL without a port is bound to its scheme's default port, the same as naming it", () => {
      assert.equal(apiHostOf('http://localhost'), 'localhost:80');
      assert.equal(apiHostOf('http://localhost'), apiHostOf('http://localhost:80/'));
      assert.equal(apiHostOf('https://127.0.0.1'), '127.0.0.1:443');
      assert.equal(apiHostOf('https://127.0.0.1'), apiHostOf('https://127.0.0.1:443'));
      assert.notEqual(apiHostOf('http://127.0.0.1'), apiHostOf('https://127.0.0.1'), 'port 80 is not port 443');
    });

    it('IPv6 loopback: the bracketed address and its port', () => {
      assert.equal(apiHostOf('http://[::1]:8787'), '[::1]:8787');
      assert.notEqual(apiHostOf('http://[::1]:8787'), apiHostOf('http://[::1]:8788'));
      assert.equal(apiHostOf('http://[0:0:0:0:0:0:0:1]:8787'), '[::1]:8787', 'written in full, the same address');
      assert.equal(apiHostOf('https://[::1]'), '[::1]:443');
    });
  });

  it('accepts main and sub-account Auth IDs and rejects others', () => {
    assert.ok(isValidAuthId('MA_BN2MZ1VV'));
    assert.ok(isValidAuthId('SA_abc123'));
    assert.ok(isValidAuthId('  MA_X1  '), 'surrounding whitespace is trimmed');
    for (const bad of ['', 'MA_', 'XA_123', 'ma_123', 'MA-123', 'MA_12 3', 'MA_12/3']) assert.ok(!isValidAuthId(bad), bad);
    assert.match(authIdProblem('XA_1') ?? '', /MA_.*SA_/);
    assert.equal(authIdProblem('MA_1'), undefined);
  });

  it('accepts E.164 numbers and rejects malformed ones with a reason', () => {
    for (const good of ['+919876543210', '+14155550123', '+4420794609']) assert.ok(isValidE164(good), good);
    for (const bad of ['919876543210', '+0123456789', '+91 98765 43210', '+123456', '+1234567890123456', '+91-9876543210', '']) {
      assert.ok(!isValidE164(bad), bad);
    }
    assert.match(e164Problem('12345') ?? '', /E\.164/);
  });

  it('allows https anywhere and http only on loopback', () => {
    assert.equal(baseUrlProblem('https://api.vobiz.ai'), undefined);
    assert.equal(baseUrlProblem('http://127.0.0.1:8787'), undefined);
    assert.equal(baseUrlProblem('http://localhost:8787'), undefined);
    assert.equal(baseUrlProblem('http://[::1]:8787'), undefined);
    assert.match(baseUrlProblem('http://api.vobiz.ai') ?? '', /https/);
    assert.match(baseUrlProblem('http://10.0.0.5') ?? '', /loopback/);
    assert.match(baseUrlProblem('ftp://api.vobiz.ai') ?? '', /https/);
    assert.match(baseUrlProblem('not a url') ?? '', /not a URL/);
    assert.ok(isLoopbackHost('127.1.2.3'));
    assert.ok(!isLoopbackHost('127.example.com'));
  });

  it('a base URL with credentials: no message quotes the password (parseable or not, with a scheme or without)', () => {
    const unparseable = 'https://user:s3cret@api.example.com:99999';
    for (const url of [
      'https://user:s3cret@api.example.com',
      'https://user:s3 cret@api.example.com',
      unparseable,
      'https://user:s3cret@api example.com',
      'user:s3cret@api.example.com',
      'http://user:s3cret@10.0.0.5',
      'ftp://user:s3cret@api.example.com',
    ]) {
      const problem = baseUrlProblem(url);
      let thrown = '';
      try {
        new VobizClient({ baseUrl: url, authId: SANDBOX.authId, authToken: 'tok-1234' });
      } catch (err) {
        thrown = (err as Error).message;
      }
      assert.ok(thrown, `${url} is refused`);
      for (const text of [problem ?? '', thrown]) assert.ok(!/s3 ?cret|cret@/.test(text), `${url}: ${text}`);
    }
    assert.equal(
      baseUrlProblem(unparseable),
      '"https://***@api.example.com:99999" is not a URL (expected something like https://api.vobiz.ai).',
    );
  });

  it('refuses a plain-http remote base URL in the constructor', () => {
    assert.throws(
      () => new VobizClient({ baseUrl: 'http://api.vobiz.ai', authId: SANDBOX.authId, authToken: 'tok-1234' }),
      (err: Error & { kind?: string }) => err.kind === 'invalid-input' && /https/.test(err.message),
    );
  });

  it('refuses a bad Auth ID or an empty token in the constructor', () => {
    assert.throws(() => new VobizClient({ baseUrl: 'https://api.vobiz.ai', authId: 'bogus', authToken: 'tok-1234' }), /MA_/);
    assert.throws(() => new VobizClient({ baseUrl: 'https://api.vobiz.ai', authId: 'MA_1', authToken: '   ' }), /Auth Token/);
  });

  describe('sends nothing for invalid input', () => {
    const h = useFake();

    it('a malformed number on assign and unassign', async () => {
      const client = h.client();
      const e1 = await rejectionOf(() => client.assignNumber('98765', 'trunk-1'));
      const e2 = await rejectionOf(() => client.unassignNumber('+91 98765 43210'));
      assert.equal(e1.kind, 'invalid-input');
      assert.equal(e2.kind, 'invalid-input');
      assert.equal(h.fake.requests.length, 0);
    });

    it('an empty trunk id on assign and getTrunk', async () => {
      const client = h.client();
      assert.equal((await rejectionOf(() => client.assignNumber('+919876543210', ' '))).kind, 'invalid-input');
      assert.equal((await rejectionOf(() => client.getTrunk(''))).kind, 'invalid-input');
      assert.equal(h.fake.requests.length, 0);
    });

    it('trims credentials before sending them', async () => {
      const client = h.client({ authId: `  ${SANDBOX.authId} `, authToken: ` ${SANDBOX.authToken}\t` });
      const me = await client.whoAmI();
      assert.equal(me.auth_id, SANDBOX.authId);
    });
  });
});
