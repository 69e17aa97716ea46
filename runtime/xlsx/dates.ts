/**
 * xlsx keeps a date as a serial: a wall-clock date/time with no zone. exceljs hands it over as a
 * Date whose UTC fields are that wall clock. Sheets keeps a date cell as the instant at which the
 * spreadsheet's time zone shows that wall clock, so we convert both ways through luxon.
 */
import { DateTime } from 'luxon';

/** exceljs's wall-clock Date (UTC fields) -> the instant it denotes in `zone`. */
export function wallClockToInstant(wallClock: Date, zone: string): Date {
  const dt = DateTime.fromObject(
    {
      year: wallClock.getUTCFullYear(),
      month: wallClock.getUTCMonth() + 1,
      day: wallClock.getUTCDate(),
      hour: wallClock.getUTCHours(),
      minute: wallClock.getUTCMinutes(),
      second: wallClock.getUTCSeconds(),
      millisecond: wallClock.getUTCMilliseconds(),
    },
    { zone },
  );
  if (!dt.isValid) throw new Error(`Invalid time zone for the workbook: ${zone}`);
  return dt.toJSDate();
}

/** An instant -> the wall-clock Date (UTC fields) that exceljs writes as a serial. */
export function instantToWallClock(instant: Date, zone: string): Date {
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw new Error(`Invalid time zone for the workbook: ${zone}`);
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond));
}

/** True if the instant is midnight in `zone` (a plain date, no time part). */
export function isMidnightIn(instant: Date, zone: string): boolean {
  const dt = DateTime.fromJSDate(instant, { zone });
  return dt.hour === 0 && dt.minute === 0 && dt.second === 0 && dt.millisecond === 0;
}
