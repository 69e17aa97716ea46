/**
 * One embedded chart as a DrawingML chart part (xl/charts/chartN.xml, ECMA-376 Part 1, 21.2):
 * a c:barChart whose categories and values are references to the sheet's cells, each with a
 * cache of the values the model holds, so that a spreadsheet application draws it without
 * recalculating (tests/runtime/xlsx-charts.test.ts has LibreOffice print it). The chart reads as Google Sheets draws it from the same options:
 * https://developers.google.com/chart/interactive/docs/gallery/barchart (title, legend,
 * hAxis/vAxis titles and view windows, colors, series.N.color / dataLabel / labelInLegend,
 * isStacked, reverseCategories, backgroundColor, titleTextStyle).
 *
 * How the ranges become a table, as Sheets reads them: without transposition each column is a
 * line (with it, each row); MERGE_COLUMNS puts the ranges' lines side by side, MERGE_ROWS joins
 * each range's i-th line end to end. The first line is the domain (the categories), the others
 * are series, when there are two lines or more. The first numHeaders cells of a line are its
 * header (the series name); with numHeaders unset (-1) Sheets guesses, here: one header when
 * every series line starts with text and holds a number after it. Positions after the last one
 * with content are left out, so a whole-column range ('A:B') charts only the rows in use.
 *
 * Chart types other than BAR and COLUMN have no DrawingML form here: they are written as
 * columns (COMBO, HISTOGRAM, WATERFALL and the rest are bars of some kind or have no .xlsx
 * counterpart), which keeps the data readable.
 */
import type { Cell, ChartModel, ChartOptionValue, GridRange, SheetModel, WorkbookModel } from '../model.js';
import { optionAt } from '../spreadsheet/chart.js';
import { normalizeColor } from '../spreadsheet/color.js';
import { displayText } from '../spreadsheet/display.js';
import { cellAt } from '../spreadsheet/grid.js';
import { quoteSheet } from './defined-names.js';
import { numberFormatOf } from './export.js';
import { absoluteRef, rangeA1 } from './ranges.js';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Google Sheets' default series colours, in order. */
const SHEETS_PALETTE = ['4285f4', 'ea4335', 'fbbc04', '34a853', 'ff6d01', '46bdc6', '7baaf7', 'f07b72', 'fcd04f', '71c287'];

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** One cell of a line: the sheet it is on and its 0-based position. */
interface Point {
  sheet: SheetModel;
  row: number;
  column: number;
}

/** A run of cells in one row or column of one sheet, as it is referenced in the part. */
interface Segment {
  sheet: SheetModel;
  range: GridRange;
}

interface Line {
  points: Point[];
}

function segmentsOf(points: Point[]): Segment[] {
  const out: Segment[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    const g = last?.range;
    if (last && last.sheet === p.sheet && g) {
      if (g.startColumn === p.column && g.endColumn === p.column + 1 && g.endRow === p.row) {
        g.endRow++;
        continue;
      }
      if (g.startRow === p.row && g.endRow === p.row + 1 && g.endColumn === p.column) {
        g.endColumn++;
        continue;
      }
    }
    out.push({ sheet: p.sheet, range: { startRow: p.row, endRow: p.row + 1, startColumn: p.column, endColumn: p.column + 1 } });
  }
  return out;
}

/** The reference Excel reads for these cells: 'S'!$A$2:$A$9, or (…,…) for several areas. */
function formulaOf(points: Point[]): string {
  const refs = segmentsOf(points).map((s) => `${quoteSheet(s.sheet.name)}!${absoluteRef(rangeA1(s.range))}`);
  return refs.length === 1 ? refs[0] : `(${refs.join(',')})`;
}

