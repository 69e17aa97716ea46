/**
 * Export of a model imported from an .xlsx: the runtime's changes are applied to the workbook
 * exceljs read, so the office gets its own file back with only those changes in it. Cells are
 * touched only where the model differs from the baseline taken on import (value, formula,
 * format field by field, note, validation); sheets added, removed, renamed or moved; rows and
 * columns inserted or deleted; merges, frozen panes, widths, heights, hidden rows and columns,
 * tab colours, hidden sheets and conditional formats where they changed. What the model cannot
 * hold (hyperlinks, rich text, error values, outlines, autofilters, images, print setup, sheet
 * protection, defined names, other conditional formats and validations) stays as it was read.
 */

import type ExcelJS from 'exceljs';
import type { Cell, CellValue, ConditionalFormatModel, DataValidationModel, SheetModel, WorkbookModel } from '../model.js';
import { clearStructuralEdits, structuralEditsOf } from '../model.js';
import { AxisMap } from './axis-map.js';
import { hexToArgb } from './colors.js';
import { dropSheetIn, renameSheetIn, rewriteSheetRefs } from './defined-names.js';
import { dataValidationOf, dxfStyleOf, exportSheet, expressionOf, keepEmptyRowProperties, numberFormatOf, xlsxValueOf } from './export.js';
import { LIST_SHEET, LongLists, readLongLists } from './long-lists.js';
import { mergeDisjoint } from './merges.js';
import { exportDeveloperMetadata } from './metadata.js';
import { type Baseline, baselineOf, type RawCfRule, type SheetOrigin, type WorkbookOrigin } from './origin.js';
import { applyPrintSetup } from './print.js';
import { cellA1, rangeA1 } from './ranges.js';
import { type Axes, moveRef, reshapeWorksheet } from './reshape.js';
import { PatchedStyles, sameFormat } from './style-patch.js';
import { pointsFromPx, widthFromPx } from './units.js';

export function applyToSource(model: WorkbookModel, origin: WorkbookOrigin): ExcelJS.Workbook {
  const { wb } = origin;
  const zone = model.timeZone;
  const lists = new LongLists(readLongLists(wb));

  for (const [sheet, o] of [...origin.sheets]) {
    if (model.sheets.includes(sheet)) continue;
    for (const n of origin.names) n.text = dropSheetIn(n.text, o.baseline.name);
    wb.removeWorksheet(o.ws.id);
    origin.sheets.delete(sheet);
  }

  const axesOf = new Map<SheetModel, Axes>();
  const renamed: { o: SheetOrigin; to: string }[] = [];
  for (const sheet of model.sheets) {
    const o = origin.sheets.get(sheet);
    if (!o) continue;
    const edits = structuralEditsOf(sheet);
    const axes: Axes = { rows: new AxisMap(edits, 'rows'), cols: new AxisMap(edits, 'columns') };
    axesOf.set(sheet, axes);
    if (edits.length > 0) {
      reshapeWorksheet(o.ws, axes, sheet.merges);
      for (const n of origin.names) n.text = rewriteSheetRefs(n.text, o.baseline.name, (ref) => moveRef(ref, axes));
      spliceOwnNames(wb, o.ws.name, edits);
    }
    if (sheet.name !== o.baseline.name) renamed.push({ o, to: sheet.name });
  }
  renameSheets(origin, renamed);

  const added = new Set<SheetModel>();
  for (const sheet of model.sheets) {
    if (origin.sheets.has(sheet)) continue;
    const ws = exportSheet(wb, sheet, zone, false, lists);
    origin.sheets.set(sheet, {
      ws,
      baseline: baselineOf(sheet),
      cfSources: sheet.conditionalFormats.map(() => undefined),
      foreignCfRules: new Set(),
    });
    added.add(sheet);
  }

  const styles = new PatchedStyles();
  for (const sheet of model.sheets) {
    const o = origin.sheets.get(sheet);
    const axes = axesOf.get(sheet);
    if (!o || !axes || added.has(sheet)) continue;
    patchCells(sheet, o, axes, zone, lists, styles);
    patchSheet(sheet, o, axes);
    patchConditionalFormats(sheet, o, axes);
    applyPrintSetup(o.ws, sheet);
  }

  arrangeSheets(model, origin);
  lists.writeTo(wb);
  for (const ws of wb.worksheets) keepEmptyRowProperties(ws);

  for (const sheet of model.sheets) {
    const o = origin.sheets.get(sheet);
    if (o) o.baseline = baselineOf(sheet);
    clearStructuralEdits(sheet);
  }
  exportDeveloperMetadata(wb, model);
  return wb;
}

