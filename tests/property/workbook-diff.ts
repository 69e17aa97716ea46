/**
 * Comparing a workbook before and after a job, and printing what differs so a person can read
 * it: the office's cells (value, type, formula, number format) against the area the generator
 * made, the whole workbook for a rerun that should change nothing, and a sheet as a small grid.
 */
import type { Cell, CellValue, SheetModel, WorkbookModel } from '../../runtime/model';
import { letter, type OfficeArea } from './ledgers';

const SHANGHAI_MS = 8 * 3600_000;

function typeOf(v: CellValue | undefined): string {
  if (v === undefined || v === '') return 'blank';
  if (v instanceof Date) return 'date';
  return typeof v;
}

function shown(v: CellValue | undefined): string {
  if (v === undefined || v === '') return '';
  if (v instanceof Date) {
    const wall = new Date(v.getTime() + SHANGHAI_MS).toISOString();
    return wall.endsWith('T00:00:00.000Z') ? wall.slice(0, 10) : wall.slice(0, 16).replace('T', ' ');
  }
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** What the office would see of a cell: its value and type, formula and number format. */
export function describeCell(cell: Cell | undefined): string {
  const v = cell?.value;
  const parts = [`${shown(v) || '(blank)'} [${typeOf(v)}]`];
  if (cell?.formula) parts.push(`formula ${cell.formula}`);
  parts.push(`format ${cell?.format?.numberFormat ?? 'General'}`);
  return parts.join(', ');
}

/** The part of a cell the office's promise covers: value (a Date by its time), type, formula, number format. */
function officeKey(cell: Cell | undefined): string {
  const v = cell?.value;
  const value = v instanceof Date ? v.getTime() : (v ?? '');
  return JSON.stringify([typeOf(v), value, cell?.formula ?? '', cell?.format?.numberFormat ?? '']);
}

/** Everything Sheets keeps in a cell, for "changes nothing anywhere". */
function fullKey(cell: Cell | undefined): string {
  if (!cell) return JSON.stringify(['blank', '', '', null, null, null]);
  const v = cell.value;
  const value = v instanceof Date ? v.getTime() : v;
  return JSON.stringify([typeOf(v), value, cell.formula ?? '', cell.format ?? null, cell.note ?? null, cell.validation ?? null]);
}

function cellAt(sheet: SheetModel, r: number, c: number): Cell | undefined {
  return sheet.rows[r]?.[c];
}

export interface CellChange {
  sheet: string;
  /** 0-based. */
  row: number;
  column: number;
  before: Cell | undefined;
  after: Cell | undefined;
  /** Why the cell is the office's (or what else changed). */
  why: string;
}

export interface SheetChange {
  sheet: string;
  what: string;
}

export type Change = CellChange | SheetChange;

export function isCellChange(c: Change): c is CellChange {
  return 'row' in c;
}

/**
 * The first office cell a job changed. In a 'ledger' area (the task sheet, a directory made for
 * Duban) the office owns its columns on every row, below its data too: Duban may only add
 * columns to the right. In a 'sealed' area (an office sheet that shares a name with Duban's)
 * nothing at all may change, formats included, and nothing may be added anywhere on the sheet.
 * Merges the office made stay, and no new merge reaches into the office's columns.
 */
export function officeChange(reference: WorkbookModel, areas: OfficeArea[], after: WorkbookModel): Change | undefined {
  return officeChanges(reference, areas, after, 1)[0];
}

/** Every office cell a job changed (see officeChange), up to `limit`. */
export function officeChanges(reference: WorkbookModel, areas: OfficeArea[], after: WorkbookModel, limit = Infinity): Change[] {
  const changes: Change[] = [];
  for (const area of areas) {
    if (changes.length >= limit) break;
    const before = reference.sheets.find((s) => s.name === area.sheet)!;
    const now = after.sheets.find((s) => s.name === area.sheet);
    if (!now) {
      changes.push({ sheet: area.sheet, what: 'the office’s sheet is gone or renamed' });
      continue;
    }
    const sealed = area.kind === 'sealed';
    const height = Math.max(area.rows, now.rows.length);
    const width = sealed ? Math.max(area.columns, ...now.rows.map((r) => r.length)) : area.columns;
    const key = sealed ? fullKey : officeKey;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const a = cellAt(before, r, c);
        const b = cellAt(now, r, c);
        if (key(a) === key(b)) continue;
        const header = area.headers[c];
        const why = sealed
          ? `《${area.sheet}》 is the office’s own sheet (Duban did not create it)`
          : r >= area.rows
            ? `column ${letter(c)} is the office’s (below its data)`
            : header !== undefined
              ? `column ${letter(c)} is the office’s (header “${header.replace(/\n/g, '⏎')}”)`
              : area.headers.length > 0
                ? `column ${letter(c)} is the office’s (its merged cells reach it)`
                : `column ${letter(c)} is the office’s`;
        // Copies: the job's later runs must not change what this reports.
        changes.push({ sheet: area.sheet, row: r, column: c, before: a, after: structuredClone(b), why });
        if (changes.length >= limit) return changes;
      }
    }
    const kept = (m: (typeof before.merges)[number]): boolean =>
      now.merges.some(
        (x) => x.startRow === m.startRow && x.endRow === m.endRow && x.startColumn === m.startColumn && x.endColumn === m.endColumn,
      );
    const lost = before.merges.find((m) => !kept(m));
    if (lost) changes.push({ sheet: area.sheet, what: `the office’s merge ${rangeA1(lost)} is gone` });
    const added = now.merges.find(
      (m) => !before.merges.some((x) => JSON.stringify(x) === JSON.stringify(m)) && (sealed || m.startColumn < area.columns),
    );
    if (added) changes.push({ sheet: area.sheet, what: `a new merge ${rangeA1(added)} reaches into the office’s columns` });
  }
  return changes.slice(0, limit);
}

