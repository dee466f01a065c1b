/**
 * The entries of the routing changes: the assign, unassign and move commands (one number, or the
 * tree's multi-selection), the palette's bulk commands and a drop on a trunk. Each resolves its
 * arguments (account, numbers, trunk) and hands over to routingFlows, which asks and changes.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber } from '../api';
import type { AccountSession } from '../session/accountSession';
import type { SingleOutcome } from './routingFlows';
import type { NumberNode } from '../tree/nodes';
import { accountTarget, numberTarget, selectedNumbers } from './args';
import type { CommandContext } from './context';
import { chooseAccount, findNumber, findTrunk, pickNumber, pickNumbers, pickTrunk, requireLoaded } from './pickers';
import { routeNumbers, routeOne, unassignNumbers, unassignOne } from './routingFlows';
import { UserError } from './userError';

interface OneNumberAsk {
  /** The account question ("Assign a number of which account?"). */
  account: string;
  /** The QuickPick title when no number was given. */
  pick: string;
  /** Which numbers the QuickPick offers, and what to say when there is none. */
  offer: (n: VobizNumber) => boolean;
  none: string;
}

/** What each single-number command asks when no number was given (words made when asked, in the user's language). */
const ASKS: Readonly<Record<'assign' | 'unassign' | 'move', () => OneNumberAsk>> = {
  assign: () => ({
    account: l10n.t('Assign a number of which account?'),
    pick: l10n.t('Assign which number to a trunk?'),
    offer: (x) => !x.trunk_group_id,
    none: l10n.t('Every number already routes to a trunk.'),
  }),
  unassign: () => ({
    account: l10n.t('Unassign a number of which account?'),
    pick: l10n.t('Unassign which number from its trunk?'),
    offer: (x) => !!x.trunk_group_id,
    none: l10n.t('No number is assigned to a trunk.'),
  }),
  move: () => ({
    account: l10n.t('Move a number of which account?'),
    pick: l10n.t('Move which number to another trunk?'),
    offer: (x) => !!x.trunk_group_id,
    none: l10n.t('No number is assigned to a trunk yet: use Assign to Trunk.'),
  }),
};

/** The number a single-number command acts on: named by its argument, or asked for (account, then number). */
async function oneNumber(
  ctx: CommandContext,
  arg: unknown,
  ask: OneNumberAsk,
): Promise<{ session: AccountSession; n: VobizNumber; trunkId?: string } | undefined> {
  const target = numberTarget(arg);
  const session = await chooseAccount(ctx, ask.account, target?.authId, target?.e164);
  if (!session) return undefined;
  const n = target ? await findNumber(ctx, session, target.e164) : await pickNumber(ctx, session, ask.pick, ask.offer, ask.none);
  return n ? { session, n, trunkId: target?.trunkId } : undefined;
}

/** The selected (or dropped) numbers' account and numbers as the model knows them; all must be of one account. */
async function selection(
  ctx: CommandContext,
  nodes: readonly NumberNode[],
): Promise<{ session: AccountSession; numbers: VobizNumber[] }> {
  const authIds = [...new Set(nodes.map((n) => n.authId))];
  if (authIds.length > 1) {
    throw new UserError(l10n.t('Select numbers of one account at a time (the selection spans {0}).', authIds.join(', ')));
  }
  const session = ctx.accounts.get(authIds[0]);
  if (!session) throw new UserError(l10n.t('You are not signed in to the Vobiz account {0}.', authIds[0]));
  await requireLoaded(session);
  const numbers = nodes.map((n) => session.model.number(n.e164)).filter((n): n is VobizNumber => !!n);
  if (!numbers.length) throw new UserError(l10n.t('The selected numbers are no longer in the account: refresh the view.'));
  return { session, numbers };
}

/** The tree's multi-selection routed to a trunk, asked for (assign and move alike). */
async function routeSelection(ctx: CommandContext, nodes: readonly NumberNode[]): Promise<SingleOutcome> {
  const { session, numbers } = await selection(ctx, nodes);
  return routeNumbers(ctx, session, numbers, undefined);
}

