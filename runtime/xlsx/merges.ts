/**
 * Merges written to an exceljs worksheet in linear time. exceljs's mergeCells checks each new
 * merge against every merge already on the sheet (worksheet.js _mergeCellsInternal: a loop over
 * `_merges` before merging), so a 通报 with tens of thousands of merged rows took minutes to
 * export. The model's merges never overlap (Range.merge refuses a partial overlap and replaces
 * what it contains, as Sheets does; an imported file's merges came from exceljs's own checked
 * map), so the check has nothing to find: each merge is made by exceljs's own method on an empty
 * map, then gathered into the sheet's map, as mergeCells would have left it.
 */
import type ExcelJS from 'exceljs';
import type { GridRange } from '../model.js';

type Merges = Record<string, unknown>;

/** Merges each range (0-based, end exclusive; single cells skipped) without style, as the model keeps each cell's own format. */
export function mergeDisjoint(ws: ExcelJS.Worksheet, ranges: Iterable<GridRange>): void {
  const internals = ws as unknown as { _merges: Merges };
  const all = internals._merges;
  try {
    for (const m of ranges) {
      if (m.endRow - m.startRow <= 1 && m.endColumn - m.startColumn <= 1) continue;
      internals._merges = {};
      ws.mergeCellsWithoutStyle(m.startRow + 1, m.startColumn + 1, m.endRow, m.endColumn);
      Object.assign(all, internals._merges);
    }
  } finally {
    internals._merges = all;
  }
}
