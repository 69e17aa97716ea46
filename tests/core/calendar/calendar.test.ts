import { describe, expect, it } from 'vitest';
import {
  type HolidayEntry,
  holidaySheetRows,
  parseHolidayRows,
  shippedHolidayEntries,
  WorkCalendar,
} from '../../../src/core/calendar/calendar';
import { dayAtOffset, dayFromYmd, formatDay, parseIsoDay, weekday } from '../../../src/core/calendar/day';
import { CN_HOLIDAYS } from '../../../src/core/calendar/holidays-cn';

const d = (iso: string): number => {
  const day = parseIsoDay(iso);
  if (day === undefined) throw new Error(`bad test date ${iso}`);
  return day;
};
const toDay = (date: Date): number => dayAtOffset(date, 480);
const cal = new WorkCalendar(shippedHolidayEntries());

describe('shipped State Council arrangements', () => {
  it('lists 2024, 2025 and 2026, and does not pretend to know 2027', () => {
    expect(CN_HOLIDAYS.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(cal.coveredYears()).toEqual([2024, 2025, 2026]);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.covers(2023)).toBe(false);
  });

  it('puts every entry in its own year, once, and every make-up day on a weekend', () => {
    for (const { year, entries } of CN_HOLIDAYS) {
      const dates = entries.map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
      for (const e of entries) {
        expect(e.date.startsWith(`${year}-`)).toBe(true);
        if (e.kind === 'workday') expect([0, 6]).toContain(weekday(d(e.date)));
      }
    }
  });

  it('matches the length of each holiday block stated in the notices', () => {
    const blockLength = (year: number, name: string): number =>
      CN_HOLIDAYS.find((y) => y.year === year)!.entries.filter((e) => e.kind === 'holiday' && e.name === name).length;
    expect(blockLength(2024, '春节')).toBe(8);
    expect(blockLength(2024, '国庆节')).toBe(7);
    expect(blockLength(2025, '元旦')).toBe(1);
    expect(blockLength(2025, '春节')).toBe(8);
    expect(blockLength(2025, '国庆节、中秋节')).toBe(8);
    expect(blockLength(2026, '元旦')).toBe(3);
    expect(blockLength(2026, '春节')).toBe(9);
    expect(blockLength(2026, '劳动节')).toBe(5);
    expect(blockLength(2026, '国庆节')).toBe(7);
  });

  it('knows the 2026 National Day block and its two make-up days', () => {
    for (let day = d('2026-10-01'); day <= d('2026-10-07'); day++) expect(cal.isWorkingDay(day)).toBe(false);
    expect(cal.isWorkingDay(d('2026-09-20'))).toBe(true); // Sunday worked
    expect(cal.isWorkingDay(d('2026-10-10'))).toBe(true); // Saturday worked
    expect(cal.isWorkingDay(d('2026-10-11'))).toBe(false); // plain Sunday
    expect(cal.entryFor(d('2026-10-10'))).toEqual({ day: d('2026-10-10'), kind: 'workday', name: '国庆节' });
  });
});

