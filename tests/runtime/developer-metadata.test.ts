import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index.js';
import { ARBITRARY_RANGE } from '../../runtime/spreadsheet/developer-metadata.js';
import { fixture } from './spreadsheet-helpers.js';

/** The sheet '台账' with column H marked as the state column and the sheet itself marked. */
function marked() {
  const f = fixture(['台账', '设置']);
  const ss = f.app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('台账')!;
  sheet.getRange('H1').setValue('督办状态');
  sheet.getRange('H:H').addDeveloperMetadata('duban.column', 'state');
  sheet.addDeveloperMetadata('duban.sheet', 'ledger');
  return { ...f, ss, sheet };
}

/** Where the state column is now, found as the app will: one finder per sheet. */
function stateColumn(sheet: ReturnType<typeof marked>['sheet']): number[] {
  return sheet
    .createDeveloperMetadataFinder()
    .withKey('duban.column')
    .find()
    .map((md) => md.getLocation().getColumn()!.getColumn());
}

describe('developer metadata on a column follows the column', () => {
  it('is found again by key, with its value, on the column it was put on', () => {
    const { sheet } = marked();
    const [md] = sheet.createDeveloperMetadataFinder().withKey('duban.column').find();
    expect(md.getKey()).toBe('duban.column');
    expect(md.getValue()).toBe('state');
    expect(String(md.getVisibility())).toBe('DOCUMENT');
    expect(String(md.getLocation().getLocationType())).toBe('COLUMN');
    const column = md.getLocation().getColumn()!;
    expect([column.getColumn(), column.getNumColumns(), column.getRow(), column.getNumRows()]).toEqual([8, 1, 1, 1000]);
  });

  it('moves right when columns are inserted before it, by every insert method', () => {
    const { sheet } = marked();
    sheet.insertColumnsBefore(2, 3);
    expect(stateColumn(sheet)).toEqual([11]);
    sheet.insertColumns(1);
    expect(stateColumn(sheet)).toEqual([12]);
    sheet.insertColumnBefore(12);
    expect(stateColumn(sheet)).toEqual([13]);
    sheet.insertColumnAfter(3);
    expect(stateColumn(sheet)).toEqual([14]);
    sheet.insertColumnsAfter(13, 2);
    expect(stateColumn(sheet)).toEqual([16]);
    // Inserted after it: it stays.
    sheet.insertColumnAfter(16);
    sheet.insertColumnsAfter(16, 4);
    expect(stateColumn(sheet)).toEqual([16]);
    expect(sheet.getRange(1, 16).getValue()).toBe('督办状态');
  });

  it('moves left when columns before it are deleted, and is deleted with its own column', () => {
    const { sheet, ss } = marked();
    sheet.deleteColumns(2, 3);
    expect(stateColumn(sheet)).toEqual([5]);
    sheet.deleteColumn(1);
    expect(stateColumn(sheet)).toEqual([4]);
    sheet.deleteColumns(3, 3);
    expect(stateColumn(sheet)).toEqual([]);
    expect(ss.createDeveloperMetadataFinder().withKey('duban.column').find()).toEqual([]);
    // The sheet's own metadata is untouched by column edits.
    expect(sheet.getDeveloperMetadata().map((md) => md.getValue())).toEqual(['ledger']);
  });

  it('goes with its sheet when the sheet is deleted', () => {
    const { ss, sheet, model } = marked();
    ss.deleteSheet(sheet);
    expect(ss.createDeveloperMetadataFinder().find()).toEqual([]);
    expect(model.sheets.map((s) => s.developerMetadata ?? [])).toEqual([[]]);
  });

  it('on a row follows the row, whether the script or a person inserts and deletes rows', () => {
    const { sheet, runtime } = marked();
    sheet.getRange('5:5').addDeveloperMetadata('duban.row', 'header');
    const row = () =>
      sheet
        .createDeveloperMetadataFinder()
        .withKey('duban.row')
        .find()
        .map((md) => md.getLocation().getRow()!.getRow());
    sheet.insertRowsBefore(2, 2);
    expect(row()).toEqual([7]);
    runtime.insertRowsAsUser('台账', 1, 1);
    expect(row()).toEqual([8]);
    sheet.insertRowAfter(8);
    expect(row()).toEqual([8]);
    runtime.deleteRowsAsUser('台账', 1, 3);
    expect(row()).toEqual([5]);
    sheet.deleteRow(5);
    expect(row()).toEqual([]);
    // Row edits leave the column where it was.
    expect(stateColumn(sheet)).toEqual([8]);
  });
});

