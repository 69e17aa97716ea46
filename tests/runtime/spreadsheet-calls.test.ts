import { describe, expect, it } from 'vitest';
import { fixture } from './spreadsheet-helpers.js';

describe('call counting', () => {
  it('counts one call per method, by Class.method', () => {
    const { app, calls } = fixture();
    const sheet = app.getActiveSpreadsheet().getSheetByName('台账')!;
    const range = sheet.getRange(1, 1, 10, 5);
    range.getValues();
    range.setValue('x');
    range.setBackgrounds(Array.from({ length: 10 }, () => new Array(5).fill('red')));
    app.newDataValidation().requireCheckbox().build();
    expect(calls.byMethod()).toEqual({
      'DataValidationBuilder.build': 1,
      'DataValidationBuilder.requireCheckbox': 1,
      'Range.getValues': 1,
      'Range.setBackgrounds': 1,
      'Range.setValue': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'SpreadsheetApp.newDataValidation': 1,
    });
  });

  it('runs hooks between calls, so a test can edit while a job runs', () => {
    const { app, calls, runtime } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:A3').setValues([['T-1'], ['T-2'], ['T-3']]);
    calls.on('Range.setValues', 2, () => runtime.insertRowsAsUser('台账', 1, 1));
    const read = sheet.getDataRange().getValues();
    // The hook fires before this write does its work: the person's new row is already there.
    sheet.getRange(1, 2, read.length, 1).setValues(read.map((r) => [`${String(r[0])} 已读`]));
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['', 'T-1 已读'],
      ['T-1', 'T-2 已读'],
      ['T-2', 'T-3 已读'],
      ['T-3', ''],
    ]);
  });
});
