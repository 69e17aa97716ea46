/**
 * Keeps the task sheet's colour rules in step with the state column and the settings: the
 * office's own conditional formats are kept, Duban's are replaced (2 calls whatever the size).
 * The legend on the task sheet goes with them, so it changes wherever the rows do: at setup,
 * at each sweep, and when someone edits a colour in 设置.
 */

import type { Translate } from '../core/i18n';
import { SCRIPT_FIELDS } from '../core/ledger/columns';
import { legendNote, placeSwatches } from '../core/presentation/colour-legend';
import { colourRules, isColourRule, legendBackgrounds } from '../core/presentation/colour-rules';
import type { Colors } from '../core/settings/settings';
import { readAll } from './workbook';

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
  const wanted = colourRules(stateColumn, first, colors, t);
  // Unchanged since the last sweep (same rules, same rows, ours first): the sheet is left alone (issue 17).
  if (!sameColourRules(existing, wanted, range.getA1Notation())) {
    const kept = existing.filter((rule) => !isColourRule(formulaOf(rule)));
    const ours = wanted.map((r) =>
      SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.background).setRanges([range]).build(),
    );
    // Ours first: when the office has its own rule for the same cells, state colours win.
    sheet.setConditionalFormatRules([...ours, ...kept]);
  }
  showStateLegend(sheet, stateColumn, headerRow, colors, t);
  return wanted.length;
}

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

function formulaOf(rule: Rule): string {
  const condition = rule.getBooleanCondition();
  return condition ? String(condition.getCriteriaValues()[0] ?? '') : '';
}

/** Whether the sheet's rules are already ours as wanted, first and in order, on exactly these rows, and none of ours after them. */
function sameColourRules(existing: Rule[], wanted: ReturnType<typeof colourRules>, a1: string): boolean {
  if (existing.length < wanted.length) return false;
  const oursAsWanted = wanted.every((w, i) => {
    const rule = existing[i]!;
    const condition = rule.getBooleanCondition();
    if (!condition || String(condition.getCriteriaValues()[0] ?? '') !== w.formula) return false;
    if ((condition.getBackground() ?? '').toLowerCase() !== w.background.toLowerCase()) return false;
    const ranges = rule.getRanges();
    return ranges.length === 1 && ranges[0]!.getA1Notation() === a1;
  });
  return oursAsWanted && existing.slice(wanted.length).every((rule) => !isColourRule(formulaOf(rule)));
}

/**
 * The legend on the task sheet (see core/colour-legend.ts): a note on the 督办状态 header and,
 * where a row above the header is free in Duban's columns, coloured swatches. The note doubles
 * as the legend's stamp: when it already says what it would say, the colours have not changed
 * and the daily sweep pays one call (getNote) for the legend.
 */
export function showStateLegend(sheet: Sheet, stateColumn: number, headerRow: number, colors: Colors, t: Translate): void {
  const note = legendNote(colors, t);
  const headerCell = sheet.getRange(headerRow + 1, stateColumn + 1);
  if (headerCell.getNote() === note) return;
  headerCell.setNote(note);
  if (headerRow === 0) return;
  const span = Math.min(SCRIPT_FIELDS.length, sheet.getMaxColumns() - stateColumn);
  const block = sheet.getRange(1, stateColumn + 1, headerRow + 1, span);
  const merged = Array.from({ length: headerRow }, () => Array<boolean>(span).fill(false));
  for (const m of block.getMergedRanges()) {
    for (let r = m.getRow() - 1; r < m.getRow() - 1 + m.getNumRows() && r < headerRow; r++) {
      for (let c = m.getColumn() - 1 - stateColumn; c < m.getColumn() - 1 - stateColumn + m.getNumColumns(); c++) {
        if (c >= 0 && c < span) merged[r]![c] = true;
      }
    }
  }
  const swatches = placeSwatches(block.getValues(), merged, colors, t);
  if (!swatches) return;
  sheet
    .getRange(swatches.row + 1, stateColumn + 1, 1, swatches.values.length)
    .setValues([swatches.values])
    .setBackgrounds([swatches.backgrounds])
    .setHorizontalAlignment('center');
}

/** Paints the settings sheet's colour cells with their colours (the legend). */
export function paintLegend(settingsSheet: Sheet): void {
  const values = readAll(settingsSheet);
  if (values.length === 0) return;
  settingsSheet.getRange(1, 2, values.length, 1).setBackgrounds(legendBackgrounds(values));
}