function linesOfRange(sheet: SheetModel, g: GridRange, transpose: boolean): Line[] {
  const lines: Line[] = [];
  if (!transpose) {
    for (let c = g.startColumn; c < g.endColumn; c++) {
      const points: Point[] = [];
      for (let r = g.startRow; r < g.endRow; r++) points.push({ sheet, row: r, column: c });
      lines.push({ points });
    }
  } else {
    for (let r = g.startRow; r < g.endRow; r++) {
      const points: Point[] = [];
      for (let c = g.startColumn; c < g.endColumn; c++) points.push({ sheet, row: r, column: c });
      lines.push({ points });
    }
  }
  return lines;
}

function tableLines(chart: ChartModel, model: WorkbookModel): Line[] {
  const perRange: Line[][] = [];
  for (const { sheetId, range } of chart.ranges) {
    const sheet = model.sheets.find((s) => s.sheetId === sheetId);
    if (sheet) perRange.push(linesOfRange(sheet, range, chart.transposeRowsAndColumns));
  }
  if (chart.mergeStrategy === 'MERGE_COLUMNS') return perRange.flat();
  const width = Math.max(0, ...perRange.map((l) => l.length));
  const out: Line[] = [];
  for (let i = 0; i < width; i++) out.push({ points: perRange.flatMap((lines) => lines[i]?.points ?? []) });
  return out;
}

function cellOf(p: Point): Cell | undefined {
  return cellAt(p.sheet, p.row, p.column);
}

function hasValue(p: Point): boolean {
  const v = cellOf(p)?.value;
  return v !== undefined && v !== '';
}

function isNumber(p: Point): boolean {
  return typeof cellOf(p)?.value === 'number';
}

function headerCount(chart: ChartModel, series: Line[]): number {
  if (chart.numHeaders >= 0) return chart.numHeaders;
  if (series.length === 0) return 0;
  const guess = series.every((l) => {
    const first = l.points[0];
    return first !== undefined && typeof cellOf(first)?.value === 'string' && hasValue(first) && l.points.slice(1).some(isNumber);
  });
  return guess ? 1 : 0;
}

/** The chart's data as it will be referenced: the domain, the series, and how many header cells each line has. */
export interface ChartTable {
  domain: Line | undefined;
  series: Line[];
  headers: number;
  /** Data positions after the headers, trailing empty ones left out. */
  count: number;
}

export function chartTable(chart: ChartModel, model: WorkbookModel): ChartTable {
  const lines = tableLines(chart, model);
  const domain = lines.length >= 2 ? lines[0] : undefined;
  const series = lines.length >= 2 ? lines.slice(1) : lines;
  const headers = headerCount(chart, series);
  let count = 0;
  for (const line of lines) {
    for (let i = line.points.length - 1; i >= headers; i--) {
      if (hasValue(line.points[i])) {
        count = Math.max(count, i - headers + 1);
        break;
      }
    }
  }
  return { domain, series, headers, count };
}

// ---- XML ----------------------------------------------------------------------------------------

function text(model: WorkbookModel, p: Point): string {
  const cell = cellOf(p);
  if (!cell) return '';
  return displayText(cell.value, numberFormatOf(cell, model.timeZone), model.timeZone, model.locale);
}

function strRef(model: WorkbookModel, points: Point[]): string {
  const pts = points
    .map((p, i) => {
      const t = text(model, p);
      return t === '' ? '' : `<c:pt idx="${i}"><c:v>${escapeXml(t)}</c:v></c:pt>`;
    })
    .join('');
  return `<c:strRef><c:f>${escapeXml(formulaOf(points))}</c:f><c:strCache><c:ptCount val="${points.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(model: WorkbookModel, points: Point[]): string {
  const first = points.find(isNumber);
  const format = (first && numberFormatOf(cellOf(first), model.timeZone)) || 'General';
  const pts = points
    .map((p, i) => {
      const v = cellOf(p)?.value;
      return typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '';
    })
    .join('');
  return `<c:numRef><c:f>${escapeXml(formulaOf(points))}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${points.length}"/>${pts}</c:numCache></c:numRef>`;
}

