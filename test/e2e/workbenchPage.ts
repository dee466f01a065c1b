/**
 * The VS Code workbench as a person sees it, for Playwright: the activity bar, the Vobiz view's
 * rows, context menus, quick inputs, modal dialogs and notifications. Every helper waits on what the
 * screen shows (Playwright's auto-waiting locators), never on a fixed delay.
 */
import type { Locator, Page } from 'playwright-core';

const STEP_TIMEOUT_MS = 30_000;

export class WorkbenchPage {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** Clicks the Vobiz icon in the activity bar (unless its view is already showing). */
  async openVobizView(): Promise<void> {
    // The sidebar's title names the view ("Vobiz: Numbers & Trunks") when it shows. Clicking the icon
    // of the container already showing would hide the sidebar, so look at the icon's state first
    // (after a reload the workbench restores the last view by itself, a moment after it appears).
    const title = this.sidebar.locator('.composite.title .title-label', { hasText: /Numbers & Trunks/i });
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="Vobiz"]');
    await icon.waitFor();
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await title.isVisible()) return;
      const active =
        (await icon.getAttribute('aria-expanded')) === 'true' ||
        (await icon.locator('xpath=..').getAttribute('class'))?.includes('checked');
      if (!active) await icon.click();
      try {
        await title.waitFor({ timeout: 5000 });
        return;
      } catch {
        // toggled the other way while the workbench restored itself: look again
      }
    }
    await title.waitFor();
  }

  /** Drags the sidebar's edge so it is `width` pixels wide (room for the tree's descriptions). */
  async widenSidebar(width: number): Promise<void> {
    const box = await this.sidebar.boundingBox();
    if (!box || box.width >= width) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** A button in the view's title bar (Refresh, Filter…), by the start of its accessible label. */
  viewAction(label: string): Locator {
    return this.sidebar
      .locator(
        `.title-actions .action-label[aria-label^="${label}"], .pane-header .actions .action-label[aria-label^="${label}"]`,
      )
      .first();
  }

  get sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** The welcome text shown while signed out. */
  get welcome(): Locator {
    return this.sidebar.locator('.welcome-view-content');
  }

  /** A button in the view (welcome view buttons are links styled as buttons). */
  button(text: string): Locator {
    return this.sidebar.locator('.monaco-button', { hasText: text });
  }

  /** A row of the Vobiz tree by the start of its accessible label ("Number +91…", "Trunk Acme…"), at a tree level. */
  row(labelStart: string, level?: number): Locator {
    const lvl = level === undefined ? '' : `[aria-level="${level}"]`;
    return this.sidebar.locator(`.monaco-list-row${lvl}[aria-label^="${labelStart}"]`);
  }

  /** A number's row in the Numbers group. */
  numberRow(e164: string): Locator {
    return this.row(`${e164},`, 2);
  }

  /** A number's row under its trunk. */
  numberUnderTrunkRow(e164: string): Locator {
    return this.row(`${e164},`, 3);
  }

  trunkRow(name: string): Locator {
    return this.row(`Trunk ${name},`, 2);
  }

  /**
   * Right-clicks a row and chooses a context-menu entry. The menu ignores a click that comes right
   * as it opens, so the entry is pointed at (which focuses it) and chosen with Enter, as a person
   * using the keyboard would; then the menu is gone.
   */
  async contextMenu(row: Locator, entry: string): Promise<void> {
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-label', { hasText: entry }).filter({ visible: true }).first();
    await item.hover();
    await menu.locator('.action-item.focused .action-label', { hasText: entry }).waitFor();
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Types into the quick input box and presses Enter. */
  async typeInput(text: string, options: { password?: boolean } = {}): Promise<void> {
    const box = this.quickInput.locator(options.password ? 'input[type="password"]' : 'input.input');
    await box.waitFor();
    await box.fill(text);
    await box.press('Enter');
  }

  /** The quick-pick entry whose label contains `text` (of the list showing now, not an earlier one). */
  quickPickItem(text: string): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row', { hasText: text }).filter({ visible: true }).first();
  }

  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  get dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  dialogButton(label: string): Locator {
    return this.dialog.locator('.dialog-buttons .monaco-button', { hasText: label });
  }

  /** A notification toast containing `text`. */
  notification(text: string): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  notificationButton(toast: Locator, label: string): Locator {
    return toast.locator('.monaco-button', { hasText: label });
  }

  /** Closes the visible notification toasts (their close button shows on hover), for clean pictures. */
  async clearNotifications(): Promise<void> {
    for (const toast of await this.page.locator('.notifications-toasts .notification-toast').all()) {
      try {
        await toast.hover({ timeout: 2000 });
        await toast.locator('.codicon-notifications-clear').click({ timeout: 2000 });
      } catch {
        // it went away by itself
      }
    }
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  // Keyboard only (no pointer at all): the command palette, the tree's focus, context menus, quick picks.

  /** The Vobiz icon of the activity bar: there once the workbench has read the extension's contributions. */
  get vobizActivityIcon(): Locator {
    return this.page.locator('.activitybar .action-item a[aria-label^="Vobiz"]');
  }

  /** The entry of the quick input's list that has the keyboard focus. */
  get focusedQuickPickRow(): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row.focused');
  }

  /** Types into the focused input of the quick input (waiting for it to show) and presses Enter. */
  async typeAndEnter(text: string, options: { password?: boolean } = {}): Promise<void> {
    const box = this.quickInput.locator(options.password ? 'input[type="password"]:focus' : 'input.input:focus');
    await box.waitFor();
    await this.page.keyboard.type(text);
    await box.press('Enter');
  }

  /** F1, the command's full title typed, and Enter once that command is the focused entry. */
  async runCommandByKeyboard(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput.locator('input.input:focus').waitFor();
    await this.page.keyboard.type(title);
    await this.focusedQuickPickRow.filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Whether the palette offers a command: F1, its title typed, then Escape (a match is listed before any "similar commands"). */
  async paletteOffers(title: string): Promise<boolean> {
    await this.page.keyboard.press('F1');
    await this.quickInput.locator('input.input:focus').waitFor();
    await this.page.keyboard.type(title);
    const entry = this.quickInput.locator('.quick-input-list .monaco-list-row .label-name', { hasText: exactly(title) });
    // Without a match the palette says so, or (1.100 and later) lists "similar commands" instead.
    const none = this.quickInput.getByText(/^(No matching commands|similar commands)$/);
    await entry.or(none).first().waitFor();
    const offered = await entry.isVisible();
    await this.page.keyboard.press('Escape');
    await this.quickInput.waitFor({ state: 'hidden' });
    return offered;
  }

  /** Chooses the quick-pick entry containing `text` by typing it (the list filters) and Enter once it has the focus. */
  async pickByTyping(text: string): Promise<void> {
    await this.quickInput.locator('input.input:focus').waitFor();
    await this.page.keyboard.type(text);
    await this.focusedQuickPickRow.filter({ hasText: text }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The Vobiz tree's row that has the keyboard focus. */
  get focusedRow(): Locator {
    return this.sidebar.locator('.monaco-list-row.focused');
  }

  /** Presses ArrowDown in the focused tree until the focused row's accessible label starts with `labelStart`. */
  async arrowDownTo(labelStart: string, maxPresses = 40): Promise<void> {
    // The tree takes the keyboard focus a moment after the command that focuses it (the palette
    // closes first): a key pressed before then goes elsewhere.
    await this.sidebar.locator('.monaco-list:focus-within').first().waitFor();
    let label = (await this.focusedRow.count()) ? await this.focusedRow.first().getAttribute('aria-label') : null;
    for (let presses = 0; !label?.startsWith(labelStart); presses++) {
      if (presses >= maxPresses) {
        throw new Error(`ArrowDown ${maxPresses} times did not reach "${labelStart}" (the focus is on "${label}")`);
      }
      await this.page.keyboard.press('ArrowDown');
      const moved =
        label === null
          ? this.focusedRow
          : this.sidebar.locator(`.monaco-list-row.focused:not([aria-label="${cssString(label)}"])`);
      await moved.first().waitFor();
      label = await this.focusedRow.first().getAttribute('aria-label');
    }
  }

  /** Opens the focused row's context menu with Shift+F10, walks to `entry` with ArrowDown and chooses it with Enter. */
  async contextMenuByKeyboard(entry: string, maxPresses = 20): Promise<void> {
    await this.page.keyboard.press('Shift+F10');
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    const focused = menu.locator('.action-item.focused .action-label');
    for (let presses = 0; ; presses++) {
      const now = (await focused.count()) ? ((await focused.first().textContent()) ?? '').trim() : undefined;
      if (now === entry) break;
      if (presses >= maxPresses) {
        throw new Error(`ArrowDown ${maxPresses} times in the context menu did not reach "${entry}" (the focus is on "${now}")`);
      }
      await this.page.keyboard.press('ArrowDown');
      await (now === undefined ? focused : focused.filter({ hasNotText: exactly(now) })).first().waitFor();
    }
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  // The walkthrough (Welcome: Open Walkthrough…), in the editor area.

  /** A walkthrough step's entry in the list of steps, by its full id (`publisher.name#walkthrough#step`). */
  walkthroughStep(fullId: string): Locator {
    return this.page.locator(`.getting-started-step[data-step-id="${cssString(fullId)}"]`);
  }

  /** A button of the selected (expanded) walkthrough step: a command link on its own line. */
  walkthroughButton(fullId: string, label: string): Locator {
    return this.walkthroughStep(fullId).locator('.monaco-button', { hasText: label });
  }

  /** A walkthrough step shown checked off (VS Code sets `aria-checked` when its completion event happened). */
  checkedWalkthroughStep(fullId: string): Locator {
    return this.page.locator(`.getting-started-step[data-step-id="${cssString(fullId)}"][aria-checked="true"]`);
  }

  /**
   * Selects a walkthrough step by its title, so its description (and buttons) and media show; then
   * the step has the focus. (VS Code focuses a selected step once its animation ends: a page with
   * reduced motion has none, so nothing takes the focus from what is opened next.)
   */
  async selectWalkthroughStep(fullId: string): Promise<void> {
    const step = this.walkthroughStep(fullId);
    await step.locator('.step-title').click();
    await this.page.locator(`.getting-started-step[data-step-id="${cssString(fullId)}"][aria-expanded="true"]:focus`).waitFor();
  }
}

/** A pattern that matches exactly this text (for Playwright's hasText). */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Text safe inside a double-quoted CSS attribute value. */
function cssString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
