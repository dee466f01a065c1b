import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { AccountSession } from '../session/accountSession';
import { groupContextValue } from './itemLooks';
import { numbersGroupWords, trunksGroupWords } from './itemWords';
import { groupNodeId } from './nodes';
import type { GroupKind, GroupNode } from './nodes';
import { AccountBoundElement, numberListChildren } from './treeElement';
import type { TreeElement, TreeContext } from './treeElement';

/** An account's Trunks group (its trunks) or Numbers group (all its numbers, as the filter shows them). */
export class GroupElement extends AccountBoundElement implements GroupNode {
  readonly type = 'group';
  readonly id: string;
  readonly authId: string;
  readonly group: GroupKind;

  constructor(authId: string, group: GroupKind) {
    super();
    this.id = groupNodeId(authId, group);
    this.authId = authId;
    this.group = group;
  }

  protected itemIn(session: AccountSession, ctx: TreeContext): vscode.TreeItem {
    const model = session.model;
    const trunks = this.group === 'trunks';
    const loading = model.status !== 'ready' && model.status !== 'partial';
    const words = trunks
      ? trunksGroupWords(loading, model.trunkCount)
      : numbersGroupWords(
          loading ? 'loading' : model.status === 'partial' ? 'partial' : 'ready',
          model.numberCount,
          ctx.filter() ? ctx.shown(session, undefined).length : undefined,
        );
    const item = new vscode.TreeItem(words.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = words.description;
    item.accessibilityInformation = { label: words.accessibility };
    item.iconPath = new vscode.ThemeIcon(trunks ? 'server-environment' : 'symbol-numeric');
    item.contextValue = groupContextValue(this.group);
    return item;
  }

  /** Nothing until the account has loaded (the group's description says "loading…"). */
  protected override async childrenIn(session: AccountSession, ctx: TreeContext): Promise<TreeElement[]> {
    const model = session.model;
    await session.whenShown();
    if (model.status !== 'ready' && model.status !== 'partial') return [];
    return this.group === 'trunks' ? trunksGroupChildren(session, ctx) : numbersGroupChildren(session, ctx);
  }

  parent(ctx: TreeContext): TreeElement | undefined {
    return ctx.singleAccount() ? undefined : ctx.elements.account(this.authId);
  }
}

function trunksGroupChildren(session: AccountSession, ctx: TreeContext): TreeElement[] {
  const trunks = session.model.trunks();
  if (trunks.length) return trunks.map((t) => ctx.elements.trunk(session.authId, t.trunk_id));
  return [ctx.elements.message(`${session.authId}/empty:trunks`, l10n.t('No trunks in this account'), 'info')];
}

/** The Numbers group's children: its numbers (or ranges), then "Loading more…" while the first pages only are in. */
function numbersGroupChildren(session: AccountSession, ctx: TreeContext): TreeElement[] {
  const model = session.model;
  const elements = ctx.elements;
  if (!model.numberCount) {
    return [elements.message(`${session.authId}/empty:numbers`, l10n.t('No numbers in this account'), 'info')];
  }
  const more =
    model.status === 'partial'
      ? [
          elements.message(`${session.authId}/loading-more`, l10n.t('Loading more…'), 'loading~spin', {
            description: l10n.t('{0} so far', model.numberCount),
            accessibilityLabel: l10n.t('Loading more numbers, {0} so far.', model.numberCount),
          }),
        ]
      : [];
  if (!ctx.shown(session, undefined).length) {
    const clear = l10n.t('Clear Filter');
    return [
      ...more,
      elements.message(`${session.authId}/filtered:numbers`, l10n.t('No numbers match the filter'), 'filter', {
        command: { command: 'vobiz.clearFilter', title: clear },
        description: clear,
        accessibilityLabel: l10n.t('No numbers match the filter. Select to clear the filter.'),
      }),
    ];
  }
  return [...numberListChildren(ctx, session, undefined), ...more];
}
