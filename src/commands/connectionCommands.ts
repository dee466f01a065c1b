/**
 * `vobiz.checkConnection`: a short, read-only probe of the Vobiz API (src/session/connectionCheck.ts)
 * whose report opens in a Markdown editor, with Copy Report for a support ticket. It works signed
 * out, and when signing in fails: it then checks with credentials typed in, used for the check only.
 */
import * as l10n from '@vscode/l10n';
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
  return typeof version === 'string' ? version : l10n.t('unknown');
}

/** `{ authId, authToken }`, `{ authId }` or nothing; anything else is refused. */
function checkArgument(arg: unknown): { authId?: string; authToken?: string } {
  if (arg === undefined) return {};
  const authId = accountTarget(arg);
  const authToken = isRecord(arg) && typeof arg.authToken === 'string' && arg.authToken.trim() ? arg.authToken : undefined;
  if (!authId) {
    throw new UserError(l10n.t('Vobiz: Check Connection takes {0}, {1} or no argument.', '{ authId, authToken }', '{ authId }'));
  }
  const problem = authIdProblem(authId);
  if (problem) throw new UserError(problem);
  return { authId, authToken };
}

/** Asks for the credentials to check with (the Auth ID only when not known); undefined when the user pressed Escape. */
async function askCredentials(
  ctx: CommandContext,
  known: string | undefined,
  rejected: boolean,
): Promise<Credentials | undefined> {
  const prompt = l10n.t(
    'The Auth ID to check with (main account MA_…, sub-account SA_…). Nothing is stored: this only checks the connection.',
  );
  const title = l10n.t('Vobiz: Check Connection (1/2): Auth ID');
  const authId =
    known ??
    (await ctx
      .ui()
      .input({ title, prompt, placeHolder: 'MA_XXXXXXXX', ignoreFocusOut: true, validateInput: (v) => authIdProblem(v) }));
  if (authId === undefined) return undefined;
  const id = authId.trim();
  const authToken = await ctx.ui().input({
    title: known
      ? l10n.t('Vobiz: Check Connection: Auth Token of {0}', id)
      : l10n.t('Vobiz: Check Connection (2/2): Auth Token of {0}', id),
    prompt: rejected
      ? l10n.t(
          'Vobiz rejected the stored token of {0}: enter its current Auth Token to check with. It is used for this check only: never stored, logged or shown.',
          id,
        )
      : l10n.t('The Auth Token of {0} to check with. It is used for this check only: never stored, logged or shown.', id),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : l10n.t('Enter the Auth Token.')),
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
  if (given.authId && given.authToken) {
    return enteredCredentials({ authId: given.authId, authToken: given.authToken }, createClient, (id) =>
      ctx.accounts.approvedTarget(id),
    );
  }
  let session: AccountSession | undefined;
  if (given.authId) session = ctx.accounts.get(given.authId);
  else if (ctx.accounts.signedIn) {
    session = await pickAccount(ctx, l10n.t('Check the connection of which Vobiz account?'));
    if (!session) return undefined;
  }
  if (session && !session.rejected) {
    const stored = session;
    return { authId: stored.authId, source: 'stored', open: () => stored.checkClient() };
  }
  const entered = await askCredentials(ctx, given.authId ?? session?.authId, session !== undefined);
  return entered && enteredCredentials(entered, createClient, (id) => ctx.accounts.approvedTarget(id));
}

/** `vobiz.checkConnection`: probes the API, opens the report in an editor, offers Copy Report. */
export async function checkConnectionCommand(ctx: CommandContext, arg?: unknown): Promise<ConnectionCheckResult | undefined> {
  const target = await checkTarget(ctx, arg);
  if (!target) return undefined;
  const deps = { settings: workspaceSettings, log: ctx.log, versions: { extension: extensionVersion(), vscode: vscode.version } };
  const report = await ctx
    .ui()
    .progress({ title: l10n.t('Checking the connection to Vobiz…') }, () => checkConnection(target, deps));
  const markdown = connectionReportMarkdown(report);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
  const first = report.failures[0];
  const said = [checkOutcome(report), l10n.t('The report is open in an editor; copy it for a support ticket.')].join(' ');
  const copy = { label: l10n.t('Copy Report'), run: () => vscode.env.clipboard.writeText(markdown) };
  void notify(ctx, first ? 'warn' : 'info', said, [copy]);
  return { report, markdown, document: document.uri };
}

/** The check's outcome in a sentence: every step passed, or where it failed and what to do. */
function checkOutcome(report: ConnectionReport): string {
  const first = report.failures[0];
  if (!first) return l10n.t('Vobiz connection check: every step passed.');
  // "A, then B, then C": each step of the list joined as a whole phrase.
  const actions = first.actions.length ? first.actions.reduce((done, next) => l10n.t('{0}, then {1}', done, next)) : '';
  return l10n.t('Vobiz connection check: failed at {0}. What to do: {1}.', first.title, actions || l10n.t('see the report'));
}
