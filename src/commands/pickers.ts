import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { authIdProblem } from '../api';
import type { VobizNumber, VobizTrunk } from '../api';
import type { AccountSession } from '../session/accountSession';
import { trunkName } from '../model/accountModel';
import { directionWord, isTrunkActive, numberDescription } from '../model/routingRules';
import { CredentialHostError } from '../session/hostConsent';
import type { CommandContext } from './context';
import { shortQuote, UserError } from './userError';

/** What a command that needs an account says when none is signed in. */
function notSignedIn(): string {
  return l10n.t('Sign in to Vobiz first (Vobiz: Sign In).');
}

/** Makes sure the account is loaded before asking or acting; a failed load is an error for the user. */
export async function requireLoaded(session: AccountSession): Promise<void> {
  await session.whenUsable();
  const model = session.model;
  if (model.status === 'ready') return;
  // Declined credentials say it all, with their own action; other causes stay reachable (Sign In Again).
  if (model.error instanceof CredentialHostError) throw model.error;
  throw new Error(
    l10n.t("Couldn't load the numbers and trunks of {0}: {1}", session.authId, model.error?.message ?? l10n.t('unknown error')),
    { cause: model.error },
  );
}

interface AccountItem extends vscode.QuickPickItem {
  session: AccountSession;
}

/** Asks which signed-in account (no question when there is only one). */
export async function pickAccount(ctx: CommandContext, title: string): Promise<AccountSession | undefined> {
  const sessions = ctx.accounts.list();
  if (!sessions.length) throw new UserError(notSignedIn());
  if (sessions.length === 1) return sessions[0];
  const items: AccountItem[] = sessions.map((s) => ({
    label: `$(account) ${s.label}`,
    description: s.authId.startsWith('SA_') ? l10n.t('{0} · sub-account', s.authId) : s.authId,
    session: s,
  }));
  return (await ctx.ui().pick(items, { title, placeHolder: l10n.t('Choose a Vobiz account') }))?.session;
}

/**
 * The account a command acts in: the one named (a tree item or `{ authId }`), the only one, the one
 * that lists `e164` (its owner first), or one the user picks. Loaded before it is returned.
 */
export async function chooseAccount(
  ctx: CommandContext,
  title: string,
  authId?: string,
  e164?: string,
): Promise<AccountSession | undefined> {
  const accounts = ctx.accounts;
  if (!accounts.signedIn) throw new UserError(notSignedIn());
  let session: AccountSession | undefined;
  if (authId) {
    // An Auth ID from an argument is quoted below only once it is one.
    const problem = authIdProblem(authId);
    if (problem) throw new UserError(problem);
    session = accounts.get(authId);
    if (!session) throw new UserError(l10n.t('You are not signed in to the Vobiz account {0}.', authId));
  } else if (accounts.count === 1) {
    session = accounts.list()[0];
  } else if (e164) {
    await Promise.all(accounts.list().map((s) => s.whenUsable()));
    const listing = accounts.list().filter((s) => s.model.number(e164));
    session = listing.find((s) => s.model.number(e164)?.account_id === s.authId) ?? listing[0];
  }
  session ??= await pickAccount(ctx, title);
  if (session) await requireLoaded(session);
  return session;
}

interface NumberItem extends vscode.QuickPickItem {
  number: VobizNumber;
}

function numberItems(session: AccountSession, filter: (n: VobizNumber) => boolean): NumberItem[] {
  const model = session.model;
  return model
    .numbers()
    .filter(filter)
    .map((n) => ({
      label: `$(symbol-numeric) ${n.e164}`,
      description: numberDescription(n, model.trunk(n.trunk_group_id), session.authId),
      number: n,
    }));
}

/** Asks for a number with a searchable QuickPick of those that `filter` keeps. */
export async function pickNumber(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  filter: (n: VobizNumber) => boolean,
  empty: string,
): Promise<VobizNumber | undefined> {
  const items = numberItems(session, filter);
  if (!items.length) throw new UserError(empty);
  const picked = await ctx.ui().pick(items, { title, placeHolder: l10n.t('Type digits to search'), matchOnDescription: true });
  return picked?.number;
}

/** Asks for several numbers (checkboxes); undefined when dismissed or nothing was ticked. */
export async function pickNumbers(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  filter: (n: VobizNumber) => boolean,
  empty: string,
): Promise<VobizNumber[] | undefined> {
  const items = numberItems(session, filter);
  if (!items.length) throw new UserError(empty);
  const picked = await ctx.ui().pickMany(items, {
    title,
    placeHolder: l10n.t('Tick the numbers (type digits to search), then press Enter'),
    matchOnDescription: true,
  });
  return picked?.length ? picked.map((p) => p.number) : undefined;
}

interface TrunkItem extends vscode.QuickPickItem {
  trunk: VobizTrunk;
}

/** Asks for a trunk: name, direction, status and number count; inactive trunks are marked. */
export async function pickTrunk(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  exclude?: string,
): Promise<VobizTrunk | undefined> {
  const model = session.model;
  const items: TrunkItem[] = model
    .trunks()
    .filter((t) => t.trunk_id !== exclude)
    .map((t) => {
      const count = model.numbersOfTrunk(t.trunk_id).length;
      const active = isTrunkActive(t);
      return {
        label: `${active ? '$(server)' : '$(warning)'} ${trunkName(t)}`,
        description: [
          t.trunk_direction ? directionWord(t.trunk_direction) : undefined,
          active ? undefined : l10n.t('inactive'),
          count === 1 ? l10n.t('1 number') : l10n.t('{0} numbers', count),
        ]
          .filter(Boolean)
          .join(' · '),
        detail: t.trunk_domain ? String(t.trunk_domain) : undefined,
        trunk: t,
      };
    });
  if (!items.length) {
    throw new UserError(
      exclude ? l10n.t('There is no other trunk in this account.') : l10n.t('There are no trunks in this account.'),
    );
  }
  const picked = await ctx
    .ui()
    .pick(items, { title, placeHolder: l10n.t('Choose a trunk'), matchOnDescription: true, matchOnDetail: true });
  return picked?.trunk;
}

/** The number as the model knows it, or as the server reports it when the model does not list it. */
export async function findNumber(ctx: CommandContext, session: AccountSession, e164: string): Promise<VobizNumber> {
  const known = session.model.number(e164);
  if (known) return known;
  const fresh = await ctx.accounts.changes.read(session, e164);
  if (!fresh) throw new UserError(l10n.t('{0} is not a number of the Vobiz account {1}.', e164, session.authId));
  return fresh;
}

/** The trunk with this id, or a clear error. */
export function findTrunk(session: AccountSession, trunkId: string): VobizTrunk {
  const trunk = session.model.trunk(trunkId);
  if (!trunk) {
    throw new UserError(l10n.t('There is no trunk with ID {0} in the Vobiz account {1}.', shortQuote(trunkId), session.authId));
  }
  return trunk;
}
