import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell, SheetModel, WorkbookModel } from '../../runtime/model.js';
import { newSheetModel, newWorkbookModel } from '../../runtime/model.js';
import { exportXlsx, exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';

/** A ledger-like workbook built the way a person (or Excel) would, with every feature the bridge carries. */
async function ledgerXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务台账', { properties: { tabColor: { argb: 'FFFF0000' } } });
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = 'XX市创建全国文明城市问题整改台账';
  ws.getCell('A1').font = { name: '宋体', size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(3).values = ['序号', '问题描述', '责任单位', '整改\n时限', '整改状态', '备注'];
  ws.getRow(3).eachCell((c) => {
    c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
    c.alignment = { wrapText: true, horizontal: 'center' };
  });
  ws.getCell('A4').value = 1;
  ws.getCell('A4').border = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'medium', color: { argb: 'FFFF0000' } },
    right: { style: 'dashed' },
  };
  ws.getCell('B4').value = '背街小巷脏乱差';
  ws.getCell('C4').value = '市城管局';
  ws.getCell('D4').value = new Date(Date.UTC(2026, 10, 15));
  ws.getCell('D4').numFmt = 'yyyy-mm-dd';
  ws.getCell('E4').value = '整改中';
  ws.getCell('F4').value = '重点';
  ws.getCell('F4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('F4').note = '领导批示：月底前完成';
  ws.getCell('A5').value = 2;
  ws.getCell('B5').value = '=SUM(A1)';
  ws.getCell('C5').value = '市交警支队';
  ws.getCell('D5').value = '长期坚持';
  ws.getCell('E5').value = true;
  ws.getCell('F5').value = { formula: 'A4+A5', result: 3 };
  ws.getCell('G5').value = { formula: 'VLOOKUP(C5,责任单位!A:B,2,FALSE)', result: { error: '#N/A' } };
  ws.getCell('A6').value = 0.125;
  ws.getCell('A6').numFmt = '0.00%';
  ws.getCell('B6').value = { formula: 'D4+1', result: new Date(Date.UTC(2026, 10, 16)) };
  ws.getCell('B6').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('C6').value = new Date(Date.UTC(2026, 10, 20, 14, 30));
  ws.getCell('C6').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getCell('D6').font = { italic: true, size: 9, color: { argb: 'FF0000FF' } };
  ws.getCell('D6').value = '备注说明';
  ws.getCell('E6').value = '主题色';
  // exceljs types omit tint and indexed, which real files carry: pass them as plain objects.
  const themed = { theme: 0, tint: -0.0499893185216834 };
  const palette = { indexed: 13 } as unknown as Partial<ExcelJS.Color>;
  ws.getCell('E6').fill = { type: 'pattern', pattern: 'solid', fgColor: themed };
  ws.getCell('F6').value = '旧调色板';
  ws.getCell('F6').fill = { type: 'pattern', pattern: 'solid', fgColor: palette };
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];
  ws.getColumn(2).width = 40;
  ws.getColumn(6).width = 20;
  for (let r = 4; r <= 20; r++) {
    ws.getCell(`E${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"未开始,整改中,已完成,已销号"'],
      showErrorMessage: true,
      errorStyle: 'warning',
    };
    ws.getCell(`C${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ["'责任单位'!$A$2:$A$20"],
      showErrorMessage: true,
    };
  }
  ws.addConditionalFormatting({
    ref: 'A4:F100',
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: ['$E4="逾期"'],
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF4CCCC' } },
          font: { color: { argb: 'FF990000' }, bold: true },
        },
      },
      {
        type: 'expression',
        priority: 2,
        formulae: ['$E4="已销号"'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFD9EAD3' } }, font: { strike: true } },
      },
    ],
  });
  const units = wb.addWorksheet('责任单位');
  units.addRow(['单位名称', '联系人邮箱']);
  units.addRow(['市城管局', 'cgj@city.example.org']);
  const hidden = wb.addWorksheet('设置', { state: 'hidden' });
  hidden.getCell('A1').value = '时区';
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function cellAt(sheet: SheetModel, a1: string): Cell | undefined {
  const m = /^([A-Z])(\d+)$/.exec(a1);
  if (!m) throw new Error(a1);
  return sheet.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
}

