/**
 * .xlsx -> WorkbookModel, through exceljs.
 */

import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type {
  Cell,
  CellFormat,
  CellValue,
  ConditionalFormatModel,
  DataValidationModel,
  GridRange,
  SheetModel,
  WorkbookModel,
} from '../model.js';
import { newSheetModel, newWorkbookModel } from '../model.js';
import { bordersOf } from './borders.js';
import { readCharts } from './charts.js';
import { isDefaultFontColor, isXlsxColor, type XlsxColor, xlsxColorToHex } from './colors.js';
import { readCustomProperties } from './custom-props.js';
import { wallClockToInstant } from './dates.js';
import { forgetNamesKeptRaw, installRawNames, readDefinedNames } from './defined-names.js';
import { checkXlsx, WorkbookFormatError } from './format.js';
import { LIST_SHEET, longListValues, readLongLists } from './long-lists.js';
import { importDeveloperMetadata } from './metadata.js';
import { normalisePackage } from './normalise.js';
import { baselineOf, type RawCfRule, rememberOrigin, type SheetOrigin, type WorkbookOrigin } from './origin.js';
import { parseRangeA1, parseSqref, relativeRef } from './ranges.js';
import { DEFAULT_FONT_NAME, DEFAULT_FONT_SIZE, pxFromPoints, pxFromWidth } from './units.js';
import { readX14Validations } from './x14-validations.js';

export interface ImportOptions {
  /** The spreadsheet time zone that date serials are read in; xlsx has none. Default 'Asia/Shanghai'. */
  timeZone?: string;
  /** The workbook name; defaults to the file name without extension, or 'Workbook' for a buffer. */
  name?: string;
}

/**
 * Reads an .xlsx into a model. The exceljs workbook is kept beside the model (runtime/xlsx/origin.ts)
 * so that export writes this same file back with only the runtime's changes in it.
 * Throws WorkbookFormatError, with a sentence for a person, when the file is not an .xlsx workbook.
 */
export async function importXlsx(source: string | Buffer, opts: ImportOptions = {}): Promise<WorkbookModel> {
  const label = typeof source === 'string' ? source : (opts.name ?? 'The workbook');
  // Parts where another producer put them are moved to where exceljs looks (runtime/xlsx/normalise.ts).
  const buf = await normalisePackage(typeof source === 'string' ? await readFile(source) : source);
  checkXlsx(buf, label);
  const wb = new ExcelJS.Workbook();
  const applyDeveloperMetadata = importDeveloperMetadata(wb);
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new WorkbookFormatError(label, `it is damaged or not a workbook Excel can open (${detail})`);
  }
  const name = opts.name ?? (typeof source === 'string' ? baseName(source) : 'Workbook');
  const model = newWorkbookModel(name, opts.timeZone ?? 'Asia/Shanghai');
  const documentProperties = readCustomProperties(buf);
  if (Object.keys(documentProperties).length > 0) model.documentProperties = documentProperties;
  const date1904 = wb.properties.date1904 === true;
  const lists = readLongLists(wb);
  const fileOrder = wb.worksheets;
  const origin: WorkbookOrigin = {
    wb,
    sheets: new Map(),
    names: readDefinedNames(buf, fileOrder),
    activeSheet: fileOrder[Array.isArray(wb.views) ? (wb.views[0]?.activeTab ?? 0) : 0],
  };
  forgetNamesKeptRaw(wb);
  readX14Validations(buf, fileOrder);
  for (const ws of fileOrder) keepPageNumbering(ws);
  installRawNames(wb, () => origin.names);
  fileOrder
    .filter((ws) => ws.name !== LIST_SHEET)
    .forEach((ws, i) => {
      const { sheet, cfSources, foreignCfRules } = importSheet(ws, i, model.timeZone, date1904, lists);
      model.sheets.push(sheet);
      const sheetOrigin: SheetOrigin = { ws, baseline: baselineOf(sheet), cfSources, foreignCfRules };
      origin.sheets.set(sheet, sheetOrigin);
    });
  applyDeveloperMetadata(model);
  readCharts(buf, model);
  rememberOrigin(model, origin);
  return model;
}

/**
 * exceljs writes useFirstPageNumber from firstPageNumber, which it reads as 1 when absent: a
 * page setup it read would come back numbering from a fixed first page. Without the flag the
 * number means nothing, so it is dropped and the flag stays off.
 */
function keepPageNumbering(ws: ExcelJS.Worksheet): void {
  const setup = ws.pageSetup as { useFirstPageNumber?: boolean; firstPageNumber?: number } | undefined;
  if (setup && !setup.useFirstPageNumber) delete setup.firstPageNumber;
}

