/**
 * The working-day calendar: China's five-day week, bent by the State Council's holiday
 * arrangements. A weekday can be a holiday (放假) and a weekend day can be a working day
 * (调休上班), so "3个工作日内" cannot be computed from weekdays alone.
 *
 * A year nobody has entered yet (the notice comes each November) is counted provisionally on
 * the statutory holidays (statutory-holidays.ts), so 1 January is never a working day; a
 * year the shipped list or the office's sheet covers is never touched by that rule.
 */

import type { CellProblem } from '../problems/problem';
import { normalizeWord } from '../text/vocabulary';
import { type Day, formatDay, isDateValue, parseIsoDay, weekday, ymdFromDay } from './day';
import { parseDateText } from './deadline';
import { CN_HOLIDAYS } from './holidays-cn';
import { statutoryHolidays } from './statutory-holidays';

export interface HolidayEntry {
  day: Day;
  /** 'workday' = 调休上班: a weekend day worked to make up for a holiday block. */
  kind: 'holiday' | 'workday';
  name: string;
  /** A statutory holiday assumed for a year whose arrangement nobody has entered yet. */
  provisional?: true;
}

export class WorkCalendar {
  private readonly byDay = new Map<Day, HolidayEntry>();
  private readonly years = new Set<number>();
  /** Entries that differ from the plain Monday-to-Friday rule, sorted by day. */
  private readonly exceptions: HolidayEntry[];
  /** Statutory holidays of the years not covered, computed when first asked for. */
  private readonly provisional = new Map<number, Map<Day, HolidayEntry>>();

  /** Later entries win over earlier ones for the same day, so the office's sheet can correct the shipped list. */
  constructor(entries: readonly HolidayEntry[]) {
    for (const entry of entries) {
      this.byDay.set(entry.day, entry);
      this.years.add(ymdFromDay(entry.day).year);
    }
    this.exceptions = [...this.byDay.values()].filter((e) => (e.kind === 'holiday') === isWeekday(e.day)).sort((a, b) => a.day - b.day);
  }

  isWorkingDay(day: Day): boolean {
    const entry = this.entryFor(day);
    if (entry) return entry.kind === 'workday';
    return isWeekday(day);
  }

  /** The holiday or make-up day listed for this day, or the statutory holiday assumed for it. */
  entryFor(day: Day): HolidayEntry | undefined {
    return this.byDay.get(day) ?? this.provisionalYear(ymdFromDay(day).year)?.get(day);
  }

  /**
   * The day on which the n-th working day after `from` falls; `from` itself is not counted
   * (a task handed over on Friday with 3个工作日 is due on the third working day after it).
   * A negative n counts backwards; 0 returns `from`.
   */
  addWorkingDays(from: Day, n: number): Day {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = from;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: Day, to: Day): number {
    if (to <= from) return 0;
    let count = weekdaysBetween(from, to);
    for (const e of this.exceptions) {
      if (e.day <= from || e.day > to) continue;
      count += e.kind === 'workday' ? 1 : -1;
    }
    for (let year = ymdFromDay(from + 1).year; year <= ymdFromDay(to).year; year++) {
      for (const e of this.provisionalYear(year)?.values() ?? []) {
        if (e.day > from && e.day <= to && isWeekday(e.day)) count--;
      }
    }
    return count;
  }

  /** Calendar days from `from` to `to` (negative when `to` is earlier). */
  calendarDaysBetween(from: Day, to: Day): number {
    return to - from;
  }

