/**
 * Apps Script buffers a script's sheet writes until SpreadsheetApp.flush(), a read of the sheet,
 * or the end of the run; a run killed in between loses them (runtime/spreadsheet/pending.ts).
 */
import { describe, expect, it } from 'vitest';
import { LocalRuntime, TIMEOUT_MESSAGE } from '../../runtime/index.js';
import { newSheetModel, newWorkbookModel } from '../../runtime/model.js';
import { callKind } from '../../runtime/spreadsheet/pending.js';

const NOW = new Date('2026-10-01T01:00:00Z');

function runtime(code: string): LocalRuntime {
  const wb = newWorkbookModel('Ledger');
  wb.sheets.push(newSheetModel('Log', 0), newSheetModel('Other', 1));
  const rt = new LocalRuntime({ workbook: wb, now: NOW });
  rt.load(code);
  return rt;
}

/** A script that writes A1..A3 of Log, one cell at a time, and does `between` after the second write. */
const script = (between: string): string => `
  function job() {
    const log = SpreadsheetApp.getActive().getSheetByName('Log');
    log.getRange('A1').setValue('claimed');
    log.getRange('A2').setValue('sending');
    ${between}
    MailApp.sendEmail('unit@example.org', 'Notice', 'Body');
    log.getRange('A3').setValue('sent');
  }`;

const cells = (rt: LocalRuntime, name = 'Log'): unknown[] =>
  [0, 1, 2].map((r) => rt.workbook.sheets.find((s) => s.name === name)!.rows[r]?.[0]?.value ?? '');

/** Kills the run right after its first mail went out, as the time limit would. */
function killAfterSend(rt: LocalRuntime): void {
  rt.calls.on('MailApp.sendEmail', 1, () => {
    rt.calls.on('Range.setValue', 3, () => rt.kill());
  });
}

