/** Sheet: one tab of the workbook. */
import type { SheetModel } from '../model.js';
import { parseA1 } from './a1.js';
import { chartsOf, type EmbeddedChart, EmbeddedChartBuilder, insertChart, newDraft, removeChart, updateChart } from './chart.js';
import { normalizeColor } from './color.js';
import { ConditionalFormatRule } from './conditional-format.js';
import { newSpreadsheet, registerHolder } from './containers.js';
import type { RuntimeContext } from './context.js';
import {
  addDeveloperMetadata,
  type DeveloperMetadata,
  type DeveloperMetadataFinder,
  newSheetFinder,
  sheetMetadata,
} from './developer-metadata.js';
import { type AppsEnum, ProtectionType } from './enums.js';
import { fail, MSG, sheetNameTaken } from './errors.js';
import * as grid from './grid.js';
import { beforeSheetCall } from './pending.js';
import { Protection } from './protection.js';
import { makeRange, Range } from './range.js';
import type { Spreadsheet } from './spreadsheet.js';
import { writeInputs } from './write.js';

const DEFAULT_COLUMN_WIDTH = 100;

/** Resolves A1 notation on a sheet; open ends run to the grid's edge. */
export function rangeFromA1(ctx: RuntimeContext, sheet: SheetModel, a1: string): Range {
  const parsed = parseA1(String(a1));
  if (!parsed) fail(MSG.rangeNotFound);
  let target = sheet;
  if (parsed.sheetName !== undefined && parsed.sheetName !== sheet.name) {
    const named = ctx.model.sheets.find((s) => s.name === parsed.sheetName);
    if (!named) fail(MSG.rangeNotFound);
    target = named;
  }
  const row = parsed.startRow ?? 1;
  const column = parsed.startColumn ?? 1;
  const endRow = parsed.endRow ?? target.maxRows;
  const endColumn = parsed.endColumn ?? target.maxColumns;
  const range = makeRange(ctx, target, row, column, endRow - row + 1, endColumn - column + 1);
  if (parsed.startRow === undefined) return new Range(ctx, target, range.r0, range.c0, range.nr, range.nc, 'columns');
  if (parsed.startColumn === undefined) return new Range(ctx, target, range.r0, range.c0, range.nr, range.nc, 'rows');
  return range;
}

export class Sheet {
  constructor(
    private readonly ctx: RuntimeContext,
    /** Runtime internals, not part of the Apps Script surface. */
    readonly sheetModel: SheetModel,
  ) {}

  private tick(name: string): void {
    this.ctx.beforeCall();
    this.ctx.calls.count(`Sheet.${name}`);
    beforeSheetCall(this.ctx, this.sheetModel, name);
  }

  getName(): string {
    this.tick('getName');
    return this.sheetModel.name;
  }
  getSheetName(): string {
    this.tick('getSheetName');
    return this.sheetModel.name;
  }
  setName(name: string): Sheet {
    this.tick('setName');
    const text = String(name);
    if (this.ctx.model.sheets.some((s) => s !== this.sheetModel && s.name === text)) fail(sheetNameTaken(text));
    this.sheetModel.name = text;
    return this;
  }
  getSheetId(): number {
    this.tick('getSheetId');
    return this.sheetModel.sheetId;
  }
  getIndex(): number {
    this.tick('getIndex');
    return this.ctx.model.sheets.indexOf(this.sheetModel) + 1;
  }
  getParent(): Spreadsheet {
    this.tick('getParent');
    return newSpreadsheet(this.ctx);
  }
  activate(): Sheet {
    this.tick('activate');
    this.ctx.activeSheet = this.sheetModel;
    return this;
  }

