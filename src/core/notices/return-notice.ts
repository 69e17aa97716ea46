/**
 * 退回通知: a task sent back at verification (退回) is told so the same day, in a 公文 of the
 * office numbered in its own series (X创城督退回〔2026〕1号), 主送 the lead unit: the matter, that
 * it did not pass 验收 on the day, the office's reason (its 验收意见 / 退回原因 / 备注 column, or
 * 「未说明」 plainly), the deadline it is back on, what to send back and to whom.
 *
 * A return is dated by the task's 状态变更日期: the day its state left 待验收 (or 已销号) for an
 * open one with the status 退回. It is owed once: the log's rows of level 退回通知 for the task
 * dated on or after that day say it was given. A task returned again later (submitted, then
 * sent back once more) has a later 状态变更日期, and gets a second, with the next number. A row
 * first seen already 退回 has no such day: it was sent back before Duban knew it, and gets none.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import { addressesIn, type EmailColumn, greetingName, matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import { type MailContext, webappLines } from './digest';
import { isGiven, type LogEntry, numberer, seriesPrefix } from './log';
import type { Block } from './mail-doc';
import { renderWithinLimit, subjectWithinLimit } from './mail-size';
import { addressee, contactLine, longDay, overdueText, signOff } from './official';
import type { ComposedMail, RecipientRole } from './types';

/** One task sent back, as its 退回通知 states it. */
export interface ReturnCase {
  key: string;
  /** 1-based sheet row, for the link to the row. */
  row: number;
  /** The lead unit, as the directory names it (or as typed when it is not there). */
  unit: string;
  task: string;
  place: string;
  /** The day it did not pass 验收 (its 状态变更日期). */
  returnedOn: Day;
  /** The office's reason as written on the row; '' when it wrote none. */
  reason: string;
  /** The deadline in force; none for 长期坚持 or an unreadable one. */
  deadline: Day | undefined;
  /** Days late today (0 when not late). */
  daysOverdue: number;
  /** The 整改限期 the notice states: the deadline when it is still ahead, else 整改通知限期（工作日） working days from today. */
  replyBy: Day;
  /** X创城督退回〔2026〕1号 */
  number: string;
}

/** One 退回通知 to the lead unit: its addresses (one log row each) and the role they answer in. */
export interface ReturnDelivery {
  notice: ReturnCase;
  to: string[];
  toName: string;
  role: RecipientRole;
  /**
   * Rows to reuse, by address (lower case), instead of claiming anew: claimed today by a run that
   * stopped before sending, or queued (延后) by the quota on any earlier day. A held 退回通知 keeps
   * its one row, updated in place the day it goes, as a digest's does.
   */
  resume: Map<string, number>;
}

/** A 退回通知 nobody can be sent: the admin is told, nobody is guessed. */
export interface ReturnUnreachable {
  unit: string;
  key: string;
  /** The unit is not in the directory; its row has no valid address; an address there is not valid (told, then passed over). */
  reason: 'noUnit' | 'noAddress' | 'badAddress';
  /** The address as the directory has it, for a bad one. */
  to?: string;
}

export interface ReturnPlan {
  deliveries: ReturnDelivery[];
  unreachable: ReturnUnreachable[];
}

export interface ReturnInput {
  tasks: readonly TaskRow[];
  keyOf: (task: TaskRow) => string;
  entries: readonly LogEntry[];
  units: Unit[];
  settings: Pick<Settings, 'dryRun' | 'noticePrefix' | 'noticeReplyDays'>;
  calendar: WorkCalendar;
  today: Day;
  t: Translate;
  /** The highest 退回通知 number of the year ever given (the durable counter). */
  numberFloor?: number;
}

/** The 退回通知 owed today: one per task sent back since its last one, to the addresses it still owes. */
export function planReturns(input: ReturnInput): ReturnPlan {
  const { settings, t, today } = input;
  const next = numberer(input.entries, today, seriesPrefix('return', settings.noticePrefix, t), t, input.numberFloor);
  const plan: ReturnPlan = { deliveries: [], unreachable: [] };
  for (const task of input.tasks) {
    const key = input.keyOf(task);
    const returnedOn = task.statusChanged;
    if (task.status !== 'returned' || key === '' || returnedOn === undefined) continue;
    const rows = input.entries.filter((e) => e.level === 'return' && e.key === key && e.day !== undefined && e.day >= returnedOn);
    const owed = owedAddresses(rows, settings.dryRun, today);
    if (owed === 'done') continue;
    const found = recipients(task.units[0] ?? '', input.units, key, plan);
    if (!found) continue;
    const to = owed === 'all' ? found.to : found.to.filter((a) => owed.has(a.toLowerCase()));
    if (to.length === 0) continue;
    const notice = returnCase(task, key, returnedOn, found.unit.name, input);
    notice.number = rows[0]?.number || next();
    const reusable = (e: LogEntry): boolean => e.outcome === 'deferred' || (e.outcome === 'claimed' && e.day === today);
    const resume = new Map(rows.filter(reusable).map((e) => [e.to.toLowerCase(), e.index] as const));
    plan.deliveries.push({ notice, to, toName: greetingName(found.unit, found.column, to[0]!), role: found.role, resume });
  }
  return plan;
}

/**
 * What this return still owes, from its rows in the log: nothing once given (or possibly given:
 * 发送中 is never resent), else the addresses deferred, failed, withdrawn or claimed; all when it has no row yet.
 */
