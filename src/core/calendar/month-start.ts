/**
 * The first working day of a month (每月第一个工作日): the day the month before is published
 * (一月一公示). A month that opens with a holiday (国庆节 on 1 October, 元旦 on 1 January) or a
 * weekend starts working later; a make-up working day (调休) on a weekend counts.
 */
import type { WorkCalendar } from './calendar';
import { type Day, ymdFromDay } from './day';

/** The first working day of `today`'s month (the month's last day, if none is a working day). */
export function firstWorkingDayOfMonth(today: Day, calendar: WorkCalendar): Day {
  const { month, date } = ymdFromDay(today);
  let day = today - (date - 1);
  while (!calendar.isWorkingDay(day) && ymdFromDay(day + 1).month === month) day++;
  return day;
}
