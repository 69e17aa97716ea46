/**
 * The .xlsx a workbook model was imported from, kept beside the model so that export writes the
 * office's own file back with only the runtime's changes in it (runtime/xlsx/update.ts), rather
 * than a new file holding only what the model can say.
 *
 * For each sheet it keeps the exceljs worksheet and a baseline: the sheet model as it stood when
 * it was read (or last written). Export compares the model with the baseline and touches the
 * worksheet only where they differ.
 */
import type ExcelJS from 'exceljs';
import type { Cell, ConditionalFormatModel, GridRange, SheetModel, WorkbookModel } from '../model.js';
import type { RawDefinedName } from './defined-names.js';

export interface Baseline {
  name: string;
  /** rows[r][c] as read; each cell a shallow copy (formats and validations are replaced, never mutated). */
  rows: (Cell | undefined)[][];
  frozenRows: number;
  frozenColumns: number;
  merges: GridRange[];
  conditionalFormats: ConditionalFormatModel[];
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  hiddenRows: number[];
  hiddenColumns: number[];
  hidden: boolean;
  tabColor: string | undefined;
}

/** A conditional-format rule as exceljs holds it (one rule of a <conditionalFormatting>). */
export type RawCfRule = Record<string, unknown>;

export interface SheetOrigin {
  ws: ExcelJS.Worksheet;
  baseline: Baseline;
  /** For each baseline conditional format, the rule it was read from (undefined: written by us). */
  cfSources: (RawCfRule | undefined)[];
  /** Rules the model cannot hold (colour scales, data bars, icon sets, top 10 …): kept as they are. */
  foreignCfRules: Set<RawCfRule>;
}

export interface WorkbookOrigin {
  wb: ExcelJS.Workbook;
  sheets: Map<SheetModel, SheetOrigin>;
  names: RawDefinedName[];
  /** The sheet shown when the file is opened (the workbook view's active tab). */
  activeSheet?: ExcelJS.Worksheet;
}

const origins = new WeakMap<WorkbookModel, WorkbookOrigin>();

export function originOf(model: WorkbookModel): WorkbookOrigin | undefined {
  return origins.get(model);
}

export function rememberOrigin(model: WorkbookModel, origin: WorkbookOrigin): void {
  origins.set(model, origin);
}

/** The exceljs workbook a model was imported from (and is written back through), if any. */
export function sourceWorkbookOf(model: WorkbookModel): ExcelJS.Workbook | undefined {
  return origins.get(model)?.wb;
}

function lines(set: Set<number> | undefined): number[] {
  return set ? [...set].sort((a, b) => a - b) : [];
}

export function baselineOf(sheet: SheetModel): Baseline {
  return {
    name: sheet.name,
    rows: sheet.rows.map((row) => (row ? row.map((c) => (c ? { ...c } : undefined)) : [])),
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    merges: sheet.merges.map((m) => ({ ...m })),
    conditionalFormats: structuredClone(sheet.conditionalFormats),
    columnWidths: { ...sheet.columnWidths },
    rowHeights: { ...sheet.rowHeights },
    hiddenRows: lines(sheet.hiddenRows),
    hiddenColumns: lines(sheet.hiddenColumns),
    hidden: sheet.hidden === true,
    tabColor: sheet.tabColor,
  };
}
