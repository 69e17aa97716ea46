/**
 * onEdit: a person changed task rows; re-evaluate just those rows at once.
 *
 * A simple trigger: no mail, 30 seconds. It reads the settings, directory and holidays, the
 * header window and the edited rows (not the whole ledger), and writes each script-owned
 * block once; a pasted block of 500 rows costs the same calls as one cell.
 */
import { findHeader } from '../core/header';
import { planSweep, type OutValue } from '../core/sweep';
import { openWorkbook, ledgerContext } from './workbook';
import { applyColourRules, paintLegend } from './colours';
import { allTexts } from '../core/i18n';
import { taskSheetOf } from './sweep-job';
import { writeFills, writeScriptBlocks } from './write-back';

const HEADER_WINDOW = 15;

/** The task sheet's header, read from its first rows only (the edit trigger never reads the whole ledger). */
function readHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn === 0 || lastRow === 0) return undefined;
  const window = sheet.getRange(1, 1, Math.min(HEADER_WINDOW, lastRow), lastColumn).getValues();
  const header = findHeader(window);
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
  const name = sheet.getName();
  // The directory, holidays and the problem report matter at the next sweep: nothing to do now.
  if ((['sheet.units', 'sheet.holidays', 'sheet.problems'] as const).some((key) => allTexts(key).includes(name))) return none;
  const wb = openWorkbook(now);
  const tasks = taskSheetOf(wb);
  if (!tasks) return none;
  if (allTexts('sheet.settings').includes(name)) {
    // A colour changed in 设置 shows at once, on the legend and on the rows.
    paintLegend(sheet);
    const found = readHeader(tasks);
    if (found?.header.columns.state !== undefined) {
      applyColourRules(tasks, found.header.columns.state, found.header.headerRow, found.lastColumn - 1, wb.settings.colors, wb.t);
    }
    return { handled: true, rows: 0 };
  }
  if (tasks.getSheetId() !== sheet.getSheetId()) return none;

  const found = readHeader(sheet);
  if (!found) return none;
  const { header, window, lastColumn, lastRow } = found;
  const firstEdited = range.getRow();
  const start = Math.max(firstEdited, header.headerRow + 2);
  const end = Math.min(firstEdited + range.getNumRows() - 1, lastRow);
  if (end < start) return none;

  const rows = sheet.getRange(start, 1, end - start + 1, lastColumn).getValues();
  // The rows in their places below the header window (the rows between are not read).
  const values: unknown[][] = new Array<unknown[]>(start - 1);
  for (let r = 0; r < start - 1; r++) values[r] = window[r] ?? [];
  for (const row of rows) values.push(row);
  const onlyRows = new Set<number>();
  for (let r = start - 1; r < end; r++) onlyRows.add(r);

  const editedFirstColumn = range.getColumn() - 1;
  const editedLastColumn = editedFirstColumn + range.getNumColumns() - 1;
  const touches = (c: number | undefined): boolean => c !== undefined && c >= editedFirstColumn && c <= editedLastColumn;
  const plan = planSweep({
    sheet: sheet.getName(),
    values,
    ...ledgerContext(wb),
    onlyRows,
    assignKeys: false,
    statusEdited: touches(header.columns.status) || touches(header.columns.closedFlag),
  });
  // A ledger setup has not finished (script columns missing) is left to setup and the sweep.
  if (!plan.ok || plan.addHeaders.length > 0) return none;

  const toCell = (v: OutValue): unknown => (typeof v === 'object' ? wb.clock.fromDay(v.day) : v);
  // The edit trigger writes where it read, a moment ago: each planned row is its own index.
  const located = new Map(plan.rows.map((w) => [w, w.index] as const));
  writeScriptBlocks(sheet, plan.columns, values, start - 1, end - 1, located, toCell);
  const fills = new Map<number, Map<number, OutValue>>();
  for (const write of plan.rows) {
    for (const fill of write.fill) {
      const cells = fills.get(fill.column) ?? new Map<number, OutValue>();
      cells.set(write.index, fill.value);
      fills.set(fill.column, cells);
    }
  }
  writeFills(sheet, fills, toCell);
  return { handled: true, rows: plan.tasks.length };
}