function owedAddresses(rows: readonly LogEntry[], dryRun: boolean, today: Day): 'all' | 'done' | Set<string> {
  if (rows.length === 0) return 'all';
  const done = new Set(rows.filter((e) => isGiven(e.outcome, dryRun) || e.outcome === 'sending').map((e) => e.to.toLowerCase()));
  const owed = new Set(
    rows
      .filter((e) => ['deferred', 'failed', 'cancelled'].includes(e.outcome) || (e.outcome === 'claimed' && e.day === today))
      .map((e) => e.to.toLowerCase())
      .filter((a) => !done.has(a)),
  );
  return owed.size === 0 ? 'done' : owed;
}

/** Who stands in for a lead unit's contact with no valid address: its head, then its leader (as the 整改通知 do). */
const COLUMNS: readonly { role: RecipientRole; column: EmailColumn }[] = [
  { role: 'contact', column: 'contactEmail' },
  { role: 'head', column: 'headEmail' },
  { role: 'leader', column: 'leaderEmail' },
];

/**
 * The lead unit's contact addresses, or (none valid) its head's, else its leader's: never a
 * guessed one. A bad address on the way is told to the admin, and so is a unit with none.
 */
function recipients(
  name: string,
  units: Unit[],
  key: string,
  plan: ReturnPlan,
): { unit: Unit; to: string[]; role: RecipientRole; column: EmailColumn } | undefined {
  const unit = matchUnit(name, units);
  if (!unit) {
    plan.unreachable.push({ unit: name, key, reason: 'noUnit' });
    return undefined;
  }
  for (const to of unit.badEmails?.contactEmail ?? []) plan.unreachable.push({ unit: unit.name, key, reason: 'badAddress', to });
  for (const { role, column } of COLUMNS) {
    const to = addressesIn(unit[column]);
    if (to.length > 0) return { unit, to, role, column };
  }
  plan.unreachable.push({ unit: unit.name, key, reason: 'noAddress' });
  return undefined;
}

function returnCase(task: TaskRow, key: string, returnedOn: Day, unit: string, input: ReturnInput): ReturnCase {
  const { calendar, settings, today } = input;
  const deadline = task.effectiveDeadline;
  const ahead = deadline !== undefined && task.state.daysOverdue === 0 && deadline >= today;
  return {
    key,
    row: task.index + 1,
    unit,
    task: task.task,
    place: task.place,
    returnedOn,
    reason: task.returnReason ?? '',
    deadline,
    daysOverdue: task.state.daysOverdue,
    replyBy: ahead ? deadline : calendar.addWorkingDays(today, settings.noticeReplyDays),
    number: '',
  };
}

// ---------------------------------------------------------------- the mail

/** What a 退回通知 is written with: the notices' context (dry run, the reply page's link), without relapses. */
export type ReturnMailContext = Omit<MailContext, 'relapseOf'>;

/** The 退回通知 as a 公文: 文号, title, 主送, the matter, the reason, the deadline, how to answer, contact, 落款. */
export function composeReturnNotice(notice: ReturnCase, to: string, ctx: ReturnMailContext): ComposedMail {
  const { t } = ctx;
  const blocks: Block[] = [
    ...(ctx.dryRunFor ? [{ kind: 'banner' as const, text: t('mail.dryRun', { to: ctx.dryRunFor.join(t('mail.and')) }) }] : []),
    { kind: 'paragraph', text: notice.number },
    { kind: 'heading', text: t('return.title', { task: notice.task }) },
    addressee([notice.unit], t),
    { kind: 'paragraph', text: t('return.open', { date: longDay(notice.returnedOn, t), key: notice.key }) },
    {
      kind: 'table',
      columns: [t('mail.col.task'), t('mail.col.place'), t('mail.col.deadline'), t('return.col.key'), t('mail.col.row')],
      rows: [
        [
          notice.task,
          notice.place,
          notice.deadline === undefined ? t('return.noDeadline') : longDay(notice.deadline, t),
          notice.key,
          { text: t('mail.rowLink', { row: notice.row }), href: ctx.rowLink(notice.row) },
        ],
      ],
    },
    { kind: 'paragraph', text: t('return.reason', { reason: notice.reason.trim() || t('return.noReason') }) },
    { kind: 'paragraph', text: deadlineText(notice, ctx) },
    ...webappLines([notice], ctx.webappLink, t),
    contactLine(ctx.office, t),
    signOff(ctx.office, ctx.today, t),
  ];
  const subject = t('return.subject', {
    unit: notice.unit,
    task: shorten(notice.task, 30),
    number: notice.number || longDay(ctx.today, t),
  });
  return {
    to,
    subject: subjectWithinLimit(ctx.dryRunFor ? t('mail.dryRunSubject', { subject }) : subject),
    ...renderWithinLimit(blocks, t),
  };
}

/** The deadline it is back on, and by when to rectify and report: 「请于2026年12月3日前整改到位……」. */
function deadlineText(n: ReturnCase, ctx: ReturnMailContext): string {
  const { t, office } = ctx;
  const email = office.contactEmail.trim();
  const ask = t(ctx.webappLink ? 'return.askOnline' : 'return.ask', {
    date: longDay(n.replyBy, t),
    sender: office.senderName,
    replyTo: email === '' ? '' : t('mail.open.replyTo', { email }),
    pending: t('state.pending'),
  });
  if (n.deadline === undefined) return ask;
  if (n.daysOverdue > 0) {
    return t('return.overdue', { deadline: longDay(n.deadline, t), overdue: overdueText(n.daysOverdue, office, t) }) + ask;
  }
  return t('return.inForce', { deadline: longDay(n.deadline, t) }) + ask;
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
