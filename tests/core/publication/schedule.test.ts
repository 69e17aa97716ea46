import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { previousMonth, reportDue } from '../../../src/core/publication/schedule';

const cal = new WorkCalendar(shippedHolidayEntries());
const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayFromYmd(y!, m!, d!);
};
const nothingPublished = (): boolean => false;

describe('previousMonth: the month a publication reports on', () => {
  it('is last month, across the turn of the year', () => {
    expect(previousMonth(day('2026-10-08'))).toBe('2026-09');
    expect(previousMonth(day('2027-01-04'))).toBe('2026-12');
  });
});

describe('reportDue: whether the daily check publishes the month before today', () => {
  it('does not publish during the National Day holiday (1 to 7 October 2026)', () => {
    expect(reportDue(day('2026-10-01'), cal, nothingPublished)).toBe(false);
    expect(reportDue(day('2026-10-07'), cal, nothingPublished)).toBe(false);
  });

  it("publishes September on Thursday 8 October 2026, the month's first working day", () => {
    const asked: string[] = [];
    expect(
      reportDue(day('2026-10-08'), cal, (m) => {
        asked.push(m);
        return false;
      }),
    ).toBe(true);
    expect(asked).toEqual(['2026-09']);
  });

  it('does not publish again a month already published', () => {
    expect(reportDue(day('2026-10-08'), cal, (m) => m === '2026-09')).toBe(false);
  });

  it('catches up for five working days (make-up Saturday 10 October counts), then leaves it to the menu', () => {
    expect(reportDue(day('2026-10-14'), cal, nothingPublished)).toBe(true);
    expect(reportDue(day('2026-10-15'), cal, nothingPublished)).toBe(false);
  });

  it('publishes December 2026 on Monday 4 January 2027, after 元旦 and the weekend', () => {
    expect(reportDue(day('2027-01-01'), cal, nothingPublished)).toBe(false);
    expect(reportDue(day('2027-01-04'), cal, nothingPublished)).toBe(true);
  });

  it('does not look at the workbook outside the window', () => {
    let looked = false;
    reportDue(day('2026-10-20'), cal, () => {
      looked = true;
      return false;
    });
    expect(looked).toBe(false);
  });
});
