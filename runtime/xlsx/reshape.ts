/**
 * Replays the runtime's row and column insertions and deletions on a worksheet exceljs read, so
 * that everything the model does not hold moves with the cells: hyperlinks, rich text, row and
 * column properties (hidden, outline level, style), data validations, autofilter, images, page
 * breaks, print areas and other defined names. The worksheet is rebuilt from its own exceljs
 * model with every address moved, the way exceljs itself loads a file.
 */
import type ExcelJS from 'exceljs';
import type { GridRange } from '../model.js';
import type { AxisMap } from './axis-map.js';
import { keepEmptyRowProperties } from './export.js';
import { columnIndex, columnLetters, rangeA1 } from './ranges.js';

export interface Axes {
  rows: AxisMap;
  cols: AxisMap;
}

/** exceljs's ValueType.Null and ValueType.Merge. */
const NULL = 0;
const MERGE = 1;

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;

function parseCell(ref: string): { col: string; row: string; c: number; r: number } | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  return { col: `${m[1]}${m[2]}`, row: `${m[3]}${m[4]}`, c: columnIndex(m[2]), r: Number(m[4]) - 1 };
}

/**
 * Moves an A1 reference without a sheet: `B3`, `$A$1:$C$9`, `$B:$D` (columns), `$2:$5` (rows),
 * keeping its `$` signs. Undefined when everything it covered was deleted.
 */
export function moveRef(ref: string, axes: Axes): string | undefined {
  const [a, b] = ref.split(':');
  const letters = /^(\$?)([A-Za-z]{1,3})$/;
  const digits = /^(\$?)(\d+)$/;
  if (b !== undefined && letters.test(a) && letters.test(b)) {
    const [, d1, l1] = letters.exec(a) ?? [];
    const [, d2, l2] = letters.exec(b) ?? [];
    const span = axes.cols.span(columnIndex(l1), columnIndex(l2) + 1);
    return span ? `${d1}${columnLetters(span[0])}:${d2}${columnLetters(span[1] - 1)}` : undefined;
  }
  if (b !== undefined && digits.test(a) && digits.test(b)) {
    const [, d1, n1] = digits.exec(a) ?? [];
    const [, d2, n2] = digits.exec(b) ?? [];
    const span = axes.rows.span(Number(n1) - 1, Number(n2));
    return span ? `${d1}${span[0] + 1}:${d2}${span[1]}` : undefined;
  }
  const tl = parseCell(a);
  const br = b === undefined ? tl : parseCell(b);
  if (!tl || !br) return ref;
  const rows = axes.rows.span(tl.r, br.r + 1);
  const cols = axes.cols.span(tl.c, br.c + 1);
  if (!rows || !cols) return undefined;
  const dollar = (part: string): string => (part.startsWith('$') ? '$' : '');
  const first = `${dollar(tl.col)}${columnLetters(cols[0])}${dollar(tl.row)}${rows[0] + 1}`;
  if (b === undefined) return first;
  return `${first}:${dollar(br.col)}${columnLetters(cols[1] - 1)}${dollar(br.row)}${rows[1]}`;
}

/** Moves a space-separated list of ranges (an sqref), dropping those deleted whole. */
export function moveSqref(sqref: string, axes: Axes): string | undefined {
  const moved = sqref
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((s) => moveRef(s, axes))
    .filter((s): s is string => s !== undefined);
  return moved.length > 0 ? moved.join(' ') : undefined;
}

interface CellModel {
  address: string;
  type?: number;
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
  ref?: string;
  [key: string]: unknown;
}

interface RowModel {
  number: number;
  cells: CellModel[];
  min?: number;
  max?: number;
  [key: string]: unknown;
}

interface ColModel {
  min: number;
  max: number;
  [key: string]: unknown;
}

interface AnchorModel {
  nativeCol?: number;
  nativeRow?: number;
  [key: string]: unknown;
}

interface WorksheetModel {
  rows: RowModel[];
  cols?: ColModel[];
  merges?: string[];
  mergeCells?: string[];
  dataValidations: Record<string, unknown>;
  autoFilter?: unknown;
  media: { type: string; range?: { tl?: AnchorModel; br?: AnchorModel } }[];
  tables: Record<string, unknown>[];
  rowBreaks?: { id: number; [key: string]: unknown }[];
  conditionalFormattings?: { ref: string; rules: unknown[] }[];
  [key: string]: unknown;
}

/**
 * Rebuilds `ws` with the rows and columns moved by `axes`. `merges` are the sheet's merges as the
 * model now has them. Shared formulas become plain ones: their anchor may have moved away.
 */
