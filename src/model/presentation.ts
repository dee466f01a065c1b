/**
 * How numbers and trunks are described to a person: states, labels, descriptions, tooltips and
 * context flags. Pure functions over API objects (no vscode), so every rule is unit-tested.
 */
import * as l10n from '@vscode/l10n';
import type { VobizAccount, VobizNumber, VobizTrunk } from '../api';
import { escapedMarkdown, markdownCode } from './markdown';

/** Where a number's inbound calls go. */
export type NumberRouting = 'trunk' | 'app' | 'unassigned';

/** How a number's item looks: routed, unassigned, app-routed, or a warning. */
export type NumberLook = 'routed' | 'unassigned' | 'app' | 'warning';

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
function knownStatusWord(status: string): string | undefined {
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

/** A status for a tooltip's table: in words when Vobiz documents it, else exactly as sent (`porting_in`). */
function statusCell(status: string | undefined): string {
  if (status === undefined) return l10n.t('unknown');
  return escapeMarkdown(knownStatusWord(status) ?? status);
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

/** A number's capability in words (`voice`, `sms`…); any other key as sent. */
function capabilityWord(key: string): string {
  switch (key.toLowerCase()) {
    case 'voice':
      return l10n.t('voice');
    case 'sms':
      return l10n.t('SMS');
    case 'mms':
      return l10n.t('MMS');
    case 'fax':
      return l10n.t('fax');
    default:
      return key;
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

export function numberLook(n: VobizNumber, trunk: VobizTrunk | undefined): NumberLook {
  if (numberProblem(n, trunk)) return 'warning';
  const routing = numberRouting(n);
  return routing === 'trunk' ? 'routed' : routing;
}

/**
 * The item's description: where it routes, then its status and region, and its owner when the
 * account viewing it (`viewerAuthId`) lists a sub-account's number.
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

/**
 * Context flags, space separated, matched by regex in package.json `when` clauses:
 * `vobiz.number` plus `vobiz.number.assigned` | `vobiz.number.unassigned`, and `vobiz.number.app`.
 */
export function numberContextValue(n: VobizNumber): string {
  const flags = ['vobiz.number', n.trunk_group_id ? 'vobiz.number.assigned' : 'vobiz.number.unassigned'];
  if (n.application_id) flags.push('vobiz.number.app');
  return flags.join(' ');
}

export function trunkDescription(t: VobizTrunk, numberCount: number): string {
  const parts: string[] = [];
  if (typeof t.trunk_direction === 'string' && t.trunk_direction) parts.push(directionWord(t.trunk_direction));
  if (typeof t.transport === 'string' && t.transport) parts.push(t.transport);
  if (!isTrunkActive(t)) parts.push(t.trunk_status === undefined ? l10n.t('inactive') : statusWord(String(t.trunk_status)));
  parts.push(numberCount === 1 ? l10n.t('1 number') : l10n.t('{0} numbers', numberCount));
  return parts.join(' · ');
}

/** `vobiz.trunk` plus `vobiz.trunk.active` | `vobiz.trunk.inactive`, and `vobiz.trunk.domain` when it has a SIP domain. */
export function trunkContextValue(t: VobizTrunk): string {
  const flags = ['vobiz.trunk', isTrunkActive(t) ? 'vobiz.trunk.active' : 'vobiz.trunk.inactive'];
  if (t.trunk_domain) flags.push('vobiz.trunk.domain');
  return flags.join(' ');
}

/**
 * `$(name)` with a zero-width space after the `$`: a tooltip shows theme icons, and VS Code turns
 * `$(name)` into one wherever it stands in the rendered text (inside code and after a Markdown
 * escape too), so data must not hold the sequence.
 */
function noIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

/**
 * Escapes text from the server for a tooltip's Markdown, on one line: no link, image, HTML,
 * command URI, theme icon or table cell break can be injected.
 */
export function escapeMarkdown(text: string): string {
  return escapedMarkdown(noIcons(text));
}

/** Text from the server as inline code in a tooltip's table cell (see `markdownCode`), with no theme icon. */
function code(text: string): string {
  return markdownCode(noIcons(text));
}

function row(name: string, value: string): string {
  return `| ${name} | ${value} |`;
}

function money(n: VobizNumber): string | undefined {
  const fee = n.monthly_fee;
  if (fee === undefined || fee === null || fee === '') return undefined;
  const amount = typeof fee === 'number' ? fee : Number(fee);
  const text = Number.isFinite(amount) ? amount.toFixed(2) : String(fee);
  return `${escapeMarkdown(text)} ${escapeMarkdown(String(n.currency ?? ''))}`.trim();
}

function capabilities(n: VobizNumber): string {
  const c = n.capabilities ?? {};
  const on = Object.entries(c)
    .filter(([, v]) => v === true)
    .map(([k]) => capabilityWord(k));
  return on.length ? escapeMarkdown(on.join(', ')) : l10n.t('none');
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

/** The Markdown tooltip of a number: the fields a developer checks. */
export function numberTooltip(n: VobizNumber, trunk: VobizTrunk | undefined, account: VobizAccount | undefined): string {
  const lines = [`**${escapeMarkdown(n.e164)}**`, ''];
  const problem = numberProblem(n, trunk);
  if (problem) lines.push(`$(warning) ${escapeMarkdown(problem)}`, '');
  lines.push('| | |', '|---|---|');
  const routing = numberRouting(n);
  if (routing === 'trunk') {
    // A sub-account's number may route to the sub-account's own trunk, which the main account does not list.
    const name = trunk ? escapeMarkdown(trunkName(trunk)) : l10n.t('a trunk this account does not list');
    lines.push(row(l10n.t('Trunk'), `${name} (${code(n.trunk_group_id ?? '')})`));
  } else if (routing === 'app') {
    lines.push(row(l10n.t('Application'), code(n.application_id ?? '')));
  } else {
    lines.push(row(l10n.t('Trunk'), l10n.t('unassigned')));
  }
  lines.push(row(l10n.t('Status'), statusCell(n.status)));
  if (n.country) lines.push(row(l10n.t('Country'), escapeMarkdown(String(n.country))));
  if (n.region) lines.push(row(l10n.t('Region'), escapeMarkdown(String(n.region))));
  lines.push(row(l10n.t('Capabilities'), capabilities(n)));
  const fee = money(n);
  if (fee) lines.push(row(l10n.t('Monthly fee'), fee));
  if (n.account_id && account && n.account_id !== account.auth_id) {
    lines.push(row(l10n.t('Owner'), l10n.t('sub-account {0}', code(n.account_id))));
  }
  return lines.join('\n');
}

/** The Markdown tooltip of a trunk: id, SIP domain, limits, status. */
export function trunkTooltip(t: VobizTrunk, numberCount: number): string {
  const lines = [`**${escapeMarkdown(trunkName(t))}**`, ''];
  if (!isTrunkActive(t)) {
    lines.push(`$(warning) ${l10n.t('This trunk is inactive: numbers routed to it do not receive calls.')}`, '');
  }
  if (t.description) lines.push(escapeMarkdown(String(t.description)), '');
  lines.push('| | |', '|---|---|');
  lines.push(row(l10n.t('Trunk ID'), code(t.trunk_id)));
  if (t.trunk_domain) lines.push(row(l10n.t('SIP domain'), code(String(t.trunk_domain))));
  lines.push(row(l10n.t('Status'), statusCell(t.trunk_status)));
  if (t.trunk_direction) lines.push(row(l10n.t('Direction'), escapeMarkdown(directionWord(String(t.trunk_direction)))));
  if (t.transport) {
    const transport = escapeMarkdown(String(t.transport));
    lines.push(row(l10n.t('Transport'), t.secure === true ? l10n.t('{0} (secure)', transport) : transport));
  }
  const limits = [
    typeof t.concurrent_calls_limit === 'number' ? l10n.t('{0} concurrent calls', t.concurrent_calls_limit) : undefined,
    typeof t.cps_limit === 'number' ? l10n.t('{0} calls/s', t.cps_limit) : undefined,
  ].filter(Boolean);
  if (limits.length) lines.push(row(l10n.t('Limits'), limits.join(', ')));
  lines.push(row(l10n.t('Numbers'), String(numberCount)));
  return lines.join('\n');
}

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
