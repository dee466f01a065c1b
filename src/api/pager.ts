import { setMaxListeners } from 'node:events';
import * as l10n from '@vscode/l10n';
import { badResponseError, VobizApiError } from './errors';
import { listItems, listTotal } from './normalize';
import type { CallOptions, UnreadableItem } from './types';

/** Items per page asked for (the API's maximum). */
export const PAGE_SIZE = 100;
/** A hard stop for paging, whatever the server says (1 000 000 items at 100 a page): past it the read fails. */
export const MAX_PAGES = 10_000;
/**
 * How far ahead pages are asked for, in multiples of the cap in flight: at most
 * `AHEAD_PER_SLOT × maxInFlight` pages past the one being read are asked for (in flight or waiting
 * for a slot), the window sliding on as pages are read. A list of up to that many pages goes out at
 * once after its first page; an absurd total (10⁹ items) queues no more than the window.
 */
export const AHEAD_PER_SLOT = 4;

export type PageQuery = Record<string, string | number | undefined>;

/** What a list holds, in the plural: the `list` of its unreadable items, and which sentences its errors use. */
export type ListNoun = 'numbers' | 'trunks';

/** How one list is paged: the shared pager does the rest. */
export interface PagerSpec<T> {
  path: string;
  /** The query of the page with this 0-based index, when pages hold `size` items. */
  query(index: number, size: number): PageQuery;
  normalize(raw: unknown): T | undefined;
  /** What is wrong with an item `normalize` could not read, in a few words with no value from it. */
  unreadable(raw: unknown): string;
  key(item: T): string;
  /** Where the server says its page size (`per_page` for numbers, `limit` for trunks). */
  sizeKey: 'per_page' | 'limit';
  /** What is wrong when a page has no list: a clause, for a person. */
  noList: string;
  /** What the list holds (`numbers`, `trunks`); default `items`. */
  noun?: ListNoun;
  /**
   * False for a search: its total may count the whole account, not the matches, so it neither
   * plans pages nor decides completeness (a short page ends the list). Default true.
   */
  totalCounts?: boolean;
}

/** Bounds of one pager (tests make them small). */
export interface PagerLimits {
  /** The hard stop: a list not ended after this many pages fails. Default MAX_PAGES. */
  maxPages?: number;
}

/** How a list is read: cancellation, and where the items it could not read are told. */
export interface PagesOptions extends CallOptions {
  /** Told of each distinct item `normalize` could not read: it is left out, and counted as arrived for the total. */
  onUnreadable?: (item: UnreadableItem) => void;
}

/** GETs one page: the parsed JSON body (the client's `GET` with its limiter, retries and errors). */
export type FetchJson = (path: string, query: PageQuery, signal: AbortSignal) => Promise<unknown>;

interface FetchedPage {
  body: unknown;
  raw: unknown[];
}

/**
 * Every page of a list. The first page tells the total and the page size the server serves; the
 * pages the total says are left (and one past a total that fills its last page, which is not
 * trusted alone) are then asked for a window at a time (the client's limiter keeps at most
 * `maxInFlight` in flight) and handed out in order. With no total, or more items than it said,
 * pages follow one another until a short one. A page that repeats the items already seen (a server
 * ignoring the paging) ends the list. A list that ends with fewer distinct items than its total
 * fails (it never passes as complete), and so does one that has not ended after `maxPages`. An item
 * `normalize` cannot read is left out and told through `onUnreadable`; it did arrive, so it counts
 * towards the total (distinct by its JSON).
 */
export class Pager {
  readonly #fetchJson: FetchJson;
  readonly #maxInFlight: number;
  readonly #maxPages: number;
  /** Pages the last complete read of each list took (by path and query): a re-read asks for them at once. */
  readonly #pagesLastTime = new Map<string, number>();

  constructor(fetchJson: FetchJson, maxInFlight: number, limits: PagerLimits = {}) {
    this.#fetchJson = fetchJson;
    this.#maxInFlight = Math.max(1, maxInFlight);
    this.#maxPages = Math.max(1, limits.maxPages ?? MAX_PAGES);
  }

