/** Range: a fixed rectangle of a sheet (it does not move when rows are inserted), 1-based to the script. */
import type { BorderSide, Cell, CellBorders, CellFormat, GridRange, SheetModel } from '../model.js';
import { formatA1 } from './a1.js';
import { normalizeColor } from './color.js';
import { isSheet, newSheet, registerHolder } from './containers.js';
import { activeSheetOf, type RuntimeContext } from './context.js';
import { type Area, partsOf, paste, pasteFormats } from './copy.js';
import {
  addDeveloperMetadata,
  type DeveloperMetadata,
  type DeveloperMetadataFinder,
  newRangeFinder,
  rangeMetadata,
} from './developer-metadata.js';
import { AUTOMATIC_FORMAT, displayText } from './display.js';
import { checkDimensions, fail, MSG } from './errors.js';
import { cellAt, contains, ensureCell, hasContent, intersects } from './grid.js';
import { beforeSheetCall } from './pending.js';
import { Protection } from './protection.js';
import type { Sheet } from './sheet.js';
import { DataValidation } from './validation.js';
import { isDate } from './values.js';
import { writeInputs } from './write.js';

type FormatKey = keyof CellFormat;

export class Range {
  constructor(
    private readonly ctx: RuntimeContext,
    /** Runtime internals, not part of the Apps Script surface. */
    readonly sheetModel: SheetModel,
    readonly r0: number,
    readonly c0: number,
    readonly nr: number,
    readonly nc: number,
    /**
     * Set when the range was named by whole columns ('H:H') or whole rows ('2:2'): Sheets keeps
     * such a range unbounded, which is what lets it carry developer metadata (developer-metadata.ts).
     */
    readonly whole?: 'rows' | 'columns',
  ) {}

  private tick(name: string): void {
    this.ctx.beforeCall();
    this.ctx.calls.count(`Range.${name}`);
    beforeSheetCall(this.ctx, this.sheetModel, name, { start: this.r0, count: this.nr });
  }

  private grid(): GridRange {
    return { startRow: this.r0, startColumn: this.c0, endRow: this.r0 + this.nr, endColumn: this.c0 + this.nc };
  }

  /** A fresh nr x nc array of what `read` gives for each cell. */
  private read<T>(read: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = new Array(this.nr);
    const rows = this.sheetModel.rows;
    for (let i = 0; i < this.nr; i++) {
      const row = rows[this.r0 + i] as (Cell | undefined)[] | undefined;
      const line: T[] = new Array(this.nc);
      for (let j = 0; j < this.nc; j++) line[j] = read(row ? row[this.c0 + j] : undefined);
      out[i] = line;
    }
    return out;
  }

  private topLeft(): Cell | undefined {
    return cellAt(this.sheetModel, this.r0, this.c0);
  }

  private eachCell(fn: (cell: Cell, i: number, j: number) => void): void {
    for (let i = 0; i < this.nr; i++) for (let j = 0; j < this.nc; j++) fn(ensureCell(this.sheetModel, this.r0 + i, this.c0 + j), i, j);
  }

  /** Visits only existing cells: clearing needs no new ones. */
  private eachExisting(fn: (cell: Cell) => void): void {
    for (let i = 0; i < this.nr; i++) {
      const row = this.sheetModel.rows[this.r0 + i] as (Cell | undefined)[] | undefined;
      if (!row) continue;
      for (let j = 0; j < this.nc; j++) {
        const cell = row[this.c0 + j];
        if (cell) fn(cell);
      }
    }
  }

  private setFormat<K extends FormatKey>(key: K, value: CellFormat[K] | null): void {
    const writer = new FormatWriter(key);
    this.eachCell((cell) => writer.apply(cell, value));
  }

  private setFormats<K extends FormatKey>(key: K, data: unknown, convert: (v: unknown) => CellFormat[K] | null): void {
    const rows = checkDimensions(data, this.nr, this.nc);
    const writer = new FormatWriter(key);
    const converted = new Map<unknown, CellFormat[K] | null>();
    this.eachCell((cell, i, j) => {
      const input = rows[i][j];
      let value = converted.get(input);
      if (value === undefined) {
        value = convert(input);
        converted.set(input, value);
      }
      writer.apply(cell, value);
    });
  }