function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.xlsx$/i, '');
}

interface ImportedSheet {
  sheet: SheetModel;
  cfSources: (RawCfRule | undefined)[];
  foreignCfRules: Set<RawCfRule>;
}

function importSheet(ws: ExcelJS.Worksheet, index: number, zone: string, date1904: boolean, lists: Map<string, string[]>): ImportedSheet {
  const sheet = newSheetModel(ws.name, index === 0 ? 0 : ws.id);
  const formats = new FormatCache();
  let lastRow = 0;
  let lastCol = 0;
  const merged = mergesOf(ws);
  const mergedAway = new Set<string>();
  for (const m of merged) {
    for (let r = m.startRow; r < m.endRow; r++) {
      for (let c = m.startColumn; c < m.endColumn; c++) {
        if (r !== m.startRow || c !== m.startColumn) mergedAway.add(`${r},${c}`);
      }
    }
  }
  sheet.merges = merged;

  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    if (typeof row.height === 'number' && row.height > 0) {
      (sheet.rowHeights ??= {})[r - 1] = pxFromPoints(row.height);
    }
    if (row.hidden) (sheet.hiddenRows ??= new Set()).add(r - 1);
    const cells: (Cell | undefined)[] = [];
    const n = row.cellCount;
    for (let c = 1; c <= n; c++) {
      const xc = row.findCell(c);
      if (!xc) continue;
      const away = mergedAway.has(`${r - 1},${c - 1}`);
      const cell = importCell(xc, zone, date1904, formats, away);
      if (cell) {
        cells[c - 1] = cell;
        lastCol = Math.max(lastCol, c);
      }
    }
    if (cells.length > 0) {
      sheet.rows[r - 1] = cells;
      lastRow = Math.max(lastRow, r);
    }
  }

  importValidations(ws, sheet, lists);
  for (const row of sheet.rows) if (row) lastCol = Math.max(lastCol, row.length);
  lastRow = Math.max(lastRow, sheet.rows.length);
  for (let r = 0; r < sheet.rows.length; r++) if (sheet.rows[r] === undefined) sheet.rows[r] = [];

  const view = Array.isArray(ws.views) ? ws.views[0] : undefined;
  if (view && view.state === 'frozen') {
    sheet.frozenRows = numberOr0(view.ySplit);
    sheet.frozenColumns = numberOr0(view.xSplit);
  }

  // Widths may be set on columns beyond the last cell (<cols> covers them, cells do not).
  const colCount = Math.max(ws.columnCount, Array.isArray(ws.columns) ? ws.columns.length : 0);
  for (let c = 1; c <= colCount; c++) {
    const column = ws.getColumn(c);
    const w = column.width;
    if (typeof w === 'number' && w > 0) sheet.columnWidths[c - 1] = pxFromWidth(w);
    if (column.hidden) (sheet.hiddenColumns ??= new Set()).add(c - 1);
  }

  const cfs = importConditionalFormats(ws);
  sheet.conditionalFormats = cfs.rules.map((x) => x.cf);
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
  const tab = xlsxColorToHex(colorOf(ws.properties.tabColor));
  if (tab) sheet.tabColor = tab;

  for (const m of sheet.merges) {
    lastRow = Math.max(lastRow, m.endRow);
    lastCol = Math.max(lastCol, m.endColumn);
  }
  sheet.maxRows = Math.max(1000, lastRow);
  sheet.maxColumns = Math.max(26, lastCol, colCount);
  return { sheet, cfSources: cfs.rules.map((x) => x.source), foreignCfRules: cfs.foreign };
}

function numberOr0(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function colorOf(v: unknown): XlsxColor | undefined {
  return isXlsxColor(v) ? v : undefined;
}

/** exceljs keeps merges in a private map; reading it avoids building the whole sheet model. */
function mergesOf(ws: ExcelJS.Worksheet): GridRange[] {
  const raw: unknown = (ws as unknown as { _merges?: unknown })._merges;
  const out: GridRange[] = [];
  if (typeof raw === 'object' && raw !== null) {
    for (const v of Object.values(raw)) {
      const m: unknown = typeof v === 'object' && v !== null ? (v as { model?: unknown }).model : undefined;
      if (typeof m !== 'object' || m === null) continue;
      const { top, left, bottom, right } = m as Record<string, unknown>;
      if (typeof top === 'number' && typeof left === 'number' && typeof bottom === 'number' && typeof right === 'number') {
        out.push({ startRow: top - 1, startColumn: left - 1, endRow: bottom, endColumn: right });
      }
    }
    return sortRanges(out);
  }
  for (const a1 of ws.model.merges) {
    const g = parseRangeA1(String(a1));
    if (g) out.push(g);
  }
  return sortRanges(out);
}

function sortRanges(rs: GridRange[]): GridRange[] {
  return rs.sort((a, b) => a.startRow - b.startRow || a.startColumn - b.startColumn);
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsb]/i.test(bare) && !/^general$/i.test(bare);
}

