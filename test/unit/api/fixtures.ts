/** Shared by the tests of src/api: a harness bound to a suite, and an in-memory offset-paged list for the pager. */
import { unreadableReason } from '../../../src/api/normalize';
import { PAGE_SIZE } from '../../../src/api/pager';
import type { PageQuery, PagerSpec } from '../../../src/api/pager';
import type { Seed } from '../../fake-vobiz/seed';
import { Harness } from '../helpers';

/** A Harness for the enclosing `describe`: started before its tests, stopped after, reset (fake and logs) before each. */
export function useHarness(seed?: Seed): Harness {
  const h = new Harness(seed);
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => {
    h.fake.reset();
    h.logs.length = 0;
  });
  return h;
}

export interface Item {
  id: string;
}

export interface ListOptions {
  /** Items a page holds at most, whatever is asked (default PAGE_SIZE). */
  served?: number;
  /** The stated total (default: the count); 'none' for no total. */
  total?: number | 'none';
  /** Whether meta.limit says the page size served (default true). */
  echo?: boolean;
  /** A server that ignores `offset` (always the first page). */
  ignoreOffset?: boolean;
}

/** A list of `count` items (Infinity: endless) paged by limit + offset, as a FetchJson, with the queries it got. */
export function offsetList(count: number, options: ListOptions = {}) {
  const calls: PageQuery[] = [];
  const served = options.served ?? PAGE_SIZE;
  const fetchJson = (_path: string, query: PageQuery): Promise<unknown> => {
    calls.push(query);
    const offset = options.ignoreOffset ? 0 : Number(query.offset);
    const size = Math.min(served, Number(query.limit));
    const objects = Array.from({ length: Math.max(0, Math.min(size, count - offset)) }, (_, i) => ({ id: `t${offset + i}` }));
    const total = options.total ?? count;
    const meta = { ...(options.echo === false ? {} : { limit: size }), ...(total === 'none' ? {} : { total }) };
    return Promise.resolve({ meta, objects });
  };
  return { calls, fetchJson };
}

/** The pager's spec of an `offsetList`, at `/list`. */
export const offsetSpec: PagerSpec<Item> = {
  path: '/list',
  query: (index, size) => ({ limit: PAGE_SIZE, offset: index * size }),
  normalize: (raw) => (typeof (raw as Item | undefined)?.id === 'string' ? (raw as Item) : undefined),
  unreadable: (raw) => unreadableReason(raw, 'id'),
  key: (item) => item.id,
  sizeKey: 'limit',
  noList: 'the list has no objects',
};
