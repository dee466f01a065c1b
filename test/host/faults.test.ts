import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { RoutingNode } from '../../src/tree/nodes';
import type { FaultRule } from '../fake-vobiz/server';
import { bulkSeed } from '../fake-vobiz/seed';
import { NUMBER, SANDBOX, setSetting, TRUNK, useHost, useSignedInHost, waitFor } from './helpers';
import { pickLabel, TestUi } from './testUi';

const NUMBERS = 350; // four pages of 100

function tooltipOf(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

/** Faults of the real network while the tree loads, against the fake's fault injection. */
describe('faults during a tree load', () => {
  const h = useHost({ seed: bulkSeed({ numbers: NUMBERS, trunks: 5 }), signIn: true });
  after(() => setSetting('requestTimeoutSeconds', undefined));

  /** Refreshes with this fault in place and returns the labels of the view's root once loaded (or failed). */
  async function loadWith(rule: FaultRule): Promise<string[]> {
    h.fake.inject(rule);
    await h.run('vobiz.refresh');
    await h.api.testing.accounts.whenLoaded();
    return (await h.children()).map((n) => h.label(n));
  }

  /** Loads afresh (nothing shown yet, as after a settings change) with this fault in place. */
  async function firstLoadWith(rule: FaultRule): Promise<void> {
    h.fake.inject(rule);
    await h.loadAfresh();
  }

  /** A refresh that failed: the last complete load stays, whole and usable, under a warning that says why and retries. */
  async function assertLastLoadKept(reason: RegExp): Promise<void> {
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => h.label(n)),
      ["Couldn't refresh: showing the last complete load — Retry", 'Trunks', 'Numbers'],
    );
    assert.match(tooltipOf(h.item(root[0])), reason);
    assert.equal(h.item(root[0]).command?.command, 'vobiz.refresh');
    assert.equal(h.session.model.status, 'ready');
    assert.equal(h.session.model.numberCount, NUMBERS, 'the whole last list, not a shorter one');
  }

  function pageRequests(page: number): number {
    return h.fake.requestsTo('GET', '/numbers').filter((r) => r.query.page === String(page)).length;
  }

  /** The error item shows instead of the groups: nothing of the half-loaded list passes as the account's numbers. */
  async function assertErrorItem(reason: RegExp): Promise<void> {
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => h.label(n)),
      ["Couldn't load numbers — Show Log", 'Retry', 'Check Connection'],
    );
    assert.match(String(h.item(root[0]).description), reason);
    assert.equal(h.session.model.status, 'error');
    assert.equal(
      root.some((n: RoutingNode) => n.type === 'group'),
      false,
      'no Trunks or Numbers group',
    );
  }

  it('a 503 burst is retried within the budget and the load completes with every number', async () => {
    const labels = await loadWith({
      method: 'GET',
      path: '/numbers',
      times: 2,
      fault: { type: 'status', status: 503, body: { error: 'unavailable' }, headers: { 'retry-after': '0' } },
    });
    assert.deepEqual(labels, ['Trunks', 'Numbers']);
    assert.equal(h.session.model.status, 'ready');
    assert.equal(h.session.model.numberCount, NUMBERS);
  });

  it('a 429 storm with Retry-After during paging: the load completes, slower, with every number', async () => {
    const labels = await loadWith({ method: 'GET', path: '/numbers', times: 6, fault: { type: 'rate-limit', retryAfter: '0' } });
    assert.deepEqual(labels, ['Trunks', 'Numbers']);
    assert.equal(h.session.model.numberCount, NUMBERS);
    assert.ok(h.fake.requestsTo('GET', '/numbers').filter((r) => r.status === 429).length >= 6);
  });

  it('503 on every try of one page: the budget ends in an error item, not in a shorter list', async () => {
    await firstLoadWith({
      method: 'GET',
      path: '/numbers',
      times: Infinity,
      fault: { type: 'status', status: 503, body: { error: 'unavailable' }, headers: { 'retry-after': '0' } },
    });
    await assertErrorItem(/503/);
    assert.equal(pageRequests(1), 4, 'one try and three retries, then it stops');
  });

  it("a gateway's HTML 502 page on every try of a refresh: the last complete load stays, under a warning that says so", async () => {
    assert.deepEqual(
      await loadWith({ method: 'GET', path: '/nothing', fault: { type: 'reset' } }),
      ['Trunks', 'Numbers'],
      'loaded first',
    );
    await loadWith({
      method: 'GET',
      path: '/numbers',
      times: Infinity,
      fault: {
        type: 'status',
        status: 502,
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        contentType: 'text/html',
        headers: { 'retry-after': '0' },
      },
    });
    await assertLastLoadKept(/502/);
    assert.doesNotMatch(tooltipOf(h.item((await h.children())[0])), /<html>/, 'the HTML page is not shown as the reason');
    // The same on a first load: an error item, whose reason is not the page either.
    await firstLoadWith({
      method: 'GET',
      path: '/numbers',
      times: Infinity,
      fault: { type: 'status', status: 502, body: '<html><body><h1>502</h1></body></html>', contentType: 'text/html' },
    });
    await assertErrorItem(/502/);
    assert.doesNotMatch(String(h.item((await h.children())[0]).description), /<html>/);
  });

  it('connection resets: retried, then an error item', async () => {
    await firstLoadWith({ method: 'GET', path: '/trunks', times: Infinity, fault: { type: 'reset' } });
    await assertErrorItem(/connect|reset|socket|network/i);
    assert.equal(h.fake.requestsTo('GET', '/trunks').length, 4);
  });

  it('a hanging page times out; once is retried, always ends the refresh with the last complete rows kept, under a warning', async () => {
    await setSetting('requestTimeoutSeconds', 1);
    try {
      // Once: the retry answers and the load completes.
      h.fake.inject({ method: 'GET', path: '/numbers', times: 1, fault: { type: 'hang' } });
      await h.run('vobiz.refresh');
      await h.api.testing.accounts.whenLoaded();
      assert.equal(h.session.model.numberCount, NUMBERS);

      // Always, on page 3: the last complete rows stay while page 3 is retried (a refresh shows no half list), then the error item.
      h.reset();
      h.fake.inject({ method: 'GET', path: '/numbers', query: { page: '3' }, times: Infinity, fault: { type: 'hang' } });
      const refreshed = h.run('vobiz.refresh');
      await waitFor(() => pageRequests(3) >= 1, 'page 3 to be asked for (it hangs)');
      assert.equal(h.session.model.status, 'ready');
      const numbers = await h.children(await h.group('numbers'));
      assert.ok(
        numbers.every((n) => n.type !== 'message'),
        'no "Loading more…": the rows are the last complete list',
      );
      await refreshed;
      await h.api.testing.accounts.whenLoaded();
      await assertLastLoadKept(/did not answer within 1 s/);
      assert.equal(pageRequests(3), 4);
    } finally {
      await setSetting('requestTimeoutSeconds', undefined);
    }
  });
});

