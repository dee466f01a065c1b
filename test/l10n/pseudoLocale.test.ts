/**
 * Runs in a real VS Code whose display language is the pseudo-locale (test/launch/pseudoLocale.ts):
 * every message of the extension's bundles is wrapped in ⟦…⟧ there, so any text a user reads outside
 * a wrapping was never localised. Covers the manifest, the tree, a picker, a confirmation and
 * notifications, each through the real extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoutingNode } from '../../src/tree/nodes';
import { EXTENSION_ID, NUMBER, TRUNK, useSignedInHost } from '../host/helpers';
import { pickLabel, TestUi } from '../host/testUi';
import type { Shown } from '../host/testUi';
import { PSEUDO_LOCALE, untranslatedWords } from '../support/pseudoLocale';

/** Text that is data, not wording: what the account holds (names, numbers, ids) and where it is. */
function accountData(h: ReturnType<typeof useSignedInHost>): string[] {
  const values: string[] = [h.fake.baseUrl, new URL(h.fake.baseUrl).host];
  // Statuses and directions are left out on purpose: the extension words them ("inactive",
  // "inbound"), so they must be wrapped.
  const skip = new Set(['status', 'trunk_status', 'trunk_direction']);
  for (const record of [...h.fake.accounts, ...h.fake.trunks, ...h.fake.numbers] as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(record)) if (typeof value === 'string' && !skip.has(key)) values.push(value);
  }
  return values;
}

function texts(item: vscode.TreeItem): string[] {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
  const description = typeof item.description === 'string' ? item.description : '';
  return [label, description, tooltip, item.accessibilityInformation?.label ?? ''];
}

function shownTexts(s: Shown): string[] {
  // A progress step without a message is recorded by TestUi as "N of M" (its words, not the extension's).
  const reports = (s.reports ?? []).filter((r) => !/^\d+ of \d+$/.test(r));
  const texts = [s.message, s.detail, s.placeHolder, s.button, ...(s.items ?? []), ...(s.actions ?? []), ...reports];
  return texts.filter((t): t is string => !!t);
}

/** A manifest string as the extension host gives it: translated command titles come as `{ value, original }`. */
type ManifestText = string | { value: string; original?: string } | undefined;

function text(t: ManifestText): string {
  return typeof t === 'string' ? t : (t?.value ?? '');
}

describe('every string a user reads is localised (pseudo-locale)', () => {
  const h = useSignedInHost();

  function assertLocalised(where: string, shown: readonly string[]): void {
    const data = accountData(h);
    const leaks = shown.map((text) => ({ text, words: untranslatedWords(text, data) })).filter((l) => l.words.length > 0);
    assert.deepEqual(leaks, [], `${where}: text shown without localisation (untranslated words listed)`);
  }

  it(`runs in the pseudo-locale (${PSEUDO_LOCALE})`, () => {
    assert.equal(vscode.env.language, PSEUDO_LOCALE);
  });

  it('the manifest: command titles and categories, the view and its welcome, settings, the walkthrough', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      displayName: string;
      description: string;
      contributes: {
        commands: { title: ManifestText; category?: ManifestText }[];
        views: Record<string, { name: string }[]>;
        viewsContainers: { activitybar: { title: string }[] };
        configuration: { title?: string; properties: Record<string, { description?: string; markdownDescription?: string }> };
        viewsWelcome: { contents: string }[];
        walkthroughs: {
          title: string;
          description: string;
          steps: { title: string; description: string; media: { altText?: string } }[];
        }[];
      };
    };
    const c = manifest.contributes;
    assertLocalised('manifest', [
      manifest.displayName,
      manifest.description,
      ...c.commands.flatMap((cmd) => [text(cmd.title), text(cmd.category)]),
      ...Object.values(c.views).flat().map((v) => v.name),
      ...c.viewsContainers.activitybar.map((v) => v.title),
      c.configuration.title ?? '',
      ...Object.values(c.configuration.properties).map((p) => p.markdownDescription ?? p.description ?? ''),
      ...c.viewsWelcome.map((w) => w.contents.replace(/\]\((command|https):[^)]*\)/g, ']')),
      ...c.walkthroughs.flatMap((w) => [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description.replace(/\]\((command|https):[^)]*\)/g, ']'), s.media.altText ?? ''])]),
    ]);
  });

  it('the tree: every item (label, description, tooltip, screen-reader label)', async () => {
    const shown: string[] = [];
    const walk = async (node?: RoutingNode): Promise<void> => {
      for (const child of await h.children(node)) {
        const item = h.item(child);
        shown.push(...texts(item));
        if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(child);
      }
    };
    await walk();
    assert.ok(shown.length > 40, `the walk saw the tree (${shown.length} texts)`);
    assertLocalised('tree', shown);
  });

  it('a picker, a confirmation and notifications (assign from the palette, unassign, undo)', async () => {
    const ui = h.useUi(new TestUi(pickLabel(NUMBER.unassigned2), pickLabel('Acme Staging'), { confirm: true }));
    ui.chooseAction = (_message, actions) => actions[0];
    await h.run('vobiz.assignNumber');
    assert.equal(h.fake.number(NUMBER.unassigned2)?.trunk_group_id, TRUNK.staging);
    ui.answers.push({ confirm: true });
    await h.run('vobiz.unassignNumber', NUMBER.onProd);
    const kinds = new Set(ui.shown.map((s) => s.kind));
    for (const kind of ['pick', 'confirm', 'info'] as const) assert.ok(kinds.has(kind), `a ${kind} was shown: ${[...kinds].join(', ')}`);
    assertLocalised('commands', ui.shown.flatMap(shownTexts));
  });

  it('an error: a malformed number', async () => {
    await h.run('vobiz.assignNumber', '98765');
    assert.ok(h.ui.shown.length > 0);
    assertLocalised('error', h.ui.shown.flatMap(shownTexts));
  });
});
