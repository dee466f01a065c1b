/**
 * The routing flows: what a change asks before it runs (a move, an inactive trunk, an app-routed
 * number, an unassign) and the change itself, for one number or many. The commands and drag and
 * drop resolve their arguments, then call in here; the changes run through changeRunner (one with
 * progress, many a few at a time, cancellable, summed up) and the questions through the pickers.
 */
import * as l10n from '@vscode/l10n';
import { authErrorOf } from '../api';
import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { trunkName } from '../model/accountModel';
import * as vscode from 'vscode';
import { BULK_CONCURRENCY, runBounded } from '../model/bulkRun';
import type { RoutingResult } from '../model/routing';
import { isTrunkActive } from '../model/presentation';
import { readSettings } from '../platform/settings';
import type { BulkReport, BulkWording } from './changeRunner';
import { runBulk, runSingle } from './changeRunner';
import type { CommandContext, CommandFailure } from './context';
import { pickTrunk } from './pickers';
import { UserError } from './userError';
import { capitalize } from './wording';

/** What a single change gave: its result, a conflict already shown (`{ error }`), or undefined when declined. */
export type SingleOutcome = RoutingResult | CommandFailure | undefined;

/** Up to this many selected numbers are re-read one by one before a bulk confirmation; more reload the account. */
const FRESHEN_ONE_BY_ONE = 25;

