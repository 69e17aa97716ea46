import { describe, expect, it } from 'vitest';
import { shiftFormula } from '../../runtime/spreadsheet/copy.js';
import { fixture } from './spreadsheet-helpers.js';

/** A header row with a bold, filled, dated and validated template in row 2. */
function template() {
  const f = fixture(['台账', '问题']);
  const ss = f.app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('台账')!;
  sheet.getRange('A1:C1').setValues([['编号', '时限', '状态']]);
  sheet.getRange('A2:C2').setValues([['T-1', '2026-11-30', '整改中']]);
  sheet
    .getRange('A2:C2')
    .setBackgrounds([['#fff2cc', '#fff2cc', '#d9ead3']])
    .setFontWeights([['bold', 'normal', 'normal']]);
  sheet.getRange('B2').setNumberFormat('yyyy-mm-dd');
  sheet.getRange('C2').setDataValidation(f.app.newDataValidation().requireValueInList(['整改中', '已销号']).build());
  return { ...f, ss, sheet };
}

describe('Range.copyTo', () => {
  it("with formatOnly pastes formats and validation, not values, at the destination's top-left cell", () => {
    const { sheet } = template();
    sheet.getRange('A5:C5').setValues([['T-9', '', '旧值']]);
    sheet.getRange('A2:C2').copyTo(sheet.getRange('A5'), { formatOnly: true });
    const row = sheet.getRange('A5:C5');
    expect(row.getValues()).toEqual([['T-9', '', '旧值']]);
    expect(row.getBackgrounds()).toEqual([['#fff2cc', '#fff2cc', '#d9ead3']]);
    expect(row.getFontWeights()).toEqual([['bold', 'normal', 'normal']]);
    expect(row.getNumberFormats()[0][1]).toBe('yyyy-mm-dd');
    expect(sheet.getRange('C5').getDataValidation()?.getCriteriaValues()).toEqual([['整改中', '已销号'], true]);
    // A cell without a format at the source clears the destination's.
    sheet.getRange('D5').setBackground('#ff0000');
    sheet.getRange('D2').copyTo(sheet.getRange('D5'), { formatOnly: true });
    expect(sheet.getRange('D5').getBackground()).toBe('#ffffff');
  });

  it('repeats the source down a destination that is a whole multiple of it, and pastes once otherwise', () => {
    const { sheet } = template();
    sheet.getRange('A2:C2').copyTo(sheet.getRange('A3:C8'), { formatOnly: true });
    expect(sheet.getRange('A3:A8').getBackgrounds().flat()).toEqual(new Array(6).fill('#fff2cc'));
    expect(sheet.getRange('A9').getBackground()).toBe('#ffffff');
    sheet.getRange('A2:C3').copyTo(sheet.getRange('E10:G14'), { formatOnly: true });
    // Five rows are no multiple of two: the two source rows are pasted once.
    expect(sheet.getRange('E10:E13').getBackgrounds().flat()).toEqual(['#fff2cc', '#fff2cc', '#ffffff', '#ffffff']);
  });

  it('by default pastes values, formulas (references moved), formats, notes and merges', () => {
    const { sheet } = template();
    sheet.getRange('D2').setFormula('=B2+$A$1+SUM(A:A)+LOG10(C2)');
    sheet.getRange('A2').setNote('样板');
    sheet.getRange('E2:F2').merge();
    sheet.getRange('A2:F2').copyTo(sheet.getRange('A4'));
    expect(sheet.getRange('A4:C4').getValues()).toEqual(sheet.getRange('A2:C2').getValues());
    expect(sheet.getRange('D4').getFormula()).toBe('=B4+$A$1+SUM(A:A)+LOG10(C4)');
    expect(sheet.getRange('A4').getNote()).toBe('样板');
    expect(sheet.getRange('A4:C4').getBackgrounds()).toEqual([['#fff2cc', '#fff2cc', '#d9ead3']]);
    expect(
      sheet
        .getRange('A4:F4')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['E4:F4']);
  });

  it("with contentsOnly keeps the destination's formats", () => {
    const { sheet } = template();
    sheet.getRange('A6:C6').setBackground('#cfe2f3');
    sheet.getRange('A2:C2').copyTo(sheet.getRange('A6'), { contentsOnly: true });
    expect(sheet.getRange('A6:C6').getValues()).toEqual(sheet.getRange('A2:C2').getValues());
    expect(sheet.getRange('A6:C6').getBackgrounds()).toEqual([['#cfe2f3', '#cfe2f3', '#cfe2f3']]);
  });

  it('pastes onto another sheet, and refuses a paste that runs off the grid', () => {
    const { ss, sheet } = template();
    const other = ss.getSheetByName('问题')!;
    sheet.getRange('A2:C2').copyTo(other.getRange('B3'), { formatOnly: true });
    expect(other.getRange('B3:D3').getBackgrounds()).toEqual([['#fff2cc', '#fff2cc', '#d9ead3']]);
    expect(() => sheet.getRange('A2:C2').copyTo(sheet.getRange('Y2'))).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });
});

describe('Range.copyFormatToRange', () => {
  it('repeats or truncates the source formats (and validation) over the target, by Sheet or by grid id, and copies no values', () => {
    const { ss, sheet } = template();
    sheet.getRange('A2:B2').copyFormatToRange(sheet, 1, 5, 3, 4);
    expect(sheet.getRange('A3:E4').getBackgrounds()).toEqual([
      ['#fff2cc', '#fff2cc', '#fff2cc', '#fff2cc', '#fff2cc'],
      ['#fff2cc', '#fff2cc', '#fff2cc', '#fff2cc', '#fff2cc'],
    ]);
    expect(sheet.getRange('A3:E3').getFontWeights()).toEqual([['bold', 'normal', 'bold', 'normal', 'bold']]);
    expect(
      sheet
        .getRange('A3:E4')
        .getValues()
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
    const other = ss.getSheetByName('问题')!;
    sheet.getRange('C2').copyFormatToRange(other.getSheetId(), 2, 2, 1, 1);
    expect(other.getRange('B1').getBackground()).toBe('#d9ead3');
    // The format paste carries data validation too (the Sheets API's PASTE_FORMAT: "the format and data validation only").
    expect(other.getRange('B1').getDataValidation()?.getCriteriaValues()).toEqual(
      sheet.getRange('C2').getDataValidation()?.getCriteriaValues(),
    );
  });
});

describe('shiftFormula', () => {
  it('moves relative references only, outside strings and names, and marks one pushed off the sheet', () => {
    expect(shiftFormula('=A1+$B$2+B$3+$C4', 2, 1)).toBe('=B3+$B$2+C$3+$C6');
    expect(shiftFormula('=\'任务 台账\'!A1&"A1"&Sheet1!B2', 1, 0)).toBe('=\'任务 台账\'!A2&"A1"&Sheet1!B3');
    expect(shiftFormula('=SUM(A:B)+SUM(2:3)+ATAN2(1,2)', 1, 1)).toBe('=SUM(B:C)+SUM(3:4)+ATAN2(1,2)');
    expect(shiftFormula('=A1', -1, 0)).toBe('=#REF!');
  });
});
