/**
 * Writes a sweep plan into the task sheet, matching rows by key, not by row number, and
 * writing only the cells the plan owns.
 *
 * The plan was made from a read at the start of the job; people keep editing meanwhile. So
 * just before writing, what the write checks is read once more: the key, the decision's inputs
 * and the cells it writes, of the rows it writes (issue 17: not the whole sheet again). Each
 * planned row is found again by its key (or, for a row that had none, by its task/unit/deadline
 * text); when a row is not where it was (a person inserted, deleted or sorted rows), those
 * columns are read again for the whole sheet and every row is looked for there. A row whose
 * inputs changed since the read (a person closed it a moment ago) is not written: the edit
 * trigger has re-evaluated it already. Every other cell keeps its value, formula, type and format:
 * a block never spans a cell the plan does not own unless that cell is truly empty.
 */

import type { Day } from '../core/calendar/day';
import { type ColumnMap, SCRIPT_FIELD_FORMAT, SCRIPT_FIELDS, type ScriptField } from '../core/ledger/columns';
import {
  decisionInputs,
  fingerprint,
  fingerprintColumns,
  inputColumns,
  type OutValue,
  type RowWrite,
  type SweepPlan,
} from '../core/sweep/sweep';
import { cellText } from '../core/text/text';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface WriteOutcome {
  written: number;
  /** 1-based sheet rows (as read at the start) that could not be found again. */
  lost: number[];
  /** 1-based sheet rows (as they are now) that a person changed since the read: left as they are. */
  changed: number[];
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
export function locateRows(
  fresh: unknown[][],
  plan: Pick<SweepPlan, 'headerRow' | 'keyColumn' | 'columns'>,
  rows: RowWrite[],
): Map<RowWrite, number> {
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

/**
 * `checkInputs: false` is for cells that do not follow from the row's cells (the notice counts,
 * drawn from the log): a person's edit since the read does not make them wrong.
 */
export function writePlan(sheet: Sheet, plan: SweepPlan, fromDay: (d: Day) => Date, opts: { checkInputs?: boolean } = {}): WriteOutcome {
  const toCell = (v: OutValue): unknown => (typeof v === 'object' ? fromDay(v.day) : v);
  const checkInputs = opts.checkInputs !== false;
  const { fresh, formulas, located } = reread(sheet, plan, checkInputs);
  const lost = plan.rows.filter((w) => !located.has(w)).map((w) => w.index + 1);
  const changed: number[] = [];
  for (const [write, r] of located) {
    if (!checkInputs || decisionInputs(fresh[r] ?? [], plan.columns) === write.inputs) continue;
    located.delete(write);
    changed.push(r + 1);
  }
  if (located.size === 0) return { written: 0, lost, changed, blocks: 0 };
  let blocks = writeScriptCells(sheet, plan.columns, fresh, formulas, located, toCell);
  blocks += writeFills(sheet, fillsOf(located, fresh, formulas), toCell);
  return { written: located.size, lost, changed, blocks };
}

/** The columns a write writes (its script cells and fills) and the ones it reads to check (key, inputs, fingerprint). */
function columnsOf(plan: SweepPlan, checkInputs: boolean): { written: number[]; read: number[] } {
  const written = new Set<number>();
  let keyless = false;
  for (const w of plan.rows) {
    for (const field of Object.keys(w.script) as ScriptField[]) {
      const c = plan.columns[field];
      if (c !== undefined) written.add(c);
    }
    for (const f of w.fill) written.add(f.column);
    if (w.key === '') keyless = true;
  }
  const read = new Set([...written, plan.keyColumn]);
  if (checkInputs) for (const c of inputColumns(plan.columns)) read.add(c);
  if (keyless) for (const c of fingerprintColumns(plan.columns)) read.add(c);
  return { written: [...written], read: [...read] };
}

/**
 * Reads rows [first, last] (0-based) of the columns `read` (values) and `written` (formulas),
 * each as one block over the span they cover, placed at their sheet positions so that
 * `fresh[r][c]` is row r, column c as everywhere else. Two round trips, whatever the rows.
 * The formulas first: a test's edit "just before the re-read" is seen by both.
 */
function readSpan(
  sheet: Sheet,
  first: number,
  last: number,
  read: number[],
  written: number[],
): { fresh: unknown[][]; formulas: string[][] } {
  const block = <T>(columns: number[], get: (range: GoogleAppsScript.Spreadsheet.Range) => T[][]): T[][] => {
    const out: T[][] = [];
    if (columns.length === 0 || last < first) return out;
    const c0 = Math.min(...columns);
    const c1 = Math.max(...columns);
    const rows = get(sheet.getRange(first + 1, c0 + 1, last - first + 1, c1 - c0 + 1));
    rows.forEach((row, i) => {
      const placed: T[] = new Array<T>(c0);
      placed.push(...row);
      out[first + i] = placed;
    });
    return out;
  };
  const formulas = block(written, (range) => range.getFormulas());
  const fresh = block(read, (range) => range.getValues());
  return { fresh, formulas };
}

/**
 * What the write checks, read again, and where each planned row is now. First the rows the
 * plan writes, where they were; if every one is still there under its key (or, keyless, its
 * fingerprint), that is the answer. Otherwise a person moved rows: the same columns are read
 * for the whole sheet and each row looked for by key (locateRows), never taken from its old place.
 */
function reread(
  sheet: Sheet,
  plan: SweepPlan,
  checkInputs: boolean,
): { fresh: unknown[][]; formulas: string[][]; located: Map<RowWrite, number> } {
  if (plan.rows.length === 0) return { fresh: [], formulas: [], located: new Map() };
  const { read, written } = columnsOf(plan, checkInputs);
  const first = Math.min(...plan.rows.map((w) => w.index));
  const last = Math.max(...plan.rows.map((w) => w.index));
  const near = readSpan(sheet, first, last, read, written);
  const inPlace = plan.rows.every((w) => {
    const row = near.fresh[w.index] ?? [];
    const key = cellText(row[plan.keyColumn]);
    return key === w.key && (key !== '' || fingerprint(row, plan.columns) === w.fingerprint);
  });
  if (inPlace) return { ...near, located: new Map(plan.rows.map((w) => [w, w.index] as const)) };
  const whole = readSpan(sheet, plan.headerRow + 1, sheet.getLastRow() - 1, read, written);
  return { ...whole, located: locateRows(whole.fresh, plan, plan.rows) };
}

function isEmpty(value: unknown, formula: string | undefined): boolean {
  return (formula ?? '') === '' && !(value instanceof Date) && cellText(value) === '';
}

/** Person-owned cells the script may fill, where the cell is still empty now: no value and no formula. */
export function fillsOf(located: Map<RowWrite, number>, current: unknown[][], formulas: string[][]): Map<number, Map<number, OutValue>> {
  const fills = new Map<number, Map<number, OutValue>>();
  for (const [write, r] of located) {
    for (const f of write.fill) {
      if (!isEmpty(current[r]?.[f.column], formulas[r]?.[f.column])) continue;
      const col = fills.get(f.column) ?? new Map<number, OutValue>();
      col.set(r, f.value);
      fills.set(f.column, col);
    }
  }
  return fills;
}

/**
 * Writes person-owned cells the script may fill (an empty completion date), one block per run
 * of consecutive target rows, so a person's cell between two fills is never rewritten.
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

function sameCell(current: unknown, next: unknown): boolean {
  if (current instanceof Date || next instanceof Date) {
    return current instanceof Date && next instanceof Date && current.getTime() === next.getTime();
  }
  return (current ?? '') === next;
}

/**
 * The rows [first, last] (0-based, inclusive) each script column writes: runs that start and
 * end on a cell that changes and cross only cells the plan owns or that are truly empty.
 */
export function columnSegments(
  column: number,
  desired: Map<number, unknown>,
  current: unknown[][],
  formulas: string[][],
): [number, number][] {
  const changing = [...desired]
    .filter(([r, v]) => (formulas[r]?.[column] ?? '') !== '' || !sameCell(current[r]?.[column], v))
    .map(([r]) => r)
    .sort((a, b) => a - b);
  const segments: [number, number][] = [];
  for (const r of changing) {
    const last = segments[segments.length - 1];
    if (last) {
      let bridge = true;
      for (let g = last[1] + 1; g < r && bridge; g++) bridge = desired.has(g) || isEmpty(current[g]?.[column], formulas[g]?.[column]);
      if (bridge) {
        last[1] = r;
        continue;
      }
    }
    segments.push([r, r]);
  }
  return segments;
}

/**
 * Writes the planned script cells of the located rows. Each script column gets the segments
 * of rows it must change; adjacent columns with the same segments share one block; each block
 * is one setNumberFormats (so the script's text stays text whatever it looks like: a note
 * quoting '=HYPERLINK(…)' or '007') and one setValues. The calls follow the ledger's layout,
 * not its length. Returns the number of blocks written.
 */
export function writeScriptCells(
  sheet: Sheet,
  columns: ColumnMap,
  current: unknown[][],
  formulas: string[][],
  located: Map<RowWrite, number>,
  toCell: (v: OutValue) => unknown,
): number {
  const perColumn: { column: number; field: ScriptField; desired: Map<number, unknown>; segments: [number, number][] }[] = [];
  for (const field of SCRIPT_FIELDS) {
    const column = columns[field];
    if (column === undefined) continue;
    const desired = new Map<number, unknown>();
    for (const [write, r] of located) {
      const v = write.script[field];
      if (v !== undefined) desired.set(r, toCell(v));
    }
    const segments = columnSegments(column, desired, current, formulas);
    if (segments.length > 0) perColumn.push({ column, field, desired, segments });
  }
  perColumn.sort((a, b) => a.column - b.column);

  let blocks = 0;
  for (let i = 0; i < perColumn.length; ) {
    // Adjacent columns with identical segments form one rectangle.
    let j = i + 1;
    const key = JSON.stringify(perColumn[i]!.segments);
    while (j < perColumn.length && perColumn[j]!.column === perColumn[j - 1]!.column + 1 && JSON.stringify(perColumn[j]!.segments) === key)
      j++;
    const group = perColumn.slice(i, j);
    for (const [lo, hi] of group[0]!.segments) {
      const values: unknown[][] = [];
      const formats: string[][] = [];
      for (let r = lo; r <= hi; r++) {
        values.push(group.map((g) => (g.desired.has(r) ? g.desired.get(r) : '')));
        formats.push(group.map((g) => SCRIPT_FIELD_FORMAT[g.field]));
      }
      const range = sheet.getRange(lo + 1, group[0]!.column + 1, hi - lo + 1, group.length);
      range.setNumberFormats(formats);
      range.setValues(values);
      blocks++;
    }
    i = j;
  }
  return blocks;
}