describe('where metadata may go', () => {
  it("takes one whole row or column named as such, and refuses any other range with Google's message", () => {
    const { sheet } = marked();
    for (const a1 of ['B2:D4', 'B6:D6', 'F2:F5', 'A1', 'A:C', '2:3']) {
      expect(() => sheet.getRange(a1).addDeveloperMetadata('k', 'v'), a1).toThrow(ARBITRARY_RANGE);
    }
    // Built from numbers, a range is bounded even when it spans the grid: Sheets refuses it too.
    expect(() => sheet.getRange(1, 3, sheet.getMaxRows(), 1).addDeveloperMetadata('k')).toThrow(ARBITRARY_RANGE);
    expect(() => sheet.getRange(4, 1, 1, sheet.getMaxColumns()).addDeveloperMetadata('k')).toThrow(ARBITRARY_RANGE);
    const column = sheet.getRange('G:G');
    expect(column.addDeveloperMetadata('k', 'g')).toBe(column);
    expect(sheet.getRange("'台账'!8:8").addDeveloperMetadata('k', 'eight').getA1Notation()).toBe('A8:Z8');
    expect(
      sheet
        .createDeveloperMetadataFinder()
        .withKey('k')
        .find()
        .map((md) => md.getValue()),
    ).toEqual(['g', 'eight']);
  });

  it('reads each overload as documented: value, visibility, or both; DOCUMENT by default', () => {
    const { app, ss, sheet } = marked();
    const { PROJECT } = app.DeveloperMetadataVisibility;
    ss.addDeveloperMetadata('a');
    ss.addDeveloperMetadata('b', PROJECT);
    ss.addDeveloperMetadata('c', 'PROJECT');
    ss.addDeveloperMetadata('d', 'v', PROJECT);
    const seen = ss.getDeveloperMetadata().map((md) => [md.getKey(), md.getValue(), String(md.getVisibility())]);
    expect(seen).toEqual([
      ['a', null, 'DOCUMENT'],
      ['b', null, 'PROJECT'],
      ['c', 'PROJECT', 'DOCUMENT'],
      ['d', 'v', 'PROJECT'],
    ]);
    expect(() => sheet.addDeveloperMetadata('k', 'v', 'PROJECT' as never)).toThrow(
      "The parameters (String,String,String) don't match the method signature for SpreadsheetApp.Sheet.addDeveloperMetadata.",
    );
  });
});

describe('what each object returns', () => {
  it('Spreadsheet and Sheet give their own metadata only; a finder on each covers what lies in it', () => {
    const { ss, sheet } = marked();
    const settings = ss.getSheetByName('设置')!;
    settings.addDeveloperMetadata('duban.sheet', 'settings');
    settings.getRange('B:B').addDeveloperMetadata('duban.column', 'value');
    ss.addDeveloperMetadata('duban.version', '3');
    expect(ss.getDeveloperMetadata().map((md) => md.getKey())).toEqual(['duban.version']);
    expect(sheet.getDeveloperMetadata().map((md) => md.getValue())).toEqual(['ledger']);
    expect(
      sheet
        .createDeveloperMetadataFinder()
        .find()
        .map((md) => md.getValue()),
    ).toEqual(['state', 'ledger']);
    expect(
      settings
        .createDeveloperMetadataFinder()
        .find()
        .map((md) => md.getValue()),
    ).toEqual(['settings', 'value']);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .find()
        .map((md) => md.getValue()),
    ).toEqual(['3', 'state', 'ledger', 'settings', 'value']);
  });

  it('a Range gives the rows and columns wholly inside it; intersecting ones only when asked', () => {
    const { sheet } = marked();
    sheet.getRange('3:3').addDeveloperMetadata('row', 'three');
    expect(sheet.getRange('H3').getDeveloperMetadata()).toEqual([]);
    expect(
      sheet
        .getRange('H:H')
        .getDeveloperMetadata()
        .map((md) => md.getValue()),
    ).toEqual(['state']);
    expect(
      sheet
        .getRange('A:J')
        .getDeveloperMetadata()
        .map((md) => md.getValue()),
    ).toEqual(['state']);
    expect(
      sheet
        .getRange('1:5')
        .getDeveloperMetadata()
        .map((md) => md.getValue()),
    ).toEqual(['three']);
    expect(sheet.getRange('A1:D5').createDeveloperMetadataFinder().find()).toEqual([]);
    const crossing = sheet.getRange('H3').createDeveloperMetadataFinder().onIntersectingLocations().find();
    expect(crossing.map((md) => md.getValue())).toEqual(['state', 'three']);
  });

  it('a location answers only for its own type', () => {
    const { ss, sheet } = marked();
    sheet.getRange('4:4').addDeveloperMetadata('row');
    ss.addDeveloperMetadata('top');
    const byKey = (key: string) => ss.createDeveloperMetadataFinder().withKey(key).find()[0].getLocation();
    const column = byKey('duban.column');
    expect([column.getSheet(), column.getRow(), column.getSpreadsheet()]).toEqual([null, null, null]);
    const onSheet = byKey('duban.sheet');
    expect(String(onSheet.getLocationType())).toBe('SHEET');
    expect(onSheet.getSheet()!.getName()).toBe('台账');
    expect(onSheet.getColumn()).toBeNull();
    const row = byKey('row').getRow()!;
    expect([row.getRow(), row.getNumRows(), row.getColumn(), row.getNumColumns()]).toEqual([4, 1, 1, 26]);
    const top = byKey('top');
    expect(String(top.getLocationType())).toBe('SPREADSHEET');
    expect(top.getSpreadsheet()!.getName()).toBe('督办台账');
    expect(top.getSheet()).toBeNull();
  });
});

