import { describe, expect, it } from 'vitest';
import { displayText } from '../../runtime/spreadsheet/index.js';
import { fixture } from './spreadsheet-helpers.js';

describe('display values', () => {
  it('shows the same instant as different dates in different spreadsheet time zones', () => {
    const instant = new Date('2024-02-29T20:00:00Z'); // 2024-03-01 04:00 in Shanghai, still Feb 29 in New York
    const shanghai = fixture(['台账'], 'Asia/Shanghai');
    const newYork = fixture(['Ledger'], 'America/New_York', 'en_US');
    for (const f of [shanghai, newYork]) f.app.getActiveSheet().getRange('A1').setValue(instant).setNumberFormat('yyyy-mm-dd hh:mm');
    expect(shanghai.app.getActiveSheet().getRange('A1').getDisplayValue()).toBe('2024-03-01 04:00');
    expect(newYork.app.getActiveSheet().getRange('A1').getDisplayValue()).toBe('2024-02-29 15:00');
  });

  it('gives dates written by a script a date-time format, as Sheets does', () => {
    const { app } = fixture();
    const cell = app.getActiveSheet().getRange('A1').setValue(new Date('2024-03-01T00:00:00+08:00'));
    expect(cell.getNumberFormat()).toBe('yyyy/M/d H:mm:ss');
    expect(cell.getDisplayValue()).toBe('2024/3/1 0:00:00');
    cell.setNumberFormat('yyyy"年"m"月"d"日"');
    expect(cell.getDisplayValue()).toBe('2024年3月1日');
  });

  it('keeps the wall-clock reading of date cells when the time zone changes', () => {
    const { app } = fixture();
    const ss = app.getActiveSpreadsheet();
    const cell = ss.getActiveSheet().getRange('A1').setValue('2024-03-01');
    ss.setSpreadsheetTimeZone('Europe/London');
    expect(cell.getDisplayValue()).toBe('2024-03-01');
    expect(cell.getValue()).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow();
  });

  it('renders numbers by their format', () => {
    const tz = 'Asia/Shanghai';
    const show = (v: number, f?: string) => displayText(v, f, tz, 'zh_CN');
    expect(show(3)).toBe('3');
    expect(show(10 / 3)).toBe('3.333333333');
    expect(show(1234.5, '0.00')).toBe('1234.50');
    expect(show(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(show(1234567, '#,##0')).toBe('1,234,567');
    expect(show(0.256, '0%')).toBe('26%');
    expect(show(0.256, '0.0%')).toBe('25.6%');
    expect(show(-5, '0;(0)')).toBe('(5)');
    expect(show(-5, '0.0')).toBe('-5.0');
    expect(show(0, '0;-0;"-"')).toBe('-');
    expect(show(12, '0"天"')).toBe('12天');
    expect(show(45352, 'yyyy-mm-dd')).toBe('2024-03-01');
    expect(displayText(true, undefined, tz, 'zh_CN')).toBe('TRUE');
    expect(displayText('文本', '@', tz, 'zh_CN')).toBe('文本');
  });

  it('renders date and time tokens', () => {
    const d = new Date('2024-03-05T14:07:09+08:00');
    const show = (f: string, locale = 'en_US') => displayText(d, f, 'Asia/Shanghai', locale);
    expect(show('yyyy-mm-dd')).toBe('2024-03-05');
    expect(show('m/d/yy')).toBe('3/5/24');
    expect(show('hh:mm:ss')).toBe('14:07:09');
    expect(show('h:mm AM/PM')).toBe('2:07 PM');
    expect(show('dddd, mmmm d')).toBe('Tuesday, March 5');
    expect(show('M/d/yyyy H:mm:ss')).toBe('3/5/2024 14:07:09');
  });

  it('reads display values of a block', () => {
    const { app } = fixture();
    const range = app.getActiveSheet().getRange('A1:C1');
    range.setValues([['T-1', 0.5, '2024-03-01']]);
    range.setNumberFormats([['@', '0%', 'yyyy-mm-dd']]);
    expect(range.getDisplayValues()).toEqual([['T-1', '50%', '2024-03-01']]);
  });
});
