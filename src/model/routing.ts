/**
 * Where a number routes, as a value the rest of the extension compares and records: a trunk, an XML
 * application, or nothing. Pure rules over API objects (no I/O, no vscode).
 */
import type { VobizNumber } from '../api';

/** Where a number routes: a trunk, an XML application, or nowhere. */
export type Routing =
  { readonly kind: 'trunk'; readonly id: string } | { readonly kind: 'app'; readonly id: string } | { readonly kind: 'none' };

export const NOWHERE: Routing = { kind: 'none' };

/** A number's routing as the server (or the model) says it; undefined when the number is not listed. */
export function routingOf(n: VobizNumber | undefined): Routing | undefined {
  if (!n) return undefined;
  if (n.trunk_group_id) return { kind: 'trunk', id: n.trunk_group_id };
  if (n.application_id) return { kind: 'app', id: n.application_id };
  return NOWHERE;
}

/** Routing to a trunk, or nowhere when there is no trunk id. */
export function toTrunk(trunkId: string | undefined): Routing {
  return trunkId ? { kind: 'trunk', id: trunkId } : NOWHERE;
}

/** True when both are the same routing (or both undefined: both not listed). */
export function sameRouting(a: Routing | undefined, b: Routing | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind === 'none' || a.id === (b as { id: string }).id);
}

/** The number with another routing (what a write did, when its re-read could not be had). */
export function withRouting(n: VobizNumber, to: Routing): VobizNumber {
  const { trunk_group_id: _t, application_id: _a, ...rest } = n;
  if (to.kind === 'trunk') return { ...rest, trunk_group_id: to.id };
  if (to.kind === 'app') return { ...rest, application_id: to.id };
  return rest;
}
