/**
 * Command arguments: a tree item, an E.164 string, or `{ number, trunkId }` (keybindings, other
 * extensions, tests). Anything else is refused with a clear message.
 */
import { e164Problem } from '../api';
import { UserError } from './userError';

export interface NumberTarget {
  e164: string;
  /** The trunk to route to (assign, move), when the caller named it. */
  trunkId?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function e164(value: string): string {
  const v = value.trim();
  const problem = e164Problem(v);
  if (problem) throw new UserError(problem);
  return v;
}

/** The number a command should act on, or undefined when it should ask. */
export function numberTarget(arg: unknown): NumberTarget | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg === 'string') return { e164: e164(arg) };
  if (isRecord(arg)) {
    if (arg.type === 'number' && typeof arg.e164 === 'string') return { e164: arg.e164 };
    const number = arg.number ?? arg.e164;
    if (typeof number === 'string') {
      const trunkId = arg.trunkId ?? arg.trunk_group_id;
      if (trunkId !== undefined && (typeof trunkId !== 'string' || !trunkId.trim())) throw new UserError('trunkId must be a non-empty string.');
      return { e164: e164(number), trunkId: typeof trunkId === 'string' ? trunkId.trim() : undefined };
    }
    if (arg.type === 'trunk' || arg.type === 'group' || arg.type === 'message') return undefined;
  }
  throw new UserError('Expected a phone number: a tree item, an E.164 string such as "+919876543210", or { number, trunkId }.');
}

/**
 * The trunk a command should act on (a trunk item, `{ trunkId }` or a trunk id string), or undefined
 * to ask. A string starting with "+" is a phone number, not a trunk id.
 */
export function trunkTarget(arg: unknown): string | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg === 'string' && arg.trim() && !arg.trim().startsWith('+')) return arg.trim();
  if (isRecord(arg)) {
    if (arg.type === 'trunk' && typeof arg.trunkId === 'string') return arg.trunkId;
    if (typeof arg.trunkId === 'string' && arg.trunkId.trim()) return arg.trunkId.trim();
  }
  return undefined;
}
