import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ChartMergeStrategy, ChartType, Position } from '../../runtime/spreadsheet/enums.js';
import type { Sheet } from '../../runtime/spreadsheet/index.js';
import { withCharts } from '../../runtime/xlsx/charts.js';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';
import { fixture } from './spreadsheet-helpers.js';

const UNITS: [string, number][] = [
  ['市城管局', 96.5],
  ['市住建局', 92],
  ['市交通局', 88],
  ['市市场监管局', 85],
  ['市生态环境局', 79.5],
  ['高新区', 72],
  ['经开区', 64],
];

/** The publication's shape: a score table (单位, 得分) in A3:B10 under a title, and a bar chart below it. */
function publication() {
  const f = fixture(['2026年11月督查通报', '排名历史']);
  const sheet = f.app.getActiveSpreadsheet().getSheetByName('2026年11月督查通报')!;
  sheet.getRange('A1').setValue('2026年11月创建工作督查通报');
  sheet.getRange('A3:B10').setValues([['单位', '得分'], ...UNITS]);
  sheet.setColumnWidth(1, 140);
  return { ...f, sheet };
}

function insertScoreChart(sheet: Sheet): void {
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(ChartType.BAR)
      .addRange(sheet.getRange('A3:B10'))
      .setNumHeaders(1)
      .setPosition(12, 1, 0, 0)
      .setOption('title', '各单位月度得分')
      .setOption('legend', { position: 'none' })
      .setOption('hAxis', { title: '得分（满分100）', viewWindow: { min: 0, max: 100 } })
      .setOption('colors', ['#c00000'])
      .setOption('series', { 0: { dataLabel: 'value' } })
      .setOption('width', 560)
      .setOption('height', 320)
      .build(),
  );
}

async function zipOf(buf: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buf);
}

