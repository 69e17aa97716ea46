/**
 * Range.copyTo and Range.copyFormatToRange: pasting one rectangle of cells onto another.
 *
 * Google documents:
 * - copyTo(destination[, {formatOnly, contentsOnly}]): "By default both the values and formatting are
 *   copied"; "only the top-left cell position [of the destination] is relevant" — except that, as
 *   the Sheets paste underneath says, "if the range covers a span that's a multiple of the source's
 *   height or width, then the data will be repeated to fill in the destination range"
 *   (CopyPasteRequest.destination). A normal paste carries "values, formulas, formats, and merges";
 *   a format paste "the format and data validation only" (PasteType PASTE_NORMAL, PASTE_FORMAT).
 *   Relative references in pasted formulas move with the paste, as in the UI.
 * - copyFormatToRange(sheet|gridId, column, columnEnd, row, rowEnd): "If the destination is larger
 *   or smaller than the source range then the source is repeated or truncated accordingly. Note that
 *   this method copies the formatting only."
 * Choices where Google says nothing: a paste that would run off the grid fails with the
 * out-of-bounds message (rather than growing the sheet); notes go with a normal paste, as in the UI;
 * conditional format rules, kept per sheet here, are not copied.
 */
import type { Cell, GridRange, SheetModel } from '../model.js';
import { columnLetters, columnNumber } from './a1.js';
import { fail, MSG } from './errors.js';
import { cellAt, contains, ensureCell, intersects } from './grid.js';

export interface PasteParts {
  contents: boolean;
  formats: boolean;
  /** Notes and merges: a normal paste only. */
  extras: boolean;
}

export interface Area {
  sheet: SheetModel;
  r0: number;
  c0: number;
  nr: number;
  nc: number;
}

/** The copy options of copyTo(destination, options): neither or both mean everything. */
export function partsOf(options: unknown): PasteParts {
  const o = typeof options === 'object' && options !== null ? (options as { formatOnly?: unknown; contentsOnly?: unknown }) : {};
  const formatOnly = Boolean(o.formatOnly);
  const contentsOnly = Boolean(o.contentsOnly);
  if (formatOnly === contentsOnly) return { contents: true, formats: true, extras: true };
  return { contents: contentsOnly, formats: formatOnly, extras: false };
}

/** The pasted height (or width): the destination's when it is a whole multiple of the source's, else the source's. */
function span(source: number, destination: number): number {
  return destination >= source && destination % source === 0 ? destination : source;
}

function snapshot(source: Area): (Cell | undefined)[][] {
  const out: (Cell | undefined)[][] = [];
  for (let i = 0; i < source.nr; i++) {
    const line: (Cell | undefined)[] = [];
    for (let j = 0; j < source.nc; j++) {
      const cell = cellAt(source.sheet, source.r0 + i, source.c0 + j);
      line.push(cell ? { ...cell, value: cell.value instanceof Date ? new Date(cell.value.getTime()) : cell.value } : undefined);
    }
    out.push(line);
  }
  return out;
}