/** Wrong credentials mid-session: the Auth Token was rotated in the Vobiz console. */
describe('a token rotated mid-session', () => {
  const h = useSignedInHost();

  const NUMBERS_TO_MOVE = [
    NUMBER.unassigned,
    NUMBER.unassigned2,
    NUMBER.onProd,
    NUMBER.onProd2,
    NUMBER.onSupport,
    NUMBER.onStaging,
  ];

  it('one prompt to sign in again, and no loop of failing requests', async () => {
    const nodes = await Promise.all(NUMBERS_TO_MOVE.map((e) => h.numberNode(e)));
    const newToken = SANDBOX.rotatedAuthToken;
    h.fake.rotateToken(SANDBOX.authId, newToken);
    h.fake.clearRequests();
    const ui = h.useUi(new TestUi(pickLabel('Legacy PBX'), { confirm: true }));

    await h.run('vobiz.moveNumber', nodes[0], nodes);

    // At most the changes already under way (3 at a time) reached Vobiz; the rest were not sent.
    const sent = h.fake.requests.length;
    assert.ok(sent >= 1 && sent <= 3, `${sent} requests after the rotation`);
    assert.ok(
      h.fake.requests.every((r) => r.status === 401),
      'each was refused',
    );
    const told = ui.shown.filter((s) => s.kind === 'warn' || s.kind === 'error');
    assert.equal(told.length, 1, `one message: ${JSON.stringify(told)}`);
    assert.match(told[0].message, /no longer accepts the credentials of MA_/);
    assert.match(told[0].message, /6 numbers were not changed/);
    assert.deepEqual(told[0].actions?.[0], 'Sign In Again');
    for (const e of NUMBERS_TO_MOVE) assert.notEqual(h.fake.number(e)?.trunk_group_id, TRUNK.legacy, `${e} did not move`);

    // The tree says it in place of the numbers.
    const root = await h.children();
    assert.deepEqual(
      root.map((n) => h.label(n)),
      ['Vobiz rejected the credentials — Sign In Again', 'Retry', 'Check Connection'],
    );
    const signInAgain = h.item(root[0]).command;

    // Later commands send nothing until the user signs in again.
    const later = h.useUi(new TestUi(pickLabel('Legacy PBX')));
    const before = h.fake.requests.length;
    await h.run('vobiz.assignNumber', nodes[0]);
    assert.equal(h.fake.requests.length, before, 'no request while the credentials are known to be rejected');
    const error = later.shown.find((s) => s.kind === 'error');
    assert.match(error?.message ?? '', /did not accept the credentials/);
    assert.deepEqual(error?.actions, ['Sign In Again', 'Show Log', 'Check Connection']);

    // The item's Sign In Again asks for the new token only, and brings the tree back.
    const again = h.useUi(new TestUi({ input: newToken }));
    assert.ok(signInAgain);
    await h.run(signInAgain.command, ...((signInAgain.arguments ?? []) as unknown[]));
    const asked = again.shown.filter((s) => s.kind === 'input');
    assert.equal(asked.length, 1, 'only the token is asked for');
    assert.match(asked[0].message, /no longer accepts/);
    await h.loaded();
    assert.equal(h.session.model.status, 'ready');
    assert.deepEqual(
      (await h.children()).map((n) => h.label(n)),
      ['Trunks', 'Numbers'],
    );
  });
});

