/**
 * `vobiz.checkConnection`: a short, read-only probe of the Vobiz API (src/session/connectionCheck.ts)
 * whose report opens in a Markdown editor, with Copy Report for a support ticket. It works signed
 * out, and when signing in fails: it then checks with credentials typed in, used for the check only.
 */
import * as vscode from 'vscode';
import { authIdProblem, isRecord } from '../api';
import { workspaceSettings } from '../platform/settings';
import type { AccountSession } from '../session/accountSession';
import { clientFactory } from '../session/clientFactory';
import type { Credentials } from '../session/clientFactory';
import { checkConnection, enteredCredentials } from '../session/connectionCheck';
import type { CheckTarget } from '../session/connectionCheck';
import { connectionReportMarkdown } from '../session/connectionReport';
import type { ConnectionReport } from '../session/connectionReport';
import { accountTarget } from './args';
import type { CommandContext } from './context';
import { notify } from './notifications';
import { pickAccount } from './pickers';
import { UserError } from './userError';

const TITLE = 'Vobiz: Check Connection';
const EXTENSION_ID = 'vobiz-routing.vobiz-routing';

/** What the command returns (for keybindings, other extensions and tests): the report and its Markdown. */
export interface ConnectionCheckResult {
  readonly report: ConnectionReport;
  readonly markdown: string;
  /** The untitled Markdown document the report opened in. */
  readonly document: vscode.Uri;
}

function extensionVersion(): string {
  const version = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' ? version : 'unknown';
}

/** `{ authId, authToken }`, `{ authId }` or nothing; anything else is refused. */
function checkArgument(arg: unknown): { authId?: string; authToken?: string } {
  if (arg === undefined) return {};
  const authId = accountTarget(arg);
  const authToken = isRecord(arg) && typeof arg.authToken === 'string' && arg.authToken.trim() ? arg.authToken : undefined;
  if (!authId) throw new UserError(`${TITLE} takes { authId, authToken }, { authId } or no argument.`);
  const problem = authIdProblem(authId);
  if (problem) throw new UserError(problem);
  return { authId, authToken };
}

/** Asks for the credentials to check with (the Auth ID only when not known); undefined when the user pressed Escape. */
async function askCredentials(ctx: CommandContext, known: string | undefined, rejected: boolean): Promise<Credentials | undefined> {
  const prompt = 'The Auth ID to check with (main account MA_…, sub-account SA_…). Nothing is stored: this only checks the connection.';
  const authId = known ?? (await ctx.ui().input({ title: `${TITLE} (1/2): Auth ID`, prompt, placeHolder: 'MA_XXXXXXXX', ignoreFocusOut: true, validateInput: (v) => authIdProblem(v) }));
  if (authId === undefined) return undefined;
  const id = authId.trim();
  const why = rejected ? `Vobiz rejected the stored token of ${id}: enter its current Auth Token` : `The Auth Token of ${id}`;
  const authToken = await ctx.ui().input({
    title: `${TITLE}${known ? '' : ' (2/2)'}: Auth Token of ${id}`,
    prompt: `${why} to check with. It is used for this check only: never stored, logged or shown.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the Auth Token.'),
  });
  return authToken === undefined ? undefined : { authId: id, authToken };
}

/**
 * The credentials to check: the ones given; a signed-in account's stored ones (asked which when
 * several); or, signed out or for an account whose token Vobiz rejected, ones typed in.
 */
async function checkTarget(ctx: CommandContext, arg: unknown): Promise<CheckTarget | undefined> {
  const given = checkArgument(arg);
  const createClient = clientFactory(workspaceSettings, ctx.log);
  if (given.authId && given.authToken) return enteredCredentials({ authId: given.authId, authToken: given.authToken }, createClient);
  let session: AccountSession | undefined;
  if (given.authId) session = ctx.accounts.get(given.authId);
  else if (ctx.accounts.signedIn) {
    session = await pickAccount(ctx, 'Check the connection of which Vobiz account?');
    if (!session) return undefined;
  }
  if (session && !session.rejected) {
    const stored = session;
    return { authId: stored.authId, source: 'stored', open: () => stored.checkClient() };
  }
  const entered = await askCredentials(ctx, given.authId ?? session?.authId, session !== undefined);
  return entered && enteredCredentials(entered, createClient);
}

/** `vobiz.checkConnection`: probes the API, opens the report in an editor, offers Copy Report. */
export async function checkConnectionCommand(ctx: CommandContext, arg?: unknown): Promise<ConnectionCheckResult | undefined> {
  const target = await checkTarget(ctx, arg);
  if (!target) return undefined;
  const deps = { settings: workspaceSettings, log: ctx.log, versions: { extension: extensionVersion(), vscode: vscode.version } };
  const report = await ctx.ui().progress({ title: 'Checking the connection to Vobiz…' }, () => checkConnection(target, deps));
  const markdown = connectionReportMarkdown(report);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
  const first = report.failures[0];
  const said = first
    ? `Vobiz connection check: failed at ${first.title}. What to do: ${first.actions.join(', then ') || 'see the report'}.`
    : 'Vobiz connection check: every step passed.';
  const copy = { label: 'Copy Report', run: () => vscode.env.clipboard.writeText(markdown) };
  void notify(ctx, first ? 'warn' : 'info', `${said} The report is open in an editor; copy it for a support ticket.`, [copy]);
  return { report, markdown, document: document.uri };
}
