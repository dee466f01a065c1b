/**
 * The Markdown tooltips of number and trunk items: the fields a developer checks. Every value in
 * them is data from Vobiz, so each is escaped: no link, image, HTML, command URI, theme icon or
 * table cell break can be injected. Pure (no vscode), so they are unit-tested in plain Node;
 * localised with `l10n.t` of @vscode/l10n.
 */
import * as l10n from '@vscode/l10n';
import type { VobizAccount, VobizNumber, VobizTrunk } from '../api';
import { escapedMarkdown, markdownCode } from '../model/markdown';
import { directionWord, isTrunkActive, knownStatusWord, numberProblem, numberRouting, trunkName } from '../model/routingRules';

/** A status for a tooltip's table: in words when Vobiz documents it, else exactly as sent (`porting_in`). */
function statusCell(status: string | undefined): string {
  if (status === undefined) return l10n.t('unknown');
  return escapeMarkdown(knownStatusWord(status) ?? status);
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
