/**
 * Screen readers: every item of the tree has an `accessibilityInformation.label` that says in words
 * what a sighted user reads from its icon and colour (a warning, an inactive trunk, a number routed
 * to an application or to no trunk, an error, loading).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoutingNode } from '../../src/tree/nodes';
import { bulkSeed } from '../fake-vobiz/seed';
import type { HostHarness } from './helpers';
import { NUMBER, SANDBOX, useHost, useSignedInHost, waitFor } from './helpers';

interface Shown {
  readonly node: RoutingNode;
  readonly item: vscode.TreeItem;
  /** What a screen reader says for it. */
  readonly aria: string;
}

function shown(h: HostHarness, node: RoutingNode): Shown {
  const item = h.item(node);
  return { node, item, aria: item.accessibilityInformation?.label ?? '' };
}

/** Every item of the tree, depth first from the root (ranges and their numbers included). */
async function walk(h: HostHarness, node?: RoutingNode): Promise<Shown[]> {
  const rows: Shown[] = [];
  for (const child of await h.children(node)) {
    rows.push(shown(h, child));
    rows.push(...(await walk(h, child)));
  }
  return rows;
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** What each icon shows, as the words its item's screen-reader label must say. */
const ICON_WORDS: Record<string, RegExp> = {
  warning: /^Warning: /,
  'debug-disconnect': /, inactive, .* Numbers routed to it do not receive calls\./,
  'symbol-event': /, routed to application /,
  'circle-slash': /, not assigned to a trunk\./,
  'call-incoming': /, routed to trunk /,
  error: /^Error: |failed to load/,
  'loading~spin': /^Loading more numbers, \d+ so far\.$/,
};

/** Every item has a non-empty screen-reader label, and items whose icon carries a meaning say it in words. */
function assertEveryItemSaysItsLook(rows: readonly Shown[]): void {
  assert.ok(rows.length > 0, 'the tree shows items');
  for (const { node, item, aria } of rows) {
    assert.ok(aria.trim().length > 0, `no accessibility label on ${node.id} (${labelOf(item)})`);
    const words = ICON_WORDS[iconId(item) ?? ''];
    if (words) assert.match(aria, words, `${node.id} (${iconId(item)} icon)`);
  }
}

function ariaOf(rows: readonly Shown[], match: (node: RoutingNode) => boolean): string[] {
  return rows.filter((r) => match(r.node)).map((r) => r.aria);
}

describe('accessibility: what a screen reader says for each tree item', () => {
  describe('the sandbox, signed in', () => {
    const h = useSignedInHost();

    it('every item (groups, trunks, numbers under trunks and in Numbers) has a label that says what its icon and colour show', async () => {
      const rows = await walk(h);
      assertEveryItemSaysItsLook(rows);
      assert.deepEqual(
        ariaOf(rows, (n) => n.type === 'group'),
        ['Trunks, 4 trunks.', 'Numbers, 12 numbers.'],
      );
    });

    it('a number routed to a trunk says the trunk, and its region', async () => {
      const rows = await walk(h);
      assert.deepEqual(
        new Set(ariaOf(rows, (n) => n.type === 'number' && n.e164 === NUMBER.onProd)),
        new Set([`${NUMBER.onProd}, routed to trunk Acme Production. Region: Maharashtra.`]),
      );
      assert.equal(
        shown(h, await h.numberNode(NUMBER.onStaging)).aria,
        `${NUMBER.onStaging}, routed to trunk Acme Staging. Region: California.`,
      );
    });

    it('an unassigned number says it is not assigned to a trunk', async () => {
      assert.equal(
        shown(h, await h.numberNode(NUMBER.unassigned)).aria,
        `${NUMBER.unassigned}, not assigned to a trunk. Region: Karnataka.`,
      );
    });

    it('an app-routed number says it is routed to an application', async () => {
      assert.equal(
        shown(h, await h.numberNode(NUMBER.appRouted)).aria,
        `${NUMBER.appRouted}, routed to application 21784177241757. Region: California.`,
      );
    });

    it('an inactive trunk says it is inactive, and that its numbers do not receive calls', async () => {
      const trunks = (await h.children(await h.group('trunks'))).map((n) => shown(h, n));
      const legacy = trunks.find((r) => labelOf(r.item) === 'Legacy PBX');
      assert.ok(legacy);
      assert.equal(iconId(legacy.item), 'debug-disconnect');
      assert.equal(
        legacy.aria,
        'Trunk Legacy PBX, inactive, 1 number. Numbers routed to it do not receive calls. Direction: outbound. Transport: udp.',
      );
      const prod = trunks.find((r) => labelOf(r.item) === 'Acme Production');
      assert.equal(prod?.aria, 'Trunk Acme Production, 3 numbers. Direction: inbound. Transport: udp.');
    });

    it('numbers with a warning icon say "Warning:" and why they will not receive calls', async () => {
      const onLegacy = shown(h, await h.numberNode(NUMBER.onLegacy));
      assert.equal(iconId(onLegacy.item), 'warning');
      assert.equal(
        onLegacy.aria,
        `Warning: ${NUMBER.onLegacy}, routed to trunk Legacy PBX. It routes to the inactive trunk "Legacy PBX": calls will not be delivered. Region: London.`,
      );
      const blocked = shown(h, await h.numberNode(NUMBER.blocked));
      assert.match(
        blocked.aria,
        new RegExp(
          `^Warning: \\${NUMBER.blocked}, not assigned to a trunk\\. The number is blocked: it does not receive calls\\. Status: blocked\\.`,
        ),
      );
      assert.match(shown(h, await h.numberNode(NUMBER.pendingRelease)).aria, /^Warning: .* pending release/);
    });

    it("a sub-account's number listed by the main account names its owner", async () => {
      assert.match(shown(h, await h.numberNode(NUMBER.subOnReseller)).aria, new RegExp(`Owner: ${SANDBOX.subAuthId}\\.$`));
    });

    it('the warning item of unreadable items says "Warning:" and what happened', async () => {
      Object.assign(h.fake.variants, { unreadableNumbers: 2 });
      await h.run('vobiz.refresh');
      const rows = await walk(h);
      assertEveryItemSaysItsLook(rows);
      const [first] = rows;
      assert.equal(labelOf(first.item), '2 items could not be read — Show Log');
      assert.equal(
        first.aria,
        'Warning: 2 items could not be read: they are left out of the view. The Vobiz log says what was wrong with them.',
      );
    });

    it('the error item says "Error:", its action and the reason; Retry and Check Connection say themselves', async () => {
      h.fake.inject({
        method: 'GET',
        path: '/numbers',
        times: 10,
        fault: { type: 'status', status: 500, body: { error: 'internal error' } },
      });
      try {
        await h.loadAfresh();
        const rows = await walk(h);
        assertEveryItemSaysItsLook(rows);
        assert.match(rows[0].aria, /^Error: Couldn't load numbers — Show Log\. \S/);
        assert.deepEqual(
          rows.slice(1).map((r) => r.aria),
          rows.slice(1).map((r) => labelOf(r.item)),
        );
        assert.ok(rows.slice(1).some((r) => r.aria === 'Retry'));
      } finally {
        h.fake.clearFaults();
        await h.run('vobiz.refresh');
      }
    });

    it('a filter: the Numbers group says how many it shows, and the empty result how to clear it', async () => {
      await h.run('vobiz.filterNumbers', { kind: 'digits', digits: '9999999999' });
      try {
        const rows = await walk(h);
        assertEveryItemSaysItsLook(rows);
        assert.ok(
          rows.some((r) => r.aria === 'Numbers, 0 of 12 shown by the filter.'),
          rows.map((r) => r.aria).join('\n'),
        );
        assert.ok(rows.some((r) => r.aria === 'No numbers match the filter. Select to clear the filter.'));
        const prod = rows.find((r) => labelOf(r.item) === 'Acme Production');
        assert.equal(prod?.aria, 'Trunk Acme Production, 3 numbers. 0 shown by the filter. Direction: inbound. Transport: udp.');
      } finally {
        await h.run('vobiz.clearFilter');
      }
    });

    it('with two accounts, each account says whether it is a sub-account', async () => {
      await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
      try {
        const rows = await walk(h);
        assertEveryItemSaysItsLook(rows);
        assert.deepEqual(
          ariaOf(rows, (n) => n.type === 'account'),
          [
            `Account Acme Voice (sandbox) (${SANDBOX.authId}).`,
            `Sub-account Acme Reseller (sandbox sub-account) (${SANDBOX.subAuthId}).`,
          ],
        );
      } finally {
        await h.api.testing.accounts.signOut(SANDBOX.subAuthId);
      }
    });
  });

  describe('a long list, in ranges', () => {
    const h = useHost({ seed: bulkSeed({ numbers: 1_200, trunks: 1 }), signIn: true });

    it('every item, ranges and the numbers in them included, has a label; a range says which numbers it holds', async () => {
      const rows = await walk(h);
      assertEveryItemSaysItsLook(rows);
      assert.ok(rows.filter((r) => r.node.type === 'number').length >= 1_200, 'every number was walked');
      assert.deepEqual(
        ariaOf(rows, (n) => n.type === 'range'),
        [
          'Numbers 1 to 500 of 1200, from +918010000000 to +918010000499.',
          'Numbers 501 to 1000 of 1200, from +918010000500 to +918010000999.',
          'Numbers 1001 to 1200 of 1200, from +918010001000 to +918010001199.',
        ],
      );
    });

    it('while the first pages show, the Numbers group and the "Loading more…" item say that more are loading', async () => {
      await h.signOutAll();
      const gate = h.fake.hold({ method: 'GET', path: '/numbers', query: { page: '2' } });
      const signingIn = h.signIn();
      try {
        await gate.whenWaiting(1);
        await waitFor(() => h.api.testing.accounts.list()[0]?.model.status === 'partial', 'the first rows');
        const rows = await walk(h);
        assertEveryItemSaysItsLook(rows);
        assert.ok(
          rows.some((r) => r.aria === 'Numbers, 100 so far, loading…'),
          rows
            .filter((r) => r.node.type !== 'number')
            .map((r) => r.aria)
            .join('\n'),
        );
        assert.ok(rows.some((r) => iconId(r.item) === 'loading~spin' && r.aria === 'Loading more numbers, 100 so far.'));
      } finally {
        gate.open();
      }
      await signingIn;
    });
  });
});
