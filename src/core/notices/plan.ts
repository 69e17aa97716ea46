/**
 * The notices planner: who is told what today, from the ledger's tasks and the notice log.
 *
 * 当场下单、限期整改、全程跟进: a task that becomes overdue gets its first 整改通知 on the first
 * working day it is late, with its 整改限期 (整改通知限期（工作日） working days on). A notice whose
 * 限期 passed with its task neither 待验收 nor 已销号 is 未达到整改要求 (a failure, logged once), and
 * failures move the ladder: the next 整改通知 (催办) after one; the unit's 通报 and a notice Cc its
 * head from 通报批评（未达要求次数）; 约谈 proposed (nothing sent) from 约谈（未达要求次数）. One
 * reminder goes before a deadline, once per task and deadline. A reopened task (反弹) continues its
 * ladder, an approved extension starts it again. A unit's new notices of the day are one document
 * with one number. Who is told comes only from the directory; a unit or address that is not there
 * is never guessed, it goes to the admin. A lead unit whose contact has no valid address gets its
 * notice at its head's (else its leader's) address.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import { formatDay, ymdFromDay } from '../calendar/day';
import { addressesIn, type EmailColumn, greetingName, matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import { isGiven, isLadderEntry, type LogEntry, newRelapses, numberer } from './log';
import type { CircularCase, DigestPlan, EarlierNotice, Interview, RecipientRole, TaskNotice } from './types';

export interface NoticeInput {
  tasks: readonly TaskRow[];
  /** The task's key: the plan's new key for a row keyed today. */
  keyOf: (task: TaskRow) => string;
  entries: readonly LogEntry[];
  units: Unit[];
  settings: Settings;
  calendar: WorkCalendar;
  today: Day;
  t: Translate;
  /** The highest notice number of the year ever given (the durable counter): numbers go on after it. */
  numberFloor?: number;
  /** Keys of tasks a verifier sent back in 整改反馈 today: their 退回通知 goes today too (issue 16). */
  returnedToday?: ReadonlySet<string>;
}

/** One notice (or reminder) of one task to one person. */
export interface Delivery {
  notice: TaskNotice;
  to: string;
  toName: string;
  role: RecipientRole;
  /** The unit the notice is about for this person: the lead unit, or the co-unit they speak for. */
  section: { unit: string; role: 'lead' | 'support' };
  /**
   * The row to confirm instead of a new one: a claim made today by a run that stopped before
   * sending it, or the row the quota queued (延后) on an earlier day, updated when it is sent.
   */
  resume?: number;
  /** What the log records beside the notice (continued after a reopening, restarted after an extension). */
  detail: string;
  /** Sent to the unit's head or leader because its contact has no valid address: addressed (To) as the contact's would be. */
  forContact?: boolean;
  /** The number of the document (one unit's 整改通知 of the day) it is part of; '' for a reminder-only mail. */
  document: string;
}

export type UnreachableReason = 'noUnit' | 'noAddress' | 'badAddress';

/** A notice that has nobody to go to: the admin is told, nobody is guessed. */
export interface Unreachable {
  unit: string;
  role: RecipientRole;
  notice: TaskNotice;
  reason: UnreachableReason;
  /** The address as the directory has it, for a bad one. */
  to?: string;
}

export interface NoticePlan {
  /** Whether notices go out today (a working day, or the settings allow any day). */
  sendsToday: boolean;
  deliveries: Delivery[];
  unreachable: Unreachable[];
  /** Notices found 未达到整改要求 today: the sweep logs each once. */
  failures: Failure[];
  /** Units that reached 通报批评 today: one 通报 each (or held for the month's bulletin, as 设置 says). */
  circulars: CircularCase[];
  /** Units that reached 约谈 today: a case for 约谈安排, nothing sent until a person agrees. */
  interviews: Interview[];
}

/**
 * 未达到整改要求: a notice whose 整改限期 passed with its task neither 待验收 nor 已销号, logged once
 * as an event dated the first working day after the 限期. Failures drive the ladder.
 */
export interface Failure {
  key: string;
  unit: string;
  /** The failed notice's number (the unit's document) and its 第N次督办. */
  number: string;
  ordinal: number;
  deadline: Day;
  replyBy: Day;
  /** The first working day after the 限期: the day it became a failure. */
  day: Day;
}

