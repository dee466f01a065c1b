import * as vscode from 'vscode';
import type { VobizNumber } from '../api';
import { indexOfNumber, numberRanges, rangeStart } from '../model/numberRanges';
import { numberDescription } from '../model/routingRules';
import type { AccountSession } from '../session/accountSession';
import { numberContextValue, numberLook } from './itemLooks';
import type { NumberLook } from './itemLooks';
import { numberTooltip } from './itemTooltips';
import { goneNumberAccessibilityLabel, numberAccessibilityLabel } from './itemWords';
import { numberNodeId } from './nodes';
import type { NumberNode } from './nodes';
import { AccountBoundElement, markdownTooltip, WARNING } from './treeElement';
import type { TreeElement, TreeContext } from './treeElement';

/** A phone number, in the Numbers group or under the trunk it routes to (in a range when the list is long). */
export class NumberElement extends AccountBoundElement implements NumberNode {
  readonly type = 'number';
  readonly id: string;
  readonly authId: string;
  readonly e164: string;
  readonly underTrunkId: string | undefined;

  constructor(authId: string, e164: string, underTrunkId: string | undefined) {
    super();
    this.id = numberNodeId(authId, e164, underTrunkId);
    this.authId = authId;
    this.e164 = e164;
    this.underTrunkId = underTrunkId;
  }

  protected itemIn(session: AccountSession): vscode.TreeItem {
    const n = session.model.number(this.e164);
    const trunk = session.model.trunk(n?.trunk_group_id);
    const item = new vscode.TreeItem(this.e164, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    if (!n) {
      item.accessibilityInformation = { label: goneNumberAccessibilityLabel(this.e164) };
      return item;
    }
    item.description = numberDescription(n, trunk, session.authId);
    item.tooltip = markdownTooltip(numberTooltip(n, trunk, session.model.account));
    item.contextValue = numberContextValue(n);
    item.iconPath = numberIcon(numberLook(n, trunk));
    item.accessibilityInformation = { label: numberAccessibilityLabel(n, trunk, session.authId) };
    return item;
  }

  /** The range it is in when its list is long (what `reveal` expands to show it), else its trunk or the Numbers group. */
  parent(ctx: TreeContext): TreeElement {
    const session = ctx.session(this.authId);
    const list: readonly VobizNumber[] = session ? ctx.shown(session, this.underTrunkId) : [];
    if (session && numberRanges(list.length)) {
      const index = indexOfNumber(list, this.e164);
      if (index >= 0) return ctx.elements.range(this.authId, this.underTrunkId, rangeStart(index));
    }
    return ctx.elements.listHolder(this.authId, this.underTrunkId);
  }
}

function numberIcon(look: NumberLook): vscode.ThemeIcon {
  switch (look) {
    case 'warning':
      return new vscode.ThemeIcon('warning', WARNING);
    case 'routed':
      return new vscode.ThemeIcon('call-incoming');
    case 'app':
      return new vscode.ThemeIcon('symbol-event');
    case 'unassigned':
      return new vscode.ThemeIcon('circle-slash');
  }
}