function serialToWallClock(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

function scalar(v: unknown, numFmt: string | undefined, zone: string, date1904: boolean): CellValue {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return wallClockToInstant(v, zone);
  if (typeof v === 'number') {
    return isDateFormat(numFmt) ? wallClockToInstant(serialToWallClock(v, date1904), zone) : v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.richText)) return richTextOf(o.richText);
    if ('text' in o) return scalar(o.text, undefined, zone, date1904);
  }
  return String(v);
}

function richTextOf(parts: unknown[]): string {
  return parts
    .map((p) =>
      typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '',
    )
    .join('');
}

function importCell(xc: ExcelJS.Cell, zone: string, date1904: boolean, formats: FormatCache, mergedAway: boolean): Cell | undefined {
  const raw: unknown = xc.value;
  const numFmt = typeof xc.numFmt === 'string' ? xc.numFmt : undefined;
  let value: CellValue = '';
  let formula: string | undefined;
  if (!mergedAway) {
    if (typeof raw === 'object' && raw !== null && !(raw instanceof Date) && ('formula' in raw || 'sharedFormula' in raw)) {
      const f = xc.formula;
      if (typeof f === 'string' && f !== '') formula = `=${f}`;
      value = scalar((raw as { result?: unknown }).result, numFmt, zone, date1904);
    } else {
      value = scalar(raw, numFmt, zone, date1904);
    }
  }
  const format = formats.get(xc.style);
  const note = mergedAway ? undefined : noteText(xc.note);
  if (value === '' && formula === undefined && format === undefined && note === undefined) return undefined;
  const cell: Cell = { value };
  if (formula !== undefined) cell.formula = formula;
  if (format) cell.format = format;
  if (note !== undefined) cell.note = note;
  return cell;
}

function noteText(note: unknown): string | undefined {
  if (typeof note === 'string') return note === '' ? undefined : note;
  if (typeof note === 'object' && note !== null) {
    const texts = (note as { texts?: unknown }).texts;
    if (Array.isArray(texts)) {
      const s = richTextOf(texts);
      return s === '' ? undefined : s;
    }
  }
  return undefined;
}

/** Converts exceljs style objects once per distinct object (exceljs shares them per xf) and hands out copies. */
class FormatCache {
  private readonly cache = new WeakMap<object, CellFormat | null>();

  get(style: unknown): CellFormat | undefined {
    if (typeof style !== 'object' || style === null) return undefined;
    let f = this.cache.get(style);
    if (f === undefined) {
      f = formatOf(style as Partial<ExcelJS.Style>) ?? null;
      this.cache.set(style, f);
    }
    if (f === null) return undefined;
    return f.borders ? { ...f, borders: structuredClone(f.borders) } : { ...f };
  }
}

export function formatOf(style: Partial<ExcelJS.Style>): CellFormat | undefined {
  const f: CellFormat = {};
  if (typeof style.numFmt === 'string' && style.numFmt !== '' && !/^general$/i.test(style.numFmt)) f.numberFormat = style.numFmt;
  const fill = style.fill;
  if (fill && fill.type === 'pattern' && fill.pattern !== 'none') {
    const bg = xlsxColorToHex(colorOf(fill.fgColor)) ?? xlsxColorToHex(colorOf(fill.bgColor));
    if (bg) f.background = bg;
  }
  const font = style.font;
  if (font) {
    if (font.bold) f.fontWeight = 'bold';
    if (font.italic) f.fontStyle = 'italic';
    if (typeof font.size === 'number' && font.size !== DEFAULT_FONT_SIZE) f.fontSize = font.size;
    if (typeof font.name === 'string' && font.name !== DEFAULT_FONT_NAME) f.fontFamily = font.name;
    const fc = colorOf(font.color);
    if (!isDefaultFontColor(fc)) {
      const hex = xlsxColorToHex(fc);
      if (hex) f.fontColor = hex;
    }
  }
  const al = style.alignment;
  if (al) {
    switch (al.horizontal) {
      case 'left':
      case 'center':
      case 'right':
        f.horizontalAlignment = al.horizontal;
        break;
      case 'centerContinuous':
      case 'distributed':
      case 'justify':
        f.horizontalAlignment = 'center';
        break;
      case 'fill':
        f.horizontalAlignment = 'left';
        break;
      default:
        break;
    }
    switch (al.vertical) {
      case 'top':
      case 'middle':
      case 'bottom':
        f.verticalAlignment = al.vertical;
        break;
      case 'distributed':
      case 'justify':
        f.verticalAlignment = 'middle';
        break;
      default:
        break;
    }
    if (al.wrapText) f.wrap = true;
  }
  const borders = bordersOf(style.border);
  if (borders) f.borders = borders;
  return Object.keys(f).length > 0 ? f : undefined;
}

