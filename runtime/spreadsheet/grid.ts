/**
 * Cell storage and structural edits on a SheetModel (0-based). Everything that moves with rows
 * and columns when Sheets inserts or deletes them lives here: cells (values, formats, notes,
 * validations travel inside the cell), merges, conditional format ranges, protected ranges,
 * frozen rows/columns, column widths, row heights, hidden rows/columns, the developer
 * metadata on rows and columns, and charts: a chart's anchor cell on this sheet and its data
 * ranges on this sheet, whichever sheet the chart floats over (hence `book`, every sheet).
 */
import type { Cell, GridRange, SheetModel } from '../model.js';
import { recordStructuralEdit } from '../model.js';

export type Dimension = 'rows' | 'columns';

export function cellAt(sheet: SheetModel, r: number, c: number): Cell | undefined {
  const row = sheet.rows[r] as (Cell | undefined)[] | undefined;
  return row ? row[c] : undefined;
}

export function ensureCell(sheet: SheetModel, r: number, c: number): Cell {
  let row = sheet.rows[r] as (Cell | undefined)[] | undefined;
  if (!row) {
    row = [];
    sheet.rows[r] = row;
  }
  let cell = row[c];
  if (!cell) {
    cell = { value: '' };
    row[c] = cell;
  }
  return cell;
}

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || (cell.formula !== undefined && cell.formula !== ''));
}

/** Sheet.getLastRow(): the last row with content, 1-based; 0 for an empty sheet. */
export function lastRowWithContent(sheet: SheetModel): number {
  for (let r = Math.min(sheet.rows.length, sheet.maxRows) - 1; r >= 0; r--) {
    const row = sheet.rows[r] as (Cell | undefined)[] | undefined;
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (hasContent(row[c])) return r + 1;
  }
  return 0;
}

export function lastColumnWithContent(sheet: SheetModel): number {
  let last = 0;
  const rows = Math.min(sheet.rows.length, sheet.maxRows);
  for (let r = 0; r < rows; r++) {
    const row = sheet.rows[r] as (Cell | undefined)[] | undefined;
    if (!row) continue;
    for (let c = row.length - 1; c >= last; c--) {
      if (hasContent(row[c])) {
        last = c + 1;
        break;
      }
    }
  }
  return last;
}

// ---- ranges that move with the grid ------------------------------------------------------

function bounds(range: GridRange, dim: Dimension): [number, number] {
  return dim === 'rows' ? [range.startRow, range.endRow] : [range.startColumn, range.endColumn];
}

function setBounds(range: GridRange, dim: Dimension, start: number, end: number): void {
  if (dim === 'rows') {
    range.startRow = start;
    range.endRow = end;
  } else {
    range.startColumn = start;
    range.endColumn = end;
  }
}

/** New lines at `at` push a range down, or widen it when they land strictly inside it. */
export function shiftForInsert(range: GridRange, dim: Dimension, at: number, n: number): void {
  const [start, end] = bounds(range, dim);
  if (at <= start) setBounds(range, dim, start + n, end + n);
  else if (at < end) setBounds(range, dim, start, end + n);
}

/** Lines [at, at+n) removed: the range shrinks; returns false when nothing of it is left. */
export function shrinkForDelete(range: GridRange, dim: Dimension, at: number, n: number): boolean {
  const move = (x: number): number => (x < at ? x : x >= at + n ? x - n : at);
  const [start, end] = bounds(range, dim);
  const s = move(start);
  const e = move(end);
  setBounds(range, dim, s, e);
  return e > s;
}

/**
 * Row or column metadata follows its line: lines inserted at or before it push it on, and it is
 * deleted with its line ("If the associated object is deleted its metadata is deleted too",
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata).
 */
function moveLineMetadata(sheet: SheetModel, type: 'ROW' | 'COLUMN', at: number, inserted: number, deleted: number): void {
  const items = sheet.developerMetadata;
  if (!items || items.length === 0) return;
  sheet.developerMetadata = items.filter((item) => {
    const loc = item.location;
    if (loc.type !== type || loc.index < at) return true;
    if (loc.index < at + deleted) return false;
    loc.index += inserted - deleted;
    return true;
  });
}

