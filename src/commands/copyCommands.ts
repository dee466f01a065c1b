import * as vscode from 'vscode';
import { accountTarget, numberTarget, trunkTarget } from './args';
import type { CommandContext } from './context';
import { chooseAccount, findTrunk, pickNumber, pickTrunk } from './pickers';
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
  const session = await chooseAccount(ctx, 'Copy a number of which account?', accountTarget(arg));
  if (!session) return undefined;
  const n = await pickNumber(ctx, session, 'Copy which number?', () => true, 'There are no numbers in this account.');
  return n ? copy(ctx, n.e164, 'number') : undefined;
}

/** The trunk a copy command is about (and its account): a trunk item, a number item's trunk, or one picked. */
async function trunkOf(ctx: CommandContext, arg: unknown, title: string): Promise<{ trunkId: string; authId: string } | undefined> {
  const direct = trunkTarget(arg);
  const number = direct ? undefined : numberTarget(arg);
  const session = await chooseAccount(ctx, `${title.replace(/\?$/, '')}: which account?`, direct?.authId ?? number?.authId ?? accountTarget(arg), number?.e164);
  if (!session) return undefined;
  if (direct) return { trunkId: direct.trunkId, authId: session.authId };
  if (number) {
    const trunkId = session.model.number(number.e164)?.trunk_group_id;
    if (!trunkId) throw new UserError(`${number.e164} is not assigned to a trunk.`);
    return { trunkId, authId: session.authId };
  }
  const picked = await pickTrunk(ctx, session, title);
  return picked ? { trunkId: picked.trunk_id, authId: session.authId } : undefined;
}

/** `vobiz.copyTrunkId`: the trunk id (the value for `trunk_group_id`). */
export async function copyTrunkId(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunk = await trunkOf(ctx, arg, 'Copy the ID of which trunk?');
  return trunk ? copy(ctx, trunk.trunkId, 'trunk ID') : undefined;
}

/** `vobiz.copySipDomain`: the trunk's SIP domain (`<id>.sip.vobiz.ai`). */
export async function copySipDomain(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunk = await trunkOf(ctx, arg, 'Copy the SIP domain of which trunk?');
  if (!trunk) return undefined;
  const session = ctx.accounts.get(trunk.authId);
  const domain = session ? findTrunk(session, trunk.trunkId).trunk_domain : undefined;
  if (!domain) throw new UserError('Vobiz reports no SIP domain for this trunk.');
  return copy(ctx, String(domain), 'SIP domain');
}
