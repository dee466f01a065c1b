import * as vscode from 'vscode';
import type { VobizNumber } from '../api';
import type { AccountSession } from '../session/accountSession';
import type { Accounts } from '../session/accounts';
import type { AccountModel, ModelChange } from '../model/accountModel';
import { FilteredNumbers } from '../model/numberFilter';
import type { NumberFilter } from '../model/numberFilter';
import { accountChildren } from './accountElement';
import { ElementCache } from './elementCache';
import { groupNodeId, numberNodeId, trunkNodeId } from './nodes';
import type { RoutingNode } from './nodes';
import type { TreeContext } from './treeElement';

export const VIEW_ID = 'vobiz.routing';

/**
 * The tree of trunks (each with its numbers) and all numbers, under one node per account when
 * several are signed in. Thin: each element builds its own item, children and parent (see
 * treeElement.ts); the provider keeps them (one object per id), the filter and the lists it
 * shows, and refreshes what a change touched.
 */
export class RoutingTreeProvider implements vscode.TreeDataProvider<RoutingNode>, vscode.Disposable {
  readonly #accounts: Accounts;
  readonly #elements = new ElementCache();
  readonly #context: TreeContext;
  readonly #onDidChangeTreeData = new vscode.EventEmitter<RoutingNode | RoutingNode[] | undefined>();
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  readonly #onDidChangeFilter = new vscode.EventEmitter<NumberFilter | undefined>();
  readonly onDidChangeFilter = this.#onDidChangeFilter.event;
  readonly #subscriptions: { dispose(): unknown }[];
  #filter: NumberFilter | undefined;
  /** The lists as shown (filtered), per account model, kept in step with its changes. */
  readonly #filtered = new WeakMap<AccountModel, FilteredNumbers>();

  constructor(accounts: Accounts) {
    this.#accounts = accounts;
    this.#context = {
      elements: this.#elements,
      session: (authId) => accounts.get(authId),
      singleAccount: () => accounts.count === 1,
      filter: () => this.#filter,
      shown: (session, underTrunkId) => this.#shown(session, underTrunkId),
      load: (session) => void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => session.load()),
    };
    this.#subscriptions = [
      accounts.onDidChangeModel(({ session, change }) => this.#refresh(session, change)),
      accounts.onDidChangeAccounts(() => this.#dropStaleFilter()),
    ];
  }

  /** A filter goes with the accounts it applies to: signed out of all (or of the filtered trunk's account), it is cleared. */
  #dropStaleFilter(): void {
    const f = this.#filter;
    if (f && (!this.#accounts.signedIn || (f.kind === 'trunk' && !this.#accounts.get(f.authId)))) this.filter = undefined;
  }

  /** The active Numbers filter (undefined: none). */
  get filter(): NumberFilter | undefined {
    return this.#filter;
  }

  set filter(filter: NumberFilter | undefined) {
    this.#filter = filter;
    this.#onDidChangeFilter.fire(filter);
    this.#onDidChangeTreeData.fire(undefined);
  }

  /**
   * True when `value` is a row this view handed out (VS Code passes it to a command of the row's
   * context menu): another extension cannot make one, as it never sees these objects.
   */
  isOwnNode(value: unknown): value is RoutingNode {
    return this.#elements.isOwn(value);
  }

  /** The numbers (as shown: filtered) of the Numbers group or of a trunk, ordered by E.164. */
  #shown(session: AccountSession, underTrunkId: string | undefined): readonly VobizNumber[] {
    let filtered = this.#filtered.get(session.model);
    if (!filtered) {
      filtered = new FilteredNumbers(session.model, session.authId);
      this.#filtered.set(session.model, filtered);
    }
    return filtered.list(this.#filter, underTrunkId);
  }

  /** Refreshes only what a change touched: after one number changed, its trunks and its own items. */
  #refresh(session: AccountSession, change: ModelChange): void {
    this.#filtered.get(session.model)?.apply(change);
    if (change.kind === 'all') {
      this.#onDidChangeTreeData.fire(undefined);
      return;
    }
    const authId = session.authId;
    const touched: RoutingNode[] = [];
    for (const trunkId of change.trunkIds) {
      const node = this.#elements.get(trunkNodeId(authId, trunkId));
      if (node) touched.push(node);
    }
    const item = this.#elements.get(numberNodeId(authId, change.e164));
    if (item) touched.push(item);
    const group = this.#elements.get(groupNodeId(authId, 'numbers'));
    // The Numbers group's children change when a number leaves, or when the filter may now hide or show it.
    if (group && (this.#filter || !session.model.number(change.e164))) touched.push(group);
    this.#onDidChangeTreeData.fire(touched.length ? touched : undefined);
  }

  /** Re-renders the whole tree (accounts changed). */
  refreshAll(): void {
    this.#onDidChangeTreeData.fire(undefined);
  }

  /** The accounts at the root, or the only account's rows. */
  async getChildren(element?: RoutingNode): Promise<RoutingNode[]> {
    if (element) return this.#elements.adopt(element).children(this.#context);
    await this.#accounts.ready;
    const sessions = this.#accounts.list();
    if (sessions.length === 1) return accountChildren(sessions[0], this.#context);
    return sessions.map((s) => this.#elements.account(s.authId));
  }

  getParent(element: RoutingNode): RoutingNode | undefined {
    return this.#elements.adopt(element).parent(this.#context);
  }

  getTreeItem(element: RoutingNode): vscode.TreeItem {
    return this.#elements.adopt(element).toTreeItem(this.#context);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#onDidChangeTreeData.dispose();
    this.#onDidChangeFilter.dispose();
  }
}
