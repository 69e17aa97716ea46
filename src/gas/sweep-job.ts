/**
 * The daily sweep: read the task sheet once, decide every row's state in the core, write only
 * the cells the plan owns, keep the colour rules in step. A ledger whose columns cannot be
 * trusted is left untouched; the reason goes to the 台账问题 sheet and to the admin.
 */
import type { Merge } from '../core/ledger/ledger';
import type { TaskRow } from '../core/ledger/tasks';
import { noticeCells } from '../core/notices/cells';
import { owedReportMonths } from '../core/notices/log';
import { describeProblem, type Problem } from '../core/problems/problem';
import { planSweep, type RowCells, type SweepPlan } from '../core/sweep/sweep';
import { tellAdmin } from './admin';
import { applyColourRules } from './colours';
import { adoptLegacyColumns, markColumns, markedColumns } from './marks';
import { keysAfter, sendNotices } from './notices';
import { writeProblemsSheet } from './problems-sheet';
import { sendOwedReportMails } from './publish-job';
import { emptyResult, type JobResult } from './result';
import { formatScriptColumns } from './script-columns';
import { type FoundSheet, ledgerContext, noTaskSheet, openWorkbook, type Workbook } from './workbook';
import { writePlan } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function taskSheetOf(wb: Workbook): FoundSheet | undefined {
  return wb.sheetFor('tasks');
}

/** The task sheet as one read: values, formulas, merges and the script's marked columns. */
export function readTaskSheet(
  sheet: Sheet,
  opts: { adopt?: boolean } = {},
): { values: unknown[][]; formulas: string[][]; merges: Merge[]; scriptColumns: ReturnType<typeof markedColumns> } {
  const marked = markedColumns(sheet);
  // A preview changes nothing, not even a mark: it reads a legacy sheet as if adopted.
  const scriptColumns = Object.keys(marked).length > 0 ? marked : adoptLegacyColumns(sheet, opts.adopt !== false);
  if (sheet.getLastRow() === 0) return { values: [], formulas: [], merges: [], scriptColumns };
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas(), merges: mergesOf(range), scriptColumns };
}

export function mergesOf(range: GoogleAppsScript.Spreadsheet.Range): Merge[] {
  return range
    .getMergedRanges()
    .map((m) => ({ row: m.getRow() - 1, column: m.getColumn() - 1, numRows: m.getNumRows(), numColumns: m.getNumColumns() }));
}

/** Adds the script's missing columns: header text, the mark that makes them the script's, formats. */
export function addScriptColumns(sheet: Sheet, plan: SweepPlan): void {
  if (plan.addHeaders.length === 0) return;
  const first = plan.addHeaders[0]!.column;
  const needed = first + plan.addHeaders.length - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  sheet.getRange(plan.headerRow + 1, first + 1, 1, plan.addHeaders.length).setValues([plan.addHeaders.map((h) => h.text)]);
  markColumns(sheet, plan.addHeaders);
  formatScriptColumns(sheet, plan);
}

/** The notice cells as a plan of their own, each row found by the key it has now (a row keyed today by its new key). */
function noticeCellPlan(plan: SweepPlan, cells: Map<number, RowCells>, keyOf: (task: TaskRow) => string): SweepPlan {
  const taskAt = new Map(plan.tasks.map((task) => [task.index, task] as const));
  const rows = plan.rows.flatMap((r) => {
    const c = cells.get(r.index);
    const task = taskAt.get(r.index);
    return c && task ? [{ ...r, key: keyOf(task), newKey: undefined, script: c.script, fill: [] }] : [];
  });
  return { ...plan, rows };
}

function fail(wb: Workbook, result: JobResult, sheetName: string, message: string, problems: Problem[], now: Date): JobResult {
  result.ok = false;
  result.message = message;
  writeProblemsSheet(wb, [...wb.problems, ...problems], now);
  tellAdmin(wb, result, wb.t('sweep.adminSubject', { sheet: sheetName }), message);
  return result;
}

export function sweepLedger(now: Date): JobResult {
  const started = Date.now();
  const result = emptyResult('sweep');
  const wb = openWorkbook(now);
  const { t } = wb;
  const found = taskSheetOf(wb);
  const context = ledgerContext(wb);
  // Every read before the first write: the report (compared with what it last said) and the notice log.
  wb.sheetFor('problems');
  wb.sheetFor('log');
  result.warnings.push(...wb.problems.map((p) => describeProblem(p, t)));
  if (!found) {
    const message = noTaskSheet(wb);
    return fail(wb, result, wb.settings.taskSheet, message, [{ sheet: wb.settings.taskSheet, row: 0, column: 0, message }], now);
  }
  const sheet = found.sheet;
  const read = readTaskSheet(sheet);
  const plan = planSweep({ sheet: sheet.getName(), ...read, ...context });
  if (!plan.ok) return fail(wb, result, sheet.getName(), plan.message, plan.problems, now);
  addScriptColumns(sheet, plan);
  const outcome = writePlan(sheet, plan, wb.clock.fromDay);
  const lastColumn = Math.max(...Object.values(plan.columns).filter((c): c is number => c !== undefined));
  applyColourRules(sheet, plan.columns.state!, plan.headerRow, lastColumn, wb.settings.colors, t);

  const changes: string[] = [];
  writeProblemsSheet(wb, [...wb.problems, ...plan.problems], now, changes);
  result.warnings.push(...changes);
  result.warnings.push(...plan.problems.map((p) => describeProblem(p, t)));

  // Then the day's notices, and the ledger's notice cells drawn from the log as it now stands.
  const notices = sendNotices(
    wb,
    sheet,
    plan,
    now,
    started,
    result,
    plan.problems.map((p) => describeProblem(p, t)),
  );
  // A month's report mails the quota held back go out now, with the notices' quota left.
  if (owedReportMonths(notices.entries, wb.settings.dryRun).length > 0)
    sendOwedReportMails(wb, plan, read.values, notices.log, now, result);
  const keyOf = keysAfter(plan);
  const cells = noticeCells(plan.tasks, notices.entries, wb.settings.dryRun, keyOf, t);
  writePlan(sheet, noticeCellPlan(plan, cells, keyOf), wb.clock.fromDay, { checkInputs: false });
  result.warnings.push(...outcome.lost.map((row) => t('sweep.rowMoved', { sheet: sheet.getName(), row })));
  result.warnings.push(...outcome.changed.map((row) => t('sweep.changedMeanwhile', { sheet: sheet.getName(), row })));
  result.counts = {
    ...plan.counts,
    rowsWritten: outcome.written,
    rowsLost: outcome.lost.length,
    rowsChangedMeanwhile: outcome.changed.length,
    columnsAdded: plan.addHeaders.length,
  };
  result.message = t('sweep.done', {
    tasks: plan.counts.tasks ?? 0,
    overdue: plan.counts.overdue ?? 0,
    dueSoon: plan.counts.dueSoon ?? 0,
    invalid: plan.counts.invalid ?? 0,
  });
  return result;
}
