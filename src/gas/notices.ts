/**
 * Sends the day's notices, after the sweep has written the states (one trigger, one lock).
 *
 * Claim, then send, then confirm: every delivery is a 督办记录 row written (待发送) before any
 * mail goes out; each digest's rows are marked 发送中 just before its mail is sent and 已发送
 * just after. A rerun the same day finds them given and sends nothing; a run that died leaves
 * its unsent claims 待发送 (the next run sends them) and at most one digest 发送中 (reported to
 * the admin as 未确认, never resent blindly). The quota is checked first: what does not fit is
 * 延后, most urgent first, and goes out on the next run. A run near Apps Script's time limit
 * stops between two digests and schedules its own continuation.
 */
import type { Day } from '../core/calendar/day';
import type { TaskRow } from '../core/ledger/tasks';
import { composeDigest, highestLevel } from '../core/notices/digest';
import {
  LOG_COLUMNS,
  LOG_FORMAT,
  LOG_LEVEL_WORD,
  type LogColumn,
  type LogEntry,
  leftBehind,
  logHeader,
  newRelapses,
  OUTCOME_WORD,
  type Outcome,
  parseLog,
  ROLE_WORD,
  SUMMARY_KEY,
  summarySentOn,
} from '../core/notices/log';
import { type Delivery, groupDigests, type NoticePlan, planNotices } from '../core/notices/plan';
import { type AdminSummary, composeAdminSummary } from '../core/notices/summary';
import { type ComposedMail, LEVEL_WORD, type NoticeLevel } from '../core/notices/types';
import type { SweepPlan } from '../core/sweep/sweep';
import type { JobResult } from './result';
import { ensureScriptSheet, type Workbook } from './workbook';
import { contiguousRuns } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Stop sending this long after the job began: Apps Script stops an execution at 6 minutes. */
const TIME_BUDGET_MS = 4.5 * 60_000;
/** The handler of the one-off trigger that continues a run stopped by the time budget. */
export const CONTINUE_HANDLER = 'continueSweep';

export interface NoticeRun {
  /** The log after this run: what the ledger's notice cells are drawn from. */
  entries: LogEntry[];
  summary: AdminSummary;
  /** The log sheet, and its first row still free (0-based), for what the run sends after the notices. */
  log: OpenLog;
}

/** The log sheet as a job holds it: its entries, and where the next row goes (0-based). */
export interface OpenLog {
  sheet: Sheet;
  entries: LogEntry[];
  rows: number;
}

/** The key each task has after the sweep's write (a row keyed today has its new key). */
export function keysAfter(plan: SweepPlan): (task: TaskRow) => string {
  const newKeys = new Map(plan.rows.filter((r) => r.newKey !== undefined).map((r) => [r.index, r.newKey!] as const));
  return (task) => newKeys.get(task.index) ?? task.key;
}

/** The link to a task's row in the sheet, for the mails. */
function rowLinker(wb: Workbook, sheet: Sheet): (row: number) => string {
  const base = `${wb.ss.getUrl()}#gid=${sheet.getSheetId()}`;
  return (row) => `${base}&range=A${row}`;
}

interface Composed {
  mail: ComposedMail;
  cc: string[];
  deliveries: Delivery[];
  level: NoticeLevel;
  numbers: string[];
}

/** The day's digests, composed, most urgent first. */
export function composeAll(wb: Workbook, sheet: Sheet, plan: NoticePlan): Composed[] {
  const rowLink = rowLinker(wb, sheet);
  return groupDigests(plan.deliveries).map(({ plan: digest, cc, deliveries }) => {
    const mail = composeDigest(digest, { t: wb.t, today: wb.clock.today, senderName: wb.settings.senderName, rowLink });
    const level = highestLevel(deliveries.map((d) => d.notice));
    const numbers = [...new Set(deliveries.map((d) => d.notice.number).filter((n) => n !== ''))];
    return { mail, cc, deliveries, level, numbers };
  });
}

