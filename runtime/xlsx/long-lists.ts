/**
 * Excel rejects a list validation whose literal "a,b,c" exceeds 255 characters (the file opens
 * only after "repair"); Sheets allows 500 items. Longer lists go to a very hidden sheet, one
 * column per list, and come back on import as the literal list they were.
 */
import type ExcelJS from 'exceljs';
import { columnLetters } from './ranges.js';

export const LIST_SHEET = '_duban_lists';
export const MAX_LITERAL_LIST = 255;

export class LongLists {
  private readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();
  /** Columns already on the list sheet of a workbook read from a file: reused, never rewritten. */
  private readonly present: number;

  constructor(existing?: Map<string, string[]>) {
    for (const values of existing?.values() ?? []) {
      const col = columnLetters(this.columns.length);
      this.columns.push(values);
      const key = JSON.stringify(values);
      if (!this.byKey.has(key)) this.byKey.set(key, `'${LIST_SHEET}'!$${col}$1:$${col}$${Math.max(1, values.length)}`);
    }
    this.present = this.columns.length;
  }

  /** The absolute reference to a column holding `values`, shared by identical lists. */
  refFor(values: string[]): string {
    const key = JSON.stringify(values);
    let ref = this.byKey.get(key);
    if (ref === undefined) {
      const col = columnLetters(this.columns.length);
      this.columns.push(values);
      ref = `'${LIST_SHEET}'!$${col}$1:$${col}$${Math.max(1, values.length)}`;
      this.byKey.set(key, ref);
    }
    return ref;
  }

  /** Adds the list sheet last, so the visible sheets keep their order, or adds the new lists to it. */
  writeTo(wb: ExcelJS.Workbook): void {
    if (this.columns.length === this.present) return;
    const ws = wb.getWorksheet(LIST_SHEET) ?? wb.addWorksheet(LIST_SHEET, { state: 'veryHidden' });
    for (let c = this.present; c < this.columns.length; c++) {
      this.columns[c].forEach((v, r) => {
        ws.getCell(r + 1, c + 1).value = v;
      });
    }
  }
}

/** Reads the list sheet back: column letter -> its values. */
export function readLongLists(wb: ExcelJS.Workbook): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const ws = wb.getWorksheet(LIST_SHEET);
  if (!ws) return out;
  const count = ws.columnCount;
  for (let c = 1; c <= count; c++) {
    const values: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const v: unknown = ws.findCell(r, c)?.value;
      if (v === null || v === undefined) break;
      values.push(String(v));
    }
    out.set(columnLetters(c - 1), values);
  }
  return out;
}

/** The values a reference into the list sheet names, or undefined if it is another range. */
export function longListValues(ref: string, lists: Map<string, string[]>): string[] | undefined {
  const m = new RegExp(`^'?${LIST_SHEET}'?!\\$?([A-Z]+)\\$?1:\\$?[A-Z]+\\$?\\d+$`).exec(ref.trim());
  return m ? lists.get(m[1]) : undefined;
}
