import { describe, expect, it } from 'vitest';
import { fixture } from './spreadsheet-helpers.js';

describe('inserting and deleting rows', () => {
  it('a person inserting rows shifts values, notes, backgrounds, validations, merges, rules and protections', () => {
    const { app, runtime, model } = fixture();
    const ss = app.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B1').merge();
    sheet.getRange('A3:A5').setValues([['T-1'], ['T-2'], ['T-3']]);
    sheet.getRange('A4').setNote('已督办').setBackground('#ffc7ce');
    const list = app.newDataValidation().requireValueInList(['未销号', '已销号']).build();
    sheet.getRange('B3:B5').setDataValidation(list);
    const rule = app
      .newConditionalFormatRule()
      .whenTextEqualTo('逾期')
      .setBackground('red')
      .setRanges([sheet.getRange('C3:C5')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.getRange('D4:D5').protect().setDescription('script columns');

    runtime.insertRowsAsUser('台账', 4, 2);

    expect(
      sheet
        .getRange('A3:A7')
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['T-1', '', '', 'T-2', 'T-3']);
    expect(sheet.getRange('A6').getNote()).toBe('已督办');
    expect(sheet.getRange('A6').getBackground()).toBe('#ffc7ce');
    expect(sheet.getRange('A4').getNote()).toBe('');
    expect(sheet.getRange('B7').getDataValidation()?.getCriteriaValues()).toEqual([['未销号', '已销号'], true]);
    // New rows inside a validated block take its rule, as Sheets extends the rule's range.
    expect(sheet.getRange('B4').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('A1').isPartOfMerge()).toBe(true);
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('C3:C7');
    expect(sheet.getProtections(app.ProtectionType.RANGE)[0].getRange().getA1Notation()).toBe('D6:D7');
    expect(sheet.getMaxRows()).toBe(1002);
    expect(model.sheets[0].rows.length).toBeLessThanOrEqual(model.sheets[0].maxRows);
  });

  it('inserting above a merged title moves the merge down', () => {
    const { app, runtime } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:H1').merge();
    runtime.insertRowsAsUser('台账', 1, 1);
    expect(
      sheet
        .getRange('A2:H2')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A2:H2']);
    expect(sheet.getRange('A1').isPartOfMerge()).toBe(false);
  });

  it('deleting rows pulls the rest up and drops what was inside', () => {
    const { app, runtime } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:A6').setValues([[1], [2], [3], [4], [5], [6]]);
    sheet.getRange('B2:C2').merge();
    sheet.getRange('A5').setNote('five');
    sheet.getRange('B4:B6').protect();
    runtime.deleteRowsAsUser('台账', 2, 2);
    expect(
      sheet
        .getRange('A1:A4')
        .getValues()
        .map((r) => r[0]),
    ).toEqual([1, 4, 5, 6]);
    expect(sheet.getRange('A3').getNote()).toBe('five');
    expect(sheet.getRange('A1:C6').getMergedRanges()).toEqual([]);
    expect(sheet.getProtections(app.ProtectionType.RANGE)[0].getRange().getA1Notation()).toBe('B2:B4');
    expect(sheet.getMaxRows()).toBe(998);
  });

  it('script inserts and deletes with Apps Script bounds', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:A3').setValues([['h'], ['a'], ['b']]);
    sheet.getRange('A1').setFontWeight('bold');
    sheet.insertRowsAfter(1, 2);
    expect(
      sheet
        .getRange('A1:A5')
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['h', '', '', 'a', 'b']);
    // Inserted rows take the format of the row above.
    expect(sheet.getRange('A2').getFontWeight()).toBe('bold');
    sheet.insertRowBefore(1);
    expect(sheet.getRange('A2').getValue()).toBe('h');
    sheet.deleteRows(1, 3);
    expect(
      sheet
        .getRange('A1:A3')
        .getValues()
        .map((r) => r[0]),
    ).toEqual(['', 'a', 'b']);
    sheet.deleteRow(1);
    expect(sheet.getRange('A1').getValue()).toBe('a');
    expect(() => sheet.deleteRows(sheet.getMaxRows(), 2)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsAfter(0, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });

  it('inserts and deletes columns, moving widths along', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.setColumnWidth(2, 240);
    sheet.insertColumnAfter(1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', '', 'b', 'c']]);
    expect(sheet.getColumnWidth(3)).toBe(240);
    expect(sheet.getColumnWidth(2)).toBe(100);
    expect(sheet.getMaxColumns()).toBe(27);
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['b', 'c']]);
    expect(sheet.getColumnWidth(1)).toBe(240);
    sheet.setColumnWidths(2, 3, 80);
    expect(sheet.getColumnWidth(4)).toBe(80);
  });

  it('freezes rows and columns', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    sheet.setFrozenRows(2);
    sheet.setFrozenColumns(1);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([2, 1]);
    sheet.insertRowsBefore(1, 1);
    expect(sheet.getFrozenRows()).toBe(3);
  });
});

describe('merges', () => {
  it('keeps the top-left value and reports merged areas', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('A1:C1').setValues([['创城督办台账', 'x', 'y']]);
    sheet.getRange('A1:C1').merge();
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['创城督办台账', '', '']]);
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
    expect(
      sheet
        .getRange('B1:D5')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:C1']);
    expect(() => sheet.getRange('B1:D1').merge()).toThrow('You must select all cells in a merged range to merge or unmerge them.');
    sheet.getRange('A1:C1').breakApart();
    expect(sheet.getRange('A1:C1').isPartOfMerge()).toBe(false);
    sheet.getRange('A3:B4').mergeAcross();
    expect(
      sheet
        .getRange('A3:B4')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A3:B3', 'A4:B4']);
  });
});

