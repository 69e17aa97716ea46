/**
 * What `setup` must add to an existing workbook so that it is complete, never touching a
 * row that is already there: missing settings rows, missing directory columns, holiday
 * years the sheet does not cover yet.
 */
import { type HolidayEntry, holidaySheetRows } from '../calendar/calendar';
import { ymdFromDay } from '../calendar/day';
import { findUnitColumns, UNIT_COLUMNS, unitHeaders } from '../directory/units';
import { allTexts, type Locale, translator } from '../i18n';
import { SETTING_KEYS, settingHelp, settingKeyOf, settingRows } from '../settings/settings';
import { cellText, normalizeHeader } from '../text/text';

/** Settings rows (label, default, explanation) whose key no row of the sheet names yet. */
export function missingSettingRows(values: unknown[][], locale: Locale): string[][] {
  const present = new Set(values.map((row) => normalizeHeader(row?.[0])));
  const mine = settingRows(translator(locale), locale);
  const others = (['zh-CN', 'en'] as Locale[]).map((l) => settingRows(translator(l), l));
  const out: string[][] = [];
  SETTING_KEYS.forEach((key, i) => {
    const names = [key, ...others.map((rows) => rows[i + 1]![0]!)].map(normalizeHeader);
    if (!names.some((n) => present.has(n))) out.push(mine[i + 1]!);
  });
  return out;
}

/**
 * Explanations in the settings sheet's 说明 column that no longer say what the setting does
 * (written by an older version, or in another language): each with the text it should have.
 * The column is Duban's own text, so setup keeps it true; values and labels are never touched.
 */
export function staleSettingHelp(values: unknown[][], locale: Locale): { row: number; column: number; text: string }[] {
  const helpHeaders = new Set(allTexts('setting.col.help').map(normalizeHeader));
  const header = values.find((row) => (row ?? []).some((v) => helpHeaders.has(normalizeHeader(v))));
  const column = header ? header.findIndex((v) => helpHeaders.has(normalizeHeader(v))) : 2;
  const stale: { row: number; column: number; text: string }[] = [];
  values.forEach((row, r) => {
    const key = settingKeyOf(row?.[0]);
    if (key === undefined) return;
    const text = settingHelp(key, locale);
    if (cellText(row?.[column]) !== text) stale.push({ row: r, column, text });
  });
  return stale;
}

/**
 * Directory headers the sheet's first row lacks, in either language. A column the directory
 * reader already understands under another name (单位, 邮箱) counts as present: adding
 * 单位名称 beside 单位 would give people an empty column the reader ignores.
 */
export function missingUnitHeaders(values: unknown[][], locale: Locale): string[] {
  const first = values[0] ?? [];
  const header = new Set(first.map(normalizeHeader));
  // Ask the reader itself which columns it finds, by the same aliases it reads the rows with.
  const found = findUnitColumns(first);
  const mine = unitHeaders(translator(locale));
  const other = unitHeaders(translator(locale === 'en' ? 'zh-CN' : 'en'));
  return mine.filter((h, i) => {
    const column = UNIT_COLUMNS[i];
    if (column !== undefined && found[column] !== undefined) return false;
    return !header.has(normalizeHeader(h)) && !header.has(normalizeHeader(other[i]));
  });
}

/** Shipped holiday rows for the given years where the sheet has no row of that year yet. */
export function missingHolidayRows(
  values: unknown[][],
  years: number[],
  shipped: readonly HolidayEntry[],
  toYear: (v: unknown) => number | undefined,
  words?: { holiday: string; workday: string },
): string[][] {
  const covered = new Set<number>();
  for (const row of values) {
    const y = toYear(row?.[0]);
    if (y !== undefined) covered.add(y);
  }
  const wanted = years.filter((y) => !covered.has(y));
  return holidaySheetRows(
    shipped.filter((e) => wanted.includes(ymdFromDay(e.day).year)),
    words,
  );
}

/** The year a holiday sheet's date cell names, text or date. */
export function yearOfCell(v: unknown, toYear: (d: Date) => number): number | undefined {
  if (Object.prototype.toString.call(v) === '[object Date]') return toYear(v as Date);
  const m = /^(\d{4})/.exec(cellText(v));
  return m ? Number(m[1]) : undefined;
}
