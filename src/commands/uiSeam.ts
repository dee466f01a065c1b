import { inertUi } from './inertText';
import { windowUi } from './ui';
import type { Ui } from './ui';

/** The UI the commands ask and tell through: the window, or a test's scripted one in its place; always shown through `inertUi`. */
export class UiSeam {
  #current = inertUi(windowUi);

  get current(): Ui {
    return this.#current;
  }

  /** Puts `ui` in the window's place (undefined: the window again). */
  use(ui: Ui | undefined): void {
    this.#current = inertUi(ui ?? windowUi);
  }
}
