import { AccountElement } from './accountElement';
import { GroupElement } from './groupElement';
import { MessageElement } from './messageElement';
import type { GroupKind, RoutingNode } from './nodes';
import { NumberElement } from './numberElement';
import { RangeElement } from './rangeElement';
import type { MessageFields, TreeElement, TreeElements } from './treeElement';
import { TrunkElement } from './trunkElement';

/**
 * The tree's elements by id: asked for a row again, it gives the same object, which is what VS
 * Code, `reveal` and `getParent` know the row by, and what proves a command's argument is a row of
 * this view. A message is made anew each time (its words change) and replaces the one before.
 */
export class ElementCache implements TreeElements {
  readonly #byId = new Map<string, TreeElement>();

  get(id: string): TreeElement | undefined {
    return this.#byId.get(id);
  }

  /** True when `value` is an element this cache handed out (and still holds). */
  isOwn(value: unknown): value is TreeElement {
    return typeof value === 'object' && value !== null && this.#byId.get((value as { id?: unknown }).id as string) === value;
  }

  /** The element a node of this view stands for: itself when it is one, else the one its fields name. */
  adopt(node: RoutingNode): TreeElement {
    if (this.isOwn(node)) return node;
    switch (node.type) {
      case 'account':
        return this.account(node.authId);
      case 'group':
        return this.group(node.authId, node.group);
      case 'trunk':
        return this.trunk(node.authId, node.trunkId);
      case 'number':
        return this.number(node.authId, node.e164, node.underTrunkId);
      case 'range':
        return this.range(node.authId, node.underTrunkId, node.from);
      case 'message':
        return new MessageElement(node.id, node);
    }
  }

  #keep<T extends TreeElement>(made: T): T {
    const known = this.#byId.get(made.id);
    if (known && known.type === made.type && made.type !== 'message') return known as T;
    this.#byId.set(made.id, made);
    return made;
  }

  account(authId: string): AccountElement {
    return this.#keep(new AccountElement(authId));
  }

  group(authId: string, group: GroupKind): GroupElement {
    return this.#keep(new GroupElement(authId, group));
  }

  trunk(authId: string, trunkId: string): TrunkElement {
    return this.#keep(new TrunkElement(authId, trunkId));
  }

  number(authId: string, e164: string, underTrunkId?: string): NumberElement {
    return this.#keep(new NumberElement(authId, e164, underTrunkId));
  }

  /** A range is known by where it starts: its end is read from the list when it is shown (see `rangeAt`). */
  range(authId: string, underTrunkId: string | undefined, from: number): RangeElement {
    return this.#keep(new RangeElement(authId, underTrunkId, from));
  }

  listHolder(authId: string, underTrunkId: string | undefined): TrunkElement | GroupElement {
    return underTrunkId ? this.trunk(authId, underTrunkId) : this.group(authId, 'numbers');
  }

  message(name: string, label: string, icon: string, extra: Partial<MessageFields> = {}): MessageElement {
    return this.#keep(new MessageElement(`message:${name}`, { label, icon, ...extra }));
  }
}
