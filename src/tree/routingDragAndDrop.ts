import * as vscode from 'vscode';
import { isRecord } from '../api';
import type { NumberNode, RoutingNode } from './nodes';
import { VIEW_ID } from './routingTreeProvider';

/** The tree's own drag data: the number items being dragged. */
export const NUMBERS_MIME = `application/vnd.code.tree.${VIEW_ID.toLowerCase()}`;

export type DropHandler = (numbers: NumberNode[], target: { authId: string; trunkId: string }) => Promise<unknown>;

/**
 * Drag numbers onto a trunk to assign (or move) them there; the drop handler applies the same
 * confirmations as the commands. Dropping onto anything that is not a trunk (or a number under a
 * trunk) does nothing. Dragged numbers also carry their E.164s as text (drop into an editor).
 */
export class RoutingDragAndDrop implements vscode.TreeDragAndDropController<RoutingNode> {
  readonly dragMimeTypes = [NUMBERS_MIME, 'text/plain'];
  readonly dropMimeTypes = [NUMBERS_MIME];
  readonly #onDrop: DropHandler;

  constructor(onDrop: DropHandler) {
    this.#onDrop = onDrop;
  }

  handleDrag(source: readonly RoutingNode[], dataTransfer: vscode.DataTransfer): void {
    const numbers = source.filter((n): n is NumberNode => n.type === 'number');
    if (!numbers.length) return;
    dataTransfer.set(NUMBERS_MIME, new vscode.DataTransferItem(numbers));
    dataTransfer.set('text/plain', new vscode.DataTransferItem([...new Set(numbers.map((n) => n.e164))].join('\n')));
  }

  async handleDrop(
    target: RoutingNode | undefined,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const trunk = dropTarget(target);
    const item = dataTransfer.get(NUMBERS_MIME);
    if (!trunk || !item || token.isCancellationRequested) return;
    const value: unknown = item.value;
    const numbers = Array.isArray(value) ? value.filter((n): n is NumberNode => isRecord(n) && n.type === 'number') : [];
    // The same number dragged from the Numbers group and from under its trunk counts once.
    const unique = [...new Map(numbers.map((n) => [`${n.authId} ${n.e164}`, n])).values()];
    if (unique.length) await this.#onDrop(unique, trunk);
  }
}

/** The trunk a drop lands on: a trunk item, or the trunk a number (or range of numbers) is shown under. */
export function dropTarget(target: RoutingNode | undefined): { authId: string; trunkId: string } | undefined {
  if (target?.type === 'trunk') return { authId: target.authId, trunkId: target.trunkId };
  if ((target?.type === 'number' || target?.type === 'range') && target.underTrunkId) {
    return { authId: target.authId, trunkId: target.underTrunkId };
  }
  return undefined;
}
