/**
 * What a routing change asks, in words: the one modal of a change of one number (naming where it
 * routes now, as read, and what changes for its callers), the unassign's, and the one confirmation
 * of a bulk change. Asked through the UI seam; modals only (a quick pick can be answered by another
 * extension through VS Code's own commands, a modal cannot).
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber, VobizTrunk } from '../api';
import { trunkName } from '../model/accountModel';
import { isTrunkActive } from '../model/routingRules';
import type { AccountSession } from '../session/accountSession';
import type { CommandContext } from './context';

/** A trunk's name, or its ID when the account does not list it. */
export function trunkLabel(session: AccountSession, trunkId: string): string {
  const trunk = session.model.trunk(trunkId);
  return trunk ? trunkName(trunk) : trunkId;
}

/** The question of routing a number to a trunk, for the number as read: its message and button. */
function routeQuestion(session: AccountSession, now: VobizNumber, to: VobizTrunk): { message: string; confirm: string } {
  const active = isTrunkActive(to);
  if (now.trunk_group_id) {
    return {
      message: l10n.t(
        '{0} routes to trunk "{1}". Move it to "{2}"?',
        now.e164,
        trunkLabel(session, now.trunk_group_id),
        trunkName(to),
      ),
      confirm: active ? l10n.t('Move') : l10n.t('Move Anyway'),
    };
  }
  const confirm = active ? l10n.t('Route to Trunk') : l10n.t('Route Anyway');
  if (now.application_id) {
    return {
      message: l10n.t(
        '{0} routes to application {1}. Route it to trunk "{2}" instead?',
        now.e164,
        now.application_id,
        trunkName(to),
      ),
      confirm,
    };
  }
  return { message: l10n.t('Route {0} to trunk "{1}"?', now.e164, trunkName(to)), confirm };
}

/** What routing a number to a trunk means for its callers, for the number as read: the move's gap, the app left, an inactive trunk. */
function routeEffect(now: VobizNumber, to: VobizTrunk): string {
  return [
    now.trunk_group_id
      ? l10n.t('Vobiz has no atomic move: the number is unassigned, then assigned, and calls are not routed in between.')
      : now.application_id
        ? l10n.t('Inbound calls will go to the trunk instead of the XML application.')
        : l10n.t('Inbound calls to the number will go to the trunk.'),
    isTrunkActive(to)
      ? undefined
      : l10n.t('Trunk "{0}" is inactive: calls will not be delivered until it is active again.', trunkName(to)),
  ]
    .filter(Boolean)
    .join('\n');
}

/** The one question of routing a number to a trunk, for the number as just read, whichever way the change came. */
export function confirmRoute(ctx: CommandContext, session: AccountSession, now: VobizNumber, to: VobizTrunk): Thenable<boolean> {
  return ctx.ui().confirm({ ...routeQuestion(session, now, to), detail: routeEffect(now, to) });
}

/** The question of unassigning a number, for the number as just read. */
export function confirmUnassign(ctx: CommandContext, session: AccountSession, now: VobizNumber): Thenable<boolean> {
  return ctx.ui().confirm({
    message: l10n.t('Unassign {0} from trunk "{1}"?', now.e164, trunkLabel(session, now.trunk_group_id ?? '')),
    detail: l10n.t('Inbound calls to this number stop immediately. The number stays in your account and its billing continues.'),
    confirm: l10n.t('Unassign'),
  });
}

/** "2 from "Acme Production", 1 from "Support Desk"" */
function bySourceTrunk(session: AccountSession, numbers: readonly VobizNumber[]): string {
  const counts = new Map<string, number>();
  for (const n of numbers) {
    const name = trunkLabel(session, n.trunk_group_id ?? '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => l10n.t('{0} from "{1}"', count, name)).join(', ');
}

/** The lines of the bulk route confirmation: what happens to which of the numbers, and the trunk's state. */
function bulkRouteDetail(
  session: AccountSession,
  numbers: readonly VobizNumber[],
  todo: readonly VobizNumber[],
  target: VobizTrunk,
): string {
  const already = numbers.length - todo.length;
  const moving = todo.filter((n) => n.trunk_group_id);
  const fresh = todo.length - moving.length;
  const apps = todo.filter((n) => n.application_id).length;
  const sources = moving.length ? bySourceTrunk(session, moving) : '';
  return [
    !fresh ? undefined : fresh === 1 ? l10n.t('1 number is unassigned now.') : l10n.t('{0} numbers are unassigned now.', fresh),
    !moving.length
      ? undefined
      : moving.length === 1
        ? l10n.t(
            '1 number moves ({0}): Vobiz has no atomic move, so calls to them are not routed between the unassign and the assign.',
            sources,
          )
        : l10n.t(
            '{0} numbers move ({1}): Vobiz has no atomic move, so calls to them are not routed between the unassign and the assign.',
            moving.length,
            sources,
          ),
    !apps
      ? undefined
      : apps === 1
        ? l10n.t('1 number routes to an XML application now; inbound calls will go to the trunk instead.')
        : l10n.t('{0} numbers route to an XML application now; inbound calls will go to the trunk instead.', apps),
    !already
      ? undefined
      : already === 1
        ? l10n.t('1 number already routes there and is left alone.')
        : l10n.t('{0} numbers already route there and are left alone.', already),
    isTrunkActive(target)
      ? undefined
      : l10n.t('Trunk "{0}" is inactive: calls will not be delivered until it is active again.', trunkName(target)),
  ]
    .filter(Boolean)
    .join('\n');
}

/** The one confirmation of routing several numbers (as read) to a trunk: `todo` are those that do not route there yet. */
export function confirmBulkRoute(
  ctx: CommandContext,
  session: AccountSession,
  numbers: readonly VobizNumber[],
  todo: readonly VobizNumber[],
  target: VobizTrunk,
): Thenable<boolean> {
  const name = trunkName(target);
  const one = todo.length === 1;
  return ctx.ui().confirm({
    message: one
      ? l10n.t('Route 1 number to trunk "{0}"?', name)
      : l10n.t('Route {0} numbers to trunk "{1}"?', todo.length, name),
    detail: bulkRouteDetail(session, numbers, todo, target),
    confirm: one ? l10n.t('Route 1 Number') : l10n.t('Route {0} Numbers', todo.length),
  });
}

/** The one confirmation of unassigning several numbers (as read): `skipped` of the selection are not assigned. */
export function confirmBulkUnassign(
  ctx: CommandContext,
  session: AccountSession,
  todo: readonly VobizNumber[],
  skipped: number,
): Thenable<boolean> {
  const one = todo.length === 1;
  const detail = [
    // A list of "2 from "Acme Production"" (its separators and full stop are punctuation, not words).
    `${capitalize(bySourceTrunk(session, todo))}.`,
    !skipped
      ? undefined
      : skipped === 1
        ? l10n.t('1 selected number is not assigned and left alone.')
        : l10n.t('{0} selected numbers are not assigned and left alone.', skipped),
    l10n.t('Inbound calls to them stop immediately. The numbers stay in your account and their billing continues.'),
  ];
  return ctx.ui().confirm({
    message: one ? l10n.t('Unassign 1 number from its trunk?') : l10n.t('Unassign {0} numbers from their trunks?', todo.length),
    detail: detail.filter(Boolean).join('\n'),
    confirm: one ? l10n.t('Unassign 1 Number') : l10n.t('Unassign {0} Numbers', todo.length),
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