function optionText(v: ChartOptionValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function optionNumber(v: ChartOptionValue | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** '#rrggbb' → 'RRGGBB' for DrawingML; undefined for what is not a colour ('none', 'transparent', unknown names). */
function hexOf(v: ChartOptionValue | undefined): string | undefined {
  const color = typeof v === 'string' ? normalizeColor(v) : null;
  return color && /^#[0-9a-f]{6}$/.test(color) ? color.slice(1).toUpperCase() : undefined;
}

function solidFill(hex: string): string {
  return `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;
}

/** Rich text for a title: the text in one paragraph, with the style Google Charts' textStyle gives. */
function richText(value: string, style: ChartOptionValue | undefined, defaultSizePt: number, bold: boolean): string {
  const field = (key: string): ChartOptionValue | undefined =>
    typeof style === 'object' && style !== null && !Array.isArray(style) ? style[key] : undefined;
  const size = optionNumber(field('fontSize'));
  const isBold = field('bold');
  const color = hexOf(field('color'));
  // Google Charts sizes text in pixels; DrawingML in hundredths of a point (1 px = 0.75 pt).
  const sz = Math.round((size !== undefined ? size * 0.75 : defaultSizePt) * 100);
  const b = isBold === undefined || isBold === null ? bold : Boolean(isBold);
  const rPr = `<a:rPr lang="zh-CN" sz="${sz}" b="${b ? 1 : 0}">${color ? solidFill(color) : ''}</a:rPr>`;
  const paragraphs = value
    .split('\n')
    .map((line) => `<a:p><a:pPr><a:defRPr sz="${sz}" b="${b ? 1 : 0}"/></a:pPr><a:r>${rPr}<a:t>${escapeXml(line)}</a:t></a:r></a:p>`)
    .join('');
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/>${paragraphs}</c:rich></c:tx>`;
}

function title(value: string | undefined, style: ChartOptionValue | undefined, sizePt: number, bold: boolean): string {
  if (value === undefined || value === '') return '';
  return `<c:title>${richText(value, style, sizePt, bold)}<c:overlay val="0"/></c:title>`;
}

const LEGEND_POSITIONS: Record<string, string> = { right: 'r', left: 'l', top: 't', bottom: 'b', in: 'r', labeled: 'r' };

function legend(options: ChartModel['options']): string {
  const raw = optionAt(options, 'legend');
  const position = typeof raw === 'string' ? raw : optionText(optionAt(options, 'legend.position'));
  if (position === 'none') return '';
  const pos = LEGEND_POSITIONS[position ?? 'right'] ?? 'r';
  return `<c:legend><c:legendPos val="${pos}"/><c:overlay val="0"/></c:legend>`;
}

function dataLabels(show: boolean): string {
  if (!show) return '';
  return (
    '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>' +
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

function seriesXml(model: WorkbookModel, chart: ChartModel, table: ChartTable, line: Line, i: number): string {
  const opt = (key: string): ChartOptionValue | undefined => optionAt(chart.options, `series.${i}.${key}`);
  const label = optionText(opt('labelInLegend'));
  let tx = '';
  if (label !== undefined) tx = `<c:tx><c:v>${escapeXml(label)}</c:v></c:tx>`;
  else if (table.headers > 0) tx = `<c:tx>${strRef(model, [line.points[table.headers - 1]])}</c:tx>`;
  const colors = optionAt(chart.options, 'colors');
  const listed = Array.isArray(colors) ? hexOf(colors[i]) : undefined;
  const fill = hexOf(opt('color')) ?? listed ?? SHEETS_PALETTE[i % SHEETS_PALETTE.length].toUpperCase();
  const data = line.points.slice(table.headers, table.headers + table.count);
  const cat = table.domain ? `<c:cat>${strRef(model, table.domain.points.slice(table.headers, table.headers + table.count))}</c:cat>` : '';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}` +
    `<c:spPr>${solidFill(fill)}<a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>` +
    `${dataLabels(opt('dataLabel') === 'value')}${cat}<c:val>${numRef(model, data)}</c:val></c:ser>`
  );
}

const AXIS_TEXT = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>';
const GRIDLINES =
  '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';
const CAT_AXIS_ID = 500001;
const VAL_AXIS_ID = 500002;

/** The chart part's XML. */
export function chartPartXml(chart: ChartModel, model: WorkbookModel, extension = ''): string {
  const o = chart.options;
  const horizontalBars = chart.type === 'BAR';
  // Google Charts' hAxis is the horizontal axis: for bars it carries the values, for columns the categories.
  const valueAxis = horizontalBars ? 'hAxis' : 'vAxis';
  const categoryAxis = horizontalBars ? 'vAxis' : 'hAxis';
  const table = chartTable(chart, model);
  const stacked = optionAt(o, 'isStacked');
  const grouping =
    stacked === 'percent' || stacked === 'relative'
      ? 'percentStacked'
      : stacked === true || stacked === 'absolute'
        ? 'stacked'
        : 'clustered';
  const series = table.series.map((line, i) => seriesXml(model, chart, table, line, i)).join('');
  // Google draws a bar chart's first category at the top; DrawingML at the bottom unless the axis runs max to min.
  const reversed = optionAt(o, 'reverseCategories') === true;
  const categoriesDown = horizontalBars ? !reversed : reversed;
  const min = optionNumber(optionAt(o, `${valueAxis}.viewWindow.min`)) ?? optionNumber(optionAt(o, `${valueAxis}.minValue`));
  const max = optionNumber(optionAt(o, `${valueAxis}.viewWindow.max`)) ?? optionNumber(optionAt(o, `${valueAxis}.maxValue`));
  const scaling = `<c:scaling><c:orientation val="minMax"/>${max !== undefined ? `<c:max val="${max}"/>` : ''}${min !== undefined ? `<c:min val="${min}"/>` : ''}</c:scaling>`;
  const catTitle = title(optionText(optionAt(o, `${categoryAxis}.title`)), optionAt(o, `${categoryAxis}.titleTextStyle`), 10, false);
  const valTitle = title(optionText(optionAt(o, `${valueAxis}.title`)), optionAt(o, `${valueAxis}.titleTextStyle`), 10, false);
  const background = hexOf(optionAt(o, 'backgroundColor')) ?? hexOf(optionAt(o, 'backgroundColor.fill')) ?? 'FFFFFF';
  const chartTitle = optionText(optionAt(o, 'title'));
  const hidden = chart.hiddenDimensionStrategy === 'SHOW_BOTH' ? 0 : 1;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    (chartTitle ? title(chartTitle, optionAt(o, 'titleTextStyle'), 14, true) : '') +
    `<c:autoTitleDeleted val="${chartTitle ? 0 : 1}"/>` +
    '<c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="${horizontalBars ? 'bar' : 'col'}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>` +
    series +
    `<c:gapWidth val="80"/>${grouping === 'clustered' ? '' : '<c:overlap val="100"/>'}` +
    `<c:axId val="${CAT_AXIS_ID}"/><c:axId val="${VAL_AXIS_ID}"/></c:barChart>` +
    `<c:catAx><c:axId val="${CAT_AXIS_ID}"/><c:scaling><c:orientation val="${categoriesDown ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontalBars ? 'l' : 'b'}"/>${catTitle}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${AXIS_TEXT}<c:crossAx val="${VAL_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    '<c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${VAL_AXIS_ID}"/>${scaling}<c:delete val="0"/><c:axPos val="${horizontalBars ? 'b' : 'l'}"/>${GRIDLINES}${valTitle}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    // With the categories running down, the value axis crosses at the last one, which is then at the bottom.
    `${AXIS_TEXT}<c:crossAx val="${CAT_AXIS_ID}"/><c:crosses val="${categoriesDown ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>` +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:plotArea>' +
    legend(o) +
    `<c:plotVisOnly val="${hidden}"/><c:dispBlanksAs val="gap"/>` +
    '</c:chart>' +
    `<c:spPr>${solidFill(background)}<a:ln><a:noFill/></a:ln></c:spPr>` +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>' +
    extension +
    '</c:chartSpace>'
  );
}