/** One 整改通知 of a task's ladder (第N次督办) as the log has it: its deliveries by address. */
interface Step {
  ordinal: number;
  /** The lead unit's document number (a co-unit's copy is in its own document, with its own number). */
  number: string;
  /** The day it was first given to anyone. */
  givenOn: Day | undefined;
  /** The 整改限期 the log says it stated (a log from before the column has none). */
  replyBy: Day | undefined;
  given: Set<string>;
  /** Deliveries not (yet) given: deferred, failed, cancelled, or claimed today. */
  pending: Map<string, LogEntry>;
}

function steps(entries: readonly LogEntry[], dryRun: boolean, today: Day): Step[] {
  const byOrdinal = new Map<number, Step>();
  for (const e of entries) {
    let s = byOrdinal.get(e.ordinal);
    if (!s) {
      s = { ordinal: e.ordinal, number: '', givenOn: undefined, replyBy: undefined, given: new Set(), pending: new Map() };
      byOrdinal.set(e.ordinal, s);
    }
    // The step's number is the lead unit's document; a co-unit's copy gives it only when no lead row has.
    if (s.number === '' || e.role !== 'support') s.number = e.number;
    if (isGiven(e.outcome, dryRun)) {
      s.given.add(e.to);
      s.pending.delete(e.to);
      if (e.day !== undefined && (s.givenOn === undefined || e.day < s.givenOn)) s.givenOn = e.day;
      s.replyBy ??= e.replyBy;
    } else if (!s.given.has(e.to) && (e.outcome !== 'claimed' || e.day === today) && e.outcome !== 'sending') {
      s.pending.set(e.to, e);
    }
  }
  return [...byOrdinal.values()].sort((a, b) => a.ordinal - b.ordinal);
}

/** What the log says of one task: its notices and failures on the deadline in force, and whether it is in a 通报 or a 约谈 case. */
interface TaskLog {
  steps: Step[];
  /** The ordinals of its notices that failed (logged, or decided today). */
  failed: Set<number>;
  /** Days it was reopened (反弹), logged or found today. */
  reopened: Day[];
  criticised: boolean;
  proposed: boolean;
}

/**
 * Plans today's notices: for each task with a key and a deadline, a reminder when it falls due
 * soon; when it is overdue, the failures its notices came to, then the next step of the ladder
 * (the next 整改通知, the 通报批评 case, the 约谈 case). Each unit's new notices of the day are
 * one document, with one number.
 */
