/**
 * `publish`: 一月一督查、一月一公示. Scores the month from the ledger and the notice log, ranks the
 * units, writes the month's publication sheet (replacing that month's only) and its 排名历史
 * rows (that month's only), then tells each unit's people their line, logged like a notice.
 * `--quarter` writes the quarter's roll-up from 排名历史 instead (一季一测评).
 * Reads each sheet once; the writes follow the page's layout, not the number of tasks.
 */

import { describeProblem } from '../core/problems/problem';
import { issueNumber } from '../core/publication/bulletin-frame';
import { layoutPublication, type PublicationDoc } from '../core/publication/layout';
import { layoutQuarter } from '../core/publication/quarter-layout';
import { previousMonth, reportDue } from '../core/publication/schedule';
import { historyRows, historyValues, monthLabel, parseHistory, parseMonthId, replaceMonth, sanctionsFor } from '../core/scores/history';
import { parseQuarterId, quarterRollup } from '../core/scores/quarter';
import { bulletinOf } from './bulletin';
import { writeHistory } from './history-sheet';
import { scoreAndRank } from './month-scores';
import { sendPublicationMails } from './publication-mail';
import { freshSheet, PROBLEM_LIST_MARK, publicationMarks, publishedMonths } from './publication-sheet';
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
  const historySheet = ensureScriptSheet(wb, 'history', changes).found;
  const history = parseHistory(historySheet.values, wb.clock.toDay, wb.settings.locale);
  const { scores, ranking, ruleProblems } = scoreAndRank(wb, parts, read.ledger);
  const newHistory = replaceMonth(history.rows, month, historyRows(month, ranking));
  const sanctions = sanctionsFor(newHistory, month);
  const issue = issueNumber(month, [...history.rows.map((r) => r.month), ...publishedMonths(wb)]);
  const bulletin = bulletinOf(wb, month, scores, read.ledger.tasks, issue);
  const doc = layoutPublication({ scores, ranking, sanctions, publishedOn: wb.clock.today, t, ...bulletin.frame });

  const sheet = freshSheet(wb, doc.name, month, changes);
  writeDoc(sheet, doc, t);
  const attachment = freshSheet(wb, bulletin.list.name, month, changes, PROBLEM_LIST_MARK, sheet);
  writeDoc(attachment, bulletin.list, t);
  writeHistory(historySheet.sheet, historyValues(newHistory, t));

  const mails = sendPublicationMails(wb, sheet, month, ranking, now, result);
  result.warnings.push(...changes);
  result.warnings.push(
    ...ruleProblems.map((p) =>
      describeProblem({ sheet: rulesSheet?.sheet.getName() ?? '', row: p.row + 1, column: p.column + 1, message: p.message }, t),
    ),
  );
  result.warnings.push(...scores.problems.map((p) => p.message));
  result.counts = {
    units: scores.units.length,
    ranked: ranking.categories.reduce((n, c) => n + c.rankedCount, 0),
    due: scores.summary.due,
    sanctions: sanctions.length,
    mails: mails,
  };
  const names = (lists: string[]): string => (lists.length > 0 ? lists.join('、') : t('pub.noneShort'));
  result.message = t('publish.done', {
    month: monthLabel(month, t),
    sheet: sheet.getName(),
    red: names(ranking.categories.flatMap((c) => c.red.map((u) => u.unit))),
    black: names(ranking.categories.flatMap((c) => c.black.map((u) => u.unit))),
  });
  result.sheet = sheet.getName();
  result.attachment = attachment.getName();
  return result;
}

function publishQuarter(wb: Workbook, quarter: string, result: JobResult): JobResult {
  const { t } = wb;
  const parts = parseQuarterId(quarter);
  if (!parts) {
    return failed(result, t('publish.badQuarter', { quarter }));
  }
  const history = parseHistory(wb.sheetFor('history')?.values ?? [], wb.clock.toDay, wb.settings.locale);
  const rows = quarterRollup(history.rows, parts.year, parts.quarter);
  const doc: PublicationDoc = layoutQuarter(rows, parts.year, parts.quarter, wb.clock.today, t);
  const changes: string[] = [];
  const sheet = freshSheet(wb, doc.name, `${parts.year}-Q${parts.quarter}`, changes);
  writeDoc(sheet, doc, t);
  result.warnings.push(...changes);
  result.counts = { units: rows.length };
  result.message = t('publish.quarterDone', { sheet: sheet.getName() });
  result.sheet = sheet.getName();
  return result;
}
