import * as vscode from 'vscode';
import type { VobizExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'vobiz-routing.vobiz-routing';

/** Activates the extension under test and returns its API. */
export async function activateExtension(): Promise<VobizExtensionApi> {
  const ext = vscode.extensions.getExtension<VobizExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not installed in this host.`);
  return ext.activate();
}

/** Sets a `vobiz.*` setting globally for the test (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('vobiz').update(key, value, vscode.ConfigurationTarget.Global);
}
