/**
 * What every element of the tree shares. An element is one row's object (VS Code's `T` of a
 * TreeDataProvider): the node a command receives (src/tree/nodes.ts), which also builds its own
 * TreeItem, children and parent from the TreeContext it is given. The provider keeps one object per
 * id (ElementCache), so `reveal` and `getParent` find the rows VS Code knows.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { VobizNumber } from '../api';
import { numberRanges } from '../model/numberRanges';
import type { NumberFilter } from '../model/numberFilter';
import type { AccountSession } from '../session/accountSession';
import type { AccountNode, GroupKind, GroupNode, MessageNode, NumberNode, RangeNode, RoutingNode, TrunkNode } from './nodes';

/** A row of the tree: its node (what a command reads) and how it shows. */
export type TreeElement = RoutingNode & {
  toTreeItem(ctx: TreeContext): vscode.TreeItem;
  children(ctx: TreeContext): TreeElement[] | Promise<TreeElement[]>;
  /** The element VS Code shows it under (what `reveal` expands), undefined at the root. */
  parent(ctx: TreeContext): TreeElement | undefined;
};

/** What a message row shows and does. */
export type MessageFields = Omit<MessageNode, 'type' | 'id'>;

/** Makes the elements, one object per id (see ElementCache). */
export interface TreeElements {
  account(authId: string): TreeElement & AccountNode;
  group(authId: string, group: GroupKind): TreeElement & GroupNode;
  trunk(authId: string, trunkId: string): TreeElement & TrunkNode;
  number(authId: string, e164: string, underTrunkId?: string): TreeElement & NumberNode;
  range(authId: string, underTrunkId: string | undefined, from: number): TreeElement & RangeNode;
  /** The element a list of numbers is the children of: the trunk it is under, or the Numbers group. */
  listHolder(authId: string, underTrunkId: string | undefined): TreeElement & (TrunkNode | GroupNode);
  /** A row that says something (`message:${name}`), with an icon, and what choosing it does. */
  message(name: string, label: string, icon: string, extra?: Partial<MessageFields>): TreeElement & MessageNode;
}

/** What an element reads to build its item, children and parent: the tree's state as it is when asked. */
export interface TreeContext {
  readonly elements: TreeElements;
  /** The session of a signed-in account; undefined once it is signed out. */
  session(authId: string): AccountSession | undefined;
  /** True when one account is signed in: its rows are then the tree's root, with no account item above them. */
  singleAccount(): boolean;
  /** The active Numbers filter (undefined: none). */
  filter(): NumberFilter | undefined;
  /** The numbers of the Numbers group (`underTrunkId` undefined) or of a trunk, as shown (filtered), ordered by E.164. */
  shown(session: AccountSession, underTrunkId: string | undefined): readonly VobizNumber[];
  /** Loads an account, with progress on the view. */
  load(session: AccountSession): void;
}

/**
 * An element of one account (every kind but a message): once the account is signed out, its item
 * says so and it has no children.
 */
export abstract class AccountBoundElement {
  abstract readonly id: string;
  abstract readonly authId: string;

  toTreeItem(ctx: TreeContext): vscode.TreeItem {
    const session = ctx.session(this.authId);
    return session ? this.itemIn(session, ctx) : signedOutItem(this.id);
  }

  children(ctx: TreeContext): TreeElement[] | Promise<TreeElement[]> {
    const session = ctx.session(this.authId);
    return session ? this.childrenIn(session, ctx) : [];
  }

  abstract parent(ctx: TreeContext): TreeElement | undefined;

  /** Its item, while its account is signed in. */
  protected abstract itemIn(session: AccountSession, ctx: TreeContext): vscode.TreeItem;

  /** Its children, while its account is signed in. */
  protected childrenIn(_session: AccountSession, _ctx: TreeContext): TreeElement[] | Promise<TreeElement[]> {
    return [];
  }
}

/** The item of an element whose account is no longer signed in (shown for a moment, until the tree refreshes). */
function signedOutItem(id: string): vscode.TreeItem {
  const gone = new vscode.TreeItem(id, vscode.TreeItemCollapsibleState.None);
  gone.id = id;
  gone.accessibilityInformation = { label: l10n.t('{0}, of an account that is no longer signed in.', id) };
  return gone;
}

/** The children of the Numbers group or of a trunk: number items, or ranges of them when the list is long. */
export function numberListChildren(ctx: TreeContext, session: AccountSession, underTrunkId: string | undefined): TreeElement[] {
  const list = ctx.shown(session, underTrunkId);
  const ranges = numberRanges(list.length);
  if (ranges) return ranges.map((r) => ctx.elements.range(session.authId, underTrunkId, r.from));
  return list.map((n) => ctx.elements.number(session.authId, n.e164, underTrunkId));
}

/** The colour of a warning icon (a number that will not receive calls, an inactive trunk). */
export const WARNING = new vscode.ThemeColor('list.warningForeground');

/** A tooltip's Markdown (escaped by its builder): theme icons on, no command links, no HTML. */
export function markdownTooltip(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