function eachMovingRange(sheet: SheetModel, fn: (range: GridRange) => boolean): void {
  sheet.merges = sheet.merges.filter(fn);
  for (const rule of sheet.conditionalFormats) rule.ranges = rule.ranges.filter(fn);
  sheet.conditionalFormats = sheet.conditionalFormats.filter((rule) => rule.ranges.length > 0);
  sheet.protections = sheet.protections.filter((p) => {
    if (p.unprotectedRanges) p.unprotectedRanges = p.unprotectedRanges.filter(fn);
    return p.range === undefined || fn(p.range);
  });
}

/**
 * Charts follow their anchor cell as a cell's value would; an anchor whose line is deleted stays
 * where that line was. Data ranges grow and shrink like merges; a range deleted whole leaves the
 * chart (Sheets keeps a chart whose data is gone, empty).
 */
function moveCharts(book: readonly SheetModel[], sheet: SheetModel, dim: Dimension, at: number, inserted: number, deleted: number): void {
  const key = dim === 'rows' ? 'row' : 'column';
  const max = dim === 'rows' ? sheet.maxRows : sheet.maxColumns;
  for (const chart of sheet.charts ?? []) {
    const i = chart.anchor[key];
    if (inserted > 0 && i >= at) chart.anchor[key] = i + inserted;
    else if (deleted > 0 && i >= at) chart.anchor[key] = Math.min(Math.max(at, i - deleted), max - 1);
  }
  for (const other of book) {
    for (const chart of other.charts ?? []) {
      chart.ranges = chart.ranges.filter((r) => {
        if (r.sheetId !== sheet.sheetId) return true;
        if (inserted > 0) shiftForInsert(r.range, dim, at, inserted);
        return inserted > 0 || shrinkForDelete(r.range, dim, at, deleted);
      });
    }
  }
}

/** Moves hidden lines: those at or after `at` shift by `delta`; those in [at, at - delta) go (a deletion). */
function shiftHidden(set: Set<number> | undefined, at: number, delta: number): Set<number> | undefined {
  if (!set || set.size === 0) return set;
  const out = new Set<number>();
  for (const i of set) {
    if (i < at) out.add(i);
    else if (delta > 0) out.add(i + delta);
    else if (i >= at - delta) out.add(i + delta);
  }
  return out;
}

/** Moves sizes keyed by line: those at or after `at` shift by `delta`; those in [at, at - delta) go (a deletion). */
function shiftSizes(sizes: Record<number, number>, at: number, delta: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [key, size] of Object.entries(sizes)) {
    const i = Number(key);
    if (i < at) out[i] = size;
    else if (delta > 0) out[i + delta] = size;
    else if (i >= at - delta) out[i + delta] = size;
  }
  return out;
}

/** Format and validation a new line inherits from its neighbour, as Sheets does on insert. */
function inheritedCell(source: Cell | undefined): Cell | undefined {
  if (!source || (!source.format && !source.validation)) return undefined;
  const cell: Cell = { value: '' };
  if (source.format) cell.format = source.format;
  if (source.validation) cell.validation = source.validation;
  return cell;
}

/** Inserts n rows before 0-based row `at`; the new rows take the formats of the row above (or below, at the top). */
export function insertRows(sheet: SheetModel, at: number, n: number, book: readonly SheetModel[]): void {
  recordStructuralEdit(sheet, { dimension: 'rows', kind: 'insert', at, count: n });
  const sourceIndex = at > 0 ? at - 1 : at;
  const source = sheet.rows[sourceIndex] as (Cell | undefined)[] | undefined;
  if (at < sheet.rows.length) {
    const fresh: (Cell | undefined)[][] = [];
    for (let i = 0; i < n; i++) fresh.push(source ? source.map(inheritedCell) : []);
    sheet.rows.splice(at, 0, ...fresh);
  } else if (source && at === sheet.rows.length) {
    for (let i = 0; i < n; i++) sheet.rows.push(source.map(inheritedCell));
  }
  sheet.maxRows += n;
  if (at < sheet.frozenRows) sheet.frozenRows += n;
  moveLineMetadata(sheet, 'ROW', at, n, 0);
  if (sheet.hiddenRows) sheet.hiddenRows = shiftHidden(sheet.hiddenRows, at, n);
  if (sheet.rowHeights) sheet.rowHeights = shiftSizes(sheet.rowHeights, at, n);
  eachMovingRange(sheet, (range) => {
    shiftForInsert(range, 'rows', at, n);
    return true;
  });
  moveCharts(book, sheet, 'rows', at, n, 0);
}