/** Faults on writes, two changes at once, and states the tree has no special case for. */
describe('faults on routing changes', () => {
  const h = useSignedInHost();

  const FREE = NUMBER.unassigned;
  const ROUTED = NUMBER.onProd; // on Acme Production

  function writes(): string[] {
    return h.fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/^.*\/numbers\//, '')}`);
  }

  it('a write whose answer is lost after it happened: not retried; the re-read shows it happened, and the message says so', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', afterApply: true, fault: { type: 'reset' } });
    h.useUi(new TestUi({ confirm: true }));
    const result = (await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support })) as
      { error?: string } | undefined;
    assert.equal(result?.error, undefined);
    assert.deepEqual(writes(), [`POST ${FREE}/assign`], 'one write, no automatic retry');
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.support);
    assert.ok((await h.numbersUnderTrunk(TRUNK.support)).includes(FREE), 'the tree shows the real state');
    assert.ok(h.ui.messages('info').some((m) => m.includes(`${FREE} now routes to trunk`)));
  });

  it('a write that failed before it happened: not retried; the message says it was not applied and where the number is', async () => {
    h.fake.inject({ method: 'POST', path: '/assign', fault: { type: 'status', status: 503, body: { error: 'unavailable' } } });
    h.useUi(new TestUi({ confirm: true }));
    const result = (await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support })) as { error?: string };
    assert.deepEqual(writes(), [`POST ${FREE}/assign`], 'one write, no automatic retry');
    assert.match(result.error ?? '', /not applied/);
    assert.match(result.error ?? '', /is unassigned/);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, undefined);
  });

  it('two changes of the same number at once (a double click, drag + command) run one after the other; the second, no longer where it was seen, changes nothing', async () => {
    const gate = h.fake.hold({ method: 'DELETE', path: '/assign' });
    // The first move asks (its trunk came in the argument); the second stops before asking anything.
    h.useUi(new TestUi({ confirm: true }));
    const first = h.run('vobiz.moveNumber', { number: ROUTED, trunkId: TRUNK.staging });
    await gate.whenWaiting(1);
    const second = h.run('vobiz.moveNumber', { number: ROUTED, trunkId: TRUNK.support });
    gate.open();
    const [a, b] = (await Promise.all([first, second])) as ({ error?: string } | undefined)[];
    assert.equal(a?.error, undefined);
    assert.match(
      b?.error ?? '',
      /Nothing was changed: .* now routes to trunk "Acme Staging", not on trunk "Acme Production" as the tree showed/,
    );
    assert.deepEqual(
      writes(),
      [`DELETE ${ROUTED}/assign`, `POST ${ROUTED}/assign`],
      'the second change read after the first ended, and stopped',
    );
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.staging);
    assert.ok((await h.numbersUnderTrunk(TRUNK.staging)).includes(ROUTED));
  });

  it('a number in a state the tree has no special case for is shown as the server says it', async () => {
    const n = h.fake.number(FREE);
    assert.ok(n);
    n.status = 'porting_in';
    await h.run('vobiz.refresh');
    const item = await h.numberItem(FREE);
    assert.equal(item.description, 'unassigned · porting in · Karnataka', 'the status as it is, in words');
    const tooltip = item.tooltip;
    assert.match(typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), /porting\\?_in/);
  });
});
