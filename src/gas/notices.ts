/**
 * The sweep's notices step: the day's notices sent, after the sweep has written the states (one
 * trigger, one lock).
 *
 * Claim, then send, then confirm: every delivery is a 督办记录 row written (待发送) before any
 * mail goes out; each digest's rows are marked 发送中 just before its mail is sent and 已发送
 * just after. A rerun the same day finds them given and sends nothing; a run that died leaves
 * its unsent claims 待发送 (the next run sends them) and at most one digest 发送中 (reported to
 * the admin as 未确认, never resent blindly). The order of sending under the quota and the time
 * limit is the core's (notices/sending.ts); a run stopped by the time limit schedules its own
 * continuation.
 */
import { formatDay, ymdFromDay } from '../core/calendar/day';
import type { Translate } from '../core/i18n';
import type { KnownTask } from '../core/ledger/identity';
import type { TaskRow } from '../core/ledger/tasks';
import {
  highestNumber,
  type LogEntry,
  newRelapses,
  SERIES,
  type Series,
  SUMMARY_KEY,
  seriesPrefix,
  summarySentOn,
} from '../core/notices/log';
import { digestKind } from '../core/notices/mail-kind';
import { type Delivery, type Failure, type NoticePlan, planNotices } from '../core/notices/plan';
import { relapsesOf } from '../core/notices/relapse';
import { restoredNotices } from '../core/notices/restore';
import { admittedCount, backlogOf, mailCost, openBudget } from '../core/notices/sending';
import {
  type AdminSummary,
  composeAdminSummary,
  type FailedToday,
  type NotSent,
  type RepliesLines,
  type SentDigest,
} from '../core/notices/summary';
import { LEVEL_WORD } from '../core/notices/types';
import { keyAfterSweep, keysGiven, type SweepPlan } from '../core/sweep/sweep';
import { sendCirculars } from './circulars';
import { type Counters, saveCounters } from './counters';
import { claim as claimRows, type Delivered, deliverAll, deliverOne, type Parcel } from './delivery';
import { type Composed, composeAll, dryRunDigest, rowLinker } from './digests';
import { arrangeInterviews } from './interviews';
import { remainingQuota } from './mail';
import { append, bookOf, type LogBook, markLeftBehind, type OpenLog, openLog, rewrite, setOutcome } from './notice-log';
import type { JobResult, SentRecord } from './result';
import { type ReturnsSent, sendReturns } from './returns';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface NoticeRun {
  /** The log after this run: what the ledger's notice cells are drawn from. */
  entries: LogEntry[];
  summary: AdminSummary;
  /** The log sheet, and its first row still free (0-based), for what the run sends after the notices. */
  log: OpenLog;
}

/** What sending the digests came to: the summary's lines, the job's record of mails, and what the quota held back (each mail's recipients). */
interface Sending {
  sent: SentDigest[];
  notSent: NotSent[];
  mails: SentRecord[];
  heldBack: number[];
}

/** The summary's backlog (积压): the mails held back, at today's rate, and the working day they clear by. */
function backlogOn(wb: Workbook, heldBack: number[], rate: number): Pick<AdminSummary, 'backlog'> {
  if (heldBack.length === 0) return {};
  const backlog = backlogOf(heldBack, rate);
  const days = backlog.days;
  return { backlog: days === undefined ? backlog : { ...backlog, clearsOn: wb.calendar.addWorkingDays(wb.clock.today, days) } };
}

/** What the notices step takes from the sweep: its plan, the task sheet's values as read, the durable counters. */
export interface NoticeInput {
  plan: SweepPlan;
  values: unknown[][];
  /** Every task row read, held ones included (their cells still tell their key's history). */
  allTasks: readonly TaskRow[];
  counters: Counters;
  /** 任务索引 as read, each key's ladder in it: the recovery's second source (core/notices/restore.ts). */
  index?: readonly KnownTask[];
  /**
   * A continuation (continueSweep) after a run the time limit stopped: only what that run claimed
   * today and did not send (待发送) goes; nothing new is claimed, no event logged, no 约谈 proposed.
   * The day's 退回通知 still go (a task sent back in the afternoon schedules a continuation for it).
   */
  continuation?: boolean;
  /** Issue 16: matters sent back in 整改反馈 (gas/verification.ts), told by their 退回通知 like the ledger's own 退回. */
  returned?: readonly TaskRow[];
  /** Issue 16: the day's replies and the 通过 not yet closed, for the admin's summary. */
  replies?: RepliesLines;
}

