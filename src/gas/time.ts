/**
 * Dates at the edge: a date cell is midnight in the *spreadsheet's* time zone, which may
 * differ from the script's. The core works in Days; these two functions cross over, asking
 * Utilities once per distinct date (memoised), so the cost follows the calendar, not the rows.
 */
import { type Day, dayAtOffset, parseIsoDay } from '../core/calendar/day';

const MS_PER_DAY = 86_400_000;

export interface SheetClock {
  timeZone: string;
  today: Day;
  toDay: (d: Date) => Day;
  /** Midnight of a Day in the spreadsheet's time zone, as the Date a date cell holds. */
  fromDay: (day: Day) => Date;
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const z = Utilities.formatDate(instant, timeZone, 'Z'); // '+0800'
  const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

export function sheetClock(timeZone: string, now: Date): SheetClock {
  const days = new Map<number, Day>();
  const dates = new Map<Day, Date>();
  const toDay = (d: Date): Day => {
    const t = d.getTime();
    let day = days.get(t);
    if (day === undefined) {
      day = parseIsoDay(Utilities.formatDate(d, timeZone, 'yyyy-MM-dd')) ?? dayAtOffset(d, offsetMinutes(d, timeZone));
      days.set(t, day);
    }
    return day;
  };
  const fromDay = (day: Day): Date => {
    let date = dates.get(day);
    if (date === undefined) {
      // The offset at noon that day is the day's offset except on the rare DST-switch day.
      const noon = new Date(day * MS_PER_DAY + MS_PER_DAY / 2);
      date = new Date(day * MS_PER_DAY - offsetMinutes(noon, timeZone) * 60_000);
      dates.set(day, date);
    }
    return new Date(date.getTime());
  };
  return { timeZone, today: toDay(now), toDay, fromDay };
}
