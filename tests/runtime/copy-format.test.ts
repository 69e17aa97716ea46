/** Range.copyFormatToRange: formats and validation, laid down as whole copies of the source. */
import { describe, expect, it } from 'vitest';
import { fixture } from './spreadsheet-helpers.js';

describe('copyFormatToRange', () => {
  it('copies formats and data validation, never values or notes, repeating the source over a larger destination', () => {
    const { app, model } = fixture(['台账']);
    const sheet = app.getActiveSheet();
    const source = sheet.getRange('B2:B3');
    source.setValues([['整改中'], ['x']]).setNote('备注');
    sheet.getRange('B2').setBackground('#d9e1f2').setFontWeight('bold');
    // Borders come from an .xlsx (Apps Script has no border getter): put one in the model.
    const b2 = model.sheets[0]!.rows[1]![1]!;
    b2.format = { ...b2.format, borders: { top: { style: 'SOLID' } } };
    sheet.getRange('B3').setNumberFormat('yyyy-mm-dd');
    const rule = app.newDataValidation().requireValueInList(['是', '否'], true).build();
    sheet.getRange('B2').setDataValidation(rule);
    sheet.getRange('D2:E5').setValues([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
    sheet.getRange('E3').setBackground('#ff0000');

    source.copyFormatToRange(sheet, 4, 5, 2, 5);

    const dest = sheet.getRange('D2:E5');
    expect(dest.getValues()).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
    expect(dest.getBackgrounds()).toEqual([
      ['#d9e1f2', '#d9e1f2'],
      ['#ffffff', '#ffffff'],
      ['#d9e1f2', '#d9e1f2'],
      ['#ffffff', '#ffffff'],
    ]);
    expect(dest.getFontWeights()[2]).toEqual(['bold', 'bold']);
    expect(dest.getNumberFormats()[3]).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd']);
    expect(sheet.getRange('E4').getDataValidation()?.getCriteriaValues()[0]).toEqual(['是', '否']);
    expect(sheet.getRange('E5').getDataValidation()).toBeNull();
    expect(model.sheets[0]!.rows[1]![4]!.format?.borders?.top?.style).toBe('SOLID');
    expect(
      dest
        .getNotes()
        .flat()
        .every((n) => n === ''),
    ).toBe(true);
  });

  it('reaches another sheet by its grid id', () => {
    const { app } = fixture(['台账', '副本']);
    const [first, second] = app.getActiveSpreadsheet().getSheets();
    first!.getRange('A1').setBackground('#fff2cc');
    first!.getRange('A1').copyFormatToRange(second!.getSheetId(), 2, 3, 1, 1);
    expect(second!.getRange('B1:C1').getBackgrounds()).toEqual([['#fff2cc', '#fff2cc']]);
  });
});
