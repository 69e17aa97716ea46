/**
 * The sweep's 退回通知 (issue 14): each task sent back at verification told the same day, in its
 * own numbered series, through the one delivery path (delivery.ts: claimed in 督办记录, 发送中,
 * flush, send, confirm), one log row of level 退回通知 per recipient address. What to send and
 * to whom is the core's (core/notices/return-notice.ts); this module only claims, sends and says
 * what went for the admin's summary.
 *
 * Only a sweep sends: the simple onEdit may not send mail (simple triggers cannot use services
 * that need authorization). A 退回 typed after the day's sweep is seen by the installable edit
 * trigger (main.ts onInterviewEdit), which schedules a sweep a minute later: told the same day.
 */
import { formatDay, ymdFromDay } from '../core/calendar/day';
import type { TaskRow } from '../core/ledger/tasks';
import type { LogEntry } from '../core/notices/log';
import { composeReturnNotice, planReturns, type ReturnDelivery } from '../core/notices/return-notice';
import { admittedCount, mailCost, openBudget } from '../core/notices/sending';
import type { NotSent, ReturnLine } from '../core/notices/summary';
import type { ComposedMail } from '../core/notices/types';
import type { Counters } from './counters';
import { claim, type Delivered, deliverAll, type Parcel } from './delivery';
import { rowLinker } from './digests';
import { remainingQuota } from './mail';
import { type LogBook, rewrite, setOutcome } from './notice-log';
import type { SentRecord } from './result';
import { noticeLinks } from './webapp/links';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What the day's 退回通知 came to: the summary's lines and the job's record of mails. */
export interface ReturnsSent {
  returns: ReturnLine[];
  notSent: NotSent[];
  mails: SentRecord[];
  /** The 退回通知 today's quota held back: each one's recipients (the summary's backlog counts them). */
  heldBack: number[];
}

/** The tasks the sweep read and their keys after it: what the 退回通知 are planned from. */
export interface ReturnTasks {
  tasks: readonly TaskRow[];
  keyOf: (task: TaskRow) => string;
}

/** Plans, claims and sends the day's 退回通知 (after the digests, before the admin's summary). */
export function sendReturns(
  wb: Workbook,
  book: LogBook,
  sheet: Sheet,
  from: ReturnTasks,
  counters: Counters,
  how: { now: Date; started: number },
): ReturnsSent {
  const { t, settings } = wb;
  const today = wb.clock.today;
  const plan = planReturns({
    ...from,
    entries: [...book.kept.values()],
    units: wb.units,
    settings,
    calendar: wb.calendar,
    today,
    t,
    numberFloor: counters.number('return', ymdFromDay(today).year),
  });
  const out: ReturnsSent = {
    returns: [],
    notSent: plan.unreachable.map((u) => ({
      unit: u.unit,
      taskKeys: [u.key],
      numbers: [],
      reason: u.reason,
      ...(u.to ? { to: u.to } : {}),
    })),
    mails: [],
    heldBack: [],
  };
  // No return today: no service call (the sweep's calls stay as they were).
  if (plan.deliveries.length === 0) return out;
  const rowLink = rowLinker(wb, sheet);
  const links = noticeLinks(how.now);
  const mails = plan.deliveries.map((d) =>
    composeReturnNotice(d.notice, d.to.join(','), { t, today, office: settings, rowLink, ...links }),
  );
  // Only what today's quota can send is claimed; the rest is queued once (延后), first in line next run.
  const keepForSummary = Boolean(settings.adminEmail);
  const costs = plan.deliveries.map((d) => mailCost(d.to.join(','), [], settings.dryRun));
  const admitted = admittedCount(costs, openBudget(remainingQuota(), keepForSummary).quota);
  const rows = claimReturns(wb, book, { deliveries: plan.deliveries, mails, admitted }, how.now);
  const parcels = plan.deliveries.slice(0, admitted).map(
    (d, i): Parcel => ({
      mail: mails[i]!,
      cc: [],
      rows: rows[i]!.map((r) => r.index),
      rowTo: rows[i]!.map((r) => r.to),
      dryRun: () => composeReturnNotice(d.notice, settings.adminEmail, { t, today, office: settings, rowLink, dryRunFor: d.to, ...links }),
    }),
  );
  const delivered: Delivered[] = [
    ...deliverAll(wb, book, parcels, { keepForSummary, started: how.started }),
    ...plan.deliveries.slice(admitted).map((): Delivered => ({ status: 'quota' })),
  ];
  plan.deliveries.forEach((d, i) => {
    const r = delivered[i]!;
    const line = { unit: d.notice.unit, taskKeys: [d.notice.key], numbers: [d.notice.number], to: d.to.join(',') };
    if (r.status === 'quota') out.heldBack.push(costs[i]!);
    if (r.status === 'quota' || r.status === 'timeLimit') out.notSent.push({ ...line, reason: r.status });
    if (r.status === 'failed') out.notSent.push({ ...line, reason: 'failed', detail: r.detail });
    if (r.status !== 'sent') return;
    for (const to of r.dropped) out.notSent.push({ ...line, reason: 'badAddress', to });
    out.mails.push({ kind: 'return', to: r.to, subject: r.subject, numbers: [d.notice.number], replyBy: formatDay(d.notice.replyBy) });
    const { number, unit, key, task, row, reason } = d.notice;
    out.returns.push({ number, unit, key, task, row, to: r.to, reasonGiven: reason.trim() !== '' });
  });
  return out;
}

