/**
 * Finding the header row of a ledger people made.
 *
 * Real ledgers open with a merged title (xx市创建全国文明城市问题整改台账), a subtitle,
 * a 填报单位 / 日期 line, and only then the header; some split the header over two rows
 * (整改情况 merged above 完成情况 | 完成时间). So the header is the row, among the first
 * few, that names the most known fields and at least the required ones.
 */

import { type Locale, translator } from '../i18n';
import { cellText, columnLetter, normalizeHeader } from '../text/text';
import {
  ALL_FIELDS,
  aliasesOf,
  CLOSURE_FIELDS,
  type ColumnMap,
  type Field,
  fieldLabel,
  isScriptField,
  matchField,
  type PersonField,
  REQUIRED_FIELDS,
  SCRIPT_FIELD_KEYS,
  scriptFieldNamed,
} from './columns';
import { type DatePairReading, settleDatePair } from './date-columns';
import { readClosedFlag } from './status';

export interface HeaderFound {
  ok: true;
  /** The last header row (0-based): data starts on the next row. */
  headerRow: number;
  /** The first header row: equal to headerRow unless the header spans two rows. */
  headerTop: number;
  columns: ColumnMap;
  /** Header cells with text that names no known field (0-based column). */
  unknown: { column: number; text: string }[];
  /** A field named by more than one column: the first is used, these are the others. */
  duplicates: { field: Field; columns: number[] }[];
  /** How two deadline-named columns (完成时限 and 完成时间) were told apart, if the ledger has such a pair. */
  datePair?: DatePairReading;
}

export interface HeaderMissing {
  ok: false;
  missing: Field[];
  /** The aliases searched for, per field, for the message. */
  lookedFor: Record<Field, string[]>;
  /** The row that came closest, if any row named a field at all. */
  bestRow?: number;
}

export type HeaderResult = HeaderFound | HeaderMissing;

export const DEFAULT_MAX_SCAN_ROWS = 15;

/** How many data rows are sampled to decide what a 销号情况 or a 完成时间 column holds. */
const SAMPLE_ROWS = 200;

interface Candidate {
  top: number;
  row: number;
  texts: string[];
  columns: ColumnMap;
  unknown: { column: number; text: string }[];
  duplicates: Map<Field, number[]>;
  score: number;
}

function analyse(top: number, row: number, texts: string[]): Candidate {
  const columns: ColumnMap = {};
  const unknown: { column: number; text: string }[] = [];
  const duplicates = new Map<Field, number[]>();
  texts.forEach((text, column) => {
    if (text === '') return;
    const field = matchField(text);
    if (!field) {
      unknown.push({ column, text });
      return;
    }
    if (columns[field] === undefined) columns[field] = column;
    else duplicates.set(field, [...(duplicates.get(field) ?? []), column]);
  });
  return { top, row, texts, columns, unknown, duplicates, score: Object.keys(columns).length };
}

function missingFrom(columns: ColumnMap): Field[] {
  const missing: Field[] = REQUIRED_FIELDS.filter((f) => columns[f] === undefined);
  if (CLOSURE_FIELDS.every((f) => columns[f] === undefined)) missing.push(...CLOSURE_FIELDS);
  return missing;
}

/** A row's header texts; the script's own columns (known by their mark) say nothing about the office's header. */
function rowTexts(values: unknown[][], r: number, ignore?: ReadonlySet<number>): string[] {
  return (values[r] ?? []).map((v, c) => (ignore?.has(c) ? '' : cellText(v)));
}

/**
 * A two-row header read as one: the lower cell where it has text, else the (merged) upper. A
 * column headed with one of Duban's names keeps it: what stands above it is Duban's legend (its
 * 已销号 swatch over 督办次数 would otherwise make that column 是否销号), never the office's header.
 */
function combine(upper: string[], lower: string[]): string[] {
  const width = Math.max(upper.length, lower.length);
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const below = lower[c] ?? '';
    const above = upper[c] ?? '';
    // 责任单位 over 牵头 | 配合: the lower word names nothing, the merged one above does.
    const keepBelow = below !== '' && (matchField(below) || scriptFieldNamed(below) || !matchField(above));
    out.push(keepBelow ? below : above);
  }
  return out;
}

/**
 * A second header row under a merged one: a few short words, none of them data (no digits,
 * no dates), nothing under the task column, and at least one word either naming a field or
 * standing under the blank tail of a merged header cell (getValues() leaves those '').
 */
function looksLikeSubHeader(upper: string[], row: unknown[] | undefined, columns: ColumnMap): boolean {
  if (!row) return false;
  const cells = row.map(cellText);
  if (cells.filter((t) => t !== '').length < 2) return false;
  if (columns.task !== undefined && cells[columns.task] !== '') return false;
  const wordsOnly = row.every(
    (v) => v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim().length <= 10 && !/\d/.test(v)),
  );
  return wordsOnly && cells.some((t, c) => t !== '' && ((upper[c] ?? '') === '' || matchField(t) !== undefined));
}

/**
 * 销号情况 is sometimes a 是/否 column and sometimes holds progress words (已销号, 整改中,
 * 申请销号). Headers that ask a yes/no question (是否…) are always the flag; any other
 * closedFlag column whose values are not all yes/no words is read as the status, when the
 * ledger has no status column of its own.
 */
