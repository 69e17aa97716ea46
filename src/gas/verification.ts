/**
 * The verifier's word in 整改反馈 (验收结果 通过 / 退回, 验收意见), acted on by the sweep (and by the
 * continuation the installable edit trigger schedules a minute after such an edit), issue 16:
 *
 * - before the sweep reads the ledger: each new word (处理情况 empty) sets the matter's 反馈状态
 *   (退回: back on its deadline, the ladder goes on today; 通过: it waits for the office's close)
 *   and is dated in 处理情况 at once, before any mail: a 退回 is owed its 退回通知 from that day on,
 *   once (the log's 退回通知 rows say it went: core/notices/return-notice.ts);
 * - the 退回通知 goes with the day's others (gas/returns.ts), 验收意见 its reason; its 文号 is then
 *   added to 处理情况;
 * - the admin's summary lists the day's replies and the matters passed but not yet closed.
 *
 * Duban never closes a task: 通过 is the verifier's record; closing stays the office's act in its
 * own 是否销号 / 整改状态.
 */
import { formatDay } from '../core/calendar/day';
import { pendingVerifications, returnedReplies } from '../core/feedback/feedback-sheet';
import type { TaskRow } from '../core/ledger/tasks';
import { parseLog } from '../core/notices/log';
import type { RepliesLines, ReturnLine } from '../core/notices/summary';
import { describeProblem } from '../core/problems/problem';
import { cellText } from '../core/text/text';
import { findFeedback, type OpenFeedback, writeHandling } from './feedback-sheet';
import { markedColumns } from './marks';
import { locatedProblems } from './own-sheet';
import type { JobResult } from './result';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The verifier's new words acted on, before the ledger is read; 整改反馈 as it now stands (undefined: none yet). */
export function applyVerifications(wb: Workbook, sheet: Sheet, result: JobResult): OpenFeedback | undefined {
  const open = findFeedback(wb);
  if (!open) return undefined;
  const { t } = wb;
  const { verifications, problems } = pendingVerifications(open.read, wb.clock.today, t);
  result.warnings.push(...locatedProblems(open, problems).map((p) => describeProblem(p, t)));
  if (verifications.length === 0) return open;
  const own = markedColumns(sheet);
  // The keys alone (one read), each matter's row found by its key: only 反馈状态 is written there.
  const keys = own.taskId === undefined ? [] : sheet.getRange(1, own.taskId + 1, Math.max(1, sheet.getLastRow()), 1).getValues();
  for (const v of verifications) {
    const r = keys.findIndex((k) => cellText(k[0]) === v.row.key);
    if (r >= 0 && own.feedbackState !== undefined)
      sheet
        .getRange(r + 1, own.feedbackState + 1)
        .setNumberFormat('@')
        .setValue(t(v.result === 'returned' ? 'feedback.returned' : 'feedback.passed'));
    writeHandling(open, v.row.index, v.handling);
    v.row.handling = v.handling;
    v.row.handledOn = wb.clock.today;
  }
  return open;
}

/** The matters sent back in 整改反馈, as the 退回通知 planner reads a returned task: dated, with 验收意见 as the reason. */
export function returnedTasks(open: OpenFeedback | undefined, tasks: readonly TaskRow[]): TaskRow[] {
  if (!open) return [];
  const byKey = new Map(tasks.map((task) => [task.key, task] as const));
  return returnedReplies(open.read).flatMap((reply): TaskRow[] => {
    const task = byKey.get(reply.key);
    if (!task || task.status === 'closed') return [];
    return [{ ...task, status: 'returned', statusChanged: reply.handledOn, returnReason: reply.opinion }];
  });
}

/** Each 退回通知 sent today recorded in its reply's 处理情况 (已退回（日期，退回通知 文号）). */
export function recordReturnNumbers(wb: Workbook, open: OpenFeedback | undefined, returns: readonly ReturnLine[]): void {
  if (!open || returns.length === 0) return;
  for (const reply of returnedReplies(open.read)) {
    const sent = returns.find((r) => r.key === reply.key);
    if (!sent || reply.handledOn === undefined || reply.handling.includes(sent.number)) continue;
    writeHandling(open, reply.index, wb.t('feedback.handled.returnSent', { date: formatDay(reply.handledOn), number: sent.number }));
  }
}

/** When the admin's last summary went (督办记录), so each reply is in one summary: those since then are the day's. */
function lastSummary(wb: Workbook): number {
  const entries = parseLog(wb.sheetFor('log')?.values ?? [], wb.clock.toDay);
  return Math.max(0, ...entries.filter((e) => e.level === 'summary' && e.time !== undefined).map((e) => e.time!.getTime()));
}

/** What the admin's summary says of replies: those since its last summary, and the 通过 the office has not closed. */
export function repliesLines(wb: Workbook, open: OpenFeedback | undefined, tasks: readonly TaskRow[]): RepliesLines | undefined {
  if (!open) return undefined;
  const since = lastSummary(wb);
  const byKey = new Map(tasks.map((task) => [task.key, task] as const));
  const latest = new Map(open.read.rows.map((r) => [r.key, r] as const));
  return {
    today: open.read.rows
      .filter((r) => r.submitted !== undefined && r.submitted.getTime() > since)
      .map((r) => ({
        receipt: r.receipt,
        unit: r.unit,
        key: r.key,
        task: r.task,
        photos: r.photosAfter.split('\n').filter((l) => l !== ''),
      })),
    passed: [...latest.values()].flatMap((r) => {
      const task = byKey.get(r.key);
      if (r.result !== 'passed' || r.handledOn === undefined || !task || task.status === 'closed') return [];
      return [{ key: r.key, unit: r.unit, task: r.task, verifiedOn: r.handledOn, row: task.index + 1 }];
    }),
  };
}
