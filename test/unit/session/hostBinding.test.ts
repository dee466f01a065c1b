/**
 * HostBinding on its own, given API host strings directly (`approveHost`), so these tests do not
 * depend on how `apiHostOf` writes a host: a loopback host is bound with its port (another local
 * port is another server), and a binding stored as a bare loopback hostname, before ports were
 * recorded, asks before its first use with a port (it says nothing of the port it was entered for).
 */
import * as assert from 'node:assert/strict';
import { CredentialHostError, HostBinding } from '../../../src/session/hostConsent';
import type { HostConsent, HostQuestion } from '../../../src/session/hostConsent';
import { MemoryLog } from '../../support/editorStandIns';
import { rejectionOf } from '../helpers';

const AUTH_ID = 'MA_HOSTBIND01';

/** The consent port: the user's scripted answer, every question asked and every binding stored. */
class RecordingConsent implements HostConsent {
  answer = false;
  readonly asked: HostQuestion[] = [];
  readonly bound: [string, string][] = [];
  readonly ask = (question: HostQuestion): Promise<boolean> => {
    this.asked.push(question);
    return Promise.resolve(this.answer);
  };
  bind(authId: string, host: string): Promise<void> {
    this.bound.push([authId, host]);
    return Promise.resolve();
  }
}

describe('session: HostBinding (credentials bound to their API host)', () => {
  let consent: RecordingConsent;
  let log: MemoryLog;
  const binding = (host: string | undefined): HostBinding => new HostBinding(AUTH_ID, host, consent, log);

  beforeEach(() => {
    consent = new RecordingConsent();
    log = new MemoryLog();
  });

  it('the same host goes ahead without a question (a hostname, or a loopback host:port)', async () => {
    for (const host of ['api.vobiz.ai', '127.0.0.1:8080', 'localhost:8787', '[::1]:8080']) {
      const b = binding(host);
      await b.approveHost(host, 'Acme');
      assert.equal(b.host, host);
    }
    assert.equal(consent.asked.length, 0);
    assert.deepEqual(consent.bound, []);
  });

  it('an entry from before binding: bound silently to its first host', async () => {
    const b = binding(undefined);
    await b.approveHost('127.0.0.1:8080', 'Acme');
    assert.equal(b.host, '127.0.0.1:8080');
    assert.equal(consent.asked.length, 0);
    assert.deepEqual(consent.bound, [[AUTH_ID, '127.0.0.1:8080']]);
  });

  describe('a bare loopback hostname, stored before ports were recorded', () => {
    for (const [stored, used] of [
      ['127.0.0.1', '127.0.0.1:8080'],
      ['localhost', 'localhost:8787'],
      ['[::1]', '[::1]:9090'],
    ]) {
      it(`${stored} used with ${used}: asks once; "yes" binds ${used}, and another port then asks again`, async () => {
        consent.answer = true;
        const b = binding(stored);
        await Promise.all([b.approveHost(used, 'Acme'), b.approveHost(used, 'Acme')]);
        assert.deepEqual(
          consent.asked.map((q) => [q.from, q.to]),
          [[stored, used]],
          'one question for every request waiting',
        );
        assert.equal(b.host, used);
        assert.deepEqual(consent.bound, [[AUTH_ID, used]], 'the new binding is stored');
        consent.answer = false;
        const other = used.replace(/\d+$/, '1234');
        const err = await rejectionOf(() => b.approveHost(other, 'Acme'));
        assert.ok(err instanceof CredentialHostError, String(err));
        assert.deepEqual(consent.asked.map((q) => [q.from, q.to]).slice(1), [[used, other]]);
      });
    }

    it('"no": nothing is bound, the credentials stay bound to the bare hostname, and the message does not ask to set the URL back to it', async () => {
      const b = binding('127.0.0.1');
      const err = await rejectionOf(() => b.approveHost('127.0.0.1:8080', 'Acme'));
      assert.ok(err instanceof CredentialHostError, String(err));
      assert.equal(
        err.message,
        'The credentials of MA_HOSTBIND01 were entered for 127.0.0.1, and were not sent to 127.0.0.1:8080. Choose Retry (Vobiz: Refresh) and agree to send them to 127.0.0.1:8080, or sign in again there.',
      );
      assert.equal(b.host, '127.0.0.1');
      assert.deepEqual(consent.bound, []);
    });

    it('used with another loopback hostname, or a non-loopback host: asks', async () => {
      for (const to of ['127.0.0.2:8080', 'localhost:8080', '127.0.0.10:8080', 'api.vobiz.ai']) {
        const err = await rejectionOf(() => binding('127.0.0.1').approveHost(to, 'Acme'));
        assert.ok(err instanceof CredentialHostError, `${to}: ${String(err)}`);
      }
      assert.deepEqual(
        consent.asked.map((q) => q.to),
        ['127.0.0.2:8080', 'localhost:8080', '127.0.0.10:8080', 'api.vobiz.ai'],
      );
      assert.deepEqual(consent.bound, []);
    });

    it('a bare non-loopback hostname is not a legacy loopback entry: another host:port asks', async () => {
      const err = await rejectionOf(() => binding('vobiz.example').approveHost('vobiz.example:8443', 'Acme'));
      assert.ok(err instanceof CredentialHostError, String(err));
      assert.equal(consent.asked.length, 1);
    });
  });

  describe('a loopback host:port used with another port of the same host', () => {
    it('asks the user, naming both host:port', async () => {
      consent.answer = true;
      const b = binding('127.0.0.1:8080');
      await b.approveHost('127.0.0.1:9090', 'Acme');
      assert.deepEqual(consent.asked, [{ authId: AUTH_ID, label: 'Acme', from: '127.0.0.1:8080', to: '127.0.0.1:9090' }]);
    });

    it('"yes": bound to the new port (stored, and said in the log)', async () => {
      consent.answer = true;
      const b = binding('127.0.0.1:8080');
      await Promise.all([b.approveHost('127.0.0.1:9090', 'Acme'), b.approveHost('127.0.0.1:9090', 'Acme')]);
      assert.equal(consent.asked.length, 1, 'one question for every request waiting');
      assert.equal(b.host, '127.0.0.1:9090');
      assert.deepEqual(consent.bound, [[AUTH_ID, '127.0.0.1:9090']]);
      assert.ok(
        log.lines.some(
          (l) =>
            l ===
            `info The credentials of ${AUTH_ID} are now bound to 127.0.0.1:9090 (were 127.0.0.1:8080): the user agreed to send them there.`,
        ),
        log.lines.join('\n'),
      );
    });

    it('"no": a CredentialHostError, nothing bound, and the binding kept', async () => {
      consent.answer = false;
      const b = binding('127.0.0.1:8080');
      const err = await rejectionOf(() => b.approveHost('127.0.0.1:9090', 'Acme'));
      assert.ok(err instanceof CredentialHostError, String(err));
      assert.equal(err.from, '127.0.0.1:8080');
      assert.equal(err.to, '127.0.0.1:9090');
      assert.equal(
        err.message,
        `The credentials of ${AUTH_ID} were entered for 127.0.0.1:8080, and were not sent to 127.0.0.1:9090. ` +
          'Set "vobiz.apiBaseUrl" back to 127.0.0.1:8080, or choose Retry (Vobiz: Refresh) and agree to send them to 127.0.0.1:9090.',
      );
      assert.equal(b.host, '127.0.0.1:8080');
      assert.deepEqual(consent.bound, []);
      // The original port still goes ahead without a question.
      await b.approveHost('127.0.0.1:8080', 'Acme');
      assert.equal(consent.asked.length, 1);
    });
  });

  it('an unusable URL (no host): nothing decided here, creating the client reports it', async () => {
    const b = binding('127.0.0.1:8080');
    await b.approveHost(undefined, 'Acme');
    assert.equal(consent.asked.length, 0);
    assert.equal(b.host, '127.0.0.1:8080');
  });

  describe('a proxy that does not check TLS certificates (http.proxyStrictSSL off)', () => {
    const target = (baseUrl: string, strictSSL: boolean) => ({
      baseUrl,
      proxy: { proxy: 'http://user:pw@proxy.example:3128', strictSSL },
    });

    it('asks before the credentials go through it, naming the proxy with its password hidden; "no" is a CredentialHostError for http.proxyStrictSSL', async () => {
      const b = binding('api.vobiz.ai');
      consent.answer = false;
      const err = await rejectionOf(() => b.approveTarget(target('https://api.vobiz.ai', false), 'Acme'));
      assert.ok(err instanceof CredentialHostError);
      assert.equal(err.unverifiedProxy, consent.asked[0]?.unverifiedProxy);
      assert.equal(consent.asked[0]?.unverifiedProxy, 'http://***@proxy.example:3128');
      assert.ok(!JSON.stringify(consent.asked).includes(':pw@'), 'no password in the question');
      assert.match(err.message, /http\.proxyStrictSSL/);
    });

    it('"yes" holds for that proxy: asked once for every request waiting, and not again', async () => {
      const b = binding('api.vobiz.ai');
      consent.answer = true;
      await Promise.all([
        b.approveTarget(target('https://api.vobiz.ai', false), 'Acme'),
        b.approveTarget(target('https://api.vobiz.ai', false), 'Acme'),
      ]);
      await b.approveTarget(target('https://api.vobiz.ai', false), 'Acme');
      assert.equal(consent.asked.length, 1);
    });

    it('is not asked when TLS is checked, or for a loopback host (never proxied)', async () => {
      const b = binding('127.0.0.1:8787');
      await b.approveTarget(target('http://127.0.0.1:8787', false), 'Acme');
      await binding('api.vobiz.ai').approveTarget(target('https://api.vobiz.ai', true), 'Acme');
      assert.equal(consent.asked.length, 0);
    });
  });
});
