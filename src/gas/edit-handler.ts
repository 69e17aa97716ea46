/**
 * onEdit: a person changed task rows; re-evaluate just those rows at once.
 *
 * A simple trigger: no mail, 30 seconds. It reads the settings and the script's marks first;
 * only an edit of task rows goes on to read the directory, the holidays, the header window
 * and the edited rows (not the whole ledger), and writes only the planned cells of those rows;
 * a pasted block of 500 rows costs the same calls as one cell.
 */

import { ymdFromDay } from '../core/calendar/day';
import { readReplyState } from '../core/feedback/reply-state';
import { DEFAULT_MAX_SCAN_ROWS, findHeader } from '../core/ledger/header';
import { readLedger } from '../core/ledger/ledger';
import { parseStatus } from '../core/ledger/status';
import { highestNumber, seriesPrefix } from '../core/notices/log';
import { type OutValue, planWrite } from '../core/sweep/sweep';
import { applyColourRules, paintLegend } from './colours';
import { saveCounters } from './counters';
import { sendApproved } from './interviews';
import { markedColumns, markedSheets } from './marks';
import { bookOf, openLog } from './notice-log';
import { emptyResult, type JobResult } from './result';
import { ledgerContext, mergesOf } from './task-sheet';
import { openWorkbook } from './workbook';
import { fillsOf, writeFills, writeScriptCells } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The task sheet's header, read from its first rows only, the rows the core looks for it in (the edit trigger never reads the whole ledger). */
function readHeader(sheet: Sheet, own: ReadonlySet<number>) {
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn === 0 || lastRow === 0) return undefined;
  const window = sheet.getRange(1, 1, Math.min(DEFAULT_MAX_SCAN_ROWS, lastRow), lastColumn).getValues();
  const header = findHeader(window, { ignore: own });
  return header.ok ? { header, window, lastColumn, lastRow } : undefined;
}

export interface EditResult {
  handled: boolean;
  rows: number;
}

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): EditResult {
  const none = { handled: false, rows: 0 };
  const range = e.range;
  const sheet = range.getSheet();
  const wb = openWorkbook(now);
  const id = sheet.getSheetId();
  const isRole = (role: 'settings' | 'tasks'): boolean =>
    (role === 'tasks' ? wb.taskSheet() : wb.sheetFor(role)?.sheet)?.getSheetId() === id;
  if (isRole('settings')) {
    // A colour changed in 设置 shows at once, on the legend and on the rows.
    paintLegend(sheet);
    const tasks = wb.taskSheet();
    if (!tasks) return { handled: true, rows: 0 };
    const own = markedColumns(tasks);
    const found = readHeader(tasks, new Set(Object.values(own)));
    if (found && own.state !== undefined) {
      applyColourRules(tasks, own.state, found.header.headerRow, found.lastColumn - 1, wb.settings.colors, wb.t);
    }
    return { handled: true, rows: 0 };
  }
  // The directory, holidays, the report and the office's other sheets matter at the next sweep.
  if (!isRole('tasks')) return none;

  const scriptColumns = markedColumns(sheet);
  // A ledger setup has not finished (no script columns yet) is left to setup and the sweep.
  if (scriptColumns.state === undefined) return none;
  const found = readHeader(sheet, new Set(Object.values(scriptColumns)));
  if (!found) return none;
  const { header, window, lastColumn, lastRow } = found;
  const firstEdited = range.getRow();
  const start = Math.max(firstEdited, header.headerRow + 2);
  const end = Math.min(firstEdited + range.getNumRows() - 1, lastRow);
  if (end < start) return none;

  // A unit merged down from a row above the edit belongs to the edited rows too: read from the merge's top.
  const merges = mergesOf(sheet.getRange(start, 1, end - start + 1, lastColumn));
  const top = Math.max(header.headerRow + 2, Math.min(start, ...merges.map((m) => m.row + 1)));
  const block = sheet.getRange(top, 1, end - top + 1, lastColumn);
  const rows = block.getValues();
  const rowFormulas = block.getFormulas();
  // The rows in their places below the header window (the rows between are not read).
  const values: unknown[][] = new Array<unknown[]>(top - 1);
  const formulas: string[][] = new Array<string[]>(top - 1);
  for (let r = 0; r < top - 1; r++) {
    values[r] = window[r] ?? [];
    formulas[r] = [];
  }
  values.push(...rows);
  formulas.push(...rowFormulas);
  const onlyRows = new Set<number>();
  for (let r = start - 1; r < end; r++) onlyRows.add(r);

  const editedFirstColumn = range.getColumn() - 1;
  const editedLastColumn = editedFirstColumn + range.getNumColumns() - 1;
  const touches = (c: number | undefined): boolean => c !== undefined && c >= editedFirstColumn && c <= editedLastColumn;
  const ledger = readLedger({
    sheet: sheet.getName(),
    values,
    formulas,
    merges,
    scriptColumns,
    ...ledgerContext(wb),
    onlyRows,
    statusEdited: touches(header.columns.status) || touches(header.columns.closedFlag),
  });
  if (!ledger.ok || ledger.addHeaders.length > 0) return none;
  // The edit trigger read only some rows: it cannot number keys (the next sweep does).
  const plan = planWrite(ledger, { assignKeys: false });

  const toCell = (v: OutValue): unknown => (typeof v === 'object' ? wb.clock.fromDay(v.day) : v);
  // The edit trigger writes where it read, a moment ago: each planned row is its own index.
  const located = new Map(plan.rows.map((w) => [w, w.index] as const));
  writeScriptCells(sheet, plan.columns, values, formulas, located, toCell);
  writeFills(sheet, fillsOf(located, values, formulas), toCell);
  return { handled: true, rows: plan.tasks.length };
}

