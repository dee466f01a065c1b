import * as vscode from 'vscode';
import type { VobizNumber, VobizTrunk } from '../api';
import { trunkName } from '../model/accountModel';
import type { RoutingResult } from '../model/routing';
import { isTrunkActive } from '../model/presentation';
import { readSettings } from '../settings';
import { numberTarget } from './args';
import type { CommandContext } from './context';
import { findNumber, findTrunk, pickNumber, pickTrunk, requireLoaded } from './pickers';

/** Runs a change under a progress notification, then says what happened. */
async function change(ctx: CommandContext, title: string, job: () => Promise<RoutingResult>): Promise<RoutingResult> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, job);
  ctx.log.info(result.message);
  void ctx.ui().info(result.message);
  return result;
}

/** The confirmations assigning to `trunk` needs: an inactive trunk, an app-routed number. False when declined. */
async function confirmAssign(ctx: CommandContext, n: VobizNumber, trunk: VobizTrunk): Promise<boolean> {
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

async function chooseTrunk(ctx: CommandContext, requested: string | undefined, title: string, exclude?: string): Promise<VobizTrunk | undefined> {
  return requested ? findTrunk(ctx, requested) : pickTrunk(ctx, title, exclude);
}

/** `vobiz.assignNumber`: route a number to a trunk (an already routed number is offered a move). */
export async function assignNumber(ctx: CommandContext, arg?: unknown): Promise<RoutingResult | undefined> {
  const target = numberTarget(arg);
  await requireLoaded(ctx);
  const n = target
    ? await findNumber(ctx, target.e164)
    : await pickNumber(ctx, 'Assign which number to a trunk?', (x) => !x.trunk_group_id, 'Every number already routes to a trunk.');
  if (!n) return undefined;
  if (n.trunk_group_id) {
    const from = ctx.session.model.trunk(n.trunk_group_id);
    const trunk = await chooseTrunk(ctx, target?.trunkId, `Move ${n.e164} to which trunk?`, n.trunk_group_id);
    if (!trunk) return undefined;
    if (trunk.trunk_id === n.trunk_group_id) {
      void ctx.ui().info(`${n.e164} already routes to trunk "${trunkName(trunk)}".`);
      return undefined;
    }
    const ok = await ctx.ui().confirm({
      message: `${n.e164} already routes to trunk "${from ? trunkName(from) : n.trunk_group_id}". Move it to "${trunkName(trunk)}"?`,
      detail: 'Vobiz has no atomic move: the number is unassigned, then assigned, and calls are not routed in between.',
      confirm: 'Move',
    });
    if (!ok || !(await confirmAssign(ctx, n, trunk))) return undefined;
    return change(ctx, `Moving ${n.e164} to ${trunkName(trunk)}…`, () => ctx.session.routing.move(n.e164, trunk.trunk_id));
  }
  const trunk = await chooseTrunk(ctx, target?.trunkId, `Assign ${n.e164} to which trunk?`);
  if (!trunk || !(await confirmAssign(ctx, n, trunk))) return undefined;
  return change(ctx, `Assigning ${n.e164} to ${trunkName(trunk)}…`, () => ctx.session.routing.assign(n.e164, trunk.trunk_id));
}

/** `vobiz.unassignNumber`: stop routing a number to its trunk, after a modal confirmation. */
export async function unassignNumber(ctx: CommandContext, arg?: unknown): Promise<RoutingResult | undefined> {
  const target = numberTarget(arg);
  await requireLoaded(ctx);
  const n = target
    ? await findNumber(ctx, target.e164)
    : await pickNumber(ctx, 'Unassign which number from its trunk?', (x) => !!x.trunk_group_id, 'No number is assigned to a trunk.');
  if (!n) return undefined;
  if (!n.trunk_group_id) {
    void ctx.ui().info(`${n.e164} is not assigned to a trunk.`);
    return undefined;
  }
  const trunk = ctx.session.model.trunk(n.trunk_group_id);
  const name = trunk ? trunkName(trunk) : n.trunk_group_id;
  if (readSettings().confirmBeforeUnassign) {
    const ok = await ctx.ui().confirm({
      message: `Unassign ${n.e164} from trunk "${name}"?`,
      detail: 'Inbound calls to this number stop immediately. The number stays in your account and its billing continues.',
      confirm: 'Unassign',
    });
    if (!ok) return undefined;
  }
  return change(ctx, `Unassigning ${n.e164} from ${name}…`, () => ctx.session.routing.unassign(n.e164));
}

/** `vobiz.moveNumber`: route a number to another trunk (unassign + assign, put back on failure). */
export async function moveNumber(ctx: CommandContext, arg?: unknown): Promise<RoutingResult | undefined> {
  const target = numberTarget(arg);
  await requireLoaded(ctx);
  const n = target
    ? await findNumber(ctx, target.e164)
    : await pickNumber(ctx, 'Move which number to another trunk?', (x) => !!x.trunk_group_id, 'No number is assigned to a trunk yet: use Assign to Trunk.');
  if (!n) return undefined;
  const trunk = await chooseTrunk(ctx, target?.trunkId, `Move ${n.e164} to which trunk?`, n.trunk_group_id);
  if (!trunk) return undefined;
  if (trunk.trunk_id === n.trunk_group_id) {
    void ctx.ui().info(`${n.e164} already routes to trunk "${trunkName(trunk)}".`);
    return undefined;
  }
  if (!(await confirmAssign(ctx, n, trunk))) return undefined;
  return change(ctx, `Moving ${n.e164} to ${trunkName(trunk)}…`, () => ctx.session.routing.move(n.e164, trunk.trunk_id));
}