function importValidations(ws: ExcelJS.Worksheet, sheet: SheetModel, lists: Map<string, string[]>): void {
  const raw: unknown = (ws as unknown as { dataValidations?: { model?: unknown } }).dataValidations?.model;
  if (typeof raw !== 'object' || raw === null) return;
  const converted = new Map<unknown, DataValidationModel | null>();
  for (const [address, dv] of Object.entries(raw)) {
    if (dv === undefined || dv === null) continue;
    let v = converted.get(dv);
    if (v === undefined) {
      v = validationOf(dv, lists) ?? null;
      converted.set(dv, v);
    }
    if (v === null) continue;
    const range = parseRangeA1(address);
    if (!range) continue;
    for (let r = range.startRow; r < range.endRow; r++) {
      const row = sheet.rows[r] ?? (sheet.rows[r] = []);
      for (let c = range.startColumn; c < range.endColumn; c++) {
        const cell = row[c] ?? (row[c] = { value: '' });
        cell.validation = { ...v, ...(v.values ? { values: [...v.values] } : {}) };
      }
    }
  }
}

/** Splits an Excel list literal '"a,b,c"' into its items. */
function listItems(formula: string): string[] | undefined {
  const m = /^"(.*)"$/s.exec(formula.trim());
  if (!m) return undefined;
  return m[1]
    .replace(/""/g, '"')
    .split(',')
    .map((s) => s.trim());
}

function validationOf(dv: unknown, lists: Map<string, string[]>): DataValidationModel | undefined {
  if (typeof dv !== 'object' || dv === null) return undefined;
  const o = dv as Record<string, unknown>;
  const formulae = Array.isArray(o.formulae) ? o.formulae : [];
  const f0 = formulae.length > 0 ? String(formulae[0]) : '';
  const errorStyle = typeof o.errorStyle === 'string' ? o.errorStyle : 'stop';
  const allowInvalid = o.showErrorMessage !== true || errorStyle !== 'stop';
  const base: Pick<DataValidationModel, 'allowInvalid' | 'helpText'> = { allowInvalid };
  if (typeof o.prompt === 'string' && o.prompt !== '') base.helpText = o.prompt;
  switch (o.type) {
    case 'list': {
      const items = listItems(f0);
      if (items) {
        if (items.length === 2 && items[0].toUpperCase() === 'TRUE' && items[1].toUpperCase() === 'FALSE') {
          return { kind: 'checkbox', ...base };
        }
        return { kind: 'list', values: items, showDropdown: true, ...base };
      }
      const long = longListValues(f0.replace(/^=/, ''), lists);
      if (long) return { kind: 'list', values: long, showDropdown: true, ...base };
      return { kind: 'listFromRange', source: relativeRef(f0.replace(/^=/, '')), showDropdown: true, ...base };
    }
    case 'date':
      return { kind: 'date', ...base };
    case 'whole':
    case 'decimal':
      return { kind: 'number', ...base };
    case 'custom':
      return { kind: 'custom', source: `=${f0.replace(/^=/, '')}`, ...base };
    default:
      return undefined;
  }
}

interface RawRule {
  type?: unknown;
  operator?: unknown;
  formulae?: unknown;
  priority?: unknown;
  style?: unknown;
  text?: unknown;
}

interface ImportedRules {
  /** The rules the model holds, in the order Sheets applies them, each with the rule it was read from. */
  rules: { cf: ConditionalFormatModel; source: RawCfRule }[];
  /** The rules it cannot hold. */
  foreign: Set<RawCfRule>;
}

