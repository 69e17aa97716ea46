/**
 * The sweep's 通报 (通报批评 is a 通报, issue 14): for each unit that reached 通报批评 today, one
 * numbered 通报 to every directory unit, Cc 通报抄送; or, under 随月度通报, only the events the
 * month's bulletin reads. The core composes (notices/circular.ts); this module claims in 督办记录
 * (one event row per task and one delivery row per address, in one write) and delivers through
 * delivery.ts (发送中, flush, send, confirm). A 通报 the quota or the time limit held back keeps
 * its number and goes before the new ones next run; one whose rows are given is never sent again.
 */
import { ymdFromDay } from '../core/calendar/day';
import { matchUnit } from '../core/directory/units';
import type { TaskRow } from '../core/ledger/tasks';
import {
  type CircularDoc,
  type CircularRecipients,
  caseFromLog,
  circularEvents,
  circularKey,
  circularRecipients,
  circularReplyBy,
  composeCircular,
  pendingCirculars,
} from '../core/notices/circular';
import { type LogEntry, type LogRole, numberer, seriesPrefix } from '../core/notices/log';
import { recipientBatches } from '../core/notices/mail-size';
import { openBudget, reserve } from '../core/notices/sending';
import type { CircularsToday } from '../core/notices/summary';
import { type CircularCase, type ComposedMail, LEVEL_WORD } from '../core/notices/types';
import type { Counters } from './counters';
import { claim, deliverAll, type Parcel } from './delivery';
import { remainingQuota } from './mail';
import { type LogBook, rewrite, setOutcome } from './notice-log';
import type { SentRecord } from './result';
import type { Workbook } from './workbook';

export interface CircularInput {
  /** planNotices(...).circulars: the units that reached 通报批评 today. */
  cases: readonly CircularCase[];
  tasks: readonly TaskRow[];
  keyOf: (task: TaskRow) => string;
  counters: Counters;
  now: Date;
  /** Date.now() when the job began, for its time budget. */
  started: number;
  /** A continuation: only the 通报 claimed today (待发送) go; nothing owed is claimed again, no case is new. */
  onlyClaimed?: boolean;
}

export interface CircularRun {
  summary: CircularsToday;
  mails: SentRecord[];
  /** The 通报 today's quota held back: each one's recipients (the summary's backlog counts them). */
  heldBack: number[];
}

/** One 通报 to deliver: the document, to whom, and its delivery rows. */
interface Outgoing {
  doc: CircularDoc;
  to: string[];
  cc: string[];
  rows: LogEntry[];
}

/** What the day's 通报 write before sending: new rows, queued rows claimed in place, queued rows withdrawn. */
interface Claims {
  fresh: LogEntry[];
  requeued: LogEntry[];
  withdrawn: number[];
}

/** The quota as the day's 通报 take it, most urgent first: whether the next one fits (its recipients reserved). */
type Gate = (recipients: number) => boolean;

function quotaGate(wb: Workbook): Gate {
  let budget = openBudget(remainingQuota(), Boolean(wb.settings.adminEmail));
  return (recipients) => {
    const r = reserve(budget, wb.settings.dryRun ? Math.min(1, recipients) : recipients);
    budget = r.budget;
    return r.fits;
  };
}

/**
 * The 通报 owed since an earlier run, in the order they were numbered. Rows claimed today by a run
 * the time limit stopped are confirmed as they are; another owed 通报 is claimed again only when
 * today's quota can send it, under its 延后 rows (the queue is its event rows and its 延后 rows: no
 * new rows a day, and none the day it goes).
 */
