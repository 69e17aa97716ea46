import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries } from '../../../src/core/calendar/calendar';
import { type Day, ymdFromDay } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { settingRows } from '../../../src/core/settings/settings';
import {
  missingHolidayRows,
  missingSettingRows,
  missingUnitHeaders,
  staleSettingHelp,
  yearOfCell,
} from '../../../src/core/setup/setup-plan';

const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const toYear = (v: unknown): number | undefined => yearOfCell(v, (date) => ymdFromDay(toDay(date)).year);
const zhRows = settingRows(translator('zh-CN'), 'zh-CN');
const enRows = settingRows(translator('en'), 'en');

describe('staleSettingHelp', () => {
  it('finds nothing to fix in a sheet setup just wrote', () => {
    expect(staleSettingHelp(zhRows, 'zh-CN')).toEqual([]);
  });

  it('gives an explanation an older version wrote its current text, leaving values, labels and other rows alone', () => {
    const old = zhRows.map((r) => (r[0] === '试运行' ? [r[0], '是', '填“是”时只记录、不发送邮件，用于上线前核对。'] : r));
    const withNote = [...old, ['', '', '这一行是管理员自己的备注']];
    const row = old.findIndex((r) => r[0] === '试运行');
    expect(staleSettingHelp(withNote, 'zh-CN')).toEqual([{ row, column: 2, text: zhRows[row]![2] }]);
  });

  it('writes the explanations in the sheet’s language, in the 说明 column wherever it is', () => {
    const moved = enRows.map((r) => [r[0], r[1], '', r[2]]);
    moved[0]![3] = 'Explanation';
    expect(staleSettingHelp(moved, 'en')).toEqual([]);
    expect(staleSettingHelp(moved, 'zh-CN')).toHaveLength(enRows.length - 1);
    expect(staleSettingHelp(moved, 'zh-CN')[0]).toMatchObject({ column: 3 });
  });
});

describe('missingSettingRows', () => {
  it('adds nothing to a complete settings sheet', () => {
    expect(missingSettingRows(zhRows, 'zh-CN')).toEqual([]);
  });

  it('adds the rows a sheet lacks, with their defaults and explanations, never touching the others', () => {
    const edited = zhRows
      .filter((r) => r[0] !== '试运行' && r[0] !== '每日检查时间')
      .map((r) => (r[0] === '临期提醒天数' ? [r[0], '5', r[2]] : r));
    const added = missingSettingRows(edited, 'zh-CN');
    expect(added.map((r) => r.slice(0, 2))).toEqual([
      ['每日检查时间', '8'],
      ['试运行', '否'],
    ]);
    expect(added.every((r) => r.length === 3 && r[2] !== '')).toBe(true);
  });

  it('recognises a row by its label in the other language, or by its code name', () => {
    expect(missingSettingRows(enRows, 'zh-CN')).toEqual([]);
    const mixed = [...zhRows.filter((r) => r[0] !== '管理员邮箱'), ['adminEmail', 'office@example.org']];
    expect(missingSettingRows(mixed, 'zh-CN')).toEqual([]);
    // A label typed with spaces or a trailing colon is still that label.
    const typed = zhRows.map((r) => (r[0] === '试运行' ? ['试 运 行：', '否'] : r));
    expect(missingSettingRows(typed, 'zh-CN')).toEqual([]);
  });

  it("writes added rows in the sheet's language", () => {
    expect(
      missingSettingRows(
        [
          ['Setting', 'Value'],
          ['Language', 'en'],
        ],
        'en',
      )[0]!.slice(0, 2),
    ).toEqual(['Task sheet name', 'Tasks']);
  });
});

describe('missingUnitHeaders', () => {
  it('lists the directory columns the first row lacks, in order', () => {
    expect(missingUnitHeaders([['单位名称', '联系人', '联系人邮箱']], 'zh-CN')).toEqual([
      '单位类型',
      '主要负责人',
      '主要负责人邮箱',
      '分管领导',
      '分管领导邮箱',
      '文明单位',
    ]);
  });

  it('counts headers in the other language as present', () => {
    expect(missingUnitHeaders([['Unit', 'Kind', 'Contact', 'Contact email', 'Head', 'Head email', 'Civilized unit']], 'zh-CN')).toEqual([
      '分管领导',
      '分管领导邮箱',
    ]);
  });

  it('counts a column the directory reader already knows by another name as present', () => {
    expect(missingUnitHeaders([['单位', '邮箱', '负责人', '是否文明单位']], 'zh-CN')).toEqual([
      '单位类型',
      '联系人',
      '主要负责人邮箱',
      '分管领导',
      '分管领导邮箱',
    ]);
  });

  it('asks for every column on an empty sheet', () => {
    expect(missingUnitHeaders([], 'en')).toHaveLength(9);
  });
});

describe('missingHolidayRows', () => {
  const shipped = shippedHolidayEntries();

  it("adds a year the 节假日 sheet does not cover, in the sheet's own form", () => {
    const sheet = [
      ['日期', '类型', '名称'],
      ['2025-10-01', '放假', '国庆节、中秋节'],
    ];
    const rows = missingHolidayRows(sheet, [2025, 2026], shipped, toYear);
    expect(rows.every((r) => r[0]!.startsWith('2026-'))).toBe(true);
    expect(rows).toContainEqual(['2026-10-01', '放假', '国庆节']);
    expect(rows).toContainEqual(['2026-10-10', '调休上班', '国庆节']);
    expect(rows).toContainEqual(['2026-09-20', '调休上班', '国庆节']);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort());
  });

  it('never adds to a year the office already typed, even partly', () => {
    // One 2026 row as a date cell: the office keeps 2026 its own way.
    const sheet = [
      ['日期', '类型', '名称'],
      [new Date(Date.UTC(2026, 9, 1) - 8 * 3600e3), '放假', '国庆节'],
    ];
    expect(missingHolidayRows(sheet, [2026], shipped, toYear)).toEqual([]);
  });

  it('adds nothing for a year with no shipped arrangement', () => {
    expect(missingHolidayRows([], [2027], shipped, toYear)).toEqual([]);
  });
});

describe('yearOfCell', () => {
  it('reads the year of a date cell or of a date typed as text', () => {
    // 2025-12-31 17:00 UTC is 2026-01-01 in Shanghai.
    expect(toYear(new Date(Date.UTC(2025, 11, 31, 17)))).toBe(2026);
    expect(toYear('2026-10-01')).toBe(2026);
    expect(toYear('2026年10月1日')).toBe(2026);
    expect(toYear('日期')).toBeUndefined();
    expect(toYear('')).toBeUndefined();
  });
});
