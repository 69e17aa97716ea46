/**
 * The daily digest (督办通知): one mail to one person for one day, whatever the number of
 * units they answer for. Each unit has a section, the units the person leads first, then
 * those they support (配合) in sections of their own; inside a section the tasks go by level,
 * most urgent first (约谈, 通报批评, 督办, 临期提醒), so what matters most is read first.
 *
 * The subject names the unit (or the first unit and how many), the count, the highest level
 * and the date: 【督办】市城管局：3项创城任务逾期未整改（2026年11月25日）.
 *
 * It reads as a 公文 of the office (official.ts): 主送 the unit, dates in 年月日, the 落款 the
 * 发文机关 with the contact line above it; the product's name appears nowhere.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import type { Block, Cell } from './mail-doc';
import { renderWithinLimit } from './mail-size';
import { addressee, contactLine, longDay, type Office, overdueText, signOff } from './official';
import type { Relapse } from './relapse';
import { type ComposedMail, type DigestPlan, type DigestSection, LEVEL_RANK, LEVEL_WORD, type NoticeLevel, type TaskNotice } from './types';

export interface MailContext {
  t: Translate;
  today: Day;
  /** The office the mail is from: 发文机关 (as senderName), 联系人, 联系电话, 联系邮箱, how days are counted. */
  office: Office;
  /** A URL to the task's row in the sheet. */
  rowLink: (row: number) => string;
  /**
   * Dry run (试运行): whom the mail was meant for. The caller addresses it to the admin; the
   * mail says at its top whom it was meant for, and its subject is marked as a dry run.
   */
  dryRunFor?: string[];
  /** A reopened task's last relapse (反弹), by key: its line says when it was closed and reopened. */
  relapseOf?: (key: string) => Relapse | undefined;
  /** A unit's link to its reply page (在线报送整改情况), when the web app is deployed (issue 16). */
  webappLink?: (unit: string) => string;
}

/** Subjects stay well under MailApp's 250-character limit even with a long unit name. */
const SUBJECT_UNIT_MAX = 40;

const LEVELS_MOST_URGENT_FIRST: NoticeLevel[] = (Object.keys(LEVEL_RANK) as NoticeLevel[]).sort((a, b) => LEVEL_RANK[b] - LEVEL_RANK[a]);

/**
 * The most tasks one mail lists task by task: MailApp refuses a body over 200 KB, and a person
 * reads a hundred rows at most. The rest (least urgent) are counted, with the link to the
 * ledger; every one of them still has its notice and its row in the log.
 */
export const MAX_TASKS_LISTED = 100;

export function composeDigest(plan: DigestPlan, ctx: MailContext): ComposedMail {
  const sections = orderSections(plan.sections);
  let room = MAX_TASKS_LISTED;
  const listed = sections.map((s) => {
    const notices = s.notices.slice(0, Math.max(0, room));
    room -= notices.length;
    return { ...s, notices };
  });
  const omitted = sections.reduce((n, s) => n + s.notices.length, 0) - listed.reduce((n, s) => n + s.notices.length, 0);
  const blocks: Block[] = [
    ...dryRunBanner(plan.to, ctx),
    ...documentHead(plan.number, ctx),
    ...opening(sections, ctx),
    ...listed.filter((s) => s.notices.length > 0).flatMap((section) => sectionBlocks(section, ctx)),
    ...(omitted > 0
      ? [{ kind: 'paragraph' as const, text: ctx.t('mail.more', { count: omitted, max: MAX_TASKS_LISTED, link: ctx.rowLink(1) }) }]
      : []),
    ...webappLines(sections, ctx.webappLink, ctx.t),
    ...closing(ctx),
  ];
  // Past MailApp's 200 KB (long task texts), the tables list their first rows and point to the ledger (mail-size.ts).
  const { body, htmlBody } = renderWithinLimit(blocks, ctx.t);
  return { to: plan.to, subject: markDryRun(digestSubject(sections, ctx, plan.number), ctx), body, htmlBody };
}