function owedOutgoing(
  wb: Workbook,
  book: LogBook,
  input: CircularInput,
  gate: Gate,
  run: Claims & { summary: CircularsToday; heldBack: number[] },
): Outgoing[] {
  const { settings } = wb;
  const entries = [...book.kept.values()];
  const owed = pendingCirculars(entries, settings.dryRun, wb.clock.today).filter((p) => !input.onlyClaimed || p.claimedToday.length > 0);
  const recipients = circularRecipients(wb.units, settings);
  return owed.flatMap((p): Outgoing[] => {
    const doc: CircularDoc = {
      case: caseFromLog(p, input.tasks, input.keyOf, entries, settings.dryRun),
      number: p.number,
      day: p.day,
      replyBy: p.replyBy ?? circularReplyBy(p.day, wb.calendar, settings.noticeReplyDays),
    };
    if (p.claimedToday.length > 0) {
      gate(p.claimedToday.length);
      const cc = p.claimedToday.filter((e) => e.role === 'cc').map((e) => e.to);
      return [{ doc, to: p.claimedToday.filter((e) => e.role !== 'cc').map((e) => e.to), cc, rows: p.claimedToday }];
    }
    const cost = recipients.to.length + recipients.cc.length;
    if (!gate(cost)) {
      run.summary.pending.push({ number: p.number, unit: p.unit, reason: 'quota' });
      run.heldBack.push(cost);
      return [];
    }
    // Its queued rows (延后) become today's claim, updated in place; an address new to the directory gets a row of its own.
    const o = addressed(wb, book, doc, recipients, input.now, p.queued);
    const reused = new Set(p.queued.map((e) => e.index));
    run.fresh.push(...o.rows.filter((e) => !reused.has(e.index)));
    run.requeued.push(...o.rows.filter((e) => reused.has(e.index)));
    const kept = new Set(o.rows.map((e) => e.index));
    // A queued address the directory no longer has: withdrawn (已取消), never sent to.
    run.withdrawn.push(...p.queued.filter((e) => !kept.has(e.index)).map((e) => e.index));
    return [o];
  });
}

/** The day's 通报: the owed ones first (their numbers kept), then today's; or, under 随月度通报, today's recorded only. */
export function sendCirculars(wb: Workbook, book: LogBook, input: CircularInput): CircularRun {
  const { settings } = wb;
  const today = wb.clock.today;
  const summary: CircularsToday = { sent: [], held: [], pending: [], unreached: [] };
  // Each unit as the directory names it (the ledger may type it otherwise).
  const cases = input.cases.map((c) => ({ ...c, unit: matchUnit(c.unit, wb.units)?.name ?? c.unit }));
  const recipients = circularRecipients(wb.units, settings);
  const claims: Claims = { fresh: [], requeued: [], withdrawn: [] };
  const { fresh } = claims;
  const gate = quotaGate(wb);
  const heldBack: number[] = [];
  const outgoing = owedOutgoing(wb, book, input, gate, { ...claims, summary, heldBack });
  if (settings.circularMode === 'monthly') {
    for (const c of cases) summary.held.push({ unit: c.unit, keys: c.tasks.map((n) => n.key) });
    fresh.push(...eventRows(wb, book, cases, () => '', input.now));
  } else {
    const year = ymdFromDay(today).year;
    const prefix = seriesPrefix('circular', settings.noticePrefix, wb.t);
    const next = numberer([...book.kept.values()], today, prefix, wb.t, input.counters.number('circular', year));
    for (const c of cases) {
      const doc: CircularDoc = {
        case: c,
        number: next(),
        day: today,
        replyBy: circularReplyBy(today, wb.calendar, settings.noticeReplyDays),
      };
      fresh.push(...eventRows(wb, book, [c], () => doc.number, input.now));
      const o = addressed(wb, book, doc, recipients, input.now);
      if (gate(o.rows.length)) {
        fresh.push(...o.rows);
        outgoing.push(o);
        continue;
      }
      // What today's quota cannot send is queued once (延后, its number kept), not claimed.
      fresh.push(...o.rows.map((e): LogEntry => ({ ...e, outcome: 'deferred', detail: wb.t('notice.quota') })));
      summary.pending.push({ number: doc.number, unit: c.unit, reason: 'quota' });
      heldBack.push(o.rows.length);
    }
  }
  // The events and the claims in one write (the queued rows claimed in place), before any 通报 goes out.
  claim(wb, book, fresh);
  rewrite(wb, book.sheet, claims.requeued, book.kept);
  setOutcome(wb, book.sheet, claims.withdrawn, 'cancelled', undefined, book.kept);
  if (outgoing.length > 0) summary.unreached.push(...recipients.unreached);
  return { summary, mails: deliver(wb, book, outgoing, input.started, summary), heldBack };
}

/**
 * A 通报's delivery rows (待发送), one per address To and Cc: the row the quota queued for that
 * address when it has one (same place in the log), else the next free row.
 */
