/**
 * Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → Sheet.insertChart, and the
 * EmbeddedChart, ContainerInfo and ChartOptions objects that Sheet.getCharts() hands back.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 *
 * The chart lives in the sheet model (SheetModel.charts) as plain data; every object given to
 * the script is a snapshot of it, as Google documents: "Changes made to the chart are not saved
 * until Sheet.updateChart(chart) is called on the rebuilt chart."
 *
 * Choices where Google documents nothing (observed behaviour or a reasoned guess):
 * - a chart built from a builder has no id (getChartId() is null, "if the chart is not in a
 *   spreadsheet"); insertChart gives it a fresh one, which the inserted object then reports too;
 *   ids are never reused in a runtime's life, so an old object cannot update a newer chart;
 * - setOption('a.b', v) and setOption('a', { b: v }) are the same option (Google Charts' dotted
 *   names, as in Google's own example setOption('animation.duration', 500)); get('a.b') walks the
 *   path, get('a') returns the whole object;
 * - the asBarChart() builder's X axis is the horizontal one (hAxis), which for bars is the value
 *   axis; setRange(start, end) is that value axis' view window;
 * - inserting or updating a chart without a type, or removing or updating one that is not on the
 *   sheet, throws (the messages are this runtime's).
 */
import {
  CHART_TYPES,
  type ChartModel,
  type ChartOptionValue,
  type ChartTypeName,
  type GridRange,
  type SheetModel,
  type WorkbookModel,
} from '../model.js';
import { isRange, newRange } from './containers.js';
import type { RuntimeContext } from './context.js';
import { AppsEnum, ChartHiddenDimensionStrategy, ChartMergeStrategy, ChartType, Position } from './enums.js';
import { fail } from './errors.js';
import type { Range } from './range.js';

/** Sheets' size for a chart inserted without 'width'/'height' options, in pixels. */
export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 371;

/** A chart being built: a ChartModel that may not have an id or a type yet. */
export interface ChartDraft extends Omit<ChartModel, 'chartId' | 'type'> {
  chartId: number | null;
  type: ChartTypeName | null;
}

function signature(name: string): never {
  return fail(`The parameters don't match the method signature for ${name}.`);
}

function enumName(value: unknown, of: Readonly<Record<string, AppsEnum>>, method: string): string {
  if (!(value instanceof AppsEnum) || of[value.name()] !== value) signature(method);
  return value.name();
}

/** A setOption value copied into plain data; the script's objects and arrays never leak into the model. */
export function plainOption(value: unknown): ChartOptionValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof AppsEnum) return value.name();
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  if (Array.isArray(value)) return value.map(plainOption);
  if (typeof value === 'object') {
    const out: { [key: string]: ChartOptionValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined && typeof v !== 'function') out[k] = plainOption(v);
    return out;
  }
  return String(value);
}

function isRecord(v: ChartOptionValue | undefined): v is { [key: string]: ChartOptionValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets a dotted option path, making the objects on the way (a value in the way is replaced). */
export function setOptionPath(options: { [key: string]: ChartOptionValue }, path: string, value: ChartOptionValue): void {
  const keys = path.split('.');
  let node = options;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isRecord(next)) node = next;
    else {
      const made: { [key: string]: ChartOptionValue } = {};
      node[key] = made;
      node = made;
    }
  }
  node[keys[keys.length - 1]] = value;
}

/** The option at a dotted path, or undefined. */
export function optionAt(options: { [key: string]: ChartOptionValue }, path: string): ChartOptionValue | undefined {
  let node: ChartOptionValue | undefined = options;
  for (const key of path.split('.')) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, ChartOptionValue>)[key];
  }
  return node;
}

function copyDraft(d: ChartDraft): ChartDraft {
  return {
    ...d,
    ranges: d.ranges.map((r) => ({ sheetId: r.sheetId, range: { ...r.range } })),
    anchor: { ...d.anchor },
    options: structuredClone(d.options),
  };
}

export function newDraft(): ChartDraft {
  return {
    chartId: null,
    type: null,
    ranges: [],
    anchor: { row: 0, column: 0, offsetX: 0, offsetY: 0 },
    options: {},
    numHeaders: -1,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenDimensionStrategy: 'IGNORE_BOTH',
    transposeRowsAndColumns: false,
  };
}

