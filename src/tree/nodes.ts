/**
 * The kinds of item in the "Numbers & Trunks" tree, as the commands read them. Every node names its
 * account (`authId`), so commands know which account's client to use. The tree's elements (one
 * class a kind: AccountElement, TrunkElement, NumberElement…) are these nodes that also build their
 * own rows; they are cached by id, so one id is one object.
 */
export type GroupKind = 'trunks' | 'numbers';

export interface AccountNode {
  readonly type: 'account';
  readonly id: string;
  readonly authId: string;
}

export interface GroupNode {
  readonly type: 'group';
  readonly id: string;
  readonly authId: string;
  readonly group: GroupKind;
}

export interface TrunkNode {
  readonly type: 'trunk';
  readonly id: string;
  readonly authId: string;
  readonly trunkId: string;
}

export interface NumberNode {
  readonly type: 'number';
  readonly id: string;
  readonly authId: string;
  readonly e164: string;
  /** The trunk it is shown under, or undefined in the Numbers group. */
  readonly underTrunkId: string | undefined;
}

/**
 * A slice of a long list of numbers (in the Numbers group or under a trunk): RANGE_SIZE items from
 * `from`. It keeps no end: the list may have grown or shrunk since the node was made (a load
 * showing more pages, a filter), so its end is read from the list as it is (`rangeAt`).
 */
export interface RangeNode {
  readonly type: 'range';
  readonly id: string;
  readonly authId: string;
  /** The trunk whose numbers it slices, or undefined for the Numbers group. */
  readonly underTrunkId: string | undefined;
  readonly from: number;
}

export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly iconColor?: string;
  readonly command?: { command: string; title: string; arguments?: unknown[] };
  /** What a screen reader says for it (its label when undefined): what its icon and colour show, in words. */
  readonly accessibilityLabel?: string;
}

export type RoutingNode = AccountNode | GroupNode | TrunkNode | NumberNode | RangeNode | MessageNode;

export function accountNodeId(authId: string): string {
  return `acct:${authId}`;
}

export function groupNodeId(authId: string, group: GroupKind): string {
  return `acct:${authId}/group:${group}`;
}

export function trunkNodeId(authId: string, trunkId: string): string {
  return `acct:${authId}/trunk:${trunkId}`;
}

export function numberNodeId(authId: string, e164: string, underTrunkId?: string): string {
  return underTrunkId ? `${trunkNodeId(authId, underTrunkId)}/number:${e164}` : `acct:${authId}/number:${e164}`;
}

export function rangeNodeId(authId: string, underTrunkId: string | undefined, from: number): string {
  return `${underTrunkId ? trunkNodeId(authId, underTrunkId) : groupNodeId(authId, 'numbers')}/range:${from}`;
}
