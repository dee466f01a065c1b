import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { apiHostOf, authIdProblem, VobizApiError } from '../api';
import type { VobizAccount } from '../api';
import type { AccountSession } from '../session/accountSession';
import type { ClientTarget, Credentials } from '../session/clientFactory';
import { DEFAULT_BASE_URL } from '../platform/settings';
import { VIEW_ID } from '../tree/routingTreeProvider';
import { accountTarget } from './args';
import type { CommandContext } from './context';
import { UserError } from './userError';

/** The host of the API Vobiz runs (`vobiz.apiBaseUrl`'s default). */
const DEFAULT_API_HOST = apiHostOf(DEFAULT_BASE_URL);

function isCredentials(arg: unknown): arg is Credentials {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as Credentials).authId === 'string' &&
    typeof (arg as Credentials).authToken === 'string'
  );
}

/** `{ authId }` alone: signing in again to a known account, which asks for its new token only. */
function isAuthIdOnly(arg: unknown): arg is { authId: string } {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as { authId?: unknown }).authId === 'string' &&
    (arg as { authToken?: unknown }).authToken === undefined
  );
}

async function check(ctx: CommandContext, credentials: Credentials, target: ClientTarget): Promise<VobizAccount> {
  const session = await ctx
    .ui()
    .progress({ title: l10n.t('Checking your Vobiz credentials…') }, () => ctx.accounts.signIn(credentials, target));
  const account = session.model.account;
  if (!account) throw new Error(l10n.t('Vobiz did not describe the account.'));
  return account;
}

/** Who a sign-in signed in, as the command returns it: the Auth ID and the account's name, nothing else Vobiz said. */
export interface SignedIn {
  readonly authId: string;
  readonly name: string | undefined;
}

/** Says who is signed in now, and returns it (as the command's result). */
function signedIn(ctx: CommandContext, account: VobizAccount): SignedIn {
  const others = ctx.accounts.count - 1;
  const said = l10n.t('Signed in to Vobiz as {0} ({1}).', account.name ?? account.auth_id, account.auth_id);
  // Two or more accounts: the view shows them all.
  void ctx.ui().info(others > 0 ? `${said} ${l10n.t('The view now shows {0} accounts.', ctx.accounts.count)}` : said);
  return { authId: account.auth_id, name: typeof account.name === 'string' ? account.name : undefined };
}

/** The Auth ID to sign in with: the one given (`{ authId }`), or asked for; undefined when the user pressed Escape. */
function askAuthId(ctx: CommandContext, known: string | undefined): Thenable<string | undefined> {
  if (known) return Promise.resolve(known);
  return ctx.ui().input({
    title: l10n.t('Sign in to Vobiz (1/2): Auth ID'),
    prompt: [
      l10n.t('Your Auth ID, shown with your Auth Token in the Vobiz console (main account MA_…, sub-account SA_…).'),
      ...(ctx.accounts.signedIn ? [l10n.t('Another Auth ID adds an account beside the ones signed in.')] : []),
    ].join(' '),
    placeHolder: 'MA_XXXXXXXX',
    ignoreFocusOut: true,
    validateInput: (v) => authIdProblem(v),
  });
}

/**
 * The token prompt's words: why a token is asked (Vobiz no longer accepts the stored one, only when
 * that is so), where it is kept, and, when the API is not Vobiz's own, where it is sent.
 */
function tokenPrompt(ctx: CommandContext, authId: string, baseUrl: string): string {
  const rejected = ctx.accounts.get(authId)?.rejected === true;
  const why = rejected
    ? l10n.t(
        "The current Auth Token of {0}: Vobiz no longer accepts the one stored (was it changed in the console?). It is kept in VS Code's secret storage only.",
        authId,
      )
    : l10n.t("The Auth Token of {0}. It is kept in VS Code's secret storage only.", authId);
  const host = apiHostOf(baseUrl);
  return host === DEFAULT_API_HOST || !host
    ? why
    : `${why} ${l10n.t('It is sent to {0} (the "{1}" setting) to check it.', host, 'vobiz.apiBaseUrl')}`;
}

/** Asks for the token until Vobiz accepts it (a rejection is said and asked again); undefined when the user pressed Escape. */
async function signInWithTypedToken(
  ctx: CommandContext,
  authId: string,
  known: boolean,
  target: ClientTarget,
): Promise<SignedIn | undefined> {
  let prompt = tokenPrompt(ctx, authId, target.baseUrl);
  for (;;) {
    const authToken = await ctx.ui().input({
      title: known ? l10n.t('Sign in to Vobiz again: Auth Token of {0}', authId) : l10n.t('Sign in to Vobiz (2/2): Auth Token'),
      prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : l10n.t('Enter your Auth Token.')),
    });
    if (authToken === undefined) return undefined;
    try {
      return signedIn(ctx, await check(ctx, { authId, authToken }, target));
    } catch (err) {
      if (!(err instanceof VobizApiError && err.isAuthError)) throw err;
      ctx.log.warn(l10n.t('Sign-in as {0} was rejected: {1}', authId, err.message));
      void ctx.ui().error(err.message);
      prompt = l10n.t(
        'Vobiz did not accept that token for {0} (HTTP {1}). Check it and enter it again, or press Escape.',
        authId,
        String(err.status),
      );
    }
  }
}

