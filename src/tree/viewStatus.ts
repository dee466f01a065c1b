import type * as vscode from 'vscode';
import type { Accounts } from '../session/accounts';
import { FILTERED_CONTEXT, setContextKey } from '../platform/contextKeys';
import { describeFilter } from '../model/numberFilter';
import { countProblems } from '../model/presentation';
import { plural } from '../model/wording';
import type { RoutingTreeProvider } from './routingTreeProvider';
import type { RoutingNode } from './nodes';

/** The number of numbers (across accounts, each counted once) that will not receive calls as configured. */
export function problemCount(accounts: Accounts): number {
  const seen = new Set<string>();
  let count = 0;
  for (const session of accounts.list()) {
    const model = session.model;
    const fresh = model.numbers().filter((n) => !seen.has(n.e164));
    for (const n of fresh) seen.add(n.e164);
    count += countProblems(fresh, (id) => model.trunk(id));
  }
  return count;
}

/**
 * Keeps the view's badge (numbers that will not receive calls) and message (the active filter) in
 * step with the accounts and the filter.
 */
export function bindViewStatus(view: vscode.TreeView<RoutingNode>, accounts: Accounts, tree: RoutingTreeProvider): vscode.Disposable {
  const update = (): void => {
    const count = problemCount(accounts);
    view.badge = count
      ? { value: count, tooltip: `${plural(count, 'Vobiz number')} will not receive calls as configured (inactive trunk, pending release or blocked)` }
      : undefined;
    const filter = tree.filter;
    view.message = filter ? `Showing ${describeFilter(filter)}. Clear the filter to see every number.` : undefined;
  };
  const unsubscribe = accounts.onDidChangeModel(update);
  const onAccounts = accounts.onDidChangeAccounts(update);
  const onFilter = tree.onDidChangeFilter((filter) => {
    update();
    void setContextKey(FILTERED_CONTEXT, filter !== undefined);
  });
  update();
  return {
    dispose: () => {
      unsubscribe();
      onAccounts.dispose();
      onFilter.dispose();
    },
  };
}
