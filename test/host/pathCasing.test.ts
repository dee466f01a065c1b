/**
 * A server that answers only under the older `/api/v1/account/` casing, through the tree: the first
 * 404 under `/Account/` is tried once in the other casing, the tree loads, and a routing change goes
 * to the casing that answered. A second fake on its own port, so the casing it teaches the client
 * (remembered per API base URL) leaves the other suites' server alone.
 */
import * as assert from 'node:assert/strict';
import { TestUi } from './testUi';
import { FakeVobiz } from '../fake-vobiz/server';
import { NUMBER, SANDBOX, setSetting, TRUNK, useSignedInHost, waitFor } from './helpers';

describe('a server that answers only under /account/ (older docs, two SDKs), through the tree', () => {
  const h = useSignedInHost();
  const lowercase = new FakeVobiz();

  before(async () => {
    await lowercase.start();
    lowercase.variants.pathCasing = 'lowercase-only';
  });
  after(() => lowercase.stop());

  it('loads the tree after one 404 per list under /Account/, then routes a number under /account/', async () => {
    // Another local port is another server: sending the credentials there (and back) is agreed to;
    // the assign in between, its trunk named in the argument, is confirmed too.
    h.useUi(new TestUi({ confirm: true }, { confirm: true }, { confirm: true }));
    await setSetting('apiBaseUrl', lowercase.baseUrl);
    try {
      await throughLowercase();
    } finally {
      h.fake.clearRequests();
      await setSetting('apiBaseUrl', h.fake.baseUrl);
      await waitFor(() => h.fake.requestsTo('GET', '/numbers').some((r) => !r.query.search), 'the reload from the first server');
      await h.session.whenLoaded();
    }
  });

  async function throughLowercase(): Promise<void> {
    await waitFor(
      () => lowercase.requestsTo('GET', '/numbers').some((r) => r.status === 200),
      'the numbers answered under /account/',
    );
    await h.session.whenLoaded();
    await waitFor(
      () => h.session.model.status === 'ready' && h.session.model.numberCount === lowercase.numbers.length,
      'the tree from the lowercase server',
    );
    const lists = lowercase.requests.filter((r) => r.method === 'GET' && /\/(numbers|trunks)$/.test(r.path));
    assert.ok(
      lists.some((r) => r.path.startsWith(`/api/v1/Account/${SANDBOX.authId}/`) && r.status === 404),
      'tried /Account/ first',
    );
    assert.ok(
      lists.some((r) => r.path.startsWith(`/api/v1/account/${SANDBOX.authId}/`) && r.status === 200),
      'then /account/',
    );
    assert.ok((await h.numbersUnderTrunk(TRUNK.prod)).includes(NUMBER.onProd));
    lowercase.clearRequests();
    await h.run('vobiz.assignNumber', { number: NUMBER.unassigned, trunkId: TRUNK.staging });
    assert.equal(lowercase.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.staging);
    assert.ok(
      lowercase.requests.every((r) => r.path.startsWith('/api/v1/account/') || r.path === '/api/v1/auth/me'),
      lowercase.requests.map((r) => r.path).join('\n'),
    );
    assert.ok(
      h.api.testing.log.recentLines.some((l) => l.includes('/account/ from now on')),
      'the log says so',
    );
  }
});