function importConditionalFormats(ws: ExcelJS.Worksheet): ImportedRules {
  const raw: unknown = (ws as unknown as { conditionalFormattings?: unknown }).conditionalFormattings;
  const foreign = new Set<RawCfRule>();
  if (!Array.isArray(raw)) return { rules: [], foreign };
  const out: { priority: number; cf: ConditionalFormatModel; source: RawCfRule }[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { ref, rules } = entry as { ref?: unknown; rules?: unknown };
    if (!Array.isArray(rules)) continue;
    const ranges = typeof ref === 'string' ? parseSqref(ref) : [];
    const topLeft = typeof ref === 'string' ? ref.split(/\s+/)[0].split(':')[0].replace(/\$/g, '') : '';
    for (const rule of rules as RawCfRule[]) {
      const condition = ranges.length > 0 ? conditionOf(rule, topLeft) : undefined;
      if (!condition) {
        foreign.add(rule);
        continue;
      }
      const priority = typeof rule.priority === 'number' ? rule.priority : Number.MAX_SAFE_INTEGER;
      out.push({ priority, cf: { ranges: ranges.map((r) => ({ ...r })), condition, format: cfFormatOf(rule.style) }, source: rule });
    }
  }
  // Sheets applies the first matching rule; xlsx orders rules by priority (1 = first).
  out.sort((a, b) => a.priority - b.priority);
  return { rules: out.map(({ cf, source }) => ({ cf, source })), foreign };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Recognises the expressions that export writes for text rules, so they come back as the same rule. */
export function conditionOf(rule: RawRule, topLeft: string): ConditionalFormatModel['condition'] | undefined {
  const formulae = Array.isArray(rule.formulae) ? rule.formulae.map(String) : [];
  const f0 = (formulae[0] ?? '').replace(/^=/, '');
  const tl = escapeRegExp(topLeft);
  const str = '"((?:[^"]|"")*)"';
  const unq = (s: string): string => s.replace(/""/g, '"');
  switch (rule.type) {
    case 'expression': {
      let m = new RegExp(`^${tl}=${str}$`).exec(f0);
      if (m) return { type: 'textEqual', value: unq(m[1]) };
      m = new RegExp(`^NOT\\(ISERROR\\(SEARCH\\(${str},${tl}\\)\\)\\)$`).exec(f0);
      if (m) return { type: 'textContains', value: unq(m[1]) };
      if (f0 === `LEN(TRIM(${topLeft}))=0`) return { type: 'cellEmpty' };
      if (f0 === `LEN(TRIM(${topLeft}))>0`) return { type: 'cellNotEmpty' };
      return f0 === '' ? undefined : { type: 'formula', formula: `=${f0}` };
    }
    case 'cellIs': {
      const m = new RegExp(`^${str}$`).exec(f0);
      if (rule.operator === 'equal' && m) return { type: 'textEqual', value: unq(m[1]) };
      const ops: Record<string, string> = {
        equal: '=',
        notEqual: '<>',
        greaterThan: '>',
        lessThan: '<',
        greaterThanOrEqual: '>=',
        lessThanOrEqual: '<=',
      };
      const op = typeof rule.operator === 'string' ? ops[rule.operator] : undefined;
      if (op && f0 !== '') return { type: 'formula', formula: `=${topLeft}${op}${f0}` };
      if (rule.operator === 'between' && formulae.length === 2) {
        return { type: 'formula', formula: `=AND(${topLeft}>=${formulae[0]},${topLeft}<=${formulae[1]})` };
      }
      return undefined;
    }
    case 'containsText': {
      switch (rule.operator) {
        case 'containsBlanks':
          return { type: 'cellEmpty' };
        case 'notContainsBlanks':
          return { type: 'cellNotEmpty' };
        case 'containsText': {
          if (typeof rule.text === 'string') return { type: 'textContains', value: rule.text };
          const m = new RegExp(`SEARCH\\(${str},`).exec(f0);
          return m ? { type: 'textContains', value: unq(m[1]) } : undefined;
        }
        default:
          return f0 === '' ? undefined : { type: 'formula', formula: `=${f0}` };
      }
    }
    default:
      // Colour scales, data bars, icon sets, top-10 and the like have no counterpart in the model.
      return undefined;
  }
}

function cfFormatOf(style: unknown): ConditionalFormatModel['format'] {
  const out: ConditionalFormatModel['format'] = {};
  if (typeof style !== 'object' || style === null) return out;
  const s = style as Partial<ExcelJS.Style>;
  const fill = s.fill;
  if (fill && fill.type === 'pattern' && fill.pattern !== 'none') {
    // In a dxf, a solid fill's colour is bgColor (ECMA-376 18.8.20); some writers also set fgColor.
    const bg = xlsxColorToHex(colorOf(fill.bgColor)) ?? xlsxColorToHex(colorOf(fill.fgColor));
    if (bg) out.background = bg;
  }
  const font = s.font;
  if (font) {
    const fc = xlsxColorToHex(colorOf(font.color));
    if (fc) out.fontColor = fc;
    if (font.bold !== undefined) out.bold = font.bold;
    if (font.italic !== undefined) out.italic = font.italic;
    if (font.strike !== undefined) out.strikethrough = font.strike;
  }
  return out;
}