function addressed(
  wb: Workbook,
  book: LogBook,
  doc: CircularDoc,
  r: CircularRecipients,
  now: Date,
  queued: readonly LogEntry[] = [],
): Outgoing {
  const queuedAt = new Map(queued.map((e) => [e.to.toLowerCase(), e.index] as const));
  const to = r.to.map((x) => x.address);
  const subject = composeCircular(doc, to, { t: wb.t, office: wb.settings }).subject;
  const row = (address: string, role: LogRole): LogEntry => ({
    index: queuedAt.get(address.toLowerCase()) ?? book.next++,
    number: doc.number,
    time: now,
    day: wb.clock.today,
    key: circularKey(doc.number),
    unit: doc.case.unit,
    level: 'criticism',
    ordinal: 0,
    deadline: undefined,
    to: address,
    role,
    subject,
    outcome: 'claimed',
    detail: '',
    replyBy: doc.replyBy,
  });
  const rows = [...r.to.map((x) => row(x.address, x.role)), ...r.cc.map((a) => row(a, 'cc'))];
  return { doc, to, cc: r.cc, rows };
}

/** One event per task (通报批评, 已记录): the task is in a 通报 from now on, under its 文号 ('' when held for the bulletin). */
function eventRows(wb: Workbook, book: LogBook, cases: readonly CircularCase[], number: () => string, now: Date): LogEntry[] {
  return cases.flatMap((c) =>
    circularEvents(c, number()).map(
      (e): LogEntry => ({
        index: book.next++,
        number: e.number,
        time: now,
        day: wb.clock.today,
        key: e.key,
        unit: e.unit,
        level: 'criticism',
        ordinal: 0,
        deadline: e.deadline,
        to: '',
        role: 'contact',
        subject: '',
        outcome: 'recorded',
        detail: e.number === '' ? wb.t('circular.eventHeld') : wb.t('circular.event', { number: e.number }),
      }),
    ),
  );
}

/** Each 通报 through the one delivery path, in order; what became of each, for the summary and run.json. */
function deliver(wb: Workbook, book: LogBook, outgoing: Outgoing[], started: number, summary: CircularsToday): SentRecord[] {
  const { t, settings } = wb;
  // A 通报 with nobody to go to (no unit has a valid address, no 抄送) stays owed: the units are named to the admin.
  const sendable = outgoing.filter((o) => o.to.length + o.cc.length > 0);
  // MailApp takes at most 50 addresses a mail: a 通报 to every unit of a big city goes as several mails, each address once.
  const batches = sendable.map((o) => recipientBatches(o.rows, (e) => e.role === 'cc'));
  const parcels = sendable.flatMap((o, i) => batches[i]!.map((b) => parcelOf(wb, o.doc, b)));
  const delivered = deliverAll(wb, book, parcels, { keepForSummary: Boolean(settings.adminEmail), started });
  const mails: SentRecord[] = [];
  let at = 0;
  sendable.forEach((o, i) => {
    const parts = batches[i]!.map((b) => ({ rows: b.to.length + b.cc.length, d: delivered[at++]! }));
    const { number, case: c } = o.doc;
    const sent = parts.flatMap((p) => (p.d.status === 'sent' ? [{ ...p, d: p.d }] : []));
    const missed = parts.find((p) => p.d.status !== 'sent')?.d;
    if (missed && missed.status !== 'sent')
      summary.pending.push({
        number,
        unit: c.unit,
        reason: missed.status,
        ...(missed.status === 'failed' ? { detail: missed.detail } : {}),
      });
    if (sent.length === 0) return;
    summary.sent.push({ number, unit: c.unit, recipients: sent.reduce((n, p) => n + p.rows - p.d.dropped.length, 0) });
    for (const { d } of sent)
      mails.push({
        kind: 'circular',
        to: d.to,
        ...(d.cc ? { cc: d.cc } : {}),
        subject: d.subject,
        numbers: [number],
        level: t(LEVEL_WORD.criticism),
      });
  });
  return mails;
}

/** One mail of a 通报: its batch of addresses, the log rows it answers for. */
function parcelOf(wb: Workbook, doc: CircularDoc, batch: { to: LogEntry[]; cc: LogEntry[] }): Parcel {
  const { t, settings } = wb;
  const ctx = { t, office: settings };
  const to = batch.to.map((e) => e.to);
  const cc = batch.cc.map((e) => e.to);
  const rows = [...batch.to, ...batch.cc];
  return {
    // Only 抄送 addresses: they are addressed (MailApp needs a To).
    mail: composeCircular(doc, to.length > 0 ? to : cc, ctx),
    cc: to.length > 0 ? cc : [],
    rows: rows.map((e) => e.index),
    rowTo: rows.map((e) => e.to),
    dryRun: (): ComposedMail => composeCircular(doc, [settings.adminEmail], { ...ctx, dryRunFor: [...to, ...cc] }),
  };
}
