/**
 * 整改反馈: Duban's own sheet of the units' replies (issue 16), one row per reply, and the
 * verifier's word on each.
 *
 * Duban writes a row whole when a unit submits (回执编号 … 整改后照片) and later only 处理情况. The
 * verifier types 验收结果 (通过 / 退回, a dropdown) and 验收意见: Duban never writes those. Columns
 * are found by their header in any language, so a person may reorder them or add their own.
 */
import { type Day, formatDay, isDateValue } from '../calendar/day';
import { allTexts, type MessageKey, type Translate } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { scriptColumns } from '../text/script-columns';
import { cellText, normalizeHeader } from '../text/text';
import { normalizeWord } from '../text/vocabulary';

export const FEEDBACK_COLUMNS = [
  'receipt',
  'submitted',
  'key',
  'task',
  'place',
  'unit',
  'measures',
  'doneDate',
  'person',
  'photosBefore',
  'photosAfter',
  'result',
  'opinion',
  'handling',
] as const;
export type FeedbackColumn = (typeof FEEDBACK_COLUMNS)[number];

export const FEEDBACK_HEADER: Record<FeedbackColumn, MessageKey> = {
  receipt: 'fbcol.receipt',
  submitted: 'fbcol.submitted',
  key: 'fbcol.key',
  task: 'fbcol.task',
  place: 'fbcol.place',
  unit: 'fbcol.unit',
  measures: 'fbcol.measures',
  doneDate: 'fbcol.doneDate',
  person: 'fbcol.person',
  photosBefore: 'fbcol.photosBefore',
  photosAfter: 'fbcol.photosAfter',
  result: 'fbcol.result',
  opinion: 'fbcol.opinion',
  handling: 'fbcol.handling',
};

/** Plain text everywhere but the time: what a unit typed stays text, whatever it starts with. */
export const FEEDBACK_FORMAT: Record<FeedbackColumn, string> = {
  receipt: '@',
  submitted: 'yyyy-mm-dd hh:mm',
  key: '@',
  task: '@',
  place: '@',
  unit: '@',
  measures: '@',
  doneDate: '@',
  person: '@',
  photosBefore: '@',
  photosAfter: '@',
  result: '@',
  opinion: '@',
  handling: '@',
};

export type VerifierResult = 'passed' | 'returned';

const RESULT_WORD: Record<VerifierResult, MessageKey> = { passed: 'feedback.passed', returned: 'feedback.returned' };
const RESULT_BY_WORD = new Map<string, VerifierResult>();
for (const [r, key] of Object.entries(RESULT_WORD) as [VerifierResult, MessageKey][])
  for (const text of allTexts(key)) RESULT_BY_WORD.set(normalizeWord(text), r);

/** The words of the 验收结果 dropdown, in the office's language. */
export function resultWords(t: Translate): string[] {
  return [t('feedback.passed'), t('feedback.returned')];
}

/** One reply as the sheet holds it. */
export interface FeedbackRow {
  /** 0-based row in the sheet. */
  index: number;
  receipt: string;
  submitted: Date | undefined;
  key: string;
  unit: string;
  task: string;
  photosAfter: string;
  /** The verifier's word: undefined while blank. */
  result: VerifierResult | undefined;
  opinion: string;
  handling: string;
  /** The day 处理情况 says the result was acted on (已退回（2026-11-26）…), if it does. */
  handledOn: Day | undefined;
}

export interface FeedbackSheet {
  rows: FeedbackRow[];
  /** Each column's 0-based index (a missing one where the script writes it). */
  at: Record<FeedbackColumn, number>;
  /** Columns whose header is missing: added back at the end by the edge. */
  missing: FeedbackColumn[];
  problems: CellProblem[];
}

const DAY_IN_TEXT = /(\d{4})-(\d{2})-(\d{2})/;

/** The 整改反馈 sheet's rows, read by header. A 验收结果 nobody can read is a problem at its cell, never a guess. */
export function parseFeedback(values: unknown[][], dayOf: (y: number, m: number, d: number) => Day | undefined): FeedbackSheet {
  const header = values[0] ?? [];
  const found = new Set(header.map(normalizeHeader));
  const missing = FEEDBACK_COLUMNS.filter((c) => !allTexts(FEEDBACK_HEADER[c]).some((h) => found.has(normalizeHeader(h))));
  const at = scriptColumns(header, FEEDBACK_COLUMNS, FEEDBACK_HEADER);
  missing.forEach((c, i) => {
    at[c] = Math.max(header.length, ...Object.values(at).map((v) => v + 1)) + i;
  });
  const sheet: FeedbackSheet = { rows: [], at, missing, problems: [] };
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: FeedbackColumn): unknown => row[at[c]];
    const key = cellText(get('key'));
    if (key === '') continue;
    const resultText = cellText(get('result'));
    const result = RESULT_BY_WORD.get(normalizeWord(resultText));
    if (resultText !== '' && result === undefined) sheet.problems.push({ row: r, column: at.result, message: resultText });
    const handling = cellText(get('handling'));
    const m = DAY_IN_TEXT.exec(handling);
    const submitted = get('submitted');
    sheet.rows.push({
      index: r,
      receipt: cellText(get('receipt')),
      submitted: isDateValue(submitted) ? submitted : undefined,
      key,
      unit: cellText(get('unit')),
      task: cellText(get('task')),
      photosAfter: cellText(get('photosAfter')),
      result,
      opinion: cellText(get('opinion')),
      handling,
      handledOn: m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined,
    });
  }
  return sheet;
}

/** The latest reply of each key (the sheet's order is the order of submission). */
export function latestByKey(rows: readonly FeedbackRow[]): Map<string, FeedbackRow> {
  const out = new Map<string, FeedbackRow>();
  for (const row of rows) out.set(row.key, row);
  return out;
}

/** What a verifier's word asks of Duban today. */
export interface Verification {
  row: FeedbackRow;
  result: VerifierResult;
  /** 处理情况 as Duban writes it now: the decision and its day, before any mail. */
  handling: string;
}

/**
 * The verifier's words not yet acted on (处理情况 empty), on the latest reply of their matter: each
 * acted on once, dated today in 处理情况 before anything is sent, so a 退回通知 is owed from that
 * day on and never twice. A word on a reply a newer one replaced is said, not acted on.
 */
export function pendingVerifications(
  sheet: FeedbackSheet,
  today: Day,
  t: Translate,
): { verifications: Verification[]; problems: CellProblem[] } {
  const latest = latestByKey(sheet.rows);
  const verifications: Verification[] = [];
  const problems: CellProblem[] = sheet.problems.map((p) => ({ ...p, message: t('feedback.badResult', { text: p.message }) }));
  for (const row of sheet.rows) {
    if (row.result === undefined || row.handling !== '') continue;
    const newest = latest.get(row.key)!;
    if (newest !== row) {
      problems.push({
        row: row.index,
        column: sheet.at.result,
        message: t('feedback.superseded', { key: row.key, receipt: newest.receipt }),
      });
      continue;
    }
    const date = formatDay(today);
    const handling = row.result === 'returned' ? t('feedback.handled.returned', { date }) : t('feedback.handled.passed', { date });
    verifications.push({ row, result: row.result, handling });
  }
  return { verifications, problems };
}

/** The replies acted on as 退回 (处理情况 dated): what the 退回通知 are planned from, by key (the latest of each). */
export function returnedReplies(sheet: FeedbackSheet): FeedbackRow[] {
  return [...latestByKey(sheet.rows).values()].filter((r) => r.result === 'returned' && r.handledOn !== undefined);
}
