/**
 * The routing flows: what a change asks before it runs (a move, an inactive trunk, an app-routed
 * number, an unassign) and the change itself, for one number or many. The commands and drag and
 * drop resolve their arguments, then call in here; the changes run through changeRunner (one with
 * progress, many a few at a time, cancellable, summed up) and the questions through the pickers.
 */
import { authErrorOf } from '../api';
import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { trunkName } from '../model/accountModel';
import * as vscode from 'vscode';
import { runBounded } from '../model/bulkRun';
import type { RoutingResult } from '../model/routing';
import { isTrunkActive } from '../model/presentation';
import { readSettings } from '../platform/settings';
import type { BulkReport } from './changeRunner';
import { BULK_CONCURRENCY, runBulk, runSingle } from './changeRunner';
import type { CommandContext, CommandFailure } from './context';
import { pickTrunk } from './pickers';
import { UserError } from './userError';
import { capitalize, plural } from './wording';

/** What a single change gave: its result, a conflict already shown (`{ error }`), or undefined when declined. */
export type SingleOutcome = RoutingResult | CommandFailure | undefined;

/** Up to this many selected numbers are re-read one by one before a bulk confirmation; more reload the account. */
const FRESHEN_ONE_BY_ONE = 25;

/** A trunk's name, or its ID when the account does not list it. */
function trunkLabel(session: AccountSession, trunkId: string): string {
  const trunk = session.model.trunk(trunkId);
  return trunk ? trunkName(trunk) : trunkId;
}

/** The confirmations assigning to `trunk` needs, for the number as read: an inactive trunk, an app-routed number. False when declined. */
async function confirmAssign(ctx: CommandContext, now: VobizNumber, trunk: VobizTrunk): Promise<boolean> {
  if (!isTrunkActive(trunk)) {
    const ok = await ctx.ui().confirm({
      message: `Trunk "${trunkName(trunk)}" is inactive. Route ${now.e164} to it anyway?`,
      detail: 'Calls to the number will not be delivered until the trunk is active again.',
      confirm: 'Assign Anyway',
    });
    if (!ok) return false;
  }
  if (now.application_id) {
    const ok = await ctx.ui().confirm({
      message: `${now.e164} routes to application ${now.application_id}. Route it to trunk "${trunkName(trunk)}" instead?`,
      detail: 'Inbound calls will go to the trunk instead of the XML application.',
      confirm: 'Route to Trunk',
    });
    if (!ok) return false;
  }
  return true;
}

/** The confirmation of moving a number that routes to a trunk (as read) to another. */
function confirmMove(ctx: CommandContext, session: AccountSession, now: VobizNumber, to: VobizTrunk): Thenable<boolean> {
  return ctx.ui().confirm({
    message: `${now.e164} routes to trunk "${trunkLabel(session, now.trunk_group_id ?? '')}". Move it to "${trunkName(to)}"?`,
    detail: 'Vobiz has no atomic move: the number is unassigned, then assigned, and calls are not routed in between.',
    confirm: 'Move',
  });
}

/**
 * Runs the command again for this number, from where it routes now (offered after a conflict): Assign
 * routes it from wherever it is with every confirmation (a move asks), Unassign asks anew.
 */
function again(command: string, session: AccountSession, n: VobizNumber, trunkId?: string): () => unknown {
  return () => vscode.commands.executeCommand(command, { number: n.e164, authId: session.authId, ...(trunkId ? { trunkId } : {}) });
}

/**
 * Routes one number to `trunk` (asked for when undefined) with its confirmations, asked inside the
 * number's queue with the number as just read: a move when it routes to a trunk (unless `askMove`
 * is false: choosing Move was that confirmation), an inactive trunk, an app-routed number.
 */
