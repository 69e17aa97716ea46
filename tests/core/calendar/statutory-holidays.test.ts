import { describe, expect, it } from 'vitest';
import { type HolidayEntry, shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { formatDay, parseIsoDay, weekday } from '../../../src/core/calendar/day';
import { statutoryHolidays } from '../../../src/core/calendar/statutory-holidays';

const d = (iso: string): number => {
  const day = parseIsoDay(iso);
  if (day === undefined) throw new Error(`bad test date ${iso}`);
  return day;
};
const shipped = new WorkCalendar(shippedHolidayEntries());
const holidays = (year: number): string[] => statutoryHolidays(year).map((h) => `${formatDay(h.day)} ${h.name}`);

describe('statutoryHolidays: the law alone', () => {
  it('gives the 13 days of the 2024 revision, lunar ones included where their dates are known', () => {
    expect(holidays(2027)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    for (const year of [2028, 2029, 2030]) expect(statutoryHolidays(year)).toHaveLength(13);
    // 2030's 除夕 falls on 腊月三十, 2028's on 腊月廿九: either way the day before 正月初一.
    expect(holidays(2030).filter((h) => h.endsWith('春节'))).toEqual([
      '2030-02-02 春节',
      '2030-02-03 春节',
      '2030-02-04 春节',
      '2030-02-05 春节',
    ]);
  });

  it('agrees with every State Council notice shipped: each statutory day is a holiday there', () => {
    for (const year of [2024, 2025, 2026]) {
      for (const h of statutoryHolidays(year)) {
        expect(shipped.entryFor(h.day), `${formatDay(h.day)} ${h.name}`).toMatchObject({ kind: 'holiday' });
      }
    }
  });

  it('keeps to the fixed dates where the lunar ones are not known, and to the older law before 2025', () => {
    expect(holidays(2031)).toEqual([
      '2031-01-01 元旦',
      '2031-05-01 劳动节',
      '2031-05-02 劳动节',
      '2031-10-01 国庆节',
      '2031-10-02 国庆节',
      '2031-10-03 国庆节',
    ]);
    // The 2013 text: 劳动节 was 5月1日 alone.
    expect(holidays(2023)).toEqual(['2023-01-01 元旦', '2023-05-01 劳动节', '2023-10-01 国庆节', '2023-10-02 国庆节', '2023-10-03 国庆节']);
  });
});

describe('a year nobody has entered is counted on the statutory holidays', () => {
  it('does not count 1 January as a working day', () => {
    expect(shipped.covers(2027)).toBe(false);
    expect(weekday(d('2027-01-01'))).toBe(5); // a Friday
    expect(shipped.isWorkingDay(d('2027-01-01'))).toBe(false);
    expect(shipped.entryFor(d('2027-01-01'))).toEqual({ day: d('2027-01-01'), kind: 'holiday', name: '元旦', provisional: true });
    // A task due on 2026-12-31 is one working day late on Monday 2027-01-04, not two.
    expect(shipped.workingDaysBetween(d('2026-12-31'), d('2027-01-04'))).toBe(1);
    expect(formatDay(shipped.addWorkingDays(d('2026-12-31'), 1))).toBe('2027-01-04');
  });

  it('keeps weekends as weekends and adds no make-up working day', () => {
    expect(shipped.isWorkingDay(d('2027-02-06'))).toBe(false); // 初一, a Saturday
    expect(shipped.isWorkingDay(d('2027-02-09'))).toBe(true); // 初四, a Tuesday
    expect(shipped.isWorkingDay(d('2027-02-20'))).toBe(false); // a Saturday nobody has declared worked
  });

  it('gives 2027 its weekdays less the statutory holidays that fall on them', () => {
    // 261 weekdays; off: 1-1, 2-5, 2-8, 4-5, 6-9, 9-15, 10-1 (the others fall on weekends).
    expect(shipped.workingDaysBetween(d('2026-12-31'), d('2027-12-31'))).toBe(261 - 7);
    // Counted day by day, the same.
    let count = 0;
    for (let day = d('2027-01-01'); day <= d('2027-12-31'); day++) if (shipped.isWorkingDay(day)) count++;
    expect(count).toBe(254);
  });

  it('never changes a year the office has entered, even where its entry differs from the law', () => {
    const office: HolidayEntry[] = [
      { day: d('2027-01-01'), kind: 'holiday', name: '元旦' },
      { day: d('2027-02-20'), kind: 'workday', name: '春节' },
    ];
    const cal = new WorkCalendar([...shippedHolidayEntries(), ...office]);
    expect(cal.covers(2027)).toBe(true);
    expect(cal.isWorkingDay(d('2027-02-20'))).toBe(true);
    // 国庆 is not in the office's (incomplete) entry: its word stands, 10-01 is a working Friday.
    expect(cal.isWorkingDay(d('2027-10-01'))).toBe(true);
    expect(cal.entryFor(d('2027-10-01'))).toBeUndefined();
  });

  it('never changes a shipped year', () => {
    expect(shipped.isWorkingDay(d('2026-01-04'))).toBe(true); // a Sunday the notice made a working day
    expect(shipped.workingDaysBetween(d('2025-12-31'), d('2026-12-31'))).toBe(248);
    expect(shipped.entryFor(d('2026-01-01'))).toEqual({ day: d('2026-01-01'), kind: 'holiday', name: '元旦' });
  });
});