/** Range.copyTo: tiles the source over the destination (see the header for how far). */
export function paste(source: Area, destination: Area, parts: PasteParts): void {
  const rows = span(source.nr, destination.nr);
  const columns = span(source.nc, destination.nc);
  const target = destination.sheet;
  if (destination.r0 + rows > target.maxRows || destination.c0 + columns > target.maxColumns) fail(MSG.outsideSheet);
  const cells = snapshot(source);
  const area: GridRange = {
    startRow: destination.r0,
    startColumn: destination.c0,
    endRow: destination.r0 + rows,
    endColumn: destination.c0 + columns,
  };
  const sourceMerges = parts.extras
    ? source.sheet.merges.filter((m) =>
        contains({ startRow: source.r0, startColumn: source.c0, endRow: source.r0 + source.nr, endColumn: source.c0 + source.nc }, m),
      )
    : [];
  if (parts.extras) {
    for (const m of target.merges) if (intersects(m, area) && !contains(area, m)) fail(MSG.mergePartial);
    target.merges = target.merges.filter((m) => !contains(area, m));
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const from = cells[i % source.nr][j % source.nc];
      const r = destination.r0 + i;
      const c = destination.c0 + j;
      if (!from && !cellAt(target, r, c)) continue;
      const to = ensureCell(target, r, c);
      if (parts.contents) {
        to.value = from?.value ?? '';
        if (from?.formula) to.formula = shiftFormula(from.formula, r - (source.r0 + (i % source.nr)), c - (source.c0 + (j % source.nc)));
        else delete to.formula;
      }
      if (parts.formats) {
        if (from?.format) to.format = from.format;
        else delete to.format;
        if (from?.validation) to.validation = from.validation;
        else delete to.validation;
      }
      if (parts.extras) {
        if (from?.note) to.note = from.note;
        else delete to.note;
      }
    }
  }
  for (let i = 0; i < rows; i += source.nr) {
    for (let j = 0; j < columns; j += source.nc) {
      const dr = destination.r0 + i - source.r0;
      const dc = destination.c0 + j - source.c0;
      for (const m of sourceMerges) {
        target.merges.push({
          startRow: m.startRow + dr,
          endRow: m.endRow + dr,
          startColumn: m.startColumn + dc,
          endColumn: m.endColumn + dc,
        });
      }
    }
  }
}

/** Range.copyFormatToRange: the source's formats and validation repeated over, or cut to, the target rectangle. */
export function pasteFormats(source: Area, target: Area): void {
  const cells = snapshot(source);
  for (let i = 0; i < target.nr; i++) {
    for (let j = 0; j < target.nc; j++) {
      const from = cells[i % source.nr][j % source.nc];
      const r = target.r0 + i;
      const c = target.c0 + j;
      if (!from?.format && !from?.validation && !cellAt(target.sheet, r, c)) continue;
      const to = ensureCell(target.sheet, r, c);
      if (from?.format) to.format = from.format;
      else delete to.format;
      // "Formatting" is the Sheets API's PASTE_FORMAT: "the format and data validation only".
      if (from?.validation) to.validation = from.validation;
      else delete to.validation;
    }
  }
}

// A cell reference, a column range (A:C) or a row range (2:5), not part of a longer name,
// a function call or a sheet name.
const REFERENCE =
  /(?<![A-Za-z0-9_.$])(?:(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)(\d+):(\$?)(\d+)|(\$?)([A-Za-z]{1,3})(\$?)(\d+))(?![A-Za-z0-9_(!])/g;

/** Moves the relative parts of a formula's references by (rows, columns); one pushed off the sheet becomes #REF!. */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  const col = (abs: string, letters: string): string | undefined => {
    if (abs) return `$${letters}`;
    const n = columnNumber(letters) + columns;
    return n >= 1 ? columnLetters(n) : undefined;
  };
  const row = (abs: string, digits: string): string | undefined => {
    if (abs) return `$${digits}`;
    const n = Number(digits) + rows;
    return n >= 1 ? String(n) : undefined;
  };
  const shiftPart = (part: string): string =>
    part.replace(REFERENCE, (_whole: string, ...g: string[]) => {
      let out: (string | undefined)[];
      if (g[1] !== undefined) out = [col(g[0], g[1]), ':', col(g[2], g[3])];
      else if (g[5] !== undefined) out = [row(g[4], g[5]), ':', row(g[6], g[7])];
      else out = [col(g[8], g[9]), row(g[10], g[11])];
      return out.includes(undefined) ? '#REF!' : out.join('');
    });
  // String literals ("...", with "" inside) and quoted sheet names ('...') are left as they are.
  return formula.replace(
    /("(?:[^"]|"")*"|'(?:[^']|'')*')|([^"']+)/g,
    (_m, quoted: string | undefined, code: string | undefined) => quoted ?? shiftPart(code ?? ''),
  );
}
