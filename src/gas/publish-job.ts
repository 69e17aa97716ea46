/**
 * `publish`: 一月一督查、一月一公示. Scores the month from the ledger and the notice log, ranks the
 * units, writes the month's publication sheet (replacing that month's only) and its 排名历史
 * rows (that month's only), then tells each unit's people their line (as published), logged like
 * a notice. A month published before: the run says which units' score, rank or list changed.
 * `--quarter` writes the quarter's review from 排名历史 instead (一季一测评, publish-quarter.ts).
 * Reads each sheet once; the writes follow the page's layout, not the number of tasks.
 */

import type { Translate } from '../core/i18n';
import { describeProblem } from '../core/problems/problem';
import { issueNumber } from '../core/publication/bulletin-frame';
import { layoutPublication } from '../core/publication/layout';
import { previousMonth, reportDue } from '../core/publication/schedule';
import {
  type HistoryRow,
  historyRows,
  historyValues,
  type MonthId,
  monthLabel,
  parseHistory,
  parseMonthId,
  replaceMonth,
  sanctionsFor,
} from '../core/scores/history';
import { parseQuarterId } from '../core/scores/quarter';
import { rankingLists } from '../core/scores/ranking';
import { describeChange, publishedChanges } from '../core/scores/republish';
import { bulletinOf } from './bulletin';
import { writeHistory } from './history-sheet';
import { scoreAndRank } from './month-scores';
import { sendPublicationMails } from './publication-mail';
import { freshSheet, PROBLEM_LIST_MARK, PUBLICATION_MARK, publicationMarks } from './publication-sheet';
import { publishQuarter } from './publish-quarter';
import { emptyResult, failed, type JobResult } from './result';
import { writeDoc } from './sheet-doc';
import { readTaskLedger } from './task-sheet';
import { ensureScriptSheet, noTaskSheet, openWorkbook, type Workbook } from './workbook';

/** What to publish: a month (YYYY-MM), a quarter (YYYY-Qn), or by default the month before today. */
export interface PublishRequest {
  month?: string;
  quarter?: string;
}

/**
 * Whether the daily check publishes today (see core/publication/schedule.ts): the month before
 * is published on this month's first working day, or a few working days later if it is still
 * unpublished.
 */
export function publicationDue(wb: Workbook): boolean {
  wb.load(['calendar']);
  return reportDue(wb.clock.today, wb.calendar, (month) => publicationMarks(wb, month).length > 0);
}

export function publishJob(now: Date, request: PublishRequest): JobResult {
  const result = emptyResult('publish');
  const wb = openWorkbook(now);
  const { t } = wb;
  if (request.quarter !== undefined) return publishQuarter(wb, request.quarter, result);
  // The menu asks for a month; a quarter typed there (2026-Q4) publishes the quarter's review.
  if (request.month !== undefined && parseQuarterId(request.month)) return publishQuarter(wb, request.month, result);
  const month = request.month ?? previousMonth(wb.clock.today);
  const parts = parseMonthId(month);
  if (!parts) {
    return failed(result, t('publish.badMonth', { month }));
  }
  const taskSheet = wb.taskSheet();
  if (!taskSheet) {
    return failed(result, noTaskSheet(wb));
  }
  const read = readTaskLedger(wb, taskSheet, { adopt: false });
  if (!read.ok) {
    return failed(result, read.message);
  }
  const changes: string[] = [];
  const rulesSheet = wb.sheetFor('rules');
  if (!rulesSheet) changes.push(t('publish.defaultRules'));
  const { found: historySheet, created: historyCreated } = ensureScriptSheet(wb, 'history', changes);
  const history = parseHistory(historySheet.values, wb.clock.toDay, wb.settings.locale);
  const { scores, ranking, ruleProblems } = scoreAndRank(wb, parts, read.ledger);
  const published = historyRows(month, ranking);
  const newHistory = replaceMonth(history.rows, month, published);
  const sanctions = sanctionsFor(newHistory, month);
  // Every month's publication mark, in one finder call: the 期号 counts them, and this month's is replaced.
  const marks = publicationMarks(wb);
  const issue = issueNumber(month, [...history.rows.map((r) => r.month), ...marks.map((md) => md.getValue() ?? '')]);
  const bulletin = bulletinOf(wb, month, scores, read.ledger.tasks, issue);
  const doc = layoutPublication({ scores, ranking, sanctions, publishedOn: wb.clock.today, t, ...bulletin.frame });

  const sheet = freshSheet(wb, doc.name, month, changes, PUBLICATION_MARK, undefined, marks);
  writeDoc(sheet, doc, t);
  const attachment = freshSheet(wb, bulletin.list.name, month, changes, PROBLEM_LIST_MARK, sheet);
  writeDoc(attachment, bulletin.list, t);
  writeHistory(historySheet.sheet, historyValues(newHistory, t), historySheet.values.length, historyCreated);

  const mails = sendPublicationMails(wb, sheet, month, published, now, result);
  const republished = republishNote(month, history.rows, published, t);
  result.warnings.push(...republished.lines);
  result.warnings.push(...changes);
  const located = (sheetName: string, p: { row: number; column: number; message: string }): string =>
    describeProblem({ sheet: sheetName, row: p.row + 1, column: p.column + 1, message: p.message }, t);
  result.warnings.push(...history.problems.map((p) => located(historySheet.sheet.getName(), p)));
  result.warnings.push(...ruleProblems.map((p) => located(rulesSheet?.sheet.getName() ?? '', p)));
  result.warnings.push(...scores.problems.map((p) => p.message));
  result.counts = {
    units: scores.units.length,
    ranked: ranking.categories.reduce((n, c) => n + c.rankedCount, 0),
    due: scores.summary.due,
    sanctions: sanctions.length,
    mails: mails,
  };
  const names = (lists: string[]): string => (lists.length > 0 ? lists.join('、') : t('pub.noneShort'));
  const done = t('publish.done', {
    month: monthLabel(month, t),
    sheet: sheet.getName(),
    red: names(ranking.categories.flatMap((c) => c.red.map((u) => u.unit))),
    black: names(ranking.categories.flatMap((c) => c.black.map((u) => u.unit))),
  });
  result.message = republished.message === '' ? done : `${done}${republished.message}`;
  result.sheet = sheet.getName();
  result.lists = rankingLists(ranking);
  result.attachment = attachment.getName();
  return result;
}

/**
 * A month published before: what changed since, unit by unit (the run's first warnings), and a
 * sentence saying how many units changed; nothing for a month published the first time.
 */
function republishNote(month: MonthId, history: readonly HistoryRow[], published: readonly HistoryRow[], t: Translate) {
  const before = history.filter((r) => r.month === month);
  if (before.length === 0) return { message: '', lines: [] };
  const changes = publishedChanges(before, published);
  const label = monthLabel(month, t);
  return {
    message:
      changes.length > 0
        ? t('publish.republished', { month: label, count: changes.length })
        : t('publish.republishedSame', { month: label }),
    lines: changes.map((c) => describeChange(c, t)),
  };
}
