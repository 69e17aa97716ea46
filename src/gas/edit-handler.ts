/**
 * onEdit: a person changed task rows; re-evaluate just those rows at once.
 *
 * A simple trigger: no mail, 30 seconds. It reads the settings, directory and holidays, the
 * header window and the edited rows (not the whole ledger), and writes each script-owned
 * block once; a pasted block of 500 rows costs the same calls as one cell.
 */
import { findHeader } from '../core/header';
import { planSweep, type OutValue } from '../core/sweep';
import { SCRIPT_FIELDS } from '../core/columns';
import { openWorkbook, ledgerContext } from './workbook';
import { taskSheetOf } from './sweep-job';
import { contiguousRuns, writeFills } from './write-back';

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
  const scriptColumns = SCRIPT_FIELDS.map((f) => plan.columns[f]).filter((c): c is number => c !== undefined);
  const fieldAt = new Map<number, (typeof SCRIPT_FIELDS)[number]>();
  for (const f of SCRIPT_FIELDS) if (plan.columns[f] !== undefined) fieldAt.set(plan.columns[f]!, f);
  for (const [c0, c1] of contiguousRuns(scriptColumns)) {
    const block = rows.map((row) => row.slice(c0, c1 + 1).concat(Array<unknown>(Math.max(0, c1 + 1 - row.length)).fill('')).slice(0, c1 - c0 + 1));
    for (const write of plan.rows) {
      const out = block[write.index - (start - 1)];
      if (!out) continue;
      for (let c = c0; c <= c1; c++) {
        const v = write.script[fieldAt.get(c)!];
        if (v !== undefined) out[c - c0] = toCell(v);
      }
    }
    sheet.getRange(start, c0 + 1, block.length, c1 - c0 + 1).setValues(block);
  }
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
