import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FakeTls } from '../fake-vobiz/server';

/**
 * The name the TLS fake answers under (its certificate, test/fixtures/api.vobiz.test-*.pem, is for
 * it). Not a loopback host, so requests to it go through a configured proxy (loopback is never
 * proxied); no DNS knows it, so only a TestProxy whose host map names it reaches the fake.
 */
export const TEST_API_HOSTNAME = 'api.vobiz.test';

/** The key and certificate of `TEST_API_HOSTNAME`, for `new FakeVobiz(seed, { tls: testApiTls() })`. */
export function testApiTls(): FakeTls {
  // Compiled to out/test/support/: the repository is three folders up.
  const fixtures = resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
  return {
    key: readFileSync(resolve(fixtures, `${TEST_API_HOSTNAME}-key.pem`)),
    cert: readFileSync(resolve(fixtures, `${TEST_API_HOSTNAME}-cert.pem`)),
    hostname: TEST_API_HOSTNAME,
  };
}