  // ---- geometry ---------------------------------------------------------------------------

  getRow(): number {
    this.tick('getRow');
    return this.r0 + 1;
  }
  getRowIndex(): number {
    this.tick('getRowIndex');
    return this.r0 + 1;
  }
  getColumn(): number {
    this.tick('getColumn');
    return this.c0 + 1;
  }
  getNumRows(): number {
    this.tick('getNumRows');
    return this.nr;
  }
  getNumColumns(): number {
    this.tick('getNumColumns');
    return this.nc;
  }
  getLastRow(): number {
    this.tick('getLastRow');
    return this.r0 + this.nr;
  }
  getLastColumn(): number {
    this.tick('getLastColumn');
    return this.c0 + this.nc;
  }
  getA1Notation(): string {
    this.tick('getA1Notation');
    return formatA1(this.r0 + 1, this.c0 + 1, this.nr, this.nc);
  }
  getSheet(): Sheet {
    this.tick('getSheet');
    return newSheet(this.ctx, this.sheetModel);
  }
  getGridId(): number {
    this.tick('getGridId');
    return this.sheetModel.sheetId;
  }
  getCell(row: number, column: number): Range {
    this.tick('getCell');
    if (!(row >= 1 && row <= this.nr && column >= 1 && column <= this.nc)) fail(MSG.cellOutOfRange);
    return new Range(this.ctx, this.sheetModel, this.r0 + row - 1, this.c0 + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.tick('offset');
    const nr = numRows ?? this.nr;
    const nc = numColumns ?? this.nc;
    return makeRange(this.ctx, this.sheetModel, this.r0 + 1 + rowOffset, this.c0 + 1 + columnOffset, nr, nc);
  }
  activate(): Range {
    this.tick('activate');
    this.ctx.activeSheet = this.sheetModel;
    this.ctx.activeSelection = { sheet: this.sheetModel, row: this.r0, column: this.c0, numRows: this.nr, numColumns: this.nc };
    return this;
  }
  isBlank(): boolean {
    this.tick('isBlank');
    let blank = true;
    this.eachExisting((cell) => {
      if (hasContent(cell)) blank = false;
    });
    return blank;
  }

  // ---- values -----------------------------------------------------------------------------

  getValue(): unknown {
    this.tick('getValue');
    return readValue(this.topLeft());
  }
  getValues(): unknown[][] {
    this.tick('getValues');
    this.ctx.calls.read('Range.getValues', this.sheetModel.name, this.nr, this.nc);
    return this.read(readValue);
  }
  setValue(value: unknown): Range {
    this.tick('setValue');
    const row = new Array<unknown>(this.nc).fill(value);
    writeInputs(
      this.ctx,
      this.sheetModel,
      this.r0,
      this.c0,
      Array.from({ length: this.nr }, () => row),
    );
    return this;
  }
  setValues(values: unknown): Range {
    this.tick('setValues');
    writeInputs(this.ctx, this.sheetModel, this.r0, this.c0, checkDimensions(values, this.nr, this.nc));
    return this;
  }
  getDisplayValue(): string {
    this.tick('getDisplayValue');
    return this.display(this.topLeft());
  }
  getDisplayValues(): string[][] {
    this.tick('getDisplayValues');
    return this.read((cell) => this.display(cell));
  }
  private display(cell: Cell | undefined): string {
    if (!cell) return '';
    return displayText(cell.value, cell.format?.numberFormat, this.ctx.model.timeZone, this.ctx.model.locale);
  }
  getFormula(): string {
    this.tick('getFormula');
    return this.topLeft()?.formula ?? '';
  }
  getFormulas(): string[][] {
    this.tick('getFormulas');
    this.ctx.calls.read('Range.getFormulas', this.sheetModel.name, this.nr, this.nc);
    return this.read((cell) => cell?.formula ?? '');
  }
  /** The formula is stored, not evaluated: the cell's value stays '' until an import brings a cached result. */
  setFormula(formula: string): Range {
    this.tick('setFormula');
    this.eachCell((cell) => setFormulaOf(cell, formula));
    return this;
  }
  setFormulas(formulas: unknown): Range {
    this.tick('setFormulas');
    const rows = checkDimensions(formulas, this.nr, this.nc);
    this.eachCell((cell, i, j) => setFormulaOf(cell, rows[i][j]));
    return this;
  }

  // ---- copying ----------------------------------------------------------------------------

  private area(): Area {
    return { sheet: this.sheetModel, r0: this.r0, c0: this.c0, nr: this.nr, nc: this.nc };
  }
  /** copyTo(destination) and copyTo(destination, {formatOnly, contentsOnly}); see copy.ts for how far it pastes. */
  copyTo(destination: Range, options?: { formatOnly?: boolean; contentsOnly?: boolean }): void {
    this.tick('copyTo');
    if (!(destination instanceof Range) || (options !== undefined && (typeof options !== 'object' || options === null))) {
      fail("The parameters don't match the method signature for SpreadsheetApp.Range.copyTo.");
    }
    paste(this.area(), destination.area(), partsOf(options));
  }
  /** copyFormatToRange(sheet or gridId, column, columnEnd, row, rowEnd), 1-based and inclusive. */
  copyFormatToRange(sheet: Sheet | number, column: number, columnEnd: number, row: number, rowEnd: number): void {
    this.tick('copyFormatToRange');
    let target: SheetModel | undefined;
    if (isSheet(sheet)) target = sheet.sheetModel;
    else if (typeof sheet === 'number') target = this.ctx.model.sheets.find((s) => s.sheetId === sheet);
    else fail("The parameters don't match the method signature for SpreadsheetApp.Range.copyFormatToRange.");
    if (!target) fail(MSG.rangeNotFound);
    const to = makeRange(this.ctx, target, row, column, rowEnd - row + 1, columnEnd - column + 1);
    pasteFormats(this.area(), to.area());
  }

  // ---- formats ----------------------------------------------------------------------------

  getBackground(): string {
    this.tick('getBackground');
    return this.topLeft()?.format?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    this.tick('getBackgrounds');
    return this.read((cell) => cell?.format?.background ?? '#ffffff');
  }
  setBackground(color: string | null): Range {
    this.tick('setBackground');
    this.setFormat('background', normalizeColor(color));
    return this;
  }
  setBackgrounds(colors: unknown): Range {
    this.tick('setBackgrounds');
    this.setFormats('background', colors, normalizeColor);
    return this;
  }
  getFontColor(): string {
    this.tick('getFontColor');
    return this.topLeft()?.format?.fontColor ?? '#000000';
  }
  getFontColors(): string[][] {
    this.tick('getFontColors');
    return this.read((cell) => cell?.format?.fontColor ?? '#000000');
  }
  setFontColor(color: string | null): Range {
    this.tick('setFontColor');
    this.setFormat('fontColor', normalizeColor(color) ?? undefined);
    return this;
  }
  setFontColors(colors: unknown): Range {
    this.tick('setFontColors');
    this.setFormats('fontColor', colors, (v) => normalizeColor(v) ?? null);
    return this;
  }
  getFontWeight(): string {
    this.tick('getFontWeight');
    return this.topLeft()?.format?.fontWeight ?? 'normal';
  }
  getFontWeights(): string[][] {
    this.tick('getFontWeights');
    return this.read((cell) => cell?.format?.fontWeight ?? 'normal');
  }
  setFontWeight(fontWeight: string | null): Range {
    this.tick('setFontWeight');
    this.setFormat('fontWeight', asFontWeight(fontWeight));
    return this;
  }
  setFontWeights(fontWeights: unknown): Range {
    this.tick('setFontWeights');
    this.setFormats('fontWeight', fontWeights, asFontWeight);
    return this;
  }
  getFontStyle(): string {
    this.tick('getFontStyle');
    return this.topLeft()?.format?.fontStyle ?? 'normal';
  }
  getFontStyles(): string[][] {
    this.tick('getFontStyles');
    return this.read((cell) => cell?.format?.fontStyle ?? 'normal');
  }
  setFontStyle(fontStyle: string | null): Range {
    this.tick('setFontStyle');
    this.setFormat('fontStyle', asFontStyle(fontStyle));
    return this;
  }
  setFontStyles(fontStyles: unknown): Range {
    this.tick('setFontStyles');
    this.setFormats('fontStyle', fontStyles, asFontStyle);
    return this;
  }
  getFontSize(): number {
    this.tick('getFontSize');
    return this.topLeft()?.format?.fontSize ?? 10;
  }
  setFontSize(size: number | null): Range {
    this.tick('setFontSize');
    this.setFormat('fontSize', size === null ? null : Number(size));
    return this;
  }
  setFontSizes(sizes: unknown): Range {
    this.tick('setFontSizes');
    this.setFormats('fontSize', sizes, (v) => (v === null || v === undefined ? null : Number(v)));
    return this;
  }
  /**
   * setBorder(top, left, bottom, right, vertical, horizontal[, color, style]): true draws a side,
   * false clears it, null leaves it as it is; vertical and horizontal are the lines between the
   * range's cells. Colour defaults to black, style to SOLID.
   */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: unknown,
  ): Range {
    this.tick('setBorder');
    const side = {
      style: (style === undefined || style === null ? 'SOLID' : String(style)) as BorderSide['style'],
      ...(color ? { color: String(color).toLowerCase() } : {}),
    };
    const pick = (flag: boolean | null): BorderSide | null | undefined => (flag === null ? undefined : flag ? side : null);
    this.eachCell((cell, i, j) => {
      const want: Partial<Record<keyof CellBorders, BorderSide | null | undefined>> = {
        top: pick(i === 0 ? top : horizontal),
        bottom: pick(i === this.nr - 1 ? bottom : horizontal),
        left: pick(j === 0 ? left : vertical),
        right: pick(j === this.nc - 1 ? right : vertical),
      };
      const borders: CellBorders = { ...(cell.format?.borders ?? {}) };
      for (const k of ['top', 'bottom', 'left', 'right'] as const) {
        const v = want[k];
        if (v === undefined) continue;
        if (v === null) delete borders[k];
        else borders[k] = v;
      }
      const { borders: _old, ...rest } = cell.format ?? {};
      void _old;
      cell.format = Object.keys(borders).length === 0 ? rest : { ...rest, borders };
    });
    return this;
  }
  getFontFamily(): string {
    this.tick('getFontFamily');
    return this.topLeft()?.format?.fontFamily ?? 'Arial';
  }
  setFontFamily(fontFamily: string | null): Range {
    this.tick('setFontFamily');
    this.setFormat('fontFamily', fontFamily === null ? null : String(fontFamily));
    return this;
  }
  getNumberFormat(): string {
    this.tick('getNumberFormat');
    return this.topLeft()?.format?.numberFormat ?? AUTOMATIC_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.tick('getNumberFormats');
    return this.read((cell) => cell?.format?.numberFormat ?? AUTOMATIC_FORMAT);
  }
  setNumberFormat(numberFormat: string): Range {
    this.tick('setNumberFormat');
    this.setFormat('numberFormat', String(numberFormat));
    return this;
  }
  setNumberFormats(numberFormats: unknown): Range {
    this.tick('setNumberFormats');
    this.setFormats('numberFormat', numberFormats, (v) => (v === null || v === undefined ? null : String(v)));
    return this;
  }
  getHorizontalAlignment(): string {
    this.tick('getHorizontalAlignment');
    return this.topLeft()?.format?.horizontalAlignment ?? 'general';
  }
  getHorizontalAlignments(): string[][] {
    this.tick('getHorizontalAlignments');
    return this.read((cell) => cell?.format?.horizontalAlignment ?? 'general');
  }
  setHorizontalAlignment(alignment: string | null): Range {
    this.tick('setHorizontalAlignment');
    this.setFormat('horizontalAlignment', asHorizontal(alignment));
    return this;
  }
  setHorizontalAlignments(alignments: unknown): Range {
    this.tick('setHorizontalAlignments');
    this.setFormats('horizontalAlignment', alignments, asHorizontal);
    return this;
  }
  getVerticalAlignment(): string {
    this.tick('getVerticalAlignment');
    return this.topLeft()?.format?.verticalAlignment ?? 'bottom';
  }
  setVerticalAlignment(alignment: string | null): Range {
    this.tick('setVerticalAlignment');
    this.setFormat('verticalAlignment', asVertical(alignment));
    return this;
  }
  getWrap(): boolean {
    this.tick('getWrap');
    return this.topLeft()?.format?.wrap ?? false;
  }
  getWraps(): boolean[][] {
    this.tick('getWraps');
    return this.read((cell) => cell?.format?.wrap ?? false);
  }
  setWrap(isWrapEnabled: boolean): Range {
    this.tick('setWrap');
    this.setFormat('wrap', Boolean(isWrapEnabled));
    return this;
  }
  setWraps(isWrapEnabled: unknown): Range {
    this.tick('setWraps');
    this.setFormats('wrap', isWrapEnabled, (v) => Boolean(v));
    return this;
  }