  /** Whether the shipped list or the office's sheet has the year; without it, it is counted provisionally. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  private provisionalYear(year: number): Map<Day, HolidayEntry> | undefined {
    if (this.years.has(year)) return undefined;
    let days = this.provisional.get(year);
    if (!days) {
      days = new Map(
        statutoryHolidays(year).map((h) => [h.day, { day: h.day, kind: 'holiday' as const, name: h.name, provisional: true as const }]),
      );
      this.provisional.set(year, days);
    }
    return days;
  }

  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }
}

function isWeekday(day: Day): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Monday-to-Friday days in (from, to], counted by whole weeks so a long span costs nothing. */
function weekdaysBetween(from: Day, to: Day): number {
  const span = to - from;
  let count = Math.floor(span / 7) * 5;
  for (let day = from + Math.floor(span / 7) * 7 + 1; day <= to; day++) {
    if (isWeekday(day)) count++;
  }
  return count;
}

/** The shipped State Council arrangements as calendar entries. */
export function shippedHolidayEntries(): HolidayEntry[] {
  const entries: HolidayEntry[] = [];
  for (const year of CN_HOLIDAYS) {
    for (const e of year.entries) {
      const day = parseIsoDay(e.date);
      if (day === undefined) throw new Error(`holidays-cn: bad date ${e.date}`);
      entries.push({ day, kind: e.kind, name: e.name });
    }
  }
  return entries;
}

const HOLIDAY_WORDS = new Set(['放假', '休', '假', '休息', '节假日', '假日', 'holiday', 'off', 'dayoff', 'dayoffholiday']);
// Bare 调休 is left out on purpose: people use it both for the make-up working day and for the day off it pays for.
const WORKDAY_WORDS = new Set(['调休上班', '上班', '班', '补班', '工作日', 'workday', 'work', 'workingday']);
const HEADER_WORDS = new Set(['日期', 'date']);

/** What went wrong on a 节假日 row; the caller turns the code into a sentence. */
export type HolidayProblemCode =
  | 'missing-date'
  | 'bad-date'
  | 'impossible-date'
  | 'implausible-year'
  | 'date-serial'
  | 'missing-kind'
  | 'bad-kind'
  | 'duplicate-day';

/** A 节假日 row that cannot be read: 0-based row of the rows given; column 0 = 日期, 1 = 类型, 2 = 名称. */
export type HolidayRowProblem = CellProblem<HolidayProblemCode>;

/**
 * Reads the editable 节假日 sheet: 日期 | 类型 (放假 / 调休上班) | 名称. Blank rows and a
 * header row are skipped; a row with a problem is left out of the entries and reported, so
 * one typo never silently turns a holiday into a working day.
 */
export function parseHolidayRows(rows: unknown[][], toDay: (d: Date) => Day): { entries: HolidayEntry[]; problems: HolidayRowProblem[] } {
  const entries: HolidayEntry[] = [];
  const problems: HolidayRowProblem[] = [];
  const seen = new Map<Day, HolidayEntry['kind']>();

  rows.forEach((cells, row) => {
    const [rawDate, rawKind, rawName] = [cells[0], cells[1], cells[2]];
    if (isBlank(rawDate) && isBlank(rawKind) && isBlank(rawName)) return;
    if (typeof rawDate === 'string' && HEADER_WORDS.has(normalizeWord(rawDate))) return;

    const day = readDay(rawDate, toDay);
    if (typeof day === 'string') {
      problems.push({ row, column: 0, message: day });
      return;
    }
    const kind = readKind(rawKind);
    if (kind === 'missing-kind' || kind === 'bad-kind') {
      problems.push({ row, column: 1, message: kind });
      return;
    }
    const earlier = seen.get(day);
    if (earlier !== undefined) {
      // The same day twice with the same kind is harmless; with opposite kinds nobody can tell which was meant.
      if (earlier !== kind) problems.push({ row, column: 0, message: 'duplicate-day' });
      return;
    }
    seen.set(day, kind);
    entries.push({ day, kind, name: isBlank(rawName) ? '' : String(rawName).trim() });
  });

  return { entries, problems };
}

/** Rows for seeding the 节假日 sheet, in the form parseHolidayRows reads back; the kind in the office's words. */
export function holidaySheetRows(
  entries: readonly HolidayEntry[],
  words: { holiday: string; workday: string } = { holiday: '放假', workday: '调休上班' },
): string[][] {
  return [...entries]
    .sort((a, b) => a.day - b.day)
    .map((e) => [formatDay(e.day), e.kind === 'holiday' ? words.holiday : words.workday, e.name]);
}

function readDay(raw: unknown, toDay: (d: Date) => Day): Day | HolidayProblemCode {
  if (isDateValue(raw)) return toDay(raw);
  if (isBlank(raw)) return 'missing-date';
  // A bare number is most likely a date serial whose cell lost its date format: its day depends on the epoch the sheet used, so it is not guessed.
  if (typeof raw === 'number') return 'date-serial';
  const parsed = parseDateText(String(raw));
  if (parsed === 'impossible') return 'impossible-date';
  return parsed ?? 'bad-date';
}

function readKind(raw: unknown): HolidayEntry['kind'] | 'missing-kind' | 'bad-kind' {
  if (isBlank(raw)) return 'missing-kind';
  const word = normalizeWord(String(raw));
  if (HOLIDAY_WORDS.has(word)) return 'holiday';
  if (WORKDAY_WORDS.has(word)) return 'workday';
  return 'bad-kind';
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}