export function planNotices(input: NoticeInput): NoticePlan {
  const { settings, calendar, today } = input;
  const plan: NoticePlan = {
    sendsToday: settings.sendOnNonWorkingDays || calendar.isWorkingDay(today),
    deliveries: [],
    unreachable: [],
    failures: [],
    circulars: [],
    interviews: [],
  };
  if (!plan.sendsToday) return plan;
  const byKey = new Map<string, LogEntry[]>();
  for (const e of input.entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const unitFailures = failuresByUnit(input);
  const circulars = new Map<string, CircularCase>();
  const interviews = new Map<string, Interview>();

  // Failures first, all of them: under 按单位 a task's step depends on its unit's failures today, whatever the row order.
  const overdue: { task: TaskRow; base: NoticeBase; log: TaskLog }[] = [];
  for (const task of input.tasks) {
    const key = input.keyOf(task);
    const deadline = task.effectiveDeadline;
    if (key === '' || deadline === undefined) continue;
    const mine = byKey.get(key) ?? [];
    const base: NoticeBase = {
      key,
      row: task.index + 1,
      unit: matchUnit(task.units[0] ?? '', input.units)?.name ?? task.units[0] ?? '',
      coUnits: task.coUnits,
      task: task.task,
      place: task.place,
      ...(task.source === undefined ? {} : { source: task.source }),
      ...(task.requirement === undefined ? {} : { requirement: task.requirement }),
      deadline,
      daysOverdue: task.state.daysOverdue,
    };
    if (task.state.code === 'dueSoon') planReminder(input, plan, task, base, mine);
    if (task.state.code !== 'overdue') continue;
    const log = taskLog(input, task, base, mine);
    const fresh = decideFailures(input, base, log);
    plan.failures.push(...fresh);
    unitFailures.set(base.unit, (unitFailures.get(base.unit) ?? 0) + fresh.length);
    overdue.push({ task, base, log });
  }
  for (const { task, base, log } of overdue) {
    const count = settings.failureCounting === 'unit' ? (unitFailures.get(base.unit) ?? 0) : log.failed.size;
    climb(input, plan, task, base, log, count, { circulars, interviews });
  }
  numberDocuments(plan.deliveries, numberer(input.entries, today, settings.noticePrefix, input.t, input.numberFloor));
  plan.circulars = [...circulars.values()];
  plan.interviews = [...interviews.values()];
  return plan;
}

type NoticeBase = Omit<TaskNotice, 'level' | 'ordinal' | 'number'> & { deadline: Day };

/** The failures each unit has this year (按单位 counting): logged ones; today's are added as they are decided. */
function failuresByUnit(input: NoticeInput): Map<string, number> {
  const year = ymdFromDay(input.today).year;
  const out = new Map<string, number>();
  for (const e of input.entries) {
    if (e.level !== 'failed' || e.day === undefined || ymdFromDay(e.day).year !== year) continue;
    const unit = matchUnit(e.unit, input.units)?.name ?? e.unit;
    out.set(unit, (out.get(unit) ?? 0) + 1);
  }
  return out;
}

function taskLog(input: NoticeInput, task: TaskRow, base: NoticeBase, mine: readonly LogEntry[]): TaskLog {
  const inForce = (e: LogEntry): boolean => e.deadline === base.deadline;
  const relapses = newRelapses(
    [{ key: base.key, units: task.units, reopenCount: task.reopenCount, statusChanged: task.statusChanged }],
    mine,
    input.today,
  );
  return {
    steps: steps(
      mine.filter((e) => isLadderEntry(e) && inForce(e)),
      input.settings.dryRun,
      input.today,
    ),
    failed: new Set(mine.filter((e) => e.level === 'failed' && inForce(e)).map((e) => e.ordinal)),
    reopened: [
      ...mine.filter((e) => e.level === 'reopen').flatMap((e) => (e.day === undefined ? [] : [e.day])),
      ...relapses.map((r) => r.day),
    ],
    criticised: mine.some((e) => e.level === 'criticism'),
    proposed: mine.some((e) => e.level === 'interview'),
  };
}

/** The 限期 a notice stated, as logged; for a notice logged before the column, counted from when it was given. */
function replyByOf(input: NoticeInput, step: Step): Day | undefined {
  if (step.replyBy !== undefined) return step.replyBy;
  return step.givenOn === undefined ? undefined : input.calendar.addWorkingDays(step.givenOn, input.settings.noticeReplyDays);
}

/** Whether a notice was met by closing: its task was closed after it and has been reopened since (反弹), so it did not fail. */
function metByClosing(log: TaskLog, step: Step): boolean {
  return step.givenOn !== undefined && log.reopened.some((day) => day > step.givenOn!);
}

/**
 * The notices of an overdue task whose 限期 has passed and are not yet logged as failed: each a
 * failure, dated the first working day after its 限期. The task is overdue today: neither 待验收
 * nor 已销号. A notice met by closing the task (reopened since) is not one.
 */
function decideFailures(input: NoticeInput, base: NoticeBase, log: TaskLog): Failure[] {
  const out: Failure[] = [];
  for (const step of log.steps) {
    const replyBy = replyByOf(input, step);
    if (step.given.size === 0 || replyBy === undefined || log.failed.has(step.ordinal) || metByClosing(log, step)) continue;
    const day = input.calendar.addWorkingDays(replyBy, 1);
    if (input.today < day) continue;
    log.failed.add(step.ordinal);
    out.push({ key: base.key, unit: base.unit, number: step.number, ordinal: step.ordinal, deadline: base.deadline, replyBy, day });
  }
  return out;
}

/** The notices given before, oldest first, each with its 限期 and whether it failed: what the next one cites. */
function earlierNotices(input: NoticeInput, log: TaskLog): EarlierNotice[] {
  return log.steps
    .filter((s) => s.given.size > 0 && s.givenOn !== undefined)
    .map((s) => ({ number: s.number, givenOn: s.givenOn!, replyBy: replyByOf(input, s), failed: log.failed.has(s.ordinal) }));
}

/**
 * The step an overdue task is owed today. The last notice again to whoever it still owes; nothing
 * while its 限期 runs; then, by failures counted (the task's own, or its unit's as 设置 says): at
 * the 约谈 count the task is proposed for 约谈 and gets no more notices (a person takes it from
 * there); at the 通报批评 count it joins the unit's 通报; and the next 整改通知, to the unit's head
 * as well from 通报批评 on.
 */
function climb(
  input: NoticeInput,
  plan: NoticePlan,
  task: TaskRow,
  base: NoticeBase,
  log: TaskLog,
  count: number,
  cases: { circulars: Map<string, CircularCase>; interviews: Map<string, Interview> },
): void {
  const { settings, calendar, today } = input;
  const given = log.steps.filter((s) => s.given.size > 0);
  const last = given[given.length - 1];
  const detail = ladderDetail(task, input.entries, base, input.t);
  const earlier = earlierNotices(input, log);
  const escalated = count >= settings.criticismAfterNotices && log.failed.size > 0;
  if (last && last.pending.size > 0) {
    // The last notice still owes someone (deferred by the quota, or failed): they get it today, with its own 限期.
    const pending = [...last.pending.values()];
    const notice: TaskNotice = {
      ...base,
      level: 'notice',
      ordinal: last.ordinal,
      number: last.number,
      replyBy: replyByOf(input, last) ?? today,
      earlier: earlier.slice(0, -1),
    };
    deliver(
      input,
      plan,
      task,
      notice,
      pending.map((e) => e.to),
      pending,
      detail,
      escalated,
    );
    return;
  }
  if (last && !log.failed.has(last.ordinal) && !metByClosing(log, last)) return;
  if (log.failed.size > 0 && count >= settings.interviewAfterNotices) {
    if (!log.proposed)
      addInterview(cases.interviews, { ...base, level: 'notice', ordinal: given.length, number: last?.number ?? '', earlier }, input.units);
    return;
  }
  const ordinal = given.length + 1;
  // A notice claimed for this step but never given (deferred, failed) is the same notice: its rows keep their number.
  const unsent = log.steps.find((s) => s.ordinal === ordinal && s.given.size === 0);
  const pending = unsent ? [...unsent.pending.values()] : [];
  const notice: TaskNotice = {
    ...base,
    level: 'notice',
    ordinal,
    number: '',
    replyBy: calendar.addWorkingDays(today, settings.noticeReplyDays),
    earlier,
    ...(escalated ? { escalated } : {}),
  };
  if (escalated && !log.criticised) addCircular(cases.circulars, { ...notice });
  deliver(input, plan, task, notice, undefined, pending, detail, escalated);
}

/** A unit's 通报批评 case of the day: the tasks that brought it there. */
function addCircular(cases: Map<string, CircularCase>, notice: TaskNotice): void {
  const entry = cases.get(notice.unit) ?? { unit: notice.unit, tasks: [] };
  entry.tasks.push(notice);
  cases.set(notice.unit, entry);
}

/** A unit's 约谈 case of the day: the tasks, with the unit's head and supervising leader from the directory. */
function addInterview(cases: Map<string, Interview>, notice: TaskNotice, units: Unit[]): void {
  const unit = matchUnit(notice.unit, units);
  const name = unit?.name ?? notice.unit;
  const entry = cases.get(name) ?? { unit: name, head: unit?.head ?? '', leader: unit?.leader ?? '', tasks: [] };
  entry.tasks.push(notice);
  cases.set(name, entry);
}

/**
 * A task the office sent back (退回) gets its 退回通知 the day it is sent back, and that notice states
 * the deadline the task is back on: no 临期提醒 on top of it that day, nor after it was given.
 */
function returnNoticeStands(task: TaskRow, mine: readonly LogEntry[], today: Day): boolean {
  const since = task.statusChanged;
  if (task.status !== 'returned' || since === undefined) return false;
  return since === today || mine.some((e) => e.level === 'return' && e.day !== undefined && e.day >= since);
}

/** One reminder (临期提醒) per task and deadline: sent once, or to whoever it still owes. */
function planReminder(input: NoticeInput, plan: NoticePlan, task: TaskRow, base: NoticeBase, mine: readonly LogEntry[]): void {
  // A 整改通知 given before the deadline (当场下单) already states it as its 限期: no reminder on top.
  const noticed = mine.some((e) => isLadderEntry(e) && e.deadline === base.deadline && isGiven(e.outcome, input.settings.dryRun));
  if (noticed || returnNoticeStands(task, mine, input.today) || input.returnedToday?.has(base.key)) return;
  const reminders = steps(
    mine.filter((e) => e.level === 'reminder' && e.deadline === base.deadline),
    input.settings.dryRun,
    input.today,
  );
  const done = reminders.some((s) => s.given.size > 0);
  const pending = reminders.flatMap((s) => [...s.pending.values()]);
  if (done && pending.length === 0) return;
  const notice: TaskNotice = { ...base, level: 'reminder', ordinal: 0, number: '' };
  deliver(input, plan, task, notice, done ? pending.map((e) => e.to) : undefined, pending, '', false);
}

/**
 * One number per document: a unit's new notices of the day are one 整改通知 (its lead matters and
 * the matters it supports), numbered once; a delivery that keeps an earlier claim's number keeps it.
 * A reminder rides in its unit's document of the day when there is one.
 */
function numberDocuments(deliveries: Delivery[], next: () => string): void {
  const numberOf = new Map<string, string>();
  for (const d of deliveries) {
    if (d.notice.level === 'reminder' || d.notice.number !== '') continue;
    const unit = d.section.unit;
    if (!numberOf.has(unit)) numberOf.set(unit, next());
    d.notice.number = numberOf.get(unit)!;
  }
  for (const d of deliveries) d.document = d.notice.level === 'reminder' ? (numberOf.get(d.section.unit) ?? '') : d.notice.number;
}

/** What the log records beside a notice: a ladder continued after a reopening, or started again after an extension. */
function ladderDetail(task: TaskRow, entries: readonly LogEntry[], base: NoticeBase, t: Translate): string {
  const { key, deadline } = base;
  const earlier = entries.filter((e) => e.key === key && isLadderEntry(e) && e.deadline !== undefined && e.deadline !== deadline);
  if (earlier.length > 0 && task.deadline?.kind === 'date' && task.deadline.day !== deadline) {
    return t('notice.afterExtension', { deadline: formatDay(deadline) });
  }
  if (task.reopenCount > 0) return t('notice.afterReopen', { count: task.reopenCount });
  return '';
}

type Wanted = { unit: string; role: RecipientRole; section: 'lead' | 'support'; column: EmailColumn };

/** Who stands in for a unit's contact whose address is missing or bad: its head, then its leader (the unit's own row only). */
const STAND_INS: readonly { role: RecipientRole; column: EmailColumn }[] = [
  { role: 'head', column: 'headEmail' },
  { role: 'leader', column: 'leaderEmail' },
];

/**
 * Where one wanted person's notice goes: the addresses of their column, the admin told of a bad
 * or missing one. A lead unit's contact with no valid address never stops the ladder: the notice
 * goes to the first valid of the unit's head and leader instead (in To, as the contact's would).
 */
function addressesFor(
  input: NoticeInput,
  plan: NoticePlan,
  notice: TaskNotice,
  w: Wanted,
): { unit: Unit; list: string[]; role: RecipientRole; column: EmailColumn; standIn: boolean } | undefined {
  const unit = matchUnit(w.unit, input.units);
  if (!unit) {
    plan.unreachable.push({ unit: w.unit, role: w.role, notice, reason: 'noUnit' });
    return undefined;
  }
  const bad = unit.badEmails?.[w.column] ?? [];
  for (const to of bad) plan.unreachable.push({ unit: unit.name, role: w.role, notice, reason: 'badAddress', to });
  const list = addressesIn(unit[w.column]);
  if (list.length > 0) return { unit, list, role: w.role, column: w.column, standIn: false };
  if (bad.length === 0) plan.unreachable.push({ unit: unit.name, role: w.role, notice, reason: 'noAddress' });
  if (w.role !== 'contact') return undefined;
  const standIn = STAND_INS.find((s) => addressesIn(unit[s.column]).length > 0);
  return standIn && { unit, list: addressesIn(unit[standIn.column]), role: standIn.role, column: standIn.column, standIn: true };
}

/**
 * Adds a notice's deliveries: the lead unit's contact always (or whoever stands in for a contact
 * with no valid address), its head once the task is escalated (通报批评 on), each co-unit's
 * contact; `only` limits them to addresses still owed. An address with an earlier claim of this
 * notice keeps that claim's number (and resumes today's claim); the rest are numbered with their
 * unit's document of the day (numberDocuments).
 */
function deliver(
  input: NoticeInput,
  plan: NoticePlan,
  task: TaskRow,
  notice: TaskNotice,
  only: string[] | undefined,
  pending: LogEntry[],
  detail: string,
  escalated: boolean,
): void {
  const wanted: Wanted[] = [{ unit: notice.unit, role: 'contact', section: 'lead', column: 'contactEmail' }];
  if (escalated) wanted.push({ unit: notice.unit, role: 'head', section: 'lead', column: 'headEmail' });
  for (const co of task.coUnits) wanted.push({ unit: co, role: 'support', section: 'support', column: 'contactEmail' });

  const out: Delivery[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const found = addressesFor(input, plan, notice, w);
    if (!found) continue;
    const { unit } = found;
    for (const to of found.list) {
      const address = to.toLowerCase();
      if (seen.has(address) || (only && !only.some((a) => a.toLowerCase() === address))) continue;
      seen.add(address);
      const earlier = pending.find((e) => e.to.toLowerCase() === address);
      // Today's claim, or the one row the quota queued (延后) on an earlier day: the backlog is a queue, not a row a day.
      const claim =
        (earlier?.outcome === 'claimed' && earlier.day === input.today) || earlier?.outcome === 'deferred' ? earlier : undefined;
      out.push({
        notice: { ...notice, unit: w.section === 'lead' ? unit.name : notice.unit, number: earlier?.number ?? notice.number },
        to,
        toName: greetingName(unit, found.column, to),
        role: found.role,
        section: { unit: unit.name, role: w.section },
        ...(claim ? { resume: claim.index } : {}),
        ...(found.standIn ? { forContact: true } : {}),
        detail,
        document: '',
      });
    }
  }
  plan.deliveries.push(...out);
}

/** A document as a mail: its plan, who is copied (the unit's head), the deliveries it carries. */
export interface Digest {
  plan: DigestPlan;
  /** Copied: the unit's head once a task is escalated, in the same mail as its contact. */
  cc: string[];
  deliveries: Delivery[];
}

/**
 * The deliveries as mails, one per document: a unit's 整改通知 of the day goes to its contact
 * (or whoever stands in for one; a co-unit's contact for the matters it supports) in To, its head
 * in Cc. Sections: the unit's own matters, then those it supports. Mails are ordered by urgency
 * for a tight quota: the most escalated matter, the longest overdue, then by address.
 */
export function groupDigests(deliveries: readonly Delivery[]): Digest[] {
  const byDocument = new Map<string, Digest>();
  for (const d of deliveries) {
    const id = `${d.section.unit}\u0000${d.document}`;
    const digest = byDocument.get(id) ?? { plan: { to: '', toName: '', number: d.document, sections: [] }, cc: [], deliveries: [] };
    byDocument.set(id, digest);
    digest.deliveries.push(d);
    let section = digest.plan.sections.find((s) => s.unit === d.section.unit && s.role === d.section.role);
    if (!section) {
      section = { unit: d.section.unit, role: d.section.role, notices: [] };
      digest.plan.sections.push(section);
    }
    if (!section.notices.some((n) => n.key === d.notice.key && n.level === d.notice.level)) section.notices.push(d.notice);
  }
  for (const digest of byDocument.values()) address(digest);
  const urgency = (ds: Delivery[]): [number, number] => [
    Math.max(...ds.map((d) => (d.notice.level === 'reminder' ? 0 : d.notice.ordinal))),
    Math.max(...ds.map((d) => d.notice.daysOverdue)),
  ];
  return [...byDocument.values()].sort((a, b) => {
    const [ra, da] = urgency(a.deliveries);
    const [rb, db] = urgency(b.deliveries);
    return rb - ra || db - da || a.plan.to.localeCompare(b.plan.to);
  });
}

/** To: the unit's contact (or its stand-in) and a co-unit's; Cc: its head. Sections: own matters first. */
function address(digest: Digest): void {
  const seen = new Set<string>();
  const to: Delivery[] = [];
  const cc: string[] = [];
  const addressed = (d: Delivery): boolean => d.role === 'contact' || d.role === 'support' || d.forContact === true;
  for (const d of [...digest.deliveries].sort((a, b) => Number(addressed(b)) - Number(addressed(a)))) {
    const id = d.to.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    if (addressed(d)) to.push(d);
    else cc.push(d.to);
  }
  const main = to.length > 0 ? to : digest.deliveries.slice(0, 1);
  digest.plan.to = main.map((d) => d.to).join(',');
  digest.plan.toName = main.length === 1 ? main[0]!.toName : '';
  digest.cc = to.length > 0 ? cc : cc.filter((a) => a.toLowerCase() !== main[0]!.to.toLowerCase());
  digest.plan.sections.sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
}
