/**
 * 整改时限: what people actually type into the deadline column, turned into a Day.
 *
 * Ledgers are filled by hand from notices, so a deadline may be a date cell, a date typed
 * as text in several styles, a relative phrase (3个工作日内, 7月底前, 年底前) or a word
 * meaning there is no deadline (长期坚持). Anything not understood is reported, never
 * guessed: a wrong guess would send a unit a false overdue notice.
 */

import type { WorkCalendar } from './calendar';
import { type Day, dayFromYmd, daysInMonth, isDateValue, isValidYmd, weekday, ymdFromDay } from './day';

export type Deadline =
  | {
      kind: 'date';
      day: Day;
      form: DeadlineForm;
      /**
       * Set when a relative deadline (3个工作日内, 15日内, 立即整改, 本月底前) had no 交办日期 and was
       * counted from the day the row was first seen (纳入督办日期), so the row can say so.
       */
      fromFirstSeen?: true;
    }
  | { kind: 'none'; text: string }
  | { kind: 'invalid'; text: string; reason: DeadlineReason };

/** Which way of writing a deadline matched; shown in tests and the system note. */
export type DeadlineForm =
  | 'date-value'
  | 'ymd'
  | 'month-day'
  | 'month-end'
  | 'xun'
  | 'year-end'
  | 'immediate'
  | 'working-days'
  | 'calendar-days'
  | 'months'
  | 'this-week'
  | 'next-week'
  | 'this-month'
  | 'next-month';

/** Why a deadline was not understood; the caller turns the code into a message. */
export type DeadlineReason =
  | 'blank'
  | 'unrecognised'
  | 'impossible-date'
  | 'implausible-year'
  | 'ambiguous-date'
  | 'date-serial'
  | 'bad-count';

export interface DeadlineContext {
  /** 交办日期: the day the task was handed to the unit, when the ledger has it. */
  issueDay?: Day;
  /**
   * The day the deadline is read from when it names no year or no start (12月15日, 年底前,
   * 本月底, 3个工作日内 or 立即整改 without an issue date): the day the row was first seen
   * (纳入督办日期, which the sweep keeps), never "today", so that a deadline does not move with
   * the calendar.
   */
  anchor: Day;
  calendar: WorkCalendar;
  /** Turns a date cell into a Day in the spreadsheet's time zone. */
  toDay: (d: Date) => Day;
}

const ONGOING = new Set(['长期坚持', '持续推进', '常态化', '常态化推进', '常态长效', '长期', '持续', '长期推进', '持续整改', '长期整改']);
const IMMEDIATE = new Set(['立即整改', '立行立改', '即知即改', '立即', '立即办理', '马上整改', '即查即改']);
const YEAR_END = new Set(['年底', '年内', '年末', '今年底', '今年年底', '今年内', '今年年内', '本年底', '本年内', '本年度内', '年度内']);

/** Plausible spreadsheet serials for 2000-01-01 .. 2099-12-31 (1899-12-30 epoch). */
const SERIAL_MIN = 36526;
const SERIAL_MAX = 73050;

/** How far before the issue date a yearless deadline may fall and still be read in the issue year. */
const PAST_GRACE_DAYS = 31;

const N = '(\\d{1,3}|[零〇一二两三四五六七八九十]{1,3})';
const WORKING_DAYS = new RegExp(`^${N}个?工作日(?:内|以内|之内)?$`);
const CALENDAR_DAYS = new RegExp(`^${N}(?:个?自然日|个?日历日|天|日)(?:内|以内|之内)$`);
const BARE_DAYS = new RegExp(`^${N}天$`);
const MONTHS = new RegExp(`^${N}个月(?:内|以内|之内)?$`);
const PART_OF_MONTH = new RegExp(`^(?:(\\d{4})年)?${N}月份?(底|末|内|上旬|中旬|下旬)$`);
const MONTH_DAY = new RegExp(`^${N}月${N}[日号]$`);

export function parseDeadline(raw: unknown, ctx: DeadlineContext): Deadline {
  if (isDateValue(raw)) return { kind: 'date', day: ctx.toDay(raw), form: 'date-value' };
  if (typeof raw === 'number') return parseNumber(raw);
  const text = raw === undefined || raw === null ? '' : String(raw);
  const invalid = (reason: DeadlineReason): Deadline => ({ kind: 'invalid', text, reason });
  if (raw === undefined || raw === null) return invalid('blank');
  if (typeof raw !== 'string') return invalid('unrecognised');

  const whole = normaliseText(withoutTime(text));
  if (whole === '') return invalid('blank');
  if (ONGOING.has(whole)) return { kind: 'none', text };
  const fromFirstSeen = ctx.issueDay === undefined ? { fromFirstSeen: true as const } : {};
  if (IMMEDIATE.has(whole)) return { kind: 'date', day: ctx.issueDay ?? ctx.anchor, form: 'immediate', ...fromFirstSeen };

  const core = stripAffixes(whole);
  const result = parseCore(core, ctx);
  if (typeof result === 'string') return invalid(result);
  return { kind: 'date', day: result.day, form: result.form, ...(RELATIVE.has(result.form) ? fromFirstSeen : {}) };
}

