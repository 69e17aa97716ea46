/**
 * Writes the 台账问题 report sheet (see core/problem-rows.ts): created when missing, rewritten
 * whole by each sweep, as text (a problem quoting a cell that starts with '=' stays text).
 */
import type { Problem } from '../core/problem';
import { problemRows } from '../core/problem-rows';
import { findSheet, type Workbook } from './workbook';

export function writeProblemsSheet(wb: Workbook, problems: Problem[], now: Date): void {
  const { t } = wb;
  let sheet = findSheet(wb.sheets, 'sheet.problems');
  if (!sheet) {
    sheet = wb.ss.insertSheet(t('sheet.problems'));
    wb.sheets.push(sheet);
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 180);
    sheet.setColumnWidth(3, 520);
  }
  const checked = Utilities.formatDate(now, wb.clock.timeZone, 'yyyy-MM-dd HH:mm');
  const rows = problemRows(problems, checked, t);
  const old = sheet.getLastRow();
  if (old > 0) sheet.getRange(1, 1, old, Math.max(4, sheet.getLastColumn())).clearContent();
  sheet.getRange(1, 1, rows.length, 4).setNumberFormat('@').setValues(rows);
  sheet.getRange(1, 1, 1, 4).setFontWeight('bold');
}
