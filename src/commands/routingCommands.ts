import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { trunkName } from '../model/accountModel';
import type { RoutingResult } from '../model/routing';
import { isTrunkActive } from '../model/presentation';
import { readSettings } from '../platform/settings';
import { numberTarget, selectedNumbers } from './args';
import { assignMany, unassignMany } from './bulkCommands';
import type { BulkReport } from './changeRunner';
import { runSingle } from './changeRunner';
import type { CommandContext } from './context';
import { chooseAccount, findNumber, findTrunk, pickNumber, pickTrunk } from './pickers';

/** The confirmations assigning to `trunk` needs: an inactive trunk, an app-routed number. False when declined. */
export async function confirmAssign(ctx: CommandContext, n: VobizNumber, trunk: VobizTrunk): Promise<boolean> {
  if (!isTrunkActive(trunk)) {
    const ok = await ctx.ui().confirm({
      message: `Trunk "${trunkName(trunk)}" is inactive. Route ${n.e164} to it anyway?`,
      detail: 'Calls to the number will not be delivered until the trunk is active again.',
      confirm: 'Assign Anyway',
    });
    if (!ok) return false;
  }
  if (n.application_id) {
    const ok = await ctx.ui().confirm({
      message: `${n.e164} routes to application ${n.application_id}. Route it to trunk "${trunkName(trunk)}" instead?`,
      detail: 'Inbound calls will go to the trunk instead of the XML application.',
      confirm: 'Route to Trunk',
    });
    if (!ok) return false;
  }
  return true;
}

async function chooseTrunk(ctx: CommandContext, session: AccountSession, requested: string | undefined, title: string, exclude?: string): Promise<VobizTrunk | undefined> {
  return requested ? findTrunk(session, requested) : pickTrunk(ctx, session, title, exclude);
}

/**
 * Routes one number to `trunk` (asked for when undefined) with the command's confirmations: a move
 * when it already routes elsewhere, an inactive trunk, an app-routed number. Used by the commands
 * and by drag and drop.
 */
export async function assignOne(ctx: CommandContext, session: AccountSession, n: VobizNumber, trunk: VobizTrunk | undefined, askMove = true): Promise<RoutingResult | undefined> {
  if (n.trunk_group_id) {
    const from = session.model.trunk(n.trunk_group_id);
    trunk ??= await pickTrunk(ctx, session, `Move ${n.e164} to which trunk?`, n.trunk_group_id);
    if (!trunk) return undefined;
    if (trunk.trunk_id === n.trunk_group_id) {
      void ctx.ui().info(`${n.e164} already routes to trunk "${trunkName(trunk)}".`);
      return undefined;
    }
    if (askMove) {
      const ok = await ctx.ui().confirm({
        message: `${n.e164} already routes to trunk "${from ? trunkName(from) : n.trunk_group_id}". Move it to "${trunkName(trunk)}"?`,
        detail: 'Vobiz has no atomic move: the number is unassigned, then assigned, and calls are not routed in between.',
        confirm: 'Move',
      });
      if (!ok) return undefined;
    }
    if (!(await confirmAssign(ctx, n, trunk))) return undefined;
    return runSingle(ctx, session, `Moving ${n.e164} to ${trunkName(trunk)}…`, { number: n, to: trunk.trunk_id });
  }
  trunk ??= await pickTrunk(ctx, session, `Assign ${n.e164} to which trunk?`);
  if (!trunk || !(await confirmAssign(ctx, n, trunk))) return undefined;
  return runSingle(ctx, session, `Assigning ${n.e164} to ${trunkName(trunk)}…`, { number: n, to: trunk.trunk_id });
}

interface OneNumberAsk {
  /** The verb of the account question ("Assign" → "Assign a number of which account?"). */
  verb: string;
  /** The QuickPick title when no number was given. */
  pick: string;
  /** Which numbers the QuickPick offers, and what to say when there is none. */
  offer: (n: VobizNumber) => boolean;
  none: string;
}