/** Lead sections first, then support; empty sections dropped; each section's tasks most urgent first. */
export function orderSections(sections: DigestSection[]): DigestSection[] {
  const kept = sections.filter((s) => s.notices.length > 0).map((s) => ({ ...s, notices: [...s.notices].sort(byUrgency) }));
  return [...kept.filter((s) => s.role === 'lead'), ...kept.filter((s) => s.role === 'support')];
}

/** Higher level first; within a level the longest overdue, then the earliest deadline, then sheet order. */
function byUrgency(a: TaskNotice, b: TaskNotice): number {
  return (
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    b.daysOverdue - a.daysOverdue ||
    (a.deadline ?? Infinity) - (b.deadline ?? Infinity) ||
    a.row - b.row
  );
}

export function highestLevel(notices: TaskNotice[]): NoticeLevel {
  return notices.reduce<NoticeLevel>((top, n) => (LEVEL_RANK[n.level] > LEVEL_RANK[top] ? n.level : top), 'reminder');
}

/** Each task once, even when the person gets it both as lead and as co-unit. */
function distinctTasks(sections: DigestSection[]): TaskNotice[] {
  const byKey = new Map<string, TaskNotice>();
  for (const n of sections.flatMap((s) => s.notices)) if (!byKey.has(n.key)) byKey.set(n.key, n);
  return [...byKey.values()];
}

// ---------------------------------------------------------------- subject

/** 【整改通知】市城管局：3项创城任务逾期未整改（X创城督〔2026〕5号）; a mail of reminders only is dated instead. */
export function digestSubject(sections: DigestSection[], ctx: MailContext, number = ''): string {
  const { t } = ctx;
  const tasks = distinctTasks(sections);
  const overdue = tasks.filter((n) => n.level !== 'reminder').length;
  const dueSoon = tasks.length - overdue;
  const what =
    overdue === 0
      ? t('mail.subject.dueSoon', { count: dueSoon })
      : t('mail.subject.overdue', { count: overdue }) + (dueSoon > 0 ? t('mail.subject.alsoDueSoon', { count: dueSoon }) : '');
  return t('mail.subject', {
    level: t(highestLevel(tasks) === 'reminder' ? LEVEL_WORD.reminder : 'mail.title.notice'),
    units: unitsForSubject(sections, t),
    what,
    date: number === '' ? longDay(ctx.today, t) : number,
  });
}

