/**
 * Security finding 2, in the extension: a trunk named like a link (`[Undo](command:…)`), an
 * account name with an icon and a server error text with links reach every kind of message a
 * command shows (QuickPick items, a progress title, a modal, notifications with their buttons). The
 * seam shows each inert: VS Code's own link and icon rules find nothing in what it is given.
 * (The browser walk, test/e2e/security.test.ts, shows a real notification with no link.)
 */
import * as assert from 'node:assert/strict';
import { NUMBER, SANDBOX, TRUNK, useSignedInHost } from './helpers';
import { pickLabel, TestUi } from './testUi';
import type { Shown } from './testUi';

/** VS Code's rule for a link in a message (vs/base/common/linkedText.ts, VS Code 1.100 to 1.139). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's rule for an icon in a label: `$(name)` unless escaped. */
const VSCODE_ICON = /(^|[^\\])\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/i;
/** A QuickPick label's own leading icon (the extension's, before the data). */
const OWN_LEADING_ICON = /^\$\([a-z-]+\) /;

const HOSTILE_TRUNK = '[Undo](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D) $(check)';
const SERVER_TEXT = 'Refused. [Check Connection](https://evil.example/phish) $(warning)';

/** Every text a Shown holds, as the seam gave it to the UI. */
function textsOf(s: Shown): string[] {
  return [
    s.message,
    s.detail ?? '',
    s.button ?? '',
    s.placeHolder ?? '',
    ...(s.actions ?? []),
    ...(s.reports ?? []),
    ...(s.items ?? []).map((i) => i.replace(OWN_LEADING_ICON, '')),
  ];
}

describe('data from Vobiz in every kind of message shows no link and no icon (security finding 2)', () => {
  const h = useSignedInHost();

  beforeEach(async () => {
    h.fake.trunk(TRUNK.support)!.name = HOSTILE_TRUNK;
    await h.run('vobiz.refresh');
  });

  it('a QuickPick of trunks, a progress title, a modal, a notification with its Undo, an error with the server text, a bulk confirmation and the Undo question', async () => {
    const ui = h.useUi(
      new TestUi(
        pickLabel('command:workbench'), // the palette's trunk pick: the hostile trunk
        { confirm: true }, // move from it, named in the argument
        { confirm: true }, // the move that fails at its assign
        pickLabel('Acme Staging'), // the bulk's trunk
        { confirm: true }, // the bulk confirmation (naming the hostile trunk as a source)
        { confirm: true }, // Undo Last Routing Change
      ),
    );
    await h.run('vobiz.assignNumber', NUMBER.unassigned);
    assert.equal(h.fake.number(NUMBER.unassigned)?.trunk_group_id, TRUNK.support, 'assigned to the hostile trunk');
    await h.run('vobiz.moveNumber', { number: NUMBER.unassigned, trunkId: TRUNK.staging });
    h.fake.inject({
      method: 'POST',
      path: '/assign',
      fault: { type: 'status', status: 400, body: { error: 'invalid request', message: SERVER_TEXT } },
    });
    await h.run('vobiz.moveNumber', { number: NUMBER.onSupport, trunkId: TRUNK.prod });
    const selected = await Promise.all([NUMBER.onSupport, NUMBER.unassigned2].map((n) => h.numberNode(n)));
    await h.run('vobiz.assignNumber', selected[0], selected);
    await h.run('vobiz.undoLastChange');

    const kinds = new Set(ui.shown.map((s) => s.kind));
    for (const kind of ['pick', 'progress', 'confirm', 'info', 'error'] as const) {
      assert.ok(kinds.has(kind), `a ${kind} was shown: ${[...kinds].join(', ')}`);
    }
    const all = ui.shown.flatMap(textsOf);
    assert.ok(
      all.some((t) => t.replace(/\u200b/g, '').includes(HOSTILE_TRUNK)),
      'the trunk name was shown',
    );
    assert.ok(
      all.some((t) => t.replace(/\u200b/g, '').includes(SERVER_TEXT)),
      "the server's text was shown",
    );
    for (const s of ui.shown) {
      for (const text of textsOf(s)) {
        assert.deepEqual(
          [...text.matchAll(VSCODE_LINK)].map((m) => m[0]),
          [],
          `a link in a ${s.kind}: ${text}`,
        );
        assert.ok(!VSCODE_ICON.test(text), `an icon in a ${s.kind}: ${text}`);
      }
    }
    assert.deepEqual(
      ui.shown.filter((s) => s.kind === 'info' && s.message.includes('now routes to')).map((s) => s.actions),
      [['Undo']],
      "the change's only button is the extension's own Undo",
    );
  });

  it("an account whose name is a link and an icon: the account QuickPick shows it inert, after the extension's own icon", async () => {
    h.fake.accounts.find((a) => a.auth_id === SANDBOX.subAuthId)!.name = `$(verified) ${HOSTILE_TRUNK}`;
    await h.signIn(SANDBOX.subAuthId, SANDBOX.subAuthToken);
    const ui = h.useUi(new TestUi({ pick: () => undefined }));
    await h.run('vobiz.signOut');
    const pick = ui.shown.find((s) => s.kind === 'pick');
    assert.ok(
      pick?.items?.some((i) => i.startsWith('$(account) ') && i.replace(/\u200b/g, '').includes(HOSTILE_TRUNK)),
      pick?.items?.join('\n'),
    );
    for (const text of textsOf(pick!)) {
      assert.deepEqual([...text.matchAll(VSCODE_LINK)], [], text);
      assert.ok(!VSCODE_ICON.test(text), text);
    }
  });
});