/** The log sheet and what it holds, created (and marked) when missing. */
export function openLog(wb: Workbook, changes: string[]): OpenLog {
  const { found, created } = ensureScriptSheet(wb, 'log', changes);
  const sheet = found.sheet;
  if (created || found.values.length === 0) {
    const header = logHeader(wb.t);
    sheet.getRange(1, 1, 1, header.length).setNumberFormat('@').setValues([header]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    LOG_COLUMNS.forEach((c, i) => {
      sheet.setColumnWidth(i + 1, c === 'subject' ? 360 : c === 'number' || c === 'time' ? 150 : 110);
    });
    return { sheet, entries: [], rows: 1 };
  }
  return { sheet, entries: parseLog(found.values, wb.clock.toDay), rows: found.values.length };
}

/** The log as this run leaves it, kept in step with every write (so it is not read again). */
export type LogRows = Map<number, LogEntry>;

/** Sets the outcome (and detail) of log rows, one write per run of adjacent rows. */
export function setOutcome(wb: Workbook, sheet: Sheet, rows: number[], outcome: Outcome, detail?: string, kept?: LogRows): void {
  for (const r of rows) {
    const e = kept?.get(r);
    if (!e) continue;
    e.outcome = outcome;
    if (detail !== undefined) e.detail = detail;
  }
  const outcomeColumn = LOG_COLUMNS.indexOf('outcome') + 1;
  for (const [lo, hi] of contiguousRuns(rows)) {
    const n = hi - lo + 1;
    const cells = Array.from({ length: n }, () =>
      detail === undefined ? [wb.t(OUTCOME_WORD[outcome])] : [wb.t(OUTCOME_WORD[outcome]), detail],
    );
    sheet.getRange(lo + 1, outcomeColumn, n, detail === undefined ? 1 : 2).setValues(cells);
  }
}

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
  };
}

/** A log entry as the sheet's cells: words in the office's language, dates as dates, text as text. */
function entryCells(wb: Workbook, e: LogEntry): unknown[] {
  const cells: Record<LogColumn, unknown> = {
    number: e.number,
    time: e.time ?? '',
    key: e.key,
    unit: e.unit,
    level: wb.t(LOG_LEVEL_WORD[e.level]),
    ordinal: e.ordinal || '',
    deadline: e.deadline === undefined ? '' : wb.clock.fromDay(e.deadline),
    to: e.to,
    // A relapse is an event, not a mail: nobody's role.
    role: e.level === 'reopen' ? '' : wb.t(ROLE_WORD[e.role]),
    subject: e.subject,
    outcome: wb.t(OUTCOME_WORD[e.outcome]),
    detail: e.detail,
  };
  return LOG_COLUMNS.map((c) => cells[c]);
}

/** Appends entries at their rows (the log only grows: its grid gains rows when they run out). */
export function append(wb: Workbook, sheet: Sheet, entries: LogEntry[]): void {
  if (entries.length === 0) return;
  const first = entries[0]!.index;
  const max = sheet.getMaxRows();
  if (first + entries.length > max) sheet.insertRowsAfter(max, first + entries.length - max);
  const range = sheet.getRange(first + 1, 1, entries.length, LOG_COLUMNS.length);
  range.setNumberFormats(entries.map(() => LOG_COLUMNS.map((c) => LOG_FORMAT[c])));
  range.setValues(entries.map((e) => entryCells(wb, e)));
}

/** Before planning: what earlier runs left behind (see leftBehind) is marked so in the log. */
function recover(wb: Workbook, sheet: Sheet, entries: LogEntry[], today: Day): LogEntry[] {
  const { uncertain, stale } = leftBehind(entries, today);
  setOutcome(
    wb,
    sheet,
    uncertain.map((e) => e.index),
    'uncertain',
    wb.t('notice.uncertain'),
  );
  setOutcome(
    wb,
    sheet,
    stale.map((e) => e.index),
    'cancelled',
  );
  for (const e of uncertain) e.outcome = 'uncertain';
  for (const e of stale) e.outcome = 'cancelled';
  return uncertain;
}

/** The log as a run keeps it: the sheet, every entry by row (kept in step with each write), the next free row. */
interface LogBook {
  sheet: Sheet;
  kept: LogRows;
  next: number;
}

