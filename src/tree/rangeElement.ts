import * as vscode from 'vscode';
import { rangeAt } from '../model/numberRanges';
import type { AccountSession } from '../session/accountSession';
import { RANGE_CONTEXT } from './itemLooks';
import { rangeWords } from './itemWords';
import { rangeNodeId } from './nodes';
import type { RangeNode } from './nodes';
import { AccountBoundElement } from './treeElement';
import type { TreeElement, TreeContext } from './treeElement';

/**
 * A slice of a long list of numbers (the Numbers group's or a trunk's), known by where it starts:
 * its end is read from the list as it is when shown (see `rangeAt`).
 */
export class RangeElement extends AccountBoundElement implements RangeNode {
  readonly type = 'range';
  readonly id: string;
  readonly authId: string;
  readonly underTrunkId: string | undefined;
  readonly from: number;

  constructor(authId: string, underTrunkId: string | undefined, from: number) {
    super();
    this.id = rangeNodeId(authId, underTrunkId, from);
    this.authId = authId;
    this.underTrunkId = underTrunkId;
    this.from = from;
  }

  protected itemIn(session: AccountSession, ctx: TreeContext): vscode.TreeItem {
    const list = ctx.shown(session, this.underTrunkId);
    const { from, to } = rangeAt(list.length, this.from);
    const first = list[from]?.e164 ?? '';
    const last = list[to - 1]?.e164 ?? '';
    const words = rangeWords(first, last, from, to, list.length);
    const item = new vscode.TreeItem(words.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = words.description;
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.contextValue = RANGE_CONTEXT;
    item.tooltip = words.tooltip;
    item.accessibilityInformation = { label: words.accessibility };
    return item;
  }

  protected override childrenIn(session: AccountSession, ctx: TreeContext): TreeElement[] {
    const list = ctx.shown(session, this.underTrunkId);
    const { from, to } = rangeAt(list.length, this.from);
    return list.slice(from, to).map((n) => ctx.elements.number(this.authId, n.e164, this.underTrunkId));
  }

  parent(ctx: TreeContext): TreeElement {
    return ctx.elements.listHolder(this.authId, this.underTrunkId);
  }
}
