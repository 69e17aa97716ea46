/**
 * Keeps the task sheet's colour rules in step with the state column and the settings: the
 * office's own conditional formats are kept, Duban's are replaced (2 calls whatever the size).
 */
import { colourRules, isColourRule, legendBackgrounds } from '../core/colour-rules';
import { readAll } from './workbook';
import type { Translate } from '../core/i18n';
import type { Colors } from '../core/settings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function applyColourRules(
  sheet: Sheet,
  stateColumn: number,
  headerRow: number,
  lastColumn: number,
  colors: Colors,
  t: Translate,
): number {
  const first = headerRow + 1;
  const height = Math.max(1, sheet.getMaxRows() - first);
  const range = sheet.getRange(first + 1, 1, height, lastColumn + 1);
  const existing = sheet.getConditionalFormatRules();
  const kept = existing.filter((rule) => {
    const condition = rule.getBooleanCondition();
    const formula = condition ? String(condition.getCriteriaValues()[0] ?? '') : '';
    return !isColourRule(formula);
  });
  const ours = colourRules(stateColumn, first, colors, t).map((r) =>
    SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.background).setRanges([range]).build(),
  );
  // Ours first: when the office has its own rule for the same cells, state colours win.
  sheet.setConditionalFormatRules([...ours, ...kept]);
  return ours.length;
}

/** Paints the settings sheet's colour cells with their colours (the legend). */
export function paintLegend(settingsSheet: Sheet): void {
  const values = readAll(settingsSheet);
  if (values.length === 0) return;
  settingsSheet.getRange(1, 2, values.length, 1).setBackgrounds(legendBackgrounds(values));
}