/** The day's notices: planned from the ledger and the log, claimed, sent, confirmed; then the admin's summary. */
export function sendNotices(
  wb: Workbook,
  sheet: Sheet,
  input: NoticeInput,
  now: Date,
  started: number,
  result: JobResult,
  needsPerson: string[],
): NoticeRun {
  const { t, settings } = wb;
  const { plan, counters } = input;
  const today = wb.clock.today;
  const year = ymdFromDay(today).year;
  const { log, uncertain, keyOf } = openForToday(wb, input, result, needsPerson);
  const { noticePlan, digests } = planToday(wb, sheet, input, log, keyOf);
  const book = bookOf(log);
  // Today's rate for the backlog: the recipients the quota allowed when the day's sending began (the summary's kept back).
  const rate = openBudget(remainingQuota(), Boolean(settings.adminEmail)).quota;
  if (!input.continuation) claimEvents(wb, book, { tasks: plan.tasks, keyOf, failures: noticePlan.failures });
  // The 通报 go first: one owed since a run the quota stopped keeps its number and its place.
  const circulars = noticePlan.sendsToday ? circularsToday(wb, book, input, noticePlan, { keyOf, now, started }) : undefined;
  result.mails.push(...(circulars?.mails ?? []));
  const sending = sendDigests(wb, book, sheet, digests, { now, started });
  result.mails.push(...sending.mails);
  // 退回通知: each task sent back at verification, told the same day (gas/returns.ts).
  const returns: ReturnsSent = noticePlan.sendsToday
    ? sendReturns(wb, book, sheet, { tasks: [...plan.tasks, ...(input.returned ?? [])], keyOf }, counters, { now, started })
    : { returns: [], notSent: [], mails: [], heldBack: [] };
  result.mails.push(...returns.mails);
  // 约谈: proposed to a person in 约谈安排, sent only once a person agreed (gas/interviews.ts).
  const ledgerTasks = plan.tasks.map((task) => ({ key: keyOf(task), task: task.task, place: task.place }));
  const cases = input.continuation
    ? { sent: [], lines: [] }
    : arrangeInterviews(wb, book, { interviews: noticePlan.interviews, tasks: ledgerTasks, started }, now, result, needsPerson);
  const base = adminSummary(wb, plan, noticePlan, uncertain, needsPerson, sending, returns);
  const summary = {
    ...base,
    sent: [...base.sent, ...cases.sent],
    interviewCases: cases.lines,
    ...(circulars ? { circulars: circulars.summary } : {}),
    ...backlogOn(wb, [...(circulars?.heldBack ?? []), ...sending.heldBack, ...returns.heldBack], rate),
    ...(input.replies ? { replies: input.replies } : {}),
  };
  const sentNow = summary.sent.length + returns.returns.length + (circulars?.summary.sent.length ?? 0);
  const told = circulars ? Object.values(circulars.summary).reduce((n, lines) => n + lines.length, 0) : 0;
  if (noticePlan.sendsToday) tellAdmin(wb, book, sheet, summary, { sentNow, told: told + cases.lines.length }, now, result);
  result.counts.noticesSent = summary.sent.length;
  // What the ladder decided today, for run.json and the demo's story: failures logged, units proposed for 约谈.
  result.counts.failures = noticePlan.failures.length;
  result.counts.interviewsProposed = noticePlan.interviews.length;
  result.counts.noticesNotSent = summary.notSent.length;
  const entries = [...book.kept.values()];
  saveCounters({ logRows: numberedRows(entries), numbers: numbersGiven(entries, year, settings.noticePrefix, t) });
  return { entries, summary, log: { sheet: book.sheet, entries, rows: book.next } };
}