function rangesOf(ctx: RuntimeContext, d: ChartDraft): Range[] {
  const out: Range[] = [];
  for (const { sheetId, range } of d.ranges) {
    const sheet = ctx.model.sheets.find((s) => s.sheetId === sheetId);
    if (!sheet) continue;
    out.push(newRange(ctx, sheet, range.startRow, range.startColumn, range.endRow - range.startRow, range.endColumn - range.startColumn));
  }
  return out;
}

function gridOf(range: Range): GridRange {
  return { startRow: range.r0, startColumn: range.c0, endRow: range.r0 + range.nr, endColumn: range.c0 + range.nc };
}

function sameRange(a: { sheetId: number; range: GridRange }, sheetId: number, g: GridRange): boolean {
  return (
    a.sheetId === sheetId &&
    a.range.startRow === g.startRow &&
    a.range.endRow === g.endRow &&
    a.range.startColumn === g.startColumn &&
    a.range.endColumn === g.endColumn
  );
}

function wholeNumber(v: unknown, method: string): number {
  const n = Number(v);
  if (typeof v === 'boolean' || !Number.isFinite(n)) signature(method);
  return Math.trunc(n);
}

export class EmbeddedChartBuilder {
  constructor(
    protected readonly ctx: RuntimeContext,
    protected readonly draft: ChartDraft,
    protected readonly className = 'EmbeddedChartBuilder',
  ) {}

  protected tick(name: string): void {
    this.ctx.calls.count(`${this.className}.${name}`);
  }

  /** "Does not add the range if it has already been added to the chart." */
  addRange(range: Range): this {
    this.tick('addRange');
    if (!isRange(range)) signature('EmbeddedChartBuilder.addRange');
    const g = gridOf(range);
    const sheetId = range.sheetModel.sheetId;
    if (!this.draft.ranges.some((r) => sameRange(r, sheetId, g))) this.draft.ranges.push({ sheetId, range: g });
    return this;
  }
  removeRange(range: Range): this {
    this.tick('removeRange');
    if (!isRange(range)) signature('EmbeddedChartBuilder.removeRange');
    const g = gridOf(range);
    this.draft.ranges = this.draft.ranges.filter((r) => !sameRange(r, range.sheetModel.sheetId, g));
    return this;
  }
  clearRanges(): this {
    this.tick('clearRanges');
    this.draft.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    this.tick('getRanges');
    return rangesOf(this.ctx, this.draft);
  }
  setChartType(type: AppsEnum): this {
    this.tick('setChartType');
    this.draft.type = enumName(type, ChartType, 'EmbeddedChartBuilder.setChartType') as ChartTypeName;
    return this;
  }
  getChartType(): AppsEnum | null {
    this.tick('getChartType');
    return this.draft.type === null ? null : ChartType[this.draft.type];
  }
  setOption(option: string, value: unknown): this {
    this.tick('setOption');
    if (typeof option !== 'string' || option === '') signature('EmbeddedChartBuilder.setOption');
    setOptionPath(this.draft.options, option, plainOption(value));
    return this;
  }
  /** Row and column are 1-based; the offsets are pixels from that cell's top-left corner. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.tick('setPosition');
    const method = 'EmbeddedChartBuilder.setPosition';
    const row = wholeNumber(anchorRowPos, method);
    const column = wholeNumber(anchorColPos, method);
    if (row < 1 || column < 1) fail(`Invalid argument: ${row < 1 ? 'anchorRowPos' : 'anchorColPos'}`);
    this.draft.anchor = { row: row - 1, column: column - 1, offsetX: wholeNumber(offsetX, method), offsetY: wholeNumber(offsetY, method) };
    return this;
  }
  getContainer(): ContainerInfo {
    this.tick('getContainer');
    return new ContainerInfo(this.ctx, { ...this.draft.anchor });
  }
  setNumHeaders(headers: number): this {
    this.tick('setNumHeaders');
    this.draft.numHeaders = wholeNumber(headers, 'EmbeddedChartBuilder.setNumHeaders');
    return this;
  }
  setMergeStrategy(mergeStrategy: AppsEnum): this {
    this.tick('setMergeStrategy');
    this.draft.mergeStrategy = enumName(
      mergeStrategy,
      ChartMergeStrategy,
      'EmbeddedChartBuilder.setMergeStrategy',
    ) as ChartDraft['mergeStrategy'];
    return this;
  }
  setHiddenDimensionStrategy(strategy: AppsEnum): this {
    this.tick('setHiddenDimensionStrategy');
    this.draft.hiddenDimensionStrategy = enumName(
      strategy,
      ChartHiddenDimensionStrategy,
      'EmbeddedChartBuilder.setHiddenDimensionStrategy',
    ) as ChartDraft['hiddenDimensionStrategy'];
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.tick('setTransposeRowsAndColumns');
    this.draft.transposeRowsAndColumns = Boolean(transpose);
    return this;
  }
  /** "Sets the chart type to BarChart and returns an EmbeddedBarChartBuilder." */
  asBarChart(): EmbeddedBarChartBuilder {
    this.tick('asBarChart');
    this.draft.type = 'BAR';
    return new EmbeddedBarChartBuilder(this.ctx, this.draft, 'EmbeddedBarChartBuilder', 'hAxis');
  }
  asColumnChart(): EmbeddedColumnChartBuilder {
    this.tick('asColumnChart');
    this.draft.type = 'COLUMN';
    return new EmbeddedColumnChartBuilder(this.ctx, this.draft, 'EmbeddedColumnChartBuilder', 'vAxis');
  }
  /** The chart as built: "This method does not automatically draw the chart on top of the spreadsheet." */
  build(): EmbeddedChart {
    this.tick('build');
    return new EmbeddedChart(this.ctx, copyDraft(this.draft));
  }
}

