/**
 * The daily sweep: read the task sheet once, decide every row's state in the core, write
 * each block once, keep the colour rules in step. A ledger whose columns cannot be trusted
 * is left untouched and the admin is told.
 */
import { describeProblem } from '../core/problem';
import { planSweep } from '../core/sweep';
import { applyColourRules } from './colours';
import { emptyResult, type JobResult } from './result';
import { findSheet, openWorkbook, readAll, type Workbook, ledgerContext } from './workbook';
import { writePlan } from './write-back';
import { tellAdmin } from './admin';
import { formatScriptColumns } from './script-columns';
import { writeProblemsSheet } from './problems-sheet';

export function taskSheetOf(wb: Workbook): GoogleAppsScript.Spreadsheet.Sheet | undefined {
  return findSheet(wb.sheets, 'sheet.tasks', wb.settings.taskSheet);
}

export function sweepLedger(now: Date): JobResult {
  const result = emptyResult('sweep');
  const wb = openWorkbook(now);
  const { t } = wb;
  result.warnings.push(...wb.problems.map((p) => describeProblem(p, t)));
  const sheet = taskSheetOf(wb);
  if (!sheet) {
    result.ok = false;
    result.message = t('sweep.noSheet', { sheet: wb.settings.taskSheet });
    tellAdmin(wb, result, t('sweep.adminSubject', { sheet: wb.settings.taskSheet }), result.message);
    return result;
  }
  const plan = planSweep({
    sheet: sheet.getName(),
    values: readAll(sheet),
    ...ledgerContext(wb),
  });
  if (!plan.ok) {
    result.ok = false;
    result.message = plan.message;
    tellAdmin(wb, result, t('sweep.adminSubject', { sheet: sheet.getName() }), plan.message);
    return result;
  }
  if (plan.addHeaders.length > 0) {
    const first = plan.addHeaders[0]!.column;
    sheet.getRange(plan.headerRow + 1, first + 1, 1, plan.addHeaders.length).setValues([plan.addHeaders.map((h) => h.text)]);
    formatScriptColumns(sheet, plan);
  }
  const outcome = writePlan(sheet, plan, wb.clock.fromDay);
  const lastColumn = Math.max(...Object.values(plan.columns).filter((c): c is number => c !== undefined));
  applyColourRules(sheet, plan.columns.state!, plan.headerRow, lastColumn, wb.settings.colors, t);

  writeProblemsSheet(wb, [...wb.problems, ...plan.problems], now);
  result.warnings.push(...plan.problems.map((p) => describeProblem(p, t)));
  result.warnings.push(...outcome.lost.map((row) => t('sweep.rowMoved', { sheet: sheet.getName(), row })));
  result.counts = { ...plan.counts, rowsWritten: outcome.written, rowsLost: outcome.lost.length, columnsAdded: plan.addHeaders.length };
  result.message = t('sweep.done', {
    tasks: plan.counts.tasks ?? 0,
    overdue: plan.counts.overdue ?? 0,
    dueSoon: plan.counts.dueSoon ?? 0,
    invalid: plan.counts.invalid ?? 0,
  });
  return result;
}
