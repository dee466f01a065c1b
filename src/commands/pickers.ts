import type * as vscode from 'vscode';
import type { VobizNumber, VobizTrunk } from '../api';
import { trunkName } from '../model/accountModel';
import { isTrunkActive, numberDescription } from '../model/presentation';
import type { CommandContext } from './context';
import { UserError } from './userError';

/** Makes sure the account is loaded before asking or acting; a failed load is an error for the user. */
export async function requireLoaded(ctx: CommandContext): Promise<void> {
  if (!ctx.session.signedIn) throw new UserError('Sign in to Vobiz first (Vobiz: Sign In).');
  await ctx.session.whenLoaded();
  const model = ctx.session.model;
  if (model.status !== 'ready') throw new Error(`Couldn't load numbers and trunks: ${model.error?.message ?? 'unknown error'}`);
}

interface NumberItem extends vscode.QuickPickItem {
  number: VobizNumber;
}

/** Asks for a number with a searchable QuickPick of those that `filter` keeps. */
export async function pickNumber(ctx: CommandContext, title: string, filter: (n: VobizNumber) => boolean, empty: string): Promise<VobizNumber | undefined> {
  const model = ctx.session.model;
  const items: NumberItem[] = model
    .numbers()
    .filter(filter)
    .map((n) => ({ label: n.e164, description: numberDescription(n, model.trunk(n.trunk_group_id)), number: n }));
  if (!items.length) throw new UserError(empty);
  const picked = await ctx.ui().pick(items, { title, placeHolder: 'Type digits to search', matchOnDescription: true });
  return picked?.number;
}

interface TrunkItem extends vscode.QuickPickItem {
  trunk: VobizTrunk;
}

/** Asks for a trunk: name, direction, status and number count; inactive trunks are marked. */
export async function pickTrunk(ctx: CommandContext, title: string, exclude?: string): Promise<VobizTrunk | undefined> {
  const model = ctx.session.model;
  const items: TrunkItem[] = model
    .trunks()
    .filter((t) => t.trunk_id !== exclude)
    .map((t) => {
      const count = model.numbersOfTrunk(t.trunk_id).length;
      const active = isTrunkActive(t);
      return {
        label: `${active ? '$(server)' : '$(warning)'} ${trunkName(t)}`,
        description: [t.trunk_direction, active ? undefined : 'inactive', `${count} number${count === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
        detail: t.trunk_domain ? String(t.trunk_domain) : undefined,
        trunk: t,
      };
    });
  if (!items.length) throw new UserError(exclude ? 'There is no other trunk in this account.' : 'There are no trunks in this account.');
  const picked = await ctx.ui().pick(items, { title, placeHolder: 'Choose a trunk', matchOnDescription: true, matchOnDetail: true });
  return picked?.trunk;
}

/** The number as the model knows it, or as the server reports it when the model does not list it. */
export async function findNumber(ctx: CommandContext, e164: string): Promise<VobizNumber> {
  const known = ctx.session.model.number(e164);
  if (known) return known;
  const fresh = await ctx.session.routing.refreshNumber(e164);
  if (!fresh) throw new UserError(`${e164} is not a number of this Vobiz account.`);
  return fresh;
}

/** The trunk with this id, or a clear error. */
export function findTrunk(ctx: CommandContext, trunkId: string): VobizTrunk {
  const trunk = ctx.session.model.trunk(trunkId);
  if (!trunk) throw new UserError(`There is no trunk with ID ${trunkId} in this account.`);
  return trunk;
}
