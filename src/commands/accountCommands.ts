import * as vscode from 'vscode';
import { authIdProblem, VobizApiError } from '../api';
import type { VobizAccount } from '../api';
import type { Credentials } from '../clientFactory';
import { VIEW_ID } from '../tree/routingTreeProvider';
import type { CommandContext } from './context';
import { UserError } from './userError';

function isCredentials(arg: unknown): arg is Credentials {
  return typeof arg === 'object' && arg !== null && typeof (arg as Credentials).authId === 'string' && typeof (arg as Credentials).authToken === 'string';
}

async function check(ctx: CommandContext, credentials: Credentials): Promise<VobizAccount> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking your Vobiz credentials…' }, () =>
    ctx.session.signIn(credentials),
  );
}

function signedIn(ctx: CommandContext, account: VobizAccount): void {
  void ctx.ui().info(`Signed in to Vobiz as ${account.name ?? account.auth_id} (${account.auth_id}).`);
}

/**
 * `vobiz.signIn`: asks for the Auth ID and Auth Token, checks them with Vobiz, then keeps them in
 * SecretStorage. A rejected token is said and asked again; nothing is stored until Vobiz accepts.
 * `{ authId, authToken }` skips the prompts.
 */
export async function signIn(ctx: CommandContext, arg?: unknown): Promise<VobizAccount | undefined> {
  if (arg !== undefined && !isCredentials(arg)) throw new UserError('Vobiz: Sign In takes { authId, authToken } or no argument.');
  if (isCredentials(arg)) {
    const problem = authIdProblem(arg.authId);
    if (problem) throw new UserError(problem);
    const account = await check(ctx, arg);
    signedIn(ctx, account);
    return account;
  }
  const authId = await ctx.ui().input({
    title: 'Sign in to Vobiz (1/2): Auth ID',
    prompt: 'Your Auth ID, shown with your Auth Token in the Vobiz console (main account MA_…, sub-account SA_…).',
    placeHolder: 'MA_XXXXXXXX',
    value: ctx.session.authId,
    ignoreFocusOut: true,
    validateInput: (v) => authIdProblem(v),
  });
  if (authId === undefined) return undefined;
  let prompt = `The Auth Token of ${authId.trim()}. It is kept in VS Code's secret storage only.`;
  for (;;) {
    const authToken = await ctx.ui().input({
      title: 'Sign in to Vobiz (2/2): Auth Token',
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

/** `vobiz.signOut`: deletes the stored credentials. */
export async function signOut(ctx: CommandContext): Promise<void> {
  if (!ctx.session.signedIn) {
    void ctx.ui().info('You are not signed in to Vobiz.');
    return;
  }
  const authId = ctx.session.authId;
  await ctx.session.signOut();
  void ctx.ui().info(`Signed out of Vobiz (${authId}). The Auth Token was removed from VS Code's secret storage.`);
}

/** `vobiz.refresh`: reloads numbers and trunks, with progress on the view. */
export async function refresh(ctx: CommandContext): Promise<void> {
  if (!ctx.session.signedIn) throw new UserError('Sign in to Vobiz first (Vobiz: Sign In).');
  await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => ctx.session.load());
}
