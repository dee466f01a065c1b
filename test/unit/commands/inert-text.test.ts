/**
 * Security finding 2: VS Code turns `[label](command:…)` into a link that runs the command, and
 * `$(name)` into an icon, in a notification, a QuickPick, a progress title and an input's prompt.
 * Data from Vobiz (a trunk's name, the server's words in an error) reaches each of them: the UI
 * seam shows every text inert. VS Code's own link rule is applied here to what the seam passes on.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { inert, inertUi } from '../../../src/commands/inertText';
import type { ConfirmOptions, ProgressOptions, ProgressReport, Ui } from '../../../src/commands/ui';

/** VS Code's rule for a link in a message (vs/base/common/linkedText.ts, as in VS Code 1.100 to 1.139). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's rule for an icon in a label (vs/base/browser/ui/iconLabel/iconLabels.ts): unless escaped. */
const VSCODE_ICON = /(^|[^\\])\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/i;

const TRUNK_NAME = '[Undo](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)';
const SERVER_TEXT = 'Refused. [Check Connection](https://evil.example/phish) $(warning) [x](file:///etc/passwd)';

function links(text: string): string[] {
  return [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);
}

/** A seam that records every text it is given and answers like a person who picks and confirms. */
class RecordingUi implements Ui {
  readonly texts: string[] = [];
  readonly labels: string[] = [];
  pressed: string | undefined;

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    this.#items(items, options);
    return Promise.resolve(items[1]);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined> {
    this.#items(items, options);
    return Promise.resolve([...items]);
  }

  #items(items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions): void {
    this.labels.push(...items.map((i) => i.label));
    this.texts.push(
      ...items.flatMap((i) => [i.description ?? '', i.detail ?? '']),
      options.title ?? '',
      options.placeHolder ?? '',
    );
  }

  progress<R>(options: ProgressOptions, task: (report: ProgressReport, cancelled: () => boolean) => Promise<R>): Thenable<R> {
    this.texts.push(options.title);
    return task(
      (_done, _total, message) => this.texts.push(message ?? ''),
      () => false,
    );
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.texts.push(options.title ?? '', options.prompt ?? '', options.placeHolder ?? '');
    const problem = await options.validateInput?.('typed');
    this.texts.push(typeof problem === 'string' ? problem : (problem?.message ?? ''));
    return 'typed';
  }

  confirm(options: ConfirmOptions): Thenable<boolean> {
    this.texts.push(options.message, options.detail, options.confirm);
    return Promise.resolve(true);
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify(message, actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify(message, actions);
  }

  error(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.#notify(message, actions);
  }

  #notify(message: string, actions: string[]): Thenable<string | undefined> {
    this.texts.push(message, ...actions);
    return Promise.resolve(actions.find((a) => a === this.pressed || a.replace(/\u200b/g, '') === this.pressed));
  }
}

describe('the UI seam shows data inert: no link and no icon forms from it (security finding 2)', () => {
  it('inert: VS Code finds no link and no icon in a hostile trunk name or server text, which still reads the same', () => {
    for (const text of [TRUNK_NAME, SERVER_TEXT]) {
      assert.ok(links(text).length > 0, `the probe is a link for VS Code: ${text}`);
      assert.deepEqual(links(inert(text)), [], inert(text));
      assert.ok(!VSCODE_ICON.test(inert(text)), inert(text));
      assert.equal(inert(text).replace(/\u200b/g, ''), text, 'the text reads as it did');
    }
    assert.equal(inert(inert(SERVER_TEXT)), inert(SERVER_TEXT), 'inert twice is inert once');
  });

  it('every kind of message: notifications and their buttons, a modal, a progress title and its reports, an input prompt and its validation', async () => {
    const seen = new RecordingUi();
    const ui = inertUi(seen);
    const said = `Moved to trunk "${TRUNK_NAME}". Vobiz said: ${SERVER_TEXT}`;
    seen.pressed = 'Undo';
    assert.equal(await ui.info(said, 'Undo', 'Show Log'), 'Undo', 'the button comes back as the caller named it');
    await ui.warn(said);
    await ui.error(said, 'Check Connection');
    await ui.confirm({ message: `Move it to "${TRUNK_NAME}"?`, detail: SERVER_TEXT, confirm: 'Move' });
    await ui.progress({ title: `Moving to ${TRUNK_NAME}…` }, (report) => Promise.resolve(report(1, 2, TRUNK_NAME)));
    await ui.input({ title: TRUNK_NAME, prompt: SERVER_TEXT, placeHolder: TRUNK_NAME, validateInput: () => SERVER_TEXT });
    assert.ok(
      seen.texts.some((t) => t.replace(/\u200b/g, '').includes(TRUNK_NAME)),
      'the data is shown',
    );
    for (const text of seen.texts) {
      assert.deepEqual(links(text), [], text);
      assert.ok(!VSCODE_ICON.test(text), text);
    }
  });

  it("QuickPick items: data inert in labels, descriptions and details; a label's leading icon is the extension's own; the item chosen is the caller's", async () => {
    const seen = new RecordingUi();
    const ui = inertUi(seen);
    const items = [
      { label: `$(server) ${TRUNK_NAME}`, description: SERVER_TEXT, detail: TRUNK_NAME, id: 1 },
      { label: `$(warning) $(zap) ${TRUNK_NAME}`, description: `$(zap)`, id: 2 },
      { label: TRUNK_NAME, id: 3 },
      { label: '$(pass-filled) +919876543210', id: 4 },
    ];
    const picked = await ui.pick(items, { title: TRUNK_NAME, placeHolder: SERVER_TEXT });
    assert.equal(picked, items[1], 'the very item the caller gave');
    assert.deepEqual(await ui.pickMany(items, { title: TRUNK_NAME }), items);
    assert.deepEqual(
      seen.labels.slice(0, 4).map((l) => VSCODE_ICON.exec(l)?.[0].trim()),
      ['$(server)', '$(warning)', undefined, undefined],
      "only a label's leading icon of the extension's own is left to show (not one that data starts with)",
    );
    for (const text of [...seen.labels, ...seen.texts]) assert.deepEqual(links(text), [], text);
    for (const text of [...seen.labels.map((l) => l.replace(/^\$\([a-z-]+\) /, '')), ...seen.texts]) {
      assert.ok(!VSCODE_ICON.test(text), text);
    }
  });
});
