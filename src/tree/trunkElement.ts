import * as vscode from 'vscode';
import { isTrunkActive, trunkName } from '../model/routingRules';
import type { AccountSession } from '../session/accountSession';
import { trunkContextValue } from './itemLooks';
import { trunkTooltip } from './itemTooltips';
import { goneTrunkAccessibilityLabel, trunkAccessibilityLabel, trunkDescription, trunkDescriptionShown } from './itemWords';
import { trunkNodeId } from './nodes';
import type { TrunkNode } from './nodes';
import { AccountBoundElement, markdownTooltip, numberListChildren, WARNING } from './treeElement';
import type { TreeElement, TreeContext } from './treeElement';

/** A trunk in the Trunks group: the numbers routed to it (as the filter shows them) below it. */
export class TrunkElement extends AccountBoundElement implements TrunkNode {
  readonly type = 'trunk';
  readonly id: string;
  readonly authId: string;
  readonly trunkId: string;

  constructor(authId: string, trunkId: string) {
    super();
    this.id = trunkNodeId(authId, trunkId);
    this.authId = authId;
    this.trunkId = trunkId;
  }

  /** Its name, direction, transport and number count; collapsible while the filter shows any of its numbers. */
  protected itemIn(session: AccountSession, ctx: TreeContext): vscode.TreeItem {
    const t = session.model.trunk(this.trunkId);
    const count = session.model.numbersOfTrunk(this.trunkId).length;
    const visible = ctx.shown(session, this.trunkId).length;
    const item = new vscode.TreeItem(
      t ? trunkName(t) : this.trunkId,
      visible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    if (!t) {
      item.accessibilityInformation = { label: goneTrunkAccessibilityLabel(this.trunkId) };
      return item;
    }
    const filtered = ctx.filter() !== undefined;
    const description = trunkDescription(t, count);
    item.description = filtered && visible !== count ? trunkDescriptionShown(description, visible) : description;
    item.tooltip = markdownTooltip(trunkTooltip(t, count));
    item.iconPath = isTrunkActive(t) ? new vscode.ThemeIcon('server') : new vscode.ThemeIcon('debug-disconnect', WARNING);
    item.contextValue = trunkContextValue(t);
    item.accessibilityInformation = { label: trunkAccessibilityLabel(t, count, visible, filtered) };
    return item;
  }

  protected override childrenIn(session: AccountSession, ctx: TreeContext): TreeElement[] {
    return numberListChildren(ctx, session, this.trunkId);
  }

  parent(ctx: TreeContext): TreeElement {
    return ctx.elements.group(this.authId, 'trunks');
  }
}
