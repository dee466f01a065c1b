import * as vscode from 'vscode';
import { authIdProblem, VobizApiError } from '../api';
import type { VobizAccount } from '../api';
import type { AccountSession } from '../session/accountSession';
import type { Credentials } from '../session/clientFactory';
import { VIEW_ID } from '../tree/routingTreeProvider';
import { accountTarget } from './args';
import type { CommandContext } from './context';
import { UserError } from './userError';

function isCredentials(arg: unknown): arg is Credentials {
  return typeof arg === 'object' && arg !== null && typeof (arg as Credentials).authId === 'string' && typeof (arg as Credentials).authToken === 'string';
}

/** `{ authId }` alone: signing in again to a known account, which asks for its new token only. */
function isAuthIdOnly(arg: unknown): arg is { authId: string } {
  return typeof arg === 'object' && arg !== null && typeof (arg as { authId?: unknown }).authId === 'string' && (arg as { authToken?: unknown }).authToken === undefined;
}

async function check(ctx: CommandContext, credentials: Credentials): Promise<VobizAccount> {
  const session = await ctx.ui().progress({ title: 'Checking your Vobiz credentials…' }, () => ctx.accounts.signIn(credentials));
  const account = session.model.account;
  if (!account) throw new Error('Vobiz did not describe the account.');
  return account;
}

function signedIn(ctx: CommandContext, account: VobizAccount): void {
  const others = ctx.accounts.count - 1;
  const also = others > 0 ? ` The view now shows ${ctx.accounts.count} accounts.` : '';
  void ctx.ui().info(`Signed in to Vobiz as ${account.name ?? account.auth_id} (${account.auth_id}).${also}`);
}

/**
 * `vobiz.signIn`: asks for the Auth ID and Auth Token, checks them with Vobiz, then keeps them in
 * SecretStorage. Another Auth ID adds an account; a known one gets its token replaced. A rejected
 * token is said and asked again; nothing is stored until Vobiz accepts. `{ authId, authToken }`
 * skips the prompts; `{ authId }` (Sign In Again on a rejected account) asks for the token only.
 */
export async function signIn(ctx: CommandContext, arg?: unknown): Promise<VobizAccount | undefined> {
  if (arg !== undefined && !isCredentials(arg) && !isAuthIdOnly(arg)) throw new UserError('Vobiz: Sign In takes { authId, authToken }, { authId } or no argument.');
  if (isCredentials(arg)) {
    const problem = authIdProblem(arg.authId);
    if (problem) throw new UserError(problem);
    const account = await check(ctx, arg);
    signedIn(ctx, account);
    return account;
  }
  const known = isAuthIdOnly(arg) && !authIdProblem(arg.authId) ? arg.authId : undefined;
  const authId = known ?? await ctx.ui().input({
    title: 'Sign in to Vobiz (1/2): Auth ID',
    prompt:
      'Your Auth ID, shown with your Auth Token in the Vobiz console (main account MA_…, sub-account SA_…).' +
      (ctx.accounts.signedIn ? ' Another Auth ID adds an account beside the ones signed in.' : ''),
    placeHolder: 'MA_XXXXXXXX',
    ignoreFocusOut: true,
    validateInput: (v) => authIdProblem(v),
  });
  if (authId === undefined) return undefined;
  let prompt = known
    ? `The current Auth Token of ${known}: Vobiz no longer accepts the one stored (was it changed in the console?). It is kept in VS Code's secret storage only.`
    : `The Auth Token of ${authId.trim()}. It is kept in VS Code's secret storage only.`;
  for (;;) {
    const authToken = await ctx.ui().input({
      title: known ? `Sign in to Vobiz again: Auth Token of ${known}` : 'Sign in to Vobiz (2/2): Auth Token',
      prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter your Auth Token.'),
    });
    if (authToken === undefined) return undefined;
    try {
      const account = await check(ctx, { authId, authToken });
      signedIn(ctx, account);
      return account;
    } catch (err) {
      if (!(err instanceof VobizApiError && err.isAuthError)) throw err;
      ctx.log.warn(`Sign-in as ${authId.trim()} was rejected: ${err.message}`);
      void ctx.ui().error(err.message);
      prompt = `Vobiz did not accept that token for ${authId.trim()} (HTTP ${err.status}). Check it and enter it again, or press Escape.`;
    }
  }
}

/**
 * `vobiz.addAccount` (the view's `…` menu): a new sign-in, always asking for the Auth ID and then
 * its token. It takes no argument: the row VS Code passes from the menu is not the account to add.
 */
export function addAccount(ctx: CommandContext): Promise<VobizAccount | undefined> {
  return signIn(ctx);
}

interface SignOutItem extends vscode.QuickPickItem {
  sessions: AccountSession[];
}

/** Which accounts to sign out of: the one named (an account item), the only one, or the user's choice. */
async function signOutWhich(ctx: CommandContext, arg: unknown): Promise<AccountSession[] | undefined> {
  const named = accountTarget(arg);
  if (named) {
    const session = ctx.accounts.get(named);
    if (!session) throw new UserError(`You are not signed in to the Vobiz account ${named}.`);
    return [session];
  }
  const sessions = ctx.accounts.list();
  if (sessions.length === 1) return sessions;
  const items: SignOutItem[] = [
    ...sessions.map((s) => ({ label: `$(account) ${s.label}`, description: s.authId, sessions: [s] })),
    { label: '$(sign-out) All accounts', description: `${sessions.length} accounts`, sessions },
  ];
  return (await ctx.ui().pick(items, { title: 'Sign out of which Vobiz account?', placeHolder: 'Its Auth Token is removed from VS Code\'s secret storage' }))?.sessions;
}

/**
 * `vobiz.signOut` (title bar, palette: asks which account when several are signed in) and
 * `vobiz.signOutAccount` (an account's context menu: that account): deletes its stored credentials.
 */
export async function signOut(ctx: CommandContext, arg?: unknown): Promise<void> {
  if (!ctx.accounts.signedIn) {
    void ctx.ui().info('You are not signed in to Vobiz.');
    return;
  }
  const which = await signOutWhich(ctx, arg);
  if (!which?.length) return;
  const ids = which.map((s) => s.authId);
  for (const authId of ids) {
    await ctx.accounts.signOut(authId);
    ctx.undo.forgetAccount(authId);
  }
  void ctx.ui().info(`Signed out of Vobiz (${ids.join(', ')}). The Auth Token${ids.length > 1 ? 's were' : ' was'} removed from VS Code's secret storage.`);
}

/**
 * `vobiz.refresh` (title bar: every account; an error item's Retry: `{ authId }`) and
 * `vobiz.refreshAccount` (an account's row): reloads numbers and trunks, with progress on the view.
 */
export async function refresh(ctx: CommandContext, arg?: unknown): Promise<void> {
  if (!ctx.accounts.signedIn) throw new UserError('Sign in to Vobiz first (Vobiz: Sign In).');
  const named = accountTarget(arg);
  const sessions = named ? [ctx.accounts.get(named)].filter((s): s is AccountSession => !!s) : ctx.accounts.list();
  await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => Promise.all(sessions.map((s) => s.load())));
}
