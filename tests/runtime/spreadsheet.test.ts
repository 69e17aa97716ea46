import { describe, expect, it } from 'vitest';
import { formatA1, parseA1 } from '../../runtime/spreadsheet/index.js';
import { fixture } from './spreadsheet-helpers.js';

describe('A1 notation', () => {
  it('parses cells, blocks, sheet prefixes and open-ended references', () => {
    expect(parseA1('B3')).toEqual({ startRow: 3, startColumn: 2, endRow: 3, endColumn: 2 });
    expect(parseA1('$A$1:$C$9')).toEqual({ startRow: 1, startColumn: 1, endRow: 9, endColumn: 3 });
    expect(parseA1('C9:A1')).toEqual({ startRow: 1, startColumn: 1, endRow: 9, endColumn: 3 });
    expect(parseA1("'责任 单位'!A2:A200")).toEqual({ sheetName: '责任 单位', startRow: 2, startColumn: 1, endRow: 200, endColumn: 1 });
    expect(parseA1('台账!AA10')).toEqual({ sheetName: '台账', startRow: 10, startColumn: 27, endRow: 10, endColumn: 27 });
    expect(parseA1('A:C')).toEqual({ startColumn: 1, endColumn: 3 });
    expect(parseA1('2:5')).toEqual({ startRow: 2, endRow: 5 });
    expect(parseA1('A2:A')).toEqual({ startRow: 2, startColumn: 1, endColumn: 1 });
    for (const bad of ['', 'A', '1', 'A0', 'foo bar', 'A1:B2:C3', 'A:5']) expect(parseA1(bad)).toBeNull();
  });

  it('formats a range back to A1', () => {
    expect(formatA1(1, 1, 1, 1)).toBe('A1');
    expect(formatA1(2, 26, 3, 2)).toBe('Z2:AA4');
  });
});

describe('values', () => {
  it('round-trips values with blanks as empty strings, numbers, booleans and dates', () => {
    const { app } = fixture();
    const sheet = app.getActiveSpreadsheet().getSheetByName('台账')!;
    const due = new Date('2024-03-01T00:00:00+08:00');
    sheet.getRange(2, 1, 2, 4).setValues([
      ['T-1', 3, true, due],
      ['', null, undefined, 'x'],
    ]);
    const values = sheet.getRange('A2:E3').getValues();
    expect(values).toEqual([
      ['T-1', 3, true, due, ''],
      ['', '', '', 'x', ''],
    ]);
    expect(values[0][3]).toBeInstanceOf(Date);
    expect(sheet.getRange('A1').getValue()).toBe('');
  });

  it('returns fresh arrays and dates that the script may mutate', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1:B1');
    range.setValues([['a', new Date(0)]]);
    const first = range.getValues();
    first[0][0] = 'changed';
    (first[0][1] as Date).setFullYear(2030);
    expect(range.getValues()).toEqual([['a', new Date(0)]]);
  });

  it('rejects data of the wrong shape with the messages Apps Script uses', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange(1, 1, 3, 4);
    expect(() => range.setValues([[1, 2, 3, 4]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() =>
      range.setValues([
        [1, 2, 3, 4],
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4],
      ]),
    ).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.');
    expect(() => range.setBackgrounds([['red']])).toThrow('The data has 1 but the range has 3.');
  });

  it('stores strings the way Sheets parses typed text', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    const cell = (a1: string) => sheet.getRange(a1);
    cell('A1').setValue('123');
    cell('A2').setValue("'123");
    cell('A3').setValue('=COUNTA(A:A)');
    cell('A4').setValue('TRUE');
    cell('A5').setValue('1,234.5');
    cell('A6').setValue('15%');
    cell('A7').setValue('2024-03-01');
    cell('A8').setNumberFormat('@').setValue('007');
    cell('A9').setValue('长期坚持');
    expect(
      cell('A1:A9')
        .getValues()
        .map((r) => r[0]),
    ).toEqual([123, '123', '', true, 1234.5, 0.15, new Date('2024-03-01T00:00:00+08:00'), '007', '长期坚持']);
    expect(cell('A3').getFormula()).toBe('=COUNTA(A:A)');
    expect(cell('A6').getDisplayValue()).toBe('15%');
    expect(cell('A7').getDisplayValue()).toBe('2024-03-01');
  });

  it('keeps formulas without evaluating them', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('B1:C1');
    range.setFormulas([['=A1*2', '=TODAY()']]);
    expect(range.getFormulas()).toEqual([['=A1*2', '=TODAY()']]);
    expect(range.getValues()).toEqual([['', '']]);
    range.setValues([[1, 2]]);
    expect(range.getFormulas()).toEqual([['', '']]);
  });
});

describe('range geometry and errors', () => {
  it('reports its position and A1 notation', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange(3, 2, 4, 5);
    expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()]).toEqual([3, 2, 4, 5]);
    expect([range.getLastRow(), range.getLastColumn()]).toEqual([6, 6]);
    expect(range.getA1Notation()).toBe('B3:F6');
    expect(range.getCell(2, 3).getA1Notation()).toBe('D4');
    expect(range.offset(1, -1).getA1Notation()).toBe('A4:E7');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B3');
    expect(() => range.getCell(5, 1)).toThrow('Cell reference out of range');
    expect(range.getSheet().getName()).toBe('台账');
  });

  it('throws the Apps Script messages for bad coordinates', () => {
    const { app } = fixture();
    const ss = app.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('A1001')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => ss.getRange('没有这个表!A1')).toThrow('Range not found');
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
  });

  it('resolves open-ended and sheet-qualified A1 notation', () => {
    const { app } = fixture(['台账', '设置']);
    const ss = app.getActiveSpreadsheet();
    expect(ss.getRange("'设置'!B2").getSheet().getName()).toBe('设置');
    expect(ss.getRange('A2:C').getNumRows()).toBe(999);
    expect(ss.getRange('A:A').getA1Notation()).toBe('A1:A1000');
    expect(ss.getRange('3:3').getNumColumns()).toBe(26);
  });

  it('tells blank ranges apart', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('B2').setBackground('red');
    expect(sheet.getRange('A1:C3').isBlank()).toBe(true);
    sheet.getRange('C3').setValue(0);
    expect(sheet.getRange('A1:C3').isBlank()).toBe(false);
  });
});

