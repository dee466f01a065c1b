import type { Disposable } from './ports';

/** A listener registration function with the shape of `vscode.Event` (what the tree and extension.ts subscribe with). */
export type Event<T> = (listener: (value: T) => unknown) => Disposable;

/** A minimal event emitter for the session layer, which does not import `vscode`. */
export class Emitter<T> implements Disposable {
  readonly #listeners = new Set<(value: T) => unknown>();

  readonly event: Event<T> = (listener) => {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.#listeners]) listener(value);
  }

  dispose(): void {
    this.#listeners.clear();
  }
}