/** What the preview shows of the day's 退回通知: the mails as they would go, nothing claimed or sent. */
export function previewReturns(wb: Workbook, sheet: Sheet, from: ReturnTasks, entries: readonly LogEntry[]): ComposedMail[] {
  const { t, settings } = wb;
  const today = wb.clock.today;
  const plan = planReturns({ ...from, entries, units: wb.units, settings, calendar: wb.calendar, today, t });
  if (plan.deliveries.length === 0) return [];
  const rowLink = rowLinker(wb, sheet);
  return plan.deliveries.map((d) => composeReturnNotice(d.notice, d.to.join(','), { t, today, office: settings, rowLink }));
}

/**
 * Each 退回通知's rows in 督办记录, one per address. The first `admitted` (what today's quota can
 * send) are claimed (待发送) in one write: a new row, a claim left today by a stopped run as it
 * is, or the row the quota queued (延后) on an earlier day, updated in place as today's claim
 * (same 文号: a document keeps its number when it finally goes). The rest stay owed: queued in
 * one new row (延后, numbered) the first time, left as they are after that (no row a day).
 */
function claimReturns(
  wb: Workbook,
  book: LogBook,
  today: { deliveries: ReturnDelivery[]; mails: ComposedMail[]; admitted: number },
  now: Date,
): LogEntry[][] {
  const fresh: LogEntry[] = [];
  const requeued: LogEntry[] = [];
  const deferNow: number[] = [];
  const rows = today.deliveries.map((d, i) =>
    d.to.map((to): LogEntry => {
      const resumed = d.resume.get(to.toLowerCase());
      const kept = resumed === undefined ? undefined : book.kept.get(resumed);
      const sendsToday = i < today.admitted;
      if (kept?.outcome === 'deferred' && sendsToday) {
        const claimed = returnEntry(wb, d, today.mails[i]!.subject, to, now, kept.index);
        requeued.push(claimed);
        return claimed;
      }
      if (kept) {
        if (kept.outcome !== 'deferred' && !sendsToday) deferNow.push(kept.index);
        return kept;
      }
      const entry = returnEntry(wb, d, today.mails[i]!.subject, to, now, book.next++);
      const queued: LogEntry = sendsToday ? entry : { ...entry, outcome: 'deferred', detail: wb.t('notice.quota') };
      fresh.push(queued);
      return queued;
    }),
  );
  claim(wb, book, fresh);
  rewrite(wb, book.sheet, requeued, book.kept);
  setOutcome(wb, book.sheet, deferNow, 'deferred', wb.t('notice.quota'), book.kept);
  return rows;
}

/** One address's row of a 退回通知 (待发送), its reason in 说明. */
function returnEntry(wb: Workbook, d: ReturnDelivery, subject: string, to: string, now: Date, index: number): LogEntry {
  return {
    index,
    number: d.notice.number,
    time: now,
    day: wb.clock.today,
    key: d.notice.key,
    unit: d.notice.unit,
    level: 'return',
    ordinal: 0,
    deadline: d.notice.deadline,
    to,
    role: d.role,
    subject,
    outcome: 'claimed',
    detail: wb.t('return.reason', { reason: d.notice.reason.trim() || wb.t('return.noReason') }),
    replyBy: d.notice.replyBy,
  };
}
