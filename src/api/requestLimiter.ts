/**
 * A cap on the requests one client has in flight, shared by every call (paging, writes, re-reads).
 * A 429 halves the cap (at least 1); each run of successes lets it grow back by one, up to the
 * configured maximum. No vscode, no I/O of its own.
 */
interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RequestLimiter {
  readonly max: number;
  #capacity: number;
  #inFlight = 0;
  #peak = 0;
  #successes = 0;
  readonly #waiting: Waiter[] = [];

  constructor(max: number) {
    this.max = Math.max(1, Math.floor(max));
    this.#capacity = this.max;
  }

  /** How many may be in flight right now (lower than `max` after 429s). */
  get capacity(): number {
    return this.#capacity;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most in flight at once so far. */
  get peak(): number {
    return this.#peak;
  }

  /** Waits for a free slot; the returned function gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#inFlight < this.#capacity && !this.#waiting.length) {
      this.#take();
    } else {
      // #next() takes the slot for this waiter before it resumes.
      await new Promise<void>((resolve, reject) => {
        const entry: Waiter = { resolve, reject, signal };
        if (signal) {
          if (signal.aborted) {
            reject(new Error('aborted while waiting for a request slot'));
            return;
          }
          entry.onAbort = () => {
            const i = this.#waiting.indexOf(entry);
            if (i >= 0) this.#waiting.splice(i, 1);
            reject(new Error('aborted while waiting for a request slot'));
          };
          signal.addEventListener('abort', entry.onAbort, { once: true });
        }
        this.#waiting.push(entry);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      this.#next();
    };
  }

  #take(): void {
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
  }

  #next(): void {
    while (this.#waiting.length && this.#inFlight < this.#capacity) {
      const entry = this.#waiting.shift();
      if (!entry) return;
      if (entry.signal && entry.onAbort) entry.signal.removeEventListener('abort', entry.onAbort);
      this.#take();
      entry.resolve();
    }
  }

  /** The server said "too many requests": halve the cap. */
  throttled(): void {
    this.#capacity = Math.max(1, Math.floor(this.#capacity / 2));
    this.#successes = 0;
  }

  /** A request succeeded: after as many successes as the cap, let one more in again. */
  succeeded(): void {
    if (this.#capacity >= this.max) return;
    if (++this.#successes >= this.#capacity) {
      this.#capacity++;
      this.#successes = 0;
      this.#next();
    }
  }
}