  // ---- notes ------------------------------------------------------------------------------

  getNote(): string {
    this.tick('getNote');
    return this.topLeft()?.note ?? '';
  }
  getNotes(): string[][] {
    this.tick('getNotes');
    return this.read((cell) => cell?.note ?? '');
  }
  setNote(note: string | null): Range {
    this.tick('setNote');
    this.eachCell((cell) => setNoteOf(cell, note));
    return this;
  }
  setNotes(notes: unknown): Range {
    this.tick('setNotes');
    const rows = checkDimensions(notes, this.nr, this.nc);
    this.eachCell((cell, i, j) => setNoteOf(cell, rows[i][j]));
    return this;
  }
  clearNote(): Range {
    this.tick('clearNote');
    this.eachExisting((cell) => delete cell.note);
    return this;
  }

  // ---- data validation --------------------------------------------------------------------

  getDataValidation(): DataValidation | null {
    this.tick('getDataValidation');
    const rule = this.topLeft()?.validation;
    return rule ? new DataValidation(this.ctx, rule) : null;
  }
  getDataValidations(): (DataValidation | null)[][] {
    this.tick('getDataValidations');
    return this.read((cell) => (cell?.validation ? new DataValidation(this.ctx, cell.validation) : null));
  }
  setDataValidation(rule: DataValidation | null): Range {
    this.tick('setDataValidation');
    if (rule !== null && !(rule instanceof DataValidation)) fail('Invalid argument: rule');
    if (rule === null) this.eachExisting((cell) => delete cell.validation);
    else this.eachCell((cell) => (cell.validation = rule.rule));
    return this;
  }
  setDataValidations(rules: unknown): Range {
    this.tick('setDataValidations');
    const rows = checkDimensions(rules, this.nr, this.nc);
    this.eachCell((cell, i, j) => {
      const rule = rows[i][j];
      if (rule instanceof DataValidation) cell.validation = rule.rule;
      else if (rule === null || rule === undefined) delete cell.validation;
      else fail('Invalid argument: rules');
    });
    return this;
  }
  clearDataValidations(): Range {
    this.tick('clearDataValidations');
    this.eachExisting((cell) => delete cell.validation);
    return this;
  }

