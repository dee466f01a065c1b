import * as vscode from 'vscode';
import { MESSAGE_CONTEXT } from './itemLooks';
import type { MessageNode } from './nodes';
import type { MessageFields, TreeElement } from './treeElement';

/**
 * A row that says something rather than stands for an item of Vobiz: an error and its recovery
 * actions, "Loading more…", an empty or filtered-out list. No children, and no parent to
 * reveal it under.
 */
export class MessageElement implements MessageNode {
  readonly type = 'message';
  // `declare`: typed here, and made its own only when given (as the fields of a plain node were).
  declare readonly id: string;
  declare readonly label: string;
  declare readonly description?: string;
  declare readonly tooltip?: string;
  declare readonly icon: string;
  declare readonly iconColor?: string;
  declare readonly command?: { command: string; title: string; arguments?: unknown[] };
  declare readonly accessibilityLabel?: string;

  constructor(id: string, fields: MessageFields) {
    Object.assign(this, { id, ...fields });
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.tooltip = this.tooltip;
    item.iconPath = new vscode.ThemeIcon(this.icon, this.iconColor ? new vscode.ThemeColor(this.iconColor) : undefined);
    item.command = this.command;
    item.contextValue = MESSAGE_CONTEXT;
    item.accessibilityInformation = { label: this.accessibilityLabel ?? this.label };
    return item;
  }

  children(): TreeElement[] {
    return [];
  }

  parent(): undefined {
    return undefined;
  }
}