  async *pages<T>(spec: PagerSpec<T>, options: PagesOptions): AsyncGenerator<T[]> {
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every page request listens to this signal: many at once is expected, not a leak.
    setMaxListeners(0, signal);
    const maxPages = this.#maxPages;
    const read = new ListRead(
      spec,
      this.#fetchJson,
      signal,
      { window: AHEAD_PER_SLOT * this.#maxInFlight, maxPages },
      options.onUnreadable,
    );
    // A list read before (a refresh): the pages it took then, up to the cap in flight, go out with
    // the first page instead of one round trip after it. Used only when pages still hold PAGE_SIZE.
    const listKey = listKeyOf(spec);
    read.start(Math.min(this.#maxInFlight, this.#pagesLastTime.get(listKey) ?? 0));
    try {
      for (let index = 0; index < maxPages; index++) {
        const page = await read.page(index);
        if (index === 0) read.learn(page);
        const last = read.isLast(page);
        // The next pages go out before this page's items are read and handed out: the requests
        // asked for now are sent first (the wait), then the items are read while they travel.
        if (!last && read.askAhead(index)) await new Promise((resolve) => setImmediate(resolve));
        const fresh = read.take(page);
        if (fresh?.length) yield fresh;
        if (!fresh || last) {
          read.ensureComplete(index, page, !fresh);
          // A search (a change's read of one number) is not remembered: one entry per number searched would only grow.
          if (spec.totalCounts !== false) this.#pagesLastTime.set(listKey, index + 1);
          return;
        }
      }
      throw read.tooManyPages();
    } finally {
      stop.abort();
    }
  }
}

/** A list by its path and first page's query (the key of "pages last time"). */
function listKeyOf(spec: PagerSpec<unknown>): string {
  const query = Object.entries(spec.query(0, PAGE_SIZE)).map(([k, v]): [string, string] => [k, String(v ?? '')]);
  return `${spec.path}?${new URLSearchParams(query).toString()}`;
}

/** The query parameter that moves from page to page (`page`, `offset`), for messages. */
function pageKeyOf(spec: PagerSpec<unknown>): string {
  const first = spec.query(0, PAGE_SIZE);
  const second = spec.query(1, PAGE_SIZE);
  return Object.keys(second).find((k) => second[k] !== first[k]) ?? 'page';
}

/**
 * One read of one list: the total and page size the first page shows, the pages asked for ahead of
 * their turn, the items seen.
 */
class ListRead<T> {
  readonly #spec: PagerSpec<T>;
  readonly #fetchJson: FetchJson;
  readonly #signal: AbortSignal;
  readonly #window: number;
  readonly #maxPages: number;
  readonly #seen = new Set<string>();
  /** The items `normalize` could not read, by their JSON (distinct ones count towards the total). */
  readonly #unreadable = new Set<string>();
  readonly #onUnreadable: ((item: UnreadableItem) => void) | undefined;
  /** Pages asked for before their turn, by index: taken when read, or left unread when the list ends first. */
  readonly #ahead = new Map<number, Promise<FetchedPage>>();
  /** Pages before this index (from 1) have been asked for ahead. */
  #askedUpTo = 1;
  /** Items per page: PAGE_SIZE until the first page shows what the server serves. */
  #size = PAGE_SIZE;
  /** The total the first page states, if any. */
  #total: number | undefined;
  /** The page size the first page says the server serves, if it says. */
  #served: number | undefined;
  /** Pages the total says there are (and one past a total that fills its last page); 0 without a total. */
  #planned = 0;

  constructor(
    spec: PagerSpec<T>,
    fetchJson: FetchJson,
    signal: AbortSignal,
    bounds: { window: number; maxPages: number },
    onUnreadable?: (item: UnreadableItem) => void,
  ) {
    this.#spec = spec;
    this.#onUnreadable = onUnreadable;
    this.#fetchJson = fetchJson;
    this.#signal = signal;
    this.#window = bounds.window;
    this.#maxPages = bounds.maxPages;
  }

  /** Asks for the first page and, on a re-read, the pages before `early` with it. */
  start(early: number): void {
    this.#ahead.set(0, this.#fetch(0));
    this.#askUpTo(Math.min(early, this.#maxPages));
  }

  /** The page with this index: the one asked for ahead, or asked for now. */
  page(index: number): Promise<FetchedPage> {
    const ahead = this.#ahead.get(index);
    this.#ahead.delete(index);
    return ahead ?? this.#fetch(index);
  }

  /**
   * The first page: the total it states and the page size the server serves. A page as large as
   * asked for, or as the server says it serves, is full; so is a smaller one, from a server that
   * states no page size, that the total says is not all (it serves fewer than asked for without
   * saying so): pages then hold that many. Any other short page is the last.
   */
  learn(first: FetchedPage): void {
    const count = first.raw.length;
    const total = this.#spec.totalCounts === false ? undefined : listTotal(first.body);
    const served = pageSizeOf(first.body, this.#spec.sizeKey);
    this.#total = total;
    this.#served = served;
    // A page shorter than the size the server says it serves is its last, whatever its total says
    // (then the total decides whether the list is complete); without a stated size, a total larger
    // than the page says the server serves fewer than asked for.
    const full =
      count >= PAGE_SIZE || (count > 0 && (served !== undefined ? count >= served : total !== undefined && count < total));
    if (!full) return;
    this.#size = count;
    // The pages asked for with the first (a re-read) assumed PAGE_SIZE a page: they may not fit.
    if (count !== PAGE_SIZE) {
      this.#ahead.clear();
      this.#askedUpTo = 1;
    }
    // When the total fills the last page exactly, one page past it is planned too: it comes back
    // empty when the total is right (the end, with no extra round trip) and full when it was stale.
    if (total !== undefined && total > count) {
      this.#planned = Math.min(this.#maxPages, Math.ceil(total / count) + (total % count === 0 ? 1 : 0));
    }
  }

  /** After page `index` was read (not the last): the planned pages up to a window past it are asked for. */
  askAhead(index: number): boolean {
    return this.#askUpTo(Math.min(this.#planned, index + 1 + this.#window));
  }

  /**
   * The page's new items, or undefined when it only repeats what was seen (the end). Its new
   * unreadable items are told and counted as arrived.
   */
  take(page: FetchedPage): T[] | undefined {
    const spec = this.#spec;
    const seen = this.#seen;
    const fresh: T[] = [];
    const unreadable = new Map<string, unknown>();
    for (const r of page.raw) {
      const item = spec.normalize(r);
      if (item === undefined) {
        const json = jsonOf(r);
        if (!this.#unreadable.has(json)) unreadable.set(json, r);
        continue;
      }
      // An item sent twice (on this page or an earlier one) counts once.
      const key = spec.key(item);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(item);
    }
    if (page.raw.length > 0 && fresh.length === 0 && unreadable.size === 0) return undefined;
    for (const [json, r] of unreadable) {
      this.#unreadable.add(json);
      this.#onUnreadable?.({ list: spec.noun ?? 'items', problem: spec.unreadable(r) });
    }
    return fresh;
  }

  /** Distinct items that arrived: those read, and those that could not be. */
  get #arrived(): number {
    return this.#seen.size + this.#unreadable.size;
  }

  /** An empty page, or one shorter than the pages the server serves. */
  isLast(page: FetchedPage): boolean {
    return page.raw.length === 0 || page.raw.length < this.#size;
  }

  /**
   * The list ended with page `index` (short or empty, or only `repeated` items seen before): it is
   * complete unless the server said it has more distinct items than arrived; then this fails,
   * saying what the server did.
   */
  ensureComplete(index: number, last: FetchedPage, repeated: boolean): void {
    const total = this.#total;
    const got = this.#arrived;
    if (total === undefined || got >= total) return;
    const pageNo = index + 1;
    const held = last.raw.length;
    const why = repeated
      ? l10n.t(
          'page {0} only repeated items already sent, so it seems to ignore the `{1}` parameter',
          pageNo,
          pageKeyOf(this.#spec),
        )
      : held
        ? l10n.t(
            'page {0} held only {1} where pages hold {2}, which ends the list, so its total is wrong or the list changed while it was read',
            pageNo,
            held,
            this.#size === PAGE_SIZE ? (this.#served ?? PAGE_SIZE) : this.#size,
          )
        : l10n.t(
            'page {0} came back empty, which ends the list, so its total is wrong or the list changed while it was read',
            pageNo,
          );
    throw this.#incomplete(saidButSent(this.#spec.noun, { total, got, pages: pageNo, why, path: this.#spec.path }));
  }

  /** The error when the list has not ended after the hard stop. */
  tooManyPages(): VobizApiError {
    return this.#incomplete(notEnded(this.#spec.noun, this.#maxPages, this.#arrived, this.#spec.path));
  }

  #incomplete(message: string): VobizApiError {
    return new VobizApiError({ kind: 'bad-response', message, method: 'GET', path: this.#spec.path });
  }

  /** Asks for every page from the last asked for ahead up to (not including) `end`. */
  #askUpTo(end: number): boolean {
    const from = this.#askedUpTo;
    for (; this.#askedUpTo < end; this.#askedUpTo++) {
      const p = this.#fetch(this.#askedUpTo);
      p.catch(() => undefined); // awaited in order, or left unread when the list is shorter now
      this.#ahead.set(this.#askedUpTo, p);
    }
    return this.#askedUpTo > from;
  }

  async #fetch(index: number): Promise<FetchedPage> {
    const spec = this.#spec;
    const body = await this.#fetchJson(spec.path, spec.query(index, this.#size), this.#signal);
    const raw = listItems(body);
    if (!raw) throw badResponseError('GET', spec.path, spec.noList);
    return { body, raw };
  }
}

/** What an incomplete list's error says: how many items Vobiz said, how many came, over how many pages, and why it ended. */
interface Shortfall {
  total: number;
  got: number;
  pages: number;
  /** Why the list ended, a clause. */
  why: string;
  path: string;
}

/** "Vobiz said 250 numbers but sent 100 distinct ones over 2 pages: … (GET /…)." — one sentence per list and form, to translate whole. */
function saidButSent(noun: ListNoun | undefined, { total, got, pages, why, path }: Shortfall): string {
  const one = pages === 1;
  switch (noun) {
    case 'numbers':
      return one
        ? l10n.t('Vobiz said {0} numbers but sent {1} distinct ones over 1 page: {2} (GET {3}).', total, got, why, path)
        : l10n.t(
            'Vobiz said {0} numbers but sent {1} distinct ones over {2} pages: {3} (GET {4}).',
            total,
            got,
            pages,
            why,
            path,
          );
    case 'trunks':
      return one
        ? l10n.t('Vobiz said {0} trunks but sent {1} distinct ones over 1 page: {2} (GET {3}).', total, got, why, path)
        : l10n.t('Vobiz said {0} trunks but sent {1} distinct ones over {2} pages: {3} (GET {4}).', total, got, pages, why, path);
    default:
      return one
        ? l10n.t('Vobiz said {0} items but sent {1} distinct ones over 1 page: {2} (GET {3}).', total, got, why, path)
        : l10n.t('Vobiz said {0} items but sent {1} distinct ones over {2} pages: {3} (GET {4}).', total, got, pages, why, path);
  }
}

/** "Vobiz sent 5 pages of items (500 distinct ones) and the list had not ended: …" — one sentence per list. */
function notEnded(noun: ListNoun | undefined, pages: number, arrived: number, path: string): string {
  switch (noun) {
    case 'numbers':
      return l10n.t(
        'Vobiz sent {0} pages of numbers ({1} distinct ones) and the list had not ended: reading stopped at the limit of {0} pages (GET {2}).',
        pages,
        arrived,
        path,
      );
    case 'trunks':
      return l10n.t(
        'Vobiz sent {0} pages of trunks ({1} distinct ones) and the list had not ended: reading stopped at the limit of {0} pages (GET {2}).',
        pages,
        arrived,
        path,
      );
    default:
      return l10n.t(
        'Vobiz sent {0} pages of items ({1} distinct ones) and the list had not ended: reading stopped at the limit of {0} pages (GET {2}).',
        pages,
        arrived,
        path,
      );
  }
}

/** An item's JSON, by which an unreadable item is known (one that cannot be made JSON counts as one). */
function jsonOf(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return '?';
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
