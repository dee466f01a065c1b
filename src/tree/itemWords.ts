/**
 * The words of the tree's items: labels of groups and ranges, a trunk's description, and what a
 * screen reader says for each item (`accessibilityInformation.label`). A screen reader reads that
 * label instead of the item's label and description, and sees no icon or colour, so each label says
 * in words what those show: a warning, an inactive trunk, a number routed to an application or to
 * no trunk at all. Localised (`l10n.t` of @vscode/l10n); the English is the source text.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber, VobizTrunk } from '../api';
import { directionWord, isTrunkActive, numberProblem, numberRouting, statusWord, trunkName } from '../model/routingRules';

/** "+91…, routed to trunk Acme Production." and the like: where the number's calls go. */
function numberRoutingSentence(n: VobizNumber, trunk: VobizTrunk | undefined): string {
  switch (numberRouting(n)) {
    case 'trunk':
      return trunk
        ? l10n.t('{0}, routed to trunk {1}.', n.e164, trunkName(trunk))
        : l10n.t('{0}, routed to trunk {1}, which this account does not list.', n.e164, n.trunk_group_id ?? '');
    case 'app':
      return l10n.t('{0}, routed to application {1}.', n.e164, n.application_id ?? '');
    case 'unassigned':
      return l10n.t('{0}, not assigned to a trunk.', n.e164);
  }
}

/**
 * What a screen reader says for a number: where it routes (after "Warning:" when it will not
 * receive calls as configured, with the reason), then its status when not active, its region and
 * its owner when the viewing account (`viewerAuthId`) lists a sub-account's number.
 */
export function numberAccessibilityLabel(n: VobizNumber, trunk: VobizTrunk | undefined, viewerAuthId: string): string {
  const routing = numberRoutingSentence(n, trunk);
  const problem = numberProblem(n, trunk);
  const sentences = problem ? [l10n.t('Warning: {0}', routing), problem] : [routing];
  const status = String(n.status ?? 'active');
  if (status !== 'active') sentences.push(l10n.t('Status: {0}.', statusWord(status)));
  if (typeof n.region === 'string' && n.region) sentences.push(l10n.t('Region: {0}.', n.region));
  if (n.account_id && n.account_id !== viewerAuthId) sentences.push(l10n.t('Owner: {0}.', n.account_id));
  return sentences.join(' ');
}

/** A number item whose number has left the model (shown for a moment, until the tree refreshes). */
export function goneNumberAccessibilityLabel(e164: string): string {
  return l10n.t('{0}, no longer listed.', e164);
}

/**
 * What a screen reader says for a trunk: its name, "inactive" (the warning-coloured icon), its
 * number count and how many the filter shows, its direction and transport.
 */
export function trunkAccessibilityLabel(t: VobizTrunk, count: number, visible: number, filtered: boolean): string {
  const name = trunkName(t);
  const sentences: string[] = [];
  if (isTrunkActive(t)) {
    sentences.push(count === 1 ? l10n.t('Trunk {0}, 1 number.', name) : l10n.t('Trunk {0}, {1} numbers.', name, count));
  } else {
    sentences.push(
      count === 1 ? l10n.t('Trunk {0}, inactive, 1 number.', name) : l10n.t('Trunk {0}, inactive, {1} numbers.', name, count),
    );
    sentences.push(l10n.t('Numbers routed to it do not receive calls.'));
  }
  if (filtered && visible !== count) sentences.push(l10n.t('{0} shown by the filter.', visible));
  if (typeof t.trunk_direction === 'string' && t.trunk_direction) {
    sentences.push(l10n.t('Direction: {0}.', directionWord(t.trunk_direction)));
  }
  if (typeof t.transport === 'string' && t.transport) sentences.push(l10n.t('Transport: {0}.', t.transport));
  return sentences.join(' ');
}

