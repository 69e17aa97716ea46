/**
 * How a value written to a cell is stored. Apps Script's setValue/setValues/appendRow treat a
 * string as if a person typed it (like the Sheets API's USER_ENTERED mode): '=...' becomes a
 * formula, '42' and '1,234.5' become numbers, '15%' becomes 0.15 shown as a percentage,
 * 'true' becomes TRUE, '2024-03-01' becomes a date, and a leading apostrophe keeps the rest as
 * text. A cell formatted as plain text ('@') keeps every string as typed.
 * See https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 * ("Sets the value of the range. The value can be numeric, string, boolean or date. If it
 * begins with '=' it is interpreted as a formula.") and USER_ENTERED in
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption ("strings may be
 * converted to numbers, dates, etc. following the same rules that are applied when entering
 * text into a cell via the Google Sheets UI").
 * Not parsed here (locale-dependent in Sheets): 'd/m' style dates, times alone, currencies.
 */
import { DateTime, IANAZone } from 'luxon';
import type { CellValue } from '../model.js';

export interface StoredInput {
  value: CellValue;
  formula?: string;
  /** A number format Sheets picks when the typed text implies one (a date, a percentage). */
  impliedFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const ISO_DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CJK_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

function wallClockDate(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  if (!dt.isValid || dt.month !== month || dt.day !== day) return null;
  return dt.toJSDate();
}

function parseText(text: string, timeZone: string): StoredInput {
  if (text.length > 1 && text.startsWith('=')) return { value: '', formula: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  const lower = text.toLowerCase();
  if (lower === 'true') return { value: true };
  if (lower === 'false') return { value: false };
  if (/\d/.test(text) && NUMBER.test(text)) {
    const percent = text.endsWith('%');
    const n = Number((percent ? text.slice(0, -1) : text).replace(/,/g, ''));
    if (Number.isFinite(n)) {
      if (!percent) return { value: n };
      return { value: n / 100, impliedFormat: text.includes('.') ? '0.00%' : '0%' };
    }
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, sep, m, d, hh, mm, ss] = iso;
    const date = wallClockDate(timeZone, Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
    if (date) {
      const datePart = sep === '-' ? 'yyyy-mm-dd' : 'yyyy/m/d';
      return { value: date, impliedFormat: hh === undefined ? datePart : `${datePart} h:mm:ss` };
    }
  }
  const cjk = CJK_DATE.exec(text);
  if (cjk) {
    const date = wallClockDate(timeZone, Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));
    if (date) return { value: date, impliedFormat: 'yyyy"年"m"月"d"日"' };
  }
  return { value: text };
}

/** What a cell holds after a script (or a person) writes `input` into it. */
export function storedInput(input: unknown, timeZone: string, plainText: boolean): StoredInput {
  if (input === null || input === undefined) return { value: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  if (input instanceof Date || Object.prototype.toString.call(input) === '[object Date]') {
    return { value: new Date((input as Date).getTime()) };
  }
  const text = String(input);
  if (plainText) return { value: text };
  return parseText(text, timeZone);
}

const MS_PER_DAY = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

const zones = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();
const QUARTER_HOUR = 900_000;

/**
 * The zone's UTC offset in minutes at `ms`. Zone transitions fall on quarter hours, so offsets
 * are cached per quarter hour: a ledger has few distinct dates and Intl lookups are slow.
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  let entry = zones.get(timeZone);
  if (!entry) {
    entry = { zone: IANAZone.create(timeZone), offsets: new Map() };
    zones.set(timeZone, entry);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = entry.offsets.get(bucket);
  if (offset === undefined) {
    offset = entry.zone.offset(bucket * QUARTER_HOUR);
    if (entry.offsets.size > 100_000) entry.offsets.clear();
    entry.offsets.set(bucket, offset);
  }
  return offset;
}

/** The wall-clock reading of an instant in a zone, as a Date whose UTC fields carry it. */
export function wallClock(date: Date, timeZone: string): Date {
  return new Date(date.getTime() + offsetMinutes(timeZone, date.getTime()) * 60_000);
}

/** The spreadsheet serial number of an instant: days since 1899-12-30 on the sheet's wall clock. */
export function dateToSerial(date: Date, timeZone: string): number {
  return (wallClock(date, timeZone).getTime() - SERIAL_EPOCH) / MS_PER_DAY;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const wall = DateTime.fromMillis(SERIAL_EPOCH + Math.round(serial * MS_PER_DAY), { zone: 'UTC' });
  return wall.setZone(timeZone, { keepLocalTime: true }).toJSDate();
}

/** Keeps a date's wall-clock reading when the spreadsheet's time zone changes, as Sheets does. */
export function rezoneDate(date: Date, fromZone: string, toZone: string): Date {
  return DateTime.fromJSDate(date, { zone: fromZone }).setZone(toZone, { keepLocalTime: true }).toJSDate();
}

export function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}