describe('data validation', () => {
  it('builds, reads back and clears rules', () => {
    const { app } = fixture(['台账', '单位']);
    const ss = app.getActiveSpreadsheet();
    const sheet = ss.getSheetByName('台账')!;
    const units = ss.getSheetByName('单位')!.getRange('A2:A50');
    const rule = app.newDataValidation().requireValueInRange(units, true).setAllowInvalid(false).setHelpText('从单位表选择').build();
    sheet.getRange('C2:C10').setDataValidation(rule);
    const read = sheet.getRange('C5').getDataValidation()!;
    expect(read.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_RANGE);
    const [source, dropdown] = read.getCriteriaValues() as [{ getA1Notation(): string; getSheet(): { getName(): string } }, boolean];
    expect([source.getSheet().getName(), source.getA1Notation(), dropdown]).toEqual(['单位', 'A2:A50', true]);
    expect(read.getAllowInvalid()).toBe(false);
    expect(read.getHelpText()).toBe('从单位表选择');
    expect(
      sheet
        .getRange('C1:C2')
        .getDataValidations()
        .map((r) => r[0] === null),
    ).toEqual([true, false]);
    sheet.getRange('C2:C4').setDataValidation(null);
    expect(sheet.getRange('C3').getDataValidation()).toBeNull();
    sheet.getRange('C5:C10').clearDataValidations();
    expect(sheet.getRange('C5').getDataValidation()).toBeNull();
    expect(app.newDataValidation().requireCheckbox().build().getCriteriaType()).toBe(app.DataValidationCriteria.CHECKBOX);
    expect(app.newDataValidation().requireDate().build().getAllowInvalid()).toBe(true);
  });

  it('a strict rule refuses a script write it does not allow, with the Sheets message', () => {
    const { app, runtime } = fixture();
    const sheet = app.getActiveSheet();
    const strict = app.newDataValidation().requireValueInList(['未销号', '已销号'], true).setAllowInvalid(false).build();
    sheet.getRange('F2:F5').setDataValidation(strict);
    sheet.getRange('F2').setValue('已销号');
    expect(() => sheet.getRange('F3:F4').setValues([['未销号'], ['完成']])).toThrow(
      'The data you entered in cell F4 violates the data validation rules set on this cell.',
    );
    // The refused write changed nothing.
    expect(sheet.getRange('F3').getValue()).toBe('');
    sheet.getRange('F3').setValue('');
    expect(() => runtime.editAsUser('台账', 'F5', [['随便']])).toThrow('violates the data validation rules');
    const lenient = app.newDataValidation().requireValueInList(['是', '否']).build();
    sheet.getRange('G2').setDataValidation(lenient).setValue('也许');
    expect(sheet.getRange('G2').getValue()).toBe('也许');
  });

  it('a strict range rule checks against the source cells', () => {
    const { app } = fixture(['台账', '单位']);
    const ss = app.getActiveSpreadsheet();
    ss.getSheetByName('单位')!
      .getRange('A2:A3')
      .setValues([['城管局'], ['住建局']]);
    const rule = app.newDataValidation().requireValueInRange(ss.getRange("'单位'!A2:A20")).setAllowInvalid(false).build();
    const cell = ss.getSheetByName('台账')!.getRange('C2').setDataValidation(rule);
    cell.setValue('住建局');
    expect(() => cell.setValue('交通局')).toThrow('The data you entered in cell C2 violates the data validation rules set on this cell.');
  });
});

