import * as vscode from 'vscode';
import { numberTarget, trunkTarget } from './args';
import type { CommandContext } from './context';
import { findTrunk, pickNumber, pickTrunk, requireLoaded } from './pickers';
import { UserError } from './userError';

async function copy(ctx: CommandContext, text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void ctx.ui().info(`Copied ${what}: ${text}`);
  return text;
}

/** `vobiz.copyNumber`: the E.164 of a number item (or one picked). */
export async function copyNumber(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const target = numberTarget(arg);
  if (target) return copy(ctx, target.e164, 'number');
  await requireLoaded(ctx);
  const n = await pickNumber(ctx, 'Copy which number?', () => true, 'There are no numbers in this account.');
  return n ? copy(ctx, n.e164, 'number') : undefined;
}

/** The trunk a copy command is about: a trunk item, a number item's trunk, or one picked. */
async function trunkOf(ctx: CommandContext, arg: unknown, title: string): Promise<string | undefined> {
  const direct = trunkTarget(arg);
  if (direct) return direct;
  const number = numberTarget(arg);
  await requireLoaded(ctx);
  if (number) {
    const trunkId = ctx.session.model.number(number.e164)?.trunk_group_id;
    if (!trunkId) throw new UserError(`${number.e164} is not assigned to a trunk.`);
    return trunkId;
  }
  return (await pickTrunk(ctx, title))?.trunk_id;
}

/** `vobiz.copyTrunkId`: the trunk id (the value for `trunk_group_id`). */
export async function copyTrunkId(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunkId = await trunkOf(ctx, arg, 'Copy the ID of which trunk?');
  return trunkId ? copy(ctx, trunkId, 'trunk ID') : undefined;
}

/** `vobiz.copySipDomain`: the trunk's SIP domain (`<id>.sip.vobiz.ai`). */
export async function copySipDomain(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunkId = await trunkOf(ctx, arg, 'Copy the SIP domain of which trunk?');
  if (!trunkId) return undefined;
  await requireLoaded(ctx);
  const domain = findTrunk(ctx, trunkId).trunk_domain;
  if (!domain) throw new UserError('Vobiz reports no SIP domain for this trunk.');
  return copy(ctx, String(domain), 'SIP domain');
}