describe('sheet size', () => {
  it('follows the last row and column with content', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C7').setValue('x');
    sheet.getRange('A2').setBackground('#ff0000').setNote('formatting is not content');
    sheet.getRange('F9').setNote('neither is a note');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
    sheet.getRange('C7').clearContent();
    expect(sheet.getLastRow()).toBe(0);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('appendRow writes after the data and grows a full grid', () => {
    const { model, app } = fixture();
    model.sheets[0].maxRows = 2;
    const sheet = app.getActiveSheet();
    sheet.appendRow(['编号', '任务']);
    sheet.appendRow(['T-1', '清理楼道']);
    sheet.appendRow(['T-2', '修复路灯', '额外']);
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['编号', '任务', ''],
      ['T-1', '清理楼道', ''],
      ['T-2', '修复路灯', '额外'],
    ]);
  });
});

describe('spreadsheet', () => {
  it('manages sheets by name, index and activation', () => {
    const { app } = fixture(['台账', '设置']);
    const ss = app.getActiveSpreadsheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['台账', '设置']);
    expect(ss.getSheetByName('不存在')).toBeNull();
    const log = ss.insertSheet('通知记录', 1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['台账', '通知记录', '设置']);
    expect(log.getIndex()).toBe(2);
    expect(ss.getActiveSheet().getName()).toBe('通知记录');
    expect(() => ss.insertSheet('设置')).toThrow('A sheet with the name "设置" already exists. Please enter another name.');
    expect(() => log.setName('台账')).toThrow('A sheet with the name "台账" already exists. Please enter another name.');
    expect(ss.insertSheet().getName()).toBe('工作表4');
    ss.deleteSheet(log);
    expect(ss.getSheetByName('通知记录')).toBeNull();
    expect(ss.getNumSheets()).toBe(3);
  });

  it('refuses to delete the last sheet', () => {
    const { app } = fixture();
    const ss = app.getActiveSpreadsheet();
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
  });

  it('describes itself', () => {
    const { app } = fixture();
    const ss = app.getActive();
    expect(ss.getName()).toBe('督办台账');
    expect(ss.getId()).toBe('local-督办台账');
    expect(ss.getUrl()).toContain('/spreadsheets/d/');
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Shanghai');
    expect(ss.getSpreadsheetLocale()).toBe('zh_CN');
    expect(ss.getOwner().getEmail()).toBe('staff@example.com');
  });
});

describe('formats and notes', () => {
  it('normalises colours and reports defaults', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1:B2');
    expect(range.getBackgrounds()).toEqual([
      ['#ffffff', '#ffffff'],
      ['#ffffff', '#ffffff'],
    ]);
    range.setBackgrounds([
      ['red', '#F00'],
      ['#FFC7CE', null],
    ]);
    expect(range.getBackgrounds()).toEqual([
      ['#ff0000', '#ff0000'],
      ['#ffc7ce', '#ffffff'],
    ]);
    range.setBackground(null);
    expect(range.getBackground()).toBe('#ffffff');
    range.setFontColor('white').setFontWeight('bold').setFontStyle('italic').setFontSize(12).setWrap(true);
    expect(range.getFontColors()[1][1]).toBe('#ffffff');
    expect(range.getFontWeights()).toEqual([
      ['bold', 'bold'],
      ['bold', 'bold'],
    ]);
    expect(range.getFontStyle()).toBe('italic');
    expect(range.getNumberFormat()).toBe('0.###############');
    range.setNumberFormats([
      ['yyyy-mm-dd', '@'],
      ['0.00', '#,##0'],
    ]);
    expect(range.getNumberFormats()).toEqual([
      ['yyyy-mm-dd', '@'],
      ['0.00', '#,##0'],
    ]);
    range.clearFormat();
    expect(range.getFontWeight()).toBe('normal');
  });

  it('keeps notes per cell', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1:A2');
    range.setNotes([['第一次督办'], ['']]);
    expect(range.getNotes()).toEqual([['第一次督办'], ['']]);
    range.setNote('全部');
    expect(range.getNote()).toBe('全部');
    range.clearNote();
    expect(range.getNotes()).toEqual([[''], ['']]);
  });

  it('clear() removes contents and formats but keeps notes', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1');
    range.setValue('x').setBackground('yellow').setNote('n');
    range.clear();
    expect([range.getValue(), range.getBackground(), range.getNote()]).toEqual(['', '#ffffff', 'n']);
    range.setValue('y').setBackground('yellow');
    range.clear({ contentsOnly: true });
    expect([range.getValue(), range.getBackground()]).toEqual(['', '#ffff00']);
  });
});

describe('values from the script realm', () => {
  it('accepts dates and arrays made inside a vm context, as the sandbox passes them', async () => {
    const vm = await import('node:vm');
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1:B1');
    const fromScript = vm.runInNewContext('[[new Date(Date.UTC(2024, 2, 1)), "x"]]') as unknown[][];
    range.setValues(fromScript);
    const [[date, text]] = range.getValues();
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(text).toBe('x');
  });
});
