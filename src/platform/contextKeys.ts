import * as vscode from 'vscode';

/** The `when`-clause context keys the manifest's menus read. */
export const SIGNED_IN_CONTEXT = 'vobiz.signedIn';
export const FILTERED_CONTEXT = 'vobiz.filtered';

const values = new Map<string, unknown>();

/** Sets a `when`-clause context key, remembering the value (VS Code offers no way to read one back). */
export async function setContextKey(key: string, value: unknown): Promise<void> {
  values.set(key, value);
  await vscode.commands.executeCommand('setContext', key, value);
}

/** The value last given to a context key by this extension. */
export function contextKeyValue(key: string): unknown {
  return values.get(key);
}
