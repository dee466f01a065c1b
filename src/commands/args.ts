/**
 * Command arguments: a tree item, an E.164 string, or `{ number, trunkId, authId }` (keybindings,
 * other extensions, tests). Anything else is refused with a clear message. With multi-select, VS
 * Code passes the clicked item and then every selected item.
 *
 * This file runs in plain Node too (the unit tests), so it localises with `@vscode/l10n`, which
 * extension.ts configures with VS Code's bundle (unconfigured, it gives the English text).
 */
import * as l10n from '@vscode/l10n';
import { e164Problem, isRecord } from '../api';
import type { NumberNode } from '../tree/nodes';
import { UserError } from './userError';

export interface NumberTarget {
  e164: string;
  /** The trunk to route to (assign, move), when the caller named it. */
  trunkId?: string;
  /** The account it belongs to, when the caller knows (a tree item always does). */
  authId?: string;
}

export interface TrunkTarget {
  trunkId: string;
  authId?: string;
}

function e164(value: string): string {
  const v = value.trim();
  const problem = e164Problem(v);
  if (problem) throw new UserError(problem);
  return v;
}

/** The object without its undefined fields (so results compare and print cleanly). */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim()) throw new UserError(l10n.t('{0} must be a non-empty string.', name));
  return value.trim();
}

export function isNumberNode(value: unknown): value is NumberNode {
  return isRecord(value) && value.type === 'number' && typeof value.e164 === 'string' && typeof value.authId === 'string';
}

/**
 * A row of the tree (every node has a `type`). VS Code passes the focused row to the commands of
 * the view's title bar too, where it is not what the user chose to act on (see `notOnRow`).
 */
export function isTreeNode(value: unknown): boolean {
  return isRecord(value) && typeof value.type === 'string';
}

/** The account an argument names (`{ authId }` or any tree item), if any. */
export function accountTarget(arg: unknown): string | undefined {
  if (isRecord(arg) && typeof arg.authId === 'string' && arg.authId.trim()) return arg.authId.trim();
  return undefined;
}

/** The number a command should act on, or undefined when it should ask. */
export function numberTarget(arg: unknown): NumberTarget | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg === 'string') return { e164: e164(arg) };
  if (isRecord(arg)) {
    if (arg.type === 'number' && typeof arg.e164 === 'string') {
      return defined({ e164: arg.e164, authId: typeof arg.authId === 'string' ? arg.authId : undefined });
    }
    const number = arg.number ?? arg.e164;
    if (typeof number === 'string') {
      return defined({
        e164: e164(number),
        trunkId: optionalString(arg.trunkId ?? arg.trunk_group_id, 'trunkId'),
        authId: optionalString(arg.authId, 'authId'),
      });
    }
    if (
      arg.type === 'trunk' ||
      arg.type === 'group' ||
      arg.type === 'message' ||
      arg.type === 'account' ||
      arg.type === 'range'
    ) {
      return undefined;
    }
    if (Object.keys(arg).length === 1 && typeof arg.authId === 'string') return undefined;
  }
  throw new UserError(
    l10n.t(
      'Expected a phone number: a tree item, an E.164 string such as "{0}", or {1}.',
      '+919876543210',
      '{ number, trunkId }',
    ),
  );
}

/**
 * The number items a command should act on together: the selection, when the clicked item is part
 * of a multi-selection of two or more numbers; otherwise undefined (a single-number command).
 */
export function selectedNumbers(clicked: unknown, selection: unknown): NumberNode[] | undefined {
  if (!Array.isArray(selection) || !isNumberNode(clicked)) return undefined;
  const numbers = selection.filter(isNumberNode);
  if (numbers.length < 2 || !numbers.some((n) => n.id === clicked.id)) return undefined;
  // The same number can be selected twice (under its trunk and in the Numbers group): act once.
  const seen = new Set<string>();
  return numbers.filter((n) => {
    const key = `${n.authId} ${n.e164}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The trunk a command should act on (a trunk item, `{ trunkId }` or a trunk id string), or undefined
 * to ask. A string starting with "+" is a phone number, not a trunk id.
 */
export function trunkTarget(arg: unknown): TrunkTarget | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg === 'string' && arg.trim() && !arg.trim().startsWith('+')) return { trunkId: arg.trim() };
  if (isRecord(arg)) {
    const authId = typeof arg.authId === 'string' ? arg.authId : undefined;
    if (arg.type === 'trunk' && typeof arg.trunkId === 'string') return defined({ trunkId: arg.trunkId, authId });
    if (arg.type !== 'number' && typeof arg.trunkId === 'string' && arg.trunkId.trim()) {
      return defined({ trunkId: arg.trunkId.trim(), authId });
    }
  }
  return undefined;
}