/** Who is told what today (core/notices/plan.ts), and the digests composed, most urgent first. */
function planToday(
  wb: Workbook,
  sheet: Sheet,
  input: NoticeInput,
  log: OpenLog,
  keyOf: (task: TaskRow) => string,
): { noticePlan: NoticePlan; digests: Composed[] } {
  const { plan, counters } = input;
  const today = wb.clock.today;
  const noticePlan = planNotices({
    tasks: plan.tasks,
    keyOf,
    entries: log.entries,
    units: wb.units,
    settings: wb.settings,
    calendar: wb.calendar,
    today,
    t: wb.t,
    numberFloor: counters.number('notice', ymdFromDay(today).year),
    returnedToday: new Set((input.returned ?? []).filter((task) => task.statusChanged === today).map(keyOf)),
  });
  // A reopened task's line says when it was closed and reopened (反弹: its ladder continues).
  const relapses = relapsesOf(
    plan.tasks.map((task) => ({ ...task, key: keyOf(task) })),
    log.entries,
    today,
  );
  // A continuation sends what was claimed today and not sent, as it was claimed: nothing new joins it.
  const claimed = new Set(log.entries.filter((e) => e.outcome === 'claimed' && e.day === today).map((e) => e.index));
  const owed = noticePlan.deliveries.filter((d) => d.resume !== undefined && claimed.has(d.resume));
  const sending = input.continuation ? { ...noticePlan, deliveries: owed } : noticePlan;
  return { noticePlan, digests: composeAll(wb, sheet, sending, (key) => relapses.get(key)) };
}

/** The day's 通报 (gas/circulars.ts); a continuation sends only those claimed today, no new case. */
function circularsToday(
  wb: Workbook,
  book: LogBook,
  input: NoticeInput,
  noticePlan: NoticePlan,
  run: { keyOf: (task: TaskRow) => string; now: Date; started: number },
): ReturnType<typeof sendCirculars> {
  const continuation = input.continuation === true;
  return sendCirculars(wb, book, {
    cases: continuation ? [] : noticePlan.circulars,
    tasks: input.plan.tasks,
    counters: input.counters,
    ...run,
    onlyClaimed: continuation,
  });
}

/** 督办记录 opened for today: rows left behind by a run that died marked, a log that lost rows restored from the ledger. */
function openForToday(
  wb: Workbook,
  input: NoticeInput,
  result: JobResult,
  needsPerson: string[],
): { log: OpenLog; uncertain: LogEntry[]; keyOf: (task: TaskRow) => string } {
  const changes: string[] = [];
  const log = openLog(wb, changes);
  result.warnings.push(...changes);
  const uncertain = markLeftBehind(wb, log.sheet, log.entries, wb.clock.today);
  const keyOf = keyAfterSweep(keysGiven(input.plan));
  const lost = lostFromLog(wb, log, input.counters, ymdFromDay(wb.clock.today).year);
  if (lost !== undefined) {
    restoreFromLedger(wb, log, input, keyOf);
    result.warnings.push(lost);
    needsPerson.push(lost);
  }
  return { log, uncertain, keyOf };
}

/**
 * The summary goes once a day, on the days notices go out, when there is something to tell
 * (again the same day only when this run sent more, as a continuation does).
 */
function tellAdmin(
  wb: Workbook,
  book: LogBook,
  sheet: Sheet,
  summary: AdminSummary,
  today: { sentNow: number; told: number },
  now: Date,
  result: JobResult,
): void {
  const replies = (summary.replies?.today.length ?? 0) + (summary.replies?.passed.length ?? 0);
  const lines = summary.notSent.length + summary.failures.length + summary.interviews.length + summary.needsPerson.length + replies;
  const worthTelling = today.sentNow + today.told + lines > 0;
  const again = summarySentOn([...book.kept.values()], wb.clock.today) && today.sentNow === 0;
  if (wb.settings.adminEmail && worthTelling && !again) sendSummary(wb, book, sheet, summary, now, result);
}

/** The highest number of each series the log holds this year: what the durable counters keep. */
function numbersGiven(
  entries: readonly LogEntry[],
  year: number,
  noticePrefix: string,
  t: Translate,
): { series: Series; year: number; n: number }[] {
  return SERIES.map((series) => ({ series, year, n: highestNumber(entries, year, seriesPrefix(series, noticePrefix, t)) }));
}

/** Log rows that carry a notice number: what the counter compares run to run. */
const numberedRows = (entries: readonly LogEntry[]): number => entries.filter((e) => e.number !== '').length;

/**
 * Whether 督办记录 lost rows since the last run (fewer numbered rows than the last run left, or
 * the sheet recreated), said with what was lost; undefined when nothing was.
 */
function lostFromLog(wb: Workbook, log: OpenLog, counters: Counters, year: number): string | undefined {
  const before = counters.logRows;
  const nowRows = numberedRows(log.entries);
  if (before === 0 || nowRows >= before) return undefined;
  const { t, settings } = wb;
  const n = Math.max(counters.number('notice', year), highestNumber(log.entries, year, settings.noticePrefix));
  const number = t('notice.number', { prefix: settings.noticePrefix, year, n });
  const sheetName = log.sheet.getName();
  return log.created
    ? t('log.lostSheet', { sheet: sheetName, before, number })
    : t('log.lostRows', { sheet: sheetName, count: before - nowRows, before, now: nowRows, number });
}

