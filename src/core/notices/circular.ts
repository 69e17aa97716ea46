/**
 * 通报批评 as a 通报 (凡被市创文办下达整改通知两次未达到整改要求的，在全市通报批评): the day a unit
 * reaches it, the office issues one numbered 通报 (X创城督通报〔2026〕1号) to every member unit,
 * copied to 督查室 and 纪委监委 (通报抄送): who, which matters, the notices it failed (their 文号
 * and 限期), the decision 予以通报批评, and the requirement with its own 整改限期. Or, when 设置 says
 * 随月度通报, nothing is sent and the month's bulletin carries it.
 *
 * In 督办记录 a 通报 leaves one event row per task (level 通报批评, 已记录, its 文号: the task is "in
 * a 通报" from then on) and one delivery row per recipient address under the key §+文号, which no
 * task has. A 通报 whose deliveries were never given (the quota, a run stopped) keeps its number
 * and is composed again from the log and the ledger (pendingCirculars, caseFromLog).
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import { addressesIn, type EmailColumn, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import { isGiven, isLadderEntry, type LogEntry } from './log';
import type { Block, Cell } from './mail-doc';
import { renderWithinLimit, subjectWithinLimit } from './mail-size';
import { addressee, contactLine, longDay, type Office, overdueText, signOff } from './official';
import type { CircularCase, ComposedMail, EarlierNotice, TaskNotice } from './types';

/** A 通报 ready to compose: the case, its 文号, the day it was issued (落款) and its 整改限期. */
export interface CircularDoc {
  case: CircularCase;
  number: string;
  day: Day;
  replyBy: Day;
}

export interface CircularContext {
  t: Translate;
  office: Office;
  /** 试运行: the mail goes to the admin and says whom it was meant for. */
  dryRunFor?: string[];
}

/** The key a 通报's delivery rows are logged under: no task has it, so they are never read as a task's. */
export function circularKey(number: string): string {
  return `§${number}`;
}

/** A 通报's 整改限期: 整改通知限期（工作日） working days after it is issued, as for a 整改通知. */
export function circularReplyBy(issued: Day, calendar: WorkCalendar, replyDays: number): Day {
  return calendar.addWorkingDays(issued, replyDays);
}

// ---------------------------------------------------------------- recipients

/** One address a 通报 goes To: the unit it is for and whose address it is. */
export interface CircularAddress {
  address: string;
  unit: string;
  role: 'contact' | 'head' | 'leader';
}

export interface CircularRecipients {
  to: CircularAddress[];
  /** 通报抄送, without an address already in To. */
  cc: string[];
  /** Units with no valid address in their row: not reached, the admin told (with what their cells held). */
  unreached: { unit: string; bad: string[] }[];
}

const COLUMN_ROLE: Record<EmailColumn, CircularAddress['role']> = { contactEmail: 'contact', headEmail: 'head', leaderEmail: 'leader' };

/**
 * Every unit of the directory: its contact (and its head, when 通报送达 says so), valid addresses
 * only, each once. A unit whose contact has no valid address gets it at its head's, else its
 * leader's (its own row, never a guessed address); a unit with none at all is named instead.
 */