describe('addWorkingDays', () => {
  it('3个工作日 from the Friday before National Day 2024 lands after the holiday, counting the make-up Sunday', () => {
    // 9-29 (Sunday, worked), 9-30, then 10-1..7 off, then 10-8.
    expect(formatDay(cal.addWorkingDays(d('2024-09-27'), 3))).toBe('2024-10-08');
  });

  it('counts the Saturday worked after National Day 2026', () => {
    expect(formatDay(cal.addWorkingDays(d('2026-09-30'), 1))).toBe('2026-10-08');
    expect(formatDay(cal.addWorkingDays(d('2026-09-30'), 3))).toBe('2026-10-10');
    expect(formatDay(cal.addWorkingDays(d('2026-09-30'), 4))).toBe('2026-10-12');
    expect(formatDay(cal.addWorkingDays(d('2026-09-18'), 1))).toBe('2026-09-20');
  });

  it('skips the 2026 Spring Festival and counts its make-up Saturdays', () => {
    expect(formatDay(cal.addWorkingDays(d('2026-02-13'), 1))).toBe('2026-02-14');
    expect(formatDay(cal.addWorkingDays(d('2026-02-13'), 2))).toBe('2026-02-24');
    expect(formatDay(cal.addWorkingDays(d('2026-02-13'), 3))).toBe('2026-02-25');
    expect(formatDay(cal.addWorkingDays(d('2026-02-24'), 4))).toBe('2026-02-28');
  });

  it('does not count the starting day, even when it is a working day', () => {
    expect(formatDay(cal.addWorkingDays(d('2026-03-02'), 1))).toBe('2026-03-03');
    expect(cal.addWorkingDays(d('2026-03-02'), 0)).toBe(d('2026-03-02'));
  });

  it('counts backwards for a negative count', () => {
    expect(formatDay(cal.addWorkingDays(d('2026-10-08'), -1))).toBe('2026-09-30');
  });

  it('steps over the statutory holidays of a year without data', () => {
    // 2027-09-30 is a Thursday; 10-01 (Friday) is 国庆节 by law, then a plain weekend.
    expect(formatDay(cal.addWorkingDays(d('2027-09-30'), 1))).toBe('2027-10-04');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    // 10-8, 10-9, 10-10 (Saturday worked), 10-12
    expect(cal.workingDaysBetween(d('2026-09-30'), d('2026-10-12'))).toBe(4);
    // 2-14 (Saturday worked), 2-24..2-27, 2-28 (Saturday worked)
    expect(cal.workingDaysBetween(d('2026-02-13'), d('2026-02-28'))).toBe(6);
    expect(cal.workingDaysBetween(d('2026-10-01'), d('2026-10-07'))).toBe(0);
  });

  it('is 0 when the end is not after the start', () => {
    expect(cal.workingDaysBetween(d('2026-10-12'), d('2026-10-12'))).toBe(0);
    expect(cal.workingDaysBetween(d('2026-10-12'), d('2026-09-30'))).toBe(0);
  });

  it('agrees with counting day by day across three years of data', () => {
    const start = d('2023-12-25');
    const end = d('2027-01-10');
    let expected = 0;
    for (let to = start + 1; to <= end; to++) {
      if (cal.isWorkingDay(to)) expected++;
      if ((to - start) % 37 === 0 || to === end) expect(cal.workingDaysBetween(start, to)).toBe(expected);
    }
    for (let from = d('2024-01-01'); from < d('2026-12-31'); from += 11) {
      for (const n of [1, 3, 5, 10, 15]) expect(cal.workingDaysBetween(from, cal.addWorkingDays(from, n))).toBe(n);
    }
  });

  it('gives each year its days minus weekends minus statutory holidays: make-up days only move days around', () => {
    // 2024: 366 - 104 - 11; from 2025 the law has 13 statutory holidays (除夕 and 5月2日 added).
    expect(cal.workingDaysBetween(d('2023-12-31'), d('2024-12-31'))).toBe(251);
    expect(cal.workingDaysBetween(d('2024-12-31'), d('2025-12-31'))).toBe(248);
    expect(cal.workingDaysBetween(d('2025-12-31'), d('2026-12-31'))).toBe(248);
  });
});

describe('calendarDaysBetween', () => {
  it('is plain calendar days, holidays included', () => {
    expect(cal.calendarDaysBetween(d('2026-09-30'), d('2026-10-08'))).toBe(8);
    expect(cal.calendarDaysBetween(d('2026-10-08'), d('2026-09-30'))).toBe(-8);
  });
});

