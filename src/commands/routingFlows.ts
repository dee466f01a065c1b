/**
 * The routing flows: the commands and drag and drop resolve their arguments, then call in here. A
 * flow asks (the trunk, the confirmation) and presents; the change service reads, writes, records
 * and reports. One number, or many after one confirmation.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber, VobizTrunk } from '../api';
import { trunkName } from '../model/accountModel';
import { NOWHERE, routingOf, toTrunk } from '../model/routing';
import type { Routing } from '../model/routing';
import { readSettings } from '../platform/settings';
import type { AccountSession } from '../session/accountSession';
import { present, summaryOf } from './changePresenter';
import type { ChangeSummary } from './changePresenter';
import type { PresentOptions } from './changePresenter';
import type { CommandContext, CommandFailure } from './context';
import { pickTrunk } from './pickers';
import { confirmBulkRoute, confirmBulkUnassign, confirmRoute, confirmUnassign, trunkLabel } from './routingQuestions';
import { UserError } from './userError';

/** What a change of one number gave: its report, its failure already shown (`{ error }`), or undefined (declined, nothing to do). */
export type SingleOutcome = ChangeSummary | CommandFailure | undefined;

/** Runs one change with its progress in the status bar, presents it, and says what the command returns. */
async function runOne(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  change: { e164: string; to: Routing; expected: Routing | undefined; confirm?: (now: VobizNumber) => Promise<boolean> },
  options: PresentOptions,
): Promise<SingleOutcome> {
  const report = await ctx.ui().progress({ title, quiet: true }, () => ctx.accounts.changes.change({ session, ...change }));
  present(ctx, report, options);
  const [outcome] = report.outcomes;
  if (outcome.kind === 'applied') return summaryOf(report);
  if (outcome.kind === 'unchanged') return undefined;
  return { error: report.message };
}

/** The number as Vobiz says it is now (read in its queue), when the tree's copy says there is nothing to do. */
async function readAgain(ctx: CommandContext, session: AccountSession, n: VobizNumber): Promise<VobizNumber> {
  const now = await ctx.accounts.changes.read(session, n.e164);
  if (!now) {
    throw new UserError(l10n.t('{0} is no longer listed in the Vobiz account {1}: refresh the view.', n.e164, session.authId));
  }
  return now;
}

/**
 * Routes one number to `trunk` (asked for when undefined), after the one confirmation of a route
 * (see routingQuestions), asked with the number as just read.
 */
export async function routeOne(
  ctx: CommandContext,
  session: AccountSession,
  n: VobizNumber,
  trunk: VobizTrunk | undefined,
): Promise<SingleOutcome> {
  const from = n.trunk_group_id;
  const title = from ? l10n.t('Move {0} to which trunk?', n.e164) : l10n.t('Assign {0} to which trunk?', n.e164);
  const target = trunk ?? (await pickTrunk(ctx, session, title, from));
  if (!target) return undefined;
  if (target.trunk_id === from) {
    // Nothing to do by the tree's copy: say so only if Vobiz agrees, else go on from what it says.
    const now = await readAgain(ctx, session, n);
    if (now.trunk_group_id !== target.trunk_id) return routeOne(ctx, session, now, target);
    void ctx.ui().info(l10n.t('{0} already routes to trunk "{1}".', n.e164, trunkName(target)));
    return undefined;
  }
  const progress = from
    ? l10n.t('Moving {0} to {1}…', n.e164, trunkName(target))
    : l10n.t('Assigning {0} to {1}…', n.e164, trunkName(target));
  const change = {
    e164: n.e164,
    to: toTrunk(target.trunk_id),
    expected: routingOf(n),
    confirm: async (now: VobizNumber) => confirmRoute(ctx, session, now, target),
  };
  // Continue from There…: the route again, from where the number routes now, asking again.
  return runOne(ctx, session, progress, change, { continueFrom: (now) => routeOne(ctx, session, now, target) });
}

/** Unassigns one number from its trunk, after a modal naming the trunk as read (unless `vobiz.confirmBeforeUnassign` is off). */
export async function unassignOne(ctx: CommandContext, session: AccountSession, n: VobizNumber): Promise<SingleOutcome> {
  if (!n.trunk_group_id) {
    const now = await readAgain(ctx, session, n);
    if (now.trunk_group_id) return unassignOne(ctx, session, now);
    void ctx.ui().info(l10n.t('{0} is not assigned to a trunk.', n.e164));
    return undefined;
  }
  const confirm = readSettings().confirmBeforeUnassign
    ? async (now: VobizNumber) => confirmUnassign(ctx, session, now)
    : undefined;
  const progress = l10n.t('Unassigning {0} from {1}…', n.e164, trunkLabel(session, n.trunk_group_id));
  return runOne(
    ctx,
    session,
    progress,
    { e164: n.e164, to: NOWHERE, expected: routingOf(n), confirm },
    { continueFrom: (now) => unassignOne(ctx, session, now) },
  );
}

