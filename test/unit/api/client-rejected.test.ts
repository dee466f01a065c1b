import * as assert from 'node:assert/strict';
import { authErrorOf, VobizApiError } from '../../../src/api';
import { bulkSeed } from '../../fake-vobiz/seed';
import { rejectionOf, SANDBOX, useFake } from '../helpers';

/** A token rotated (or revoked) mid-session: the client stops sending at the first 401. */
describe('rejected credentials', () => {
  const h = useFake(bulkSeed({ numbers: 1000, trunks: 3 }));

  const rotate = (): void => h.fake.rotateToken(SANDBOX.authId, SANDBOX.rotatedAuthToken);

  it('after a 401 every call fails at once with it, and nothing more is sent', async () => {
    const rejections: VobizApiError[] = [];
    const client = h.client({ onRejected: (e) => rejections.push(e) });
    await client.listTrunks();
    rotate();
    const first = await rejectionOf(() => client.getNumber(h.fake.numbers[0].e164));
    assert.ok(first instanceof VobizApiError && first.status === 401);
    const sent = h.fake.requests.length;
    const again = await rejectionOf(() => client.listNumbers());
    const write = await rejectionOf(() => client.unassignNumber(h.fake.numbers[1].e164));
    assert.equal(again, first);
    assert.equal(write, first);
    assert.equal(h.fake.requests.length, sent, 'no request after the 401');
    assert.equal(rejections.length, 1, 'told once');
    assert.equal(client.rejected, first);
  });

  it('requests waiting for a slot when the 401 comes are not sent', async () => {
    rotate();
    h.fake.latencyMs = 20;
    const client = h.client({ maxInFlight: 2 });
    const calls = h.fake.numbers.slice(0, 8).map((n) =>
      client.getNumber(n.e164).then(
        () => 'ok',
        (e: unknown) => e,
      ),
    );
    const results = await Promise.all(calls);
    assert.ok(results.every((r) => r instanceof VobizApiError && r.status === 401));
    assert.ok(h.fake.requests.length <= 2, `${h.fake.requests.length} requests reached the server (at most the 2 in flight)`);
  });

  it('a 403 (not allowed for this resource) does not stop the client', async () => {
    const client = h.client();
    h.fake.inject({ method: 'GET', path: '/trunks', fault: { type: 'status', status: 403, body: { error: 'forbidden' } } });
    await rejectionOf(() => client.listTrunks());
    assert.equal(client.rejected, undefined);
    assert.equal((await client.listTrunks()).length, 3);
  });

  it('authErrorOf finds the credentials error behind a wrapping error', () => {
    const auth = new VobizApiError({ kind: 'http', status: 401, message: 'no' });
    assert.equal(authErrorOf(new Error('wrapped', { cause: auth })), auth);
    assert.equal(authErrorOf(new Error('plain')), undefined);
    assert.equal(authErrorOf(new VobizApiError({ kind: 'http', status: 500, message: 'x' })), undefined);
  });
});
