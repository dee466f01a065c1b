import * as assert from 'node:assert/strict';
import { VobizApiError } from '../../../src/api';
import { freePort, NUMBER, rejectionOf, SANDBOX, useFake } from '../helpers';

const TOKEN = SANDBOX.authToken;

/**
 * Every string reachable from `value` by property access, as code holding it (a logger, a
 * serialiser, another extension) could reach it: own properties, enumerable or not (an error's
 * message, stack, code and cause chain), nested objects, and what the getters of its class return.
 * `#private` fields are not reachable, which is why the client keeps the token in one.
 */
function reachableStrings(value: unknown, seen = new Set<object>(), depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string') out.push(key);
    out.push(...reachableStrings(Reflect.get(value, key), seen, depth + 1));
  }
  for (
    let proto: unknown = Object.getPrototypeOf(value);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const d of Object.values(Object.getOwnPropertyDescriptors(proto))) {
      if (d.get) out.push(...reachableStrings(d.get.call(value), seen, depth + 1));
    }
  }
  return out;
}

function assertNotReachable(value: unknown, what: string): void {
  const strings = reachableStrings(value);
  assert.ok(strings.length > 0, `${what}: nothing was reachable, so nothing was checked`);
  for (const s of strings) assert.ok(!s.includes(TOKEN), `the token is reachable from ${what}: ${s.slice(0, 200)}`);
  assert.ok(!(JSON.stringify(value) ?? '').includes(TOKEN), `the token is in JSON.stringify(${what})`);
}

describe('the auth token never leaks', () => {
  const h = useFake();

  it('the search finds a token in a field, a non-enumerable property, a cause and a getter; not in a #private field', () => {
    const hidden = (err: Error): Error =>
      Object.defineProperty(err, 'request', { value: { headers: { 'x-auth-token': TOKEN } }, enumerable: false });
    class Exposing {
      readonly #token = TOKEN;
      get token(): string {
        return this.#token;
      }
    }
    class Private {
      readonly #token = TOKEN;
      readonly authId = SANDBOX.authId;
      has(): boolean {
        return this.#token.length > 0;
      }
    }
    for (const leaky of [
      { deep: { token: TOKEN } },
      hidden(new Error('x')),
      new Error('x', { cause: new Error(`token ${TOKEN}`) }),
      new Exposing(),
    ]) {
      assert.throws(() => assertNotReachable(leaky, 'a probe'), /reachable/);
    }
    assertNotReachable(new Private(), 'a #private field');
  });

  it('is reachable from no error (message, stack, code, cause chain), even when the server echoes it', async () => {
    h.fake.inject({
      method: 'GET',
      fault: { type: 'status', status: 400, body: { error: `bad token ${TOKEN}`, message: `token ${TOKEN} rejected` } },
    });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.match(err.message, /rejected/, 'the echoed message is shown, redacted');
    assertNotReachable(err, 'the error');
  });

  it('is absent from log records of successes, failures and retries', async () => {
    const client = h.client();
    h.fake.inject({ method: 'GET', fault: { type: 'status', status: 503, body: { message: `echo ${TOKEN}` } } });
    await client.listNumbers();
    await rejectionOf(() => client.unassignNumber(NUMBER.unassigned));
    await rejectionOf(() => h.client({ authToken: 'another-wrong-token' }).whoAmI());
    assert.ok(h.logs.length >= 4);
    for (const record of h.logs) assert.ok(!JSON.stringify(record).includes(TOKEN), JSON.stringify(record));
  });

  it('is reachable from no network or timeout error, nor from its cause chain', async () => {
    const port = await freePort();
    const e1 = await rejectionOf(() => h.client({ baseUrl: `http://127.0.0.1:${port}`, retry: { maxRetries: 0 } }).whoAmI());
    h.fake.inject({ method: 'GET', fault: { type: 'hang' } });
    const e2 = await rejectionOf(() => h.client({ timeoutMs: 100, retry: { maxRetries: 0 } }).whoAmI());
    for (const [err, what] of [
      [e1, 'a refused connection'],
      [e2, 'a timeout'],
    ] as const) {
      assert.ok(err instanceof VobizApiError);
      assertNotReachable(err, what);
    }
  });

  it('is reachable from no property or getter of the client, before and after Vobiz rejects it', async () => {
    const client = h.client();
    assertNotReachable(client, 'a new client');
    h.fake.rotateToken(SANDBOX.authId, SANDBOX.rotatedAuthToken);
    await rejectionOf(() => client.whoAmI());
    assert.ok(client.rejected, 'the client keeps the 401');
    assertNotReachable(client, 'a rejected client');
  });

  it('is sent in the X-Auth-Token header, never in the URL', async () => {
    await h.client().listNumbers({ search: '+91' });
    assert.ok(h.fake.requests.length > 0);
    for (const r of h.fake.requests) assert.ok(!r.url.includes(TOKEN));
    assert.ok(
      h.fake.requests.every((r) => r.hasToken),
      'each request carried the header',
    );
  });
});
