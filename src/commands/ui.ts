import * as vscode from 'vscode';

export interface ConfirmOptions {
  /** The question, naming what will change. */
  message: string;
  /** What it means (shown under the message in the modal). */
  detail: string;
  /** The confirming button's label, saying the action ("Unassign"), never "OK". */
  confirm: string;
}

/**
 * The one seam through which commands ask and tell the user. The window implementation is the
 * default; tests put scripted answers in its place (the extension API's `testing.setUi`).
 */
/** Reports progress of a long task: `done` of `total` settled. */
export type ProgressReport = (done: number, total: number, message?: string) => void;

export interface ProgressOptions {
  title: string;
  /** Shows a Cancel button; the task gets a token that turns true when it is pressed. */
  cancellable?: boolean;
  /**
   * A short task shown in the status bar instead of a notification, so that one change makes one
   * toast (its result), not two (VS Code also drops toasts that come too fast after one another).
   */
  quiet?: boolean;
}

export interface Ui {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** A QuickPick with checkboxes; undefined when dismissed. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined>;
  /** Runs a task under a progress notification. */
  progress<R>(options: ProgressOptions, task: (report: ProgressReport, cancelled: () => boolean) => Promise<R>): Thenable<R>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal confirmation; true only when the confirming button was chosen. */
  confirm(options: ConfirmOptions): Thenable<boolean>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowUi: Ui = {
  pick: (items, options) => vscode.window.showQuickPick(items, options),
  pickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  progress: (options, task) =>
    vscode.window.withProgress(
      {
        location: options.quiet && !options.cancellable ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
        title: options.title,
        cancellable: options.cancellable ?? false,
      },
      (progress, token) => {
        let reported = 0;
        return task(
          (done, total, message) => {
            const pct = total > 0 ? (done / total) * 100 : 0;
            progress.report({ increment: pct - reported, message: message ?? vscode.l10n.t('{0} of {1}', done, total) });
            reported = pct;
          },
          () => token.isCancellationRequested,
        );
      },
    ),
  input: (options) => vscode.window.showInputBox(options),
  confirm: async ({ message, detail, confirm }) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm,
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
};

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

/** A QuickPick label's leading icon (`$(server) `): the extension's own, put before any data. */
const LEADING_ICON = /^\$\([a-z0-9-]+(?:~[a-z0-9-]+)?\)\s*/i;

function inertLabel(label: string): string {
  const icon = LEADING_ICON.exec(label)?.[0] ?? '';
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
  return { ...options, title: options.title && inert(options.title), placeHolder: options.placeHolder && inert(options.placeHolder) };
}

/** Shows a message whose text and buttons went through `inert`; answers with the button as the caller named it. */
async function inertMessage(show: (message: string, ...actions: string[]) => Thenable<string | undefined>, message: string, actions: string[]): Promise<string | undefined> {
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
      ui.progress({ ...options, title: inert(options.title) }, (report, cancelled) => task((done, total, message) => report(done, total, message && inert(message)), cancelled)),
    input: (options) =>
      ui.input({
        ...options,
        title: options.title && inert(options.title),
        prompt: options.prompt && inert(options.prompt),
        placeHolder: options.placeHolder && inert(options.placeHolder),
        validateInput: options.validateInput && (async (value) => inertValidation(await options.validateInput?.(value))),
      }),
    confirm: (options) => ui.confirm({ message: inert(options.message), detail: inert(options.detail), confirm: inert(options.confirm) }),
    info: (message, ...actions) => inertMessage((m, ...a) => ui.info(m, ...a), message, actions),
    warn: (message, ...actions) => inertMessage((m, ...a) => ui.warn(m, ...a), message, actions),
    error: (message, ...actions) => inertMessage((m, ...a) => ui.error(m, ...a), message, actions),
  };
}

/** An input's validation message (a string, or a message with a severity) through `inert`. */
function inertValidation(problem: string | vscode.InputBoxValidationMessage | null | undefined): string | vscode.InputBoxValidationMessage | null | undefined {
  if (typeof problem === 'string') return inert(problem);
  return problem ? { ...problem, message: inert(problem.message) } : problem;
}

/** The UI the commands ask and tell through: the window, or a test's scripted one in its place; always shown through `inertUi`. */
export class UiSeam {
  #current = inertUi(windowUi);

  get current(): Ui {
    return this.#current;
  }

  /** Puts `ui` in the window's place (undefined: the window again). */
  use(ui: Ui | undefined): void {
    this.#current = inertUi(ui ?? windowUi);
  }
}
