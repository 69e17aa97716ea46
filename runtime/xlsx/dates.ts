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
  return new Date(wallClockMs(instant, zone));
}

/**
 * A ledger's dates repeat (a few hundred distinct days over 50,000 rows), and luxon's zone
 * arithmetic was a sixth of the runner's export: each instant is converted once per zone.
 */
const wallClocks = new Map<string, Map<number, number>>();

function wallClockMs(instant: Date, zone: string): number {
  let byInstant = wallClocks.get(zone);
  if (!byInstant) {
    byInstant = new Map();
    wallClocks.set(zone, byInstant);
  }
  const ms = instant.getTime();
  const known = byInstant.get(ms);
  if (known !== undefined) return known;
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw new Error(`Invalid time zone for the workbook: ${zone}`);
  const wall = Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
  if (byInstant.size > 100_000) byInstant.clear();
  byInstant.set(ms, wall);
  return wall;
}

/** True if the instant is midnight in `zone` (a plain date, no time part). */
export function isMidnightIn(instant: Date, zone: string): boolean {
  if (Number.isNaN(instant.getTime())) return false;
  try {
    return wallClockMs(instant, zone) % 86_400_000 === 0;
  } catch {
    return false; // an unknown zone: as luxon's invalid DateTime answered
  }
}
