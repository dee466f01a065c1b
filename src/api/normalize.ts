import { isRecord } from './guards';
import type { VobizAccount, VobizNumber, VobizTrunk } from './types';

/**
 * Normalisation of API objects (vobiz-api.md §7): field names and unknown fields are kept as sent;
 * the owner is read from `account_id` or the older `auth_id`; a `trunk_group_id` (or
 * `application_id`) that is null or "" is removed, so "absent" is the one way to say "not routed".
 */

type Json = Record<string, unknown>;

const rawObjects = new WeakMap<object, unknown>();

/** The object exactly as the API sent it, for a normalised number, trunk or account (itself otherwise). */
export function rawOf(obj: object): unknown {
  return rawObjects.has(obj) ? rawObjects.get(obj) : obj;
}

function keepRaw<T extends object>(obj: T, raw: unknown): T {
  rawObjects.set(obj, raw);
  return obj;
}

function dropEmpty(obj: Json, key: string): void {
  const v = obj[key];
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) delete obj[key];
}

function fillOwner(obj: Json): void {
  if ((obj.account_id === undefined || obj.account_id === null || obj.account_id === '') && typeof obj.auth_id === 'string') {
    obj.account_id = obj.auth_id;
  }
}

/** A Number from the API, or undefined when the item has no E.164 (not a number we can act on). */
export function normalizeNumber(raw: unknown): VobizNumber | undefined {
  if (!isRecord(raw) || typeof raw.e164 !== 'string' || !raw.e164) return undefined;
  const n: Json = { ...raw };
  fillOwner(n);
  dropEmpty(n, 'trunk_group_id');
  dropEmpty(n, 'application_id');
  return keepRaw(n as VobizNumber, raw);
}

/** A Trunk from the API, or undefined when the item has no trunk id. */
export function normalizeTrunk(raw: unknown): VobizTrunk | undefined {
  if (!isRecord(raw)) return undefined;
  const id = raw.trunk_id ?? raw.id;
  if (typeof id !== 'string' || !id) return undefined;
  const t: Json = { ...raw, trunk_id: id };
  fillOwner(t);
  return keepRaw(t as VobizTrunk, raw);
}

/** The `auth/me` answer; undefined when it names no account. */
export function normalizeAccount(raw: unknown): VobizAccount | undefined {
  if (!isRecord(raw)) return undefined;
  const inner = isRecord(raw.account) ? raw.account : isRecord(raw.data) ? raw.data : raw;
  const a: Json = { ...inner };
  if (typeof a.auth_id !== 'string' && typeof a.account_id === 'string') a.auth_id = a.account_id;
  if (typeof a.auth_id !== 'string' || !a.auth_id) return undefined;
  return keepRaw(a as VobizAccount, raw);
}

/** The items array of a list answer, whatever key holds it (`items`, `objects`, `data`, or a bare array). */
export function listItems(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body as unknown[];
  if (!isRecord(body)) return undefined;
  for (const key of ['items', 'objects', 'data', 'numbers', 'trunks']) {
    const v = body[key];
    if (Array.isArray(v)) return v as unknown[];
  }
  return undefined;
}

/** The total a trunk list reports in `meta.total` or `meta.total_count` (or top-level `total`). */
export function listTotal(body: unknown): number | undefined {
  if (!isRecord(body)) return undefined;
  const meta = isRecord(body.meta) ? body.meta : body;
  for (const v of [meta.total, meta.total_count, body.total]) {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}