describe('conditional format rules', () => {
  it('round-trip through the sheet and stay distinguishable', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    const range = sheet.getRange('A2:H200');
    const overdue = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$K2="逾期"')
      .setBackground('#FFC7CE')
      .setFontColor('#9C0006')
      .setRanges([range])
      .build();
    const closed = app
      .newConditionalFormatRule()
      .whenTextEqualTo('已销号')
      .setStrikethrough(true)
      .setItalic(true)
      .setRanges([range])
      .build();
    const blank = app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('yellow')
      .setRanges([sheet.getRange('C2:C200')])
      .build();
    sheet.setConditionalFormatRules([overdue, closed, blank]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(3);
    const [a, b, c] = rules.map((r) => r.getBooleanCondition());
    expect(a.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(a.getCriteriaValues()).toEqual(['=$K2="逾期"']);
    expect([a.getBackground(), a.getFontColor()]).toEqual(['#ffc7ce', '#9c0006']);
    expect(b.getCriteriaType()).toBe(app.BooleanCriteria.TEXT_EQUAL_TO);
    expect([b.getStrikethrough(), b.getItalic(), b.getBold()]).toEqual([true, true, null]);
    expect(c.getCriteriaType()).toBe(app.BooleanCriteria.CELL_EMPTY);
    expect(rules[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A2:H200']);
    // The usual script idiom: keep the others, replace ours.
    const kept = sheet
      .getConditionalFormatRules()
      .filter((r) => r.getBooleanCondition().getCriteriaType() !== app.BooleanCriteria.CUSTOM_FORMULA);
    sheet.setConditionalFormatRules(kept);
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
    expect(() => app.newConditionalFormatRule().setBackground('red').build()).toThrow();
  });
});

describe('protections', () => {
  it('protects a sheet once and ranges many times', () => {
    const { app } = fixture();
    const sheet = app.getActiveSheet();
    const p = sheet.protect().setDescription('台账结构').setWarningOnly(true);
    expect(sheet.protect().getDescription()).toBe('台账结构');
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.isWarningOnly()).toBe(true);
    expect(p.getProtectionType()).toBe(app.ProtectionType.SHEET);
    p.setUnprotectedRanges([sheet.getRange('A2:H')]);
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['A2:H1000']);
    const r1 = sheet.getRange('K2:K100').protect().setDescription('逾期天数');
    sheet.getRange('L2:L100').protect();
    const ranges = sheet.getProtections(app.ProtectionType.RANGE);
    expect(ranges.map((r) => r.getRange().getA1Notation())).toEqual(['K2:K100', 'L2:L100']);
    expect(ranges[0].getDescription()).toBe('逾期天数');
    expect(r1.canEdit()).toBe(true);
    r1.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    expect(String(app.ProtectionType.RANGE)).toBe('RANGE');
  });
});

describe('hidden rows and columns', () => {
  it('hides and shows rows and columns, and tells which are hidden by the user', () => {
    const { app, model } = fixture();
    const sheet = app.getActiveSheet();
    sheet.hideRows(3, 2);
    sheet.hideColumns(2);
    expect([2, 3, 4, 5].map((r) => sheet.isRowHiddenByUser(r))).toEqual([false, true, true, false]);
    expect([1, 2, 3].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, false]);
    sheet.showRows(4);
    sheet.unhideColumn(sheet.getRange('B1:C1'));
    sheet.hideRow(sheet.getRange('A10:B11'));
    expect([3, 4, 10, 11].map((r) => sheet.isRowHiddenByUser(r))).toEqual([true, false, true, true]);
    expect(sheet.isColumnHiddenByUser(2)).toBe(false);
    expect(model.sheets[0].hiddenColumns).toBeUndefined();
    expect(() => sheet.hideRows(1001)).toThrow('Those rows are out of bounds.');
  });

  it('moves hidden rows and columns when rows and columns are inserted or deleted', () => {
    const { app, runtime } = fixture();
    const sheet = app.getActiveSheet();
    sheet.hideRows(5);
    sheet.hideColumns(4);
    runtime.insertRowsAsUser('台账', 2, 3);
    sheet.insertColumnBefore(1);
    expect(sheet.isRowHiddenByUser(8)).toBe(true);
    expect(sheet.isRowHiddenByUser(5)).toBe(false);
    expect(sheet.isColumnHiddenByUser(5)).toBe(true);
    sheet.deleteRows(8, 1);
    expect([7, 8].map((r) => sheet.isRowHiddenByUser(r))).toEqual([false, false]);
  });
});
