/**
 * Formats for the columns the script owns: dates shown as dates, the rest as plain text a
 * person can filter on. One call per column, whatever the number of rows.
 */
import type { ScriptField } from '../core/columns';
import type { SweepPlan } from '../core/sweep';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const DATE_FIELDS: ScriptField[] = ['statusChanged', 'lastNotice'];

export function formatScriptColumns(sheet: Sheet, plan: Pick<SweepPlan, 'headerRow' | 'columns'>): void {
  const first = plan.headerRow + 2;
  const height = Math.max(1, sheet.getMaxRows() - first + 1);
  for (const field of DATE_FIELDS) {
    const c = plan.columns[field];
    if (c !== undefined) sheet.getRange(first, c + 1, height, 1).setNumberFormat('yyyy-mm-dd');
  }
  // Notes quote what people typed: kept as text, never read as a number or a formula.
  if (plan.columns.systemNote !== undefined) sheet.getRange(first, plan.columns.systemNote + 1, height, 1).setNumberFormat('@');
  const header = sheet.getRange(plan.headerRow + 1, 1, 1, sheet.getLastColumn());
  header.setFontWeight('bold');
}
