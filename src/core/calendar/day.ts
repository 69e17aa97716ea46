/**
 * Calendar days without a time of day or a time zone.
 *
 * A deadline is a day in the office's calendar, not an instant: comparing instants across
 * the script's and the spreadsheet's time zones is how ledgers end up a day off. The core
 * works only in `Day`s (whole days since 1970-01-01); the edge turns a cell's Date into a
 * Day in the spreadsheet's time zone before the core sees it.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayFromYmd(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** Whether year-month-date names a real day (rejects 2月30日). */
export function isValidYmd(year: number, month: number, date: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(date)) return false;
  if (month < 1 || month > 12 || date < 1) return false;
  return date <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface Ymd {
  year: number;
  month: number;
  date: number;
}

export function ymdFromDay(day: Day): Ymd {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

/** 'YYYY-MM-DD' */
export function formatDay(day: Day): string {
  const { year, month, date } = ymdFromDay(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Parses exactly 'YYYY-MM-DD'; undefined otherwise. */
export function parseIsoDay(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : undefined;
}

/** A Date's wall-clock day at a fixed UTC offset in minutes (+480 for Asia/Shanghai). */
export function dayAtOffset(instant: Date, offsetMinutes: number): Day {
  return Math.floor((instant.getTime() + offsetMinutes * 60_000) / MS_PER_DAY);
}

/** Date values cross realms (the Apps Script runtime hands out its own Dates): check the tag, not instanceof. */
export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}