  // ---- ranges -----------------------------------------------------------------------------

  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    this.tick('getRange');
    if (typeof rowOrA1 === 'string') return rangeFromA1(this.ctx, this.sheetModel, rowOrA1);
    if (column === undefined) fail("The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    return makeRange(this.ctx, this.sheetModel, rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.tick('getSheetValues');
    const lastRow = grid.lastRowWithContent(this.sheetModel);
    const lastColumn = grid.lastColumnWithContent(this.sheetModel);
    const nr = numRows === -1 ? lastRow - startRow + 1 : numRows;
    const nc = numColumns === -1 ? lastColumn - startColumn + 1 : numColumns;
    const range = makeRange(this.ctx, this.sheetModel, startRow, startColumn, nr, nc);
    const out: unknown[][] = [];
    for (let i = 0; i < range.nr; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < range.nc; j++) {
        const v = grid.cellAt(this.sheetModel, range.r0 + i, range.c0 + j)?.value ?? '';
        line.push(v instanceof Date ? new Date(v.getTime()) : v);
      }
      out.push(line);
    }
    return out;
  }
  getDataRange(): Range {
    this.tick('getDataRange');
    const rows = Math.max(1, grid.lastRowWithContent(this.sheetModel));
    const columns = Math.max(1, grid.lastColumnWithContent(this.sheetModel));
    return new Range(this.ctx, this.sheetModel, 0, 0, rows, columns);
  }
  getLastRow(): number {
    this.tick('getLastRow');
    return grid.lastRowWithContent(this.sheetModel);
  }
  getLastColumn(): number {
    this.tick('getLastColumn');
    return grid.lastColumnWithContent(this.sheetModel);
  }
  getMaxRows(): number {
    this.tick('getMaxRows');
    return this.sheetModel.maxRows;
  }
  getMaxColumns(): number {
    this.tick('getMaxColumns');
    return this.sheetModel.maxColumns;
  }
  getActiveRange(): Range {
    this.tick('getActiveRange');
    const sel = this.ctx.activeSelection;
    if (sel && sel.sheet === this.sheetModel) return new Range(this.ctx, this.sheetModel, sel.row, sel.column, sel.numRows, sel.numColumns);
    return new Range(this.ctx, this.sheetModel, 0, 0, 1, 1);
  }

  // ---- rows and columns -------------------------------------------------------------------

  private checkRowPosition(position: number): number {
    const p = Math.trunc(Number(position));
    if (!(p >= 1 && p <= this.sheetModel.maxRows)) fail(MSG.rowsOutOfBounds);
    return p;
  }
  private checkColumnPosition(position: number): number {
    const p = Math.trunc(Number(position));
    if (!(p >= 1 && p <= this.sheetModel.maxColumns)) fail(MSG.columnsOutOfBounds);
    return p;
  }
  private howMany(n: number | undefined): number {
    const count = Math.trunc(Number(n ?? 1));
    if (!(count >= 1)) fail('The number of rows or columns to insert must be at least 1.');
    return count;
  }

  insertRows(rowIndex: number, numRows?: number): void {
    this.tick('insertRows');
    grid.insertRows(this.sheetModel, this.checkRowPosition(rowIndex) - 1, this.howMany(numRows), this.ctx.model.sheets);
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.tick('insertRowsBefore');
    grid.insertRows(this.sheetModel, this.checkRowPosition(beforePosition) - 1, this.howMany(howMany), this.ctx.model.sheets);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.tick('insertRowsAfter');
    grid.insertRows(this.sheetModel, this.checkRowPosition(afterPosition), this.howMany(howMany), this.ctx.model.sheets);
    return this;
  }
  insertRowBefore(beforePosition: number): Sheet {
    this.tick('insertRowBefore');
    grid.insertRows(this.sheetModel, this.checkRowPosition(beforePosition) - 1, 1, this.ctx.model.sheets);
    return this;
  }
  insertRowAfter(afterPosition: number): Sheet {
    this.tick('insertRowAfter');
    grid.insertRows(this.sheetModel, this.checkRowPosition(afterPosition), 1, this.ctx.model.sheets);
    return this;
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    this.tick('insertColumns');
    grid.insertColumns(this.sheetModel, this.checkColumnPosition(columnIndex) - 1, this.howMany(numColumns), this.ctx.model.sheets);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.tick('insertColumnsBefore');
    grid.insertColumns(this.sheetModel, this.checkColumnPosition(beforePosition) - 1, this.howMany(howMany), this.ctx.model.sheets);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.tick('insertColumnsAfter');
    grid.insertColumns(this.sheetModel, this.checkColumnPosition(afterPosition), this.howMany(howMany), this.ctx.model.sheets);
    return this;
  }
  insertColumnBefore(beforePosition: number): Sheet {
    this.tick('insertColumnBefore');
    grid.insertColumns(this.sheetModel, this.checkColumnPosition(beforePosition) - 1, 1, this.ctx.model.sheets);
    return this;
  }
  insertColumnAfter(afterPosition: number): Sheet {
    this.tick('insertColumnAfter');
    grid.insertColumns(this.sheetModel, this.checkColumnPosition(afterPosition), 1, this.ctx.model.sheets);
    return this;
  }

  private removeRows(position: number, howMany: number): void {
    const p = Math.trunc(Number(position));
    const n = Math.trunc(Number(howMany));
    if (!(p >= 1 && n >= 1 && p + n - 1 <= this.sheetModel.maxRows)) fail(MSG.rowsOutOfBounds);
    if (this.sheetModel.maxRows - n <= this.sheetModel.frozenRows) fail(MSG.deleteAllRows);
    grid.deleteRows(this.sheetModel, p - 1, n, this.ctx.model.sheets);
  }
  private removeColumns(position: number, howMany: number): void {
    const p = Math.trunc(Number(position));
    const n = Math.trunc(Number(howMany));
    if (!(p >= 1 && n >= 1 && p + n - 1 <= this.sheetModel.maxColumns)) fail(MSG.columnsOutOfBounds);
    if (this.sheetModel.maxColumns - n <= this.sheetModel.frozenColumns) fail(MSG.deleteAllColumns);
    grid.deleteColumns(this.sheetModel, p - 1, n, this.ctx.model.sheets);
  }
  deleteRow(rowPosition: number): Sheet {
    this.tick('deleteRow');
    this.removeRows(rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.tick('deleteRows');
    this.removeRows(rowPosition, howMany);
  }
  deleteColumn(columnPosition: number): Sheet {
    this.tick('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.tick('deleteColumns');
    this.removeColumns(columnPosition, howMany);
  }

  /** Writes after the last row with content, adding a row (and columns) to the grid when it is full. */
  appendRow(rowContents: unknown): Sheet {
    this.tick('appendRow');
    if (!Array.isArray(rowContents)) fail("The parameters don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const sheet = this.sheetModel;
    const target = grid.lastRowWithContent(sheet);
    if (target >= sheet.maxRows) sheet.maxRows = target + 1;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    writeInputs(this.ctx, sheet, target, 0, [rowContents]);
    return this;
  }

  // ---- layout -----------------------------------------------------------------------------

  getFrozenRows(): number {
    this.tick('getFrozenRows');
    return this.sheetModel.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.tick('setFrozenRows');
    const n = Math.trunc(Number(rows));
    if (!(n >= 0 && n < this.sheetModel.maxRows)) fail(MSG.rowsOutOfBounds);
    this.sheetModel.frozenRows = n;
  }
  getFrozenColumns(): number {
    this.tick('getFrozenColumns');
    return this.sheetModel.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this.tick('setFrozenColumns');
    const n = Math.trunc(Number(columns));
    if (!(n >= 0 && n < this.sheetModel.maxColumns)) fail(MSG.columnsOutOfBounds);
    this.sheetModel.frozenColumns = n;
  }
  getColumnWidth(columnPosition: number): number {
    this.tick('getColumnWidth');
    const c = this.checkColumnPosition(columnPosition) - 1;
    return this.sheetModel.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH;
  }
  getRowHeight(rowPosition: number): number {
    this.tick('getRowHeight');
    return this.sheetModel.rowHeights?.[this.checkRowPosition(rowPosition) - 1] ?? 21;
  }
  setRowHeight(rowPosition: number, height: number): Sheet {
    this.tick('setRowHeight');
    (this.sheetModel.rowHeights ??= {})[this.checkRowPosition(rowPosition) - 1] = Number(height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): Sheet {
    this.tick('setRowHeights');
    const first = this.checkRowPosition(startRow) - 1;
    const heights = (this.sheetModel.rowHeights ??= {});
    for (let r = first; r < first + this.howMany(numRows); r++) heights[r] = Number(height);
    return this;
  }
  hasHiddenGridlines(): boolean {
    this.tick('hasHiddenGridlines');
    return this.sheetModel.hideGridlines === true;
  }
  setHiddenGridlines(hideGridlines: boolean): Sheet {
    this.tick('setHiddenGridlines');
    if (hideGridlines) this.sheetModel.hideGridlines = true;
    else delete this.sheetModel.hideGridlines;
    return this;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.tick('setColumnWidth');
    this.sheetModel.columnWidths[this.checkColumnPosition(columnPosition) - 1] = Number(width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.tick('setColumnWidths');
    const start = this.checkColumnPosition(startColumn);
    const n = Math.trunc(Number(numColumns));
    if (!(n >= 1) || start + n - 1 > this.sheetModel.maxColumns) fail(MSG.columnsOutOfBounds);
    for (let c = start - 1; c < start - 1 + n; c++) this.sheetModel.columnWidths[c] = Number(width);
    return this;
  }
  // Hidden rows and columns, as Google's Sheet class has them: hideRows(rowIndex, numRows),
  // showRows(rowIndex, numRows), hideRow(range) / unhideRow(range) for the rows a range spans,
  // isRowHiddenByUser(rowPosition) (hidden by a person or a script, not by a filter); the same
  // for columns. Positions are 1-based.
  private lines(start: number, count: number | undefined, max: number, outOfBounds: string): [number, number] {
    const s = Math.trunc(Number(start));
    const n = Math.trunc(Number(count ?? 1));
    if (!(s >= 1 && n >= 1 && s + n - 1 <= max)) fail(outOfBounds);
    return [s - 1, n];
  }
  private toggleRows(rowIndex: number, numRows: number | undefined, hide: boolean): void {
    const [at, n] = this.lines(rowIndex, numRows, this.sheetModel.maxRows, MSG.rowsOutOfBounds);
    const set = this.sheetModel.hiddenRows ?? new Set<number>();
    for (let r = at; r < at + n; r++) {
      if (hide) set.add(r);
      else set.delete(r);
    }
    if (set.size > 0) this.sheetModel.hiddenRows = set;
    else delete this.sheetModel.hiddenRows;
  }
  private toggleColumns(columnIndex: number, numColumns: number | undefined, hide: boolean): void {
    const [at, n] = this.lines(columnIndex, numColumns, this.sheetModel.maxColumns, MSG.columnsOutOfBounds);
    const set = this.sheetModel.hiddenColumns ?? new Set<number>();
    for (let c = at; c < at + n; c++) {
      if (hide) set.add(c);
      else set.delete(c);
    }
    if (set.size > 0) this.sheetModel.hiddenColumns = set;
    else delete this.sheetModel.hiddenColumns;
  }
  hideRows(rowIndex: number, numRows?: number): void {
    this.tick('hideRows');
    this.toggleRows(rowIndex, numRows, true);
  }
  showRows(rowIndex: number, numRows?: number): void {
    this.tick('showRows');
    this.toggleRows(rowIndex, numRows, false);
  }
  hideRow(row: Range): void {
    this.tick('hideRow');
    this.toggleRows(row.r0 + 1, row.nr, true);
  }
  unhideRow(row: Range): void {
    this.tick('unhideRow');
    this.toggleRows(row.r0 + 1, row.nr, false);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    this.tick('isRowHiddenByUser');
    const [r] = this.lines(rowPosition, 1, this.sheetModel.maxRows, MSG.rowsOutOfBounds);
    return this.sheetModel.hiddenRows?.has(r) === true;
  }
  hideColumns(columnIndex: number, numColumns?: number): void {
    this.tick('hideColumns');
    this.toggleColumns(columnIndex, numColumns, true);
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    this.tick('showColumns');
    this.toggleColumns(columnIndex, numColumns, false);
  }
  hideColumn(column: Range): void {
    this.tick('hideColumn');
    this.toggleColumns(column.c0 + 1, column.nc, true);
  }
  unhideColumn(column: Range): void {
    this.tick('unhideColumn');
    this.toggleColumns(column.c0 + 1, column.nc, false);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.tick('isColumnHiddenByUser');
    const [c] = this.lines(columnPosition, 1, this.sheetModel.maxColumns, MSG.columnsOutOfBounds);
    return this.sheetModel.hiddenColumns?.has(c) === true;
  }

  hideSheet(): Sheet {
    this.tick('hideSheet');
    this.sheetModel.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this.tick('showSheet');
    delete this.sheetModel.hidden;
    return this;
  }
  isSheetHidden(): boolean {
    this.tick('isSheetHidden');
    return this.sheetModel.hidden === true;
  }
  getTabColor(): string | null {
    this.tick('getTabColor');
    return this.sheetModel.tabColor ?? null;
  }
  setTabColor(color: string | null): Sheet {
    this.tick('setTabColor');
    const c = normalizeColor(color);
    if (c === null) delete this.sheetModel.tabColor;
    else this.sheetModel.tabColor = c;
    return this;
  }

  // ---- rules and protection ---------------------------------------------------------------

  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.tick('getConditionalFormatRules');
    return this.sheetModel.conditionalFormats.map(
      (rule) =>
        new ConditionalFormatRule(
          this.ctx,
          rule.ranges.map((range) => ({ sheet: this.sheetModel, range: { ...range } })),
          { ...rule.condition },
          { ...rule.format },
        ),
    );
  }
  setConditionalFormatRules(rules: unknown): void {
    this.tick('setConditionalFormatRules');
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRule)) {
      fail("The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    }
    this.sheetModel.conditionalFormats = (rules as ConditionalFormatRule[]).map((r) => r.toModel());
  }
  clearConditionalFormatRules(): void {
    this.tick('clearConditionalFormatRules');
    this.sheetModel.conditionalFormats = [];
  }
  /** A sheet has at most one sheet protection: protecting again returns the existing one. */
  protect(): Protection {
    this.tick('protect');
    let model = this.sheetModel.protections.find((p) => p.type === 'SHEET');
    if (!model) {
      model = { type: 'SHEET', description: '', warningOnly: false };
      this.sheetModel.protections.push(model);
    }
    return new Protection(this.ctx, this.sheetModel, model);
  }
  getProtections(type: AppsEnum): Protection[] {
    this.tick('getProtections');
    const wanted = type === ProtectionType.SHEET || String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return this.sheetModel.protections.filter((p) => p.type === wanted).map((p) => new Protection(this.ctx, this.sheetModel, p));
  }

  // ---- developer metadata -----------------------------------------------------------------

  /** (key), (key, value), (key, visibility), (key, value, visibility), on the sheet itself. */
  addDeveloperMetadata(...args: unknown[]): Sheet {
    this.tick('addDeveloperMetadata');
    addDeveloperMetadata(this.ctx, args, 'Sheet.addDeveloperMetadata', this.sheetModel);
    return this;
  }
  /** The sheet's own metadata, not its rows' or columns'. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.tick('getDeveloperMetadata');
    return sheetMetadata(this.ctx, this.sheetModel);
  }
  /** Searches the sheet and its rows and columns. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.tick('createDeveloperMetadataFinder');
    return newSheetFinder(this.ctx, this.sheetModel);
  }

  // ---- charts (runtime/spreadsheet/chart.ts) ----------------------------------------------

  /** "Returns a builder to create a new chart for this sheet." */
  newChart(): EmbeddedChartBuilder {
    this.tick('newChart');
    return new EmbeddedChartBuilder(this.ctx, newDraft());
  }
  insertChart(chart: EmbeddedChart): void {
    this.tick('insertChart');
    insertChart(this.ctx, this.sheetModel, chart);
  }
  getCharts(): EmbeddedChart[] {
    this.tick('getCharts');
    return chartsOf(this.ctx, this.sheetModel);
  }
  updateChart(chart: EmbeddedChart): void {
    this.tick('updateChart');
    updateChart(this.sheetModel, chart);
  }
  removeChart(chart: EmbeddedChart): void {
    this.tick('removeChart');
    removeChart(this.sheetModel, chart);
  }

  // ---- clearing ---------------------------------------------------------------------------

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this.tick('clear');
    const contentsOnly = Boolean(options?.contentsOnly);
    const formatOnly = Boolean(options?.formatOnly);
    const contents = contentsOnly || !formatOnly;
    const formats = formatOnly || !contentsOnly;
    for (const row of this.sheetModel.rows) {
      if (!row) continue;
      for (const cell of row) {
        if (!cell) continue;
        if (contents) {
          cell.value = '';
          delete cell.formula;
        }
        if (formats) delete cell.format;
      }
    }
    return this;
  }
  clearContents(): Sheet {
    this.tick('clearContents');
    for (const row of this.sheetModel.rows) {
      if (!row) continue;
      for (const cell of row) {
        if (!cell) continue;
        cell.value = '';
        delete cell.formula;
      }
    }
    return this;
  }
  clearFormats(): Sheet {
    this.tick('clearFormats');
    for (const row of this.sheetModel.rows) for (const cell of row ?? []) if (cell) delete cell.format;
    return this;
  }
  clearNotes(): Sheet {
    this.tick('clearNotes');
    for (const row of this.sheetModel.rows) for (const cell of row ?? []) if (cell) delete cell.note;
    return this;
  }
}
registerHolder('Sheet', Sheet);
