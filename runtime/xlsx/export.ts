/**
 * WorkbookModel -> a new exceljs workbook: how a model built in memory is written, and how
 * sheets added to an imported workbook are (runtime/xlsx/write.ts picks the way).
 */
import ExcelJS from 'exceljs';
import type { Cell, CellFormat, CellValue, ConditionalFormatModel, DataValidationModel, SheetModel, WorkbookModel } from '../model.js';
import { xlsxBordersOf } from './borders.js';
import { hexToArgb } from './colors.js';
import { instantToWallClock, isMidnightIn } from './dates.js';
import { LongLists, MAX_LITERAL_LIST } from './long-lists.js';
import { mergeDisjoint } from './merges.js';
import { exportDeveloperMetadata } from './metadata.js';
import { applyPrintSetup } from './print.js';
import { absoluteRef, cellA1, columnLetters, rangeA1 } from './ranges.js';
import { DEFAULT_FONT_NAME, DEFAULT_FONT_SIZE, pointsFromPx, widthFromPx } from './units.js';

export function buildWorkbook(model: WorkbookModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.title = model.name;
  wb.creator = 'Duban local runtime';
  const firstVisible = Math.max(
    0,
    model.sheets.findIndex((s) => !s.hidden),
  );
  const lists = new LongLists();
  model.sheets.forEach((sheet, i) => {
    // Excel refuses a workbook whose sheets are all hidden.
    const hidden = sheet.hidden === true && i !== firstVisible;
    exportSheet(wb, sheet, model.timeZone, hidden, lists);
  });
  lists.writeTo(wb);
  exportDeveloperMetadata(wb, model);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: firstVisible, visibility: 'visible' }];
  return wb;
}

export function exportSheet(wb: ExcelJS.Workbook, sheet: SheetModel, zone: string, hidden: boolean, lists: LongLists): ExcelJS.Worksheet {
  const tab = hexToArgb(sheet.tabColor);
  const ws = wb.addWorksheet(sheet.name, {
    state: hidden ? 'hidden' : 'visible',
    properties: tab ? { tabColor: { argb: tab } } : {},
  });
  if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
    ws.views = [
      {
        state: 'frozen',
        xSplit: sheet.frozenColumns,
        ySplit: sheet.frozenRows,
        topLeftCell: cellA1(sheet.frozenRows, sheet.frozenColumns),
        ...(sheet.hideGridlines ? { showGridLines: false } : {}),
      },
    ];
  } else if (sheet.hideGridlines) {
    ws.views = [{ state: 'normal', showGridLines: false }];
  }
  for (const [col, px] of Object.entries(sheet.columnWidths)) {
    const c = Number(col);
    if (Number.isInteger(c) && c >= 0 && typeof px === 'number') ws.getColumn(c + 1).width = widthFromPx(px);
  }

  for (const [row, px] of Object.entries(sheet.rowHeights ?? {})) {
    const r = Number(row);
    if (Number.isInteger(r) && r >= 0 && typeof px === 'number' && px > 0) ws.getRow(r + 1).height = pointsFromPx(px);
  }

  const styles = new StyleCache();
  sheet.rows.forEach((cells, r) => {
    if (!cells || cells.length === 0) return;
    const row = ws.getRow(r + 1);
    cells.forEach((cell, c) => {
      if (!cell) return;
      writeCell(row.getCell(c + 1), cell, zone, styles);
    });
  });

  // Without style: each cell keeps its own format, as in the model; without exceljs's quadratic overlap check.
  mergeDisjoint(ws, sheet.merges);

  for (const c of sheet.hiddenColumns ?? []) ws.getColumn(c + 1).hidden = true;
  for (const r of sheet.hiddenRows ?? []) ws.getRow(r + 1).hidden = true;
  keepEmptyRowProperties(ws);

  exportValidations(ws, sheet, lists);
  exportConditionalFormats(ws, sheet.conditionalFormats);
  applyPrintSetup(ws, sheet);
  return ws;
}

/**
 * exceljs writes a row only when it has cells or a height, so an empty row that is hidden or in
 * an outline would lose that: an empty cell makes exceljs write the row, and writes nothing itself.
 */