/** The day's notices: planned from the ledger and the log, claimed, sent, confirmed; then the admin's summary. */
export function sendNotices(
  wb: Workbook,
  sheet: Sheet,
  plan: SweepPlan,
  now: Date,
  started: number,
  result: JobResult,
  needsPerson: string[],
): NoticeRun {
  const { t, settings } = wb;
  const today = wb.clock.today;
  const changes: string[] = [];
  const log = openLog(wb, changes);
  result.warnings.push(...changes);
  const uncertain = recover(wb, log.sheet, log.entries, today);
  const keyOf = keysAfter(plan);
  const noticePlan = planNotices({
    tasks: plan.tasks,
    keyOf,
    entries: log.entries,
    units: wb.units,
    settings,
    calendar: wb.calendar,
    today,
    t,
  });
  const digests = composeAll(wb, sheet, noticePlan);
  const book: LogBook = { sheet: log.sheet, kept: new Map(log.entries.map((e) => [e.index, e] as const)), next: log.rows };
  const rowOf = claim(wb, book, plan, keyOf, digests, now);

  const summary: AdminSummary = {
    date: today,
    dryRun: settings.dryRun,
    sent: [],
    notSent: [],
    interviews: noticePlan.interviews,
    needsPerson,
    counts: {
      tasks: plan.counts.tasks ?? 0,
      overdue: plan.counts.overdue ?? 0,
      notices: new Set(noticePlan.deliveries.filter((d) => d.notice.level !== 'reminder').map((d) => d.notice.number)).size,
      reminders: new Set(noticePlan.deliveries.filter((d) => d.notice.level === 'reminder').map((d) => d.notice.key)).size,
    },
  };
  for (const u of noticePlan.unreachable) {
    summary.notSent.push({
      unit: u.unit,
      taskKeys: [u.notice.key],
      numbers: u.notice.number ? [u.notice.number] : [],
      reason: u.reason,
      ...(u.to ? { to: u.to } : {}),
    });
  }
  for (const e of uncertain)
    summary.notSent.push({ unit: e.unit, taskKeys: [e.key], numbers: e.number ? [e.number] : [], to: e.to, reason: 'uncertain' });

  sendDigests(wb, book, sheet, digests, rowOf, started, summary, result);
  // The summary goes once a day, on the days notices go out, when there is something to tell
  // (again the same day only when this run sent more, as a continuation does).
  const worthTelling = summary.sent.length + summary.notSent.length + summary.interviews.length + summary.needsPerson.length > 0;
  const again = summarySentOn([...book.kept.values()], today) && summary.sent.length === 0;
  if (settings.adminEmail && noticePlan.sendsToday && worthTelling && !again) sendSummary(wb, book, sheet, summary, now, result);

  result.counts.noticesSent = summary.sent.length;
  result.counts.noticesNotSent = summary.notSent.length;
  const entries = [...book.kept.values()];
  return { entries, summary, log: { sheet: book.sheet, entries, rows: book.next } };
}

/**
 * Claim: every new delivery is a row (待发送) before anything is sent; relapses the log lacks
 * are written with them, as events (反弹, 已记录), in the same write. Returns each delivery's row.
 */
function claim(
  wb: Workbook,
  book: LogBook,
  plan: SweepPlan,
  keyOf: (task: TaskRow) => string,
  digests: Composed[],
  now: Date,
): Map<Delivery, number> {
  const today = wb.clock.today;
  const rows: LogEntry[] = [];
  const take = (entry: LogEntry): void => {
    book.kept.set(entry.index, entry);
    rows.push(entry);
  };
  const tasksNow = plan.tasks.map((task) => ({ ...task, key: keyOf(task) }));
  for (const r of newRelapses(tasksNow, [...book.kept.values()], today)) {
    take({
      index: book.next++,
      number: '',
      time: wb.clock.fromDay(r.day),
      day: r.day,
      key: r.key,
      unit: r.unit,
      level: 'reopen',
      ordinal: r.ordinal,
      deadline: undefined,
      to: '',
      role: 'contact',
      subject: '',
      outcome: 'recorded',
      detail: wb.t('note.reopened', { count: r.ordinal }),
    });
  }
  const rowOf = new Map<Delivery, number>();
  for (const digest of digests) {
    for (const d of digest.deliveries) {
      if (d.resume !== undefined) {
        rowOf.set(d, d.resume);
        continue;
      }
      const entry = logEntry(wb, d, digest.mail.subject, now, book.next++);
      take(entry);
      rowOf.set(d, entry.index);
    }
  }
  append(wb, book.sheet, rows);
  return rowOf;
}

/**
 * Sends the digests most urgent first, each marked 发送中 just before and 已发送 just after. The
 * quota is spent in urgency order: once a mail does not fit, it and every mail after it wait for
 * the next run (where they go first), so nothing less urgent overtakes it. Near the time limit
 * the rest stay 待发送 for the continuation.
 */