/** `vobiz.assignNumber`: route a number (or every selected number) to a trunk; an already routed number is offered a move. */
export async function assignNumber(ctx: CommandContext, arg?: unknown, selected?: unknown): Promise<SingleOutcome> {
  const many = selectedNumbers(arg, selected);
  if (many) return routeSelection(ctx, many);
  const one = await oneNumber(ctx, arg, ASKS.assign());
  if (!one) return undefined;
  const trunk = one.trunkId ? findTrunk(one.session, one.trunkId) : undefined;
  return routeOne(ctx, one.session, one.n, trunk);
}

/** `vobiz.unassignNumber`: stop routing a number (or every selected number) to its trunk, after a modal confirmation. */
export async function unassignNumber(ctx: CommandContext, arg?: unknown, selected?: unknown): Promise<SingleOutcome> {
  const many = selectedNumbers(arg, selected);
  if (many && many.length > 1) {
    const { session, numbers } = await selection(ctx, many);
    return unassignNumbers(ctx, session, numbers);
  }
  // One number (the same one selected twice is one): the single flow, as for a click on it.
  const one = await oneNumber(ctx, many?.[0] ?? arg, ASKS.unassign());
  if (!one) return undefined;
  return unassignOne(ctx, one.session, one.n);
}

/** `vobiz.moveNumber`: route a number (or every selected number) to another trunk (unassign + assign, put back on failure). */
export async function moveNumber(ctx: CommandContext, arg?: unknown, selected?: unknown): Promise<SingleOutcome> {
  const many = selectedNumbers(arg, selected);
  if (many) return routeSelection(ctx, many);
  const one = await oneNumber(ctx, arg, ASKS.move());
  if (!one) return undefined;
  const { session, n, trunkId } = one;
  const trunk = trunkId
    ? findTrunk(session, trunkId)
    : await pickTrunk(ctx, session, l10n.t('Move {0} to which trunk?', n.e164), n.trunk_group_id);
  if (!trunk) return undefined;
  return routeOne(ctx, session, n, trunk);
}

/**
 * `vobiz.assignNumbers` (palette, title bar: asks which account) and `vobiz.assignAccountNumbers` (an account's
 * row): the bulk assign: tick numbers, choose a trunk.
 */
export async function assignNumbersCommand(ctx: CommandContext, arg?: unknown): Promise<SingleOutcome> {
  const session = await chooseAccount(ctx, l10n.t('Route numbers of which account?'), accountTarget(arg));
  if (!session) return undefined;
  const numbers = await pickNumbers(
    ctx,
    session,
    l10n.t('Route which numbers to a trunk?'),
    () => true,
    l10n.t('There are no numbers in this account.'),
  );
  if (!numbers) return undefined;
  return routeNumbers(ctx, session, numbers, undefined);
}

/** `vobiz.unassignNumbers`: the palette's bulk unassign: tick assigned numbers. */
export async function unassignNumbersCommand(ctx: CommandContext, arg?: unknown): Promise<SingleOutcome> {
  const session = await chooseAccount(ctx, l10n.t('Unassign numbers of which account?'), accountTarget(arg));
  if (!session) return undefined;
  const numbers = await pickNumbers(
    ctx,
    session,
    l10n.t('Unassign which numbers from their trunks?'),
    (n) => !!n.trunk_group_id,
    l10n.t('No number is assigned to a trunk.'),
  );
  if (!numbers) return undefined;
  return unassignNumbers(ctx, session, numbers);
}

/** Numbers dropped onto a trunk (or onto a number under a trunk): assign or move them there, with the commands' confirmations. */
export async function dropOnTrunk(
  ctx: CommandContext,
  nodes: readonly NumberNode[],
  target: { authId: string; trunkId: string },
): Promise<SingleOutcome> {
  if (!nodes.length) return undefined;
  if (nodes.some((n) => n.authId !== target.authId)) {
    throw new UserError(l10n.t('Numbers can only be routed to trunks of their own account.'));
  }
  const { session, numbers } = await selection(ctx, nodes);
  return routeNumbers(ctx, session, numbers, findTrunk(session, target.trunkId));
}
