/** A1 notation <-> the model's 0-based, end-exclusive GridRange. */
import type { GridRange } from '../model.js';
import { columnNumber, columnLetters as lettersOf1Based } from '../spreadsheet/a1.js';

/** 0-based column index -> letters (0 -> 'A'): the spreadsheet runtime's 1-based converter, shifted. */
export function columnLetters(index0: number): string {
  return lettersOf1Based(index0 + 1);
}

/** Letters -> 0-based column index ('A' -> 0). */
export function columnIndex(letters: string): number {
  return columnNumber(letters) - 1;
}

export function cellA1(row0: number, col0: number): string {
  return `${columnLetters(col0)}${row0 + 1}`;
}

export function rangeA1(r: GridRange): string {
  const tl = cellA1(r.startRow, r.startColumn);
  const br = cellA1(r.endRow - 1, r.endColumn - 1);
  return tl === br ? tl : `${tl}:${br}`;
}

/** Parses 'B3', 'A2:Z1000' or '$A$2:$Z$1000' (no sheet name). */
export function parseRangeA1(a1: string): GridRange | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) return undefined;
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return {
    startRow: Math.min(r1, r2),
    startColumn: Math.min(c1, c2),
    endRow: Math.max(r1, r2) + 1,
    endColumn: Math.max(c1, c2) + 1,
  };
}

/** Parses a space-separated sqref list such as 'A2:Z100 AB2:AB100'. */
export function parseSqref(sqref: string): GridRange[] {
  return sqref
    .split(/\s+/)
    .filter((s) => s !== '')
    .map(parseRangeA1)
    .filter((r): r is GridRange => r !== undefined);
}

/** Makes the cell references of an A1 range absolute, keeping an optional sheet prefix: 'S'!A2:A9 -> 'S'!$A$2:$A$9. */
export function absoluteRef(ref: string): string {
  const bang = ref.lastIndexOf('!');
  const sheet = bang >= 0 ? ref.slice(0, bang + 1) : '';
  const cells = bang >= 0 ? ref.slice(bang + 1) : ref;
  return sheet + cells.replace(/\$?([A-Za-z]{1,3})\$?(\d+)/g, '$$$1$$$2');
}

/** Drops the '$' signs of an A1 reference outside quoted sheet names. */
export function relativeRef(ref: string): string {
  const bang = ref.lastIndexOf('!');
  const sheet = bang >= 0 ? ref.slice(0, bang + 1) : '';
  const cells = bang >= 0 ? ref.slice(bang + 1) : ref;
  return sheet + cells.replace(/\$/g, '');
}
