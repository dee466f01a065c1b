/**
 * A cap on the requests one client has in flight, shared by every call (paging, writes, re-reads).
 * No vscode, no I/O of its own.
 *
 * Back-off and recovery (AIMD):
 * - A 429 halves the cap (at least 1), once per burst: every slot remembers the epoch it was taken
 *   in, every halving starts a new epoch, and a 429 halves only when its request was sent in the
 *   current epoch (after the last halving). The other 429s of requests that were already in flight
 *   when the cap came down say nothing new: they leave it as it is.
 * - Successes of requests sent in the current epoch bring the cap back up by one for every `cap` of
 *   them (one more slot per round at the cap), up to the configured maximum. From a cap of `c`, the
 *   maximum `m` is back after at most c + (c+1) + … + (m−1) successes: 4 → 8 after 22, 5 → 10 after 35.
 */

/** How the request that held a slot ended, as far as the cap is concerned. */
export type SlotOutcome = 'succeeded' | 'throttled';

/** Gives a slot back, saying how its request ended (nothing: neither a success nor a 429). Calls after the first do nothing. */
export type Release = (outcome?: SlotOutcome) => void;

interface Waiter {
  /** Resolves with the epoch the slot was taken in. */
  resolve: (epoch: number) => void;
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
  /** Counts the halvings: a slot's epoch is the number of halvings before it was taken. */
  #epoch = 0;
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
  async acquire(signal?: AbortSignal): Promise<Release> {
    const epoch = this.#inFlight < this.#capacity && !this.#waiting.length ? this.#take() : await this.#wait(signal);
    let released = false;
    return (outcome?: SlotOutcome) => {
      if (released) return;
      released = true;
      if (outcome === 'throttled') this.#throttled(epoch);
      if (outcome === 'succeeded') this.#succeeded(epoch);
      this.#inFlight--;
      this.#next();
    };
  }

  /** Queues for a slot: #next() takes it for this waiter before it resumes. */
  #wait(signal: AbortSignal | undefined): Promise<number> {
    return new Promise<number>((resolve, reject) => {
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

  /** Takes a slot; returns the epoch it was taken in. */
  #take(): number {
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    return this.#epoch;
  }

  #next(): void {
    while (this.#waiting.length && this.#inFlight < this.#capacity) {
      const entry = this.#waiting.shift();
      if (!entry) return;
      if (entry.signal && entry.onAbort) entry.signal.removeEventListener('abort', entry.onAbort);
      entry.resolve(this.#take());
    }
  }

  /** The server said "too many requests" to a request sent now: halve the cap. */
  throttled(): void {
    this.#throttled(this.#epoch);
  }

  /** A request sent now succeeded: counts towards letting one more in again. */
  succeeded(): void {
    this.#succeeded(this.#epoch);
  }

  /** A 429 to a request sent in `epoch`: halves the cap when no halving came after that request was sent. */
  #throttled(epoch: number): void {
    if (epoch < this.#epoch) return;
    this.#capacity = Math.max(1, Math.floor(this.#capacity / 2));
    this.#epoch++;
    this.#successes = 0;
  }

  /** A success of a request sent in `epoch`: after as many successes (of the current epoch) as the cap, one more slot. */
  #succeeded(epoch: number): void {
    if (this.#capacity >= this.max || epoch < this.#epoch) return;
    if (++this.#successes >= this.#capacity) {
      this.#capacity++;
      this.#successes = 0;
      this.#next();
    }
  }
}