function sheetNamed(wb: WorkbookModel, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** What a round trip must keep: everything but the sheet ids that exceljs renumbers. */
function comparable(wb: WorkbookModel): unknown {
  return wb.sheets.map((s) => ({ ...s, sheetId: undefined }));
}

describe('importXlsx', () => {
  it('reads values with their types, formulas with cached results, and dates as midnight in the time zone', async () => {
    const wb = await importXlsx(await ledgerXlsx());
    expect(wb.timeZone).toBe('Asia/Shanghai');
    expect(wb.sheets.map((s) => s.name)).toEqual(['任务台账', '责任单位', '设置']);
    const s = sheetNamed(wb, '任务台账');
    expect(cellAt(s, 'A1')?.value).toBe('XX市创建全国文明城市问题整改台账');
    expect(cellAt(s, 'D3')?.value).toBe('整改\n时限');
    expect(cellAt(s, 'A4')?.value).toBe(1);
    expect(cellAt(s, 'D4')?.value).toEqual(new Date('2026-11-14T16:00:00Z'));
    expect(cellAt(s, 'D4')?.format?.numberFormat).toBe('yyyy-mm-dd');
    expect(cellAt(s, 'B5')).toEqual({ value: '=SUM(A1)' });
    expect(cellAt(s, 'E5')?.value).toBe(true);
    expect(cellAt(s, 'F5')).toMatchObject({ value: 3, formula: '=A4+A5' });
    expect(cellAt(s, 'G5')).toEqual({ value: '#N/A', formula: '=VLOOKUP(C5,责任单位!A:B,2,FALSE)' });
    expect(cellAt(s, 'B6')).toMatchObject({ value: new Date('2026-11-15T16:00:00Z'), formula: '=D4+1' });
    expect(cellAt(s, 'C6')?.value).toEqual(new Date('2026-11-20T06:30:00Z'));
    expect(cellAt(s, 'A6')).toEqual({ value: 0.125, format: { numberFormat: '0.00%' } });
  });

  it('reads formats, merges, notes, frozen panes, widths, validations, conditional formats, hidden sheets and tab colours', async () => {
    const wb = await importXlsx(await ledgerXlsx());
    const s = sheetNamed(wb, '任务台账');
    expect(s.merges).toEqual([{ startRow: 0, startColumn: 0, endRow: 1, endColumn: 6 }]);
    expect(cellAt(s, 'A1')?.format).toEqual({
      fontWeight: 'bold',
      fontSize: 16,
      fontFamily: '宋体',
      horizontalAlignment: 'center',
      verticalAlignment: 'middle',
    });
    expect(cellAt(s, 'B3')?.format).toEqual({
      background: '#1f4e78',
      fontColor: '#ffffff',
      fontWeight: 'bold',
      horizontalAlignment: 'center',
      wrap: true,
    });
    expect(cellAt(s, 'F4')?.format?.background).toBe('#ffff00');
    expect(cellAt(s, 'F4')?.note).toBe('领导批示：月底前完成');
    expect(cellAt(s, 'E6')?.format?.background).toBe('#f2f2f2');
    expect(cellAt(s, 'F6')?.format?.background).toBe('#ffff00');
    expect(cellAt(s, 'D6')?.format).toEqual({ fontStyle: 'italic', fontSize: 9, fontColor: '#0000ff' });
    expect(cellAt(s, 'A4')?.format?.borders).toEqual({
      top: { style: 'SOLID' },
      left: { style: 'SOLID' },
      bottom: { style: 'SOLID_MEDIUM', color: '#ff0000' },
      right: { style: 'DASHED' },
    });
    expect([s.frozenRows, s.frozenColumns]).toEqual([3, 1]);
    expect(s.columnWidths[1]).toBe(285);
    expect(s.rowHeights).toEqual({ 0: 40 });
    expect(cellAt(s, 'E10')?.validation).toEqual({
      kind: 'list',
      values: ['未开始', '整改中', '已完成', '已销号'],
      showDropdown: true,
      allowInvalid: true,
    });
    expect(cellAt(s, 'C4')?.validation).toEqual({
      kind: 'listFromRange',
      source: "'责任单位'!A2:A20",
      showDropdown: true,
      allowInvalid: false,
    });
    expect(cellAt(s, 'E21')?.validation).toBeUndefined();
    expect(s.conditionalFormats).toEqual([
      {
        ranges: [{ startRow: 3, startColumn: 0, endRow: 100, endColumn: 6 }],
        condition: { type: 'formula', formula: '=$E4="逾期"' },
        format: { background: '#f4cccc', fontColor: '#990000', bold: true },
      },
      {
        ranges: [{ startRow: 3, startColumn: 0, endRow: 100, endColumn: 6 }],
        condition: { type: 'formula', formula: '=$E4="已销号"' },
        format: { background: '#d9ead3', strikethrough: true },
      },
    ]);
    expect(s.tabColor).toBe('#ff0000');
    expect(sheetNamed(wb, '设置').hidden).toBe(true);
    expect(sheetNamed(wb, '责任单位').hidden).toBeUndefined();
  });

  it('reads date serials in the time zone it is given', async () => {
    const wb = await importXlsx(await ledgerXlsx(), { timeZone: 'America/New_York' });
    expect(wb.timeZone).toBe('America/New_York');
    const s = sheetNamed(wb, '任务台账');
    expect(cellAt(s, 'D4')?.value).toEqual(new Date('2026-11-15T05:00:00Z'));
    expect(cellAt(s, 'C6')?.value).toEqual(new Date('2026-11-20T19:30:00Z'));
  });
});

describe('exportXlsx round trip', () => {
  it('gives back every value, type and format of a workbook imported and exported unchanged', async () => {
    const first = await importXlsx(await ledgerXlsx());
    const out = await exportXlsxBuffer(first);
    const again = await importXlsx(out);
    expect(comparable(again)).toEqual(comparable(first));
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(out as unknown as ArrayBuffer);
    expect(raw.getWorksheet('任务台账')?.getCell('G5').value).toEqual({
      formula: 'VLOOKUP(C5,责任单位!A:B,2,FALSE)',
      result: { error: '#N/A' },
    });
  });

  it('keeps dates as date serials with their format, in Asia/Shanghai and America/New_York', async () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York']) {
      const first = await importXlsx(await ledgerXlsx(), { timeZone: zone });
      const out = await exportXlsxBuffer(first);
      const raw = new ExcelJS.Workbook();
      await raw.xlsx.load(out as unknown as ArrayBuffer);
      const d4 = raw.getWorksheet('任务台账')?.getCell('D4');
      expect(d4?.value).toEqual(new Date(Date.UTC(2026, 10, 15)));
      expect(d4?.numFmt).toBe('yyyy-mm-dd');
      const again = await importXlsx(out, { timeZone: zone });
      expect(comparable(again)).toEqual(comparable(first));
    }
  });

  it('writes text that starts with = as text, never as a formula', async () => {
    const wb = newWorkbookModel('t');
    const s = newSheetModel('S', 0);
    s.rows[0] = [{ value: '=SUM(A1)' }, { value: '0012' }, { value: 'TRUE' }, { value: 42 }, { value: false }];
    wb.sheets.push(s);
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load((await exportXlsxBuffer(wb)) as unknown as ArrayBuffer);
    const cell = raw.getWorksheet('S')?.getCell('A1');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=SUM(A1)');
    const back = await importXlsx(await exportXlsxBuffer(wb));
    expect(back.sheets[0].rows[0]).toEqual([{ value: '=SUM(A1)' }, { value: '0012' }, { value: 'TRUE' }, { value: 42 }, { value: false }]);
  });

  it('round-trips a model built in code: text rules, validations of every kind, notes on blanks, hidden sheets', async () => {
    const wb = newWorkbookModel('built', 'America/New_York');
    const s = newSheetModel('台账', 0);
    s.rows[0] = [
      { value: '状态', format: { fontWeight: 'bold', background: '#cfe2f3' } },
      { value: '日期' },
      { value: '', note: '空白单元格上的批注' },
    ];
    s.rows[1] = [
      {
        value: '逾期',
        validation: { kind: 'list', values: ['逾期', '正常'], showDropdown: true, allowInvalid: false, helpText: '请选择' },
      },
      {
        value: new Date('2026-03-08T05:00:00Z'),
        format: { numberFormat: 'yyyy-mm-dd' },
        validation: { kind: 'date', allowInvalid: false },
      },
      { value: true, validation: { kind: 'checkbox', allowInvalid: false } },
      { value: 3, validation: { kind: 'number', allowInvalid: true } },
      { value: 'x', validation: { kind: 'custom', source: '=LEN(D2)<5', allowInvalid: false } },
    ];
    s.frozenRows = 1;
    s.columnWidths = { 0: 120, 3: 60, 4: 80 };
    s.hiddenRows = new Set([1, 7]);
    s.hiddenColumns = new Set([4]);
    s.conditionalFormats = [
      {
        ranges: [{ startRow: 1, startColumn: 0, endRow: 50, endColumn: 1 }],
        condition: { type: 'textEqual', value: '逾期' },
        format: { background: '#ff0000' },
      },
      {
        ranges: [{ startRow: 1, startColumn: 0, endRow: 50, endColumn: 1 }],
        condition: { type: 'textContains', value: '期"' },
        format: { fontColor: '#00ff00' },
      },
      {
        ranges: [
          { startRow: 1, startColumn: 1, endRow: 50, endColumn: 2 },
          { startRow: 1, startColumn: 3, endRow: 50, endColumn: 4 },
        ],
        condition: { type: 'cellEmpty' },
        format: { italic: true },
      },
      {
        ranges: [{ startRow: 1, startColumn: 2, endRow: 50, endColumn: 3 }],
        condition: { type: 'cellNotEmpty' },
        format: { strikethrough: true, fontColor: '#666666' },
      },
    ];
    wb.sheets.push(s);
    const h = newSheetModel('日志', 7);
    h.hidden = true;
    h.tabColor = '#00ff00';
    h.rows[0] = [{ value: 1 }];
    wb.sheets.push(h);

    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    const file = join(dir, 'built.xlsx');
    await exportXlsx(wb, file);
    const back = await importXlsx(file, { timeZone: 'America/New_York' });
    expect(back.name).toBe('built');
    expect(comparable(back)).toEqual(comparable(wb));
  });

  it('keeps a list too long for an Excel literal (255 characters) or with commas in an item, through a very hidden sheet', async () => {
    const units = Array.from({ length: 40 }, (_, i) => `XX区第${i + 1}街道办事处`);
    const wb = newWorkbookModel('lists');
    const s = newSheetModel('台账', 0);
    s.rows[0] = [
      { value: 'XX区第1街道办事处', validation: { kind: 'list', values: units, showDropdown: true, allowInvalid: false } },
      { value: '', validation: { kind: 'list', values: ['是', '否，需延期'], showDropdown: true, allowInvalid: true } },
    ];
    wb.sheets.push(s);
    const out = await exportXlsxBuffer(wb);
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(out as unknown as ArrayBuffer);
    expect(raw.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['台账', 'visible'],
      ['_duban_lists', 'veryHidden'],
    ]);
    const back = await importXlsx(out);
    expect(back.sheets.map((x) => x.name)).toEqual(['台账']);
    expect(comparable(back)).toEqual(comparable(wb));
  });
});

describe('long lists in a workbook read back from a file', () => {
  it('adds a new long list beside the lists already on the list sheet, which keep serving their cells', async () => {
    const units = Array.from({ length: 40 }, (_, i) => `XX区第${i + 1}街道办事处`);
    const wb = newWorkbookModel('lists');
    const s = newSheetModel('台账', 0);
    s.rows[0] = [{ value: '', validation: { kind: 'list', values: units, showDropdown: true, allowInvalid: false } }];
    wb.sheets.push(s);
    const read = await importXlsx(await exportXlsxBuffer(wb));
    const more = Array.from({ length: 30 }, (_, i) => `市直第${i + 1}部门联络员`);
    read.sheets[0].rows[1] = [{ value: '', validation: { kind: 'list', values: more, showDropdown: true, allowInvalid: true } }];
    const out = await exportXlsxBuffer(read);
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(out as unknown as ArrayBuffer);
    expect(raw.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['台账', 'visible'],
      ['_duban_lists', 'veryHidden'],
    ]);
    const back = await importXlsx(out);
    expect(back.sheets[0].rows[0][0]?.validation?.values).toEqual(units);
    expect(back.sheets[0].rows[1][0]?.validation?.values).toEqual(more);
  });
});
