/**
 * The notices planner: who is told what today, from the ledger's tasks and the notice log.
 *
 * 当场下单、限期整改、全程跟进: a task that becomes overdue gets its first 整改通知 on the first
 * working day it is late, with its 整改限期 (整改通知限期（工作日） working days on); while the task stays
 * undone, the next one on the first working day after that 限期, never sooner.
 * The n-th notice is 通报批评 from 通报批评督办次数 on (its head is told too) and 约谈 from
 * 约谈督办次数 on (the supervising leader too). One reminder goes before a deadline, once per task
 * and deadline. The ladder counts the log's given notices for the deadline in force: a reopened
 * task (反弹) continues it, an approved extension starts it again. Who is told comes only from the
 * directory; a unit or address that is not there is never guessed, it goes to the admin. A lead
 * unit whose contact has no valid address gets its notice at its head's (else its leader's) address.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import { formatDay } from '../calendar/day';
import { addressesIn, type EmailColumn, greetingName, matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import { isGiven, isNoticeEntry, type LogEntry, numberer } from './log';
import {
  type CircularCase,
  type DigestPlan,
  type Interview,
  LEVEL_RANK,
  type NoticeLevel,
  type RecipientRole,
  type TaskNotice,
} from './types';

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
}

/** One notice (or reminder) of one task to one person. */
export interface Delivery {
  notice: TaskNotice;
  to: string;
  toName: string;
  role: RecipientRole;
  /** The unit the notice is about for this person: the lead unit, or the co-unit they speak for. */
  section: { unit: string; role: 'lead' | 'support' };
  /** A claim made today by a run that stopped before sending it: the row to confirm instead of a new one. */
  resume?: number;
  /** What the log records beside the notice (continued after a reopening, restarted after an extension). */
  detail: string;
  /** Sent to the unit's head or leader because its contact has no valid address: addressed (To) as the contact's would be. */
  forContact?: boolean;
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
  /** Units that reached 通报批评 today: one 通报 each (or held for the month's bulletin, as 设置 says). */
  circulars: CircularCase[];
  /** Units that reached 约谈 today: a case for 约谈安排, nothing sent until a person agrees. */
  interviews: Interview[];
}

/** The level of the n-th notice on the ladder. */
export function levelOf(ordinal: number, settings: Pick<Settings, 'criticismAfterNotices' | 'interviewAfterNotices'>): NoticeLevel {
  if (ordinal >= settings.interviewAfterNotices) return 'interview';
  if (ordinal >= settings.criticismAfterNotices) return 'criticism';
  return 'notice';
}

/** One notice number's deliveries, as the log has them. */
interface NumberState {
  number: string;
  ordinal: number;
  level: NoticeLevel;
  /** The day it was first given to anyone. */
  givenOn: Day | undefined;
  /** The 整改限期 the log says it stated (a log from before the column has none). */
  replyBy: Day | undefined;
  given: Set<string>;
  /** Deliveries not (yet) given: deferred, failed, cancelled, or claimed today. */
  pending: Map<string, LogEntry>;
}

function numberStates(entries: readonly LogEntry[], dryRun: boolean, today: Day): NumberState[] {
  const byNumber = new Map<string, NumberState>();
  for (const e of entries) {
    if (!isNoticeEntry(e)) continue;
    let s = byNumber.get(e.number);
    if (!s) {
      s = {
        number: e.number,
        ordinal: e.ordinal,
        level: e.level,
        givenOn: undefined,
        replyBy: undefined,
        given: new Set(),
        pending: new Map(),
      };
      byNumber.set(e.number, s);
    }
    if (isGiven(e.outcome, dryRun)) {
      s.given.add(e.to);
      s.pending.delete(e.to);
      if (e.day !== undefined && (s.givenOn === undefined || e.day < s.givenOn)) s.givenOn = e.day;
      s.replyBy ??= e.replyBy;
    } else if (!s.given.has(e.to) && (e.outcome !== 'claimed' || e.day === today) && e.outcome !== 'sending') {
      s.pending.set(e.to, e);
    }
  }
  return [...byNumber.values()].sort((a, b) => a.ordinal - b.ordinal);
}

/**
 * Plans today's notices: for each task with a key and a deadline, a reminder when it falls due
 * soon, the next notice on the ladder when it is overdue; the units summoned to 约谈 listed.
 */
