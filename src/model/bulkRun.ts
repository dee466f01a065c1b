/** Runs many jobs a few at a time, stopping new starts when cancelled. Pure (no vscode, no I/O of its own). */

/** Changes running at once in a bulk run or an undo (each is 2–3 requests). */
export const BULK_CONCURRENCY = 3;

export interface BulkOutcome<T, R> {
  readonly succeeded: { item: T; result: R }[];
  readonly failed: { item: T; error: Error }[];
  /** Items never started because the run was cancelled. */
  readonly notStarted: T[];
  readonly cancelled: boolean;
  /** The failure that stopped the run (see `stopWhen`); its items not started are in `notStarted`. */
  readonly stoppedBy?: Error;
}

export interface BulkOptions {
  /** At most this many jobs at once (at least 1). */
  concurrency: number;
  /** Checked before each start: true stops starting new jobs (running ones finish). */
  isCancelled?: () => boolean;
  /** True for a failure after which starting more jobs is pointless (e.g. rejected credentials). */
  stopWhen?: (error: Error) => boolean;
  /** Called after each job settles, with how many have settled. */
  onSettled?: (settled: number, total: number) => void;
}

export async function runBounded<T, R>(
  items: readonly T[],
  job: (item: T) => Promise<R>,
  options: BulkOptions,
): Promise<BulkOutcome<T, R>> {
  const succeeded: { item: T; result: R }[] = [];
  const failed: { item: T; error: Error }[] = [];
  const notStarted: T[] = [];
  let next = 0;
  let settled = 0;
  let cancelled = false;
  let stoppedBy: Error | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stoppedBy) {
      if (options.isCancelled?.()) {
        cancelled = true;
        return;
      }
      const item = items[next++];
      try {
        succeeded.push({ item, result: await job(item) });
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        failed.push({ item, error });
        if (!stoppedBy && options.stopWhen?.(error)) stoppedBy = error;
      }
      options.onSettled?.(++settled, items.length);
    }
  };
  const width = Math.max(1, Math.min(Math.floor(options.concurrency), items.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (cancelled || stoppedBy) notStarted.push(...items.slice(next));
  // Keep the input order in the report, whatever order the jobs finished in.
  const order = new Map(items.map((item, i) => [item, i]));
  succeeded.sort((a, b) => (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0));
  failed.sort((a, b) => (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0));
  return { succeeded, failed, notStarted, cancelled, ...(stoppedBy ? { stoppedBy } : {}) };
}
