import * as l10n from '@vscode/l10n';
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
            progress.report({ increment: pct - reported, message: message ?? l10n.t('{0} of {1}', done, total) });
            reported = pct;
          },
          () => token.isCancellationRequested,
        );
      },
    ),
  input: (options) => vscode.window.showInputBox(options),
  confirm: async ({ message, detail, confirm }) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm,
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
};