export function keepEmptyRowProperties(ws: ExcelJS.Worksheet): void {
  const rows = (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
  for (const row of rows) {
    if (!row || row.cellCount > 0 || (typeof row.height === 'number' && row.height > 0)) continue;
    if (row.hidden || (typeof row.outlineLevel === 'number' && row.outlineLevel > 0)) row.getCell(1);
  }
}

function writeCell(xc: ExcelJS.Cell, cell: Cell, zone: string, styles: StyleCache): void {
  const value = xlsxValueOf(cell, zone);
  if (value !== null) xc.value = value;
  const style = styles.get(cell.format, numberFormatOf(cell, zone));
  if (style) xc.style = style;
  if (cell.note !== undefined && cell.note !== '') xc.note = cell.note;
}

/** What exceljs is given as a cell's value; null for a blank cell. */
export function xlsxValueOf(cell: Cell | undefined, zone: string): ExcelJS.CellValue {
  if (!cell) return null;
  const v = cell.value;
  if (cell.formula?.startsWith('=') && cell.formula.length > 1) {
    const result = resultOf(v, zone);
    return result === undefined
      ? { formula: cell.formula.slice(1) }
      : ({ formula: cell.formula.slice(1), result } as ExcelJS.CellFormulaValue);
  }
  if (v instanceof Date) return instantToWallClock(v, zone);
  if (v !== '' && v !== null && v !== undefined) return v;
  // exceljs attaches a note on reading only to a cell present in the sheet data: an empty string keeps it there.
  if (cell.note !== undefined && cell.note !== '') return '';
  return null;
}

/** A cell's number format; a date never goes out as a bare serial: it gets the format Sheets would show. */
export function numberFormatOf(cell: Cell | undefined, zone: string): string | undefined {
  const numberFormat = cell?.format?.numberFormat;
  const v = cell?.value;
  if (v instanceof Date && numberFormat === undefined) return isMidnightIn(v, zone) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
  return numberFormat;
}

const ERRORS = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;
type ErrorCode = (typeof ERRORS)[number];

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERRORS as readonly string[]).includes(v);
}

/** A formula's cached result; an error code goes out as an error, as Sheets shows it. */
export function resultOf(v: CellValue, zone: string): number | string | boolean | Date | ExcelJS.CellErrorValue | undefined {
  if (v instanceof Date) return instantToWallClock(v, zone);
  if (v === '') return undefined;
  if (isErrorCode(v)) return { error: v };
  return v;
}

/** One exceljs style object per distinct format, so exceljs's own style index can reuse it. */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style> | null>();

  get(format: CellFormat | undefined, numberFormat: string | undefined): Partial<ExcelJS.Style> | undefined {
    const key = JSON.stringify([format ?? null, numberFormat ?? null]);
    let style = this.cache.get(key);
    if (style === undefined) {
      style = styleOf(format, numberFormat) ?? null;
      this.cache.set(key, style);
    }
    return style ?? undefined;
  }
}

export function styleOf(f: CellFormat | undefined, numberFormat: string | undefined): Partial<ExcelJS.Style> | undefined {
  const style: Partial<ExcelJS.Style> = {};
  if (numberFormat) style.numFmt = numberFormat;
  if (f) {
    const bg = hexToArgb(f.background);
    if (bg) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bg }, bgColor: { argb: bg } };
    const fc = hexToArgb(f.fontColor);
    if (fc || f.fontWeight === 'bold' || f.fontStyle === 'italic' || f.fontSize !== undefined || f.fontFamily !== undefined) {
      const font: Partial<ExcelJS.Font> = { name: f.fontFamily ?? DEFAULT_FONT_NAME, size: f.fontSize ?? DEFAULT_FONT_SIZE };
      if (f.fontWeight === 'bold') font.bold = true;
      if (f.fontStyle === 'italic') font.italic = true;
      if (fc) font.color = { argb: fc };
      style.font = font;
    }
    const alignment: Partial<ExcelJS.Alignment> = {};
    if (f.horizontalAlignment && f.horizontalAlignment !== 'general') alignment.horizontal = f.horizontalAlignment;
    if (f.verticalAlignment) alignment.vertical = f.verticalAlignment;
    if (f.wrap) alignment.wrapText = true;
    if (Object.keys(alignment).length > 0) style.alignment = alignment;
    const border = xlsxBordersOf(f.borders);
    if (border) style.border = border;
  }
  return Object.keys(style).length > 0 ? style : undefined;
}

