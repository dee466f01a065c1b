import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { AccountSession } from '../session/accountSession';
import { loadFailedElements, refreshFailedElement, unreadableElement } from './accountMessages';
import { accountContextValue } from './itemLooks';
import { accountAccessibilityLabel } from './itemWords';
import { accountNodeId } from './nodes';
import type { AccountNode } from './nodes';
import { AccountBoundElement } from './treeElement';
import type { TreeElement, TreeContext } from './treeElement';

/** A signed-in account, at the root when several are: its Trunks and Numbers groups below it. */
export class AccountElement extends AccountBoundElement implements AccountNode {
  readonly type = 'account';
  readonly id: string;
  readonly authId: string;

  constructor(authId: string) {
    super();
    this.id = accountNodeId(authId);
    this.authId = authId;
  }

  protected itemIn(session: AccountSession): vscode.TreeItem {
    const account = session.model.account;
    const item = new vscode.TreeItem(session.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const sub = session.authId.startsWith('SA_');
    item.description = sub ? l10n.t('{0} · sub-account', session.authId) : session.authId;
    const failed = session.model.status === 'error';
    item.iconPath = new vscode.ThemeIcon(failed ? 'error' : 'account');
    item.contextValue = accountContextValue(sub);
    const email = typeof account?.email === 'string' ? `\n${account.email}` : '';
    item.tooltip = l10n.t('{0} ({1})', session.label, session.authId) + email;
    item.accessibilityInformation = { label: accountAccessibilityLabel(session.label, session.authId, sub, failed) };
    return item;
  }

  protected override childrenIn(session: AccountSession, ctx: TreeContext): TreeElement[] {
    return accountChildren(session, ctx);
  }

  parent(): undefined {
    return undefined;
  }
}

/**
 * An account's rows (the tree's root when it is the only account): why it could not load, or its
 * notes (the last refresh failed, items could not be read) above its Trunks and Numbers groups.
 * Shown for the first time, it starts loading.
 */
export function accountChildren(session: AccountSession, ctx: TreeContext): TreeElement[] {
  if (session.model.status === 'idle') ctx.load(session);
  const elements = ctx.elements;
  if (session.model.status === 'error') return loadFailedElements(session, elements);
  const groups = [elements.group(session.authId, 'trunks'), elements.group(session.authId, 'numbers')];
  const notes = [
    ...(session.model.refreshError ? [refreshFailedElement(session, session.model.refreshError, elements)] : []),
    ...(session.model.unreadable ? [unreadableElement(session, elements)] : []),
  ];
  return [...notes, ...groups];
}
