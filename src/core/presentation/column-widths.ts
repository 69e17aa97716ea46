/**
 * How wide a column must be to show what it holds, in the pixels Sheets' setColumnWidth takes.
 *
 * Sheets cannot measure text for a script, so this estimates it: a Chinese character is as wide
 * as the font is high (1 em), a digit or a small letter a little over half that, a capital about
 * two thirds. Estimates err wide: a column a few pixels too wide costs nothing, one too narrow
 * shows ### for a date and hides the end of a header.
 */

import { type Locale, type Translate, translator } from '../i18n';
import { catalogues } from '../i18n/messages';
import { SCRIPT_FIELD_KEYS, type ScriptField } from '../ledger/columns';
import { STATE_MESSAGE, type StateCode } from '../ledger/state';
import { normalizeHeader } from '../text/text';

/** Sheets' default font size, in points. */
export const DEFAULT_FONT_PT = 10;

/** Pixels per point (96 dpi screens; Sheets sizes fonts in points and columns in pixels). */
const PX_PER_PT = 96 / 72;
/** Cell padding on both sides, plus room for the filter button a header may carry. */
const PADDING_PX = 16;
/** Bold glyphs are wider. */
const BOLD = 1.1;

/** Width of one character in em. */
function em(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) {
    if (ch === ' ') return 0.3;
    if (/[A-Z@%&MW]/.test(ch) || ch === 'm' || ch === 'w') return 0.75;
    if (/[il.,:;'|!]/.test(ch)) return 0.3;
    return 0.6;
  }
  // CJK, full-width forms, Chinese punctuation: a full em.
  return 1;
}

/** The width of the longest line of `text`, in pixels, at `pt` points. */
export function textWidthPx(text: string, pt: number, bold = false): number {
  const lines = text.split(/\r?\n/);
  const widest = Math.max(0, ...lines.map((line) => [...line].reduce((sum, ch) => sum + em(ch), 0)));
  return Math.ceil(widest * pt * PX_PER_PT * (bold ? BOLD : 1));
}

/** A column width that shows every one of `texts` on one line (padding included). */
export function fitWidth(texts: readonly string[], pt: number, bold = false): number {
  return Math.max(0, ...texts.map((t) => textWidthPx(t, pt, bold))) + PADDING_PX;
}

export interface ColumnFonts {
  /** Size and weight of the header cell (copied from the office's header). */
  headerPt: number;
  headerBold: boolean;
  /** Size of the data cells. */
  dataPt: number;
}

/** The longest thing each script column shows, beside its header. */
function samples(field: ScriptField, t: Translate): string[] {
  switch (field) {
    case 'state':
      return (Object.keys(STATE_MESSAGE) as StateCode[]).map((s) => t(STATE_MESSAGE[s]));
    case 'daysOverdue':
    case 'noticeCount':
    case 'reopens':
      return ['999'];
    case 'lastNotice':
    case 'statusChanged':
    case 'dueAsRead':
    case 'firstSeen':
      return ['2026-12-31'];
    case 'taskId':
      return ['DB-00000'];
    default:
      return [];
  }
}

/**
 * The system note (系统提示) holds sentences: a column about 26 Chinese characters wide, with
 * wrap, shows a typical note whole in one or two lines; under 12 it is cut to a few words.
 */
const NOTE_EMS = { least: 12, preferred: 26 };

export interface ScriptColumnWidth {
  /** Narrower than this, the column cuts its header or its values (a date becomes ###). */
  least: number;
  /** The width a newly added column gets. */
  preferred: number;
}

/**
 * The language a script column's header is written in: its values are in the same one (Duban
 * wrote both). zh-CN when the header is not one of the catalogue's.
 */
function localeOfHeader(field: ScriptField, header: string): Locale {
  const text = normalizeHeader(header);
  const found = (Object.keys(catalogues) as Locale[]).find((l) => normalizeHeader(catalogues[l][SCRIPT_FIELD_KEYS[field]]) === text);
  return found ?? 'zh-CN';
}

/** How wide a script column must be (`least`) and should be when Duban adds it (`preferred`). */
export function scriptColumnWidth(field: ScriptField, header: string, fonts: ColumnFonts): ScriptColumnWidth {
  const t = translator(localeOfHeader(field, header));
  const ems = (n: number): number => Math.ceil(n * fonts.dataPt * PX_PER_PT) + PADDING_PX;
  let least = Math.max(fitWidth([header], fonts.headerPt, fonts.headerBold), fitWidth(samples(field, t), fonts.dataPt));
  if (field !== 'systemNote') return { least, preferred: least };
  least = Math.max(least, ems(NOTE_EMS.least));
  return { least, preferred: Math.max(least, ems(NOTE_EMS.preferred)) };
}
