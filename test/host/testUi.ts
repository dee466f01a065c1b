import type * as vscode from 'vscode';
import type { ConfirmOptions, ProgressOptions, ProgressReport, Ui } from '../../src/commands/ui';

/** A scripted answer to the next question a command asks. */
export type Answer =
  | { pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined }
  | { pickMany: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem[] | undefined }
  | { input: string | undefined }
  | { confirm: boolean };

export interface Shown {
  kind: 'info' | 'warn' | 'error' | 'confirm' | 'input' | 'pick' | 'pickMany' | 'progress';
  message: string;
  detail?: string;
  /** An input's or a QuickPick's placeholder, and an input's pre-filled value. */
  placeHolder?: string;
  value?: string;
  button?: string;
  items?: string[];
  actions?: string[];
  cancellable?: boolean;
  /** A progress notification's reported messages. */
  reports?: string[];
}

/** A notification kept open (TestUi.holdNotifications): `press` chooses one of its buttons (undefined: closes it). */
export interface HeldNotification {
  readonly kind: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly actions: readonly string[];
  press(action: string | undefined): void;
}

/** A QuickPick item as recorded: label | description, and | detail when it has one. */
function itemText(i: vscode.QuickPickItem): string {
  return `${i.label} | ${i.description ?? ''}${i.detail ? ` | ${i.detail}` : ''}`;
}

/** Ticks the items whose labels contain any of `texts`. */
export function pickLabels(...texts: string[]): Answer {
  return { pickMany: (items) => items.filter((i) => texts.some((t) => i.label.includes(t))) };
}

/** Picks the item whose label contains `text`. */
export function pickLabel(text: string): Answer {
  return {
    pick: (items) => {
      const hit = items.find((i) => i.label.includes(text));
      if (!hit) throw new Error(`no QuickPick item contains "${text}": ${items.map((i) => i.label).join(', ')}`);
      return hit;
    },
  };
}

/**
 * The UI seam with scripted answers: each question takes the next answer (a question with no
 * answer of its kind fails the command); everything shown is recorded.
 */
export class TestUi implements Ui {
  /** Everything any TestUi showed in this run (for the "token never shown" check). */
  static readonly everything: Shown[] = [];
  readonly answers: Answer[] = [];
  readonly shown: Shown[] = [];
  /** Which button of a notification to press (default: none, as if dismissed). */
  chooseAction: (message: string, actions: string[]) => string | undefined = () => undefined;
  /** Press Cancel on a cancellable progress once this many items have settled. */
  cancelAfter: number | undefined;
  /**
   * Keep each notification open (instead of dismissing it at once) until the test presses one of its
   * buttons, later, as a person does on a toast still shown (`held`, `press`).
   */
  holdNotifications = false;
  readonly held: HeldNotification[] = [];

  constructor(...answers: Answer[]) {
    this.answers.push(...answers);
  }

  #next<K extends 'pick' | 'pickMany' | 'input' | 'confirm'>(kind: K, what: string): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    if (!answer || !(kind in answer)) {
      throw new Error(`TestUi: unexpected ${kind} "${what}" (next answer: ${JSON.stringify(answer)})`);
    }
    return answer as Extract<Answer, Record<K, unknown>>;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    this.#record({ kind: 'pick', message: options.title ?? '', placeHolder: options.placeHolder, items: items.map(itemText) });
    return Promise.resolve(this.#next('pick', options.title ?? '').pick(items) as T | undefined);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined> {
    this.#record({
      kind: 'pickMany',
      message: options.title ?? '',
      placeHolder: options.placeHolder,
      items: items.map(itemText),
    });
    return Promise.resolve(this.#next('pickMany', options.title ?? '').pickMany(items) as T[] | undefined);
  }

  progress<R>(options: ProgressOptions, task: (report: ProgressReport, cancelled: () => boolean) => Promise<R>): Thenable<R> {
    const shown: Shown = { kind: 'progress', message: options.title, cancellable: options.cancellable ?? false, reports: [] };
    this.#record(shown);
    let settled = 0;
    return task(
      (done, total, message) => {
        settled = done;
        shown.reports?.push(message ?? `${done} of ${total}`);
      },
      () => options.cancellable === true && this.cancelAfter !== undefined && settled >= this.cancelAfter,
    );
  }

  input(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    this.#record({
      kind: 'input',
      message: `${options.title ?? ''}: ${options.prompt ?? ''}`,
      placeHolder: options.placeHolder,
      value: options.value,
    });
    const value = this.#next('input', options.title ?? '').input;
    if (value !== undefined && options.validateInput) {
      return Promise.resolve(options.validateInput(value)).then((problem) => {
        if (problem) throw new Error(`TestUi: input "${value}" is invalid: ${JSON.stringify(problem)}`);
        return value;
      });
    }
    return Promise.resolve(value);
  }

  confirm(options: ConfirmOptions): Thenable<boolean> {
    this.#record({ kind: 'confirm', message: options.message, detail: options.detail, button: options.confirm });
    return Promise.resolve(this.#next('confirm', options.message).confirm);
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify('warn', message, actions);
  }

  error(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify('error', message, actions);
  }

  #notify(kind: 'info' | 'warn' | 'error', message: string, actions: string[]): Thenable<string | undefined> {
    this.#record({ kind, message, actions });
    if (this.holdNotifications) {
      return new Promise((resolve) =>
        this.held.push({
          kind,
          message,
          actions,
          press: (action) => resolve(action !== undefined && actions.includes(action) ? action : undefined),
        }),
      );
    }
    const choice = this.chooseAction(message, actions);
    return Promise.resolve(choice !== undefined && actions.includes(choice) ? choice : undefined);
  }

  /** The notifications (info, warn, error) that offered `action`. */
  offering(action: string): Shown[] {
    return this.shown.filter((s) => s.actions?.includes(action));
  }

  #record(shown: Shown): void {
    this.shown.push(shown);
    TestUi.everything.push(shown);
  }

  messages(kind: Shown['kind']): string[] {
    return this.shown.filter((s) => s.kind === kind).map((s) => s.message);
  }
}
