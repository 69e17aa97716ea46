/**
 * The in-memory SpreadsheetApp of the local Apps Script runtime, served over a WorkbookModel.
 * Every public method of every object handed to the script counts one call ('Class.method').
 *
 * Choices where Google's behaviour is observed rather than documented:
 * - strings written by setValue(s)/appendRow/editAsUser are parsed as typed text (values.ts);
 * - a Date written into an unformatted cell gets a date-time format (display.ts);
 * - a strict data validation (allowInvalid false) refuses script writes too (write.ts);
 * - Ui.alert is answered at once with OK (YES for yes/no); Ui records what was shown;
 * - e.value/e.oldValue of an edit are text; dates as their serial number (user-edit.ts);
 * - CellFormat objects may be shared by cells (copy-on-write), so never mutate one in place;
 * - developer metadata goes only on a row or column named as one ('H:H', '5:5'), not on a range
 *   built from numbers that happens to span the grid (developer-metadata.ts gives the evidence);
 * - writes are pending until flush(), a read of the sheet or the end of the run, and lost when
 *   the run is killed (pending.ts);
 * - Range.copyTo tiles the source over a destination that is a whole multiple of it (copy.ts).
 */
import type { CallCounter } from '../calls.js';
import { newSheetModel, type WorkbookModel } from '../model.js';
import { SpreadsheetAppService } from './app.js';
import type { RuntimeContext, UiRecord } from './context.js';
import { commitPending, discardPending, pendingSheets } from './pending.js';
import { deleteRowsAsUser, type EditEvent, editAsUser, insertRowsAsUser } from './user-edit.js';

export { columnLetters, columnNumber, formatA1, parseA1 } from './a1.js';
export { SpreadsheetAppService } from './app.js';
export {
  ChartOptions,
  ContainerInfo,
  EmbeddedBarChartBuilder,
  EmbeddedChart,
  EmbeddedChartBuilder,
  EmbeddedColumnChartBuilder,
} from './chart.js';
export type { UiRecord } from './context.js';
export { DeveloperMetadata, DeveloperMetadataFinder, DeveloperMetadataLocation } from './developer-metadata.js';
export { displayText } from './display.js';
export { Range } from './range.js';
export { Sheet } from './sheet.js';
export { Spreadsheet } from './spreadsheet.js';
export type { EditEvent } from './user-edit.js';

export interface SpreadsheetRuntime {
  /** The object installed as the global `SpreadsheetApp` in the sandbox. */
  app: object;
  ui: UiRecord;
  /** A person typing/pasting values into a1 (e.g. 'F5' or 'A7:H9'): written as the UI would (not counted) and the onEdit event returned; value/oldValue only for a single cell. */
  editAsUser(sheetName: string, a1: string, values: unknown[][]): EditEvent;
  /** A person inserting rows before `beforeRow` (1-based); everything below shifts. */
  insertRowsAsUser(sheetName: string, beforeRow: number, howMany: number): void;
  deleteRowsAsUser(sheetName: string, row: number, howMany: number): void;
  /** The end of a run: the script's pending writes applied (pending.ts). */
  commitPending(): void;
  /** A killed run: the script's pending writes lost. */
  discardPending(): void;
  /** The sheets with writes pending, by name. */
  pendingSheets(): string[];
}

export interface SpreadsheetRuntimeOptions {
  userEmail?: string;
  /**
   * Whether a person is at the screen for the current execution (menu, onOpen, onEdit: yes;
   * time-driven trigger: no). When it returns false, SpreadsheetApp.getUi() throws as Google does.
   */
  uiAvailable?: () => boolean;
  /** Called before every spreadsheet call; throws to stop a killed run. */
  beforeCall?: () => void;
}

export function createSpreadsheetRuntime(model: WorkbookModel, calls: CallCounter, opts?: SpreadsheetRuntimeOptions): SpreadsheetRuntime {
  // A spreadsheet always has at least one sheet.
  if (model.sheets.length === 0) model.sheets.push(newSheetModel(model.locale.startsWith('zh') ? '工作表1' : 'Sheet1', 0));
  const ui: UiRecord = { menus: [], alerts: [], toasts: [], promptAnswers: [] };
  const ctx: RuntimeContext = {
    model,
    calls,
    ui,
    userEmail: opts?.userEmail ?? 'owner@example.com',
    uiAvailable: opts?.uiAvailable ?? (() => true),
    activeSheet: model.sheets[0],
    activeSelection: null,
    pending: new Map(),
    beforeCall: opts?.beforeCall ?? (() => {}),
  };
  return {
    app: new SpreadsheetAppService(ctx),
    ui,
    editAsUser: (sheetName, a1, values) => editAsUser(ctx, sheetName, a1, values),
    insertRowsAsUser: (sheetName, beforeRow, howMany) => insertRowsAsUser(ctx, sheetName, beforeRow, howMany),
    deleteRowsAsUser: (sheetName, row, howMany) => deleteRowsAsUser(ctx, sheetName, row, howMany),
    commitPending: () => commitPending(ctx),
    discardPending: () => discardPending(ctx),
    pendingSheets: () => pendingSheets(ctx),
  };
}
