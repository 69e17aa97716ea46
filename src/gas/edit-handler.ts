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
import { taskSheetOf } from './sweep-job';
import { writeFills, writeScriptBlocks } from './write-back';

const HEADER_WINDOW = 15;

export interface EditResult {
  handled: boolean;
  rows: number;
}

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): EditResult {
  const none = { handled: false, rows: 0 };
  const range = e.range;
  const sheet = range.getSheet();
  const wb = openWorkbook(now);
  const tasks = taskSheetOf(wb);
  if (!tasks || tasks.getSheetId() !== sheet.getSheetId()) return none;

  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn === 0 || lastRow === 0) return none;
  const window = sheet.getRange(1, 1, Math.min(HEADER_WINDOW, lastRow), lastColumn).getValues();
  const header = findHeader(window);
  if (!header.ok) return none;
  const firstEdited = range.getRow();
  const start = Math.max(firstEdited, header.headerRow + 2);
  const end = Math.min(firstEdited + range.getNumRows() - 1, lastRow);
  if (end < start) return none;

  const rows = sheet.getRange(start, 1, end - start + 1, lastColumn).getValues();
  const values: unknown[][] = [];
  for (let r = 0; r < start - 1; r++) values.push(window[r] ?? []);
  values.push(...rows);
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