function rangeA1(m: { startRow: number; startColumn: number; endRow: number; endColumn: number }): string {
  return `${letter(m.startColumn)}${m.startRow + 1}:${letter(m.endColumn - 1)}${m.endRow}`;
}

/** A deep copy to compare against later (Dates stay Dates). */
export function snapshot(wb: WorkbookModel): WorkbookModel {
  return structuredClone(wb);
}

const SHEET_PROPERTIES = [
  'maxRows',
  'maxColumns',
  'frozenRows',
  'frozenColumns',
  'merges',
  'conditionalFormats',
  'protections',
  'columnWidths',
  'rowHeights',
  'hidden',
  'tabColor',
] as const;

/** The first difference anywhere in the workbook: sheets, every cell in full, and each sheet's properties. */
export function workbookChange(before: WorkbookModel, after: WorkbookModel): Change | undefined {
  const names = (wb: WorkbookModel): string => wb.sheets.map((s) => s.name).join(' | ');
  if (names(before) !== names(after)) return { sheet: '(workbook)', what: `sheets were [${names(before)}], now [${names(after)}]` };
  for (let i = 0; i < before.sheets.length; i++) {
    const a = before.sheets[i]!;
    const b = after.sheets[i]!;
    const height = Math.max(a.rows.length, b.rows.length);
    for (let r = 0; r < height; r++) {
      const width = Math.max(a.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        if (fullKey(cellAt(a, r, c)) !== fullKey(cellAt(b, r, c))) {
          return {
            sheet: a.name,
            row: r,
            column: c,
            before: cellAt(a, r, c),
            after: structuredClone(cellAt(b, r, c)),
            why: 'a rerun on the same day changed it',
          };
        }
      }
    }
    for (const p of SHEET_PROPERTIES) {
      const x = JSON.stringify(a[p] ?? null);
      const y = JSON.stringify(b[p] ?? null);
      if (x !== y) return { sheet: a.name, what: `${p} changed:\n    before ${clip(x)}\n    after  ${clip(y)}` };
    }
  }
  return undefined;
}

function clip(s: string, max = 400): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function describeChange(change: Change): string {
  if (!isCellChange(change)) return `《${change.sheet}》: ${change.what}`;
  const where = `《${change.sheet}》${letter(change.column)}${change.row + 1}`;
  const format = (cell: Cell | undefined): string => {
    const extra = cell?.format ? JSON.stringify(cell.format) : '';
    return `${describeCell(cell)}${extra && extra !== JSON.stringify({ numberFormat: cell?.format?.numberFormat }) ? ` ${extra}` : ''}`;
  };
  return `${where}: ${change.why}\n    before: ${format(change.before)}\n    after:  ${format(change.after)}`;
}

// ---- printing a sheet -------------------------------------------------------------------------

/** Columns a CJK character takes in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function fitText(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function padTo(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** How a cell is shown in a grid: a formula as itself, text in an '@' cell marked with @. */
function gridText(cell: Cell | undefined): string {
  if (!cell) return '';
  const value = typeof cell.value === 'string' ? cell.value.replace(/\n/g, '⏎') : shown(cell.value);
  if (cell.formula) return `${cell.formula}${value !== '' ? `→${value}` : '→""'}`;
  const plain = cell.format?.numberFormat === '@' ? '@' : '';
  return `${plain}${value}`;
}

/** The sheet as a small grid (rows × columns), with its merges; `width` caps the columns shown. */
export function grid(sheet: SheetModel, width?: number, maxCell = 22): string {
  // Rows and columns that hold only formats (a column formatted to the bottom of the grid) are left out.
  const filled = (cell: Cell | undefined): boolean => cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
  const lastIn = (row: (Cell | undefined)[]): number => row.reduce((last, cell, c) => (filled(cell) ? c : last), -1);
  const height = sheet.rows.reduce((last, row, r) => (lastIn(row) >= 0 ? r + 1 : last), 0);
  const rows = sheet.rows.slice(0, height);
  const cols = width ?? Math.max(0, ...rows.map((r) => lastIn(r) + 1), ...sheet.merges.map((m) => m.endColumn));
  const table: string[][] = [['', ...Array.from({ length: cols }, (_, c) => letter(c))]];
  rows.forEach((row, r) => {
    table.push([String(r + 1), ...Array.from({ length: cols }, (_, c) => fitText(gridText(row[c]), maxCell))]);
  });
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => displayWidth(row[c] ?? ''))));
  const lines = table.map((row) =>
    row
      .map((s, c) => padTo(s, widths[c]!))
      .join(' | ')
      .trimEnd(),
  );
  const merges = sheet.merges.map(rangeA1);
  return [`《${sheet.name}》`, ...lines.map((l) => `  ${l}`), ...(merges.length > 0 ? [`  merged: ${merges.join(', ')}`] : [])].join('\n');
}
