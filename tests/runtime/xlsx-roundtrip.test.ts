import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CallCounter } from '../../runtime/calls.js';
import type { WorkbookModel } from '../../runtime/model.js';
import { createSpreadsheetRuntime, type SpreadsheetAppService } from '../../runtime/spreadsheet/index.js';
import { exportXlsxBuffer, importXlsx, WorkbookFormatError } from '../../runtime/xlsx.js';
import { makeZip, rewriteZip, zipText } from './zip-writer.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * An office's ledger as Excel or WPS would save it, with everything the local runtime's model
 * does not hold: hyperlinks, rich text, error values, shared formulas, hidden and outlined rows
 * and columns, an autofilter, validations of every kind, other conditional formats, print
 * setup, sheet protection, images, a table, styles beyond the model's, and defined names of
 * every kind (some written into workbook.xml directly: exceljs cannot write them).
 */
async function officeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '市督查室';
  const ws = wb.addWorksheet('任务台账', {
    properties: { tabColor: { argb: 'FFC00000' }, outlineLevelRow: 1, outlineLevelCol: 1 },
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:3',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: '&C&"宋体,加粗"督办台账', oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3, zoomScale: 85, showGridLines: false }],
  });
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = 'XX市重点任务督办台账';
  ws.getCell('A1').font = { name: '方正小标宋简体', size: 18, bold: true, underline: 'double' };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  ws.getCell('A2').value = {
    richText: [{ text: '填报说明：', font: { bold: true, color: { argb: 'FFFF0000' } } }, { text: '每周五前更新' }],
  };
  ws.getRow(3).values = ['序号', '任务', '责任单位', '完成时限', '整改状态', '链接', '核对', '备注'];
  ws.getRow(3).font = { bold: true };
  const rows: unknown[][] = [
    [1, '背街小巷整治', '市城管局', new Date(Date.UTC(2026, 10, 15)), '整改中'],
    [2, '农贸市场提升', '市市场监管局', '长期坚持', '未开始'],
    [3, '公益广告设置', '市委宣传部', new Date(Date.UTC(2026, 9, 31)), '已销号'],
    [4, '交通秩序整治', '市公安局', '12月10日前', '整改中'],
    [5, '小区楼道清理', 'XX街道', new Date(Date.UTC(2026, 11, 31)), '待验收'],
  ];
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r as ExcelJS.CellValue[];
    ws.getCell(`D${4 + i}`).numFmt = 'yyyy"年"m"月"d"日"';
  });
  ws.getCell('F4').value = { text: '市政府网站', hyperlink: 'https://www.example.gov.cn/task/1' };
  ws.getCell('F5').value = { text: '跳到单位表', hyperlink: "#'责任单位'!A1" };
  ws.getCell('G4').value = { formula: 'IF(E4="已销号",1,0)', result: 0 };
  ws.getCell('G5').value = { sharedFormula: 'G4', result: 0 } as unknown as ExcelJS.CellValue;
  ws.getCell('G6').value = { sharedFormula: 'G4', result: 1 } as unknown as ExcelJS.CellValue;
  ws.getCell('G4').value = { formula: 'IF(E4="已销号",1,0)', result: 0, shareType: 'shared', ref: 'G4:G6' } as unknown as ExcelJS.CellValue;
  ws.getCell('G7').value = { error: '#N/A' };
  ws.getCell('G8').value = { formula: 'VLOOKUP(C8,责任单位!A:B,2,FALSE)', result: { error: '#N/A' } };
  ws.getCell('H4').value = '重点';
  ws.getCell('H4').note = { texts: [{ text: '批示：', font: { bold: true } }, { text: '月底前完成' }] } as ExcelJS.Comment;
  ws.getCell('H5').value = '跨年';
  ws.getCell('H5').font = { strike: true, italic: true, color: { theme: 4 } };
  ws.getCell('H6').value = '旋转';
  ws.getCell('H6').alignment = { textRotation: 45, indent: 1 };
  ws.getCell('H6').protection = { locked: false };
  ws.getCell('H7').value = '渐变';
  ws.getCell('H7').fill = {
    type: 'gradient',
    gradient: 'angle',
    degree: 90,
    stops: [
      { position: 0, color: { argb: 'FFFFFFFF' } },
      { position: 1, color: { argb: 'FF4472C4' } },
    ],
  };
  ws.getCell('H8').border = { diagonal: { up: true, style: 'thin' } };
  ws.getCell('H8').value = '斜线';
  ws.getRow(8).height = 30;
  ws.getRow(6).hidden = true;
  ws.getRow(7).outlineLevel = 1;
  ws.getRow(8).outlineLevel = 1;
  ws.getColumn(2).width = 30;
  ws.getColumn(8).hidden = true;
  ws.getColumn(7).outlineLevel = 1;
  ws.autoFilter = 'A3:H8';
  for (let r = 4; r <= 8; r++) {
    ws.getCell(`E${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"未开始,整改中,待验收,已销号"'],
      showErrorMessage: true,
    };
    ws.getCell(`B${r}`).dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      formulae: [50],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '太长',
      error: '任务不超过50字',
    };
    ws.getCell(`A${r}`).dataValidation = {
      type: 'whole',
      operator: 'between',
      formulae: [1, 999],
      allowBlank: true,
      showInputMessage: true,
      prompt: '序号',
    };
  }
  ws.addConditionalFormatting({
    ref: 'A4:H8',
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: ['$E4="已销号"'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFD9EAD3' } }, font: { strike: true } },
      },
    ],
  });
  ws.addConditionalFormatting({
    ref: 'A4:A8',
    rules: [
      {
        type: 'colorScale',
        priority: 2,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: [{ argb: 'FFF8696B' }, { argb: 'FF63BE7B' }],
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  ws.addConditionalFormatting({
    ref: 'D4:D8',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        priority: 3,
        formulae: ['TODAY()'],
        style: { font: { color: { argb: 'FFC00000' }, underline: true } },
      },
    ],
  });
  await ws.protect('督办', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true });
  ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), {
    tl: { col: 9, row: 1 },
    br: { col: 11, row: 5 },
    editAs: 'oneCell',
  } as unknown as ExcelJS.ImageRange);

  const units = wb.addWorksheet('责任单位', { properties: { tabColor: { argb: 'FF00B050' } } });
  units.addTable({
    name: '单位表',
    ref: 'A1',
    headerRow: true,
    columns: [{ name: '单位名称' }, { name: '联系人' }],
    rows: [
      ['市城管局', '张三'],
      ['市公安局', '李四'],
    ],
  });
  units.getColumn(1).width = 24;
  const settings = wb.addWorksheet('设置', { state: 'hidden' });
  settings.getCell('A1').value = '时区';
  settings.getCell('B1').value = 'Asia/Shanghai';
  const secret = wb.addWorksheet('口径', { state: 'veryHidden' });
  secret.getCell('A1').value = 0.05;
  wb.definedNames.add("'责任单位'!$A$2:$A$3", '单位名单');

  const written = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return rewriteZip(written, {
    'xl/workbook.xml': (xml) =>
      xml.replace(
        '</definedNames>',
        [
          '<definedName name="Rate">0.05</definedName>',
          "<definedName name=\"最近行\">OFFSET('任务台账'!$A$3,COUNTA('任务台账'!$A:$A)-1,0)</definedName>",
          '<definedName name="状态列" localSheetId="0">\'任务台账\'!$E$4:$E$8</definedName>',
          '<definedName name="_xlnm.Print_Area" localSheetId="0">\'任务台账\'!$A$1:$H$8,\'任务台账\'!$J$1:$K$5</definedName>',
          '<definedName name="_DevMeta.duban.version">"1"</definedName>',
          '</definedNames>',
        ].join(''),
      ),
    'xl/worksheets/sheet1.xml': (xml) =>
      xml
        .replace('</sheetData>', '<row r="20" hidden="1"/><row r="21" outlineLevel="1"/></sheetData>')
        // Excel 2010+ writes a drop-down whose list is on another sheet in the extension list.
        .replace(
          '</worksheet>',
          '<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1"><x14:dataValidation type="list" allowBlank="1" showErrorMessage="1"><x14:formula1><xm:f>责任单位!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>C4:C8</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
        ),
  });
}

interface NameElement {
  name: string;
  localSheetId?: string;
  text: string;
}

/** The defined names exactly as workbook.xml has them. */
function definedNames(buf: Buffer): NameElement[] {
  const xml = zipText(buf, 'xl/workbook.xml');
  const out: NameElement[] = [];
  for (const m of xml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = /name="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const local = /localSheetId="([^"]*)"/.exec(m[1])?.[1];
    const text = m[2]
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    out.push(local === undefined ? { name, text } : { name, localSheetId: local, text });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** What exceljs keeps of a sheet but leaves out of its typings. */
interface SheetInternals {
  conditionalFormattings: { ref: string; rules: { type: string }[] }[];
  sheetProtection: Record<string, unknown> | undefined;
}

function internals(ws: ExcelJS.Worksheet | undefined): SheetInternals {
  if (!ws) throw new Error('no sheet');
  return ws as unknown as SheetInternals;
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/**
 * Everything exceljs reads from a sheet, cell by cell (value, formula, style, note, hyperlink)
 * and feature by feature; sheet ids, which exceljs numbers as it pleases, left out.
 */
function sheetFeatures(ws: ExcelJS.Worksheet): unknown {
  const { id: _id, rows, dimensions: _dimensions, media: _media, ...model } = ws.model as unknown as Record<string, unknown>;
  const anchor = (a: unknown): unknown => (a as { model?: unknown } | undefined)?.model;
  return {
    ...model,
    rows: (rows as { cells: unknown[] }[]).filter((r) => r.cells.length > 0),
    rowProperties: rowProperties(ws),
    images: ws.getImages().map((i) => ({ tl: anchor(i.range.tl), br: anchor(i.range.br), imageId: i.imageId })),
  };
}

/** Every row exceljs read, empty ones included (exceljs's own model leaves out empty rows without a height). */
function rowProperties(ws: ExcelJS.Worksheet): unknown[] {
  const rows = (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
  return rows
    .filter((r): r is ExcelJS.Row => r !== undefined && (r.hidden || (r.outlineLevel ?? 0) > 0 || r.cellCount > 0))
    .map((r) => ({ number: r.number, hidden: r.hidden, outlineLevel: r.outlineLevel }));
}

function workbookFeatures(wb: ExcelJS.Workbook): unknown {
  const media = (wb.model as unknown as { media: { buffer?: Buffer; extension?: string }[] }).media.map((m) => ({
    extension: m.extension,
    bytes: m.buffer?.toString('base64'),
  }));
  return {
    sheets: wb.worksheets.map((ws) => [ws.name, ws.state]),
    media,
    views: wb.views,
    creator: wb.creator,
  };
}

function serve(model: WorkbookModel): SpreadsheetAppService {
  return createSpreadsheetRuntime(model, new CallCounter(), { userEmail: 'office@example.gov.cn' }).app as SpreadsheetAppService;
}

describe('an office workbook through import and export', () => {
  it('comes back the same, cell by cell and feature by feature, when the runtime changed nothing', async () => {
    const original = await officeXlsx();
    const model = await importXlsx(original);
    const out = await exportXlsxBuffer(model);
    const [before, after] = await Promise.all([load(original), load(out)]);
    expect(after.worksheets.map((ws) => ws.name)).toEqual(['任务台账', '责任单位', '设置', '口径']);
    // exceljs itself does not read the extension list's validation: it comes back as an ordinary one.
    const crossSheet = { type: 'list', allowBlank: true, showErrorMessage: true, formulae: ['责任单位!$A$2:$A$3'] };
    const dvs = (after.getWorksheet('任务台账') as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    for (const a of ['C4', 'C5', 'C6', 'C7', 'C8']) {
      expect(dvs[a], a).toEqual(crossSheet);
      delete dvs[a];
    }
    for (const ws of before.worksheets) {
      const again = after.getWorksheet(ws.name);
      if (!again) throw new Error(`sheet ${ws.name} lost`);
      expect(sheetFeatures(again), ws.name).toEqual(sheetFeatures(ws));
    }
    expect(workbookFeatures(after)).toEqual(workbookFeatures(before));
    expect(definedNames(out).filter((n) => !n.name.startsWith('_DevMeta.'))).toEqual(
      definedNames(original).filter((n) => !n.name.startsWith('_DevMeta.')),
    );

    // The comparison covers what the fixture holds: these are in both files.
    const ws = after.getWorksheet('任务台账');
    expect(ws?.getCell('G7').value).toEqual({ error: '#N/A' });
    expect(ws?.getCell('F4').value).toEqual({ text: '市政府网站', hyperlink: 'https://www.example.gov.cn/task/1' });
    expect(ws?.getCell('A2').value).toMatchObject({ richText: [{ text: '填报说明：' }, { text: '每周五前更新' }] });
    expect(ws?.getCell('G6').formula).toBe('IF(E6="已销号",1,0)');
    expect([
      ws?.getRow(6).hidden,
      ws?.getRow(20).hidden,
      ws?.getRow(21).outlineLevel,
      ws?.getColumn(8).hidden,
      ws?.getColumn(7).outlineLevel,
    ]).toEqual([true, true, 1, true, 1]);
    expect(ws?.autoFilter).toBe('A3:H8');
    expect(ws?.getCell('B4').dataValidation).toMatchObject({ type: 'textLength', formulae: [50] });
    expect(internals(ws).conditionalFormattings.map((cf) => cf.rules[0].type)).toEqual(['expression', 'colorScale', 'cellIs']);
    expect(internals(ws).sheetProtection).toMatchObject({ sheet: true, hashValue: expect.any(String) });
    expect(ws?.getImages()).toHaveLength(1);
    expect(definedNames(out).map((n) => n.name)).toEqual(
      expect.arrayContaining(['Rate', '最近行', '状态列', '单位名单', '_xlnm.Print_Area', '_xlnm.Print_Titles']),
    );
    expect(after.getWorksheet('口径')?.state).toBe('veryHidden');
  });

  it('shows the runtime what it models of those features: error values as Google gives them, hidden rows and columns', async () => {
    const model = await importXlsx(await officeXlsx());
    const app = serve(model);
    const sheet = app.getActiveSpreadsheet().getSheetByName('任务台账');
    if (!sheet) throw new Error('no ledger');
    // getValues gives a cell in error as its error text, the way scripts test it (value == '#N/A').
    expect(sheet.getRange('G7:G8').getValues()).toEqual([['#N/A'], ['#N/A']]);
    expect(sheet.getRange('F4').getValue()).toBe('市政府网站');
    expect(sheet.getRange('A2').getValue()).toBe('填报说明：每周五前更新');
    expect([6, 7, 20].map((r) => sheet.isRowHiddenByUser(r))).toEqual([true, false, true]);
    expect([7, 8].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true]);
    const units = sheet.getRange('C6').getDataValidation();
    expect(units?.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_RANGE);
    const source = units?.getCriteriaValues()[0] as { getA1Notation(): string; getSheet(): { getName(): string } };
    expect([source.getSheet().getName(), source.getA1Notation()]).toEqual(['责任单位', 'A2:A3']);
  });

  it('keeps everything else when the runtime changes two cells, inserts a column and adds a sheet', async () => {
    const original = await officeXlsx();
    const model = await importXlsx(original);
    const ss = serve(model).getActiveSpreadsheet();
    const ledger = ss.getSheetByName('任务台账');
    if (!ledger) throw new Error('no ledger');
    ledger.getRange('E5').setValue('已销号');
    ledger.getRange('A1').setBackground('#ffff00');
    ledger.insertColumnAfter(5);
    ledger.getRange('F3').setValue('督办状态');
    ss.insertSheet('台账问题').getRange('A1').setValue('问题');

    const out = await exportXlsxBuffer(model);
    const [before, after] = await Promise.all([load(original), load(out)]);
    expect(after.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['任务台账', 'visible'],
      ['责任单位', 'visible'],
      ['设置', 'hidden'],
      ['口径', 'veryHidden'],
      ['台账问题', 'visible'],
    ]);
    for (const name of ['责任单位', '设置', '口径']) {
      expect(sheetFeatures(after.getWorksheet(name) as ExcelJS.Worksheet), name).toEqual(
        sheetFeatures(before.getWorksheet(name) as ExcelJS.Worksheet),
      );
    }
    expect(after.getWorksheet('台账问题')?.getCell('A1').value).toBe('问题');

    const was = before.getWorksheet('任务台账') as ExcelJS.Worksheet;
    const now = after.getWorksheet('任务台账') as ExcelJS.Worksheet;
    const shifted = (col: number): number => (col >= 6 ? col + 1 : col);
    // A note's box is placed beside its cell: it moves with it.
    const noteText = (note: unknown): unknown => (typeof note === 'object' && note !== null ? { ...note, anchor: undefined } : note);
    const cell = (c: ExcelJS.Cell): unknown => ({
      formula: c.formula,
      value: c.formula ? c.result : c.value,
      style: c.style,
      note: noteText(c.note),
    });
    let compared = 0;
    was.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        if (c.address === 'E5' || c.address === 'A1') return;
        expect(cell(now.getCell(row.number, shifted(Number(c.col)))), c.address).toEqual(cell(c));
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(50);
    expect(now.getCell('E5').value).toBe('已销号');
    expect(now.getCell('E5').style).toEqual(was.getCell('E5').style);
    // Only the fill changed: the title keeps its font (with its double underline) and alignment.
    expect(now.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(now.getCell('A1').font).toEqual(was.getCell('A1').font);
    expect(now.getCell('A1').alignment).toEqual(was.getCell('A1').alignment);
    expect(now.getCell('A1').value).toBe(was.getCell('A1').value);
    expect(now.getCell('F3').value).toBe('督办状态');
    expect(now.getCell('G4').value).toEqual({ text: '市政府网站', hyperlink: 'https://www.example.gov.cn/task/1' });
    expect(now.getCell('H7').value).toEqual({ error: '#N/A' });

    expect(now.model.merges).toEqual(['A1:I1']);
    expect([now.getColumn(2).width, now.getColumn(8).outlineLevel, now.getColumn(9).hidden, now.getColumn(6).hidden]).toEqual([
      30,
      1,
      true,
      false,
    ]);
    expect([
      now.getRow(1).height,
      now.getRow(6).hidden,
      now.getRow(7).outlineLevel,
      now.getRow(20).hidden,
      now.getRow(21).outlineLevel,
    ]).toEqual([36, true, 1, true, 1]);
    expect(now.autoFilter).toBe('A3:I8');
    expect(now.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3, zoomScale: 85, showGridLines: false });
    expect(now.getCell('B4').dataValidation).toEqual(was.getCell('B4').dataValidation);
    expect(now.getCell('A8').dataValidation).toEqual(was.getCell('A8').dataValidation);
    expect(now.getCell('E8').dataValidation).toEqual(was.getCell('E8').dataValidation);
    expect(now.getCell('F8').dataValidation).toEqual(was.getCell('E8').dataValidation);
    expect(internals(now).conditionalFormattings.map((cf) => [cf.ref, cf.rules[0].type])).toEqual([
      ['A4:I8', 'expression'],
      ['A4:A8', 'colorScale'],
      ['D4:D8', 'cellIs'],
    ]);
    expect(internals(now).sheetProtection).toEqual(internals(was).sheetProtection);
    expect(now.pageSetup).toEqual(was.pageSetup === undefined ? undefined : { ...was.pageSetup, printArea: 'A1:I8' });
    expect(now.headerFooter).toEqual(was.headerFooter);
    const anchor = (ws: ExcelJS.Worksheet): unknown => (ws.getImages()[0]!.range.tl as unknown as { model: unknown }).model;
    expect(anchor(now)).toEqual({ ...(anchor(was) as object), nativeCol: 10 });
    expect(definedNames(out).filter((n) => !n.name.startsWith('_DevMeta.'))).toEqual(
      definedNames(original)
        .filter((n) => !n.name.startsWith('_DevMeta.'))
        .map((n) => (n.name === '_xlnm.Print_Area' ? { ...n, text: "'任务台账'!$A$1:$I$8,'任务台账'!$K$1:$L$5" } : n)),
    );
  });

  it('changes only the part of a style the script changed, and clears all of it when the script clears the format', async () => {
    const model = await importXlsx(await officeXlsx());
    const ledger = serve(model).getActiveSpreadsheet().getSheetByName('任务台账');
    if (!ledger) throw new Error('no ledger');
    ledger.getRange('H5').setFontWeight('bold');
    ledger.getRange('H6').setHorizontalAlignment('right');
    ledger.getRange('A1').clearFormat();
    const now = (await load(await exportXlsxBuffer(model))).getWorksheet('任务台账') as ExcelJS.Worksheet;
    expect(now.getCell('H5').font).toMatchObject({ bold: true, strike: true, italic: true, color: { theme: 4 } });
    expect(now.getCell('H6').alignment).toEqual({ horizontal: 'right', textRotation: 45, indent: 1 });
    expect(now.getCell('H6').protection).toMatchObject({ locked: false });
    expect(now.getCell('A1').font?.underline).toBeUndefined();
    expect(now.getCell('A1').font?.size).not.toBe(18);
    expect(now.getCell('A1').value).toBe('XX市重点任务督办台账');
  });

  it('follows renamed and deleted sheets and deleted rows in defined names, and writes again after more changes', async () => {
    const model = await importXlsx(await officeXlsx());
    const ss = serve(model).getActiveSpreadsheet();
    ss.getSheetByName('责任单位')?.setName('单位名录');
    const settings = ss.getSheetByName('设置');
    if (settings) ss.deleteSheet(settings);
    ss.getSheetByName('任务台账')?.deleteRow(5);

    const first = await exportXlsxBuffer(model);
    const names = definedNames(first);
    expect(names.find((n) => n.name === '单位名单')?.text).toBe("'单位名录'!$A$2:$A$3");
    expect(names.find((n) => n.name === '状态列')).toEqual({ name: '状态列', localSheetId: '0', text: "'任务台账'!$E$4:$E$7" });
    expect(names.find((n) => n.name === '_xlnm.Print_Area')?.text).toBe("'任务台账'!$A$1:$H$7,'任务台账'!$J$1:$K$4");
    const wb1 = await load(first);
    expect(wb1.worksheets.map((ws) => ws.name)).toEqual(['任务台账', '单位名录', '口径']);
    const ledger1 = wb1.getWorksheet('任务台账') as ExcelJS.Worksheet;
    expect([
      ledger1.getCell('B5').value,
      ledger1.getRow(5).hidden,
      ledger1.getRow(6).outlineLevel,
      ledger1.getRow(7).height,
      ledger1.getRow(19).hidden,
    ]).toEqual(['公益广告设置', true, 1, 30, true]);

    // A second export (the demo chains jobs on one workbook) applies only what changed since the first.
    ss.getSheetByName('任务台账')?.insertRowBefore(4);
    ss.getSheetByName('任务台账')?.getRange('B4').setValue('新增任务');
    const wb2 = await load(await exportXlsxBuffer(model));
    const ledger2 = wb2.getWorksheet('任务台账') as ExcelJS.Worksheet;
    expect([4, 5, 6, 7].map((r) => ledger2.getCell(`B${r}`).value)).toEqual(['新增任务', '背街小巷整治', '公益广告设置', '交通秩序整治']);
    expect([ledger2.getRow(6).hidden, ledger2.getRow(8).height, ledger2.getRow(20).hidden]).toEqual([true, 30, true]);
    expect(definedNames(await exportXlsxBuffer(model)).find((n) => n.name === '状态列')?.text).toBe("'任务台账'!$E$5:$E$8");
  });
});

describe('a file that is not an .xlsx workbook', () => {
  async function refusal(source: string | Buffer, name?: string): Promise<WorkbookFormatError> {
    try {
      await importXlsx(source, name === undefined ? {} : { name });
    } catch (err) {
      if (err instanceof WorkbookFormatError) return err;
      throw err;
    }
    throw new Error('imported');
  }

  it('is refused with one sentence naming the file and saying what it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-xlsx-'));
    const csv = join(dir, 'office.xlsx');
    writeFileSync(csv, '序号,任务\n1,背街小巷\n');
    const err = await refusal(csv);
    expect(err.name).toBe('WorkbookFormatError');
    expect(err.message).toBe(
      `${csv} is not an .xlsx workbook: it is not the zip archive an .xlsx file is (it may be a CSV or text file renamed); open it in Excel, WPS or LibreOffice and save it as an Excel workbook (.xlsx)`,
    );
  });

  it('tells an old .xls, a password-protected file, an .ods, a .docx, a plain zip, an empty file and a damaged workbook apart', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const encrypted = Buffer.concat([ole2, Buffer.from('EncryptionInfo', 'utf16le')]);
    const ods = makeZip([
      ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['content.xml', '<office:document-content/>'],
    ]);
    const docx = makeZip([
      ['[Content_Types].xml', '<Types/>'],
      ['word/document.xml', '<w:document/>'],
    ]);
    const photos = makeZip([['a.jpg', 'jpeg']]);
    const damaged = makeZip([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', 'not xml at all <<<'],
    ]);
    const cases: [Buffer, RegExp][] = [
      [ole2, /^台账\.xls is not an \.xlsx workbook: it is an Excel 97-2003 workbook \(\.xls\)/],
      [encrypted, /: it is protected by a password/],
      [ods, /: it is an OpenDocument spreadsheet \(\.ods\); open it in Excel/],
      [docx, /: it is a Word document \(\.docx\), not a spreadsheet$/],
      [photos, /: it is a zip archive with no Excel workbook in it$/],
      [Buffer.alloc(0), /: the file is empty$/],
      [damaged, /: it is damaged or not a workbook Excel can open \(/],
    ];
    for (const [bytes, message] of cases) {
      const err = await refusal(bytes, '台账.xls');
      expect(err.message).toMatch(message);
    }
  });

  it('names a buffer with no name "The workbook"', async () => {
    expect((await refusal(Buffer.from('hello'))).message).toMatch(/^The workbook is not an \.xlsx workbook: /);
  });
});
