/**
 * The dialects of the Vobiz API (vobiz-api.md §2, §3, §7), through the tree: numbers named in
 * `number` instead of `e164`, trunks in the SDKs' schema (`id`, `sip_domain`, `trunk_type`,
 * `enabled`) show and route as in the current dialect; items the client cannot read are counted
 * and said at the top of the account's tree.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeVariants } from '../fake-vobiz/server';
import type { RoutingNode } from '../../src/tree/nodes';
import { NUMBER, TRUNK, useSignedInHost } from './helpers';
import { TestUi } from './testUi';

const DIALECTS: { name: string; variants: Partial<FakeVariants> }[] = [
  { name: 'numbers named in `number`', variants: { numberField: 'number' } },
  { name: 'trunks in the SDK schema', variants: { trunkDialect: 'sdk' } },
  { name: 'both', variants: { numberField: 'number', trunkDialect: 'sdk' } },
];

describe('dialects of the Vobiz API, through the tree', () => {
  const h = useSignedInHost();

  /** How an item shows: label, description, tooltip, context flags and icon. */
  const look = (node: RoutingNode): unknown[] => {
    const item = h.item(node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    return [h.label(node), item.description, tooltip, item.contextValue, (item.iconPath as vscode.ThemeIcon | undefined)?.id];
  };

  /** Everything the tree shows: the top items, each trunk and its numbers, each number. */
  const snapshot = async (): Promise<unknown[]> => {
    const rows: unknown[] = [(await h.children()).map(look)];
    for (const trunk of await h.children(await h.group('trunks'))) {
      rows.push([look(trunk), (await h.children(trunk)).map((n) => h.label(n))]);
    }
    for (const n of await h.children(await h.group('numbers'))) rows.push(look(n));
    return rows;
  };

  const speak = async (variants: Partial<FakeVariants>): Promise<void> => {
    Object.assign(h.fake.variants, variants);
    await h.run('vobiz.refresh');
  };

  for (const { name, variants } of DIALECTS) {
    it(`${name}: the tree shows the numbers and trunks exactly as in the current dialect`, async () => {
      const current = await snapshot();
      await speak(variants);
      assert.deepEqual(await snapshot(), current);
      const legacy = await h.trunkNode(TRUNK.legacy);
      assert.equal(h.item(legacy).description, 'outbound · udp · inactive · 1 number');
      assert.match(h.item(legacy).contextValue ?? '', /\bvobiz\.trunk\.inactive\b/);
      assert.equal(((await h.numberItem(NUMBER.onLegacy)).iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal((await h.numberItem(NUMBER.onProd)).description, 'Acme Production · Maharashtra');
    });

    it(`${name}: assigning and unassigning work, and the tree follows`, async () => {
      await speak(variants);
      h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.assignNumber', { number: NUMBER.unassigned, trunkId: TRUNK.support });
      assert.equal(h.fake.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.support);
      assert.ok((await h.numbersUnderTrunk(TRUNK.support)).includes(NUMBER.unassigned));
      assert.equal((await h.numberItem(NUMBER.unassigned)).description, 'Support Desk (Bengaluru) · Karnataka');
      h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.unassignNumber', NUMBER.onProd);
      assert.equal(h.fake.number(NUMBER.onProd)?.trunk_group_id, undefined);
      assert.ok(!(await h.numbersUnderTrunk(TRUNK.prod)).includes(NUMBER.onProd));
      assert.equal((await h.numberItem(NUMBER.onProd)).description, 'unassigned · Maharashtra');
    });
  }

  it('Open as JSON shows a number and a trunk in the dialect Vobiz sent them', async () => {
    await speak({ numberField: 'number', trunkDialect: 'sdk' });
    try {
      await h.run('vobiz.openJson', await h.numberNode(NUMBER.onProd));
      const number = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.equal(number.number, NUMBER.onProd);
      assert.ok(!('e164' in number));
      await h.run('vobiz.openJson', await h.trunkNode(TRUNK.legacy));
      const trunk = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as Record<string, unknown>;
      assert.deepEqual([trunk.id, trunk.trunk_type, trunk.enabled], [TRUNK.legacy, 'OUTBOUND', false]);
      assert.ok(!('trunk_id' in trunk) && !('trunk_status' in trunk));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  describe('items the client cannot read', () => {
    it('are counted and said at the top of the tree, leading to the log; the rest shows in full', async () => {
      await speak({ unreadableNumbers: 2, unreadableTrunks: 1 });
      const [first, ...rest] = await h.children();
      assert.equal(h.label(first), '3 items could not be read — Show Log');
      assert.equal(h.item(first).command?.command, 'vobiz.showLog');
      assert.deepEqual(
        rest.map((n) => [h.label(n), h.item(n).description]),
        [
          ['Trunks', '4'],
          ['Numbers', '12'],
        ],
      );
      assert.equal(h.session.model.status, 'ready', 'the lists are complete');
      await speak({ unreadableNumbers: 0, unreadableTrunks: 0 });
      assert.deepEqual(
        (await h.children()).map((n) => h.label(n)),
        ['Trunks', 'Numbers'],
      );
    });

    it('one item, in the `number` dialect too', async () => {
      await speak({ numberField: 'number', unreadableNumbers: 1 });
      const root = await h.children();
      assert.deepEqual(
        root.map((n) => h.label(n)),
        ['1 item could not be read — Show Log', 'Trunks', 'Numbers'],
      );
      assert.equal(h.item(root[2]).description, '12');
    });
  });
});
