import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { VobizApiError } from '../../../src/api';
import { freePort, NUMBER, rejectionOf, SANDBOX, useFake } from '../helpers';

const TOKEN = SANDBOX.authToken;

describe('the auth token never leaks', () => {
  const h = useFake();

  it('is absent from every error message, even when the server echoes it', async () => {
    h.fake.inject({ method: 'GET', fault: { type: 'status', status: 400, body: { error: `bad token ${TOKEN}`, message: `token ${TOKEN} rejected` } } });
    const err = await rejectionOf(() => h.client().listTrunks());
    assert.ok(!err.message.includes(TOKEN), err.message);
    assert.ok(!String(err.code).includes(TOKEN));
    assert.ok(!inspect(err).includes(TOKEN));
    assert.ok(!JSON.stringify(err).includes(TOKEN));
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

  it('is absent from network and timeout errors', async () => {
    const port = await freePort();
    const e1 = await rejectionOf(() => h.client({ baseUrl: `http://127.0.0.1:${port}`, retry: { maxRetries: 0 } }).whoAmI());
    h.fake.inject({ method: 'GET', fault: { type: 'hang' } });
    const e2 = await rejectionOf(() => h.client({ timeoutMs: 100, retry: { maxRetries: 0 } }).whoAmI());
    for (const err of [e1, e2]) {
      assert.ok(err instanceof VobizApiError);
      assert.ok(!err.message.includes(TOKEN));
      assert.ok(!inspect(err, { depth: 5 }).includes(TOKEN));
    }
  });

  it('is not visible on the client object', () => {
    const client = h.client();
    assert.ok(!inspect(client, { depth: 5, showHidden: true }).includes(TOKEN));
    assert.ok(!JSON.stringify(client).includes(TOKEN));
  });

  it('is sent only in the X-Auth-Token header, never in the URL', async () => {
    await h.client().listNumbers({ search: '+91' });
    for (const r of h.fake.requests) assert.ok(!r.url.includes(TOKEN));
  });
});
