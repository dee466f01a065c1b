import * as l10n from '@vscode/l10n';
import { isRecord } from './guards';
import type { VobizAccount, VobizNumber, VobizTrunk } from './types';

/**
 * Normalisation of API objects (vobiz-api.md §7): field names and unknown fields are kept as sent;
 * the owner is read from `account_id` or the older `auth_id`; a `trunk_group_id` (or
 * `application_id`) that is null or "" is removed, so "absent" is the one way to say "not routed".
 * The dialect of the SDKs' shared schemas (§2, §3) is read too: a number's `number` for its `e164`;
 * a trunk's `id`, `sip_domain`, `trunk_type` and `enabled` for `trunk_id`, `trunk_domain`,
 * `trunk_direction` and `trunk_status`. The field the rest of the extension reads is added beside
 * the one sent (which stays), and only when the object does not send it already.
 *
 * One copy per object: an object that needs no change is used as it was parsed (it is its own raw
 * form). One that does is copied with the changes, and only what they replaced is kept beside it
 * (a small diff, shared by the copies changed alike), from which `rawOf` puts together the object
 * as sent. Repeated values (a status, a region, `capabilities`…) are kept once (see `shareValues`).
 */

type Json = Record<string, unknown>;

/** What normalisation changed in a copy: enough to give back the object as the API sent it. */
class Edits {
  constructor(
    /** Keys the API sent that were changed or removed: the value sent, and the key's place among the sent keys. */
    readonly sent: readonly (readonly [key: string, value: unknown, index: number])[],
    /** Keys normalisation added (the API did not send them). */
    readonly added: readonly string[],
  ) {}
}

/** For a normalised copy: its Edits, or the object as sent when that is not a copy of it (an `auth/me` wrapper). */
const rawObjects = new WeakMap<object, Edits | Json>();

/** Marks a key normalisation removes. */
const REMOVE: unique symbol = Symbol('remove');
type Changes = Map<string, unknown>;

/** The changes of the object being normalised: one map, cleared for each (normalising never nests), none made per object. */
const scratch: Changes = new Map();

function noChanges(): Changes {
  if (scratch.size) scratch.clear(); // clear() makes a new table even when empty
  return scratch;
}

/**
 * The object exactly as the API sent it (the same keys in the same order, the same values), for a
 * normalised number, trunk or account; itself when normalisation changed nothing or when the API
 * did not send it.
 */
export function rawOf(obj: object): unknown {
  const kept = rawObjects.get(obj);
  if (kept === undefined) return obj;
  return kept instanceof Edits ? asSent(obj, kept) : kept;
}

/** The sent object, from the copy and its Edits. */
function asSent(copy: object, edits: Edits): Json {
  const entries: [string, unknown][] = Object.entries(copy).filter(([key]) => !edits.added.includes(key));
  // By ascending place: each removed key goes back where it was, after the keys sent before it.
  for (const [key, value, index] of edits.sent) {
    const at = entries.findIndex(([k]) => k === key);
    if (at >= 0) entries[at] = [key, value];
    else entries.splice(index, 0, [key, value]);
  }
  return Object.fromEntries(entries);
}

/** `raw` itself when there is nothing to change, else a copy with the changes (and their Edits kept). */
function withChanges(raw: Json, changes: Changes): Json {
  if (!changes.size) return raw;
  const entries: [string, unknown][] = [];
  const sent: [string, unknown, number][] = [];
  let index = 0;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    if (changes.has(key)) {
      const value = changes.get(key);
      sent.push([key, raw[key], index]);
      if (value !== REMOVE) entries.push([key, value]);
    } else {
      entries.push([key, raw[key]]);
    }
    index++;
  }
  const added: string[] = [];
  for (const [key, value] of changes) {
    if (Object.hasOwn(raw, key)) continue;
    added.push(key);
    entries.push([key, value]);
  }
  // Object.fromEntries keeps the copy compact (fast properties, like the parsed object), and takes
  // every key as an own property (also `__proto__`, which JSON can send).
  const copy = Object.fromEntries(entries);
  rawObjects.set(copy, sharedEdits(sent, added));
  return copy;
}

/** Kinds of Edits kept for sharing, at most. */
const KNOWN_EDITS = 64;
/** Edits met before (most objects change alike: a null `trunk_group_id` at the same place), by their JSON. */
const knownEdits = new Map<string, Edits>();

