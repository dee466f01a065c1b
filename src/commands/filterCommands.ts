import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { authIdProblem } from '../api';
import { trunkName } from '../model/accountModel';
import { describeFilter, filterDigits } from '../model/numberFilter';
import type { NumberFilter } from '../model/numberFilter';
import type { CommandContext } from './context';
import { chooseAccount, findTrunk, pickTrunk, requireLoaded } from './pickers';
import { UserError } from './userError';

interface FilterChoice extends vscode.QuickPickItem {
  choice: 'digits' | 'trunk' | 'unassigned' | 'clear';
}

function isFilter(arg: unknown): arg is NumberFilter {
  if (typeof arg !== 'object' || arg === null) return false;
  const f = arg as Partial<Record<string, unknown>>;
  return (
    (f.kind === 'digits' && typeof f.digits === 'string') ||
    f.kind === 'unassigned' ||
    (f.kind === 'trunk' && typeof f.trunkId === 'string' && typeof f.authId === 'string')
  );
}

/**
 * `vobiz.filterNumbers`: filter the Numbers group and trunk children by digits, by trunk, or to
 * unassigned numbers. Runs over the loaded model (no request). A filter object skips the questions.
 */
export async function filterNumbers(ctx: CommandContext, arg?: unknown): Promise<NumberFilter | undefined> {
  if (!ctx.accounts.signedIn) throw new UserError(l10n.t('Sign in to Vobiz first (Vobiz: Sign In).'));
  const chosen = isFilter(arg) ? { filter: await filterFrom(ctx, arg) } : await askFilter(ctx, ctx.tree.filter);
  if (!chosen) return undefined;
  ctx.tree.filter = chosen.filter;
  return chosen.filter;
}

/** The filter the user chooses (`filter` undefined: Clear filter), or undefined when they dismissed a question. */
async function askFilter(
  ctx: CommandContext,
  current: NumberFilter | undefined,
): Promise<{ filter: NumberFilter | undefined } | undefined> {
  const items: FilterChoice[] = [
    {
      label: l10n.t('$(search) By digits…'),
      description: l10n.t('numbers whose E.164 contains them'),
      choice: 'digits',
    },
    { label: l10n.t('$(server) By trunk…'), description: l10n.t('numbers routed to one trunk'), choice: 'trunk' },
    {
      label: l10n.t('$(circle-slash) Unassigned only'),
      description: l10n.t('numbers that route to no trunk'),
      choice: 'unassigned',
    },
  ];
  if (current) {
    items.push({ label: l10n.t('$(clear-all) Clear filter'), description: describeFilter(current), choice: 'clear' });
  }
  const placeHolder = current ? l10n.t('Now showing {0}', describeFilter(current)) : l10n.t('Show only…');
  const picked = await ctx.ui().pick(items, { title: l10n.t('Filter Vobiz numbers'), placeHolder });
  switch (picked?.choice) {
    case undefined:
      return undefined;
    case 'clear':
      return { filter: undefined };
    case 'unassigned':
      return { filter: { kind: 'unassigned' } };
    case 'digits':
      return askDigits(ctx, current);
    case 'trunk':
      return askTrunk(ctx);
  }
}

/** A digits filter typed in (the current one's digits offered); undefined when dismissed. */
async function askDigits(ctx: CommandContext, current: NumberFilter | undefined): Promise<{ filter: NumberFilter } | undefined> {
  const text = await ctx.ui().input({
    title: l10n.t('Filter numbers by digits'),
    prompt: l10n.t('Digits anywhere in the E.164 number, e.g. 9180 (country and area) or 4217 (the end).'),
    value: current?.kind === 'digits' ? current.digits : undefined,
    validateInput: (v) => {
      const r = filterDigits(v);
      return 'problem' in r ? r.problem : undefined;
    },
  });
  return text === undefined ? undefined : { filter: checkedDigits(text) };
}

/** A trunk filter: the account, then its trunk; undefined when dismissed. */
async function askTrunk(ctx: CommandContext): Promise<{ filter: NumberFilter } | undefined> {
  const session = await chooseAccount(ctx, l10n.t('Filter by a trunk of which account?'));
  if (!session) return undefined;
  const trunk = await pickTrunk(ctx, session, l10n.t('Show the numbers of which trunk?'));
  if (!trunk) return undefined;
  return { filter: { kind: 'trunk', authId: session.authId, trunkId: trunk.trunk_id, trunkName: trunkName(trunk) } };
}

/**
 * The filter an argument asks for, made afresh from what the extension knows: the digits checked,
 * a trunk's name read from its account (never the caller's object or its text).
 */
async function filterFrom(ctx: CommandContext, arg: NumberFilter): Promise<NumberFilter> {
  switch (arg.kind) {
    case 'digits':
      return checkedDigits(arg.digits);
    case 'unassigned':
      return { kind: 'unassigned' };
    case 'trunk': {
      const problem = authIdProblem(arg.authId);
      if (problem) throw new UserError(problem);
      const session = ctx.accounts.get(arg.authId);
      if (!session) throw new UserError(l10n.t('You are not signed in to the Vobiz account {0}.', arg.authId));
      await requireLoaded(session);
      const trunk = findTrunk(session, arg.trunkId);
      return { kind: 'trunk', authId: session.authId, trunkId: trunk.trunk_id, trunkName: trunkName(trunk) };
    }
  }
}

function checkedDigits(text: string): NumberFilter {
  const r = filterDigits(text);
  if ('problem' in r) throw new UserError(r.problem);
  return { kind: 'digits', digits: r.digits };
}

/** `vobiz.clearFilter`: show every number again. */
export function clearFilter(ctx: CommandContext): Promise<void> {
  ctx.tree.filter = undefined;
  return Promise.resolve();
}