/**
 * Whether an edit sends a task back (退回) in the ledger: a value that reads as 退回 typed or pasted
 * into the task sheet. Its 退回通知 is owed the same day (issue 14); the sweep that sends it runs a
 * minute later (a one-off trigger), so the edit itself stays quick. The value is looked at first:
 * any other edit reads no sheet.
 */
export function isReturnEdit(e: GoogleAppsScript.Events.SheetsOnEdit): boolean {
  const values =
    e.value !== undefined ? [e.value] : e.range.getNumRows() * e.range.getNumColumns() <= 500 ? e.range.getValues().flat() : [];
  if (!values.some((v) => parseStatus(v).code === 'returned')) return false;
  const tasks = openWorkbook(new Date()).taskSheet();
  return tasks?.getSheetId() === e.range.getSheet().getSheetId();
}

/**
 * Whether an edit is the verifier's 验收结果 in 整改反馈 (issue 16: a value 通过 or 退回 on Duban's
 * marked sheet): the installable trigger then schedules the sweep's continuation a minute later,
 * which acts on it (gas/verification.ts) and sends the 退回通知 the same day.
 */
export function isFeedbackEdit(e: GoogleAppsScript.Events.SheetsOnEdit): boolean {
  const sheet = e?.range?.getSheet();
  if (!sheet) return false;
  const values =
    e.value !== undefined ? [e.value] : e.range.getNumRows() * e.range.getNumColumns() <= 500 ? e.range.getValues().flat() : [];
  if (!values.some((v) => readReplyState(v) === 'returned' || readReplyState(v) === 'passed')) return false;
  return markedSheets(SpreadsheetApp.getActiveSpreadsheet()).feedback?.getSheetId() === sheet.getSheetId();
}

/** Whether an edit is on 约谈安排 (the script's marked sheet): only then does the installable trigger act. */
export function isInterviewEdit(e: GoogleAppsScript.Events.SheetsOnEdit): boolean {
  const sheet = e?.range?.getSheet();
  if (!sheet) return false;
  // The marks alone (one finder call): an edit elsewhere reads no sheet at all.
  return markedSheets(SpreadsheetApp.getActiveSpreadsheet()).interviews?.getSheetId() === sheet.getSheetId();
}

/**
 * The installable edit trigger (onInterviewEdit), under the document lock: a person's edit of
 * 约谈安排 that completes a case (审批 同意, 约谈时间, 约谈地点) sends its 约谈通知 now, through the
 * same claim, flush, send and confirm as the sweep; any other edit sends nothing.
 */
export function handleInterviewEdit(now: Date): JobResult {
  const result = emptyResult('interviewEdit');
  const wb = openWorkbook(now);
  wb.load(['units', 'log', 'interviews']);
  const changes: string[] = [];
  const book = bookOf(openLog(wb, changes));
  sendApproved(wb, book, now, result);
  const year = ymdFromDay(wb.clock.today).year;
  const n = highestNumber([...book.kept.values()], year, seriesPrefix('interview', wb.settings.noticePrefix, wb.t));
  saveCounters({ numbers: [{ series: 'interview', year, n }] });
  result.message = wb.t('iv.editDone', { count: result.mails.length });
  return result;
}