/** exceljs's own names (developer metadata kept by runtime/xlsx/metadata.ts) move with the rows too. */
function spliceOwnNames(wb: ExcelJS.Workbook, sheetName: string, edits: ReturnType<typeof structuralEditsOf>): void {
  const names = wb.definedNames as unknown as {
    spliceRows(sheet: string, start: number, numDelete: number, numInsert: number): void;
    spliceColumns(sheet: string, start: number, numDelete: number, numInsert: number): void;
  };
  for (const e of edits) {
    const del = e.kind === 'delete' ? e.count : 0;
    const ins = e.kind === 'insert' ? e.count : 0;
    if (e.dimension === 'rows') names.spliceRows(sheetName, e.at + 1, del, ins);
    else names.spliceColumns(sheetName, e.at + 1, del, ins);
  }
}

/** Renames in two steps, so that sheets may swap names; defined names follow. */
function renameSheets(origin: WorkbookOrigin, renamed: { o: SheetOrigin; to: string }[]): void {
  const token = (i: number): string => `\u0001duban-rename-${i}`;
  renamed.forEach(({ o }, i) => {
    for (const n of origin.names) n.text = renameSheetIn(n.text, o.baseline.name, token(i));
    o.ws.name = token(i);
  });
  renamed.forEach(({ o, to }, i) => {
    for (const n of origin.names) n.text = renameSheetIn(n.text, token(i), to);
    o.ws.name = to;
  });
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

function sameValidation(a: DataValidationModel | undefined, b: DataValidationModel | undefined): boolean {
  if (a === b) return true;
  return deepEqual(a, b);
}

/** Structural equality of plain data, ignoring key order and keys whose value is undefined. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (!deepEqual(x[k], y[k])) return false;
  return true;
}

function insertedCount(edits: readonly { kind: string; dimension: string; count: number }[], dimension: string): number {
  return edits.filter((e) => e.kind === 'insert' && e.dimension === dimension).reduce((n, e) => n + e.count, 0);
}

function patchCells(sheet: SheetModel, o: SheetOrigin, axes: Axes, zone: string, lists: LongLists, styles: PatchedStyles): void {
  const base = o.baseline.rows;
  const edits = structuralEditsOf(sheet);
  const moreRows = insertedCount(edits, 'rows');
  const moreCols = insertedCount(edits, 'columns');
  const rowCount = Math.max(sheet.rows.length, base.length + moreRows);
  for (let r = 0; r < rowCount; r++) {
    const now = sheet.rows[r] as (Cell | undefined)[] | undefined;
    const r0 = axes.rows.identity ? r : axes.rows.backward(r);
    const before = r0 === undefined ? undefined : base[r0];
    if (!now && !before) continue;
    const colCount = Math.max(now?.length ?? 0, (before?.length ?? 0) + moreCols);
    for (let c = 0; c < colCount; c++) {
      const a = now?.[c];
      const c0 = axes.cols.identity ? c : axes.cols.backward(c);
      const b = before && c0 !== undefined ? before[c0] : undefined;
      if (a === b) continue;
      if (
        a &&
        b &&
        a.value === b.value &&
        a.formula === b.formula &&
        a.format === b.format &&
        a.note === b.note &&
        a.validation === b.validation
      )
        continue;
      patchCell(o.ws, r, c, a, b, zone, lists, styles);
    }
  }
}

function patchCell(
  ws: ExcelJS.Worksheet,
  r: number,
  c: number,
  a: Cell | undefined,
  b: Cell | undefined,
  zone: string,
  lists: LongLists,
  styles: PatchedStyles,
): void {
  const valueChanged = !sameValue(a?.value ?? '', b?.value ?? '') || a?.formula !== b?.formula;
  const numberFormat = numberFormatOf(a, zone);
  const numberFormatChanged = numberFormat !== numberFormatOf(b, zone);
  const formatChanged = !sameFormat(a?.format, b?.format);
  const noteChanged = (a?.note ?? '') !== (b?.note ?? '');
  const validationChanged = !sameValidation(a?.validation, b?.validation);
  if (!valueChanged && !numberFormatChanged && !formatChanged && !noteChanged && !validationChanged) return;
  const xc = ws.getCell(r + 1, c + 1);
  // exceljs hands a value written to a merged-away cell to the merge's first cell.
  const mergedAway = xc.isMerged && xc.master !== xc;
  if (!mergedAway && (valueChanged || (noteChanged && a?.note))) {
    const value = xlsxValueOf(a, zone);
    if (valueChanged || (value === '' && xc.value === null)) xc.value = value;
  }
  if (formatChanged || numberFormatChanged) xc.style = styles.get(xc.style, b?.format, a?.format, numberFormat, numberFormatChanged);
  if (noteChanged) {
    if (a?.note) xc.note = a.note;
    else (xc as unknown as { _comment?: unknown })._comment = undefined;
  }
  if (validationChanged) {
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    const address = cellA1(r, c);
    delete model[address];
    const dv = a?.validation ? dataValidationOf(a.validation, lists) : undefined;
    if (dv) model[address] = dv;
  }
}

function movedKeys(record: Record<number, number>, axis: AxisMap): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of Object.entries(record)) {
    const to = axis.forward(Number(k));
    if (to !== undefined) out.set(to, v);
  }
  return out;
}

function movedSet(lines: number[], axis: AxisMap): Set<number> {
  const out = new Set<number>();
  for (const i of lines) {
    const to = axis.forward(i);
    if (to !== undefined) out.add(to);
  }
  return out;
}

function patchSheet(sheet: SheetModel, o: SheetOrigin, axes: Axes): void {
  const { ws, baseline } = o;
  if (axes.rows.identity && axes.cols.identity) patchMerges(ws, baseline, sheet);

  const frozenMoved = !axes.rows.identity || !axes.cols.identity;
  if (frozenMoved || sheet.frozenRows !== baseline.frozenRows || sheet.frozenColumns !== baseline.frozenColumns) {
    const views = Array.isArray(ws.views) ? ws.views : [];
    const view: Record<string, unknown> = { ...(views[0] ?? {}) };
    if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
      Object.assign(view, {
        state: 'frozen',
        xSplit: sheet.frozenColumns,
        ySplit: sheet.frozenRows,
        topLeftCell: cellA1(sheet.frozenRows, sheet.frozenColumns),
      });
    } else if (view.state === 'frozen') {
      view.state = 'normal';
      delete view.xSplit;
      delete view.ySplit;
      delete view.topLeftCell;
    }
    ws.views = [view as Partial<ExcelJS.WorksheetView>, ...views.slice(1)];
  }

  const widths = movedKeys(baseline.columnWidths, axes.cols);
  for (const c of new Set([...widths.keys(), ...Object.keys(sheet.columnWidths).map(Number)])) {
    const px = sheet.columnWidths[c];
    if (px === widths.get(c)) continue;
    ws.getColumn(c + 1).width = typeof px === 'number' ? widthFromPx(px) : undefined;
  }
  const heights = movedKeys(baseline.rowHeights, axes.rows);
  const nowHeights = sheet.rowHeights ?? {};
  for (const r of new Set([...heights.keys(), ...Object.keys(nowHeights).map(Number)])) {
    const px = nowHeights[r];
    if (px === heights.get(r)) continue;
    ws.getRow(r + 1).height = typeof px === 'number' && px > 0 ? pointsFromPx(px) : (undefined as unknown as number);
  }

  const hiddenRows = movedSet(baseline.hiddenRows, axes.rows);
  const nowRows = sheet.hiddenRows ?? new Set<number>();
  for (const r of new Set([...hiddenRows, ...nowRows])) if (hiddenRows.has(r) !== nowRows.has(r)) ws.getRow(r + 1).hidden = nowRows.has(r);
  const hiddenCols = movedSet(baseline.hiddenColumns, axes.cols);
  const nowCols = sheet.hiddenColumns ?? new Set<number>();
  for (const c of new Set([...hiddenCols, ...nowCols]))
    if (hiddenCols.has(c) !== nowCols.has(c)) ws.getColumn(c + 1).hidden = nowCols.has(c);

  if ((sheet.tabColor ?? undefined) !== baseline.tabColor) {
    const argb = hexToArgb(sheet.tabColor);
    const props = ws.properties as { tabColor?: Partial<ExcelJS.Color> };
    if (argb) props.tabColor = { argb };
    else delete props.tabColor;
  }
}

function patchMerges(ws: ExcelJS.Worksheet, baseline: Baseline, sheet: SheetModel): void {
  const before = new Set(baseline.merges.map(rangeA1));
  const now = new Set(sheet.merges.filter((m) => m.endRow - m.startRow > 1 || m.endColumn - m.startColumn > 1).map(rangeA1));
  for (const a1 of before) if (!now.has(a1) && a1.includes(':')) ws.unMergeCells(a1);
  mergeDisjoint(
    ws,
    sheet.merges.filter((m) => !before.has(rangeA1(m))),
  );
}

function movedCf(cf: ConditionalFormatModel, axes: Axes): ConditionalFormatModel | undefined {
  const ranges = cf.ranges.flatMap((g) => {
    const rows = axes.rows.span(g.startRow, g.endRow);
    const cols = axes.cols.span(g.startColumn, g.endColumn);
    return rows && cols ? [{ startRow: rows[0], endRow: rows[1], startColumn: cols[0], endColumn: cols[1] }] : [];
  });
  return ranges.length > 0 ? { ...cf, ranges } : undefined;
}

interface CfEntry {
  ref: string;
  rules: RawCfRule[];
}

/**
 * Leaves the sheet's conditional formats alone unless the model's list changed. Then the
 * model's rules are written in the model's order (Sheets applies the first that matches): a
 * rule equal to one read from the file is written as it was read, a new one as an expression;
 * rules the model cannot hold follow, as they were.
 */
function patchConditionalFormats(sheet: SheetModel, o: SheetOrigin, axes: Axes): void {
  const kept: { cf: ConditionalFormatModel; source: RawCfRule | undefined }[] = [];
  o.baseline.conditionalFormats.forEach((cf, i) => {
    const moved = movedCf(cf, axes);
    if (moved) kept.push({ cf: moved, source: o.cfSources[i] });
  });
  if (
    deepEqual(
      kept.map((k) => k.cf),
      sheet.conditionalFormats,
    )
  ) {
    o.cfSources = kept.map((k) => k.source);
    return;
  }
  const ws = o.ws as unknown as { conditionalFormattings?: CfEntry[] };
  const used = new Set<number>();
  const entries: CfEntry[] = [];
  const sources: (RawCfRule | undefined)[] = [];
  sheet.conditionalFormats.forEach((cf, i) => {
    const j = kept.findIndex((k, n) => !used.has(n) && deepEqual(k.cf, cf));
    if (j >= 0) used.add(j);
    const source = j >= 0 ? kept[j].source : undefined;
    const ref = cf.ranges.map(rangeA1).join(' ');
    let rule: RawCfRule | undefined;
    if (source) rule = { ...source, priority: i + 1 };
    else {
      const formula = expressionOf(cf);
      if (formula !== undefined) rule = { type: 'expression', priority: i + 1, formulae: [formula], style: dxfStyleOf(cf.format) };
    }
    if (rule && ref !== '') entries.push({ ref, rules: [rule] });
    sources.push(rule);
  });
  let priority = entries.length;
  const foreign: CfEntry[] = [];
  for (const e of ws.conditionalFormattings ?? []) {
    const rules = e.rules.filter((r) => o.foreignCfRules.has(r));
    for (const r of rules) r.priority = ++priority;
    if (rules.length > 0) foreign.push({ ...e, rules });
  }
  ws.conditionalFormattings = [...entries, ...foreign];
  o.cfSources = sources;
}

/** Sheet order and visibility as in the model; the list sheet last; the active tab kept if it can be. */
function arrangeSheets(model: WorkbookModel, origin: WorkbookOrigin): void {
  const { wb } = origin;
  const ordered = model.sheets.map((s) => origin.sheets.get(s)?.ws).filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
  const others = wb.worksheets.filter((ws) => !ordered.includes(ws));
  [...ordered, ...others].forEach((ws, i) => {
    // exceljs sorts wb.worksheets, and writes them, by orderNo (absent from its typings).
    (ws as unknown as { orderNo: number }).orderNo = i + 1;
  });
  // Excel refuses a workbook whose sheets are all hidden.
  const firstVisible = Math.max(
    0,
    model.sheets.findIndex((s) => !s.hidden),
  );
  model.sheets.forEach((sheet, i) => {
    const ws = ordered[i];
    if (!ws) return;
    const hidden = sheet.hidden === true && i !== firstVisible;
    if (!hidden) ws.state = 'visible';
    else if (ws.state !== 'veryHidden') ws.state = 'hidden';
  });
  for (const ws of others) if (ws.name === LIST_SHEET) ws.state = 'veryHidden';

  const all = wb.worksheets;
  let active =
    origin.activeSheet && all.includes(origin.activeSheet) && origin.activeSheet.state === 'visible'
      ? origin.activeSheet
      : ordered[firstVisible];
  if (!active) active = all[0];
  const activeTab = Math.max(0, all.indexOf(active));
  const views = Array.isArray(wb.views) ? wb.views : [];
  // Without a workbook view, the file opens on the first tab.
  if (views.length > 0 || activeTab > 0) {
    const view: ExcelJS.WorkbookView = {
      ...(views[0] ?? { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' }),
      activeTab,
    };
    view.firstSheet = Math.min(view.firstSheet ?? 0, activeTab);
    wb.views = [view, ...views.slice(1)];
  }
  origin.activeSheet = active;
  for (const ws of all) {
    if (!Array.isArray(ws.views) || ws.views.length === 0) continue;
    const selected = ws === active;
    const first = ws.views[0] as { tabSelected?: boolean };
    if ((first.tabSelected === true) !== selected)
      ws.views = [{ ...ws.views[0], tabSelected: selected } as unknown as Partial<ExcelJS.WorksheetView>, ...ws.views.slice(1)];
  }
}