/**
 * What the bar and column builders add: the common chart settings as methods, each one a
 * Google Charts option (https://developers.google.com/chart/interactive/docs/gallery/barchart).
 */
class BarLikeChartBuilder extends EmbeddedChartBuilder {
  constructor(
    ctx: RuntimeContext,
    draft: ChartDraft,
    className: string,
    /** The axis that carries the values: hAxis for bars, vAxis for columns. */
    private readonly valueAxis: 'hAxis' | 'vAxis',
  ) {
    super(ctx, draft, className);
  }
  private set(path: string, value: ChartOptionValue): this {
    setOptionPath(this.draft.options, path, value);
    return this;
  }
  setTitle(chartTitle: string): this {
    this.tick('setTitle');
    return this.set('title', String(chartTitle));
  }
  setXAxisTitle(title: string): this {
    this.tick('setXAxisTitle');
    return this.set('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): this {
    this.tick('setYAxisTitle');
    return this.set('vAxis.title', String(title));
  }
  setColors(cssValues: string[]): this {
    this.tick('setColors');
    if (!Array.isArray(cssValues)) signature(`${this.className}.setColors`);
    return this.set('colors', cssValues.map(String));
  }
  setBackgroundColor(cssValue: string): this {
    this.tick('setBackgroundColor');
    return this.set('backgroundColor', String(cssValue));
  }
  setLegendPosition(position: AppsEnum): this {
    this.tick('setLegendPosition');
    return this.set('legend.position', enumName(position, Position, `${this.className}.setLegendPosition`).toLowerCase());
  }
  setStacked(): this {
    this.tick('setStacked');
    return this.set('isStacked', true);
  }
  reverseCategories(): this {
    this.tick('reverseCategories');
    return this.set('reverseCategories', true);
  }
  /** "Sets the range for the chart": the value axis' view window. */
  setRange(start: number, end: number): this {
    this.tick('setRange');
    this.set(`${this.valueAxis}.viewWindow.min`, Number(start));
    return this.set(`${this.valueAxis}.viewWindow.max`, Number(end));
  }
}

export class EmbeddedBarChartBuilder extends BarLikeChartBuilder {}
export class EmbeddedColumnChartBuilder extends BarLikeChartBuilder {}

export class ContainerInfo {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly anchor: ChartModel['anchor'],
  ) {}
  private tick(name: string): void {
    this.ctx.calls.count(`ContainerInfo.${name}`);
  }
  getAnchorRow(): number {
    this.tick('getAnchorRow');
    return this.anchor.row + 1;
  }
  getAnchorColumn(): number {
    this.tick('getAnchorColumn');
    return this.anchor.column + 1;
  }
  getOffsetX(): number {
    this.tick('getOffsetX');
    return this.anchor.offsetX;
  }
  getOffsetY(): number {
    this.tick('getOffsetY');
    return this.anchor.offsetY;
  }
}

/** "Exposes options currently configured for a Chart … These options are immutable." */
export class ChartOptions {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly options: { [key: string]: ChartOptionValue },
  ) {}
  /** "The value currently set for the specified option or null if the option was not set." */
  get(option: string): ChartOptionValue {
    this.ctx.calls.count('ChartOptions.get');
    const v = optionAt(this.options, String(option));
    return v === undefined ? null : structuredClone(v);
  }
}