/**
 * Forms counted from a start day: the 交办日期, or without one the day the row was first seen.
 * One rule for all of them: 3个工作日内 without a 交办日期 is no less readable than 立即整改.
 */
const RELATIVE: ReadonlySet<DeadlineForm> = new Set([
  'immediate',
  'working-days',
  'calendar-days',
  'months',
  'this-week',
  'next-week',
  'this-month',
  'next-month',
]);

type CoreResult = { day: Day; form: DeadlineForm } | DeadlineReason;

function parseCore(s: string, ctx: DeadlineContext): CoreResult {
  // The day a relative deadline counts from: the 交办日期, else the day the row was first seen.
  const start = ctx.issueDay ?? ctx.anchor;
  const baseYear = ymdFromDay(start).year;
  let m: RegExpExecArray | null;

  if (YEAR_END.has(s)) return { day: dayFromYmd(baseYear, 12, 31), form: 'year-end' };
  if ((m = /^(\d{4})年(?:年?底|末|内|度内)$/.exec(s))) {
    const year = Number(m[1]);
    return yearOk(year) ? { day: dayFromYmd(year, 12, 31), form: 'year-end' } : 'implausible-year';
  }

  if ((m = WORKING_DAYS.exec(s))) {
    const n = cnNumber(m[1]);
    if (n === undefined || n < 1) return 'bad-count';
    return { day: ctx.calendar.addWorkingDays(start, n), form: 'working-days' };
  }
  if ((m = CALENDAR_DAYS.exec(s)) || (m = BARE_DAYS.exec(s))) {
    const n = cnNumber(m[1]);
    if (n === undefined || n < 1) return 'bad-count';
    return { day: start + n, form: 'calendar-days' };
  }
  if ((m = MONTHS.exec(s))) {
    const n = cnNumber(m[1]);
    if (n === undefined || n < 1) return 'bad-count';
    return { day: addMonths(start, n), form: 'months' };
  }

  if ((m = /^(本周|这周|本星期|下周|下星期)(?:内|末)?$/.exec(s))) {
    // Weeks run Monday to Sunday; the deadline is the week's last day.
    const sunday = start + ((7 - weekday(start)) % 7);
    const next = m[1].startsWith('下');
    return { day: next ? sunday + 7 : sunday, form: next ? 'next-week' : 'this-week' };
  }
  if ((m = /^(本月|当月|下月|下个月)(?:底|末|内)?$/.exec(s))) {
    const { year, month } = ymdFromDay(start);
    const next = m[1].startsWith('下');
    const [y, mo] = next ? (month === 12 ? [year + 1, 1] : [year, month + 1]) : [year, month];
    return { day: dayFromYmd(y, mo, daysInMonth(y, mo)), form: next ? 'next-month' : 'this-month' };
  }

  const full = parseDateText(s);
  if (full === 'impossible') return 'impossible-date';
  if (full === 'implausible-year') return 'implausible-year';
  if (full !== undefined) return { day: full, form: 'ymd' };

  // 2024年7月底前 / 7月上旬: a part of a month, with or without its year.
  if ((m = PART_OF_MONTH.exec(s))) {
    const month = cnNumber(m[2]);
    if (month === undefined || month < 1 || month > 12) return 'impossible-date';
    const part = m[3];
    const form: DeadlineForm = part.endsWith('旬') ? 'xun' : 'month-end';
    const dateIn = (year: number): number => (part === '上旬' ? 10 : part === '中旬' ? 20 : daysInMonth(year, month));
    return withYear(m[1], month, dateIn, form, ctx);
  }
  if ((m = MONTH_DAY.exec(s))) {
    const month = cnNumber(m[1]);
    const date = cnNumber(m[2]);
    if (month === undefined || date === undefined) return 'unrecognised';
    return withYear(undefined, month, () => date, 'month-day', ctx);
  }
  // 7/31 could be read day-first by someone used to another convention; ask for 7月31日.
  if (/^\d{1,2}[-/.]\d{1,2}$/.test(s)) return 'ambiguous-date';
  return 'unrecognised';
}

/**
 * Resolves a month and day written without a year. With an issue date, the deadline is the
 * next such day after it (1月10日 issued 2026-12-20 means 2027-01-10), except that a day a
 * few weeks before the issue date stays in the issue year: 7月上旬 written on 7月15日 is a
 * late task, not one due next July, and showing it overdue is how someone notices. Without an
 * issue date, the current year is the only sensible reading.
 */