  // ---- clearing ---------------------------------------------------------------------------

  /** clear() with no options clears contents and formats; the options pick parts, as documented. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean }): Range {
    this.tick('clear');
    const some = options && (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly);
    const contents = !some || Boolean(options?.contentsOnly);
    const formats = !some || Boolean(options?.formatOnly);
    this.eachExisting((cell) => {
      if (contents) clearContentOf(cell);
      if (formats) delete cell.format;
      if (options?.validationsOnly) delete cell.validation;
      if (options?.commentsOnly) delete cell.note;
    });
    return this;
  }
  clearContent(): Range {
    this.tick('clearContent');
    this.eachExisting(clearContentOf);
    return this;
  }
  clearFormat(): Range {
    this.tick('clearFormat');
    this.eachExisting((cell) => delete cell.format);
    return this;
  }

  // ---- merges -----------------------------------------------------------------------------

  private mergeAreas(areas: GridRange[]): void {
    const sheet = this.sheetModel;
    const whole = this.grid();
    for (const m of sheet.merges) if (intersects(m, whole) && !contains(whole, m)) fail(MSG.mergePartial);
    sheet.merges = sheet.merges.filter((m) => !contains(whole, m));
    for (const area of areas) {
      if (area.endRow - area.startRow === 1 && area.endColumn - area.startColumn === 1) continue;
      // Sheets keeps the top-left value of a merged area and drops the others.
      for (let r = area.startRow; r < area.endRow; r++) {
        for (let c = area.startColumn; c < area.endColumn; c++) {
          const cell = cellAt(sheet, r, c);
          if (cell && (r !== area.startRow || c !== area.startColumn)) clearContentOf(cell);
        }
      }
      sheet.merges.push(area);
    }
  }
  merge(): Range {
    this.tick('merge');
    this.mergeAreas([this.grid()]);
    return this;
  }
  mergeAcross(): Range {
    this.tick('mergeAcross');
    const areas: GridRange[] = [];
    for (let i = 0; i < this.nr; i++) {
      areas.push({ startRow: this.r0 + i, endRow: this.r0 + i + 1, startColumn: this.c0, endColumn: this.c0 + this.nc });
    }
    this.mergeAreas(areas);
    return this;
  }
  mergeVertically(): Range {
    this.tick('mergeVertically');
    const areas: GridRange[] = [];
    for (let j = 0; j < this.nc; j++) {
      areas.push({ startRow: this.r0, endRow: this.r0 + this.nr, startColumn: this.c0 + j, endColumn: this.c0 + j + 1 });
    }
    this.mergeAreas(areas);
    return this;
  }
  breakApart(): Range {
    this.tick('breakApart');
    const whole = this.grid();
    for (const m of this.sheetModel.merges) if (intersects(m, whole) && !contains(whole, m)) fail(MSG.mergePartial);
    this.sheetModel.merges = this.sheetModel.merges.filter((m) => !contains(whole, m));
    return this;
  }
  /** Merged areas inside this range or overlapping it, as documented for getMergedRanges(). */
  getMergedRanges(): Range[] {
    this.tick('getMergedRanges');
    const whole = this.grid();
    return this.sheetModel.merges
      .filter((m) => intersects(m, whole))
      .map((m) => new Range(this.ctx, this.sheetModel, m.startRow, m.startColumn, m.endRow - m.startRow, m.endColumn - m.startColumn));
  }
  isPartOfMerge(): boolean {
    this.tick('isPartOfMerge');
    const whole = this.grid();
    return this.sheetModel.merges.some((m) => intersects(m, whole));
  }