/** The number a single-number command acts on: named by its argument, or asked for (account, then number). */
async function oneNumber(ctx: CommandContext, arg: unknown, ask: OneNumberAsk): Promise<{ session: AccountSession; n: VobizNumber; trunkId?: string } | undefined> {
  const target = numberTarget(arg);
  const session = await chooseAccount(ctx, `${ask.verb} a number of which account?`, target?.authId, target?.e164);
  if (!session) return undefined;
  const n = target ? await findNumber(session, target.e164) : await pickNumber(ctx, session, ask.pick, ask.offer, ask.none);
  return n ? { session, n, trunkId: target?.trunkId } : undefined;
}

/** `vobiz.assignNumber`: route a number (or every selected number) to a trunk; an already routed number is offered a move. */
export async function assignNumber(ctx: CommandContext, arg?: unknown, selection?: unknown): Promise<RoutingResult | BulkReport | undefined> {
  const many = selectedNumbers(arg, selection);
  if (many) return assignMany(ctx, many, undefined);
  const one = await oneNumber(ctx, arg, { verb: 'Assign', pick: 'Assign which number to a trunk?', offer: (x) => !x.trunk_group_id, none: 'Every number already routes to a trunk.' });
  if (!one) return undefined;
  const trunk = one.trunkId ? findTrunk(one.session, one.trunkId) : undefined;
  return assignOne(ctx, one.session, one.n, trunk);
}

/** `vobiz.unassignNumber`: stop routing a number (or every selected number) to its trunk, after a modal confirmation. */
export async function unassignNumber(ctx: CommandContext, arg?: unknown, selection?: unknown): Promise<RoutingResult | BulkReport | undefined> {
  const many = selectedNumbers(arg, selection);
  if (many) return unassignMany(ctx, many);
  const one = await oneNumber(ctx, arg, { verb: 'Unassign', pick: 'Unassign which number from its trunk?', offer: (x) => !!x.trunk_group_id, none: 'No number is assigned to a trunk.' });
  if (!one) return undefined;
  const { session, n } = one;
  if (!n.trunk_group_id) {
    void ctx.ui().info(`${n.e164} is not assigned to a trunk.`);
    return undefined;
  }
  const trunk = session.model.trunk(n.trunk_group_id);
  const name = trunk ? trunkName(trunk) : n.trunk_group_id;
  if (readSettings().confirmBeforeUnassign) {
    const ok = await ctx.ui().confirm({
      message: `Unassign ${n.e164} from trunk "${name}"?`,
      detail: 'Inbound calls to this number stop immediately. The number stays in your account and its billing continues.',
      confirm: 'Unassign',
    });
    if (!ok) return undefined;
  }
  return runSingle(ctx, session, `Unassigning ${n.e164} from ${name}…`, { number: n, to: undefined });
}

/** `vobiz.moveNumber`: route a number (or every selected number) to another trunk (unassign + assign, put back on failure). */
export async function moveNumber(ctx: CommandContext, arg?: unknown, selection?: unknown): Promise<RoutingResult | BulkReport | undefined> {
  const many = selectedNumbers(arg, selection);
  if (many) return assignMany(ctx, many, undefined);
  const one = await oneNumber(ctx, arg, {
    verb: 'Move',
    pick: 'Move which number to another trunk?',
    offer: (x) => !!x.trunk_group_id,
    none: 'No number is assigned to a trunk yet: use Assign to Trunk.',
  });
  if (!one) return undefined;
  const trunk = await chooseTrunk(ctx, one.session, one.trunkId, `Move ${one.n.e164} to which trunk?`, one.n.trunk_group_id);
  if (!trunk) return undefined;
  // Choosing "Move" was the confirmation of the move itself; the trunk's and app's warnings still apply.
  return assignOne(ctx, one.session, one.n, trunk, false);
}
