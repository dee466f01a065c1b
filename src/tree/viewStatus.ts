import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { Accounts } from '../session/accounts';
import type { AccountModel } from '../model/accountModel';
import { FILTERED_CONTEXT, setContextKey } from '../platform/contextKeys';
import type { NumberFilter } from '../model/numberFilter';
import type { RoutingTreeProvider } from './routingTreeProvider';
import type { RoutingNode } from './nodes';

/**
 * The number of numbers (across accounts, each counted once) that will not receive calls as
 * configured. Each model keeps its own set of them up to date, so this costs what there is to count
 * (a number also listed by an account before is counted there), not a pass over every number.
 */
export function problemCount(accounts: Accounts): number {
  const before: AccountModel[] = [];
  let count = 0;
  for (const session of accounts.list()) {
    const model = session.model;
    for (const e164 of model.problemNumbers()) if (!before.some((m) => m.number(e164))) count++;
    before.push(model);
  }
  return count;
}

/** The badge's tooltip: how many numbers will not receive calls, and why a number would not. */
function badgeTooltip(count: number): string {
  return count === 1
    ? l10n.t('1 Vobiz number will not receive calls as configured (inactive trunk, pending release or blocked)')
    : l10n.t('{0} Vobiz numbers will not receive calls as configured (inactive trunk, pending release or blocked)', count);
}

/** The view's message while a filter is active: what it shows, and how to see every number. */
function filterMessage(filter: NumberFilter): string {
  let showing: string;
  switch (filter.kind) {
    case 'digits':
      showing = l10n.t('Showing numbers containing {0}.', filter.digits);
      break;
    case 'trunk':
      showing = l10n.t('Showing numbers on trunk "{0}".', filter.trunkName);
      break;
    case 'unassigned':
      showing = l10n.t('Showing unassigned numbers only.');
      break;
  }
  return `${showing} ${l10n.t('Clear the filter to see every number.')}`;
}

/**
 * Keeps the view's badge (numbers that will not receive calls) and message (the active filter) in
 * step with the accounts and the filter.
 */
export function bindViewStatus(
  view: vscode.TreeView<RoutingNode>,
  accounts: Accounts,
  tree: RoutingTreeProvider,
): vscode.Disposable {
  const update = (): void => {
    const count = problemCount(accounts);
    view.badge = count ? { value: count, tooltip: badgeTooltip(count) } : undefined;
    const filter = tree.filter;
    view.message = filter ? filterMessage(filter) : undefined;
  };
  const onModels = accounts.onDidChangeModel(update);
  const onAccounts = accounts.onDidChangeAccounts(update);
  const onFilter = tree.onDidChangeFilter((filter) => {
    update();
    void setContextKey(FILTERED_CONTEXT, filter !== undefined);
  });
  update();
  return {
    dispose: () => {
      onModels.dispose();
      onAccounts.dispose();
      onFilter.dispose();
    },
  };
}
