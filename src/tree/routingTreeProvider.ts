import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { recoveryFor } from '../session/recovery';
import type { Recovery, RecoveryAction } from '../session/recovery';
import type { Accounts } from '../session/accounts';
import type { AccountModel, ModelChange } from '../model/accountModel';
import { trunkName } from '../model/accountModel';
import { FilteredNumbers, indexOfNumber, numberRanges, rangeAt, rangeStart } from '../model/numberFilter';
import type { NumberFilter } from '../model/numberFilter';
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
import {
  accountAccessibilityLabel,
  goneNumberAccessibilityLabel,
  goneTrunkAccessibilityLabel,
  numberAccessibilityLabel,
  numbersGroupWords,
  rangeWords,
  trunkAccessibilityLabel,
  trunkDescriptionShown,
  trunksGroupWords,
} from './itemWords';
import { accountNodeId, groupNodeId, numberNodeId, rangeNodeId, trunkNodeId } from './nodes';
import type { AccountNode, GroupNode, MessageNode, NumberNode, RangeNode, RoutingNode, TrunkNode } from './nodes';

export const VIEW_ID = 'vobiz.routing';

const WARNING = new vscode.ThemeColor('list.warningForeground');

/**
 * The tree of trunks (each with its numbers) and all numbers, under one node per account when
 * several are signed in. Thin: every label and rule comes from the model; the provider only turns
 * them into TreeItems, applies the filter and refreshes what changed.
 */