export function circularRecipients(units: readonly Unit[], settings: Pick<Settings, 'circularTo' | 'circularCc'>): CircularRecipients {
  const to: CircularAddress[] = [];
  const seen = new Set<string>();
  const unreached: CircularRecipients['unreached'] = [];
  const add = (u: Unit, column: EmailColumn): void => {
    for (const address of addressesIn(u[column])) {
      if (seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      to.push({ address, unit: u.name, role: COLUMN_ROLE[column] });
    }
  };
  for (const u of units) {
    const wanted: EmailColumn[] = settings.circularTo === 'contactAndHead' ? ['contactEmail', 'headEmail'] : ['contactEmail'];
    const reachable = wanted.filter((c) => addressesIn(u[c]).length > 0);
    const standIn = (['headEmail', 'leaderEmail'] as const).find((c) => addressesIn(u[c]).length > 0);
    const columns = reachable.length > 0 ? reachable : standIn ? [standIn] : [];
    if (columns.length === 0) {
      unreached.push({ unit: u.name, bad: Object.values(u.badEmails ?? {}).flat() });
      continue;
    }
    for (const c of columns) add(u, c);
  }
  const cc = settings.circularCc.filter(
    (a, i, all) => !seen.has(a.toLowerCase()) && all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i,
  );
  return { to, cc, unreached };
}

// ---------------------------------------------------------------- the document

/** The 通报 as a mail: subject 【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）. */
export function composeCircular(doc: CircularDoc, to: readonly string[], ctx: CircularContext): ComposedMail {
  const { t } = ctx;
  const unit = doc.case.unit;
  const subject = t('circular.subject', { unit, number: doc.number });
  const blocks: Block[] = [
    ...(ctx.dryRunFor ? [{ kind: 'banner' as const, text: t('mail.dryRun', { to: ctx.dryRunFor.join(t('mail.and')) }) }] : []),
    // As every document Duban issues: its 文号 first, then its title.
    { kind: 'paragraph', text: doc.number },
    { kind: 'heading', text: t('circular.title', { unit }) },
    addressee([t('circular.members')], t),
    { kind: 'paragraph', text: facts(doc, ctx) },
    mattersTable(doc.case.tasks, ctx),
    { kind: 'paragraph', text: t('circular.decision', { unit }) },
    { kind: 'paragraph', text: requirement(doc, ctx) },
    contactLine(ctx.office, t),
    signOff(ctx.office, doc.day, t),
  ];
  return {
    to: to.join(','),
    subject: subjectWithinLimit(ctx.dryRunFor ? t('mail.dryRunSubject', { subject }) : subject),
    // Past MailApp's 200 KB the matters list their first rows and name 督办记录, which has them all (mail-size.ts).
    ...renderWithinLimit(blocks, t),
  };
}

/** The notices a task failed (未达到整改要求), oldest first. */
export function failedNotices(n: TaskNotice): EarlierNotice[] {
  return (n.earlier ?? []).filter((e) => e.failed);
}

function facts(doc: CircularDoc, ctx: CircularContext): string {
  const failed = new Set(doc.case.tasks.flatMap((n) => failedNotices(n).map((e) => e.number)));
  return ctx.t('circular.facts', {
    date: longDay(doc.day, ctx.t),
    unit: doc.case.unit,
    count: doc.case.tasks.length,
    sender: ctx.office.senderName,
    failed: failed.size,
  });
}

function mattersTable(tasks: readonly TaskNotice[], ctx: CircularContext): Block {
  const { t } = ctx;
  const cited = (e: EarlierNotice): string =>
    e.replyBy === undefined ? e.number : t('circular.failedNotice', { number: e.number, date: longDay(e.replyBy, t) });
  return {
    kind: 'table',
    columns: [
      t('circular.col.key'),
      t('mail.col.task'),
      t('mail.col.place'),
      t('mail.col.deadline'),
      t('mail.col.overdue'),
      t('circular.col.failed'),
    ],
    // The units read the ledger (their 整改通知 link to its rows): it has every matter.
    rest: { sheet: t('sheet.tasks') },
    rows: tasks.map((n): Cell[] => [
      n.key,
      n.task,
      n.place,
      n.deadline === undefined ? '' : longDay(n.deadline, t),
      overdueText(n.daysOverdue, ctx.office, t),
      failedNotices(n).map(cited).join(t('pub.matterSep')),
    ]),
  };
}

function requirement(doc: CircularDoc, ctx: CircularContext): string {
  const { t, office } = ctx;
  const email = office.contactEmail.trim();
  return t('circular.requirement', {
    unit: doc.case.unit,
    date: longDay(doc.replyBy, t),
    sender: office.senderName,
    replyTo: email === '' ? '' : t('mail.open.replyTo', { email }),
  });
}

// ---------------------------------------------------------------- the log

/** The event rows a 通报 leaves, one per task: the task is in a 通报 from then on ('' when held for the bulletin). */
export function circularEvents(
  c: CircularCase,
  number: string,
): { key: string; unit: string; deadline: Day | undefined; number: string }[] {
  return c.tasks.map((n) => ({ key: n.key, unit: c.unit, deadline: n.deadline, number }));
}

/** A 通报 owed: numbered, its event rows logged, none of its deliveries given yet (nor perhaps given: 发送中, 未确认). */
export interface PendingCircular {
  number: string;
  unit: string;
  day: Day;
  replyBy: Day | undefined;
  keys: string[];
  /** Delivery rows claimed today and not sent (a run stopped by the time limit): confirmed, not claimed again. */
  claimedToday: LogEntry[];
  /** Delivery rows the quota queued (延后): the day it goes, they are its claim, updated in place (no second set of rows). */
  queued: LogEntry[];
}

/**
 * The 通报 the log owes: every numbered one whose delivery rows (§+文号) were never given, in the
 * order they were numbered; they go before anything else, with their numbers.
 */
export function pendingCirculars(entries: readonly LogEntry[], dryRun: boolean, today: Day): PendingCircular[] {
  const events = new Map<string, LogEntry[]>();
  for (const e of entries)
    if (e.level === 'criticism' && e.outcome === 'recorded' && e.number !== '') events.set(e.number, [...(events.get(e.number) ?? []), e]);
  const out: PendingCircular[] = [];
  for (const [number, rows] of events) {
    const deliveries = entries.filter((e) => e.key === circularKey(number));
    if (deliveries.some((e) => isGiven(e.outcome, dryRun) || e.outcome === 'sending')) continue;
    const first = rows[0]!;
    out.push({
      number,
      unit: first.unit,
      day: first.day ?? today,
      replyBy: deliveries.find((e) => e.replyBy !== undefined)?.replyBy,
      keys: rows.map((e) => e.key),
      claimedToday: deliveries.filter((e) => e.outcome === 'claimed' && e.day === today),
      queued: deliveries.filter((e) => e.outcome === 'deferred'),
    });
  }
  return out;
}

/**
 * A pending 通报's case, composed again from the ledger (each task as it reads now) and the log
 * (the 整改通知 given for the task's deadline by the 通报's day, failed when the log says so:
 * 未达到整改要求 is an event of its own, level failed, with the notice's 第N次).
 */
export function caseFromLog(
  pending: PendingCircular,
  tasks: readonly TaskRow[],
  keyOf: (task: TaskRow) => string,
  entries: readonly LogEntry[],
  dryRun: boolean,
): CircularCase {
  const byKey = new Map(tasks.map((task) => [keyOf(task), task] as const));
  const notices = pending.keys.map((key): TaskNotice => {
    const task = byKey.get(key);
    const deadline = task?.effectiveDeadline;
    const mine = entries.filter((e) => e.key === key && e.deadline === deadline && e.day !== undefined && e.day <= pending.day);
    const failed = new Set(mine.filter((e) => e.level === 'failed').map((e) => e.ordinal));
    const given = new Map<string, EarlierNotice>();
    for (const e of mine) {
      if (!isLadderEntry(e) || !isGiven(e.outcome, dryRun) || given.has(e.number)) continue;
      given.set(e.number, { number: e.number, givenOn: e.day!, replyBy: e.replyBy, failed: failed.has(e.ordinal) });
    }
    return {
      key,
      row: task ? task.index + 1 : 0,
      unit: pending.unit,
      coUnits: task?.coUnits ?? [],
      task: task?.task ?? '',
      place: task?.place ?? '',
      deadline,
      daysOverdue: task?.state.daysOverdue ?? 0,
      level: 'notice',
      ordinal: 0,
      number: pending.number,
      earlier: [...given.values()].sort((a, b) => a.givenOn - b.givenOn),
    };
  });
  return { unit: pending.unit, tasks: notices };
}
