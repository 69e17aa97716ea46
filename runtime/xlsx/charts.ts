/**
 * Embedded charts in the .xlsx: exceljs can neither write nor keep charts, so after it has written
 * the workbook the charts of the model are added to the package here, and on import the charts
 * this runtime wrote are read back.
 *
 * Each chart is a chart part (runtime/xlsx/chart-part.ts) drawn by an anchor in its sheet's
 * drawing part (xl/drawings/drawingN.xml, ECMA-376 Part 1, 20.5), which the sheet names in its
 * <drawing r:id> element; a sheet that already has a drawing (exceljs writes one for pictures)
 * gets the charts' anchors added to it. The anchor is a oneCellAnchor: the chart's top-left
 * corner in its cell with the offset in EMU (1 px = 9525 EMU at 96 dpi), and its size, so that
 * it keeps its pixel size whatever the column widths, as a chart over a Google sheet does.
 *
 * Reading back: each chart part written here carries the chart model in an extension element
 * (c:extLst, which other applications skip), and import restores exactly those charts. Charts
 * made elsewhere (in Excel, WPS) are not read: exceljs drops them, as the README says. A chart
 * moved or edited in another application and saved there comes back as this runtime wrote it,
 * or not at all when that application dropped the extension.
 */
import JSZip from 'jszip';
import { CHART_TYPES, type ChartModel, type ChartOptionValue, type SheetModel, type WorkbookModel } from '../model.js';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from '../spreadsheet/chart.js';
import { chartPartXml, escapeXml } from './chart-part.js';
import { decodeXml, relationshipsIn, relsPathOf, resolveTarget, sheetParts, xmlAttributes } from './parts.js';
import { parseRangeA1, rangeA1 } from './ranges.js';
import { zipEntries, zipEntryData } from './zip.js';

const EMU_PER_PX = 9525;
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DRAWING = `${REL_NS}/drawing`;
const REL_CHART = `${REL_NS}/chart`;
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
/** The extension that carries the model of a chart written here (a GUID of this project's own). */
const MODEL_EXT_URI = '{5D3B9A52-7C1E-4F0B-9E64-2A8D0C1F7B31}';
const MODEL_NS = 'urn:duban:runtime:chart';

/** Options read with Google's defaults: 'width' and 'height' in pixels. */
export function chartSize(chart: ChartModel): { width: number; height: number } {
  const px = (v: ChartOptionValue | undefined, fallback: number): number => (typeof v === 'number' && v > 0 ? Math.round(v) : fallback);
  return { width: px(chart.options.width, DEFAULT_CHART_WIDTH), height: px(chart.options.height, DEFAULT_CHART_HEIGHT) };
}

export function hasCharts(model: WorkbookModel): boolean {
  return model.sheets.some((s) => (s.charts?.length ?? 0) > 0);
}

// ---- writing -----------------------------------------------------------------------------------

/** What is kept in the chart part so that import can restore the chart as the model had it. */
interface StoredChart extends Omit<ChartModel, 'ranges'> {
  ranges: { sheet: string; range: string }[];
}

function stored(chart: ChartModel, model: WorkbookModel): StoredChart {
  const ranges = chart.ranges.flatMap(({ sheetId, range }) => {
    const sheet = model.sheets.find((s) => s.sheetId === sheetId);
    return sheet ? [{ sheet: sheet.name, range: rangeA1(range) }] : [];
  });
  return { ...chart, ranges };
}

function modelExtension(chart: ChartModel, model: WorkbookModel): string {
  const json = JSON.stringify(stored(chart, model));
  return `<c:extLst><c:ext uri="${MODEL_EXT_URI}" xmlns:duban="${MODEL_NS}"><duban:chart>${escapeXml(json)}</duban:chart></c:ext></c:extLst>`;
}

