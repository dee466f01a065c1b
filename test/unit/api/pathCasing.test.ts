import * as assert from 'node:assert/strict';
import { forgetAccountSegments } from '../../../src/api';
import type { VobizClient } from '../../../src/api';
import { bulkSeed } from '../../fake-vobiz/seed';
import { Harness, NUMBER, rejectionOf, SANDBOX, TRUNK, useFake } from '../helpers';

const CAPITAL = `/api/v1/Account/${SANDBOX.authId}/`;
const LOWER = `/api/v1/account/${SANDBOX.authId}/`;

/** The paths the fake was asked for, the account part shortened to `Account/` or `account/`. */
function asked(h: Harness): string[] {
  return h.fake.requests.map((r) => `${r.status} ${r.path.replace(`/${SANDBOX.authId}/`, '/').replace('/api/v1/', '')}`);
}

describe('path casing: /Account/ (current reference) or /account/ (older docs, Go and Ruby SDKs)', () => {
  const h = useFake();
  const notes: string[] = [];
  const client = (): VobizClient => h.client({ onNote: (n) => notes.push(n) });
  beforeEach(() => {
    forgetAccountSegments();
    notes.length = 0;
  });
  after(() => forgetAccountSegments());

  it('uses /Account/ by default, and a server answering only there is never asked for /account/', async () => {
    h.fake.variants.pathCasing = 'capital-only';
    const c = client();
    assert.equal((await c.listNumbers()).length, 12);
    assert.equal((await c.listTrunks()).length, 4);
    await c.assignNumber(NUMBER.unassigned, TRUNK.prod);
    assert.ok(
      h.fake.requests.every((r) => r.path === '/api/v1/auth/me' || r.path.startsWith(CAPITAL)),
      asked(h).join(', '),
    );
    assert.ok(h.fake.requests.every((r) => r.status !== 404));
    assert.deepEqual(notes, []);
  });

  it('a list answered 404 under /Account/ is read under /account/; the client then uses /account/ for every path', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    const c = client();
    assert.equal((await c.listNumbers()).length, 12);
    assert.deepEqual(asked(h), ['404 Account/numbers', '200 account/numbers']);
    h.fake.clearRequests();
    assert.equal((await c.listTrunks()).length, 4);
    await c.assignNumber(NUMBER.unassigned, TRUNK.prod);
    assert.equal((await c.getTrunk(TRUNK.prod)).name, 'Acme Production');
    assert.ok(
      h.fake.requests.every((r) => r.path.startsWith(LOWER) && r.status !== 404),
      asked(h).join(', '),
    );
    assert.equal(h.fake.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.prod);
  });

  it('is remembered for the API: a new client for it starts with /account/, and it is said once', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    // Numbers and trunks at once, as a load reads them: both fall back, one note.
    const first = client();
    await Promise.all([first.listNumbers(), first.listTrunks()]);
    h.fake.clearRequests();
    const second = client();
    await second.listNumbers();
    assert.deepEqual(asked(h), ['200 account/numbers'], 'no 404 first');
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(
      notes[0],
      new RegExp(`answered 404 to GET /api/v1/Account/${SANDBOX.authId}/(numbers|trunks) and answered under /api/v1/account/`),
    );
    assert.match(notes[0], /Go and Ruby SDKs/);
  });

  it('the note goes through the log hook of the client that learned it; a failing hook fails nothing', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    const c = h.client({
      onNote: () => {
        throw new Error('listener failed');
      },
    });
    assert.equal((await c.listTrunks()).length, 4);
  });

  it('another API (another base URL) starts with /Account/ again', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    await client().listNumbers();
    const other = new Harness();
    await other.start();
    try {
      await other.client().listNumbers();
      assert.deepEqual(asked(other), ['200 Account/numbers']);
    } finally {
      await other.stop();
    }
  });

  it('back again: a server that answers only /Account/ later is read there once more (the other casing is tried once)', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    await client().listNumbers();
    h.fake.variants.pathCasing = 'capital-only';
    h.fake.clearRequests();
    await client().listNumbers();
    assert.deepEqual(asked(h), ['404 account/numbers', '200 Account/numbers']);
    assert.equal(notes.length, 2);
  });

  it('a 404 under both casings fails with the first one (the path in use), tried once each; nothing is learned', async () => {
    h.fake.inject({
      method: 'GET',
      path: '/numbers',
      times: 2,
      fault: { type: 'status', status: 404, body: { error: 'Not found', message: 'No such path.' } },
    });
    const err = await rejectionOf(() => client().listNumbers());
    assert.equal(err.status, 404);
    assert.equal(err.path, `${CAPITAL}numbers`);
    assert.deepEqual(asked(h), ['404 Account/numbers', '404 account/numbers']);
    assert.deepEqual(notes, []);
    h.fake.clearRequests();
    await client().listNumbers();
    assert.deepEqual(asked(h), ['200 Account/numbers']);
  });

  it('a 404 of a later page is not a casing problem: no other casing is tried', async () => {
    const big = new Harness(bulkSeed({ numbers: 150, trunks: 2 }));
    await big.start();
    try {
      big.fake.inject({
        method: 'GET',
        path: '/numbers',
        query: { page: '2' },
        times: Infinity,
        fault: { type: 'status', status: 404, body: { error: 'gone' } },
      });
      const err = await rejectionOf(() => big.client({ onNote: (n) => notes.push(n) }).listNumbers());
      assert.equal(err.status, 404);
      assert.deepEqual(asked(big), ['200 Account/numbers', '404 Account/numbers']);
      assert.deepEqual(notes, []);
    } finally {
      await big.stop();
    }
  });

  it('a write before any answer (a keybinding at start-up) answered 404 is tried once under the other casing, which is learned', async () => {
    h.fake.variants.pathCasing = 'lowercase-only';
    const c = client();
    await c.assignNumber(NUMBER.unassigned, TRUNK.prod);
    assert.deepEqual(asked(h), ['404 Account/numbers/+918041234568/assign', '204 account/numbers/+918041234568/assign']);
    assert.equal(h.fake.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.prod);
    assert.equal(notes.length, 1);
    assert.match(notes[0], /answered 404 to POST \/api\/v1\/Account\/.*\/assign and answered under \/api\/v1\/account\//);
    h.fake.clearRequests();
    await c.unassignNumber(NUMBER.unassigned);
    assert.deepEqual(asked(h), ['204 account/numbers/+918041234568/assign'], 'the next write goes to the learned casing');
  });

  it('a write 404 under both casings fails with the first answer; nothing is learned', async () => {
    h.fake.inject({
      method: 'POST',
      path: '/assign',
      times: 2,
      fault: { type: 'status', status: 404, body: { error: 'Not found' } },
    });
    const err = await rejectionOf(() => client().assignNumber(NUMBER.unassigned, TRUNK.prod));
    assert.equal(err.status, 404);
    assert.equal(err.path, `${CAPITAL}numbers/%2B918041234568/assign`);
    assert.deepEqual(asked(h), ['404 Account/numbers/+918041234568/assign', '404 account/numbers/+918041234568/assign']);
    assert.deepEqual(notes, []);
  });

  it('once the casing in use has answered, a 404 on a write is the answer: no other casing is tried', async () => {
    const c = client();
    await c.listTrunks();
    h.fake.clearRequests();
    const err = await rejectionOf(() => c.unassignNumber(NUMBER.unassigned));
    assert.equal(err.status, 404);
    assert.deepEqual(asked(h), ['404 Account/numbers/+918041234568/assign']);
  });
});