/** exceljs has the per-sheet validation map but its typings omit it. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): unknown };
}

function exportValidations(ws: ExcelJS.Worksheet, sheet: SheetModel, lists: LongLists): void {
  const validations = (ws as unknown as WithValidations).dataValidations;
  // Group each column's runs of identical rules into one range, as Excel and Sheets store them.
  let maxCol = 0;
  for (const row of sheet.rows) if (row) maxCol = Math.max(maxCol, row.length);
  for (let c = 0; c < maxCol; c++) {
    let runStart = -1;
    let runKey = '';
    let runRule: DataValidationModel | undefined;
    const flush = (endRow: number): void => {
      if (runRule && runStart >= 0) {
        const a1 = `${columnLetters(c)}${runStart + 1}:${columnLetters(c)}${endRow}`;
        const dv = dataValidationOf(runRule, lists);
        if (dv) validations.add(a1, dv);
      }
      runStart = -1;
      runKey = '';
      runRule = undefined;
    };
    for (let r = 0; r < sheet.rows.length; r++) {
      const v = sheet.rows[r]?.[c]?.validation;
      const key = v ? JSON.stringify(v) : '';
      if (key !== runKey) {
        flush(r);
        if (v) {
          runStart = r;
          runKey = key;
          runRule = v;
        }
      }
    }
    flush(sheet.rows.length);
  }
}

function quoteList(values: string[]): string {
  return `"${values.map((v) => v.replace(/"/g, '""')).join(',')}"`;
}

export function dataValidationOf(v: DataValidationModel, lists: LongLists): ExcelJS.DataValidation | undefined {
  const common: Omit<ExcelJS.DataValidation, 'type' | 'formulae'> = {
    allowBlank: true,
    showErrorMessage: true,
    ...(v.allowInvalid ? { errorStyle: 'warning' } : {}),
    ...(v.helpText ? { showInputMessage: true, prompt: v.helpText } : {}),
  };
  switch (v.kind) {
    case 'list': {
      const values = v.values ?? [];
      const literal = quoteList(values);
      // A comma inside an item would split it in a literal list.
      const formula = literal.length - 2 > MAX_LITERAL_LIST || values.some((x) => x.includes(',')) ? lists.refFor(values) : literal;
      return { type: 'list', formulae: [formula], ...common };
    }
    case 'checkbox':
      return { type: 'list', formulae: [quoteList(['TRUE', 'FALSE'])], ...common };
    case 'listFromRange':
      // Absolute, or Excel would shift the source range for every cell below the first.
      return v.source ? { type: 'list', formulae: [absoluteRef(v.source.replace(/^=/, ''))], ...common } : undefined;
    case 'date':
      return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))], ...common };
    case 'number':
      return { type: 'decimal', operator: 'between', formulae: [-1e15, 1e15], ...common };
    case 'custom':
      return v.source ? { type: 'custom', formulae: [v.source.replace(/^=/, '')], ...common } : undefined;
    default:
      return undefined;
  }
}

function quoteText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Every model condition goes out as an expression rule: the one kind Excel, WPS and LibreOffice all render alike. */
export function expressionOf(cf: ConditionalFormatModel): string | undefined {
  const first = cf.ranges[0];
  if (!first) return undefined;
  const tl = cellA1(first.startRow, first.startColumn);
  const c = cf.condition;
  switch (c.type) {
    case 'formula':
      return c.formula.replace(/^=/, '');
    case 'textEqual':
      return `${tl}=${quoteText(c.value)}`;
    case 'textContains':
      return `NOT(ISERROR(SEARCH(${quoteText(c.value)},${tl})))`;
    case 'cellEmpty':
      return `LEN(TRIM(${tl}))=0`;
    case 'cellNotEmpty':
      return `LEN(TRIM(${tl}))>0`;
    default:
      return undefined;
  }
}

export function dxfStyleOf(format: ConditionalFormatModel['format']): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  const bg = hexToArgb(format.background);
  // Both colours: Excel reads a dxf solid fill from bgColor, LibreOffice from fgColor.
  if (bg) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bg }, bgColor: { argb: bg } };
  const font: Partial<ExcelJS.Font> = {};
  const fc = hexToArgb(format.fontColor);
  if (fc) font.color = { argb: fc };
  if (format.bold !== undefined) font.bold = format.bold;
  if (format.italic !== undefined) font.italic = format.italic;
  if (format.strikethrough !== undefined) font.strike = format.strikethrough;
  if (Object.keys(font).length > 0) style.font = font;
  return style;
}

function exportConditionalFormats(ws: ExcelJS.Worksheet, cfs: ConditionalFormatModel[]): void {
  cfs.forEach((cf, i) => {
    const formula = expressionOf(cf);
    if (formula === undefined || cf.ranges.length === 0) return;
    ws.addConditionalFormatting({
      ref: cf.ranges.map(rangeA1).join(' '),
      rules: [{ type: 'expression', priority: i + 1, formulae: [formula], style: dxfStyleOf(cf.format) }],
    });
  });
}
