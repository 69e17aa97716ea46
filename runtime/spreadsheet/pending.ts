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

/** Each sheet with pending writes, and the sheet as it was committed. */
export type PendingWrites = Map<SheetModel, SheetModel>;

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

/** Before a Range or Sheet call does its work: a read applies the sheet's pending writes, a write starts them. */
export function beforeSheetCall(ctx: RuntimeContext, sheet: SheetModel, method: string): void {
  const kind = callKind(method);
  if (kind === 'read') ctx.pending.delete(sheet);
  else if (kind === 'write' && !ctx.pending.has(sheet)) ctx.pending.set(sheet, structuredClone(sheet));
}

/** SpreadsheetApp.flush(), a person's edit, the end of a run: the pending writes applied (of one sheet, or all). */
export function commitPending(ctx: RuntimeContext, sheet?: SheetModel): void {
  if (sheet) ctx.pending.delete(sheet);
  else ctx.pending.clear();
}

/** A killed run: every pending write lost, each sheet back as it was last committed (in place: handles keep it). */
export function discardPending(ctx: RuntimeContext): void {
  for (const [sheet, committed] of ctx.pending) {
    for (const key of Object.keys(sheet)) delete (sheet as unknown as Record<string, unknown>)[key];
    Object.assign(sheet, committed);
  }
  ctx.pending.clear();
}

/** The names of the sheets with writes pending (for tests). */
export function pendingSheets(ctx: RuntimeContext): string[] {
  return [...ctx.pending.keys()].map((s) => s.name);
}