export class RoutingTreeProvider implements vscode.TreeDataProvider<RoutingNode>, vscode.Disposable {
  readonly #accounts: Accounts;
  readonly #nodes = new Map<string, RoutingNode>();
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
    return typeof value === 'object' && value !== null && this.#nodes.get((value as { id?: unknown }).id as string) === value;
  }

  #node<T extends RoutingNode>(node: T): T {
    const known = this.#nodes.get(node.id);
    if (known && known.type === node.type && node.type !== 'message') return known as T;
    this.#nodes.set(node.id, node);
    return node;
  }

  #account(authId: string): AccountNode {
    return this.#node({ type: 'account', id: accountNodeId(authId), authId });
  }

  #group(authId: string, group: GroupNode['group']): GroupNode {
    return this.#node({ type: 'group', id: groupNodeId(authId, group), authId, group });
  }

  #trunk(authId: string, trunkId: string): TrunkNode {
    return this.#node({ type: 'trunk', id: trunkNodeId(authId, trunkId), authId, trunkId });
  }

  #number(authId: string, e164: string, underTrunkId?: string): NumberNode {
    return this.#node({ type: 'number', id: numberNodeId(authId, e164, underTrunkId), authId, e164, underTrunkId });
  }

  /** A range is known by where it starts: its end is read from the list when it is shown (see `rangeAt`). */
  #range(authId: string, underTrunkId: string | undefined, from: number): RangeNode {
    return this.#node({ type: 'range', id: rangeNodeId(authId, underTrunkId, from), authId, underTrunkId, from });
  }

  #filteredOf(session: AccountSession): FilteredNumbers {
    let filtered = this.#filtered.get(session.model);
    if (!filtered) {
      filtered = new FilteredNumbers(session.model, session.authId);
      this.#filtered.set(session.model, filtered);
    }
    return filtered;
  }

  /** The numbers (as shown: filtered) of the Numbers group or of a trunk, ordered by E.164. */
  #listOf(session: AccountSession, underTrunkId: string | undefined): readonly VobizNumber[] {
    return this.#filteredOf(session).list(this.#filter, underTrunkId);
  }

  /** Number items, or ranges of them when the list is long. */
  #numberChildren(session: AccountSession, underTrunkId: string | undefined): RoutingNode[] {
    const list = this.#listOf(session, underTrunkId);
    const ranges = numberRanges(list.length);
    if (ranges) return ranges.map((r) => this.#range(session.authId, underTrunkId, r.from));
    return list.map((n) => this.#number(session.authId, n.e164, underTrunkId));
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
      const node = this.#nodes.get(trunkNodeId(authId, trunkId));
      if (node) touched.push(node);
    }
    const item = this.#nodes.get(numberNodeId(authId, change.e164));
    if (item) touched.push(item);
    const group = this.#nodes.get(groupNodeId(authId, 'numbers'));
    // The Numbers group's children change when a number leaves, or when the filter may now hide or show it.
    if (group && (this.#filter || !session.model.number(change.e164))) touched.push(group);
    this.#onDidChangeTreeData.fire(touched.length ? touched : undefined);
  }

  /** Re-renders the whole tree (accounts changed). */
  refreshAll(): void {
    this.#onDidChangeTreeData.fire(undefined);
  }

  /** Loads an account on first display, with progress on the view. */
  #ensureLoading(session: AccountSession): void {
    if (session.model.status === 'idle') {
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => session.load());
    }
  }

  #accountChildren(session: AccountSession): RoutingNode[] {
    this.#ensureLoading(session);
    if (session.model.status === 'error') return this.#errorNodes(session);
    const groups = [this.#group(session.authId, 'trunks'), this.#group(session.authId, 'numbers')];
    const notes = [
      ...(session.model.refreshError ? [this.#refreshFailedNode(session, session.model.refreshError)] : []),
      ...(session.model.unreadable ? [this.#unreadableNode(session)] : []),
    ];
    return [...notes, ...groups];
  }

  /** The item that says the last refresh failed: the rows below are the last complete load, still usable; choosing it retries. */
  #refreshFailedNode(session: AccountSession, error: Error): MessageNode {
    const said = l10n.t("Couldn't refresh: showing the last complete load");
    const tooltip = l10n.t('{0} ({1}). Changes still read each number from Vobiz first.', said, error.message);
    return this.#message(`${session.authId}/refresh-failed`, l10n.t('{0} — {1}', said, actionTitle('retry')), 'warning', {
      tooltip,
      iconColor: 'list.warningForeground',
      command: actionCommand('retry', recoveryFor(error, { authId: session.authId, loading: true }), session.authId),
      accessibilityLabel: l10n.t('Warning: {0}', tooltip),
    });
  }

  /** The item that says how many items of the last load could not be read, leading to the log that says why. */
  #unreadableNode(session: AccountSession): MessageNode {
    const count = session.model.unreadable;
    const said = count === 1 ? l10n.t('1 item could not be read') : l10n.t('{0} items could not be read', count);
    const tooltip = l10n.t('{0}: they are left out of the view. The Vobiz log says what was wrong with them.', said);
    return this.#message(`${session.authId}/unreadable`, l10n.t('{0} — {1}', said, actionTitle('showLog')), 'warning', {
      tooltip,
      iconColor: 'list.warningForeground',
      command: { command: 'vobiz.showLog', title: actionTitle('showLog') },
      accessibilityLabel: l10n.t('Warning: {0}', tooltip),
    });
  }

  #trunksGroupChildren(session: AccountSession): RoutingNode[] {
    const trunks = session.model.trunks();
    if (trunks.length) return trunks.map((t) => this.#trunk(session.authId, t.trunk_id));
    return [this.#message(`${session.authId}/empty:trunks`, l10n.t('No trunks in this account'), 'info')];
  }

  /** The Numbers group's children: its numbers (or ranges), then "Loading more…" while the first pages only are in. */
  #numbersGroupChildren(session: AccountSession): RoutingNode[] {
    const model = session.model;
    if (!model.numberCount) {
      return [this.#message(`${session.authId}/empty:numbers`, l10n.t('No numbers in this account'), 'info')];
    }
    const more =
      model.status === 'partial'
        ? [
            this.#message(`${session.authId}/loading-more`, l10n.t('Loading more…'), 'loading~spin', {
              description: l10n.t('{0} so far', model.numberCount),
              accessibilityLabel: l10n.t('Loading more numbers, {0} so far.', model.numberCount),
            }),
          ]
        : [];
    if (!this.#listOf(session, undefined).length) {
      const clear = l10n.t('Clear Filter');
      return [
        ...more,
        this.#message(`${session.authId}/filtered:numbers`, l10n.t('No numbers match the filter'), 'filter', {
          command: { command: 'vobiz.clearFilter', title: clear },
          description: clear,
          accessibilityLabel: l10n.t('No numbers match the filter. Select to clear the filter.'),
        }),
      ];
    }
    return [...this.#numberChildren(session, undefined), ...more];
  }

  async getChildren(element?: RoutingNode): Promise<RoutingNode[]> {
    if (!element) {
      await this.#accounts.ready;
      const sessions = this.#accounts.list();
      if (sessions.length === 1) return this.#accountChildren(sessions[0]);
      return sessions.map((s) => this.#account(s.authId));
    }
    if (element.type === 'message') return [];
    const session = this.#accounts.get(element.authId);
    if (!session) return [];
    const model = session.model;
    switch (element.type) {
      case 'account':
        return this.#accountChildren(session);
      case 'group':
        await session.whenShown();
        if (model.status !== 'ready' && model.status !== 'partial') return [];
        return element.group === 'trunks' ? this.#trunksGroupChildren(session) : this.#numbersGroupChildren(session);
      case 'trunk':
        return this.#numberChildren(session, element.trunkId);
      case 'range': {
        const list = this.#listOf(session, element.underTrunkId);
        const { from, to } = rangeAt(list.length, element.from);
        return list.slice(from, to).map((n) => this.#number(session.authId, n.e164, element.underTrunkId));
      }
      default:
        return [];
    }
  }

  getParent(element: RoutingNode): RoutingNode | undefined {
    const single = this.#accounts.count === 1;
    switch (element.type) {
      case 'group':
        return single ? undefined : this.#account(element.authId);
      case 'trunk':
        return this.#group(element.authId, 'trunks');
      case 'range':
        return element.underTrunkId ? this.#trunk(element.authId, element.underTrunkId) : this.#group(element.authId, 'numbers');
      case 'number': {
        const session = this.#accounts.get(element.authId);
        const list = session ? this.#listOf(session, element.underTrunkId) : [];
        if (session && numberRanges(list.length)) {
          const index = indexOfNumber(list, element.e164);
          if (index >= 0) return this.#range(element.authId, element.underTrunkId, rangeStart(index));
        }
        return element.underTrunkId ? this.#trunk(element.authId, element.underTrunkId) : this.#group(element.authId, 'numbers');
      }
      default:
        return undefined;
    }
  }

  #message(id: string, label: string, icon: string, extra: Partial<MessageNode> = {}): MessageNode {
    return this.#node({ type: 'message', id: `message:${id}`, label, icon, ...extra });
  }

  /** The items that say why the account could not load: its recovery's first action, then Retry. */
  #errorNodes(session: AccountSession): RoutingNode[] {
    const authId = session.authId;
    const error = session.model.error;
    const reason = error?.message ?? l10n.t('Unknown error');
    const id = (name: string): string => `${authId}/${name}`;
    const recovery = recoveryFor(error, { authId, loading: true });
    const [first] = recovery.actions;
    const { headline, showReason } = errorHeadline(recovery);
    const label = l10n.t('{0} — {1}', headline, actionTitle(first));
    const nodes = [
      this.#message(id('error'), label, 'error', {
        tooltip: reason,
        description: showReason ? reason : undefined,
        iconColor: 'list.errorForeground',
        command: actionCommand(first, recovery, authId),
        accessibilityLabel: showReason ? l10n.t('Error: {0}. {1}', label, reason) : l10n.t('Error: {0}', label),
      }),
    ];
    if (recovery.actions.includes('retry')) {
      nodes.push(
        this.#message(id('retry'), actionTitle('retry'), 'refresh', { command: actionCommand('retry', recovery, authId) }),
      );
    }
    if (recovery.actions.includes('checkConnection')) {
      nodes.push(
        this.#message(id('check'), actionTitle('checkConnection'), 'pulse', {
          command: actionCommand('checkConnection', recovery, authId),
        }),
      );
    }
    return nodes;
  }

  getTreeItem(element: RoutingNode): vscode.TreeItem {
    if (element.type === 'message') return this.#messageItem(element);
    const session = this.#accounts.get(element.authId);
    if (!session) {
      const gone = new vscode.TreeItem(element.id, vscode.TreeItemCollapsibleState.None);
      gone.id = element.id;
      gone.accessibilityInformation = { label: l10n.t('{0}, of an account that is no longer signed in.', element.id) };
      return gone;
    }
    const model = session.model;
    switch (element.type) {
      case 'account':
        return this.#accountItem(element, session);
      case 'range':
        return this.#rangeItem(element, session);
      case 'group':
        return this.#groupItem(element, session);
      case 'trunk': {
        const trunk = model.trunk(element.trunkId);
        const all = model.numbersOfTrunk(element.trunkId);
        return this.#trunkItem(element, trunk, all.length, this.#listOf(session, element.trunkId).length);
      }
      case 'number': {
        const n = model.number(element.e164);
        return this.#numberItem(element, session, n, model.trunk(n?.trunk_group_id));
      }
    }
  }

  #messageItem(element: MessageNode): vscode.TreeItem {
    const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    item.description = element.description;
    item.tooltip = element.tooltip;
    item.iconPath = new vscode.ThemeIcon(element.icon, element.iconColor ? new vscode.ThemeColor(element.iconColor) : undefined);
    item.command = element.command;
    item.contextValue = 'vobiz.message';
    item.accessibilityInformation = { label: element.accessibilityLabel ?? element.label };
    return item;
  }

  #accountItem(node: AccountNode, session: AccountSession): vscode.TreeItem {
    const account = session.model.account;
    const item = new vscode.TreeItem(session.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    const sub = session.authId.startsWith('SA_');
    item.description = sub ? l10n.t('{0} · sub-account', session.authId) : session.authId;
    const failed = session.model.status === 'error';
    item.iconPath = new vscode.ThemeIcon(failed ? 'error' : 'account');
    item.contextValue = `vobiz.account${sub ? ' vobiz.account.sub' : ' vobiz.account.main'}`;
    const email = typeof account?.email === 'string' ? `\n${account.email}` : '';
    item.tooltip = l10n.t('{0} ({1})', session.label, session.authId) + email;
    item.accessibilityInformation = { label: accountAccessibilityLabel(session.label, session.authId, sub, failed) };
    return item;
  }

  #rangeItem(node: RangeNode, session: AccountSession): vscode.TreeItem {
    const list = this.#listOf(session, node.underTrunkId);
    const { from, to } = rangeAt(list.length, node.from);
    const first = list[from]?.e164 ?? '';
    const last = list[to - 1]?.e164 ?? '';
    const words = rangeWords(first, last, from, to, list.length);
    const item = new vscode.TreeItem(words.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = words.description;
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.contextValue = 'vobiz.range';
    item.tooltip = words.tooltip;
    item.accessibilityInformation = { label: words.accessibility };
    return item;
  }

  #groupItem(node: GroupNode, session: AccountSession): vscode.TreeItem {
    const model = session.model;
    const trunks = node.group === 'trunks';
    const loading = model.status !== 'ready' && model.status !== 'partial';
    const words = trunks
      ? trunksGroupWords(loading, model.trunkCount)
      : numbersGroupWords(
          loading ? 'loading' : model.status === 'partial' ? 'partial' : 'ready',
          model.numberCount,
          this.#filter ? this.#listOf(session, undefined).length : undefined,
        );
    const item = new vscode.TreeItem(words.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = words.description;
    item.accessibilityInformation = { label: words.accessibility };
    item.iconPath = new vscode.ThemeIcon(trunks ? 'server-environment' : 'symbol-numeric');
    item.contextValue = `vobiz.group vobiz.group.${node.group}`;
    return item;
  }

  #trunkItem(node: TrunkNode, t: VobizTrunk | undefined, count: number, visible: number): vscode.TreeItem {
    const item = new vscode.TreeItem(
      t ? trunkName(t) : node.trunkId,
      visible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    if (!t) {
      item.accessibilityInformation = { label: goneTrunkAccessibilityLabel(node.trunkId) };
      return item;
    }
    const active = isTrunkActive(t);
    const description = trunkDescription(t, count);
    item.description = this.#filter && visible !== count ? trunkDescriptionShown(description, visible) : description;
    item.tooltip = markdown(trunkTooltip(t, count));
    item.iconPath = active ? new vscode.ThemeIcon('server') : new vscode.ThemeIcon('debug-disconnect', WARNING);
    item.contextValue = trunkContextValue(t);
    item.accessibilityInformation = { label: trunkAccessibilityLabel(t, count, visible, this.#filter !== undefined) };
    return item;
  }

  #numberItem(
    node: NumberNode,
    session: AccountSession,
    n: VobizNumber | undefined,
    trunk: VobizTrunk | undefined,
  ): vscode.TreeItem {
    const item = new vscode.TreeItem(node.e164, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (!n) {
      item.accessibilityInformation = { label: goneNumberAccessibilityLabel(node.e164) };
      return item;
    }
    item.description = numberDescription(n, trunk, session.authId);
    item.tooltip = markdown(numberTooltip(n, trunk, session.model.account));
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
    item.accessibilityInformation = { label: numberAccessibilityLabel(n, trunk, session.authId) };
    return item;
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#onDidChangeTreeData.dispose();
    this.#onDidChangeFilter.dispose();
  }
}

/** The error item's words before its action; `showReason`: the headline does not say why (the reason is shown beside it). */
function errorHeadline(recovery: Recovery): { headline: string; showReason: boolean } {
  switch (recovery.problem) {
    case 'credentialsRejected':
      return { headline: l10n.t('Vobiz rejected the credentials'), showReason: false };
    case 'credentialsNotSent':
      return {
        headline: recovery.host
          ? l10n.t('Credentials not sent to {0}', recovery.host)
          : l10n.t('Credentials not sent to the new host'),
        showReason: false,
      };
    case 'invalidSettings':
      return { headline: l10n.t('Invalid Vobiz settings'), showReason: true };
    case 'refused':
    case 'failed':
      return { headline: l10n.t("Couldn't load numbers"), showReason: true };
  }
}

/** The title of a recovery action, as its tree item says it. */
function actionTitle(action: RecoveryAction): string {
  switch (action) {
    case 'signInAgain':
      return l10n.t('Sign In Again');
    case 'openSettings':
      return l10n.t('Open Settings');
    case 'retry':
      return l10n.t('Retry');
    case 'showLog':
      return l10n.t('Show Log');
    case 'checkConnection':
      return l10n.t('Check Connection');
  }
}

/** What a tree item of a recovery action runs. */
function actionCommand(action: RecoveryAction, recovery: Recovery, authId: string): vscode.Command {
  switch (action) {
    case 'signInAgain':
      return {
        command: 'vobiz.signIn',
        title: l10n.t('Sign In'),
        arguments: recovery.authId ? [{ authId: recovery.authId }] : [],
      };
    case 'openSettings':
      return {
        command: 'workbench.action.openSettings',
        title: actionTitle('openSettings'),
        arguments: [recovery.setting ?? 'vobiz.'],
      };
    case 'retry':
      return { command: 'vobiz.refresh', title: l10n.t('Refresh'), arguments: [{ authId }] };
    case 'showLog':
      return { command: 'vobiz.showLog', title: actionTitle('showLog') };
    case 'checkConnection':
      return { command: 'vobiz.checkConnection', title: actionTitle('checkConnection'), arguments: [{ authId }] };
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
