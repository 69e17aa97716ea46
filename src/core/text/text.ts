/**
 * Normalising the text people type into cells, so that a header or a unit name matches
 * however it was typed: with line breaks (Alt+Enter in a header cell), full-width letters
 * from a Chinese input method, a required-field asterisk, or a note in brackets.
 */
import { isDateValue } from '../calendar/day';

/** Full-width ASCII (U+FF01..U+FF5E) to half-width, and the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** The trimmed text of a cell; '' for null, undefined and blank cells. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/** A cell with nothing in it: no text and no date (a date cell is a value even to a reader that wants text). */
export function isBlankCell(v: unknown): boolean {
  return cellText(v) === '' && !isDateValue(v);
}

/** Brackets whose contents are a note on a header, not its name: 整改时限（截止日期） is 整改时限. */
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》/g;

/** Punctuation that decorates headers without changing what they name. */
const PUNCTUATION = /[()[\]{}【】〔〕<>《》:*、/\\.,;!?'"“”‘’·_\-—–~|#＊]/g;

const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/**
 * A header cell reduced to what it names: '整改时限\n（截止日期）' -> '整改时限',
 * 'Ｄｅａｄｌｉｎｅ：' -> 'deadline', '责任单位*' -> '责任单位'.
 * A header that is nothing but a bracketed word keeps that word.
 */
export function normalizeHeader(s: unknown): string {
  const half = toHalfWidth(cellText(s));
  const unbracketed = half.replace(BRACKETED, '');
  const base = unbracketed.replace(WHITESPACE, '').replace(PUNCTUATION, '') === '' ? half : unbracketed;
  return base.replace(WHITESPACE, '').replace(PUNCTUATION, '').toLowerCase();
}

/**
 * A name (of a unit, a sheet) reduced for comparison: no whitespace, half-width, lower case,
 * but brackets kept, since 市城管局（执法局） and 市城管局 may be different units.
 */
export function normalizeName(s: unknown): string {
  return toHalfWidth(cellText(s)).replace(WHITESPACE, '').toLowerCase();
}

/** Whether every character is plain ASCII (an English header rather than a Chinese one). */
export function isAscii(s: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
  return /^[\x00-\x7f]*$/.test(s);
}

/** A 0-based column index as the sheet's letter: 0 -> 'A', 26 -> 'AA'. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * A single email address MailApp will accept: the RFC 5322 dot-atom (ASCII letters, digits
 * and !#$%&'*+/=?^_`{|}~- in dot-separated runs before the @), a domain of dotted labels
 * ending in a name of letters. Not loose: MailApp refuses a whole mail for one recipient it
 * does not accept, so an address in doubt is reported instead of sent (`<a@x.cn>`,
 * `a@x.cn（张三）`, `deputy@cg`).
 */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}