/** A trunk's name, or its ID when the account does not list it. */
function trunkLabel(session: AccountSession, trunkId: string): string {
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
  if (now.application_id) {
    return {
      message: l10n.t(
        '{0} routes to application {1}. Route it to trunk "{2}" instead?',
        now.e164,
        now.application_id,
        trunkName(to),
      ),
      confirm: active ? l10n.t('Route to Trunk') : l10n.t('Route Anyway'),
    };
  }
  return {
    message: l10n.t('Route {0} to trunk "{1}"?', now.e164, trunkName(to)),
    confirm: active ? l10n.t('Route to Trunk') : l10n.t('Route Anyway'),
  };
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

/**
 * The one question of routing a number to a trunk, asked in a modal for the number as just read,
 * whichever way the change came (a menu and a quick pick, the palette, an argument, a drop): a quick
 * pick can be answered by another extension through VS Code's own commands, a modal cannot.
 */
function confirmRoute(ctx: CommandContext, session: AccountSession, now: VobizNumber, to: VobizTrunk): Thenable<boolean> {
  return ctx.ui().confirm({ ...routeQuestion(session, now, to), detail: routeEffect(now, to) });
}

/**
 * Runs the command again for this number, from where it routes now (offered after a conflict): Assign
 * routes it from wherever it is, asking as always; Unassign asks anew.
 */
function again(command: string, session: AccountSession, n: VobizNumber, trunkId?: string): () => unknown {
  return () =>
    vscode.commands.executeCommand(command, { number: n.e164, authId: session.authId, ...(trunkId ? { trunkId } : {}) });
}

/**
 * Routes one number to `trunk` (asked for when undefined), after the one confirmation of a route
 * (`confirmRoute`), asked inside the number's queue with the number as just read.
 */
export async function routeOne(
  ctx: CommandContext,
  session: AccountSession,
  n: VobizNumber,
  trunk: VobizTrunk | undefined,
): Promise<SingleOutcome> {
  const from = n.trunk_group_id;
  trunk ??= await pickTrunk(
    ctx,
    session,
    from ? l10n.t('Move {0} to which trunk?', n.e164) : l10n.t('Assign {0} to which trunk?', n.e164),
    from,
  );
  if (!trunk) return undefined;
  const target = trunk;
  if (target.trunk_id === from) {
    // Nothing to do by the tree's copy: say so only if Vobiz agrees, else go on from what it says.
    const now = await readAgain(session, n);
    if (now.trunk_group_id !== target.trunk_id) return routeOne(ctx, session, now, target);
    void ctx.ui().info(l10n.t('{0} already routes to trunk "{1}".', n.e164, trunkName(target)));
    return undefined;
  }
  const confirm = async (now: VobizNumber): Promise<boolean> => confirmRoute(ctx, session, now, target);
  const title = from
    ? l10n.t('Moving {0} to {1}…', n.e164, trunkName(target))
    : l10n.t('Assigning {0} to {1}…', n.e164, trunkName(target));
  return runSingle(
    ctx,
    session,
    title,
    { number: n, to: target.trunk_id, confirm },
    again('vobiz.assignNumber', session, n, target.trunk_id),
  );
}

/** The number as Vobiz says it is now (read in its queue), when the tree's copy says there is nothing to do. */
async function readAgain(session: AccountSession, n: VobizNumber): Promise<VobizNumber> {
  const now = await session.routing.refreshNumber(n.e164);
  if (!now) {
    throw new UserError(l10n.t('{0} is no longer listed in the Vobiz account {1}: refresh the view.', n.e164, session.authId));
  }
  return now;
}

/** Unassigns one number from its trunk, after a modal naming the trunk as read (unless `vobiz.confirmBeforeUnassign` is off). */
export async function unassignOne(ctx: CommandContext, session: AccountSession, n: VobizNumber): Promise<SingleOutcome> {
  if (!n.trunk_group_id) {
    const now = await readAgain(session, n);
    if (now.trunk_group_id) return unassignOne(ctx, session, now);
    void ctx.ui().info(l10n.t('{0} is not assigned to a trunk.', n.e164));
    return undefined;
  }
  const confirm = (now: VobizNumber): Thenable<boolean> =>
    ctx.ui().confirm({
      message: l10n.t('Unassign {0} from trunk "{1}"?', now.e164, trunkLabel(session, now.trunk_group_id ?? '')),
      detail: l10n.t(
        'Inbound calls to this number stop immediately. The number stays in your account and its billing continues.',
      ),
      confirm: l10n.t('Unassign'),
    });
  const plan = {
    number: n,
    to: undefined,
    confirm: readSettings().confirmBeforeUnassign ? async (now: VobizNumber) => confirm(now) : undefined,
  };
  return runSingle(
    ctx,
    session,
    l10n.t('Unassigning {0} from {1}…', n.e164, trunkLabel(session, n.trunk_group_id)),
    plan,
    again('vobiz.unassignNumber', session, n),
  );
}

/**
 * The numbers as the server says they are now, before a bulk confirmation names them: each re-read
 * (a few at a time), or the whole account reloaded when there are many. Numbers no longer listed drop out.
 */
async function freshen(session: AccountSession, numbers: readonly VobizNumber[]): Promise<VobizNumber[]> {
  if (numbers.length > FRESHEN_ONE_BY_ONE) {
    await session.load();
    if (session.model.status !== 'ready') {
      const why = session.model.error?.message.replace(/[.\s]+$/, '') ?? l10n.t('its load did not complete');
      throw new Error(l10n.t('Nothing was changed: the account could not be re-read first ({0}).', why));
    }
  } else {
    const read = await runBounded(numbers, (n) => session.routing.refreshNumber(n.e164), { concurrency: BULK_CONCURRENCY });
    const rejected = read.failed.map((f) => authErrorOf(f.error)).find((e) => e !== undefined);
    if (rejected) {
      // One cause for all of them: said once, with Sign In Again (the recovery rule finds it as the cause).
      const message =
        numbers.length === 1
          ? l10n.t(
              'Nothing was changed: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?); 1 number was not changed. Sign in again, then run it again.',
              session.authId,
            )
          : l10n.t(
              'Nothing was changed: Vobiz no longer accepts the credentials of {0} (was the Auth Token changed?); {1} numbers were not changed. Sign in again, then run it again.',
              session.authId,
              numbers.length,
            );
      throw new Error(message, { cause: rejected });
    }
    if (read.failed.length) {
      const which = read.failed.slice(0, 3).map((f) => `${f.item.e164}: ${f.error.message.replace(/[.\s]+$/, '')}`);
      throw new Error(
        read.failed.length === 1
          ? l10n.t(
              'Nothing was changed: 1 selected number could not be re-read first ({0}). Try again, or refresh the view.',
              which.join('; '),
            )
          : l10n.t(
              'Nothing was changed: {0} selected numbers could not be re-read first ({1}). Try again, or refresh the view.',
              read.failed.length,
              which.join('; '),
            ),
      );
    }
  }
  return numbers.map((n) => session.model.number(n.e164)).filter((n): n is VobizNumber => !!n);
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
function routeDetail(
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

/** The words of a bulk route of `count` numbers to `target`. */
function routeWording(count: number, target: VobizTrunk): BulkWording {
  const name = trunkName(target);
  const done = (n: number, of?: number): string => {
    if (of === undefined) {
      return n === 1 ? l10n.t('Routed 1 number to trunk "{0}"', name) : l10n.t('Routed {0} numbers to trunk "{1}"', n, name);
    }
    return of === 1
      ? l10n.t('Routed {0} of 1 number to trunk "{1}"', n, name)
      : l10n.t('Routed {0} of {1} numbers to trunk "{2}"', n, of, name);
  };
  const doneSentence = (n: number, of?: number): string => {
    if (of === undefined) {
      return n === 1 ? l10n.t('Routed 1 number to trunk "{0}".', name) : l10n.t('Routed {0} numbers to trunk "{1}".', n, name);
    }
    return of === 1
      ? l10n.t('Routed {0} of 1 number to trunk "{1}".', n, name)
      : l10n.t('Routed {0} of {1} numbers to trunk "{2}".', n, of, name);
  };
  return {
    title: count === 1 ? l10n.t('Routing 1 number to {0}', name) : l10n.t('Routing {0} numbers to {1}', count, name),
    done,
    doneSentence,
    cancelled: (n, of) =>
      of === 1
        ? l10n.t('Cancelled: routed {0} of 1 number to trunk "{1}" before stopping', n, name)
        : l10n.t('Cancelled: routed {0} of {1} numbers to trunk "{2}" before stopping', n, of, name),
  };
}

/** Routes numbers of one account to `trunk` (asked for when undefined), after one confirmation; one number takes the single flow. */
export async function routeNumbers(
  ctx: CommandContext,
  session: AccountSession,
  selected: readonly VobizNumber[],
  trunk: VobizTrunk | undefined,
): Promise<SingleOutcome | BulkReport> {
  if (selected.length === 1) return routeOne(ctx, session, selected[0], trunk);
  const target = trunk ?? (await pickTrunk(ctx, session, l10n.t('Route {0} numbers to which trunk?', selected.length)));
  if (!target) return undefined;
  const numbers = await freshen(session, selected);
  const name = trunkName(target);
  const todo = numbers.filter((n) => n.trunk_group_id !== target.trunk_id);
  if (!todo.length) {
    void ctx
      .ui()
      .info(
        numbers.length === 1
          ? l10n.t('All 1 selected number already route to trunk "{0}".', name)
          : l10n.t('All {0} selected numbers already route to trunk "{1}".', numbers.length, name),
      );
    return undefined;
  }
  const one = todo.length === 1;
  const ok = await ctx.ui().confirm({
    message: one
      ? l10n.t('Route 1 number to trunk "{0}"?', name)
      : l10n.t('Route {0} numbers to trunk "{1}"?', todo.length, name),
    detail: routeDetail(session, numbers, todo, target),
    confirm: one ? l10n.t('Route 1 Number') : l10n.t('Route {0} Numbers', todo.length),
  });
  if (!ok) return undefined;
  return runBulk(
    ctx,
    session,
    routeWording(todo.length, target),
    todo.map((n) => ({ number: n, to: target.trunk_id })),
  );
}

/** The words of a bulk unassign of `count` numbers. */
function unassignWording(count: number): BulkWording {
  const done = (n: number, of?: number): string => {
    if (of === undefined) return n === 1 ? l10n.t('Unassigned 1 number') : l10n.t('Unassigned {0} numbers', n);
    return of === 1 ? l10n.t('Unassigned {0} of 1 number', n) : l10n.t('Unassigned {0} of {1} numbers', n, of);
  };
  const doneSentence = (n: number, of?: number): string => {
    if (of === undefined) return n === 1 ? l10n.t('Unassigned 1 number.') : l10n.t('Unassigned {0} numbers.', n);
    return of === 1 ? l10n.t('Unassigned {0} of 1 number.', n) : l10n.t('Unassigned {0} of {1} numbers.', n, of);
  };
  return {
    title: count === 1 ? l10n.t('Unassigning 1 number') : l10n.t('Unassigning {0} numbers', count),
    done,
    doneSentence,
    cancelled: (n, of) =>
      of === 1
        ? l10n.t('Cancelled: unassigned {0} of 1 number before stopping', n)
        : l10n.t('Cancelled: unassigned {0} of {1} numbers before stopping', n, of),
  };
}

/** The lines of the bulk unassign confirmation: the numbers' trunks, those left alone, and what it means. */
function unassignDetail(session: AccountSession, todo: readonly VobizNumber[], skipped: number): string {
  return [
    // A list of "2 from "Acme Production"" (its separators and full stop are punctuation, not words).
    `${capitalize(bySourceTrunk(session, todo))}.`,
    !skipped
      ? undefined
      : skipped === 1
        ? l10n.t('1 selected number is not assigned and left alone.')
        : l10n.t('{0} selected numbers are not assigned and left alone.', skipped),
    l10n.t('Inbound calls to them stop immediately. The numbers stay in your account and their billing continues.'),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Unassigns numbers of one account from their trunks, after one confirmation. */
export async function unassignNumbers(
  ctx: CommandContext,
  session: AccountSession,
  selected: readonly VobizNumber[],
): Promise<BulkReport | undefined> {
  const numbers = await freshen(session, selected);
  const todo = numbers.filter((n) => n.trunk_group_id);
  if (!todo.length) {
    void ctx
      .ui()
      .info(
        numbers.length === 1
          ? l10n.t('None of the 1 selected number is assigned to a trunk.')
          : l10n.t('None of the {0} selected numbers is assigned to a trunk.', numbers.length),
      );
    return undefined;
  }
  const one = todo.length === 1;
  const ok = await ctx.ui().confirm({
    message: one ? l10n.t('Unassign 1 number from its trunk?') : l10n.t('Unassign {0} numbers from their trunks?', todo.length),
    detail: unassignDetail(session, todo, numbers.length - todo.length),
    confirm: one ? l10n.t('Unassign 1 Number') : l10n.t('Unassign {0} Numbers', todo.length),
  });
  if (!ok) return undefined;
  return runBulk(
    ctx,
    session,
    unassignWording(todo.length),
    todo.map((n) => ({ number: n, to: undefined })),
  );
}