function settleClosedFlag(values: unknown[][], found: Candidate): void {
  const col = found.columns.closedFlag;
  if (col === undefined || found.columns.status !== undefined) return;
  if (normalizeHeader(found.texts[col]).startsWith('是否')) return;
  const end = Math.min(values.length, found.row + 1 + SAMPLE_ROWS);
  for (let r = found.row + 1; r < end; r++) {
    const v = values[r]?.[col];
    // The same question the row reader asks (tasks.ts): a word it would not read is no flag.
    if (cellText(v) !== '' && readClosedFlag(v) === undefined) {
      found.columns.status = col;
      delete found.columns.closedFlag;
      return;
    }
  }
}

function lookedFor(): Record<Field, string[]> {
  const out = {} as Record<Field, string[]>;
  for (const f of ALL_FIELDS) out[f] = aliasesOf(f);
  return out;
}

export function findHeader(values: unknown[][], opts?: { maxScanRows?: number; ignore?: ReadonlySet<number> }): HeaderResult {
  const scan = Math.min(values.length, opts?.maxScanRows ?? DEFAULT_MAX_SCAN_ROWS);
  const ignore = opts?.ignore;
  const singles: Candidate[] = [];
  for (let r = 0; r < scan; r++) singles.push(analyse(r, r, rowTexts(values, r, ignore)));

  const candidates: Candidate[] = [...singles];
  for (let r = 0; r + 1 < scan; r++) {
    const pair = analyse(r, r + 1, combine(singles[r].texts, singles[r + 1].texts));
    // Only a pair that names more than either row alone is a two-row header.
    if (pair.score > singles[r].score && pair.score > singles[r + 1].score) candidates.push(pair);
  }

  let best: Candidate | undefined;
  for (const c of candidates) {
    if (missingFrom(c.columns).length > 0) continue;
    if (!best || c.score > best.score || (c.score === best.score && c.row < best.row)) best = c;
  }

  if (!best) {
    let closest: Candidate | undefined;
    for (const c of singles) if (c.score > 0 && (!closest || c.score > closest.score)) closest = c;
    return {
      ok: false,
      missing: missingFrom(closest?.columns ?? {}),
      lookedFor: lookedFor(),
      ...(closest ? { bestRow: closest.row } : {}),
    };
  }

  if (best.top === best.row && looksLikeSubHeader(best.texts, values[best.row + 1], best.columns)) {
    const pair = analyse(best.row, best.row + 1, combine(best.texts, rowTexts(values, best.row + 1, ignore)));
    if (missingFrom(pair.columns).length === 0 && pair.score >= best.score) best = pair;
  }
  settleClosedFlag(values, best);
  const datePair = settleDatePair(values, best.row, best.texts, best.columns, best.duplicates, SAMPLE_ROWS);
  return {
    ok: true,
    headerRow: best.row,
    headerTop: best.top,
    columns: best.columns,
    unknown: best.unknown,
    duplicates: [...best.duplicates].map(([field, columns]) => ({ field, columns })),
    ...(datePair ? { datePair } : {}),
  };
}

function label(field: Field, locale: Locale): string {
  return isScriptField(field) ? translator(locale)(SCRIPT_FIELD_KEYS[field]) : fieldLabel(field, locale);
}

/** What a person reads when the header cannot be found: which columns, under which names. */
export function describeMissingHeader(result: HeaderMissing, locale: Locale, maxScanRows = DEFAULT_MAX_SCAN_ROWS): string {
  const t = translator(locale);
  const sep = locale === 'en' ? ', ' : '、';
  const one = (f: Field): string => t('header.missingField', { label: label(f, locale), aliases: result.lookedFor[f].join(sep) });
  const closureMissing = CLOSURE_FIELDS.every((f) => result.missing.includes(f));
  const parts = result.missing.filter((f) => !CLOSURE_FIELDS.includes(f as PersonField)).map(one);
  if (closureMissing) parts.push(CLOSURE_FIELDS.map(one).join(t('header.or')));
  let text = t('header.missing', { rows: maxScanRows, fields: parts.join(locale === 'en' ? '; ' : '；') });
  if (result.bestRow !== undefined) text += t('header.closest', { row: result.bestRow + 1 });
  return text;
}

/**
 * What the header reading decided that a person should see on the problems sheet: one line per
 * duplicated field, and how a 完成时限 / 完成时间 pair was read.
 */
export function describeDuplicates(found: HeaderFound, locale: Locale): string[] {
  const t = translator(locale);
  const lines = found.duplicates.map((d) =>
    t('header.duplicate', {
      label: label(d.field, locale),
      first: columnLetter(found.columns[d.field] ?? 0),
      others: d.columns.map(columnLetter).join(locale === 'en' ? ', ' : '、'),
    }),
  );
  if (found.datePair) lines.push(describeDatePair(found.datePair, locale));
  return lines;
}

function describeDatePair(pair: DatePairReading, locale: Locale): string {
  const t = translator(locale);
  const params = {
    deadline: pair.deadlineHeader,
    deadlineColumn: columnLetter(pair.deadline),
    other: pair.otherHeader,
    otherColumn: columnLetter(pair.other),
    tasks: pair.tasks,
    deadlineFilled: pair.deadlineFilled,
    otherFilled: pair.otherFilled,
    example: pair.example ?? '',
  };
  const reason = t(
    pair.by === 'words' ? 'header.datePair.byWords' : pair.by === 'fill' ? 'header.datePair.byFill' : 'header.datePair.byNames',
    params,
  );
  return t(pair.otherIsCompletion ? 'header.datePair' : 'header.datePairIgnored', { ...params, reason });
}