describe('DeveloperMetadataFinder filters', () => {
  it('narrows by key, value, id, location type and visibility, together', () => {
    const { app, ss, sheet } = marked();
    const { COLUMN, SHEET, SPREADSHEET } = app.DeveloperMetadataLocationType;
    const { PROJECT, DOCUMENT } = app.DeveloperMetadataVisibility;
    sheet.getRange('J:J').addDeveloperMetadata('duban.column', 'level', PROJECT);
    ss.addDeveloperMetadata('duban.column', 'state');
    const values = (finder: ReturnType<typeof ss.createDeveloperMetadataFinder>) => finder.find().map((md) => md.getValue());
    expect(values(ss.createDeveloperMetadataFinder().withKey('duban.column'))).toEqual(['state', 'state', 'level']);
    expect(values(ss.createDeveloperMetadataFinder().withValue('state'))).toEqual(['state', 'state']);
    expect(values(ss.createDeveloperMetadataFinder().withKey('duban.column').withLocationType(COLUMN))).toEqual(['state', 'level']);
    expect(values(ss.createDeveloperMetadataFinder().withLocationType(SHEET))).toEqual(['ledger']);
    expect(values(ss.createDeveloperMetadataFinder().withLocationType(SPREADSHEET))).toEqual(['state']);
    expect(values(ss.createDeveloperMetadataFinder().withVisibility(PROJECT))).toEqual(['level']);
    expect(values(ss.createDeveloperMetadataFinder().withKey('duban.column').withVisibility(DOCUMENT).withValue('state'))).toEqual([
      'state',
      'state',
    ]);
    const level = ss.createDeveloperMetadataFinder().withValue('level').find()[0];
    expect(values(ss.createDeveloperMetadataFinder().withId(level.getId()))).toEqual(['level']);
    expect(ss.createDeveloperMetadataFinder().withKey('missing').find()).toEqual([]);
  });

  it('gives every item its own positive id', () => {
    const { ss, sheet } = marked();
    sheet.getRange('A:A').addDeveloperMetadata('x');
    ss.addDeveloperMetadata('y');
    const ids = ss
      .createDeveloperMetadataFinder()
      .find()
      .map((md) => md.getId());
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
  });
});

