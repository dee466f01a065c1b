import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { rawOf } from '../api';
import type { Accounts } from '../session/accounts';

export const RAW_JSON_SCHEME = 'vobiz-json';

export type RawKind = 'number' | 'trunk';

/** `vobiz-json:/MA_X/number/+919876543210.json`: read-only, named after the object. */
export function rawJsonUri(authId: string, kind: RawKind, id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RAW_JSON_SCHEME, path: `/${authId}/${kind}/${id}.json` });
}

function parse(uri: vscode.Uri): { authId: string; kind: RawKind; id: string } | undefined {
  const m = /^\/([^/]+)\/(number|trunk)\/(.+)\.json$/.exec(uri.path);
  return m ? { authId: m[1], kind: m[2] as RawKind, id: m[3] } : undefined;
}

/**
 * Read-only JSON documents of numbers and trunks exactly as the API returned them (before the
 * extension's normalisation), for debugging voice apps. Content comes from the loaded model.
 */
export class RawJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly #accounts: Accounts;
  readonly #onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.#onDidChange.event;

  constructor(accounts: Accounts) {
    this.#accounts = accounts;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const where = parse(uri);
    // An editor restored with the window (it activated the extension): the stored accounts are read
    // and its account loaded first, as the view would.
    await this.#accounts.ready;
    const session = this.#accounts.get(where?.authId);
    if (session && session.model.status !== 'ready') await session.whenLoaded();
    const model = session?.model;
    const obj = where && model ? (where.kind === 'number' ? model.number(where.id) : model.trunk(where.id)) : undefined;
    if (!where || !obj) {
      return `// ${l10n.t('Not in the loaded account any more: refresh the Vobiz view.')}\n${JSON.stringify({ uri: uri.toString() }, null, 2)}\n`;
    }
    return `${JSON.stringify(rawOf(obj), null, 2)}\n`;
  }

  /** Re-reads the document's content (it may be open from an earlier look). */
  update(uri: vscode.Uri): void {
    this.#onDidChange.fire(uri);
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