/**
 * `vobiz.signIn`: asks for the Auth ID and Auth Token, checks them with Vobiz, then keeps them in
 * SecretStorage. Another Auth ID adds an account; a known one gets its token replaced. A rejected
 * token is said and asked again; nothing is stored until Vobiz accepts. `{ authId, authToken }`
 * skips the prompts; `{ authId }` (Sign In Again on a rejected account) asks for the token only.
 * The token goes to the API the settings name when the sign-in starts: for an account bound to
 * another host, the user is asked first (before a token is typed), and a setting that changes
 * while the token is typed sends nothing.
 */
export async function signIn(ctx: CommandContext, arg?: unknown): Promise<SignedIn | undefined> {
  if (arg !== undefined && !isCredentials(arg) && !isAuthIdOnly(arg)) {
    throw new UserError(l10n.t('Vobiz: Sign In takes {0}, {1} or no argument.', '{ authId, authToken }', '{ authId }'));
  }
  if (isCredentials(arg)) {
    const problem = authIdProblem(arg.authId);
    if (problem) throw new UserError(problem);
    return signedIn(ctx, await check(ctx, arg, await ctx.accounts.approvedTarget(arg.authId)));
  }
  const known = isAuthIdOnly(arg) && !authIdProblem(arg.authId) ? arg.authId.trim() : undefined;
  const authId = (await askAuthId(ctx, known))?.trim();
  if (authId === undefined) return undefined;
  return signInWithTypedToken(ctx, authId, known !== undefined, await ctx.accounts.approvedTarget(authId));
}

/**
 * `vobiz.addAccount` (the view's `…` menu): a new sign-in, always asking for the Auth ID and then
 * its token. It takes no argument: the row VS Code passes from the menu is not the account to add.
 */
export function addAccount(ctx: CommandContext): Promise<SignedIn | undefined> {
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
    if (!session) throw new UserError(l10n.t('You are not signed in to the Vobiz account {0}.', named));
    return [session];
  }
  const sessions = ctx.accounts.list();
  if (sessions.length === 1) return sessions;
  const items: SignOutItem[] = [
    ...sessions.map((s) => ({ label: `$(account) ${s.label}`, description: s.authId, sessions: [s] })),
    { label: l10n.t('$(sign-out) All accounts'), description: l10n.t('{0} accounts', sessions.length), sessions },
  ];
  return (
    await ctx.ui().pick(items, {
      title: l10n.t('Sign out of which Vobiz account?'),
      placeHolder: l10n.t("Its Auth Token is removed from VS Code's secret storage"),
    })
  )?.sessions;
}

/** The confirmation of a sign-out asked for by name (the palette, a menu, a keybinding, another extension). */
function confirmSignOut(ctx: CommandContext, ids: readonly string[]): Thenable<boolean> {
  return ctx.ui().confirm({
    message:
      ids.length > 1
        ? l10n.t('Sign out of the Vobiz accounts {0}?', ids.join(', '))
        : l10n.t('Sign out of the Vobiz account {0}?', ids[0]),
    detail: l10n.t("The Auth Token is removed from VS Code's secret storage: signing in again needs it."),
    confirm: l10n.t('Sign Out'),
  });
}

/**
 * `vobiz.signOut` (title bar, palette: asks which account when several are signed in) and
 * `vobiz.signOutAccount` (an account's context menu: that account): deletes its stored credentials,
 * after a confirmation unless it came from the account's own row (a command can come from anywhere).
 */
export async function signOut(ctx: CommandContext, arg?: unknown): Promise<void> {
  if (!ctx.accounts.signedIn) {
    void ctx.ui().info(l10n.t('You are not signed in to Vobiz.'));
    return;
  }
  const which = await signOutWhich(ctx, arg);
  if (!which?.length) return;
  const ids = which.map((s) => s.authId);
  // An account's own row (its context menu) is the user's choice; from anywhere else it asks.
  if (!ctx.tree.isOwnNode(arg) && !(await confirmSignOut(ctx, ids))) return;
  for (const authId of ids) await ctx.accounts.signOut(authId);
  void ctx
    .ui()
    .info(
      ids.length > 1
        ? l10n.t("Signed out of Vobiz ({0}). The Auth Tokens were removed from VS Code's secret storage.", ids.join(', '))
        : l10n.t("Signed out of Vobiz ({0}). The Auth Token was removed from VS Code's secret storage.", ids.join(', ')),
    );
}

/**
 * `vobiz.refresh` (title bar: every account; an error item's Retry: `{ authId }`) and
 * `vobiz.refreshAccount` (an account's row): reloads numbers and trunks, with progress on the view.
 */
export async function refresh(ctx: CommandContext, arg?: unknown): Promise<void> {
  if (!ctx.accounts.signedIn) throw new UserError(l10n.t('Sign in to Vobiz first (Vobiz: Sign In).'));
  const named = accountTarget(arg);
  const sessions = named ? [ctx.accounts.get(named)].filter((s): s is AccountSession => !!s) : ctx.accounts.list();
  await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => Promise.all(sessions.map((s) => s.load())));
}
