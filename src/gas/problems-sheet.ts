/**
 * Writes the 台账问题 report sheet (see core/problem-rows.ts): the script's own sheet, created
 * and marked when missing, rewritten whole by each sweep, as text (a problem quoting a cell
 * that starts with '=' stays text). An office sheet of the same name is never touched.
 */
import type { Problem } from '../core/problems/problem';
import { problemRows } from '../core/problems/problem-rows';
import { ensureScriptSheet, type Workbook } from './workbook';

export function writeProblemsSheet(wb: Workbook, problems: Problem[], now: Date, changes: string[] = []): void {
  const { t } = wb;
  const { found, created } = ensureScriptSheet(wb, 'problems', changes);
  const sheet = found.sheet;
  if (created) {
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 180);
    sheet.setColumnWidth(3, 520);
  }
  const checked = Utilities.formatDate(now, wb.clock.timeZone, 'yyyy-MM-dd HH:mm');
  const rows = problemRows(problems, checked, t);
  // The same problems as last time: the report stands as it is (a rerun changes nothing).
  const CHECKED = 3;
  const same = (a: unknown[][]): boolean =>
    a.length === rows.length && a.every((row, r) => rows[r]!.every((text, c) => c === CHECKED || String(row[c] ?? '') === text));
  if (!created && same(found.values)) return;
  const old = sheet.getLastRow();
  if (old > 0) sheet.getRange(1, 1, old, Math.max(4, sheet.getLastColumn())).clearContent();
  sheet.getRange(1, 1, rows.length, 4).setNumberFormat('@').setValues(rows);
  sheet.getRange(1, 1, 1, 4).setFontWeight('bold');
}
