/**
 * 排名历史 (the ranking history): the script's own sheet, one row per month, unit and category,
 * from which the sanctions (后三名 twice, three times) and the quarter's roll-up are read.
 */
import { HISTORY_COLUMNS, HISTORY_FORMAT } from '../core/scores/history';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * 排名历史 rewritten whole: it is the script's own sheet, and a month published again replaces its
 * rows. `old` is its height as the job read it (no second getLastRow); its header is made bold and
 * frozen when the sheet is `created`, and left as it is after (one call less each, and a person's
 * unfreezing stays).
 */
export function writeHistory(sheet: Sheet, rows: (string | number)[][], old: number, created: boolean): void {
  const width = HISTORY_COLUMNS.length;
  const short = rows.length - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  if (old > rows.length) sheet.getRange(rows.length + 1, 1, old - rows.length, Math.max(width, sheet.getLastColumn())).clearContent();
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormats(rows.map((_, i) => HISTORY_COLUMNS.map((c) => (i === 0 ? '@' : HISTORY_FORMAT[c]))));
  range.setValues(rows);
  if (!created) return;
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
}
