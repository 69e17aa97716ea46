import type { CallCounter } from '../calls.js';
import type { SheetModel, WorkbookModel } from '../model.js';
import type { PendingWrites } from './pending.js';

/** What the person at the screen saw: menus added by onOpen, alerts and toasts. */
export interface UiRecord {
  menus: { title: string; items: ({ caption: string; functionName: string } | 'separator')[] }[];
  alerts: string[];
  toasts: string[];
  /** What the person types into the next prompts, in order (answered with OK); '' when none is queued. */
  promptAnswers: string[];
}

/** State shared by every wrapper object of one runtime. */
export interface RuntimeContext {
  model: WorkbookModel;
  calls: CallCounter;
  ui: UiRecord;
  userEmail: string;
  /** False while no person has the spreadsheet open (a time-driven trigger): getUi() then throws. */
  uiAvailable: () => boolean;
  /** The sheet the person has open; insertSheet and activate() change it. */
  activeSheet: SheetModel | null;
  /** The selection, as Range.activate() leaves it (defaults to A1 of the active sheet). */
  activeSelection: { sheet: SheetModel; row: number; column: number; numRows: number; numColumns: number } | null;
  /** The script's writes not yet applied, by sheet (pending.ts). */
  pending: PendingWrites;
  /** Called before every spreadsheet call: throws when the run was killed, so a killed script reaches nothing more. */
  beforeCall: () => void;
}

export function sheetExists(ctx: RuntimeContext, sheet: SheetModel): boolean {
  return ctx.model.sheets.includes(sheet);
}

export function activeSheetOf(ctx: RuntimeContext): SheetModel {
  if (ctx.activeSheet && sheetExists(ctx, ctx.activeSheet)) return ctx.activeSheet;
  ctx.activeSheet = ctx.model.sheets[0];
  return ctx.activeSheet;
}