export class EmbeddedChart {
  constructor(
    private readonly ctx: RuntimeContext,
    /** Runtime internals, not part of the Apps Script surface. */
    readonly draft: ChartDraft,
  ) {}
  private tick(name: string): void {
    this.ctx.calls.count(`EmbeddedChart.${name}`);
  }
  getChartId(): number | null {
    this.tick('getChartId');
    return this.draft.chartId;
  }
  getContainerInfo(): ContainerInfo {
    this.tick('getContainerInfo');
    return new ContainerInfo(this.ctx, { ...this.draft.anchor });
  }
  getOptions(): ChartOptions {
    this.tick('getOptions');
    return new ChartOptions(this.ctx, structuredClone(this.draft.options));
  }
  getRanges(): Range[] {
    this.tick('getRanges');
    return rangesOf(this.ctx, this.draft);
  }
  getNumHeaders(): number {
    this.tick('getNumHeaders');
    return this.draft.numHeaders;
  }
  getMergeStrategy(): AppsEnum {
    this.tick('getMergeStrategy');
    return ChartMergeStrategy[this.draft.mergeStrategy];
  }
  getHiddenDimensionStrategy(): AppsEnum {
    this.tick('getHiddenDimensionStrategy');
    return ChartHiddenDimensionStrategy[this.draft.hiddenDimensionStrategy];
  }
  getTransposeRowsAndColumns(): boolean {
    this.tick('getTransposeRowsAndColumns');
    return this.draft.transposeRowsAndColumns;
  }
  /** A builder over a copy: the chart on the sheet changes only with Sheet.updateChart. */
  modify(): EmbeddedChartBuilder {
    this.tick('modify');
    return new EmbeddedChartBuilder(this.ctx, copyDraft(this.draft));
  }
}

// ---- the sheet's side: insert, list, update, remove --------------------------------------------

/** Ids already handed out in a workbook's life here (removed charts' ids are not reused). */
const lastIds = new WeakMap<WorkbookModel, number>();

function nextChartId(model: WorkbookModel): number {
  let last = lastIds.get(model) ?? 0;
  for (const sheet of model.sheets) for (const c of sheet.charts ?? []) last = Math.max(last, c.chartId);
  lastIds.set(model, last + 1);
  return last + 1;
}

function placed(draft: ChartDraft, chartId: number): ChartModel {
  if (draft.type === null || !(CHART_TYPES as readonly string[]).includes(draft.type)) {
    fail('The chart has no type: set one with EmbeddedChartBuilder.setChartType before inserting it.');
  }
  const copy = copyDraft(draft);
  return { ...copy, chartId, type: draft.type };
}

function checkChart(chart: unknown, method: string): EmbeddedChart {
  if (!(chart instanceof EmbeddedChart)) signature(method);
  return chart;
}

export function insertChart(ctx: RuntimeContext, sheet: SheetModel, chart: unknown): void {
  const c = checkChart(chart, 'SpreadsheetApp.Sheet.insertChart');
  const id = nextChartId(ctx.model);
  const model = placed(c.draft, id);
  (sheet.charts ??= []).push(model);
  c.draft.chartId = id;
}

export function chartsOf(ctx: RuntimeContext, sheet: SheetModel): EmbeddedChart[] {
  return (sheet.charts ?? []).map((m) => new EmbeddedChart(ctx, copyDraft(m)));
}

function indexOn(sheet: SheetModel, c: EmbeddedChart): number {
  const id = c.draft.chartId;
  const i = id === null ? -1 : (sheet.charts ?? []).findIndex((m) => m.chartId === id);
  if (i < 0) fail(`The chart is not on the sheet ${sheet.name}.`);
  return i;
}

export function updateChart(sheet: SheetModel, chart: unknown): void {
  const c = checkChart(chart, 'SpreadsheetApp.Sheet.updateChart');
  const i = indexOn(sheet, c);
  sheet.charts![i] = placed(c.draft, c.draft.chartId!);
}

export function removeChart(sheet: SheetModel, chart: unknown): void {
  const c = checkChart(chart, 'SpreadsheetApp.Sheet.removeChart');
  const i = indexOn(sheet, c);
  sheet.charts!.splice(i, 1);
  if (sheet.charts!.length === 0) delete sheet.charts;
}

/** A deleted sheet's charts go with it; charts elsewhere lose the data they drew from it. */
export function forgetSheetInCharts(model: WorkbookModel, sheet: SheetModel): void {
  for (const other of model.sheets) {
    for (const chart of other.charts ?? []) chart.ranges = chart.ranges.filter((r) => r.sheetId !== sheet.sheetId);
  }
}
