/** Something to release (the same shape as `vscode.Disposable`). */
export interface Disposable {
  dispose(): unknown;
}

/** A listener registration function with the shape of `vscode.Event` (what the tree and extension.ts subscribe with). */
export type Event<T> = (listener: (value: T) => unknown) => Disposable;

/** A minimal event emitter for the layers that do not import `vscode` (model, session): one event idiom everywhere. */
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
