/**
 * How a tree item shows beyond its words: the look of a number's icon, and each kind's context
 * flags (`contextValue`), space separated, which package.json's `when` clauses match by regex
 * (`viewItem =~ /\bvobiz\.number\.assigned\b/`) to give the item its menus. Pure (no vscode).
 */
import type { VobizNumber, VobizTrunk } from '../api';
import { isTrunkActive, numberProblem, numberRouting } from '../model/routingRules';
import type { GroupKind } from './nodes';

/** How a number's item looks: routed, unassigned, app-routed, or a warning. */
export type NumberLook = 'routed' | 'unassigned' | 'app' | 'warning';

export function numberLook(n: VobizNumber, trunk: VobizTrunk | undefined): NumberLook {
  if (numberProblem(n, trunk)) return 'warning';
  const routing = numberRouting(n);
  return routing === 'trunk' ? 'routed' : routing;
}

/** `vobiz.number` plus `vobiz.number.assigned` | `vobiz.number.unassigned`, and `vobiz.number.app`. */
export function numberContextValue(n: VobizNumber): string {
  const flags = ['vobiz.number', n.trunk_group_id ? 'vobiz.number.assigned' : 'vobiz.number.unassigned'];
  if (n.application_id) flags.push('vobiz.number.app');
  return flags.join(' ');
}

/** `vobiz.trunk` plus `vobiz.trunk.active` | `vobiz.trunk.inactive`, and `vobiz.trunk.domain` when it has a SIP domain. */
export function trunkContextValue(t: VobizTrunk): string {
  const flags = ['vobiz.trunk', isTrunkActive(t) ? 'vobiz.trunk.active' : 'vobiz.trunk.inactive'];
  if (t.trunk_domain) flags.push('vobiz.trunk.domain');
  return flags.join(' ');
}

/** `vobiz.account` plus `vobiz.account.sub` | `vobiz.account.main`. */
export function accountContextValue(sub: boolean): string {
  return `vobiz.account${sub ? ' vobiz.account.sub' : ' vobiz.account.main'}`;
}

/** `vobiz.group` plus `vobiz.group.trunks` | `vobiz.group.numbers`. */
export function groupContextValue(group: GroupKind): string {
  return `vobiz.group vobiz.group.${group}`;
}

export const RANGE_CONTEXT = 'vobiz.range';

/** A row that says something (an error, "Loading more…", an empty list): no menu of its own. */
export const MESSAGE_CONTEXT = 'vobiz.message';