async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no ${name} in the package (${Object.keys(zip.files).join(', ')})`);
  return file.async('string');
}

describe('charts in the exported .xlsx', () => {
  it('a bar chart over a two-column range is written as DrawingML parts that reference the cells and cache their values', async () => {
    const { sheet, model } = publication();
    insertScoreChart(sheet);
    const zip = await zipOf(await exportXlsxBuffer(model));

    const chart = await part(zip, 'xl/charts/chart1.xml');
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain("<c:f>'2026年11月督查通报'!$A$4:$A$10</c:f>");
    expect(chart).toContain("<c:f>'2026年11月督查通报'!$B$4:$B$10</c:f>");
    // The series is named by its header cell.
    expect(chart).toContain(
      '<c:tx><c:strRef><c:f>\'2026年11月督查通报\'!$B$3</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>得分</c:v>',
    );
    const cached = (tag: string) => [...chart.matchAll(new RegExp(`<c:${tag}>[\\s\\S]*?</c:${tag}>`, 'g'))][0][0];
    expect([...cached('cat').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1])).toEqual(UNITS.map(([u]) => u));
    expect([...cached('val').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]))).toEqual(UNITS.map(([, s]) => s));
    expect(chart).toContain('<a:t>各单位月度得分</a:t>');
    expect(chart).toContain('<a:t>得分（满分100）</a:t>');
    expect(chart).toContain('<a:srgbClr val="C00000"/>');
    expect(chart).toContain('<c:max val="100"/><c:min val="0"/>');
    expect(chart).toContain('<c:showVal val="1"/>');
    expect(chart).not.toContain('<c:legend>');

    const sheetXml = await part(zip, 'xl/worksheets/sheet1.xml');
    const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
    expect(drawingId).toBeDefined();
    expect(await part(zip, 'xl/worksheets/_rels/sheet1.xml.rels')).toContain(
      `Id="${drawingId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`,
    );
    const drawing = await part(zip, 'xl/drawings/drawing1.xml');
    // Row 12, column A (0-based 11 and 0); 560 x 320 px at 9525 EMU a pixel.
    expect(drawing).toContain(
      '<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>11</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="5334000" cy="3048000"/>',
    );
    expect(await part(zip, 'xl/drawings/_rels/drawing1.xml.rels')).toContain('Target="../charts/chart1.xml"');
    const types = await part(zip, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    // The sheet without a chart has no drawing.
    expect(await part(zip, 'xl/worksheets/sheet2.xml')).not.toContain('<drawing');
  });

  it('ExcelJS still reads the workbook, cells intact', async () => {
    const { sheet, model } = publication();
    insertScoreChart(sheet);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsxBuffer(model)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('2026年11月督查通报')!;
    expect(ws.getCell('A1').value).toBe('2026年11月创建工作督查通报');
    const rows = [];
    for (let r = 3; r <= 10; r++) rows.push([ws.getCell(r, 1).value, ws.getCell(r, 2).value]);
    expect(rows).toEqual([['单位', '得分'], ...UNITS]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026年11月督查通报', '排名历史']);
  });

  it('a column chart, a chart drawing on another sheet, and charts on two sheets get parts of their own', async () => {
    const { app, sheet, model } = publication();
    const history = app.getActiveSpreadsheet().getSheetByName('排名历史')!;
    history.setName("排名'历史");
    history.getRange('A1:C3').setValues([
      ['月份', '市城管局', '市住建局'],
      ['10月', 90, 80],
      ['11月', 96.5, 92],
    ]);
    insertScoreChart(sheet);
    sheet.insertChart(
      sheet
        .newChart()
        .asColumnChart()
        .addRange(history.getRange('A1:B3'))
        .setPosition(30, 1, 0, 0)
        .setLegendPosition(Position.BOTTOM)
        .build(),
    );
    history.insertChart(
      history.newChart().setChartType(ChartType.COLUMN).addRange(history.getRange('A1:C3')).setPosition(5, 1, 0, 0).build(),
    );
    const zip = await zipOf(await exportXlsxBuffer(model));
    const charts = await Promise.all([1, 2, 3].map((n) => part(zip, `xl/charts/chart${n}.xml`)));
    expect(charts[0]).toContain('<c:barDir val="bar"/>');
    expect(charts[1]).toContain('<c:barDir val="col"/>');
    // A sheet name with a quote in it is quoted as Excel writes it.
    expect(charts[1]).toContain("<c:f>'排名''历史'!$B$2:$B$3</c:f>");
    expect(charts[1]).toContain("<c:f>'排名''历史'!$A$2:$A$3</c:f>");
    expect(charts[1]).toContain('<c:legendPos val="b"/>');
    // Two series on the history sheet, each with its own colour (Sheets' first two).
    expect([...charts[2].matchAll(/<c:ser>/g)]).toHaveLength(2);
    expect(charts[2]).toContain('<a:srgbClr val="4285F4"/>');
    expect(charts[2]).toContain('<a:srgbClr val="EA4335"/>');
    expect(await part(zip, 'xl/drawings/drawing1.xml')).toMatch(/r:id="rId1"[\s\S]*r:id="rId2"/);
    expect(await part(zip, 'xl/drawings/drawing2.xml')).toContain('<xdr:row>4</xdr:row>');
    expect(await part(zip, 'xl/drawings/_rels/drawing2.xml.rels')).toContain('Target="../charts/chart3.xml"');
  });

  it('ranges become categories and series as Sheets reads them', async () => {
    const { sheet, model } = publication();
    const refs = async (): Promise<string[][]> => {
      const zip = await zipOf(await exportXlsxBuffer(model));
      const out: string[][] = [];
      for (let n = 1; zip.file(`xl/charts/chart${n}.xml`); n++) {
        const formulas = [...(await part(zip, `xl/charts/chart${n}.xml`)).matchAll(/<c:f>([^<]*)<\/c:f>/g)];
        out.push(formulas.map((m) => m[1].replaceAll("'2026年11月督查通报'!", '')));
      }
      return out;
    };
    sheet.getRange('D3:G4').setValues([
      ['月份', '9月', '10月', '11月'],
      ['得分', 88, 90, 96.5],
    ]);
    const build = () => sheet.newChart().setChartType(ChartType.COLUMN);
    // Whole columns: only the rows in use; the header (text over numbers) guessed as Sheets does.
    sheet.insertChart(build().addRange(sheet.getRange('A3:B')).build());
    // Two ranges side by side (MERGE_COLUMNS): the first is the categories, the second the values.
    sheet.insertChart(build().addRange(sheet.getRange('A4:A10')).addRange(sheet.getRange('B4:B10')).setNumHeaders(0).build());
    // Transposed: rows are the lines.
    sheet.insertChart(build().addRange(sheet.getRange('D3:G4')).setTransposeRowsAndColumns(true).setNumHeaders(1).build());
    // Joined (MERGE_ROWS): each range's columns continue the one before.
    sheet.insertChart(
      build()
        .addRange(sheet.getRange('A4:B5'))
        .addRange(sheet.getRange('A9:B10'))
        .setNumHeaders(0)
        .setMergeStrategy(ChartMergeStrategy.MERGE_ROWS)
        .build(),
    );
    expect(await refs()).toEqual([
      ['$B$3', '$A$4:$A$10', '$B$4:$B$10'],
      ['$A$4:$A$10', '$B$4:$B$10'],
      ['$D$4', '$E$3:$G$3', '$E$4:$G$4'],
      ['($A$4:$A$5,$A$9:$A$10)', '($B$4:$B$5,$B$9:$B$10)'],
    ]);
  });

  it("a workbook without charts is exceljs's output untouched", async () => {
    const { model } = publication();
    const written = Buffer.from('not even a zip');
    expect(await withCharts(written, model)).toBe(written);
    const zip = await zipOf(await exportXlsxBuffer(model));
    expect(Object.keys(zip.files).some((n) => n.includes('chart') || n.includes('drawings/drawing'))).toBe(false);
  });

  it('charts written here are read back on import and written again once; removing one removes it from the file', async () => {
    const { sheet, model } = publication();
    insertScoreChart(sheet);
    const again = await importXlsx(await exportXlsxBuffer(model));
    expect(again.sheets[0].charts).toEqual(model.sheets[0].charts);
    const zip = await zipOf(await exportXlsxBuffer(again));
    expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toEqual(['xl/charts/chart1.xml']);
    expect([...(await part(zip, 'xl/drawings/drawing1.xml')).matchAll(/<xdr:graphicFrame/g)]).toHaveLength(1);

    const f = fixture();
    f.model.sheets = again.sheets;
    const sheetAgain = f.app.getActiveSpreadsheet().getSheets()[0];
    sheetAgain.getCharts().forEach((c) => {
      sheetAgain.removeChart(c);
    });
    const without = await zipOf(await exportXlsxBuffer(again));
    expect(Object.keys(without.files).some((n) => n.startsWith('xl/charts/'))).toBe(false);
  });

  it("an imported workbook keeps its picture, and the chart joins it in the sheet's drawing", async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('通报');
    ws.addRows([
      ['单位', '得分'],
      ['市城管局', 90],
      ['市住建局', 80],
    ]);
    ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), {
      tl: { col: 4, row: 0 },
      ext: { width: 40, height: 40 },
    });
    ws.getCell('A1').note = '说明';
    const model = await importXlsx(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const f = fixture();
    f.model.sheets = model.sheets;
    const sheet = f.app.getActiveSpreadsheet().getSheets()[0];
    sheet.insertChart(sheet.newChart().setChartType(ChartType.COLUMN).addRange(sheet.getRange('A1:B3')).setPosition(5, 1, 0, 0).build());

    const zip = await zipOf(await exportXlsxBuffer(model));
    const drawing = await part(zip, 'xl/drawings/drawing1.xml');
    expect(drawing).toContain('<xdr:pic>');
    expect(drawing).toContain('<xdr:graphicFrame');
    const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const rels = await part(zip, 'xl/drawings/_rels/drawing1.xml.rels');
    expect(rels).toContain('Target="../media/image1.png"');
    expect(rels).toContain('Target="../charts/chart1.xml"');
    const sheetXml = await part(zip, 'xl/worksheets/sheet1.xml');
    // One drawing per sheet, before the notes' legacy drawing as the schema orders them.
    expect([...sheetXml.matchAll(/<drawing /g)]).toHaveLength(1);
    expect(sheetXml.indexOf('<drawing ')).toBeLessThan(sheetXml.indexOf('<legacyDrawing '));
  });
});
