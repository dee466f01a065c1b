import * as vscode from 'vscode';
import { VobizApiError } from '../api';
import type { VobizNumber, VobizTrunk } from '../api';
import type { ModelChange } from '../model/accountModel';
import { trunkName } from '../model/accountModel';
import {
  isTrunkActive,
  numberContextValue,
  numberDescription,
  numberLook,
  numberTooltip,
  trunkContextValue,
  trunkDescription,
  trunkTooltip,
} from '../model/presentation';
import type { Session } from '../session';
import type { GroupNode, MessageNode, NumberNode, RoutingNode, TrunkNode } from './nodes';

export const VIEW_ID = 'vobiz.routing';

const WARNING = new vscode.ThemeColor('list.warningForeground');

/**
 * The tree of trunks (each with its numbers) and all numbers. Thin: every label and rule comes
 * from the model; the provider only turns them into TreeItems and refreshes what changed.
 */
export class RoutingTreeProvider implements vscode.TreeDataProvider<RoutingNode>, vscode.Disposable {
  readonly #session: Session;
  readonly #nodes = new Map<string, RoutingNode>();
  readonly #onDidChangeTreeData = new vscode.EventEmitter<RoutingNode | RoutingNode[] | undefined>();
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  readonly #unsubscribe: () => void;

  constructor(session: Session) {
    this.#session = session;
    this.#unsubscribe = session.model.onDidChange((change) => this.#refresh(change));
  }