describe('the office can correct the shipped list', () => {
  it('lets a later entry for the same day win', () => {
    const local: HolidayEntry = { day: d('2026-10-08'), kind: 'holiday', name: '本地调整' };
    const corrected = new WorkCalendar([...shippedHolidayEntries(), local]);
    expect(corrected.isWorkingDay(d('2026-10-08'))).toBe(false);
    expect(corrected.workingDaysBetween(d('2026-09-30'), d('2026-10-12'))).toBe(3);
  });

  it('covers a year once the office types its days in', () => {
    const typed = new WorkCalendar([{ day: d('2027-01-01'), kind: 'holiday', name: '元旦' }]);
    expect(typed.covers(2027)).toBe(true);
    expect(typed.isWorkingDay(d('2027-01-01'))).toBe(false);
  });
});

describe('parseHolidayRows', () => {
  it('reads date cells and typed dates with every kind word', () => {
    const rows: unknown[][] = [
      [new Date('2027-01-01T00:00:00+08:00'), '放假', '元旦'],
      ['2027-02-06', '休', '春节'],
      ['2027/2/7', 'holiday', '春节'],
      ['2027年2月20日', '调休上班', '春节'],
      ['2027-02-21', '班', '春节'],
      ['2027-09-26', 'Workday', '国庆节'],
      ['2027-10-01', ' 放 假 ', ''],
    ];
    const { entries, problems } = parseHolidayRows(rows, toDay);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [formatDay(e.day), e.kind, e.name])).toEqual([
      ['2027-01-01', 'holiday', '元旦'],
      ['2027-02-06', 'holiday', '春节'],
      ['2027-02-07', 'holiday', '春节'],
      ['2027-02-20', 'workday', '春节'],
      ['2027-02-21', 'workday', '春节'],
      ['2027-09-26', 'workday', '国庆节'],
      ['2027-10-01', 'holiday', ''],
    ]);
  });

  it('skips a header row and blank rows without complaint', () => {
    const { entries, problems } = parseHolidayRows([['日期', '类型', '名称'], ['', '', ''], [], ['2027-01-01', '放假', '元旦']], toDay);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
  });

  it('reports each bad row by its index and column, and leaves it out', () => {
    const rows: unknown[][] = [
      ['2027-02-30', '放假', '春节'],
      ['明年元旦', '放假', '元旦'],
      [46388, '放假', '元旦'],
      ['', '放假', '春节'],
      ['2027-02-08', '', '春节'],
      ['2027-02-09', '调休', '春节'],
      ['2027-02-10', '放假', '春节'],
      ['2027-02-10', '调休上班', '春节'],
      ['2027-02-10', '放假', '春节'],
      ['1027-02-11', '放假', '春节'],
    ];
    const { entries, problems } = parseHolidayRows(rows, toDay);
    expect(problems).toEqual([
      { row: 0, column: 0, message: 'impossible-date' },
      { row: 1, column: 0, message: 'bad-date' },
      { row: 2, column: 0, message: 'date-serial' },
      { row: 3, column: 0, message: 'missing-date' },
      { row: 4, column: 1, message: 'missing-kind' },
      { row: 5, column: 1, message: 'bad-kind' },
      { row: 7, column: 0, message: 'duplicate-day' },
      { row: 9, column: 0, message: 'implausible-year' },
    ]);
    expect(entries.map((e) => formatDay(e.day))).toEqual(['2027-02-10']);
  });

  it('reads back what holidaySheetRows writes for the shipped data', () => {
    const shipped = shippedHolidayEntries();
    const rows = holidaySheetRows(shipped);
    expect(rows[0]).toEqual(['2024-01-01', '放假', '元旦']);
    expect(rows).toContainEqual(['2026-10-10', '调休上班', '国庆节']);
    const { entries, problems } = parseHolidayRows(rows, toDay);
    expect(problems).toEqual([]);
    expect(entries).toEqual([...shipped].sort((a, b) => a.day - b.day));
    expect(new WorkCalendar(entries).workingDaysBetween(dayFromYmd(2024, 12, 31), dayFromYmd(2025, 12, 31))).toBe(248);
  });
});
