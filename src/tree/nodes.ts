/** The kinds of item in the "Numbers & Trunks" tree. Nodes are cached by id, so one id is one object. */
export type GroupKind = 'trunks' | 'numbers';

export interface GroupNode {
  readonly type: 'group';
  readonly id: string;
  readonly group: GroupKind;
}

export interface TrunkNode {
  readonly type: 'trunk';
  readonly id: string;
  readonly trunkId: string;
}

export interface NumberNode {
  readonly type: 'number';
  readonly id: string;
  readonly e164: string;
  /** The trunk it is shown under, or undefined in the Numbers group. */
  readonly underTrunkId: string | undefined;
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
}

export type RoutingNode = GroupNode | TrunkNode | NumberNode | MessageNode;
