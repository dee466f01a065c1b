import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { accountTarget, numberTarget, trunkTarget } from './args';
import type { CommandContext } from './context';
import { chooseAccount, findTrunk, pickNumber, pickTrunk } from './pickers';
import { UserError } from './userError';

/** Puts `text` on the clipboard and says so with `said` (the confirmation, naming the text). */
async function copy(ctx: CommandContext, text: string, said: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void ctx.ui().info(said);
  return text;
}

function copyE164(ctx: CommandContext, e164: string): Promise<string> {
  return copy(ctx, e164, l10n.t('Copied number: {0}', e164));
}

/** `vobiz.copyNumber`: the E.164 of a number item (or one picked). */
export async function copyNumber(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const target = numberTarget(arg);
  if (target) return copyE164(ctx, target.e164);
  const session = await chooseAccount(ctx, l10n.t('Copy a number of which account?'), accountTarget(arg));
  if (!session) return undefined;
  const n = await pickNumber(
    ctx,
    session,
    l10n.t('Copy which number?'),
    () => true,
    l10n.t('There are no numbers in this account.'),
  );
  return n ? copyE164(ctx, n.e164) : undefined;
}

/** The questions of a trunk copy command: which account, then which trunk. */
interface TrunkQuestions {
  account: string;
  trunk: string;
}

/** The trunk a copy command is about (and its account): a trunk item, a number item's trunk, or one picked. */
async function trunkOf(
  ctx: CommandContext,
  arg: unknown,
  ask: TrunkQuestions,
): Promise<{ trunkId: string; authId: string } | undefined> {
  const direct = trunkTarget(arg);
  const number = direct ? undefined : numberTarget(arg);
  const session = await chooseAccount(ctx, ask.account, direct?.authId ?? number?.authId ?? accountTarget(arg), number?.e164);
  if (!session) return undefined;
  // A trunk named in the argument is one of the account's (its ID, not the caller's text, is copied and said).
  if (direct) return { trunkId: findTrunk(session, direct.trunkId).trunk_id, authId: session.authId };
  if (number) {
    const trunkId = session.model.number(number.e164)?.trunk_group_id;
    if (!trunkId) throw new UserError(l10n.t('{0} is not assigned to a trunk.', number.e164));
    return { trunkId, authId: session.authId };
  }
  const picked = await pickTrunk(ctx, session, ask.trunk);
  return picked ? { trunkId: picked.trunk_id, authId: session.authId } : undefined;
}

/** `vobiz.copyTrunkId`: the trunk id (the value for `trunk_group_id`). */
export async function copyTrunkId(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunk = await trunkOf(ctx, arg, {
    account: l10n.t('Copy the ID of which trunk: which account?'),
    trunk: l10n.t('Copy the ID of which trunk?'),
  });
  return trunk ? copy(ctx, trunk.trunkId, l10n.t('Copied trunk ID: {0}', trunk.trunkId)) : undefined;
}

/** `vobiz.copySipDomain`: the trunk's SIP domain (`<id>.sip.vobiz.ai`). */
export async function copySipDomain(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const trunk = await trunkOf(ctx, arg, {
    account: l10n.t('Copy the SIP domain of which trunk: which account?'),
    trunk: l10n.t('Copy the SIP domain of which trunk?'),
  });
  if (!trunk) return undefined;
  const session = ctx.accounts.get(trunk.authId);
  const domain = session ? findTrunk(session, trunk.trunkId).trunk_domain : undefined;
  if (!domain) throw new UserError(l10n.t('Vobiz reports no SIP domain for this trunk.'));
  return copy(ctx, String(domain), l10n.t('Copied SIP domain: {0}', String(domain)));
}