function unitsForSubject(sections: DigestSection[], t: Translate): string {
  const units = [...new Set(sections.map((s) => s.unit))];
  const first = shorten(units[0] ?? '', SUBJECT_UNIT_MAX);
  return units.length <= 1 ? first : t('mail.units', { first, count: units.length, others: units.length - 1 });
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function markDryRun(subject: string, ctx: MailContext): string {
  return ctx.dryRunFor ? ctx.t('mail.dryRunSubject', { subject }) : subject;
}

// ---------------------------------------------------------------- body

function dryRunBanner(to: string, ctx: MailContext): Block[] {
  if (!ctx.dryRunFor) return [];
  const meantFor = ctx.dryRunFor.length > 0 ? ctx.dryRunFor : [to];
  return [{ kind: 'banner', text: ctx.t('mail.dryRun', { to: meantFor.join(ctx.t('mail.and')) }) }];
}

/** A numbered document's head: its 文号, then its title (整改通知). */
function documentHead(number: string, ctx: MailContext): Block[] {
  if (number === '') return [];
  return [
    { kind: 'paragraph', text: number },
    { kind: 'heading', text: ctx.t('mail.title.notice') },
  ];
}

/** 主送 the units, what is overdue or due, what the escalation means, and what to do. */
function opening(sections: DigestSection[], ctx: MailContext): Block[] {
  const { t } = ctx;
  const led = distinctTasks(sections.filter((s) => s.role === 'lead'));
  const supported = distinctTasks(sections.filter((s) => s.role === 'support'));
  const overdue = led.filter((n) => n.level !== 'reminder');
  const dueSoon = led.length - overdue.length;
  const failedBefore = overdue.filter((n) => (n.earlier ?? []).some((e) => e.failed)).length;
  const escalated = overdue.filter((n) => n.escalated === true).length;

  const lines: string[] = [];
  if (overdue.length > 0) {
    lines.push(t('mail.open.overdue', { date: longDay(ctx.today, t), count: overdue.length }));
    if (failedBefore > 0) lines.push(t('mail.open.failedBefore', { count: failedBefore }));
    if (escalated > 0) lines.push(t('mail.open.criticism', { count: escalated }));
  }
  if (dueSoon > 0) lines.push(t(overdue.length > 0 ? 'mail.open.alsoDueSoon' : 'mail.open.dueSoon', { count: dueSoon }));
  if (supported.length > 0) lines.push(t('mail.open.support', { count: supported.length }));

  const pending = t('state.pending');
  const replyBy = statedReplyBy(sections);
  const askArgs = { sender: ctx.office.senderName, pending, replyTo: replyToText(ctx) };
  // With the reply page's link at the end, the unit answers there; without it, in the office's sheet.
  const online = ctx.webappLink !== undefined;
  const ask =
    overdue.length > 0
      ? replyBy === undefined
        ? t(online ? 'mail.open.askOnline' : 'mail.open.ask', askArgs)
        : t(online ? 'mail.open.askByOnline' : 'mail.open.askBy', { ...askArgs, date: longDay(replyBy, t) })
      : led.length > 0
        ? t(online ? 'mail.open.askDueSoonOnline' : 'mail.open.askDueSoon', { pending })
        : undefined;

  return [
    addressee([...new Set(sections.map((s) => s.unit))], t),
    ...(lines.length > 0 ? [{ kind: 'paragraph' as const, text: lines.join(t('mail.sentenceGap')) }] : []),
    ...(ask ? [{ kind: 'paragraph' as const, text: ask }] : []),
  ];
}

/**
 * The 整改限期 a digest states: the earliest of the notices its units lead (they differ only when an
 * earlier notice is resent); none for reminders and co-unit sections alone. run.json reports it as replyBy.
 */
export function statedReplyBy(sections: DigestSection[]): Day | undefined {
  const led = sections.filter((s) => s.role === 'lead').flatMap((s) => s.notices);
  const days = led.flatMap((n) => (n.level === 'reminder' || n.replyBy === undefined ? [] : [n.replyBy]));
  return days.length === 0 ? undefined : Math.min(...days);
}

function sectionBlocks(section: DigestSection, ctx: MailContext): Block[] {
  const { t } = ctx;
  const title = t(section.role === 'lead' ? 'mail.section.lead' : 'mail.section.support', {
    unit: section.unit,
    count: section.notices.length,
  });
  const groups = LEVELS_MOST_URGENT_FIRST.map((level) => ({ level, notices: section.notices.filter((n) => n.level === level) }));
  return [
    { kind: 'heading', text: title },
    ...groups
      .filter((g) => g.notices.length > 0)
      .flatMap((g): Block[] => [
        { kind: 'levelHeading', level: g.level, word: t(LEVEL_WORD[g.level]), note: t('mail.taskCount', { count: g.notices.length }) },
        taskTable(g.level, g.notices, section.role === 'support', ctx),
      ]),
  ];
}

/** A reminder has no days overdue and no number; a co-unit is told which unit leads. */
function taskTable(level: NoticeLevel, notices: TaskNotice[], showLead: boolean, ctx: MailContext): Block {
  const { t } = ctx;
  const isNotice = level !== 'reminder';
  const relapses = notices.map((n) => (isNotice ? ctx.relapseOf?.(n.key) : undefined));
  const showRelapse = relapses.some((r) => r !== undefined);
  // 问题来源 and 整改要求 only when the ledger says them for one of these tasks.
  const source = notices.some((n) => (n.source ?? '') !== '');
  const requirement = notices.some((n) => (n.requirement ?? '') !== '');
  const columns = [
    t('mail.col.task'),
    t('mail.col.key'),
    ...(showLead ? [t('mail.col.lead')] : []),
    ...(source ? [t('mail.col.source')] : []),
    t('mail.col.place'),
    ...(requirement ? [t('mail.col.requirement')] : []),
    t('mail.col.deadline'),
    ...(isNotice ? [t('mail.col.overdue'), t('mail.col.ladder')] : []),
    ...(showRelapse ? [t('mail.col.relapse')] : []),
    t('mail.col.row'),
  ];
  const rows = notices.map((n, i): Cell[] => [
    n.task,
    n.key,
    ...(showLead ? [n.unit] : []),
    ...(source ? [n.source ?? ''] : []),
    n.place,
    ...(requirement ? [n.requirement ?? ''] : []),
    n.deadline === undefined ? '' : longDay(n.deadline, t),
    ...(isNotice ? [overdueText(n.daysOverdue, ctx.office, t), ladderText(n, t)] : []),
    ...(showRelapse ? [relapseText(relapses[i], t)] : []),
    { text: t('mail.rowLink', { row: n.row }), href: ctx.rowLink(n.row) },
  ]);
  return { kind: 'table', columns, rows, rest: { sheet: t('sheet.tasks'), link: () => ctx.rowLink(1) } };
}

/** 「2026年11月27日销号，2026年11月30日重新打开（第1次反弹），督办继续」; '' for a task never reopened. */
export function relapseText(relapse: Relapse | undefined, t: Translate): string {
  if (!relapse) return '';
  const args = { reopened: longDay(relapse.reopenedOn, t), count: relapse.count };
  return relapse.closedOn === undefined
    ? t('mail.relapseReopened', args)
    : t('mail.relapseClosedReopened', { ...args, closed: longDay(relapse.closedOn, t) });
}

/** 第2次督办；前次整改通知X创城督〔2026〕3号（限期2026年12月3日）未达到整改要求 */
export function ladderText(n: TaskNotice, t: Translate): string {
  const cited = (n.earlier ?? []).map((e) =>
    t(e.failed ? 'mail.earlier.failed' : 'mail.earlier', { number: e.number, date: e.replyBy === undefined ? '' : longDay(e.replyBy, t) }),
  );
  return [t('mail.ordinal', { n: n.ordinal }), ...cited].join(t('mail.clauseGap'));
}

/** X创城督〔2026〕12号（第3次督办） */
export function noticeNumber(n: TaskNotice, t: Translate): string {
  const ordinal = t('mail.ordinal', { n: n.ordinal });
  return n.number === '' ? ordinal : t('mail.numberWithOrdinal', { number: n.number, ordinal });
}

/** 在线报送整改情况：<link>, one line per unit the mail is addressed to, when the web app is known. */
export function webappLines(sections: { unit: string }[], link: ((unit: string) => string) | undefined, t: Translate): Block[] {
  if (!link) return [];
  return [...new Set(sections.map((s) => s.unit))].map((unit) => ({
    kind: 'paragraph' as const,
    text: t('notice.webappLink', { link: link(unit) }),
  }));
}

/** Where to send the written report: the 联系邮箱, when 设置 has one. */
function replyToText(ctx: MailContext): string {
  const email = ctx.office.contactEmail.trim();
  return email === '' ? '' : ctx.t('mail.open.replyTo', { email });
}

function closing(ctx: MailContext): Block[] {
  return [contactLine(ctx.office, ctx.t), signOff(ctx.office, ctx.today, ctx.t)];
}
