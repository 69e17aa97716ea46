/**
 * Apps Script's write buffering, modelled: "Spreadsheet operations are sometimes bundled together
 * to improve performance … flush() applies all pending Spreadsheet changes" (SpreadsheetApp.flush
 * in Google's reference). A script's writes to a sheet are pending until SpreadsheetApp.flush(),
 * a read of that sheet by the script, or the end of the run; a run killed in between (the time
 * limit, LocalRuntime.kill) loses them.
 *
 * Modelled by undo rather than by a queue: writes go into the model at once (so the script reads
 * what it wrote, as it does on Google, where the read would have applied them), and the first
 * write to a sheet since its last commit keeps a copy of the sheet as it was. Commit drops the
 * copy; a kill puts it back. Simplifications, each on the side of losing more rather than less:
 * - per sheet: a read commits only the sheet read (reading another sheet applies nothing);
 * - adding or deleting a sheet is applied at once (a sheet a killed run added stays, with the
 *   writes it lost undone);
 * - a person's edit (user-edit.ts) first commits what the script had pending on that sheet;
 * - an execution nested in another (an onEdit a test fires mid-job) commits everything at its end.
 */
import type { SheetModel } from '../model.js';
import type { RuntimeContext } from './context.js';

type Row = SheetModel['rows'][number] | undefined;

/**
 * How a sheet was at its last commit: the whole sheet; or, while the writes since were only to
 * cells of some rows, those rows and everything but the rows. Copying the whole sheet before each
 * mail's log write (a flush commits between mails) made the runner's sweep and publish slow with
 * the log's size: a digest's outcome touches one row of a log of 20,000.
 */
export type Undo = { whole: SheetModel } | { rest: Omit<SheetModel, 'rows'>; rowCount: number; rows: Map<number, Row> };

/** Each sheet with pending writes, and how to put it back as it was committed. */
export type PendingWrites = Map<SheetModel, Undo>;

/** Range writes that change only the cells of the range (values, formulas, formats, notes): undone row by row. */
const CELLS_ONLY =
  /^(setValues?|setFormulas?|setFormulasR1C1|setFormulaR1C1|setNumberFormats?|setBackgrounds?|setBackgroundColors?|setFontColors?|setFontWeights?|setFontSizes?|setFontStyles?|setFontFamil(y|ies)|setFontLines?|setHorizontalAlignments?|setVerticalAlignments?|setWraps?|setWrapStrategies?|setNotes?|setRichTextValues?|clearContent|clearFormat|clearNote)$/;

function restOf(sheet: SheetModel): Omit<SheetModel, 'rows'> {
  const { rows: _, ...rest } = sheet;
  return structuredClone(rest);
}

/** Puts a partial undo back into `target`: the saved rows, the row count, every other field. */
function restoreInto(target: SheetModel, undo: Extract<Undo, { rows: Map<number, Row> }>): void {
  for (const [r, row] of undo.rows) if (r < undo.rowCount) target.rows[r] = row as SheetModel['rows'][number];
  target.rows.length = undo.rowCount;
  for (const key of Object.keys(target)) if (key !== 'rows') delete (target as unknown as Record<string, unknown>)[key];
  Object.assign(target, undo.rest);
}

/** Calls that only name a place or build a handle: no read of the sheet's content, nothing written. */
const HANDLES = new Set([
  'activate',
  'createDeveloperMetadataFinder',
  'getA1Notation',
  'getActiveRange',
  'getCell',
  'getColumn',
  'getGridId',
  'getIndex',
  'getName',
  'getNumColumns',
  'getNumRows',
  'getParent',
  'getRange',
  'getRow',
  'getRowIndex',
  'getSheet',
  'getSheetId',
  'getSheetName',
  'newChart',
  'offset',
]);

/** Whether a Range or Sheet method reads the sheet's content (get…, is…, has…) or changes it (the rest). */
export function callKind(method: string): 'read' | 'write' | 'handle' {
  if (HANDLES.has(method)) return 'handle';
  return /^(get|is|has)[A-Z]/.test(method) ? 'read' : 'write';
}

/**
 * Before a Range or Sheet call does its work: a read applies the sheet's pending writes, a write
 * starts them. `rows` (a range's first row, 0-based, and count) lets a cells-only write keep just those rows.
 */
export function beforeSheetCall(ctx: RuntimeContext, sheet: SheetModel, method: string, rows?: { start: number; count: number }): void {
  const kind = callKind(method);
  if (kind === 'read') {
    ctx.pending.delete(sheet);
    return;
  }
  if (kind !== 'write') return;
  const undo = ctx.pending.get(sheet);
  if (undo && 'whole' in undo) return;
  if (rows && CELLS_ONLY.test(method)) {
    const partial = undo ?? { rest: restOf(sheet), rowCount: sheet.rows.length, rows: new Map<number, Row>() };
    for (let r = rows.start; r < rows.start + rows.count; r++)
      if (!partial.rows.has(r)) partial.rows.set(r, r < sheet.rows.length ? structuredClone(sheet.rows[r]) : undefined);
    if (!undo) ctx.pending.set(sheet, partial);
    return;
  }
  // Any other write: the sheet whole, as it was committed (the rows saved so far put back into the copy).
  const whole = structuredClone(sheet);
  if (undo) restoreInto(whole, undo);
  ctx.pending.set(sheet, { whole });
}

/** SpreadsheetApp.flush(), a person's edit, the end of a run: the pending writes applied (of one sheet, or all). */
export function commitPending(ctx: RuntimeContext, sheet?: SheetModel): void {
  if (sheet) ctx.pending.delete(sheet);
  else ctx.pending.clear();
}

/** A killed run: every pending write lost, each sheet back as it was last committed (in place: handles keep it). */
export function discardPending(ctx: RuntimeContext): void {
  for (const [sheet, undo] of ctx.pending) {
    if ('whole' in undo) {
      for (const key of Object.keys(sheet)) delete (sheet as unknown as Record<string, unknown>)[key];
      Object.assign(sheet, undo.whole);
    } else restoreInto(sheet, undo);
  }
  ctx.pending.clear();
}

/** The names of the sheets with writes pending (for tests). */
export function pendingSheets(ctx: RuntimeContext): string[] {
  return [...ctx.pending.keys()].map((s) => s.name);
}