export async function routeOne(ctx: CommandContext, session: AccountSession, n: VobizNumber, trunk: VobizTrunk | undefined, askMove = true): Promise<SingleOutcome> {
  const from = n.trunk_group_id;
  trunk ??= await pickTrunk(ctx, session, from ? `Move ${n.e164} to which trunk?` : `Assign ${n.e164} to which trunk?`, from);
  if (!trunk) return undefined;
  const target = trunk;
  if (target.trunk_id === from) {
    // Nothing to do by the tree's copy: say so only if Vobiz agrees, else go on from what it says.
    const now = await readAgain(session, n);
    if (now.trunk_group_id !== target.trunk_id) return routeOne(ctx, session, now, target, askMove);
    void ctx.ui().info(`${n.e164} already routes to trunk "${trunkName(target)}".`);
    return undefined;
  }
  const confirm = async (now: VobizNumber): Promise<boolean> => (!now.trunk_group_id || !askMove || (await confirmMove(ctx, session, now, target))) && confirmAssign(ctx, now, target);
  const title = from ? `Moving ${n.e164} to ${trunkName(target)}…` : `Assigning ${n.e164} to ${trunkName(target)}…`;
  return runSingle(ctx, session, title, { number: n, to: target.trunk_id, confirm }, again('vobiz.assignNumber', session, n, target.trunk_id));
}

/** The number as Vobiz says it is now (read in its queue), when the tree's copy says there is nothing to do. */
async function readAgain(session: AccountSession, n: VobizNumber): Promise<VobizNumber> {
  const now = await session.routing.refreshNumber(n.e164);
  if (!now) throw new UserError(`${n.e164} is no longer listed in the Vobiz account ${session.authId}: refresh the view.`);
  return now;
}

/** Unassigns one number from its trunk, after a modal naming the trunk as read (unless `vobiz.confirmBeforeUnassign` is off). */
export async function unassignOne(ctx: CommandContext, session: AccountSession, n: VobizNumber): Promise<SingleOutcome> {
  if (!n.trunk_group_id) {
    const now = await readAgain(session, n);
    if (now.trunk_group_id) return unassignOne(ctx, session, now);
    void ctx.ui().info(`${n.e164} is not assigned to a trunk.`);
    return undefined;
  }
  const confirm = (now: VobizNumber): Thenable<boolean> =>
    ctx.ui().confirm({
      message: `Unassign ${now.e164} from trunk "${trunkLabel(session, now.trunk_group_id ?? '')}"?`,
      detail: 'Inbound calls to this number stop immediately. The number stays in your account and its billing continues.',
      confirm: 'Unassign',
    });
  const plan = { number: n, to: undefined, confirm: readSettings().confirmBeforeUnassign ? async (now: VobizNumber) => confirm(now) : undefined };
  return runSingle(ctx, session, `Unassigning ${n.e164} from ${trunkLabel(session, n.trunk_group_id)}…`, plan, again('vobiz.unassignNumber', session, n));
}

/**
 * The numbers as the server says they are now, before a bulk confirmation names them: each re-read
 * (a few at a time), or the whole account reloaded when there are many. Numbers no longer listed drop out.
 */
async function freshen(session: AccountSession, numbers: readonly VobizNumber[]): Promise<VobizNumber[]> {
  if (numbers.length > FRESHEN_ONE_BY_ONE) {
    await session.load();
    if (session.model.status !== 'ready') throw new Error(`Nothing was changed: the account could not be re-read first (${session.model.error?.message.replace(/[.\s]+$/, '') ?? 'its load did not complete'}).`);
  } else {
    const read = await runBounded(numbers, (n) => session.routing.refreshNumber(n.e164), { concurrency: BULK_CONCURRENCY });
    const rejected = read.failed.map((f) => authErrorOf(f.error)).find((e) => e !== undefined);
    if (rejected) {
      // One cause for all of them: said once, with Sign In Again (the recovery rule finds it as the cause).
      const notChanged = plural(numbers.length, 'number was', 'numbers were');
      throw new Error(`Nothing was changed: Vobiz no longer accepts the credentials of ${session.authId} (was the Auth Token changed?); ${notChanged} not changed. Sign in again, then run it again.`, { cause: rejected });
    }
    if (read.failed.length) {
      const which = read.failed.slice(0, 3).map((f) => `${f.item.e164}: ${f.error.message.replace(/[.\s]+$/, '')}`);
      throw new Error(`Nothing was changed: ${plural(read.failed.length, 'selected number')} could not be re-read first (${which.join('; ')}). Try again, or refresh the view.`);
    }
  }
  return numbers.map((n) => session.model.number(n.e164)).filter((n): n is VobizNumber => !!n);
}

