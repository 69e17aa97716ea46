/**
 * SpreadsheetApp.getUi(): menus are recorded as onOpen builds them; alerts are recorded and
 * answered at once with the affirmative button (OK, or YES for a yes/no question), as if the
 * person clicked it.
 */
import type { RuntimeContext, UiRecord } from './context.js';
import { type AppsEnum, Button, ButtonSet } from './enums.js';

type MenuItem = UiRecord['menus'][number]['items'][number];

export class Menu {
  private readonly items: MenuItem[] = [];
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly caption: string,
  ) {}
  addItem(caption: string, functionName: string): Menu {
    this.ctx.calls.count('Menu.addItem');
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this.ctx.calls.count('Menu.addSeparator');
    this.items.push('separator');
    return this;
  }
  /** A sub-menu's items are recorded flat, captioned 'Sub menu > Item'. */
  addSubMenu(menu: Menu): Menu {
    this.ctx.calls.count('Menu.addSubMenu');
    for (const item of menu.items) {
      this.items.push(item === 'separator' ? item : { caption: `${menu.caption} > ${item.caption}`, functionName: item.functionName });
    }
    return this;
  }
  /** Adding a menu with the same title again replaces it, as reopening the spreadsheet would. */
  addToUi(): void {
    this.ctx.calls.count('Menu.addToUi');
    const menus = this.ctx.ui.menus;
    const entry = { title: this.caption, items: [...this.items] };
    const i = menus.findIndex((m) => m.title === this.caption);
    if (i >= 0) menus[i] = entry;
    else menus.push(entry);
  }
}

export class Ui {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  constructor(private readonly ctx: RuntimeContext) {}

  createMenu(caption: string): Menu {
    this.ctx.calls.count('Ui.createMenu');
    return new Menu(this.ctx, String(caption));
  }
  createAddonMenu(): Menu {
    this.ctx.calls.count('Ui.createAddonMenu');
    return new Menu(this.ctx, 'Add-ons');
  }
  /**
   * prompt(prompt), prompt(prompt, buttons), prompt(title, prompt, buttons): recorded like an alert,
   * answered with the next queued answer (ui.promptAnswers) and OK, as if the person typed it.
   */
  prompt(a: unknown, b?: unknown, c?: unknown): { getResponseText(): string; getSelectedButton(): AppsEnum } {
    this.ctx.calls.count('Ui.prompt');
    const text = typeof b === 'string' ? `${String(a)}: ${b}` : String(a);
    void c;
    this.ctx.ui.alerts.push(text);
    const answer = this.ctx.ui.promptAnswers.shift() ?? '';
    return { getResponseText: () => answer, getSelectedButton: () => Button.OK };
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons); recorded as 'title: prompt'. */
  alert(a: unknown, b?: unknown, c?: unknown): AppsEnum {
    this.ctx.calls.count('Ui.alert');
    let text: string;
    let buttons: unknown;
    if (typeof b === 'string') {
      text = `${String(a)}: ${b}`;
      buttons = c;
    } else {
      text = String(a);
      buttons = b;
    }
    this.ctx.ui.alerts.push(text);
    return buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? Button.YES : Button.OK;
  }
}
