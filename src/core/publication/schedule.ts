/**
 * When the monthly publication (一月一公示) is due: the month before is published on the first
 * working day of a month, by a daily check that runs every day of the year.
 */
import type { WorkCalendar } from '../calendar/calendar';
import { type Day, ymdFromDay } from '../calendar/day';
import { firstWorkingDayOfMonth } from '../calendar/month-start';
import { addMonths, type MonthId, monthId } from '../scores/history';

/** How many working days after the first the daily check still publishes a month left unpublished. */
export const CATCH_UP_WORKING_DAYS = 5;

/** The month before `today`'s, as YYYY-MM: the month a publication today reports on. */
export function previousMonth(today: Day): MonthId {
  const { year, month } = ymdFromDay(today);
  return addMonths(monthId(year, month), -1);
}

/**
 * Whether the daily check publishes today: on the month's first working day, or in the working
 * days just after it while the month before is still unpublished (that day's run failed or was
 * busy). Later in the month it does not: a sheet set up mid-month does not publish last month
 * unasked (the menu does that). `isPublished` is asked only inside that window (it costs a
 * look at the workbook).
 */
export function reportDue(today: Day, calendar: WorkCalendar, isPublished: (month: MonthId) => boolean): boolean {
  const first = firstWorkingDayOfMonth(today, calendar);
  if (today < first || calendar.workingDaysBetween(first, today) > CATCH_UP_WORKING_DAYS) return false;
  return !isPublished(previousMonth(today));
}