describe('changing and moving an item', () => {
  it('sets key, value and visibility, seen by every handle on it', () => {
    const { app, sheet } = marked();
    const [md] = sheet.getDeveloperMetadata();
    expect(md.setKey('duban.tab').setValue('台账').setVisibility(app.DeveloperMetadataVisibility.PROJECT)).toBe(md);
    const [again] = sheet.createDeveloperMetadataFinder().withKey('duban.tab').find();
    expect([again.getId(), again.getValue(), String(again.getVisibility())]).toEqual([md.getId(), '台账', 'PROJECT']);
    md.setValue(null);
    expect(again.getValue()).toBeNull();
  });

  it('moves to another column, row, sheet or the spreadsheet, keeping its id; a column must be a whole column', () => {
    const { ss, sheet } = marked();
    const settings = ss.getSheetByName('设置')!;
    const [md] = sheet.createDeveloperMetadataFinder().withKey('duban.column').find();
    const id = md.getId();
    expect(() => md.moveToColumn(sheet.getRange('C1'))).toThrow(ARBITRARY_RANGE);
    expect(() => md.moveToColumn(sheet.getRange('3:3'))).toThrow(ARBITRARY_RANGE);
    md.moveToColumn(settings.getRange('C:C'));
    expect(settings.createDeveloperMetadataFinder().withId(id).find()[0].getLocation().getColumn()!.getColumn()).toBe(3);
    expect(stateColumn(sheet)).toEqual([]);
    md.moveToRow(sheet.getRange('2:2'));
    expect(md.getLocation().getRow()!.getRow()).toBe(2);
    md.moveToSheet(settings);
    expect(md.getLocation().getSheet()!.getName()).toBe('设置');
    md.moveToSpreadsheet();
    expect(ss.getDeveloperMetadata().map((x) => [x.getId(), x.getKey(), x.getValue()])).toEqual([[id, 'duban.column', 'state']]);
    // The location a script read earlier is where the item was then.
    const before = md.getLocation();
    md.moveToColumn(md.getLocation().getSpreadsheet()!.getSheetByName('台账')!.getRange('H:H'));
    expect(String(before.getLocationType())).toBe('SPREADSHEET');
    expect(stateColumn(sheet)).toEqual([8]);
  });

  it('is gone after remove(); a handle on it then fails', () => {
    const { ss, sheet } = marked();
    const [md] = sheet.createDeveloperMetadataFinder().withKey('duban.column').find();
    const id = md.getId();
    md.remove();
    expect(ss.createDeveloperMetadataFinder().withId(id).find()).toEqual([]);
    expect(() => md.getKey()).toThrow(`No developer metadata with ID ${id}`);
    expect(sheet.getDeveloperMetadata()).toHaveLength(1);
  });
});

describe('call counting', () => {
  it('counts every call, finder steps included', () => {
    const { app, calls } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('H:H').addDeveloperMetadata('duban.column', 'state');
    const found = sheet.createDeveloperMetadataFinder().withKey('duban.column').find();
    found.forEach((md) => {
      md.getLocation().getColumn()!.getColumn();
    });
    expect(calls.byMethod()).toEqual({
      'DeveloperMetadata.getLocation': 1,
      'DeveloperMetadataFinder.find': 1,
      'DeveloperMetadataFinder.withKey': 1,
      'DeveloperMetadataLocation.getColumn': 1,
      'Range.addDeveloperMetadata': 1,
      'Range.getColumn': 1,
      'Sheet.createDeveloperMetadataFinder': 1,
      'Sheet.getRange': 1,
      'SpreadsheetApp.getActiveSheet': 1,
    });
  });
});

describe('in the sandbox', () => {
  it('a script marks columns and a sheet, and finds them again after a column is inserted', () => {
    const f = fixture(['任务台账']);
    const rt = new LocalRuntime({ workbook: f.model, now: new Date('2026-10-01T01:00:00Z') });
    rt.load(`
      function mark() {
        const ss = SpreadsheetApp.getActiveSpreadsheet();
        const sheet = ss.getSheetByName('任务台账');
        sheet.getRange('H:H').addDeveloperMetadata('duban.column', 'state');
        sheet.getRange('J:J').addDeveloperMetadata('duban.column', 'level', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
        sheet.addDeveloperMetadata('duban.sheet', 'ledger');
        sheet.insertColumnsBefore(1, 2);
      }
      function find() {
        const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('任务台账');
        const found = sheet.createDeveloperMetadataFinder().withKey('duban.column').find();
        const tab = sheet.createDeveloperMetadataFinder()
          .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET).find()[0];
        return {
          isArray: found instanceof Array,
          columns: found.map((md) => [md.getValue(), md.getLocation().getColumn().getColumn(), String(md.getVisibility())]),
          sheet: tab.getLocation().getSheet().getName() + ':' + tab.getValue(),
        };
      }`);
    rt.run('mark');
    expect(rt.run('find').value).toEqual({
      isArray: true,
      columns: [
        ['state', 10, 'DOCUMENT'],
        ['level', 12, 'PROJECT'],
      ],
      sheet: '任务台账:ledger',
    });
    expect(f.model.sheets[0].developerMetadata).toEqual([
      { id: 1, key: 'duban.column', value: 'state', visibility: 'DOCUMENT', location: { type: 'COLUMN', index: 9 } },
      { id: 2, key: 'duban.column', value: 'level', visibility: 'PROJECT', location: { type: 'COLUMN', index: 11 } },
      { id: 3, key: 'duban.sheet', value: 'ledger', visibility: 'DOCUMENT', location: { type: 'SHEET' } },
    ]);
  });
});