  // ---- developer metadata -----------------------------------------------------------------

  /** (key), (key, value), (key, visibility), (key, value, visibility): only on one whole row or column named as such ('H:H', '5:5'). */
  addDeveloperMetadata(...args: unknown[]): Range {
    this.tick('addDeveloperMetadata');
    addDeveloperMetadata(this.ctx, args, 'Range.addDeveloperMetadata', this.sheetModel, this);
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.tick('getDeveloperMetadata');
    return rangeMetadata(this.ctx, this);
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.tick('createDeveloperMetadataFinder');
    return newRangeFinder(this.ctx, this);
  }

  // ---- protection -------------------------------------------------------------------------

  protect(): Protection {
    this.tick('protect');
    const model = { type: 'RANGE' as const, range: this.grid(), description: '', warningOnly: false };
    this.sheetModel.protections.push(model);
    return new Protection(this.ctx, this.sheetModel, model);
  }
}
registerHolder('Range', Range);

/**
 * Sets one format property copy-on-write: cells that had the same format and get the same value
 * share the resulting object, so painting 250,000 cells allocates a handful of objects.
 */
class FormatWriter<K extends FormatKey> {
  private readonly results = new Map<CellFormat | undefined, Map<unknown, CellFormat | undefined>>();
  constructor(private readonly key: K) {}