  #node<T extends RoutingNode>(node: T): T {
    const known = this.#nodes.get(node.id);
    if (known && known.type === node.type && node.type !== 'message') return known as T;
    this.#nodes.set(node.id, node);
    return node;
  }

  #group(group: GroupNode['group']): GroupNode {
    return this.#node({ type: 'group', id: `group:${group}`, group });
  }

  #trunk(trunkId: string): TrunkNode {
    return this.#node({ type: 'trunk', id: `trunk:${trunkId}`, trunkId });
  }

  #number(e164: string, underTrunkId?: string): NumberNode {
    const id = underTrunkId ? `trunk:${underTrunkId}/number:${e164}` : `number:${e164}`;
    return this.#node({ type: 'number', id, e164, underTrunkId });
  }

  /** Refreshes only what a change touched: after one number changed, its trunks and its own items. */
  #refresh(change: ModelChange): void {
    if (change.kind === 'all') {
      this.#onDidChangeTreeData.fire(undefined);
      return;
    }
    const touched: RoutingNode[] = [];
    for (const trunkId of change.trunkIds) {
      const node = this.#nodes.get(`trunk:${trunkId}`);
      if (node) touched.push(node);
    }
    const item = this.#nodes.get(`number:${change.e164}`);
    if (item) touched.push(item);
    const group = this.#nodes.get('group:numbers');
    if (!this.#session.model.number(change.e164) && group) touched.push(group);
    this.#onDidChangeTreeData.fire(touched.length ? touched : undefined);
  }

  /** Re-renders the whole tree from the model (sign-in state changed). */
  refreshAll(): void {
    this.#onDidChangeTreeData.fire(undefined);
  }

  /** Loads on first display, with progress on the view. */
  #ensureLoading(): void {
    if (this.#session.signedIn && this.#session.model.status === 'idle') {
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.#session.load());
    }
  }

  async getChildren(element?: RoutingNode): Promise<RoutingNode[]> {
    const session = this.#session;
    const model = session.model;
    if (!element) {
      if (!session.signedIn) return [];
      this.#ensureLoading();
      if (model.status === 'error') return this.#errorNodes(model.error);
      return [this.#group('trunks'), this.#group('numbers')];
    }
    switch (element.type) {
      case 'group':
        await session.whenLoaded();
        if (model.status !== 'ready') return [];
        if (element.group === 'trunks') {
          const trunks = model.trunks();
          return trunks.length ? trunks.map((t) => this.#trunk(t.trunk_id)) : [this.#message('empty:trunks', 'No trunks in this account', 'info')];
        }
        return model.numberCount
          ? model.numbers().map((n) => this.#number(n.e164))
          : [this.#message('empty:numbers', 'No numbers in this account', 'info')];
      case 'trunk':
        return model.numbersOfTrunk(element.trunkId).map((n) => this.#number(n.e164, element.trunkId));
      default:
        return [];
    }
  }

  getParent(element: RoutingNode): RoutingNode | undefined {
    switch (element.type) {
      case 'trunk':
        return this.#group('trunks');
      case 'number':
        return element.underTrunkId ? this.#trunk(element.underTrunkId) : this.#group('numbers');
      default:
        return undefined;
    }
  }

  #message(id: string, label: string, icon: string, extra: Partial<MessageNode> = {}): MessageNode {
    return this.#node({ type: 'message', id: `message:${id}`, label, icon, ...extra });
  }

  #errorNodes(error: Error | undefined): RoutingNode[] {
    const reason = error?.message ?? 'Unknown error';
    const auth = error instanceof VobizApiError && error.isAuthError;
    const badInput = error instanceof VobizApiError && error.kind === 'invalid-input';
    const first = auth
      ? this.#message('error', 'Vobiz rejected the credentials — Sign In Again', 'error', {
          tooltip: reason,
          iconColor: 'list.errorForeground',
          command: { command: 'vobiz.signIn', title: 'Sign In' },
        })
      : badInput
        ? this.#message('error', 'Invalid Vobiz settings — Open Settings', 'error', {
            tooltip: reason,
            description: reason,
            iconColor: 'list.errorForeground',
            command: { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['vobiz.'] },
          })
        : this.#message('error', "Couldn't load numbers — Show Log", 'error', {
            tooltip: reason,
            description: reason,
            iconColor: 'list.errorForeground',
            command: { command: 'vobiz.showLog', title: 'Show Log' },
          });
    return [first, this.#message('retry', 'Retry', 'refresh', { command: { command: 'vobiz.refresh', title: 'Refresh' } })];
  }

  getTreeItem(element: RoutingNode): vscode.TreeItem {
    const model = this.#session.model;
    switch (element.type) {
      case 'group': {
        const trunks = element.group === 'trunks';
        const loading = model.status !== 'ready';
        const count = trunks ? model.trunkCount : model.numberCount;
        const item = new vscode.TreeItem(trunks ? 'Trunks' : 'Numbers', vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = loading ? 'loading…' : `${count}`;
        item.iconPath = new vscode.ThemeIcon(trunks ? 'server-environment' : 'symbol-numeric');
        item.contextValue = `vobiz.group vobiz.group.${element.group}`;
        return item;
      }
      case 'trunk':
        return this.#trunkItem(element, model.trunk(element.trunkId), model.numbersOfTrunk(element.trunkId).length);
      case 'number': {
        const n = model.number(element.e164);
        return this.#numberItem(element, n, model.trunk(n?.trunk_group_id));
      }
      case 'message': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = element.description;
        item.tooltip = element.tooltip;
        item.iconPath = new vscode.ThemeIcon(element.icon, element.iconColor ? new vscode.ThemeColor(element.iconColor) : undefined);
        item.command = element.command;
        item.contextValue = 'vobiz.message';
        return item;
      }
    }
  }

  #trunkItem(node: TrunkNode, t: VobizTrunk | undefined, count: number): vscode.TreeItem {
    const item = new vscode.TreeItem(t ? trunkName(t) : node.trunkId, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (!t) return item;
    const active = isTrunkActive(t);
    item.description = trunkDescription(t, count);
    item.tooltip = markdown(trunkTooltip(t, count));
    item.iconPath = active ? new vscode.ThemeIcon('server') : new vscode.ThemeIcon('debug-disconnect', WARNING);
    item.contextValue = trunkContextValue(t);
    item.accessibilityInformation = { label: `Trunk ${trunkName(t)}, ${item.description}` };
    return item;
  }

  #numberItem(node: NumberNode, n: VobizNumber | undefined, trunk: VobizTrunk | undefined): vscode.TreeItem {
    const item = new vscode.TreeItem(node.e164, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (!n) return item;
    item.description = numberDescription(n, trunk);
    item.tooltip = markdown(numberTooltip(n, trunk, this.#session.model.account));
    item.contextValue = numberContextValue(n);
    const look = numberLook(n, trunk);
    item.iconPath =
      look === 'warning'
        ? new vscode.ThemeIcon('warning', WARNING)
        : look === 'routed'
          ? new vscode.ThemeIcon('call-incoming')
          : look === 'app'
            ? new vscode.ThemeIcon('symbol-event')
            : new vscode.ThemeIcon('circle-slash');
    item.accessibilityInformation = { label: `Number ${n.e164}, ${item.description}` };
    return item;
  }

  dispose(): void {
    this.#unsubscribe();
    this.#onDidChangeTreeData.dispose();
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
