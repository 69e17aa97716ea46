/**
 * getDisplayValue(s): a cell's value as Sheets shows it, rendered by its number format in the
 * spreadsheet's time zone. Supports the Sheets format syntax a ledger uses: date/time tokens
 * (yyyy yy m mm mmm mmmm d dd ddd dddd h hh m mm s ss am/pm, quoted and escaped literals) and
 * number sections (0 # , . % and literal prefixes/suffixes, up to four ';' sections).
 * https://developers.google.com/sheets/api/guides/formats
 */
import { DateTime } from 'luxon';
import type { CellValue } from '../model.js';
import { dateToSerial, isDate, serialToDate, wallClock } from './values.js';

/** What Apps Script's getNumberFormat() reports for a cell left on "Automatic". */
export const AUTOMATIC_FORMAT = '0.###############';

/** The format Sheets gives a cell when a script writes a Date into an unformatted cell. */
export function defaultDateTimeFormat(locale: string): string {
  return locale.startsWith('en_US') ? 'M/d/yyyy H:mm:ss' : 'yyyy/M/d H:mm:ss';
}

function defaultDateFormat(locale: string): string {
  return locale.startsWith('en_US') ? 'M/d/yyyy' : 'yyyy/M/d';
}

type Token = { kind: 'literal'; text: string } | { kind: 'code'; text: string };

/** Splits a format section into literals and code characters, honouring "quotes" and \escapes. */
function tokenize(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ kind: 'literal', text: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\' && i + 1 < section.length) {
      out.push({ kind: 'literal', text: section[i + 1] });
      i++;
    } else if (ch === '_' && i + 1 < section.length) {
      out.push({ kind: 'literal', text: ' ' });
      i++;
    } else if (ch === '*') {
      i++;
    } else {
      out.push({ kind: 'code', text: ch });
    }
  }
  return out;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && i + 1 < format.length) {
      current += ch + format[i + 1];
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  sections.push(current);
  return sections;
}

function codeText(section: string): string {
  return tokenize(section)
    .filter((t) => t.kind === 'code')
    .map((t) => t.text)
    .join('')
    .replace(/\[[^\]]*\]/g, '');
}

const dateFormatCache = new Map<string, boolean>();