function sendDigests(
  wb: Workbook,
  book: LogBook,
  sheet: Sheet,
  digests: Composed[],
  rowOf: Map<Delivery, number>,
  started: number,
  summary: AdminSummary,
  result: JobResult,
): void {
  const { t, settings } = wb;
  let quota = MailApp.getRemainingDailyQuota() - (settings.adminEmail ? 1 : 0);
  let stopped = false;
  let full = false;
  for (const digest of digests) {
    const rows = digest.deliveries.map((d) => rowOf.get(d)!);
    const units = [...new Set(digest.deliveries.map((d) => d.section.unit))];
    const keys = [...new Set(digest.deliveries.map((d) => d.notice.key))];
    const notSent = (reason: 'quota' | 'failed' | 'timeLimit', detail?: string) =>
      summary.notSent.push({
        unit: units.join('、'),
        taskKeys: keys,
        numbers: digest.numbers,
        to: digest.mail.to,
        reason,
        ...(detail ? { detail } : {}),
      });
    if (stopped || Date.now() - started > TIME_BUDGET_MS) {
      stopped = true;
      notSent('timeLimit');
      continue;
    }
    const recipients = digest.mail.to.split(',').length + digest.cc.length;
    if (full || quota < (settings.dryRun ? 1 : recipients)) {
      full = true;
      setOutcome(wb, book.sheet, rows, 'deferred', t('notice.quota'), book.kept);
      notSent('quota');
      continue;
    }
    let to = digest.mail.to;
    let cc = digest.cc.join(',');
    let mail = digest.mail;
    if (settings.dryRun) {
      if (!settings.adminEmail) {
        setOutcome(wb, book.sheet, rows, 'test', t('notice.dryRunNoAdmin'), book.kept);
        continue;
      }
      to = settings.adminEmail;
      cc = '';
      mail = composeDigest(groupDigests(digest.deliveries)[0]!.plan, {
        t,
        today: wb.clock.today,
        senderName: settings.senderName,
        rowLink: rowLinker(wb, sheet),
        dryRunFor: [...digest.mail.to.split(','), ...digest.cc],
      });
    }
    setOutcome(wb, book.sheet, rows, 'sending', undefined, book.kept);
    try {
      MailApp.sendEmail({
        to,
        ...(cc ? { cc } : {}),
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: settings.senderName,
      });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      setOutcome(wb, book.sheet, rows, 'failed', detail, book.kept);
      notSent('failed', detail);
      continue;
    }
    quota -= settings.dryRun ? 1 : recipients;
    setOutcome(wb, book.sheet, rows, settings.dryRun ? 'test' : 'sent', undefined, book.kept);
    result.mails.push({ to, ...(cc ? { cc } : {}), subject: mail.subject, numbers: digest.numbers, level: t(LEVEL_WORD[digest.level]) });
    summary.sent.push({
      to: digest.mail.to,
      toName: digest.deliveries[0]!.toName,
      subject: mail.subject,
      numbers: digest.numbers,
      level: digest.level,
      units,
    });
  }
  if (stopped) scheduleContinuation();
}

/** The admin's daily summary, logged like a delivery (claimed, then sent or failed). */
function sendSummary(wb: Workbook, book: LogBook, sheet: Sheet, summary: AdminSummary, now: Date, result: JobResult): void {
  const { t, settings } = wb;
  const mail = composeAdminSummary(summary, { t, senderName: settings.senderName, rowLink: rowLinker(wb, sheet), to: settings.adminEmail });
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
  book.kept.set(entry.index, entry);
  append(wb, book.sheet, [entry]);
  try {
    MailApp.sendEmail({
      to: settings.adminEmail,
      subject: mail.subject,
      body: mail.body,
      htmlBody: mail.htmlBody,
      name: settings.senderName,
    });
    setOutcome(wb, book.sheet, [entry.index], 'sent', undefined, book.kept);
    result.mails.push({ to: settings.adminEmail, subject: mail.subject });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    setOutcome(wb, book.sheet, [entry.index], 'failed', detail, book.kept);
    result.warnings.push(t('notice.summaryFailed', { error: detail }));
  }
}

/** One continuation a minute later, replacing any earlier one (never two at once). */
function scheduleContinuation(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(60_000).create();
}
