import type * as vscode from 'vscode';
import type { ConfirmOptions, Ui } from '../../src/commands/ui';

/** A scripted answer to the next question a command asks. */
export type Answer =
  | { pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined }
  | { input: string | undefined }
  | { confirm: boolean };

export interface Shown {
  kind: 'info' | 'warn' | 'error' | 'confirm' | 'input' | 'pick';
  message: string;
  detail?: string;
  button?: string;
  items?: string[];
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

  constructor(...answers: Answer[]) {
    this.answers.push(...answers);
  }

  #next<K extends 'pick' | 'input' | 'confirm'>(kind: K, what: string): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    if (!answer || !(kind in answer)) throw new Error(`TestUi: unexpected ${kind} "${what}" (next answer: ${JSON.stringify(answer)})`);
    return answer as Extract<Answer, Record<K, unknown>>;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    this.#record({ kind: 'pick', message: options.title ?? '', items: items.map((i) => `${i.label} | ${i.description ?? ''}`) });
    return Promise.resolve(this.#next('pick', options.title ?? '').pick(items) as T | undefined);
  }

  input(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    this.#record({ kind: 'input', message: `${options.title ?? ''}: ${options.prompt ?? ''}` });
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

  info(message: string): Thenable<string | undefined> {
    this.#record({ kind: 'info', message });
    return Promise.resolve(undefined);
  }

  warn(message: string): Thenable<string | undefined> {
    this.#record({ kind: 'warn', message });
    return Promise.resolve(undefined);
  }

  error(message: string): Thenable<string | undefined> {
    this.#record({ kind: 'error', message });
    return Promise.resolve(undefined);
  }

  #record(shown: Shown): void {
    this.shown.push(shown);
    TestUi.everything.push(shown);
  }

  messages(kind: Shown['kind']): string[] {
    return this.shown.filter((s) => s.kind === kind).map((s) => s.message);
  }
}
