/**
 * Writes a sweep plan into the task sheet, matching rows by key, not by row number.
 *
 * The plan was made from a read at the start of the job; people keep editing meanwhile. So
 * the sheet is read once more just before writing, each planned row is found again by its
 * key (or, for a row that had none, by its task/unit/deadline text), and each contiguous
 * block of script-owned columns is written with one setValues. Rows that cannot be found
 * again (deleted, or edited beyond recognition) are left for the next run, and said so.
 */
import { SCRIPT_FIELDS, type ColumnMap } from '../core/columns';
import type { Day } from '../core/day';
import { fingerprint, type OutValue, type RowWrite, type SweepPlan } from '../core/sweep';
import { cellText } from '../core/text';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface WriteOutcome {
  written: number;
  /** 1-based sheet rows (as read at the start) that could not be found again. */
  lost: number[];
  blocks: number;
}

/** Runs of adjacent 0-based columns: [first, last] inclusive. */
export function contiguousRuns(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** Where each planned row is now, in the fresh values. */
export function locateRows(fresh: unknown[][], plan: Pick<SweepPlan, 'headerRow' | 'keyColumn' | 'columns'>, rows: RowWrite[]): Map<RowWrite, number> {
  // Rows by key, and keyless rows by fingerprint; a key can stand on several rows when a
  // person copied a row (the plan gives the copy a new key, but it is found by the old one).
  const byKey = new Map<string, number[]>();
  const byPrint = new Map<string, number[]>();
  for (let r = plan.headerRow + 1; r < fresh.length; r++) {
    const row = fresh[r] ?? [];
    const key = cellText(row[plan.keyColumn]);
    const index = key !== '' ? byKey : byPrint;
    const name = key !== '' ? key : fingerprint(row, plan.columns);
    const list = index.get(name) ?? [];
    list.push(r);
    index.set(name, list);
  }
  const found = new Map<RowWrite, number>();
  for (const write of rows) {
    const list = write.key !== '' ? byKey.get(write.key) : byPrint.get(write.fingerprint);
    if (!list || list.length === 0) continue;
    // Rows that share a key or a fingerprint are matched nearest first, each only once.
    let best = 0;
    for (let i = 1; i < list.length; i++) {
      if (Math.abs(list[i]! - write.index) < Math.abs(list[best]! - write.index)) best = i;
    }
    found.set(write, list[best]!);
    list.splice(best, 1);
  }
  return found;
}

export function writePlan(sheet: Sheet, plan: SweepPlan, fromDay: (d: Day) => Date): WriteOutcome {
  const toCell = (v: OutValue): unknown => (typeof v === 'object' ? fromDay(v.day) : v);
  const fresh = sheet.getDataRange().getValues();
  const located = locateRows(fresh, plan, plan.rows);
  const lost = plan.rows.filter((w) => !located.has(w)).map((w) => w.index + 1);
  const first = plan.headerRow + 1;
  const last = fresh.length - 1;
  let blocks = 0;
  if (last < first || located.size === 0) return { written: 0, lost, blocks };

  blocks += writeScriptBlocks(sheet, plan.columns, fresh, first, last, located, toCell);

  // Person-owned cells the script may fill: only where the cell is still empty now.
  const fills = new Map<number, Map<number, OutValue>>();
  for (const [write, r] of located) {
    for (const f of write.fill) {
      if (cellText(fresh[r]?.[f.column]) !== '') continue;
      const col = fills.get(f.column) ?? new Map<number, OutValue>();
      col.set(r, f.value);
      fills.set(f.column, col);
    }
  }
  blocks += writeFills(sheet, fills, toCell);
  return { written: located.size, lost, blocks };
}

/**
 * Writes person-owned cells the script may fill (an empty ID, an empty completion date), one
 * block per run of consecutive target rows, so a person's cell between two fills (perhaps a
 * formula) is never read back and rewritten as a value. Returns the number of blocks.
 */
export function writeFills(sheet: Sheet, fills: Map<number, Map<number, OutValue>>, toCell: (v: OutValue) => unknown): number {
  let blocks = 0;
  for (const [column, cells] of fills) {
    for (const [lo, hi] of contiguousRuns([...cells.keys()])) {
      const block: unknown[][] = [];
      for (let r = lo; r <= hi; r++) block.push([toCell(cells.get(r)!)]);
      const range = sheet.getRange(lo + 1, column + 1, block.length, 1);
      // A stamped date shows as a date, not as a date-time, in a cell that had no format.
      if (typeof cells.get(lo) === 'object') range.setNumberFormat('yyyy-mm-dd');
      range.setValues(block);
      blocks++;
    }
  }
  return blocks;
}

/**
 * Writes the script-owned columns for rows first..last (0-based, inclusive) of `current` (the
 * values as they are now), each planned row's cells replaced by the plan: one setValues per
 * run of adjacent script columns. Returns the number of blocks written.
 */
export function writeScriptBlocks(
  sheet: Sheet,
  columns: ColumnMap,
  current: unknown[][],
  first: number,
  last: number,
  located: Map<RowWrite, number>,
  toCell: (v: OutValue) => unknown,
): number {
  const fieldAt = new Map<number, (typeof SCRIPT_FIELDS)[number]>();
  for (const f of SCRIPT_FIELDS) if (columns[f] !== undefined) fieldAt.set(columns[f]!, f);
  let blocks = 0;
  for (const [c0, c1] of contiguousRuns([...fieldAt.keys()])) {
    const block: unknown[][] = [];
    for (let r = first; r <= last; r++) {
      const row = current[r] ?? [];
      const out: unknown[] = [];
      for (let c = c0; c <= c1; c++) out.push(row[c] ?? '');
      block.push(out);
    }
    for (const [write, r] of located) {
      const out = block[r - first];
      if (!out) continue;
      for (let c = c0; c <= c1; c++) {
        const value = write.script[fieldAt.get(c)!];
        if (value !== undefined) out[c - c0] = toCell(value);
      }
    }
    sheet.getRange(first + 1, c0 + 1, block.length, c1 - c0 + 1).setValues(block);
    blocks++;
  }
  return blocks;
}
