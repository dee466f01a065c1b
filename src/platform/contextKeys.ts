import * as vscode from 'vscode';

/** The `when`-clause context keys the manifest's menus read. */
export const SIGNED_IN_CONTEXT = 'vobiz.signedIn';
export const FILTERED_CONTEXT = 'vobiz.filtered';
/** True while Undo Last Routing Change has something to put back. */
export const CAN_UNDO_CONTEXT = 'vobiz.canUndo';
/** Set once a routing change succeeded since signing in (the walkthrough's "route a number" step). */
export const ROUTING_CHANGED_CONTEXT = 'vobiz.routingChanged';
/** Set once an undo put a number back since signing in (the walkthrough's "undo" step). */
export const CHANGE_UNDONE_CONTEXT = 'vobiz.changeUndone';

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