  apply(cell: Cell, value: CellFormat[K] | null | undefined): void {
    const before = cell.format;
    let byValue = this.results.get(before);
    if (!byValue) {
      byValue = new Map();
      this.results.set(before, byValue);
    }
    if (byValue.has(value)) {
      cell.format = byValue.get(value);
      if (cell.format === undefined) delete cell.format;
      return;
    }
    let after: CellFormat | undefined;
    if (value === null || value === undefined) {
      if (before && this.key in before) {
        after = { ...before };
        delete after[this.key];
      } else {
        after = before;
      }
    } else {
      after = { ...before, [this.key]: value };
    }
    byValue.set(value, after);
    cell.format = after;
    if (cell.format === undefined) delete cell.format;
  }
}

function readValue(cell: Cell | undefined): unknown {
  if (!cell) return '';
  const v = cell.value;
  return isDate(v) ? new Date(v.getTime()) : v;
}

function setFormulaOf(cell: Cell, formula: unknown): void {
  const text = formula === null || formula === undefined ? '' : String(formula);
  if (text === '') {
    clearContentOf(cell);
    return;
  }
  cell.formula = text;
  cell.value = '';
}

function setNoteOf(cell: Cell, note: unknown): void {
  if (note === null || note === undefined || note === '') delete cell.note;
  else cell.note = String(note);
}