/** Edits for these changes: one object for all the copies changed alike (when their sent values are plain). */
function sharedEdits(sent: [string, unknown, number][], added: string[]): Edits {
  const id = editsId(sent, added);
  if (id === undefined) return new Edits(sent, added);
  let edits = knownEdits.get(id);
  if (!edits) {
    edits = new Edits(sent, added);
    if (knownEdits.size < KNOWN_EDITS) knownEdits.set(id, edits);
  }
  return edits;
}

/** What tells these changes apart (their JSON), or undefined when a sent value is not plain (an object is never shared). */
function editsId(sent: [string, unknown, number][], added: string[]): string | undefined {
  for (const [, value] of sent) {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  }
  return JSON.stringify([sent, added]);
}

/**
 * Repeated values are kept once. JSON.parse makes a new string for each occurrence of a status, a
 * region, a currency, a trunk's id, and a new object for each `capabilities` and `tags`: at 100,000
 * numbers those copies are over a third of the heap. Per field, the first SHARED_VALUES distinct
 * values are pooled; a field with more (timestamps) is left as it is from then on. Shared objects
 * and arrays are frozen (a change to one would change every number's). An object stays as sent:
 * equal values cannot be told apart, and JSON shows the same.
 */
interface Pool {
  strings: Map<string, string>;
  /** Small flat objects and arrays, by their JSON. */
  objects: Map<string, object>;
  /** The object shared last: the next number most often has the same (checked without making its JSON). */
  last: object | undefined;
  /** The keys of `last`. */
  lastKeys: readonly string[];
}
/** Distinct values per field worth sharing. */
const SHARED_VALUES = 512;
/** Fields whose values are shared, at most (a server sending ever new field names does not grow it). */
const SHARED_FIELDS = 64;
/** The pool of each field; undefined for a field not shared (too many distinct values, or one that differs on every number). */
const pools = new Map<string, Pool | undefined>([
  ['id', undefined],
  ['e164', undefined],
  ['number', undefined],
  ['__proto__', undefined],
]);

function shareValues(obj: Json): void {
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue; // never an inherited key (a polluted Object.prototype)
    const value = obj[key];
    if (typeof value === 'string') {
      if (value.length <= 64) shareString(obj, key, value);
    } else if (typeof value === 'object' && value !== null) {
      shareObject(obj, key, value);
    }
  }
}

function shareString(obj: Json, key: string, value: string): void {
  const pool = poolOf(key);
  if (!pool) return;
  const known = pool.strings.get(value);
  if (known !== undefined) obj[key] = known;
  else if (isFull(key, pool)) return;
  else pool.strings.set(value, value);
}

function shareObject(obj: Json, key: string, value: object): void {
  const pool = poolOf(key);
  if (!pool) return;
  if (pool.last && sameFlat(value, pool.last, pool.lastKeys)) {
    obj[key] = pool.last;
    return;
  }
  const json = flatJson(value);
  if (json === undefined) return;
  let known = pool.objects.get(json);
  if (known === undefined) {
    if (isFull(key, pool)) return;
    known = Object.freeze(value);
    pool.objects.set(json, known);
  }
  obj[key] = pool.last = known;
  pool.lastKeys = Object.keys(known);
}

/** True when `value` has the keys of `flat` (a flat object or array, its keys `flatKeys`), in its order, with the same values. */
function sameFlat(value: object, flat: object, flatKeys: readonly string[]): boolean {
  if (Array.isArray(value) !== Array.isArray(flat)) return false;
  // No arrays of keys made: this runs for every number's `capabilities` and `tags`.
  let i = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue; // as Object.keys: never an inherited key
    if (key !== flatKeys[i] || (value as Json)[key] !== (flat as Json)[key]) return false;
    i++;
  }
  return i === flatKeys.length;
}

function poolOf(key: string): Pool | undefined {
  const pool = pools.get(key);
  if (pool !== undefined || pools.has(key) || pools.size >= SHARED_FIELDS) return pool;
  const fresh: Pool = { strings: new Map(), objects: new Map(), last: undefined, lastKeys: [] };
  pools.set(key, fresh);
  return fresh;
}

/** True (and the field no longer shared) once its pool holds SHARED_VALUES values. */
function isFull(key: string, pool: Pool): boolean {
  if (pool.strings.size + pool.objects.size < SHARED_VALUES) return false;
  pools.set(key, undefined);
  return true;
}

/** The JSON of a small object or array holding only strings, numbers, booleans and nulls; undefined for any other. */
function flatJson(value: object): string | undefined {
  if (Array.isArray(value) && value.length === 0) return '[]';
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Json)[key];
    if (++count > 8 || (typeof v === 'object' && v !== null)) return undefined;
  }
  return JSON.stringify(value);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** An empty routing field (null or "") is removed. */