/** The notices the ledger's cells know and the log lost, written back into the log as 已找回 (one write). */
function restoreFromLedger(wb: Workbook, log: OpenLog, input: NoticeInput, keyOf: (task: TaskRow) => string): void {
  const { plan, values } = input;
  // A held row's history is that of the key in its cell, or (no key in its cell) the one key its content names.
  const held = new Map(plan.held.map((h) => [h.index, h.key || (h.reason === 'ambiguous' ? (h.otherKey ?? '') : '')] as const));
  // A row given a new key today (a copy) carries another task's notice cells: nothing to recover from it.
  const keyed = input.allTasks
    .filter((task) => !plan.fresh.has(task.index))
    .map((task) => ({ index: task.index, key: held.get(task.index) ?? keyOf(task), unit: task.units[0] ?? '' }));
  const found = restoredNotices(keyed, { values, columns: plan.columns }, log.entries, wb.settings, wb.clock.toDay, wb.t, input.index);
  const rows = found.map(
    (r, i): LogEntry => ({
      index: log.rows + i,
      number: r.number,
      time: wb.clock.fromDay(r.day),
      day: r.day,
      key: r.key,
      unit: r.unit,
      level: r.level,
      ordinal: r.ordinal,
      deadline: r.deadline,
      to: '',
      role: 'contact',
      subject: '',
      outcome: 'restored',
      detail: wb.t('log.restoredDetail'),
    }),
  );
  append(wb, log.sheet, rows);
  log.entries.push(...rows);
  log.rows += rows.length;
}

/** The admin's daily summary (督办日报): what went, what did not and why, who is summoned, what needs a person. */
function adminSummary(
  wb: Workbook,
  plan: SweepPlan,
  noticePlan: NoticePlan,
  uncertain: LogEntry[],
  needsPerson: string[],
  sending: Sending,
  returns: ReturnsSent,
): AdminSummary {
  const unreachable = noticePlan.unreachable.map(
    (u): NotSent => ({
      unit: u.unit,
      taskKeys: [u.notice.key],
      numbers: u.notice.number ? [u.notice.number] : [],
      reason: u.reason,
      ...(u.to ? { to: u.to } : {}),
    }),
  );
  const unconfirmed = uncertain.map(
    (e): NotSent => ({ unit: e.unit, taskKeys: [e.key], numbers: e.number ? [e.number] : [], to: e.to, reason: 'uncertain' }),
  );
  return {
    date: wb.clock.today,
    dryRun: wb.settings.dryRun,
    sent: sending.sent,
    notSent: [...unreachable, ...unconfirmed, ...sending.notSent, ...returns.notSent],
    failures: failedToday(plan, noticePlan),
    interviews: noticePlan.interviews,
    needsPerson,
    counts: { tasks: plan.counts.tasks ?? 0, overdue: plan.counts.overdue ?? 0 },
    returns: returns.returns,
  };
}

/** The notices found 未达到整改要求 today, each with its task's description and row. */
function failedToday(plan: SweepPlan, noticePlan: NoticePlan): FailedToday[] {
  const keyOf = keyAfterSweep(keysGiven(plan));
  const byKey = new Map(plan.tasks.map((task) => [keyOf(task), task] as const));
  return noticePlan.failures.map((f) => {
    const task = byKey.get(f.key);
    return {
      unit: f.unit,
      key: f.key,
      task: task?.task ?? '',
      number: f.number,
      ordinal: f.ordinal,
      replyBy: f.replyBy,
      row: (task?.index ?? 0) + 1,
    };
  });
}

/** A delivery's claim in the log (待发送), at the given row. */
function logEntry(wb: Workbook, d: Delivery, subject: string, now: Date, index: number): LogEntry {
  return {
    index,
    number: d.notice.number,
    time: now,
    day: wb.clock.today,
    key: d.notice.key,
    unit: d.notice.unit,
    level: d.notice.level,
    ordinal: d.notice.ordinal,
    deadline: d.notice.deadline,
    to: d.to,
    role: d.role,
    subject,
    outcome: 'claimed',
    detail: d.detail,
    ...(d.notice.replyBy === undefined ? {} : { replyBy: d.notice.replyBy }),
  };
}