export function deleteRows(sheet: SheetModel, at: number, n: number, book: readonly SheetModel[]): void {
  recordStructuralEdit(sheet, { dimension: 'rows', kind: 'delete', at, count: n });
  if (at < sheet.rows.length) sheet.rows.splice(at, n);
  sheet.maxRows -= n;
  if (at < sheet.frozenRows) sheet.frozenRows = Math.max(at, sheet.frozenRows - n);
  moveLineMetadata(sheet, 'ROW', at, 0, n);
  if (sheet.hiddenRows) sheet.hiddenRows = shiftHidden(sheet.hiddenRows, at, -n);
  if (sheet.rowHeights) sheet.rowHeights = shiftSizes(sheet.rowHeights, at, -n);
  eachMovingRange(sheet, (range) => shrinkForDelete(range, 'rows', at, n));
  moveCharts(book, sheet, 'rows', at, 0, n);
}

export function insertColumns(sheet: SheetModel, at: number, n: number, book: readonly SheetModel[]): void {
  recordStructuralEdit(sheet, { dimension: 'columns', kind: 'insert', at, count: n });
  const sourceIndex = at > 0 ? at - 1 : at;
  for (const row of sheet.rows as ((Cell | undefined)[] | undefined)[]) {
    if (!row) continue;
    const fresh: (Cell | undefined)[] = [];
    for (let i = 0; i < n; i++) fresh.push(inheritedCell(row[sourceIndex]));
    if (at <= row.length) row.splice(at, 0, ...fresh);
  }
  sheet.maxColumns += n;
  if (at < sheet.frozenColumns) sheet.frozenColumns += n;
  moveLineMetadata(sheet, 'COLUMN', at, n, 0);
  if (sheet.hiddenColumns) sheet.hiddenColumns = shiftHidden(sheet.hiddenColumns, at, n);
  sheet.columnWidths = shiftSizes(sheet.columnWidths, at, n);
  eachMovingRange(sheet, (range) => {
    shiftForInsert(range, 'columns', at, n);
    return true;
  });
  moveCharts(book, sheet, 'columns', at, n, 0);
}

export function deleteColumns(sheet: SheetModel, at: number, n: number, book: readonly SheetModel[]): void {
  recordStructuralEdit(sheet, { dimension: 'columns', kind: 'delete', at, count: n });
  for (const row of sheet.rows as ((Cell | undefined)[] | undefined)[]) {
    if (row && at < row.length) row.splice(at, n);
  }
  sheet.maxColumns -= n;
  if (at < sheet.frozenColumns) sheet.frozenColumns = Math.max(at, sheet.frozenColumns - n);
  moveLineMetadata(sheet, 'COLUMN', at, 0, n);
  if (sheet.hiddenColumns) sheet.hiddenColumns = shiftHidden(sheet.hiddenColumns, at, -n);
  sheet.columnWidths = shiftSizes(sheet.columnWidths, at, -n);
  eachMovingRange(sheet, (range) => shrinkForDelete(range, 'columns', at, n));
  moveCharts(book, sheet, 'columns', at, 0, n);
}

export function intersects(a: GridRange, b: GridRange): boolean {
  return a.startRow < b.endRow && b.startRow < a.endRow && a.startColumn < b.endColumn && b.startColumn < a.endColumn;
}

export function contains(outer: GridRange, inner: GridRange): boolean {
  return (
    outer.startRow <= inner.startRow &&
    inner.endRow <= outer.endRow &&
    outer.startColumn <= inner.startColumn &&
    inner.endColumn <= outer.endColumn
  );
}