export function planNotices(input: NoticeInput): NoticePlan {
  const { settings, calendar, today, t } = input;
  const plan: NoticePlan = {
    sendsToday: settings.sendOnNonWorkingDays || calendar.isWorkingDay(today),
    deliveries: [],
    unreachable: [],
    circulars: [],
    interviews: [],
  };
  if (!plan.sendsToday) return plan;
  const next = numberer(input.entries, today, settings.noticePrefix, t, input.numberFloor);
  const byKey = new Map<string, LogEntry[]>();
  for (const e of input.entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const interviews = new Map<string, Interview>();

  for (const task of input.tasks) {
    const key = input.keyOf(task);
    const deadline = task.effectiveDeadline;
    if (key === '' || deadline === undefined) continue;
    const mine = byKey.get(key) ?? [];
    const base = {
      key,
      row: task.index + 1,
      unit: task.units[0] ?? '',
      coUnits: task.coUnits,
      task: task.task,
      place: task.place,
      deadline,
      daysOverdue: task.state.daysOverdue,
    };
    if (task.state.code === 'dueSoon') {
      planReminder(input, plan, task, base, mine);
      continue;
    }
    if (task.state.code !== 'overdue') continue;
    const step = nextStep(input, base, mine);
    if (!step) continue;
    const { notice } = step;
    const detail = ladderDetail(task, mine, deadline, t);
    const reached = deliver(input, plan, task, notice, step.only, step.pending, detail, () => (notice.number = notice.number || next()));
    if (reached && notice.level === 'interview') addInterview(interviews, notice, input.units);
  }
  plan.interviews = [...interviews.values()];
  return plan;
}

type NoticeBase = Omit<TaskNotice, 'level' | 'ordinal' | 'number'> & { deadline: Day };

/** One reminder (临期提醒) per task and deadline: sent once, or to whoever it still owes. */
function planReminder(input: NoticeInput, plan: NoticePlan, task: TaskRow, base: NoticeBase, mine: readonly LogEntry[]): void {
  const reminders = numberStates(
    mine.filter((e) => e.level === 'reminder' && e.deadline === base.deadline),
    input.settings.dryRun,
    input.today,
  );
  const done = reminders.some((s) => s.given.size > 0);
  const pending = reminders.flatMap((s) => [...s.pending.values()]);
  if (done && pending.length === 0) return;
  const notice: TaskNotice = { ...base, level: 'reminder', ordinal: 0, number: '' };
  deliver(input, plan, task, notice, done ? pending.map((e) => e.to) : undefined, pending, '');
}

/**
 * The notice an overdue task is owed today, if any: the last one again to whoever it still
 * owes, or the next on the ladder once the last one's 整改限期 has passed (from the first working
 * day after it). Each notice's 限期 is 整改通知限期（工作日） working days after it was first given.
 */
function nextStep(
  input: NoticeInput,
  base: NoticeBase,
  mine: readonly LogEntry[],
): { notice: TaskNotice; only: string[] | undefined; pending: LogEntry[] } | undefined {
  const { settings, calendar, today } = input;
  const replyBy = (given: Day): Day => calendar.addWorkingDays(given, settings.noticeReplyDays);
  const ladder = numberStates(
    mine.filter((e) => e.level !== 'reminder' && e.deadline === base.deadline),
    settings.dryRun,
    today,
  );
  const given = ladder.filter((s) => s.given.size > 0);
  const last = given[given.length - 1];
  // The 限期 the notice stated, as logged; for a notice logged before the column, counted from when it was given.
  const lastReplyBy = last?.replyBy ?? (last?.givenOn === undefined ? undefined : replyBy(last.givenOn));
  if (last && last.pending.size > 0) {
    // The last notice still owes someone (deferred by the quota, or failed): they get it today, with its own 限期.
    const pending = [...last.pending.values()];
    const notice = { ...base, level: last.level, ordinal: last.ordinal, number: last.number, replyBy: lastReplyBy ?? replyBy(today) };
    return { notice, only: pending.map((e) => e.to), pending };
  }
  if (last && !(lastReplyBy !== undefined && today >= calendar.addWorkingDays(lastReplyBy, 1))) return undefined;
  const ordinal = given.length + 1;
  // A number claimed for this step but never given (deferred, failed) is the same notice: it keeps its number.
  const earlier = ladder.find((s) => s.ordinal === ordinal && s.given.size === 0);
  const pending = earlier ? [...earlier.pending.values()] : [];
  const notice = { ...base, level: levelOf(ordinal, settings), ordinal, number: earlier?.number ?? '', replyBy: replyBy(today) };
  return { notice, only: undefined, pending };
}

/** A unit summoned to 约谈, with its head and supervising leader from the directory, and the task. */
function addInterview(interviews: Map<string, Interview>, notice: TaskNotice, units: Unit[]): void {
  const unit = matchUnit(notice.unit, units);
  const name = unit?.name ?? notice.unit;
  const entry = interviews.get(name) ?? { unit: name, head: unit?.head ?? '', leader: unit?.leader ?? '', tasks: [] };
  entry.tasks.push(notice);
  interviews.set(name, entry);
}

/** What the log records beside a notice: a ladder continued after a reopening, or started again after an extension. */
function ladderDetail(task: TaskRow, mine: readonly LogEntry[], deadline: Day, t: Translate): string {
  const earlier = mine.filter((e) => e.level !== 'reminder' && e.deadline !== undefined && e.deadline !== deadline);
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
 * with no valid address), its head from 通报批评, its leader at 约谈, each co-unit's contact;
 * `only` limits them to addresses still owed. Returns whether anyone can be reached (a number is
 * handed out only then, through `number`).
 */
function deliver(
  input: NoticeInput,
  plan: NoticePlan,
  task: TaskRow,
  notice: TaskNotice,
  only: string[] | undefined,
  pending: LogEntry[],
  detail: string,
  number: () => void = () => undefined,
): boolean {
  const rank = LEVEL_RANK[notice.level];
  const wanted: Wanted[] = [{ unit: notice.unit, role: 'contact', section: 'lead', column: 'contactEmail' }];
  if (rank >= LEVEL_RANK.criticism) wanted.push({ unit: notice.unit, role: 'head', section: 'lead', column: 'headEmail' });
  if (rank >= LEVEL_RANK.interview) wanted.push({ unit: notice.unit, role: 'leader', section: 'lead', column: 'leaderEmail' });
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
      const claim = pending.find((e) => e.to.toLowerCase() === address && e.outcome === 'claimed' && e.day === input.today);
      out.push({
        notice: { ...notice, unit: w.section === 'lead' ? unit.name : notice.unit },
        to,
        toName: greetingName(unit, found.column, to),
        role: found.role,
        section: { unit: unit.name, role: w.section },
        ...(claim ? { resume: claim.index } : {}),
        ...(found.standIn ? { forContact: true } : {}),
        detail,
      });
    }
  }
  if (out.length === 0) return false;
  number();
  for (const d of out) d.notice.number = notice.number;
  plan.deliveries.push(...out);
  return true;
}