/** The relapses (反弹) the log lacks, as events (已记录), from the given row on. */
function relapseEntries(wb: Workbook, tasks: TaskRow[], kept: LogEntry[], from: number): LogEntry[] {
  return newRelapses(tasks, kept, wb.clock.today).map((r, i) => ({
    index: from + i,
    number: '',
    time: wb.clock.fromDay(r.day),
    day: r.day,
    key: r.key,
    unit: r.unit,
    level: 'reopen' as const,
    ordinal: r.ordinal,
    deadline: undefined,
    to: '',
    role: 'contact' as const,
    subject: '',
    outcome: 'recorded' as const,
    detail: wb.t('note.reopened', { count: r.ordinal }),
  }));
}

/** A notice found 未达到整改要求, as the event the log keeps (已记录), dated the first working day after its 限期. */
function failureEntry(wb: Workbook, f: Failure, index: number): LogEntry {
  return {
    index,
    number: f.number,
    time: wb.clock.fromDay(f.day),
    day: f.day,
    key: f.key,
    unit: f.unit,
    level: 'failed',
    ordinal: f.ordinal,
    deadline: f.deadline,
    to: '',
    role: 'contact',
    subject: '',
    outcome: 'recorded',
    detail: wb.t('note.failed', { number: f.number, date: formatDay(f.replyBy) }),
    replyBy: f.replyBy,
  };
}

/** The day's events the log lacks, before anything is sent: relapses (反弹) and notices found 未达到整改要求 (已记录), one write. */
function claimEvents(
  wb: Workbook,
  book: LogBook,
  events: { tasks: TaskRow[]; keyOf: (task: TaskRow) => string; failures: Failure[] },
): void {
  const tasksNow = events.tasks.map((task) => ({ ...task, key: events.keyOf(task) }));
  const rows = relapseEntries(wb, tasksNow, [...book.kept.values()], book.next);
  book.next += rows.length;
  for (const f of events.failures) rows.push(failureEntry(wb, f, book.next++));
  claimRows(wb, book, rows);
}

/**
 * Claim: the first `admitted` digests (what today's quota can send) are claimed (待发送) before
 * anything is sent: new rows, or the row the quota queued (延后) on an earlier day, updated as
 * today's claim. The rest stay owed: a delivery owed for the first time is queued in one row
 * (延后, with its number); one already queued is left as it is (no row a day). Returns each
 * delivery's row.
 */
function claimDigests(wb: Workbook, book: LogBook, digests: Composed[], admitted: number, now: Date): Map<Delivery, number> {
  const rowOf = new Map<Delivery, number>();
  const fresh: LogEntry[] = [];
  const requeued: LogEntry[] = [];
  const deferNow: number[] = [];
  digests.forEach((digest, i) => {
    for (const d of digest.deliveries) {
      const held = d.resume === undefined ? undefined : book.kept.get(d.resume);
      if (held) {
        rowOf.set(d, held.index);
        // Today's claim a stopped run left: sent now if admitted, else queued like the rest.
        if (held.outcome !== 'deferred' && i >= admitted) deferNow.push(held.index);
        if (held.outcome === 'deferred' && i < admitted) requeued.push(logEntry(wb, d, digest.mail.subject, now, held.index));
        continue;
      }
      const entry = logEntry(wb, d, digest.mail.subject, now, book.next++);
      fresh.push(i < admitted ? entry : { ...entry, outcome: 'deferred', detail: wb.t('notice.quota') });
      rowOf.set(d, entry.index);
    }
  });
  claimRows(wb, book, fresh);
  rewrite(wb, book.sheet, requeued, book.kept);
  setOutcome(wb, book.sheet, deferNow, 'deferred', wb.t('notice.quota'), book.kept);
  return rowOf;
}

/**
 * Sends the digests most urgent first, through the one delivery path (delivery.ts: 发送中,
 * flush, send, confirm). Only what today's quota can send is claimed (notices/sending.ts
 * admittedCount); the rest stays queued (延后) for the next run, first in line. What the time
 * limit stops stays 待发送 for the continuation.
 */
