/** A1 notation: 'B3', 'A1:C9', '$A$1', 'A:C', '2:5', 'A2:A' (open-ended), with an optional sheet prefix. */

export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** One side of a range reference; absent parts are open (a whole column or row). */
interface Corner {
  row?: number;
  column?: number;
}

export interface ParsedA1 {
  sheetName?: string;
  /** 1-based, inclusive; undefined means "from the first" / "to the last" row or column of the grid. */
  startRow?: number;
  startColumn?: number;
  endRow?: number;
  endColumn?: number;
}

const CORNER = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;

function parseCorner(text: string): Corner | null {
  const m = CORNER.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const corner: Corner = {};
  if (m[1] !== undefined) corner.column = columnNumber(m[1]);
  if (m[2] !== undefined) {
    corner.row = Number(m[2]);
    if (corner.row < 1) return null;
  }
  return corner;
}

function splitSheet(a1: string): { sheetName?: string; ref: string } | null {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { ref: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'")) {
    if (!name.endsWith("'") || name.length < 2) return null;
    name = name.slice(1, -1).replace(/''/g, "'");
  }
  return { sheetName: name, ref: a1.slice(bang + 1) };
}

/** null when the text is not A1 notation (Apps Script then says 'Range not found'). */
export function parseA1(a1: string): ParsedA1 | null {
  const split = splitSheet(a1.trim());
  if (!split) return null;
  const parts = split.ref.split(':');
  if (parts.length > 2) return null;
  const a = parseCorner(parts[0]);
  if (!a) return null;
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!b) return null;
  if (parts.length === 1 && (a.row === undefined || a.column === undefined)) return null;
  // 'A:B' has no rows, '2:5' has no columns; mixing 'A:5' is not a reference.
  if ((a.row === undefined) !== (b.row === undefined) && a.column !== undefined && b.column === undefined) return null;
  if (a.column === undefined && b.column !== undefined) return null;
  const out: ParsedA1 = {};
  if (split.sheetName !== undefined) out.sheetName = split.sheetName;
  const rows = [a.row, b.row].filter((x): x is number => x !== undefined);
  const cols = [a.column, b.column].filter((x): x is number => x !== undefined);
  if (a.row !== undefined) {
    out.startRow = Math.min(...rows);
    if (b.row !== undefined) out.endRow = Math.max(...rows);
  }
  if (a.column !== undefined) {
    out.startColumn = Math.min(...cols);
    if (b.column !== undefined) out.endColumn = Math.max(...cols);
  }
  return out;
}

/** 'A1' for one cell, 'A1:C9' otherwise; 1-based inclusive start, sizes in cells. */
export function formatA1(row: number, column: number, numRows: number, numColumns: number): string {
  const start = `${columnLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** A sheet name as formulas and validation sources write it: always quoted, quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