/** The numbers as Vobiz says they are now, before a bulk confirmation names them (see ChangeService.readForQuestion). */
async function readForQuestion(
  ctx: CommandContext,
  session: AccountSession,
  numbers: readonly VobizNumber[],
): Promise<VobizNumber[]> {
  return ctx.accounts.changes.readForQuestion(session, numbers, async () => {
    await session.load();
    // A reload that failed keeps the last rows for the view, but a question must not name them.
    const failed = session.model.status !== 'ready' ? session.model.error : session.model.refreshError;
    if (session.model.status !== 'ready' || failed) {
      const why = failed?.message.replace(/[.\s]+$/, '') ?? l10n.t('its load did not complete');
      throw new Error(l10n.t('Nothing was changed: the account could not be re-read first ({0}).', why));
    }
  });
}

/** Runs a bulk change under a cancellable progress notification and presents its report. */
async function runMany(
  ctx: CommandContext,
  session: AccountSession,
  title: string,
  todo: readonly VobizNumber[],
  to: Routing,
  confirmedAt: ReadonlyMap<string, number>,
): Promise<ChangeSummary> {
  const report = await ctx
    .ui()
    .progress({ title, cancellable: true }, (onSettled, isCancelled) =>
      ctx.accounts.changes.changeMany(session, todo, to, { onSettled, isCancelled, confirmedAt }),
    );
  present(ctx, report);
  return summaryOf(report);
}

/** Routes numbers of one account to `trunk` (asked for when undefined), after one confirmation; one number takes the single flow. */
export async function routeNumbers(
  ctx: CommandContext,
  session: AccountSession,
  selected: readonly VobizNumber[],
  trunk: VobizTrunk | undefined,
): Promise<SingleOutcome> {
  if (selected.length === 1) return routeOne(ctx, session, selected[0], trunk);
  const target = trunk ?? (await pickTrunk(ctx, session, l10n.t('Route {0} numbers to which trunk?', selected.length)));
  if (!target) return undefined;
  // The run goes to the API the question was asked against: a settings change from here on stops it.
  const confirmedAt = ctx.accounts.changes.generationsOf([session.authId]);
  const numbers = await readForQuestion(ctx, session, selected);
  const name = trunkName(target);
  const todo = numbers.filter((n) => n.trunk_group_id !== target.trunk_id);
  if (!todo.length) {
    const said =
      numbers.length === 1
        ? l10n.t('All 1 selected number already route to trunk "{0}".', name)
        : l10n.t('All {0} selected numbers already route to trunk "{1}".', numbers.length, name);
    void ctx.ui().info(said);
    return undefined;
  }
  if (!(await confirmBulkRoute(ctx, session, numbers, todo, target))) return undefined;
  const title =
    todo.length === 1 ? l10n.t('Routing 1 number to {0}', name) : l10n.t('Routing {0} numbers to {1}', todo.length, name);
  return runMany(ctx, session, title, todo, toTrunk(target.trunk_id), confirmedAt);
}

/** Unassigns numbers of one account from their trunks, after one confirmation. */
export async function unassignNumbers(
  ctx: CommandContext,
  session: AccountSession,
  selected: readonly VobizNumber[],
): Promise<SingleOutcome> {
  const confirmedAt = ctx.accounts.changes.generationsOf([session.authId]);
  const numbers = await readForQuestion(ctx, session, selected);
  const todo = numbers.filter((n) => n.trunk_group_id);
  if (!todo.length) {
    const said =
      numbers.length === 1
        ? l10n.t('None of the 1 selected number is assigned to a trunk.')
        : l10n.t('None of the {0} selected numbers is assigned to a trunk.', numbers.length);
    void ctx.ui().info(said);
    return undefined;
  }
  if (!(await confirmBulkUnassign(ctx, session, todo, numbers.length - todo.length))) return undefined;
  const title = todo.length === 1 ? l10n.t('Unassigning 1 number') : l10n.t('Unassigning {0} numbers', todo.length);
  return runMany(ctx, session, title, todo, NOWHERE, confirmedAt);
}