function sendDigests(wb: Workbook, book: LogBook, sheet: Sheet, digests: Composed[], run: { now: Date; started: number }): Sending {
  const { t, settings } = wb;
  const out: Sending = { sent: [], notSent: [], mails: [], heldBack: [] };
  const keepForSummary = Boolean(settings.adminEmail);
  const costs = digests.map((digest) => mailCost(digest.mail.to, digest.cc, settings.dryRun));
  const admitted = admittedCount(costs, openBudget(remainingQuota(), keepForSummary).quota);
  const rowOf = claimDigests(wb, book, digests, admitted, run.now);
  const parcels = digests.slice(0, admitted).map(
    (digest): Parcel => ({
      mail: digest.mail,
      cc: digest.cc,
      rows: digest.deliveries.map((d) => rowOf.get(d)!),
      rowTo: digest.deliveries.map((d) => d.to),
      dryRun: () => dryRunDigest(wb, sheet, digest),
    }),
  );
  const delivered = [
    ...deliverAll(wb, book, parcels, { keepForSummary, started: run.started }),
    ...digests.slice(admitted).map((): Delivered => ({ status: 'quota' })),
  ];
  digests.forEach((digest, i) => {
    const d = delivered[i]!;
    if (d.status === 'quota') out.heldBack.push(costs[i]!);
    if (d.status === 'timeLimit' || d.status === 'quota') out.notSent.push(notSentLine(digest, d.status));
    if (d.status === 'failed') out.notSent.push(notSentLine(digest, 'failed', d.detail));
    if (d.status !== 'sent') return;
    // An address MailApp would refuse was left out of the mail; the admin is told.
    for (const to of d.dropped) out.notSent.push({ ...notSentLine(digest, 'badAddress'), to });
    out.mails.push({
      kind: digestKind(digest.level),
      to: d.to,
      ...(d.cc ? { cc: d.cc } : {}),
      subject: d.subject,
      numbers: digest.numbers,
      level: stageWord(digest, t),
      ...(digest.replyBy === undefined ? {} : { replyBy: digest.replyBy }),
    });
    out.sent.push(sentLine(digest, d.subject));
  });
  return out;
}

/** run.json's level of a digest: 临期提醒, 督办 for first notices, 催办 when it repeats one (第2次督办 on). */
function stageWord(digest: Composed, t: Translate): string {
  if (digest.level === 'reminder') return t(LEVEL_WORD.reminder);
  return digest.deliveries.some((d) => d.notice.level === 'notice' && d.notice.ordinal > 1) ? t('level.urge') : t(LEVEL_WORD.notice);
}

/** The units a digest speaks to, in its order. */
function unitsOf(digest: Composed): string[] {
  return [...new Set(digest.deliveries.map((d) => d.section.unit))];
}

function notSentLine(digest: Composed, reason: 'quota' | 'failed' | 'timeLimit' | 'badAddress', detail?: string): NotSent {
  return {
    unit: unitsOf(digest).join('、'),
    taskKeys: [...new Set(digest.deliveries.map((d) => d.notice.key))],
    numbers: digest.numbers,
    to: digest.mail.to,
    reason,
    ...(detail ? { detail } : {}),
  };
}

function sentLine(digest: Composed, subject: string): SentDigest {
  return {
    to: digest.mail.to,
    toName: digest.deliveries[0]!.toName,
    subject,
    numbers: digest.numbers,
    level: digest.level,
    units: unitsOf(digest),
  };
}

/** The admin's daily summary, logged like a delivery (claimed, then sent or failed). */
function sendSummary(wb: Workbook, book: LogBook, sheet: Sheet, summary: AdminSummary, now: Date, result: JobResult): void {
  const { t, settings } = wb;
  const logLink = (): string => `${wb.ss.getUrl()}#gid=${book.sheet.getSheetId()}`;
  const mail = composeAdminSummary(summary, { t, office: settings, rowLink: rowLinker(wb, sheet), to: settings.adminEmail, logLink });
  const entry: LogEntry = {
    index: book.next++,
    number: '',
    time: now,
    day: wb.clock.today,
    key: SUMMARY_KEY,
    unit: '',
    level: 'summary',
    ordinal: 0,
    deadline: undefined,
    to: settings.adminEmail,
    role: 'admin',
    subject: mail.subject,
    outcome: 'sending',
    detail: '',
  };
  claimRows(wb, book, [entry]);
  // The admin's own mail: a dry run sends it as it is (no dryRun recomposition).
  const parcel: Parcel = { mail, cc: [], rows: [entry.index] };
  const delivered = deliverOne(wb, book, parcel);
  if (delivered.status === 'sent') result.mails.push({ kind: 'summary', to: delivered.to, subject: delivered.subject });
  if (delivered.status === 'failed') result.warnings.push(t('notice.summaryFailed', { error: delivered.detail }));
}