function anchorXml(chart: ChartModel, id: number, relId: string): string {
  const { width, height } = chartSize(chart);
  const { row, column, offsetX, offsetY } = chart.anchor;
  return (
    '<xdr:oneCellAnchor>' +
    `<xdr:from><xdr:col>${column}</xdr:col><xdr:colOff>${Math.max(0, offsetX) * EMU_PER_PX}</xdr:colOff>` +
    `<xdr:row>${row}</xdr:row><xdr:rowOff>${Math.max(0, offsetY) * EMU_PER_PX}</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${width * EMU_PER_PX}" cy="${height * EMU_PER_PX}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="Chart ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${REL_NS}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
const EMPTY_DRAWING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"></xdr:wsDr>`;

/** A part's relationships, kept as text and added to. */
class Rels {
  private readonly used: Set<string>;
  constructor(private xml: string) {
    this.used = new Set(relationshipsIn(xml).map((r) => r.id));
  }
  add(type: string, target: string): string {
    let n = this.used.size + 1;
    while (this.used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.used.add(id);
    this.xml = this.xml.replace(
      /<\/Relationships>\s*$/,
      `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`,
    );
    return id;
  }
  toString(): string {
    return this.xml;
  }
}

/** The worksheet elements that come after <drawing> (CT_Worksheet's sequence, ECMA-376 Part 1, 18.3.1.99). */
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/** Where <drawing> goes in a worksheet: before the first top-level element that must follow it. */
function drawingSlot(sheetXml: string): number {
  const dataEnd = sheetXml.search(/<\/sheetData>|<sheetData\s*\/>/);
  let depth = 1;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  tag.lastIndex = Math.max(dataEnd, 0);
  // Step past </sheetData> (or <sheetData/>) itself: it closes at the top level.
  const first = tag.exec(sheetXml);
  if (!first) return sheetXml.lastIndexOf('</worksheet>');
  for (let m = tag.exec(sheetXml); m; m = tag.exec(sheetXml)) {
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0) return m.index;
      continue;
    }
    if (depth === 1 && AFTER_DRAWING.has(name.replace(/^\w+:/, ''))) return m.index;
    if (!selfClosing) depth++;
  }
  return sheetXml.lastIndexOf('</worksheet>');
}

function nextNumber(zip: JSZip, pattern: RegExp): () => number {
  let n = 0;
  zip.forEach((path) => {
    const m = pattern.exec(path);
    if (m) n = Math.max(n, Number(m[1]));
  });
  return () => ++n;
}

async function text(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async('string');
}

/**
 * The .xlsx exceljs wrote, with the model's charts added. A model without charts is returned
 * as it came, byte for byte.
 */
export async function withCharts(xlsx: Buffer, model: WorkbookModel, compressionLevel = 1): Promise<Buffer> {
  if (!hasCharts(model)) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const read = (path: string): Promise<string> => text(zip, path).then((t) => t ?? '');
  const workbookXml = await read('xl/workbook.xml');
  const workbookRels = await read('xl/_rels/workbook.xml.rels');
  const parts = new Map(
    sheetParts((p) => (p === 'xl/workbook.xml' ? workbookXml : p === 'xl/_rels/workbook.xml.rels' ? workbookRels : '')).map((s) => [
      s.name,
      s.part,
    ]),
  );
  let contentTypes = await read('[Content_Types].xml');
  const override = (part: string, type: string): void => {
    if (contentTypes.includes(`PartName="/${part}"`)) return;
    contentTypes = contentTypes.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
  };
  const nextChart = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  const nextDrawing = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);

  for (const sheet of model.sheets) {
    if (!sheet.charts || sheet.charts.length === 0) continue;
    const part = parts.get(sheet.name);
    if (!part) throw new Error(`xlsx export: the sheet ${sheet.name} is not in the written workbook, so its charts cannot be added`);
    let sheetXml = await read(part);
    const sheetRels = new Rels((await text(zip, relsPathOf(part))) ?? EMPTY_RELS);
    const existing = /<(?:\w+:)?drawing\b[^>]*?\br:id\s*=\s*"([^"]+)"/.exec(sheetXml)?.[1];
    const existingTarget = existing && relationshipsIn(sheetRels.toString()).find((r) => r.id === existing)?.target;
    let drawingPart: string;
    let drawingXml: string;
    if (existingTarget) {
      drawingPart = resolveTarget(part, existingTarget);
      drawingXml = (await text(zip, drawingPart)) ?? EMPTY_DRAWING;
    } else {
      drawingPart = `xl/drawings/drawing${nextDrawing()}.xml`;
      drawingXml = EMPTY_DRAWING;
      const id = sheetRels.add(REL_DRAWING, `../drawings/${drawingPart.split('/').pop()}`);
      const at = drawingSlot(sheetXml);
      sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${id}"/>${sheetXml.slice(at)}`;
      if (!/<worksheet\b[^>]*\bxmlns:r=/.test(sheetXml)) sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL_NS}"`);
      override(drawingPart, CT_DRAWING);
    }
    const drawingRels = new Rels((await text(zip, relsPathOf(drawingPart))) ?? EMPTY_RELS);
    let shapeId = Math.max(1, ...[...drawingXml.matchAll(/<xdr:cNvPr\b[^>]*?\bid="(\d+)"/g)].map((m) => Number(m[1])));
    const anchors: string[] = [];
    for (const chart of sheet.charts) {
      const chartPart = `xl/charts/chart${nextChart()}.xml`;
      zip.file(chartPart, chartPartXml(chart, model, modelExtension(chart, model)));
      override(chartPart, CT_CHART);
      const relId = drawingRels.add(REL_CHART, `../charts/${chartPart.split('/').pop()}`);
      anchors.push(anchorXml(chart, ++shapeId, relId));
    }
    drawingXml = drawingXml.replace(/<\/xdr:wsDr>\s*$/, `${anchors.join('')}</xdr:wsDr>`);
    zip.file(drawingPart, drawingXml);
    zip.file(relsPathOf(drawingPart), drawingRels.toString());
    zip.file(relsPathOf(part), sheetRels.toString());
    zip.file(part, sheetXml);
  }
  zip.file('[Content_Types].xml', contentTypes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: compressionLevel } });
}