/** A trunk item whose trunk has left the model. */
export function goneTrunkAccessibilityLabel(trunkId: string): string {
  return l10n.t('Trunk {0}, no longer listed.', trunkId);
}

/** A trunk item's description: direction · transport, its status when inactive, its number count. */
export function trunkDescription(t: VobizTrunk, numberCount: number): string {
  const parts: string[] = [];
  if (typeof t.trunk_direction === 'string' && t.trunk_direction) parts.push(directionWord(t.trunk_direction));
  if (typeof t.transport === 'string' && t.transport) parts.push(t.transport);
  if (!isTrunkActive(t)) parts.push(t.trunk_status === undefined ? l10n.t('inactive') : statusWord(String(t.trunk_status)));
  parts.push(numberCount === 1 ? l10n.t('1 number') : l10n.t('{0} numbers', numberCount));
  return parts.join(' · ');
}

/** The trunk's description, with how many of its numbers the filter shows when that is fewer. */
export function trunkDescriptionShown(description: string, visible: number): string {
  return l10n.t('{0} ({1} shown)', description, visible);
}

/** An account's item: its name and Auth ID, "sub-account", and whether it failed to load (the error icon). */
export function accountAccessibilityLabel(label: string, authId: string, sub: boolean, failed: boolean): string {
  if (sub) {
    return failed
      ? l10n.t('Sub-account {0} ({1}), failed to load.', label, authId)
      : l10n.t('Sub-account {0} ({1}).', label, authId);
  }
  return failed ? l10n.t('Account {0} ({1}), failed to load.', label, authId) : l10n.t('Account {0} ({1}).', label, authId);
}

/** The words of a range item: label (first – last number), description, tooltip and screen-reader label. */
export function rangeWords(
  first: string,
  last: string,
  from: number,
  to: number,
  total: number,
): { label: string; description: string; tooltip: string; accessibility: string } {
  return {
    label: l10n.t('{0} – {1}', first, last),
    description: to - from === 1 ? l10n.t('1 number') : l10n.t('{0} numbers', to - from),
    tooltip: l10n.t('Numbers {0}–{1} of {2}, in E.164 order', from + 1, to, total),
    accessibility: l10n.t('Numbers {0} to {1} of {2}, from {3} to {4}.', from + 1, to, total, first, last),
  };
}

/** The Trunks group: label, description and screen-reader label. */
export function trunksGroupWords(
  loading: boolean,
  trunkCount: number,
): { label: string; description: string; accessibility: string } {
  const label = l10n.t('Trunks');
  if (loading) return { label, description: l10n.t('loading…'), accessibility: l10n.t('Trunks, loading…') };
  return {
    label,
    description: `${trunkCount}`,
    accessibility: trunkCount === 1 ? l10n.t('Trunks, 1 trunk.') : l10n.t('Trunks, {0} trunks.', trunkCount),
  };
}

/**
 * The Numbers group: label, description and screen-reader label, while loading, with the first
 * pages only (`partial`), filtered (`shown` of `total`), or whole.
 */
export function numbersGroupWords(
  state: 'loading' | 'partial' | 'ready',
  total: number,
  shown: number | undefined,
): { label: string; description: string; accessibility: string } {
  const label = l10n.t('Numbers');
  if (state === 'loading') {
    return { label, description: l10n.t('loading…'), accessibility: l10n.t('Numbers, loading…') };
  }
  if (state === 'partial') {
    return {
      label,
      description: l10n.t('{0} so far, loading…', total),
      accessibility: l10n.t('Numbers, {0} so far, loading…', total),
    };
  }
  if (shown !== undefined) {
    return {
      label,
      description: l10n.t('{0} of {1} · filtered', shown, total),
      accessibility: l10n.t('Numbers, {0} of {1} shown by the filter.', shown, total),
    };
  }
  return {
    label,
    description: `${total}`,
    accessibility: total === 1 ? l10n.t('Numbers, 1 number.') : l10n.t('Numbers, {0} numbers.', total),
  };
}
