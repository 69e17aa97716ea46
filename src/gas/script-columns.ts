/**
 * The columns Duban adds to an office's ledger must look like part of it: the header cells in
 * the office's header style, the data cells with the office's borders and font, each column
 * wide enough for what it shows, and number formats that keep a date a date and a note text.
 *
 * Calls do not grow with the number of rows: every range is a whole column (or a block of
 * columns) from the first data row to the end of the grid.
 */

import { SCRIPT_FIELD_FORMAT, SCRIPT_FIELDS } from '../core/ledger/columns';
import { type ColumnFonts, scriptColumnWidth } from '../core/presentation/column-widths';
import type { SweepPlan } from '../core/sweep/sweep';
import { cellText } from '../core/text/text';
import { contiguousRuns } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets reports an unfilled cell as white; writing white back would paint it. */
const NO_FILL = '#ffffff';

/**
 * Formats the script's columns: the ones just added (`plan.addHeaders`) take the office's look;
 * every script column gets its number format, and is widened when it is too narrow to show its
 * header or its values (never narrowed: a width a person chose is theirs).
 * Called by setup each time, and by the sweep when it adds columns.
 */
export function formatScriptColumns(sheet: Sheet, plan: Pick<SweepPlan, 'headerRow' | 'columns' | 'addHeaders'>): void {
  const present = SCRIPT_FIELDS.filter((f) => plan.columns[f] !== undefined);
  if (present.length === 0) return;
  const headerRow = plan.headerRow + 1;
  const firstData = headerRow + 1;
  const height = sheet.getMaxRows() - firstData + 1;
  const lastScript = Math.max(...present.map((f) => plan.columns[f]!));
  const headers = sheet.getRange(headerRow, 1, 1, lastScript + 1).getValues()[0] ?? [];
  const added = plan.addHeaders.map((h) => h.column);

  // The office's look is its last header cell left of Duban's new columns, and the column under it.
  const source = added.length > 0 ? lastHeadered(headers, Math.min(...added)) : undefined;
  if (source !== undefined) {
    for (const [c0, c1] of contiguousRuns(added)) {
      sheet.getRange(headerRow, source + 1).copyFormatToRange(sheet, c0 + 1, c1 + 1, headerRow, headerRow);
      if (height > 0) copyDataLook(sheet, source, c0, c1, firstData, height);
    }
  }

  if (height > 0) {
    for (const field of present) sheet.getRange(firstData, plan.columns[field]! + 1, height, 1).setNumberFormat(SCRIPT_FIELD_FORMAT[field]);
    // A note is a sentence: it wraps in its wide column rather than being cut.
    if (plan.columns.systemNote !== undefined) sheet.getRange(firstData, plan.columns.systemNote + 1, height, 1).setWrap(true);
  }

  const fontColumn = source ?? plan.columns[present[0]!]!;
  const headerCell = sheet.getRange(headerRow, fontColumn + 1);
  const fonts: ColumnFonts = {
    headerPt: headerCell.getFontSize(),
    headerBold: headerCell.getFontWeight() === 'bold',
    dataPt: height > 0 ? sheet.getRange(firstData, fontColumn + 1).getFontSize() : headerCell.getFontSize(),
  };
  const justAdded = new Set(added);
  for (const field of present) {
    const c = plan.columns[field]!;
    const width = scriptColumnWidth(field, cellText(headers[c]), fonts);
    if (justAdded.has(c)) sheet.setColumnWidth(c + 1, width.preferred);
    else if (sheet.getColumnWidth(c + 1) < width.least) sheet.setColumnWidth(c + 1, width.least);
  }
}

/** The 0-based column of the last non-empty header cell left of `before`, if any. */
function lastHeadered(headers: unknown[], before: number): number | undefined {
  for (let c = before - 1; c >= 0; c--) if (cellText(headers[c]) !== '') return c;
  return undefined;
}

/**
 * The data cells of columns c0..c1 take the format of the office's column `source` (borders,
 * font, size, alignment), row by row. Not what a person gave one cell of that column: its fill
 * (kept only where the whole row has it, as a section row's band), its font colour, bold or
 * italic (a remark someone made red must not make Duban's cells red), its drop-down.
 */
function copyDataLook(sheet: Sheet, source: number, c0: number, c1: number, firstData: number, height: number): void {
  const from = sheet.getRange(firstData, source + 1, height, 1);
  // Google: copyFormatToRange copies the format (the API's PASTE_FORMAT: format and data validation).
  from.copyFormatToRange(sheet, c0 + 1, c1 + 1, firstData, firstData + height - 1);
  const target = sheet.getRange(firstData, c0 + 1, height, c1 - c0 + 1);
  target.clearDataValidations().setFontColor(null).setFontWeight(null).setFontStyle(null);
  const last = from.getBackgrounds();
  const first = sheet.getRange(firstData, 1, height, 1).getBackgrounds();
  const width = c1 - c0 + 1;
  const fills = last.map((row, r) => {
    const fill = row[0] ?? NO_FILL;
    const band = fill !== NO_FILL && fill === first[r]?.[0] ? fill : null;
    return Array<string | null>(width).fill(band);
  });
  target.setBackgrounds(fills);
}
