import { setMaxListeners } from 'node:events';
import { badResponseError } from './errors';
import { listItems, listTotal } from './normalize';
import type { CallOptions } from './types';

/** Items per page asked for (the API's maximum). */
export const PAGE_SIZE = 100;
/** A hard stop for paging, whatever the server says (1 000 000 items at 100 a page). */
const MAX_PAGES = 10_000;

export type PageQuery = Record<string, string | number | undefined>;

/** How one list is paged: the shared pager does the rest. */
export interface PagerSpec<T> {
  path: string;
  /** The query of the page with this 0-based index, when pages hold `size` items. */
  query(index: number, size: number): PageQuery;
  normalize(raw: unknown): T | undefined;
  key(item: T): string;
  /** Where the server says its page size (`per_page` for numbers, `limit` for trunks). */
  sizeKey: 'per_page' | 'limit';
  /** What is wrong when a page has no list. */
  noList: string;
}

/** GETs one page: the parsed JSON body (the client's `GET` with its limiter, retries and errors). */
export type FetchJson = (path: string, query: PageQuery, signal: AbortSignal) => Promise<unknown>;

interface FetchedPage {
  body: unknown;
  raw: unknown[];
}

/**
 * Every page of a list. The first page tells the total; the other pages (and one past the total,
 * which is not trusted alone) are then asked for at once (the client's limiter keeps at most
 * `maxInFlight` in flight) and handed out in order. With no total, or more items than it said,
 * pages follow one another until a short one. A page that repeats the items already seen (a
 * server ignoring the paging) ends the list.
 */
export class Pager {
  readonly #fetchJson: FetchJson;
  readonly #maxInFlight: number;
  /** Pages the last complete read of each list took (by path and query): a re-read asks for them at once. */
  readonly #pagesLastTime = new Map<string, number>();

  constructor(fetchJson: FetchJson, maxInFlight: number) {
    this.#fetchJson = fetchJson;
    this.#maxInFlight = maxInFlight;
  }

  async *pages<T>(spec: PagerSpec<T>, options: CallOptions): AsyncGenerator<T[]> {
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every page request listens to this signal: many at once is expected, not a leak.
    setMaxListeners(0, signal);
    const read = new ListRead(spec, this.#fetchJson, signal);
    // A list read before (a refresh): the pages it took then, up to the cap in flight, go out with
    // the first page instead of one round trip after it. Used only when pages still hold PAGE_SIZE.
    const listKey = listKeyOf(spec);
    read.start(Math.min(this.#maxInFlight, this.#pagesLastTime.get(listKey) ?? 0));
    try {
      for (let index = 0; index < MAX_PAGES; index++) {
        const page = await read.page(index);
        const fresh = read.take(page);
        if (!fresh) return this.#done(listKey, index + 1);
        if (fresh.length) yield fresh;
        if (read.isLast(page)) return this.#done(listKey, index + 1);
        if (index === 0) read.askForTheRest(page);
      }
    } finally {
      stop.abort();
    }
  }

  #done(listKey: string, pagesRead: number): void {
    this.#pagesLastTime.set(listKey, pagesRead);
  }
}

/** A list by its path and first page's query (the key of "pages last time"). */
function listKeyOf(spec: PagerSpec<unknown>): string {
  const query = Object.entries(spec.query(0, PAGE_SIZE)).map(([k, v]): [string, string] => [k, String(v ?? '')]);
  return `${spec.path}?${new URLSearchParams(query).toString()}`;
}

/** One read of one list: the pages asked for ahead of their turn, the page size served, the items seen. */
class ListRead<T> {
  readonly #spec: PagerSpec<T>;
  readonly #fetchJson: FetchJson;
  readonly #signal: AbortSignal;
  readonly #seen = new Set<string>();
  /** Pages asked for before their turn, by index: awaited in order, or left unread when the list ends first. */
  readonly #ahead = new Map<number, Promise<FetchedPage>>();
  /** Items per page asked for: PAGE_SIZE until the first page shows what the server serves. */
  #size = PAGE_SIZE;

  constructor(spec: PagerSpec<T>, fetchJson: FetchJson, signal: AbortSignal) {
    this.#spec = spec;
    this.#fetchJson = fetchJson;
    this.#signal = signal;
  }

  /** Asks for the first page and, on a re-read, the pages before `early` with it. */
  start(early: number): void {
    this.#ahead.set(0, this.#fetch(0));
    for (let i = 1; i < early; i++) this.#askAhead(i);
  }

  /** The page with this index: the one asked for ahead, or asked for now. */
  page(index: number): Promise<FetchedPage> {
    return this.#ahead.get(index) ?? this.#fetch(index);
  }

  /**
   * After the first page (a full one): pages as large as the server serves, and every page its
   * total says is left asked for at once.
   */
  askForTheRest(first: FetchedPage): void {
    // A server may serve fewer than asked per page (its own maximum): page by what it serves
    // (and the early pages, asked for with PAGE_SIZE, do not fit).
    const size = first.raw.length;
    this.#size = size;
    if (size !== PAGE_SIZE) this.#ahead.clear();
    const total = listTotal(first.body);
    if (total === undefined || total <= size) return;
    // When the total fills the last page exactly, one page past it goes out with the others: it
    // comes back empty when the total is right (the end, with no extra round trip) and full
    // when the total was stale (then read on).
    const pages = Math.min(MAX_PAGES, Math.ceil(total / size) + (total % size === 0 ? 1 : 0));
    for (let i = 1; i < pages; i++) this.#askAhead(i);
  }

  /** The page's new items, or undefined when it only repeats what was seen (the end). */
  take(page: FetchedPage): T[] | undefined {
    const spec = this.#spec;
    const items = page.raw.map((r) => spec.normalize(r)).filter((x): x is T => x !== undefined);
    const fresh = items.filter((x) => !this.#seen.has(spec.key(x)));
    if (items.length > 0 && fresh.length === 0) return undefined;
    for (const x of fresh) this.#seen.add(spec.key(x));
    return fresh;
  }

  /** An empty page, or one shorter than a page holds (as asked for, or as the server says it serves). */
  isLast(page: FetchedPage): boolean {
    return page.raw.length === 0 || page.raw.length < Math.min(PAGE_SIZE, pageSizeOf(page.body, this.#spec.sizeKey) ?? PAGE_SIZE);
  }

  #askAhead(index: number): void {
    const p = this.page(index);
    p.catch(() => undefined); // awaited in order, or left unread when the list is shorter now
    this.#ahead.set(index, p);
  }

  async #fetch(index: number): Promise<FetchedPage> {
    const spec = this.#spec;
    const body = await this.#fetchJson(spec.path, spec.query(index, this.#size), this.#signal);
    const raw = listItems(body);
    if (!raw) throw badResponseError('GET', spec.path, spec.noList);
    return { body, raw };
  }
}

function pageSizeOf(body: unknown, key: 'per_page' | 'limit'): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const rec = body as Record<string, unknown>;
  const meta = typeof rec.meta === 'object' && rec.meta !== null ? (rec.meta as Record<string, unknown>) : rec;
  const v = meta[key] ?? rec[key];
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/** Every item of every page, with `onPage` told of each page as it arrives. */
export async function collect<T>(pages: AsyncGenerator<T[]>, onPage?: (items: T[], pageIndex: number) => void): Promise<T[]> {
  const all: T[] = [];
  let index = 0;
  for await (const page of pages) {
    all.push(...page);
    onPage?.(page, index++);
  }
  return all;
}
