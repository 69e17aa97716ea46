/**
 * The daily sweep: read the task sheet once, decide every row's state in the core, write only
 * the cells the plan owns, keep the colour rules in step; then the day's notices, and the
 * ledger's notice cells drawn from the log as it then stands. A ledger whose columns cannot be
 * trusted is left untouched; the reason goes to the 台账问题 sheet and to the admin.
 */

import type { KnownTask } from '../core/ledger/identity';
import { withLadders } from '../core/ledger/task-index';
import type { TaskRow } from '../core/ledger/tasks';
import { noticeCells } from '../core/notices/cells';
import { owedReportMonths } from '../core/notices/log';
import { laddersOf } from '../core/notices/restore';
import { describeProblem, type Problem } from '../core/problems/problem';
import { identify, keyAfterSweep, keysGiven, planWrite, type RowCells, type SweepPlan } from '../core/sweep/sweep';
import { tellAdmin } from './admin';
import { applyColourRules } from './colours';
import { type Counters, readCounters, saveCounters } from './counters';
import { archiveClosedYears } from './log-archive';
import { sendNotices } from './notices';
import { writeProblemsSheet } from './problems-sheet';
import { sendOwedReportMails } from './publication-mail';
import { emptyResult, failed, type JobResult } from './result';
import { readIndex, writeIndex } from './task-index';
import { addScriptColumns, readTaskLedger, type TaskLedger } from './task-sheet';
import { applyVerifications, recordReturnNumbers, repliesLines, returnedTasks } from './verification';
import { noTaskSheet, openWorkbook, type Workbook } from './workbook';
import { type WriteOutcome, writePlan } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The notice cells as a plan of their own, each row found by the key it has now (a row keyed
 * today by its new key): the second of the sweep's two writes (see writeNoticeCells).
 */
function noticeCellPlan(plan: SweepPlan, cells: Map<number, RowCells>, keyOf: (task: TaskRow) => string): SweepPlan {
  const taskAt = new Map(plan.tasks.map((task) => [task.index, task] as const));
  const rows = plan.rows.flatMap((r) => {
    const c = cells.get(r.index);
    const task = taskAt.get(r.index);
    return c && task ? [{ ...r, key: keyOf(task), newKey: undefined, script: c.script, fill: [] }] : [];
  });
  return { ...plan, rows };
}

function fail(wb: Workbook, result: JobResult, sheetName: string, message: string, problems: Problem[], now: Date): JobResult {
  failed(result, message);
  writeProblemsSheet(wb, [...wb.problems, ...problems], now);
  tellAdmin(wb, result, wb.t('sweep.adminSubject', { sheet: sheetName }), message);
  return result;
}

/**
 * The first of the sweep's two writes: every row's state, new keys and the script's columns,
 * before anything is sent (the notices are planned from the keys written here), then the
 * colour rules and the 台账问题 report.
 */
function writeStates(wb: Workbook, sheet: Sheet, plan: SweepPlan, now: Date, result: JobResult): WriteOutcome {
  const { t } = wb;
  addScriptColumns(sheet, plan);
  const outcome = writePlan(sheet, plan, wb.clock.fromDay);
  const lastColumn = Math.max(...Object.values(plan.columns).filter((c): c is number => c !== undefined));
  applyColourRules(sheet, plan.columns.state!, plan.headerRow, lastColumn, wb.settings.colors, t);
  const changes: string[] = [];
  writeProblemsSheet(wb, [...wb.problems, ...plan.problems], now, changes);
  result.warnings.push(...changes);
  result.warnings.push(...plan.problems.map((p) => describeProblem(p, t)));
  return outcome;
}

/**
 * The second write: the notice cells (督办次数, 最近督办, 督办级别), drawn from the log as this
 * run leaves it. They follow from the log, not from the row's cells, so they are written after
 * the log, and a person's edit since the read does not hold them back (checkInputs: false).
 */
function writeNoticeCells(wb: Workbook, sheet: Sheet, plan: SweepPlan, entries: Parameters<typeof noticeCells>[1]): Ladders {
  const keyOf = keyAfterSweep(keysGiven(plan));
  const cells = noticeCells(plan.tasks, entries, wb.settings.dryRun, keyOf, wb.t);
  writePlan(sheet, noticeCellPlan(plan, cells, keyOf), wb.clock.fromDay, { checkInputs: false });
  return laddersOf(plan.tasks, cells, keyOf);
}

type Ladders = ReturnType<typeof laddersOf>;

/**
 * Which row is which task today (core/ledger/identity.ts), from 任务索引 and the counter, and
 * the plan made with it; `keep` (after the states are written) records the index and the
 * highest key given. What the binding did that a person should know goes into the warnings.
 */
