/**
 * Changes to several numbers at once: from a multi-selection in the tree, from drag and drop, or
 * from the palette with checkboxes. One confirmation for the whole set, then a bounded, cancellable
 * run and a summary (see changeRunner).
 */
import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { trunkName } from '../model/accountModel';
import type { RoutingResult } from '../model/routing';
import { isTrunkActive } from '../model/presentation';
import type { NumberNode } from '../tree/nodes';
import { accountTarget } from './args';
import type { BulkReport, PlannedChange } from './changeRunner';
import { runBulk } from './changeRunner';
import type { CommandContext } from './context';
import { capitalize, plural } from './wording';
import { chooseAccount, findTrunk, pickNumbers, pickTrunk, requireLoaded } from './pickers';
import { assignOne, unassignNumber } from './routingCommands';
import { UserError } from './userError';

/** The selected numbers' account and numbers as the model knows them; all must be of one account. */
async function resolve(ctx: CommandContext, nodes: readonly NumberNode[]): Promise<{ session: AccountSession; numbers: VobizNumber[] }> {
  const authIds = [...new Set(nodes.map((n) => n.authId))];
  if (authIds.length > 1) throw new UserError(`Select numbers of one account at a time (the selection spans ${authIds.join(', ')}).`);
  const session = ctx.accounts.get(authIds[0]);
  if (!session) throw new UserError(`You are not signed in to the Vobiz account ${authIds[0]}.`);
  await requireLoaded(session);
  const numbers = nodes.map((n) => session.model.number(n.e164)).filter((n): n is VobizNumber => !!n);
  if (!numbers.length) throw new UserError('The selected numbers are no longer in the account: refresh the view.');
  return { session, numbers };
}

