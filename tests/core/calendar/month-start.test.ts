import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { dayFromYmd, formatDay } from '../../../src/core/calendar/day';
import { firstWorkingDayOfMonth } from '../../../src/core/calendar/month-start';

const cal = new WorkCalendar(shippedHolidayEntries());
const first = (y: number, m: number, d: number): string => formatDay(firstWorkingDayOfMonth(dayFromYmd(y, m, d), cal));

describe('firstWorkingDayOfMonth: the day the month before is published', () => {
  it('is the 1st when the month opens on a working day (Tuesday 1 December 2026)', () => {
    expect(first(2026, 12, 1)).toBe('2026-12-01');
    expect(first(2026, 12, 31)).toBe('2026-12-01');
  });

  it('waits out the National Day holiday: 1 to 7 October 2026 are off, Thursday the 8th is the first working day', () => {
    expect(first(2026, 10, 1)).toBe('2026-10-08');
    expect(first(2026, 10, 20)).toBe('2026-10-08');
  });

  it('counts a make-up working day on a weekend: Sunday 4 January 2026, after 元旦', () => {
    expect(first(2026, 1, 10)).toBe('2026-01-04');
  });

  it('skips 元旦 and the weekend in 2027, whose arrangement is not published yet: Monday 4 January', () => {
    expect(first(2027, 1, 1)).toBe('2027-01-04');
  });

  it('skips a weekend opening: 1 February 2026 is a Sunday, Monday the 2nd', () => {
    expect(first(2026, 2, 1)).toBe('2026-02-02');
  });
});