function identifiedPlan(
  wb: Workbook,
  read: Extract<TaskLedger, { ok: true }>,
  counters: Counters,
  result: JobResult,
): { plan: SweepPlan; known: KnownTask[]; keep: () => void; keepIndex: (ladders: Ladders) => void } {
  const { t } = wb;
  const sheetName = read.ledger.sheet;
  const index = readIndex(wb, counters);
  const { identity, highestKey } = identify(read.ledger, index.known, counters.highestKey, wb.clock.today, wb.clock.toDay);
  const plan = planWrite(read.ledger, { identity });
  if (index.lost) result.warnings.push(t('identity.indexLost', { sheet: t('sheet.index') }));
  const keysOf = (rows: number[]): string => rows.map((r) => identity.keys.get(r)).join('、');
  if (identity.relinked.length > 0)
    result.warnings.push(t('identity.relinked', { sheet: sheetName, count: identity.relinked.length, keys: keysOf(identity.relinked) }));
  if (identity.retired.length > 0) result.warnings.push(t('identity.retired', { sheet: sheetName, keys: identity.retired.join('、') }));
  const keep = (): void => saveCounters({ highestKey, indexKept: true });
  // Written after the notices: each key's ladder as the log now says, the recovery's second source (core/notices/restore.ts).
  const keepIndex = (ladders: Ladders): void => writeIndex(wb, withLadders(identity.index, ladders), result.warnings);
  return { plan, known: index.known ?? [], keep, keepIndex };
}

/**
 * The daily sweep; or, as a continuation (continueSweep, a minute after a run the time limit
 * stopped, or after a task was sent back), the sending only: the ledger read once to compose the
 * mails, no state written, only what was claimed today and not sent (and the day's 退回通知) sent,
 * then the notice cells drawn from the log.
 */
/** A continuation writes no states. */
const UNWRITTEN: WriteOutcome = { written: 0, lost: [], changed: [], blocks: 0 };

export function sweepLedger(now: Date, continuation = false): JobResult {
  const started = Date.now();
  const result = emptyResult('sweep');
  const wb = openWorkbook(now);
  const { t } = wb;
  const sheet = wb.taskSheet();
  // Every read before the first write: the directory, the holidays, the report (compared with
  // what it last said) and the notice log.
  const loaded = wb.load(['units', 'calendar', 'problems', 'log', 'index']);
  result.warnings.push(...loaded.map((p) => describeProblem(p, t)));
  if (!sheet) {
    const message = noTaskSheet(wb);
    return fail(wb, result, wb.settings.taskSheet, message, [{ sheet: wb.settings.taskSheet, row: 0, column: 0, message }], now);
  }
  // The verifier's new words in 整改反馈 first (issue 16): a 退回 read now is back on its deadline today.
  const feedback = applyVerifications(wb, sheet, result);
  const read = readTaskLedger(wb, sheet);
  if (!read.ok) return fail(wb, result, sheet.getName(), read.message, read.problems, now);
  // A closed year's rows leave 督办记录 before anything reads it (the first sweep of a year moves them; the admin is told).
  const archived = continuation ? [] : archiveClosedYears(wb);
  result.warnings.push(...archived);
  const counters = readCounters();
  const { plan, known, keep, keepIndex } = identifiedPlan(wb, read, counters, result);
  const outcome = continuation ? UNWRITTEN : writeStates(wb, sheet, plan, now, result);
  if (!continuation) keep();

  const needsPerson = [...archived, ...plan.problems.map((p) => describeProblem(p, t))];
  const notices = sendNotices(
    wb,
    sheet,
    {
      plan,
      values: read.ledger.values,
      allTasks: read.ledger.tasks,
      counters,
      index: known,
      continuation,
      returned: returnedTasks(feedback, read.ledger.tasks),
      ...(feedback ? { replies: repliesLines(wb, feedback, read.ledger.tasks) } : {}),
    },
    now,
    started,
    result,
    needsPerson,
  );
  recordReturnNumbers(wb, feedback, notices.summary.returns ?? []);
  // A month's report mails the quota held back go out now, with the notices' quota left.
  if (owedReportMonths(notices.entries, wb.settings.dryRun).length > 0) sendOwedReportMails(wb, notices.log, now, result);
  keepIndex(writeNoticeCells(wb, sheet, plan, notices.entries));
  result.warnings.push(...outcome.lost.map((row) => t('sweep.rowMoved', { sheet: sheet.getName(), row })));
  result.warnings.push(...outcome.changed.map((row) => t('sweep.changedMeanwhile', { sheet: sheet.getName(), row })));
  result.counts = {
    // What the notices step counted (sent, not sent, failures, 约谈 proposed) stays beside the sweep's own counts.
    ...result.counts,
    ...plan.counts,
    rowsWritten: outcome.written,
    rowsLost: outcome.lost.length,
    rowsChangedMeanwhile: outcome.changed.length,
    columnsAdded: plan.addHeaders.length,
  };
  result.message = t('sweep.done', {
    tasks: plan.counts.tasks ?? 0,
    overdue: plan.counts.overdue ?? 0,
    dueSoon: plan.counts.dueSoon ?? 0,
    invalid: plan.counts.invalid ?? 0,
  });
  return result;
}