/** "2 from "Acme Production", 1 from "Support Desk"" */
function bySourceTrunk(session: AccountSession, numbers: readonly VobizNumber[]): string {
  const counts = new Map<string, number>();
  for (const n of numbers) {
    const t = session.model.trunk(n.trunk_group_id);
    const name = `"${t ? trunkName(t) : (n.trunk_group_id ?? '')}"`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${count} from ${name}`).join(', ');
}

/** Routes numbers of one account to `trunk` (asked for when undefined): one number takes the single flow. */
export async function routeNumbers(ctx: CommandContext, session: AccountSession, numbers: readonly VobizNumber[], trunk: VobizTrunk | undefined): Promise<RoutingResult | BulkReport | undefined> {
  if (numbers.length === 1) return assignOne(ctx, session, numbers[0], trunk);
  trunk ??= await pickTrunk(ctx, session, `Route ${numbers.length} numbers to which trunk?`);
  if (!trunk) return undefined;
  const target = trunk;
  const name = `"${trunkName(target)}"`;
  const already = numbers.filter((n) => n.trunk_group_id === target.trunk_id);
  const todo = numbers.filter((n) => n.trunk_group_id !== target.trunk_id);
  if (!todo.length) {
    void ctx.ui().info(`All ${plural(numbers.length, 'selected number')} already route to trunk ${name}.`);
    return undefined;
  }
  const moving = todo.filter((n) => n.trunk_group_id);
  const fresh = todo.filter((n) => !n.trunk_group_id);
  const apps = todo.filter((n) => n.application_id);
  const detail = [
    fresh.length ? `${plural(fresh.length, 'number is', 'numbers are')} unassigned now.` : undefined,
    moving.length ? `${plural(moving.length, 'number moves', 'numbers move')} (${bySourceTrunk(session, moving)}): Vobiz has no atomic move, so calls to them are not routed between the unassign and the assign.` : undefined,
    apps.length ? `${plural(apps.length, 'number routes', 'numbers route')} to an XML application now; inbound calls will go to the trunk instead.` : undefined,
    already.length ? `${plural(already.length, 'number already routes', 'numbers already route')} there and ${already.length === 1 ? 'is' : 'are'} left alone.` : undefined,
    isTrunkActive(target) ? undefined : `Trunk ${name} is inactive: calls will not be delivered until it is active again.`,
  ].filter(Boolean);
  const ok = await ctx.ui().confirm({
    message: `Route ${plural(todo.length, 'number')} to trunk ${name}?`,
    detail: detail.join('\n'),
    confirm: `Route ${plural(todo.length, 'Number')}`,
  });
  if (!ok) return undefined;
  const plans: PlannedChange[] = todo.map((n) => ({ number: n, to: target.trunk_id }));
  return runBulk(
    ctx,
    session,
    {
      title: `Routing ${plural(todo.length, 'number')} to ${trunkName(target)}`,
      done: (n, of) => `routed ${of === undefined ? plural(n, 'number') : `${n} of ${plural(of, 'number')}`} to trunk ${name}`,
    },
    plans,
  );
}

/** Unassigns numbers of one account from their trunks, after one confirmation. */
export async function unassignNumbers(ctx: CommandContext, session: AccountSession, numbers: readonly VobizNumber[]): Promise<BulkReport | undefined> {
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
  return runBulk(
    ctx,
    session,
    {
      title: `Unassigning ${plural(todo.length, 'number')}`,
      done: (n, of) => `unassigned ${of === undefined ? plural(n, 'number') : `${n} of ${plural(of, 'number')}`}`,
    },
    todo.map((n) => ({ number: n, to: undefined })),
  );
}

/** The tree's multi-selection, routed to a trunk (asked for when undefined). */
export async function assignMany(ctx: CommandContext, nodes: readonly NumberNode[], trunk: VobizTrunk | undefined): Promise<RoutingResult | BulkReport | undefined> {
  const { session, numbers } = await resolve(ctx, nodes);
  return routeNumbers(ctx, session, numbers, trunk);
}

/** The tree's multi-selection, unassigned. */
export async function unassignMany(ctx: CommandContext, nodes: readonly NumberNode[]): Promise<RoutingResult | BulkReport | undefined> {
  if (nodes.length === 1) return unassignNumber(ctx, nodes[0]);
  const { session, numbers } = await resolve(ctx, nodes);
  return unassignNumbers(ctx, session, numbers);
}

/** Numbers dropped onto a trunk (or onto a number under a trunk): assign or move them there, with the commands' confirmations. */
export async function dropOnTrunk(ctx: CommandContext, nodes: readonly NumberNode[], target: { authId: string; trunkId: string }): Promise<RoutingResult | BulkReport | undefined> {
  if (!nodes.length) return undefined;
  if (nodes.some((n) => n.authId !== target.authId)) throw new UserError('Numbers can only be routed to trunks of their own account.');
  const { session, numbers } = await resolve(ctx, nodes);
  return routeNumbers(ctx, session, numbers, findTrunk(session, target.trunkId));
}

/** `vobiz.assignNumbers`: the palette's bulk assign: tick numbers, choose a trunk. */
export async function assignNumbersCommand(ctx: CommandContext, arg?: unknown): Promise<RoutingResult | BulkReport | undefined> {
  const session = await chooseAccount(ctx, 'Route numbers of which account?', accountTarget(arg));
  if (!session) return undefined;
  const numbers = await pickNumbers(ctx, session, 'Route which numbers to a trunk?', () => true, 'There are no numbers in this account.');
  if (!numbers) return undefined;
  return routeNumbers(ctx, session, numbers, undefined);
}

/** `vobiz.unassignNumbers`: the palette's bulk unassign: tick assigned numbers. */
export async function unassignNumbersCommand(ctx: CommandContext, arg?: unknown): Promise<BulkReport | undefined> {
  const session = await chooseAccount(ctx, 'Unassign numbers of which account?', accountTarget(arg));
  if (!session) return undefined;
  const numbers = await pickNumbers(ctx, session, 'Unassign which numbers from their trunks?', (n) => !!n.trunk_group_id, 'No number is assigned to a trunk.');
  if (!numbers) return undefined;
  return unassignNumbers(ctx, session, numbers);
}