describe('pending writes', () => {
  it('a run that ends applies everything it wrote', () => {
    const rt = runtime(script(''));
    rt.run('job');
    expect(cells(rt)).toEqual(['claimed', 'sending', 'sent']);
    expect(rt.spreadsheet.pendingSheets()).toEqual([]);
  });

  it('a run killed after its send, with no flush, loses every write since the last read', () => {
    const rt = runtime(script(''));
    killAfterSend(rt);
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(rt.outbox).toHaveLength(1);
    expect(cells(rt)).toEqual(['', '', '']);
  });

  it('SpreadsheetApp.flush() makes what was written before it survive the kill', () => {
    const rt = runtime(script('SpreadsheetApp.flush();'));
    killAfterSend(rt);
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(cells(rt)).toEqual(['claimed', 'sending', '']);
  });

  it('a read of the same sheet applies its pending writes; a read of another sheet does not', () => {
    const same = runtime(script("log.getRange('A1').getValue();"));
    killAfterSend(same);
    expect(() => same.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(cells(same)).toEqual(['claimed', 'sending', '']);

    const other = runtime(script("SpreadsheetApp.getActive().getSheetByName('Other').getRange('A1').getValue();"));
    killAfterSend(other);
    expect(() => other.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(cells(other)).toEqual(['', '', '']);
  });

  it('the script reads what it wrote before any flush', () => {
    const rt = runtime(`function job() {
      const log = SpreadsheetApp.getActive().getSheetByName('Log');
      log.getRange('B2').setValue('x');
      return [log.getRange('B2').getValue(), log.getLastRow()];
    }`);
    expect(rt.run('job').value).toEqual(['x', 2]);
  });

  it('a killed run reaches nothing more: a later write or flush it attempts is not applied', () => {
    const rt = runtime(`function job() {
      const log = SpreadsheetApp.getActive().getSheetByName('Log');
      log.getRange('A1').setValue('claimed');
      try { MailApp.sendEmail('unit@example.org', 'Notice', 'Body'); } catch (e) {}
      try { SpreadsheetApp.flush(); } catch (e) {}
      log.getRange('A2').setValue('after');
    }`);
    rt.calls.on('MailApp.sendEmail', 1, () => rt.kill());
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(cells(rt)).toEqual(['', '', '']);
  });

  it('undoes structure too (rows inserted, formats, widths), and keeps the sheet objects the script held', () => {
    const rt = runtime(`function job() {
      const log = SpreadsheetApp.getActive().getSheetByName('Log');
      log.getRange('A1').setValue('kept');
      SpreadsheetApp.flush();
      log.insertRowsAfter(1, 5);
      log.setColumnWidth(1, 300);
      log.getRange('A1').setNumberFormat('@');
      MailApp.sendEmail('unit@example.org', 'Notice', 'Body');
    }`);
    const sheet = rt.workbook.sheets[0]!;
    const rowsBefore = sheet.maxRows;
    rt.calls.on('MailApp.sendEmail', 1, () => rt.kill());
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(rt.workbook.sheets[0]).toBe(sheet);
    expect(sheet.maxRows).toBe(rowsBefore);
    expect(sheet.columnWidths[0]).toBeUndefined();
    expect(sheet.rows[0]![0]).toEqual({ value: 'kept' });
  });

  it('undoes cell writes row by row, and a structural change after them, to the sheet as committed', () => {
    const rt = runtime(`function job() {
      const log = SpreadsheetApp.getActive().getSheetByName('Log');
      log.getRange(1, 1, 4, 2).setValues([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
      SpreadsheetApp.flush();
      log.getRange(2, 1, 2, 2).setValues([['B', 20], ['C', 30]]);
      log.getRange(6, 1).setValue('new row');
      log.getRange(2, 2).setBackground('#ff0000');
      MailApp.sendEmail('unit@example.org', 'Notice', 'Body');
      log.insertRowsBefore(1, 2);
      log.getRange(1, 1).setValue('top');
      MailApp.sendEmail('unit@example.org', 'Notice 2', 'Body');
    }`);
    const sheet = rt.workbook.sheets[0]!;
    const rowsBefore = sheet.maxRows;
    rt.calls.on('MailApp.sendEmail', 1, () => {
      rt.calls.on('MailApp.sendEmail', 2, () => rt.kill());
    });
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(sheet.maxRows).toBe(rowsBefore);
    expect(sheet.rows.map((r) => r.map((c) => c?.value))).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(sheet.rows[1]![1]!.format?.background).toBeUndefined();
  });

  it('a run killed after cell writes only puts back the rows it wrote', () => {
    const rt = runtime(`function job() {
      const log = SpreadsheetApp.getActive().getSheetByName('Log');
      log.getRange(1, 1, 3, 1).setValues([['a'], ['b'], ['c']]);
      SpreadsheetApp.flush();
      log.getRange(2, 1).setValue('B');
      log.getRange(5, 1).setNumberFormat('@');
      MailApp.sendEmail('unit@example.org', 'Notice', 'Body');
    }`);
    const sheet = rt.workbook.sheets[0]!;
    rt.calls.on('MailApp.sendEmail', 1, () => rt.kill());
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(sheet.rows.map((r) => r.map((c) => c?.value))).toEqual([['a'], ['b'], ['c']]);
  });

  it('a person editing the sheet mid-run sees and keeps what the script wrote so far', () => {
    const rt = runtime(script(''));
    rt.calls.on('MailApp.sendEmail', 1, () => {
      rt.spreadsheet.editAsUser('Log', 'B1', [['typed']]);
      rt.kill();
    });
    expect(() => rt.run('job')).toThrow(TIMEOUT_MESSAGE);
    expect(cells(rt)).toEqual(['claimed', 'sending', '']);
    expect(rt.workbook.sheets[0]!.rows[0]![1]!.value).toBe('typed');
  });

  it('names reads, writes and handles', () => {
    expect(['getValues', 'getLastRow', 'getMaxRows', 'isBlank'].map(callKind)).toEqual(['read', 'read', 'read', 'read']);
    expect(['setValues', 'insertRowsAfter', 'appendRow', 'clearContent'].map(callKind)).toEqual(['write', 'write', 'write', 'write']);
    expect(['getRange', 'getName', 'getSheetId', 'offset'].map(callKind)).toEqual(['handle', 'handle', 'handle', 'handle']);
  });
});