function isDateFormat(format: string): boolean {
  let known = dateFormatCache.get(format);
  if (known === undefined) {
    const code = codeText(splitSections(format)[0]).toLowerCase();
    known = /[ydhs]/.test(code) || (/m/.test(code) && !/[0#]/.test(code));
    if (dateFormatCache.size > 1000) dateFormatCache.clear();
    dateFormatCache.set(format, known);
  }
  return known;
}

// ---- dates ------------------------------------------------------------------------------

interface DateToken {
  kind: 'y' | 'm' | 'd' | 'h' | 's' | 'ampm' | 'literal' | 'fraction';
  width: number;
  text: string;
}

function dateTokens(section: string): DateToken[] {
  const out: DateToken[] = [];
  for (const token of tokenize(section)) {
    if (token.kind === 'literal') {
      out.push({ kind: 'literal', width: 0, text: token.text });
      continue;
    }
    const ch = token.text.toLowerCase();
    const last = out[out.length - 1];
    if ('ymdhs'.includes(ch) && last && last.kind === ch && last.text === '') {
      last.width++;
    } else if ('ymdhs'.includes(ch)) {
      out.push({ kind: ch as DateToken['kind'], width: 1, text: '' });
    } else {
      out.push({ kind: 'literal', width: 0, text: token.text });
    }
  }
  // Glue am/pm and a/p, and fractional seconds ('.000' after seconds).
  const merged: DateToken[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    const rest = out
      .slice(i, i + 5)
      .map((x) => (x.kind === 'literal' ? x.text : x.kind.repeat(x.width)))
      .join('');
    if (/^am\/pm/i.test(rest)) {
      merged.push({ kind: 'ampm', width: 5, text: '' });
      i += countTokensSpanning(out, i, 5);
      continue;
    }
    if (/^a\/p/i.test(rest)) {
      merged.push({ kind: 'ampm', width: 1, text: '' });
      i += countTokensSpanning(out, i, 3);
      continue;
    }
    if (t.kind === 'literal' && t.text === '.' && merged[merged.length - 1]?.kind === 's') {
      let zeros = 0;
      while (out[i + 1 + zeros]?.kind === 'literal' && out[i + 1 + zeros].text === '0') zeros++;
      if (zeros > 0) {
        merged.push({ kind: 'fraction', width: zeros, text: '' });
        i += zeros;
        continue;
      }
    }
    merged.push(t);
  }
  return merged;
}

/** How many tokens (minus one) cover `chars` characters from index i. */
function countTokensSpanning(tokens: DateToken[], i: number, chars: number): number {
  let seen = 0;
  let j = i;
  while (j < tokens.length && seen < chars) {
    const t = tokens[j];
    seen += t.kind === 'literal' ? t.text.length : t.width;
    j++;
  }
  return j - i - 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function luxonLocale(locale: string): string {
  return locale.replace('_', '-');
}

const tokenCache = new Map<string, DateToken[]>();

function cachedDateTokens(section: string): DateToken[] {
  let tokens = tokenCache.get(section);
  if (!tokens) {
    tokens = dateTokens(section);
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(section, tokens);
  }
  return tokens;
}

/** Month and weekday names come from luxon in the spreadsheet's locale; the digits need no Intl. */
function named(date: Date, timeZone: string, locale: string, luxonToken: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).setLocale(luxonLocale(locale)).toFormat(luxonToken);
}

function formatDate(date: Date, section: string, timeZone: string, locale: string): string {
  const wall = wallClock(date, timeZone);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const hour = wall.getUTCHours();
  const minute = wall.getUTCMinutes();
  const second = wall.getUTCSeconds();
  const tokens = cachedDateTokens(section);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  let out = '';
  tokens.forEach((t, i) => {
    switch (t.kind) {
      case 'literal':
        out += t.text;
        break;
      case 'y':
        out += t.width <= 2 ? pad(year % 100, 2) : String(year);
        break;
      case 'm': {
        const prev = tokens
          .slice(0, i)
          .reverse()
          .find((x) => x.kind !== 'literal');
        const next = tokens.slice(i + 1).find((x) => x.kind !== 'literal');
        const minutes = t.width <= 2 && (prev?.kind === 'h' || next?.kind === 's');
        if (minutes) out += pad(minute, t.width);
        else if (t.width === 1) out += String(month);
        else if (t.width === 2) out += pad(month, 2);
        else if (t.width === 3) out += named(date, timeZone, locale, 'LLL');
        else if (t.width === 5) out += named(date, timeZone, locale, 'LLLLL');
        else out += named(date, timeZone, locale, 'LLLL');
        break;
      }
      case 'd':
        if (t.width === 1) out += String(day);
        else if (t.width === 2) out += pad(day, 2);
        else if (t.width === 3) out += named(date, timeZone, locale, 'ccc');
        else out += named(date, timeZone, locale, 'cccc');
        break;
      case 'h':
        out += pad(twelveHour ? ((hour + 11) % 12) + 1 : hour, Math.min(t.width, 2));
        break;
      case 's':
        out += pad(second, Math.min(t.width, 2));
        break;
      case 'fraction':
        out += `.${pad(wall.getUTCMilliseconds(), 3).slice(0, t.width).padEnd(t.width, '0')}`;
        break;
      case 'ampm':
        out += t.width === 1 ? (hour < 12 ? 'a' : 'p') : hour < 12 ? 'AM' : 'PM';
        break;
    }
  });
  return out;
}

// ---- numbers ----------------------------------------------------------------------------

/** "Automatic": integers as typed, other numbers to about ten significant digits. */
function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (n !== 0 && (Math.abs(n) >= 1e15 || Math.abs(n) < 1e-9)) return n.toExponential(2).toUpperCase();
  return String(Number(n.toPrecision(10)));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumberSection(n: number, section: string): string {
  const tokens = tokenize(section);
  const isPlaceholder = (t: Token): boolean => t.kind === 'code' && '0#?'.includes(t.text);
  const first = tokens.findIndex(isPlaceholder);
  if (first < 0) {
    // No digits in the section: only literals (e.g. a "-" zero section).
    return tokens.map((t) => (t.text === '%' && t.kind === 'code' ? '%' : t.text)).join('');
  }
  let last = first;
  tokens.forEach((t, i) => {
    if (isPlaceholder(t)) last = i;
  });
  const core = tokens
    .slice(first, last + 1)
    .map((t) => (t.kind === 'code' ? t.text : ''))
    .join('');
  const prefix = tokens.slice(0, first);
  const suffix = tokens.slice(last + 1);
  const percent = tokens.some((t) => t.kind === 'code' && t.text === '%');
  let value = Math.abs(n) * (percent ? 100 : 1);
  // Trailing commas after the last digit scale by thousands.
  let trailingCommas = 0;
  for (const t of suffix) {
    if (t.kind === 'code' && t.text === ',') trailingCommas++;
    else break;
  }
  value /= 1000 ** trailingCommas;
  const [intPattern, decPattern = ''] = core.split('.');
  const maxDecimals = (decPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (decPattern.match(/0/g) ?? []).length;
  const fixed = value.toFixed(maxDecimals);
  let [intDigits, decDigits = ''] = fixed.split('.');
  while (decDigits.length > minDecimals && decDigits.endsWith('0')) decDigits = decDigits.slice(0, -1);
  const minInt = (intPattern.match(/0/g) ?? []).length;
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = groupThousands(intDigits);
  const body = core.includes('.') ? `${intDigits}.${decDigits}` : intDigits;
  const render = (ts: Token[]): string => ts.map((t) => (t.kind === 'literal' ? t.text : t.text === ',' ? '' : t.text)).join('');
  return render(prefix) + body + render(suffix.slice(trailingCommas));
}

function formatNumber(n: number, format: string): string {
  const sections = splitSections(format);
  if (n < 0 && sections.length >= 2) return formatNumberSection(n, sections[1]);
  if (n === 0 && sections.length >= 3) return formatNumberSection(n, sections[2]);
  const text = formatNumberSection(n, sections[0]);
  return n < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

function isAutomatic(format: string | undefined): boolean {
  return format === undefined || format === '' || format === AUTOMATIC_FORMAT || format.toLowerCase() === 'general';
}

/** The text Sheets shows for `value` under `format` (undefined: Automatic). */
export function displayText(value: CellValue, format: string | undefined, timeZone: string, locale: string): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const sections = format ? splitSections(format) : [];
    const textSection = sections.length === 4 ? sections[3] : sections.find((s) => codeText(s).includes('@'));
    if (!textSection) return value;
    return tokenize(textSection)
      .map((t) => (t.kind === 'code' && t.text === '@' ? value : t.text))
      .join('');
  }
  if (isDate(value)) {
    if (isAutomatic(format) || format === '@') {
      const midnight = wallClock(value, timeZone).getTime() % 86_400_000 === 0;
      return formatDate(value, midnight ? defaultDateFormat(locale) : defaultDateTimeFormat(locale), timeZone, locale);
    }
    if (format && isDateFormat(format)) return formatDate(value, splitSections(format)[0], timeZone, locale);
    return formatNumber(dateToSerial(value, timeZone), format ?? AUTOMATIC_FORMAT);
  }
  if (isAutomatic(format) || format === '@') return formatGeneral(value);
  if (format && isDateFormat(format)) return formatDate(serialToDate(value, timeZone), splitSections(format)[0], timeZone, locale);
  return formatNumber(value, format ?? AUTOMATIC_FORMAT);
}