function dropEmpty(obj: Json, key: string, changes: Changes): void {
  if (Object.hasOwn(obj, key) && isEmpty(obj[key])) changes.set(key, REMOVE);
}

/** The owner in `account_id`, from the older `auth_id` when that is all there is. */
function fillOwner(obj: Json, changes: Changes): void {
  if ((obj.account_id === undefined || obj.account_id === null || obj.account_id === '') && typeof obj.auth_id === 'string') {
    changes.set('account_id', obj.auth_id);
  }
}

/** A non-empty string value, or undefined. */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** A Number from the API, or undefined when the item has no E.164 (in `e164`, or `number` as the SDKs' schema names it). */
export function normalizeNumber(raw: unknown): VobizNumber | undefined {
  if (!isRecord(raw)) return undefined;
  const e164 = text(raw.e164) ?? text(raw.number);
  if (!e164) return undefined;
  if (Object.isExtensible(raw)) shareValues(raw);
  const changes = noChanges();
  if (raw.e164 !== e164) changes.set('e164', e164);
  fillOwner(raw, changes);
  dropEmpty(raw, 'trunk_group_id', changes);
  dropEmpty(raw, 'application_id', changes);
  return withChanges(raw, changes) as VobizNumber;
}

/** The directions `trunk_type` names in capitals (`INBOUND`…), as `trunk_direction` says them; any other value as sent. */
const DIRECTIONS = new Set(['inbound', 'outbound', 'both']);

/** The trunk fields of the SDKs' schema (`sip_domain`, `trunk_type`, `enabled`) under the names the API sends, when those are missing. */
function fillTrunkFields(raw: Json, changes: Changes): void {
  const domain = text(raw.sip_domain);
  if (domain && isEmpty(raw.trunk_domain)) changes.set('trunk_domain', domain);
  const type = text(raw.trunk_type);
  if (type && isEmpty(raw.trunk_direction)) {
    changes.set('trunk_direction', DIRECTIONS.has(type.toLowerCase()) ? type.toLowerCase() : type);
  }
  if (typeof raw.enabled === 'boolean' && isEmpty(raw.trunk_status)) {
    changes.set('trunk_status', raw.enabled ? 'active' : 'inactive');
  }
}

/** A Trunk from the API, or undefined when the item has no trunk id (in `trunk_id`, or `id`). */
export function normalizeTrunk(raw: unknown): VobizTrunk | undefined {
  if (!isRecord(raw)) return undefined;
  const id = raw.trunk_id ?? raw.id;
  if (typeof id !== 'string' || !id) return undefined;
  const changes = noChanges();
  if (raw.trunk_id !== id) changes.set('trunk_id', id);
  fillOwner(raw, changes);
  fillTrunkFields(raw, changes);
  return withChanges(raw, changes) as VobizTrunk;
}

/** Keys an unreadable item's description names at most. */
const DESCRIBED_KEYS = 8;

/**
 * Why a list item could not be read, in a few words and with no value from it (an item may hold
 * anything): what it lacks (`wanted`, e.g. "e164 or number") and its keys, shortened.
 */
export function unreadableReason(raw: unknown, wanted: string): string {
  if (!isRecord(raw)) {
    if (raw === null) return l10n.t('not an object but null');
    // The JavaScript type's name (`string`, `number`…) is an identifier: it stays as it is.
    return Array.isArray(raw) ? l10n.t('not an object but an array') : l10n.t('not an object but a {0}', typeof raw);
  }
  const keys = Object.keys(raw);
  const named = keys.slice(0, DESCRIBED_KEYS).map((k) => k.replace(/[^\w.-]/g, '?').slice(0, 32));
  if (!named.length) return l10n.t('no usable {0} (keys: none)', wanted);
  if (keys.length <= DESCRIBED_KEYS) return l10n.t('no usable {0} (keys: {1})', wanted, named.join(', '));
  return l10n.t('no usable {0} (keys: {1} and {2} more)', wanted, named.join(', '), keys.length - DESCRIBED_KEYS);
}

/** The `auth/me` answer; undefined when it names no account. */
export function normalizeAccount(raw: unknown): VobizAccount | undefined {
  if (!isRecord(raw)) return undefined;
  const inner = isRecord(raw.account) ? raw.account : isRecord(raw.data) ? raw.data : raw;
  const a: Json = { ...inner };
  if (typeof a.auth_id !== 'string' && typeof a.account_id === 'string') a.auth_id = a.account_id;
  if (typeof a.auth_id !== 'string' || !a.auth_id) return undefined;
  rawObjects.set(a, raw);
  return a as VobizAccount;
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