/** "2 from "Acme Production", 1 from "Support Desk"" */
function bySourceTrunk(session: AccountSession, numbers: readonly VobizNumber[]): string {
  const counts = new Map<string, number>();
  for (const n of numbers) {
    const name = `"${trunkLabel(session, n.trunk_group_id ?? '')}"`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${count} from ${name}`).join(', ');
}

/** The lines of the bulk route confirmation: what happens to which of the numbers, and the trunk's state. */
function routeDetail(session: AccountSession, numbers: readonly VobizNumber[], todo: readonly VobizNumber[], target: VobizTrunk): string {
  const already = numbers.length - todo.length;
  const moving = todo.filter((n) => n.trunk_group_id);
  const fresh = todo.length - moving.length;
  const apps = todo.filter((n) => n.application_id).length;
  return [
    fresh ? `${plural(fresh, 'number is', 'numbers are')} unassigned now.` : undefined,
    moving.length ? `${plural(moving.length, 'number moves', 'numbers move')} (${bySourceTrunk(session, moving)}): Vobiz has no atomic move, so calls to them are not routed between the unassign and the assign.` : undefined,
    apps ? `${plural(apps, 'number routes', 'numbers route')} to an XML application now; inbound calls will go to the trunk instead.` : undefined,
    already ? `${plural(already, 'number already routes', 'numbers already route')} there and ${already === 1 ? 'is' : 'are'} left alone.` : undefined,
    isTrunkActive(target) ? undefined : `Trunk "${trunkName(target)}" is inactive: calls will not be delivered until it is active again.`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Routes numbers of one account to `trunk` (asked for when undefined), after one confirmation; one number takes the single flow. */
export async function routeNumbers(ctx: CommandContext, session: AccountSession, selected: readonly VobizNumber[], trunk: VobizTrunk | undefined): Promise<SingleOutcome | BulkReport> {
  if (selected.length === 1) return routeOne(ctx, session, selected[0], trunk);
  const target = trunk ?? (await pickTrunk(ctx, session, `Route ${selected.length} numbers to which trunk?`));
  if (!target) return undefined;
  const numbers = await freshen(session, selected);
  const name = `"${trunkName(target)}"`;
  const todo = numbers.filter((n) => n.trunk_group_id !== target.trunk_id);
  if (!todo.length) {
    void ctx.ui().info(`All ${plural(numbers.length, 'selected number')} already route to trunk ${name}.`);
    return undefined;
  }
  const ok = await ctx.ui().confirm({
    message: `Route ${plural(todo.length, 'number')} to trunk ${name}?`,
    detail: routeDetail(session, numbers, todo, target),
    confirm: `Route ${plural(todo.length, 'Number')}`,
  });
  if (!ok) return undefined;
  const wording = {
    title: `Routing ${plural(todo.length, 'number')} to ${trunkName(target)}`,
    done: (n: number, of?: number) => `routed ${of === undefined ? plural(n, 'number') : `${n} of ${plural(of, 'number')}`} to trunk ${name}`,
  };
  return runBulk(ctx, session, wording, todo.map((n) => ({ number: n, to: target.trunk_id })));
}

/** Unassigns numbers of one account from their trunks, after one confirmation. */
export async function unassignNumbers(ctx: CommandContext, session: AccountSession, selected: readonly VobizNumber[]): Promise<BulkReport | undefined> {
  const numbers = await freshen(session, selected);
  const todo = numbers.filter((n) => n.trunk_group_id);
  if (!todo.length) {
    void ctx.ui().info(`None of the ${plural(numbers.length, 'selected number')} is assigned to a trunk.`);
    return undefined;
  }
  const skipped = numbers.length - todo.length;
  const ok = await ctx.ui().confirm({
    message: `Unassign ${plural(todo.length, 'number')} from ${todo.length === 1 ? 'its trunk' : 'their trunks'}?`,
    detail: [
      `${capitalize(bySourceTrunk(session, todo))}.`,
      skipped ? `${plural(skipped, 'selected number is', 'selected numbers are')} not assigned and left alone.` : undefined,
      'Inbound calls to them stop immediately. The numbers stay in your account and their billing continues.',
    ]
      .filter(Boolean)
      .join('\n'),
    confirm: `Unassign ${plural(todo.length, 'Number')}`,
  });
  if (!ok) return undefined;
  const wording = {
    title: `Unassigning ${plural(todo.length, 'number')}`,
    done: (n: number, of?: number) => `unassigned ${of === undefined ? plural(n, 'number') : `${n} of ${plural(of, 'number')}`}`,
  };
  return runBulk(ctx, session, wording, todo.map((n) => ({ number: n, to: undefined })));
}