function withYear(
  yearText: string | undefined,
  month: number,
  dateIn: (year: number) => number,
  form: DeadlineForm,
  ctx: DeadlineContext,
): CoreResult {
  let year: number;
  if (yearText !== undefined) {
    year = Number(yearText);
    if (!yearOk(year)) return 'implausible-year';
  } else if (ctx.issueDay !== undefined) {
    year = ymdFromDay(ctx.issueDay).year;
    // Clamped only to measure the distance: 2月29日 in a common year is still rejected below.
    const sameYear = dayFromYmd(year, month, Math.min(dateIn(year), daysInMonth(year, month)));
    if (sameYear < ctx.issueDay - PAST_GRACE_DAYS) year++;
  } else {
    year = ymdFromDay(ctx.anchor).year;
  }
  const date = dateIn(year);
  if (!isValidYmd(year, month, date)) return 'impossible-date';
  return { day: dayFromYmd(year, month, date), form };
}

/**
 * A full date written as text: 2024-07-31, 2024/7/31, 2024.7.31, 2024年7月31日(号), 20240731.
 * Undefined when the text is not of that shape; 'impossible' for 2月30日 and the like, which
 * are never rolled over into the next month.
 */
export function parseDateText(text: string): Day | 'impossible' | 'implausible-year' | undefined {
  const s = normaliseText(withoutTime(text));
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ??
    /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!yearOk(year)) return 'implausible-year';
  return isValidYmd(year, month, date) ? dayFromYmd(year, month, date) : 'impossible';
}

/** A time tail ("2024-07-31 00:00:00") is what a date looks like after a CSV round trip; the day is what counts. */
function withoutTime(text: string): string {
  return text.normalize('NFKC').replace(/\s+\d{1,2}:\d{2}(?::\d{2})?\s*$/, '');
}

/** Full-width digits and punctuation folded to ASCII, all spaces removed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。，,；;！!]+$/, '');
}

/** Chinese or Arabic numerals up to 99: 三, 十五, 二十, 三十一, 两. */
export function cnNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (c: string): number | undefined => {
    const i = '零一二三四五六七八九'.indexOf(c);
    if (i >= 0) return i;
    if (c === '〇') return 0;
    if (c === '两') return 2;
    return undefined;
  };
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? digit(text) : undefined;
  const head = text.slice(0, ten);
  const tail = text.slice(ten + 1);
  const tens = head === '' ? 1 : head.length === 1 ? digit(head) : undefined;
  const ones = tail === '' ? 0 : tail.length === 1 ? digit(tail) : undefined;
  if (tens === undefined || ones === undefined) return undefined;
  return tens * 10 + ones;
}

function parseNumber(n: number): Deadline {
  const text = String(n);
  if (Number.isInteger(n) && n >= 20000101 && n <= 20991231) {
    const full = parseDateText(text);
    if (typeof full === 'number') return { kind: 'date', day: full, form: 'ymd' };
    return { kind: 'invalid', text, reason: 'impossible-date' };
  }
  // A date cell that lost its format shows as a serial; which day it is depends on the sheet's epoch, so it is flagged for a person to retype.
  if (n >= SERIAL_MIN && n <= SERIAL_MAX) return { kind: 'invalid', text, reason: 'date-serial' };
  return { kind: 'invalid', text, reason: 'unrecognised' };
}

const PREFIXES = ['截止到', '截止至', '截至', '截止', '最迟', '最晚', '须于', '需于', '于', '在'];
const VERB_SUFFIXES = ['完成整改', '整改完成', '整改完毕', '整改到位', '完成', '办结', '落实到位'];
const BEFORE_SUFFIXES = ['之前', '以前', '为止', '前'];

/** 于7月31日前完成 -> 7月31日: the words around a date do not change the date. */
function stripAffixes(s: string): string {
  let out = s;
  for (const p of PREFIXES) {
    if (out.startsWith(p) && out.length > p.length) {
      out = out.slice(p.length);
      break;
    }
  }
  for (const list of [VERB_SUFFIXES, BEFORE_SUFFIXES]) {
    for (const suffix of list) {
      if (out.endsWith(suffix) && out.length > suffix.length) {
        out = out.slice(0, -suffix.length);
        break;
      }
    }
  }
  return out;
}

function addMonths(day: Day, n: number): Day {
  const { year, month, date } = ymdFromDay(day);
  const index = year * 12 + (month - 1) + n;
  const [y, mo] = [Math.floor(index / 12), (index % 12) + 1];
  // 1月31日 + 1个月 is the last day of February, the usual reading of 一个月内.
  return dayFromYmd(y, mo, Math.min(date, daysInMonth(y, mo)));
}

function yearOk(year: number): boolean {
  return year >= 2000 && year <= 2099;
}