/**
 * The deliveries as digests: one per person, a section per unit they answer for (the units
 * they lead first), most urgent first; people who would get the same mail share it (To and Cc). Digests are ordered by urgency for a tight quota: 约谈,
 * then 通报批评, then the longest overdue; within that, a unit's contact before its leaders.
 */
export interface Digest {
  plan: DigestPlan;
  /** Copied: a unit's head or leader who gets exactly what its contact gets, in the same mail. */
  cc: string[];
  deliveries: Delivery[];
}

/**
 * People who would get the very same mail get it together: the unit's contact (and any
 * co-unit contact) in To, its head and leader in Cc, so a unit at 约谈 is one official mail, not
 * three. Nobody is in two mails: a leader over several units gets one mail with all of them.
 */
function mergeIdentical(digests: Digest[]): Digest[] {
  const signature = (d: Digest): string =>
    JSON.stringify(d.plan.sections.map((s) => [s.unit, s.role, s.notices.map((n) => [n.key, n.number, n.level])]));
  const groups = new Map<string, Digest[]>();
  for (const d of digests) groups.set(signature(d), [...(groups.get(signature(d)) ?? []), d]);
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const addressed = (d: Digest): boolean =>
      d.deliveries.some((x) => x.role === 'contact' || x.role === 'support' || x.forContact === true);
    const to = group.filter(addressed);
    const main = to.length > 0 ? to : [group[0]!];
    const cc = group.filter((d) => !main.includes(d));
    return {
      plan: { ...main[0]!.plan, to: main.map((d) => d.plan.to).join(','), toName: main.length === 1 ? main[0]!.plan.toName : '' },
      cc: cc.map((d) => d.plan.to),
      deliveries: group.flatMap((d) => d.deliveries),
    };
  });
}

export function groupDigests(deliveries: readonly Delivery[]): Digest[] {
  const byTo = new Map<string, Digest>();
  for (const d of deliveries) {
    const id = d.to.toLowerCase();
    let digest = byTo.get(id);
    if (!digest) {
      digest = { plan: { to: d.to, toName: d.toName, sections: [] }, cc: [], deliveries: [] };
      byTo.set(id, digest);
    }
    digest.deliveries.push(d);
    let section = digest.plan.sections.find((s) => s.unit === d.section.unit && s.role === d.section.role);
    if (!section) {
      section = { unit: d.section.unit, role: d.section.role, notices: [] };
      digest.plan.sections.push(section);
    }
    if (!section.notices.some((n) => n.key === d.notice.key && n.number === d.notice.number && n.level === d.notice.level))
      section.notices.push(d.notice);
  }
  // Within a level, the unit's own contact before its head and leader, a co-unit's last.
  const ROLE_ORDER: Record<RecipientRole, number> = { contact: 0, head: 1, leader: 2, support: 3 };
  const urgency = (ds: Delivery[]): [number, number, number] => [
    Math.max(...ds.map((d) => LEVEL_RANK[d.notice.level])),
    Math.max(...ds.map((d) => d.notice.daysOverdue)),
    Math.min(...ds.map((d) => ROLE_ORDER[d.role])),
  ];
  for (const d of byTo.values()) {
    d.plan.sections.sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
    for (const s of d.plan.sections) s.notices.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.daysOverdue - a.daysOverdue);
  }
  return mergeIdentical([...byTo.values()]).sort((a, b) => {
    const [ra, da, pa] = urgency(a.deliveries);
    const [rb, db, pb] = urgency(b.deliveries);
    return rb - ra || db - da || pa - pb || a.plan.to.localeCompare(b.plan.to);
  });
}
