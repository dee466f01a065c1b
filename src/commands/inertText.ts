/**
 * What the UI seam shows, with no link and no icon from data in it. Runs in plain Node too (the
 * unit tests): it imports only types of vscode.
 */
import type * as vscode from 'vscode';
import type { Ui } from './ui';

/**
 * Text as VS Code shows it in a notification, a modal, a QuickPick, a progress title or an input's
 * prompt, with no link and no icon in it: VS Code turns `[label](command:…)` (and `https:`,
 * `file:` targets) into a link there, and `$(name)` into an icon. A zero-width space after each `]`
 * and `$` leaves the text reading as it did and stops both from forming. Data from Vobiz (a trunk's
 * name, the server's own words in an error) is only data: every text the seam shows goes through here.
 */
export function inert(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(').replace(/\$\(/g, '$\u200b(');
}

/**
 * The icons the extension puts first in its QuickPick labels, before any data (a label made of data
 * alone gets one of these first too): only one of these, leading the label, is left to show.
 */
export const OWN_ICONS: ReadonlySet<string> = new Set([
  'account',
  'server',
  'warning',
  'sign-out',
  'search',
  'circle-slash',
  'clear-all',
  'symbol-numeric',
]);

/** A QuickPick label's leading icon (`$(server) `). */
const LEADING_ICON = /^\$\(([a-z0-9-]+)\)\s*/i;

function inertLabel(label: string): string {
  const leading = LEADING_ICON.exec(label);
  const icon = leading && OWN_ICONS.has(leading[1]) ? leading[0] : '';
  return icon + inert(label.slice(icon.length));
}

function inertItem<T extends vscode.QuickPickItem>(item: T): T {
  return {
    ...item,
    label: inertLabel(item.label),
    ...(item.description === undefined ? {} : { description: inert(item.description) }),
    ...(item.detail === undefined ? {} : { detail: inert(item.detail) }),
  };
}

function inertPickOptions(options: vscode.QuickPickOptions): vscode.QuickPickOptions {
  return {
    ...options,
    title: options.title && inert(options.title),
    placeHolder: options.placeHolder && inert(options.placeHolder),
  };
}

/** Shows a message whose text and buttons went through `inert`; answers with the button as the caller named it. */
async function inertMessage(
  show: (message: string, ...actions: string[]) => Thenable<string | undefined>,
  message: string,
  actions: string[],
): Promise<string | undefined> {
  const shown = actions.map(inert);
  const chosen = await show(inert(message), ...shown);
  return chosen === undefined ? undefined : actions[shown.indexOf(chosen)];
}

/**
 * The seam `ui` showing every text through `inert`. QuickPick items are shown as copies (their
 * leading icon kept); the item chosen is the caller's own.
 */
export function inertUi(ui: Ui): Ui {
  return {
    pick: async (items, options) => {
      const shown = items.map(inertItem);
      const picked = await ui.pick(shown, inertPickOptions(options));
      return picked && items[shown.indexOf(picked)];
    },
    pickMany: async (items, options) => {
      const shown = items.map(inertItem);
      const picked = await ui.pickMany(shown, inertPickOptions(options));
      return picked?.map((p) => items[shown.indexOf(p)]);
    },
    progress: (options, task) =>
      ui.progress({ ...options, title: inert(options.title) }, (report, cancelled) =>
        task((done, total, message) => report(done, total, message && inert(message)), cancelled),
      ),
    input: (options) =>
      ui.input({
        ...options,
        title: options.title && inert(options.title),
        prompt: options.prompt && inert(options.prompt),
        placeHolder: options.placeHolder && inert(options.placeHolder),
        validateInput: options.validateInput && (async (value) => inertValidation(await options.validateInput?.(value))),
      }),
    confirm: (options) =>
      ui.confirm({ message: inert(options.message), detail: inert(options.detail), confirm: inert(options.confirm) }),
    info: (message, ...actions) => inertMessage((m, ...a) => ui.info(m, ...a), message, actions),
    warn: (message, ...actions) => inertMessage((m, ...a) => ui.warn(m, ...a), message, actions),
    error: (message, ...actions) => inertMessage((m, ...a) => ui.error(m, ...a), message, actions),
  };
}

/** An input's validation message (a string, or a message with a severity) through `inert`. */
function inertValidation(
  problem: string | vscode.InputBoxValidationMessage | null | undefined,
): string | vscode.InputBoxValidationMessage | null | undefined {
  if (typeof problem === 'string') return inert(problem);
  return problem ? { ...problem, message: inert(problem.message) } : problem;
}