function clearContentOf(cell: Cell): void {
  cell.value = '';
  delete cell.formula;
}

function asFontWeight(v: unknown): CellFormat['fontWeight'] | null {
  if (v === 'bold' || v === 'normal') return v;
  return null;
}
function asFontStyle(v: unknown): CellFormat['fontStyle'] | null {
  if (v === 'italic' || v === 'normal') return v;
  return null;
}
function asHorizontal(v: unknown): CellFormat['horizontalAlignment'] | null {
  if (v === 'left' || v === 'center' || v === 'right') return v;
  if (v === 'normal' || v === 'general') return 'general';
  return null;
}
function asVertical(v: unknown): CellFormat['verticalAlignment'] | null {
  if (v === 'top' || v === 'middle' || v === 'bottom') return v;
  return null;
}

/** Sheet.getRange's checks, in Apps Script's order, then the grid bounds. */
export function makeRange(ctx: RuntimeContext, sheet: SheetModel, row: number, column: number, numRows: number, numColumns: number): Range {
  const r = Math.trunc(Number(row));
  const c = Math.trunc(Number(column));
  const nr = Math.trunc(Number(numRows));
  const nc = Math.trunc(Number(numColumns));
  if (!(r >= 1)) fail(MSG.startRowTooSmall);
  if (!(c >= 1)) fail(MSG.startColumnTooSmall);
  if (!(nr >= 1)) fail(MSG.numRowsTooSmall);
  if (!(nc >= 1)) fail(MSG.numColumnsTooSmall);
  if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxColumns) fail(MSG.outsideSheet);
  return new Range(ctx, sheet, r - 1, c - 1, nr, nc);
}

/** The selection on the active sheet (A1 when nothing is selected), as SpreadsheetApp and Spreadsheet give it. */
export function activeRange(ctx: RuntimeContext): Range {
  const sheet = activeSheetOf(ctx);
  const sel = ctx.activeSelection;
  if (sel && sel.sheet === sheet) return new Range(ctx, sheet, sel.row, sel.column, sel.numRows, sel.numColumns);
  return new Range(ctx, sheet, 0, 0, 1, 1);
}