export function reshapeWorksheet(ws: ExcelJS.Worksheet, axes: Axes, merges: GridRange[]): void {
  // A shared formula's children read theirs through the master; resolve them while it is there.
  const plain = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v: unknown = cell.value;
      if (typeof v === 'object' && v !== null && 'sharedFormula' in v && typeof cell.formula === 'string')
        plain.set(cell.address, cell.formula);
    });
  });
  keepEmptyRowProperties(ws);
  const m = ws.model as unknown as WorksheetModel;

  const rows: RowModel[] = [];
  for (const row of m.rows) {
    const r = axes.rows.forward(row.number - 1);
    if (r === undefined) continue;
    const cells: CellModel[] = [];
    let min = 0;
    let max = 0;
    for (const cell of row.cells) {
      const at = parseCell(cell.address);
      const c = at ? axes.cols.forward(at.c) : undefined;
      if (c === undefined) continue;
      const moved: CellModel = { ...cell, address: `${columnLetters(c)}${r + 1}` };
      const resolved = plain.get(cell.address);
      if (resolved !== undefined) {
        moved.formula = resolved;
        delete moved.sharedFormula;
      }
      // A merged-away cell keeps its style; the merges, set again below, make it merged-away again.
      if (moved.type === MERGE) {
        moved.type = NULL;
        delete moved.master;
      }
      if (moved.shareType === 'shared') {
        delete moved.shareType;
        delete moved.ref;
      }
      cells.push(moved);
      min = min === 0 ? c + 1 : Math.min(min, c + 1);
      max = Math.max(max, c + 1);
    }
    rows.push({ ...row, number: r + 1, cells, min, max });
  }
  m.rows = rows.sort((a, b) => a.number - b.number);

  const cols: ColModel[] = [];
  for (const col of m.cols ?? []) {
    for (let c = col.min; c <= col.max; c++) {
      const to = axes.cols.forward(c - 1);
      if (to !== undefined) cols.push({ ...col, min: to + 1, max: to + 1 });
    }
  }
  m.cols = cols.sort((a, b) => a.min - b.min);

  m.mergeCells = merges.filter((g) => g.endRow - g.startRow > 1 || g.endColumn - g.startColumn > 1).map(rangeA1);

  const validations: Record<string, unknown> = {};
  for (const [address, dv] of Object.entries(m.dataValidations)) {
    if (dv === undefined) continue;
    const to = moveRef(address.replace(/^range:/, ''), axes);
    if (to !== undefined) validations[to] = dv;
  }
  m.dataValidations = validations;

  if (typeof m.autoFilter === 'string') m.autoFilter = moveRef(m.autoFilter, axes);
  else if (typeof m.autoFilter === 'object' && m.autoFilter !== null) {
    const f = m.autoFilter as { from?: unknown; to?: unknown };
    if (typeof f.from === 'string' && typeof f.to === 'string') m.autoFilter = moveRef(`${f.from}:${f.to}`, axes);
  }

  for (const medium of m.media) {
    for (const anchor of [medium.range?.tl, medium.range?.br]) {
      if (!anchor) continue;
      if (typeof anchor.nativeRow === 'number') anchor.nativeRow = axes.rows.point(anchor.nativeRow);
      if (typeof anchor.nativeCol === 'number') anchor.nativeCol = axes.cols.point(anchor.nativeCol);
    }
  }

  for (const table of m.tables) {
    // A table keeps its columns by name: move it whole, never through a change of width.
    for (const key of ['ref', 'tableRef', 'autoFilterRef']) {
      const ref = table[key];
      if (typeof ref !== 'string') continue;
      const moved = moveRef(ref, axes);
      if (moved !== undefined && sameSize(ref, moved)) table[key] = moved;
    }
  }

  if (m.rowBreaks) {
    m.rowBreaks = m.rowBreaks.flatMap((b) => {
      const to = axes.rows.forward(b.id - 1);
      return to === undefined ? [] : [{ ...b, id: to + 1 }];
    });
  }

  if (m.conditionalFormattings) {
    m.conditionalFormattings = m.conditionalFormattings.flatMap((cf) => {
      const ref = moveSqref(cf.ref, axes);
      return ref === undefined ? [] : [{ ...cf, ref }];
    });
  }

  (ws as unknown as { _merges: Record<string, unknown> })._merges = {};
  (ws as unknown as { model: WorksheetModel }).model = m;
}

function sameSize(a: string, b: string): boolean {
  const size = (ref: string): string => {
    const [x, y] = ref.replace(/\$/g, '').split(':');
    const p = (s: string | undefined): [number, number] => {
      const m = /^([A-Za-z]+)(\d+)$/.exec(s ?? '');
      return m ? [columnIndex(m[1]), Number(m[2])] : [0, 0];
    };
    const [c1, r1] = p(x);
    const [c2, r2] = p(y ?? x);
    return `${c2 - c1}x${r2 - r1}`;
  };
  return size(a) === size(b);
}