// ---- reading back ------------------------------------------------------------------------------

function restored(json: unknown, model: WorkbookModel): ChartModel | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const s = json as Partial<StoredChart>;
  if (typeof s.chartId !== 'number' || !(CHART_TYPES as readonly string[]).includes(String(s.type)) || !s.anchor || !s.options)
    return undefined;
  const ranges = (s.ranges ?? []).flatMap(({ sheet, range }) => {
    const target = model.sheets.find((x) => x.name === sheet);
    const g = parseRangeA1(range);
    return target && g ? [{ sheetId: target.sheetId, range: g }] : [];
  });
  return {
    chartId: s.chartId,
    type: s.type as ChartModel['type'],
    ranges,
    anchor: { row: s.anchor.row, column: s.anchor.column, offsetX: s.anchor.offsetX, offsetY: s.anchor.offsetY },
    options: s.options,
    numHeaders: typeof s.numHeaders === 'number' ? s.numHeaders : -1,
    mergeStrategy: s.mergeStrategy === 'MERGE_ROWS' ? 'MERGE_ROWS' : 'MERGE_COLUMNS',
    hiddenDimensionStrategy: s.hiddenDimensionStrategy ?? 'IGNORE_BOTH',
    transposeRowsAndColumns: s.transposeRowsAndColumns === true,
  };
}

/** Puts back on the model's sheets the charts this runtime wrote into the file (see above). */
export function readCharts(buf: Buffer, model: WorkbookModel): void {
  const entries = zipEntries(buf);
  if (!entries) return;
  const read = (name: string): string => {
    const e = entries.find((x) => x.name === name);
    return (e && zipEntryData(buf, e)?.toString('utf8')) ?? '';
  };
  for (const { name, part } of sheetParts(read)) {
    const sheet: SheetModel | undefined = model.sheets.find((s) => s.name === name);
    if (!sheet || !part) continue;
    const rid = /<(?:\w+:)?drawing\b[^>]*?\br:id\s*=\s*"([^"]+)"/.exec(read(part))?.[1];
    const drawingRel = rid && relationshipsIn(read(relsPathOf(part))).find((r) => r.id === rid);
    if (!drawingRel) continue;
    const drawingPart = resolveTarget(part, drawingRel.target);
    const chartRels = new Map(
      relationshipsIn(read(relsPathOf(drawingPart)))
        .filter((r) => r.type === REL_CHART)
        .map((r) => [r.id, r.target]),
    );
    for (const m of read(drawingPart).matchAll(/<(?:\w+:)?chart\b([^>]*?)\/?>/g)) {
      const id = [...xmlAttributes(m[1]).entries()].find(([k]) => /(^|:)id$/.test(k))?.[1];
      const target = id && chartRels.get(id);
      if (!target) continue;
      const xml = read(resolveTarget(drawingPart, target));
      const body = new RegExp(
        `<c:ext\\b[^>]*uri="${MODEL_EXT_URI.replace(/[{}]/g, '\\$&')}"[^>]*>\\s*<duban:chart>([\\s\\S]*?)</duban:chart>`,
      ).exec(xml)?.[1];
      if (body === undefined) continue;
      let chart: ChartModel | undefined;
      try {
        chart = restored(JSON.parse(decodeXml(body)), model);
      } catch {
        chart = undefined;
      }
      if (chart) (sheet.charts ??= []).push(chart);
    }
  }
}
