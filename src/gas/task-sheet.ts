/**
 * The task sheet (台账): found, read once (values, formulas, merges, the script's marked
 * columns) and turned into the core's Ledger, the one reader every job uses; and the script's
 * columns added to it when they are missing.
 */
import { type Ledger, type LedgerFailure, type LedgerInput, type Merge, readLedger } from '../core/ledger/ledger';
import { markColumns, markedColumns, scriptProtectedColumns } from './marks';
import { formatScriptColumns } from './script-columns';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The task sheet as one read. */
export interface TaskSheetRead {
  values: unknown[][];
  formulas: string[][];
  merges: Merge[];
  /** The script's own columns, by the mark it set on them. */
  scriptColumns: ReturnType<typeof markedColumns>;
  /** When no column is marked: the columns under the script's own protection (a sign of its columns). */
  scriptProtected?: Set<number>;
}

/**
 * The task sheet as one read: values, formulas, merges and the script's marked columns; with no
 * mark at all, the script's protected columns, from which (and from its run of headers) the core
 * recognises its columns (core/ledger/script-block.ts).
 */
export function readTaskSheet(sheet: Sheet): TaskSheetRead {
  const scriptColumns = markedColumns(sheet);
  const unmarked = Object.keys(scriptColumns).length === 0 ? { scriptProtected: scriptProtectedColumns(sheet) } : {};
  if (sheet.getLastRow() === 0) return { values: [], formulas: [], merges: [], scriptColumns, ...unmarked };
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas(), merges: mergesOf(range), scriptColumns, ...unmarked };
}

/** A range's merged ranges, 0-based, as the core reads them. */
export function mergesOf(range: GoogleAppsScript.Spreadsheet.Range): Merge[] {
  return range
    .getMergedRanges()
    .map((m) => ({ row: m.getRow() - 1, column: m.getColumn() - 1, numRows: m.getNumRows(), numColumns: m.getNumColumns() }));
}

/**
 * What every reading of the task sheet takes from the workbook: settings, directory, calendar,
 * today. The directory and the calendar are loaded here if the job has not loaded them yet.
 */
export function ledgerContext(
  wb: Workbook,
): Pick<LedgerInput, 'settings' | 'units' | 'haveDirectory' | 'calendar' | 'today' | 'toDay' | 't'> {
  wb.load(['units', 'calendar']);
  return {
    settings: wb.settings,
    units: wb.units,
    haveDirectory: wb.haveDirectory,
    calendar: wb.calendar,
    today: wb.clock.today,
    toDay: wb.clock.toDay,
    t: wb.t,
  };
}

/** The ledger read from a task sheet read whole, and that read (scores look at cells the ledger does not keep). */
export type TaskLedger = { ok: true; ledger: Ledger; read: TaskSheetRead } | LedgerFailure;

/**
 * The task sheet read once and turned into the ledger: every task with its state today.
 * `onlyRows` (setup: none) limits which rows are decided. The script's columns recognised without
 * their marks are marked again now, unless `adopt` is false: a preview or a publication changes
 * nothing, not even a mark, and reads such a sheet as if they were marked.
 */
export function readTaskLedger(
  wb: Workbook,
  sheet: Sheet,
  opts: { adopt?: boolean; onlyRows?: Set<number>; withReplies?: boolean; withOrders?: boolean } = {},
): TaskLedger {
  const read = readTaskSheet(sheet);
  const ledger = readLedger({
    sheet: sheet.getName(),
    ...read,
    ...ledgerContext(wb),
    ...(opts.onlyRows ? { onlyRows: opts.onlyRows } : {}),
    // Once 整改反馈 exists replies are in use: the ledger gets the reply columns it lacks (issue 16).
    withReplies: opts.withReplies ?? wb.marked.feedback !== undefined,
    ...(opts.withOrders ? { withOrders: true } : {}),
  });
  if (!ledger.ok) return ledger;
  if (ledger.adoption && opts.adopt !== false) markColumns(sheet, ledger.adoption.columns);
  return { ok: true, ledger, read };
}

/** Adds the script's missing columns: header text, the mark that makes them the script's, formats. */
export function addScriptColumns(sheet: Sheet, ledger: Pick<Ledger, 'addHeaders' | 'headerRow' | 'columns'>): void {
  if (ledger.addHeaders.length === 0) return;
  const first = ledger.addHeaders[0]!.column;
  const needed = first + ledger.addHeaders.length - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  sheet.getRange(ledger.headerRow + 1, first + 1, 1, ledger.addHeaders.length).setValues([ledger.addHeaders.map((h) => h.text)]);
  markColumns(sheet, ledger.addHeaders);
  formatScriptColumns(sheet, ledger);
}
