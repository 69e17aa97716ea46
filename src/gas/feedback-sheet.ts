/**
 * 整改反馈 (issue 16): Duban's own sheet of the units' replies, created and marked like 约谈安排,
 * read once by getValues. Duban writes a reply's row whole in one write when the unit submits,
 * and later only 处理情况; 验收结果 (a 通过 / 退回 dropdown that still lets a person type, so a typo
 * is said rather than refused silently) and 验收意见 are the verifier's.
 */
import { dayFromYmd, isValidYmd } from '../core/calendar/day';
import {
  FEEDBACK_COLUMNS,
  FEEDBACK_FORMAT,
  FEEDBACK_HEADER,
  type FeedbackColumn,
  type FeedbackSheet,
  parseFeedback,
  resultWords,
} from '../core/feedback/feedback-sheet';
import { appendWholeRows, belowHeader, choiceRule, ensureOwnSheet, restoreHeader } from './own-sheet';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** 整改反馈 as a run holds it. */
export interface OpenFeedback {
  sheet: Sheet;
  values: unknown[][];
  read: FeedbackSheet;
}

const dayOf = (y: number, m: number, d: number) => (isValidYmd(y, m, d) ? dayFromYmd(y, m, d) : undefined);

/** The sheet when there is one (the sweep and the edit trigger read it; they never create it). */
export function findFeedback(wb: Workbook): OpenFeedback | undefined {
  // Known by its mark alone (no call): a sweep of an office without replies looks at no sheet's name.
  if (wb.marked.feedback === undefined) return undefined;
  const found = wb.sheetFor('feedback');
  return found?.ours ? readFeedback(wb, found.sheet, found.values) : undefined;
}

/** The sheet, created and marked with its header and the 验收结果 dropdown when missing (the first reply). */
export function openFeedback(wb: Workbook, changes: string[]): OpenFeedback {
  const header = FEEDBACK_COLUMNS.map((c) => wb.t(FEEDBACK_HEADER[c]));
  const { sheet, values, fresh } = ensureOwnSheet(wb, 'feedback', header, changes);
  const open = readFeedback(wb, sheet, values);
  if (fresh) validateResults(wb, open);
  return open;
}

function readFeedback(wb: Workbook, sheet: Sheet, values: unknown[][]): OpenFeedback {
  const read = parseFeedback(values, dayOf);
  // A column a person deleted comes back at the end, under its header.
  for (const c of read.missing) restoreHeader(sheet, read.at[c], wb.t(FEEDBACK_HEADER[c]));
  const open = { sheet, values, read };
  if (read.missing.includes('result')) validateResults(wb, open);
  return open;
}

/** 验收结果's dropdown (通过 / 退回) over the whole column below the header. */
function validateResults(wb: Workbook, open: OpenFeedback): void {
  const rule = choiceRule(resultWords(wb.t));
  belowHeader(open.sheet, open.read.at.result).setDataValidation(rule);
}

/** One reply's row at the end, one write: every cell plain text but the time, so nothing a unit typed becomes a formula. */
export function appendReply(open: OpenFeedback, row: Partial<Record<FeedbackColumn, unknown>>): number {
  return appendWholeRows(open, open.read.at, FEEDBACK_FORMAT, [row]);
}

/** 处理情况 of a row (0-based), Duban's only later write on the sheet. */
export function writeHandling(open: OpenFeedback, row: number, text: string): void {
  open.sheet
    .getRange(row + 1, open.read.at.handling + 1)
    .setNumberFormat('@')
    .setValue(text);
}
