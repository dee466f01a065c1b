/**
 * The rules of a number's and a trunk's routing, and the words for them that every view says alike
 * (the tree, the pickers): whether a trunk is active, where a number routes, why it will not
 * receive calls, a status or a direction in words, a number's one-line description. Pure functions
 * over API objects (no vscode), so every rule is unit-tested. How the tree shows them (tooltips,
 * icons, context flags) is src/tree/'s.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber, VobizTrunk } from '../api';

/** Where a number's inbound calls go. */
export type NumberRouting = 'trunk' | 'app' | 'unassigned';

/** A trunk's name as a person knows it (its id when it has none). */
export function trunkName(t: VobizTrunk): string {
  return t.name?.trim() || t.trunk_id;
}

export function isTrunkActive(t: VobizTrunk): boolean {
  const s = String(t.trunk_status ?? 'active').toLowerCase();
  return s !== 'inactive' && s !== 'disabled';
}

/**
 * A status in words (a number's or a trunk's): Vobiz's known values translated, any other value
 * shown as Vobiz sent it, underscores as spaces.
 */
export function statusWord(status: string): string {
  return knownStatusWord(status) ?? status.replace(/_/g, ' ');
}

/** A status Vobiz documents, in words (translated); undefined for any other value. */
export function knownStatusWord(status: string): string | undefined {
  switch (status.toLowerCase()) {
    case 'active':
      return l10n.t('active');
    case 'inactive':
      return l10n.t('inactive');
    case 'disabled':
      return l10n.t('disabled');
    case 'pending_release':
      return l10n.t('pending release');
    case 'released':
      return l10n.t('released');
    case 'blocked':
      return l10n.t('blocked');
    default:
      return undefined;
  }
}

/** A trunk's direction in words (`inbound`, `outbound`, `both`); any other value as sent. */
export function directionWord(direction: string): string {
  switch (direction.toLowerCase()) {
    case 'inbound':
      return l10n.t('inbound');
    case 'outbound':
      return l10n.t('outbound');
    case 'both':
      return l10n.t('both');
    default:
      return direction;
  }
}

export function numberRouting(n: VobizNumber): NumberRouting {
  if (n.trunk_group_id) return 'trunk';
  if (n.application_id) return 'app';
  return 'unassigned';
}

/**
 * Why a number will not receive calls as configured, or undefined when nothing is wrong.
 * `trunk` is the trunk it routes to, when known.
 */
export function numberProblem(n: VobizNumber, trunk: VobizTrunk | undefined): string | undefined {
  const status = String(n.status ?? '').toLowerCase();
  if (n.is_blocked === true || status === 'blocked') return l10n.t('The number is blocked: it does not receive calls.');
  if (status === 'pending_release') return l10n.t('The number is pending release: it will leave the account.');
  if (status === 'released') return l10n.t('The number has been released.');
  if (n.trunk_group_id && trunk && !isTrunkActive(trunk)) {
    return l10n.t('It routes to the inactive trunk "{0}": calls will not be delivered.', trunkName(trunk));
  }
  return undefined;
}

/**
 * A number in one line (a tree item's description, a picker's): where it routes, then its status
 * and region, and its owner when the account viewing it (`viewerAuthId`) lists a sub-account's number.
 */
export function numberDescription(n: VobizNumber, trunk: VobizTrunk | undefined, viewerAuthId?: string): string {
  const parts: string[] = [];
  switch (numberRouting(n)) {
    case 'trunk':
      parts.push(trunk ? trunkName(trunk) : l10n.t('trunk {0}', shortId(n.trunk_group_id ?? '')));
      break;
    case 'app':
      parts.push(l10n.t('app {0}', n.application_id ?? ''));
      break;
    default:
      parts.push(l10n.t('unassigned'));
  }
  const status = String(n.status ?? 'active');
  if (status !== 'active') parts.push(statusWord(status));
  if (typeof n.region === 'string' && n.region) parts.push(n.region);
  if (viewerAuthId && n.account_id && n.account_id !== viewerAuthId) parts.push(l10n.t('owner {0}', n.account_id));
  return parts.join(' · ');
}

/** How many numbers will not receive calls as configured (routed to an inactive trunk, pending release, blocked…). */
export function countProblems(
  numbers: readonly VobizNumber[],
  trunkOf: (trunkId: string | undefined) => VobizTrunk | undefined,
): number {
  let count = 0;
  for (const n of numbers) if (numberProblem(n, trunkOf(n.trunk_group_id))) count++;
  return count;
}

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
