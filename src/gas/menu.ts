/** The Duban menu, in the office's language; every item names a top-level function in main.ts. */
import type { Translate } from '../core/i18n';

export function addMenu(t: Translate): void {
  SpreadsheetApp.getUi()
    .createMenu(t('menu.title'))
    .addItem(t('menu.sweep'), 'sweep')
    .addItem(t('menu.preview'), 'preview')
    .addItem(t('menu.publish'), 'publish')
    .addSeparator()
    .addItem(t('menu.setup'), 'setup')
    .addItem(t('menu.installTriggers'), 'installTriggers')
    .addItem(t('menu.sendInspectorLinks'), 'sendInspectorLinks')
    .addItem(t('menu.resetUnitLink'), 'resetUnitLinkFromMenu')
    .addToUi();
}

/** The menu's function names, for the smoke test that every one is in the bundle. */
export const MENU_FUNCTIONS = [
  'sweep',
  'preview',
  'publish',
  'setup',
  'installTriggers',
  'sendInspectorLinks',
  'resetUnitLinkFromMenu',
] as const;
