import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { RawJsonDocuments, RawKind } from './rawJsonDocuments';
import { rawJsonUri } from './rawJsonDocuments';
import { trunkName } from '../model/accountModel';
import { accountTarget, numberTarget, trunkTarget } from './args';
import type { CommandContext } from './context';
import { chooseAccount, findNumber, findTrunk } from './pickers';
import { UserError } from './userError';

interface ObjectItem extends vscode.QuickPickItem {
  rawKind: RawKind;
  id: string;
}

/** `vobiz.openJson`: a number or trunk as the API returned it, in a read-only JSON editor. */
export async function openJson(ctx: CommandContext, docs: RawJsonDocuments, arg?: unknown): Promise<vscode.Uri | undefined> {
  const trunk = trunkTarget(arg);
  const number = trunk ? undefined : numberTarget(arg);
  const session = await chooseAccount(
    ctx,
    l10n.t('Open an object of which account?'),
    trunk?.authId ?? number?.authId ?? accountTarget(arg),
    number?.e164,
  );
  if (!session) return undefined;
  let kind: RawKind;
  let id: string;
  if (trunk) {
    kind = 'trunk';
    id = findTrunk(session, trunk.trunkId).trunk_id;
  } else if (number) {
    kind = 'number';
    id = (await findNumber(ctx, session, number.e164)).e164;
  } else {
    const model = session.model;
    const items: (ObjectItem | vscode.QuickPickItem)[] = [
      { label: l10n.t('Trunks'), kind: vscode.QuickPickItemKind.Separator },
      ...model.trunks().map((t): ObjectItem => ({
        label: `$(server) ${trunkName(t)}`,
        description: t.trunk_id,
        rawKind: 'trunk',
        id: t.trunk_id,
      })),
      { label: l10n.t('Numbers'), kind: vscode.QuickPickItemKind.Separator },
      ...model.numbers().map((n): ObjectItem => ({
        label: `$(symbol-numeric) ${n.e164}`,
        description: n.trunk_group_id ? l10n.t('assigned') : l10n.t('unassigned'),
        rawKind: 'number',
        id: n.e164,
      })),
    ];
    if (items.length === 2) throw new UserError(l10n.t('There are no numbers or trunks in this account.'));
    const picked = await ctx.ui().pick(items, {
      title: l10n.t('Open which number or trunk as JSON?'),
      placeHolder: l10n.t('Type a name, trunk ID or digits'),
      matchOnDescription: true,
    });
    if (!picked || !('rawKind' in picked)) return undefined;
    kind = picked.rawKind;
    id = picked.id;
  }
  // The model's version in the query: a document VS Code still holds from an earlier look (its text
  // is refreshed only later, after `update`) is not shown in place of what the API returns now.
  const uri = rawJsonUri(session.authId, kind, id).with({ query: `v${session.model.version}` });
  docs.update(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
  return uri;
}
