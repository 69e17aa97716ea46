/**
 * The admin's daily summary (每日督办小结): one mail that says what needs the admin first
 * (约谈 to arrange, notices that could not go out and what to do about each), then what was
 * sent to whom, then the rows that need a person. Until 设置 names the office (发文机关, 联系人,
 * 联系电话, 联系邮箱, 机关代字), it says so at the top, every day.
 */
import type { Day } from '../calendar/day';
import type { MessageKey, Translate } from '../i18n';
import type { CaseLine, Missing } from '../interviews/decide';
import { type Settings, settingLabel, unfilledOfficeSettings } from '../settings/settings';
import { type MailContext, noticeNumber } from './digest';
import type { Block, Cell, RestOf } from './mail-doc';
import { renderWithinLimit } from './mail-size';
import { longDay, type Office, overdueText, signOff } from './official';
import type { Backlog } from './sending';
import { type ComposedMail, type Interview, LEVEL_WORD, type NoticeLevel } from './types';

/**
 * Why a notice did not reach someone:
 * - noUnit: the task's unit is not in the directory (no address is ever guessed);
 * - noAddress: the unit's directory row lacks that person's address;
 * - badAddress: the address there is not a valid one;
 * - quota: MailApp's daily quota is spent; deferred to the next run;
 * - failed: MailApp threw (the detail says what);
 * - timeLimit: the run stopped before Apps Script's time limit; the next run continues;
 * - uncertain: claimed but never confirmed: it may have gone out, so it is not resent.
 */
export type NotSentReason = 'noUnit' | 'noAddress' | 'badAddress' | 'quota' | 'failed' | 'timeLimit' | 'uncertain';

/** What the admin must act on first; the two that fix themselves on the next run last. */
export const NOT_SENT_ORDER: NotSentReason[] = ['uncertain', 'failed', 'noUnit', 'noAddress', 'badAddress', 'quota', 'timeLimit'];

export interface SentDigest {
  to: string;
  toName: string;
  subject: string;
  numbers: string[];
  level: NoticeLevel;
  units: string[];
  /** A 约谈通知 (a document of its own, counted apart from the 整改通知). */
  interviewNotice?: boolean;
}

export interface NotSent {
  unit: string;
  taskKeys: string[];
  numbers: string[];
  to?: string;
  reason: NotSentReason;
  detail?: string;
}

/** The day's 通报 (issue 14, 通报批评 is a 通报), as the admin is told of them. */
export interface CircularsToday {
  /** Each 通报 sent today: its 文号, the unit criticised, how many addresses it went to (To and Cc). */
  sent: { number: string; unit: string; recipients: number }[];
  /** Units criticised today with the month's bulletin (随月度通报): nothing sent. */
  held: { unit: string; keys: string[] }[];
  /** A numbered 通报 that did not go out today, and why (it keeps its number). */
  pending: { number: string; unit: string; reason: 'quota' | 'timeLimit' | 'failed' | 'noAdmin'; detail?: string }[];
  /** Units with no valid address, which today's 通报 could not reach (what their cells held). */
  unreached: { unit: string; bad: string[] }[];
}

/** A 退回通知 sent today: its number, the unit, the task, and whether the office gave a reason. */
export interface ReturnLine {
  number: string;
  unit: string;
  key: string;
  task: string;
  /** 1-based sheet row, for the link. */
  row: number;
  to: string;
  /** The row said why (验收意见 / 退回原因 / 备注); false: the notice said 「未说明」. */
  reasonGiven: boolean;
}

/** A notice found 未达到整改要求 today: its 限期 passed with its task neither 待验收 nor 已销号. */
export interface FailedToday {
  unit: string;
  key: string;
  task: string;
  /** The failed notice's number and 第N次督办. */
  number: string;
  ordinal: number;
  replyBy: Day;
  row: number;
}

export interface AdminSummary {
  date: Day;
  dryRun: boolean;
  sent: SentDigest[];
  notSent: NotSent[];
  /** Notices found 未达到整改要求 today: what moves the ladder. */
  failures: FailedToday[];
  interviews: Interview[];
  /** Located problem lines, already worded (《任务台账》第12行：…). */
  needsPerson: string[];
  /** 约谈安排: cases awaiting 审批 (and what is missing), held (暂缓, with the reason), their 约谈通知 sent today. */
  interviewCases?: CaseLine[];
  /** The ledger as checked today; what was sent is counted from `sent`, so the subject and the body agree. */
  counts: { tasks: number; overdue: number };
  circulars?: CircularsToday;
  /** 退回通知 sent today (issue 14). */
  returns?: ReturnLine[];
  /** The mails the quota held back today (积压), and the working day they clear by at today's rate. */
  backlog?: Backlog & { clearsOn?: Day };
  /** Issue 16: the day's replies through the web app, and the matters verified 通过 the office has not closed yet. */
  replies?: RepliesLines;
}

/** One reply received today (整改反馈), with the links of its photos after the fix. */
export interface ReplyLine {
  receipt: string;
  unit: string;
  key: string;
  task: string;
  photos: string[];
}

/** A matter the verifier passed (通过) and the office has not closed in its ledger (是否销号 / 整改状态). */
export interface PassedLine {
  key: string;
  unit: string;
  task: string;
  verifiedOn: Day | undefined;
  /** 1-based row in the ledger. */
  row: number;
}

export interface RepliesLines {
  today: ReplyLine[];
  passed: PassedLine[];
}

export type SummaryContext = Pick<MailContext, 't' | 'rowLink'> & {
  /** The admin's address (设置 → 管理员邮箱). */
  to: string;
  /** 设置 as read: the office the summary speaks for, and what of it is still to fill in. */
  office: Office & Pick<Settings, 'issuingOffice' | 'officeCode' | 'noticePrefix' | 'locale'>;
  /** The link to 督办记录, where every notice's row is: a summary too big for one mail points there. */
  logLink?: () => string;
};

/** Where all the rows of the log's tables are, when the summary is too big to list them all (issue 17). */
function inLog(ctx: SummaryContext): RestOf {
  return { sheet: ctx.t('sheet.log'), ...(ctx.logLink !== undefined ? { link: ctx.logLink } : {}) };
}

/** Rows needing a person listed in the mail; the rest are counted, the sheet has them all. */
export const NEEDS_PERSON_SHOWN = 50;

export function composeAdminSummary(summary: AdminSummary, ctx: SummaryContext): ComposedMail {
  const { t } = ctx;
  const blocks: Block[] = [
    ...(summary.dryRun ? [{ kind: 'banner' as const, text: t('summary.dryRun') }] : []),
    ...officeUnsetBlocks(ctx),
    { kind: 'paragraph', text: countsText(summary, t) },
    ...interviewBlocks(summary.interviews, ctx),
    ...interviewCaseBlocks(summary.interviewCases ?? [], t),
    ...failureBlocks(summary.failures, ctx),
    ...circularBlocks(summary.circulars, inLog(ctx), t),
    ...backlogBlocks(summary.backlog, t),
    ...notSentBlocks(summary.notSent, inLog(ctx), t),
    ...sentBlocks(summary.sent, summary.dryRun, inLog(ctx), t),
    ...returnBlocks(summary.returns ?? [], ctx),
    ...replyBlocks(summary.replies, ctx),
    ...needsPersonBlocks(summary.needsPerson, t),
    signOff(ctx.office, summary.date, t),
  ];
  // Past MailApp's 200 KB the mail goes summarised (mail-size.ts), never refused and lost.
  const { body, htmlBody } = renderWithinLimit(blocks, t);
  return { to: ctx.to, subject: summarySubject(summary, t), body, htmlBody };
}

/** The mails sent today, by kind: the subject's 发出N封 and the body's count are the same mails. */
function sentCounts(sent: SentDigest[]): { mails: number; notices: number; reminders: number } {
  const reminders = sent.filter((s) => s.level === 'reminder').length;
  // A 约谈通知 is a document of its own, counted apart (countsText), never as a 整改通知.
  const interviews = sent.filter((s) => s.interviewNotice === true).length;
  return { mails: sent.length, notices: sent.length - reminders - interviews, reminders };
}

/** The day's counts: tasks checked, mails sent by kind (the 约谈通知 among them said apart), as the subject counts them. */
function countsText(summary: AdminSummary, t: Translate): string {
  const counts = t('summary.counts', { date: longDay(summary.date, t), ...summary.counts, ...sentCounts(summary.sent) });
  const interviews = summary.sent.filter((s) => s.interviewNotice === true).length;
  return interviews === 0 ? counts : counts + t('summary.countsInterviews', { count: interviews });
}

export function summarySubject(summary: AdminSummary, t: Translate): string {
  const notSent = notSentTaskCount(summary.notSent);
  const parts = [
    ...(summary.interviews.length > 0 ? [t('summary.subject.interviews', { count: summary.interviews.length })] : []),
    ...awaitingPart(summary.interviewCases ?? [], t),
    ...(summary.failures.length > 0 ? [t('summary.subject.failures', { count: summary.failures.length })] : []),
    ...(summary.circulars && summary.circulars.sent.length > 0
      ? [t('summary.subject.circulars', { count: summary.circulars.sent.length })]
      : []),
    t('summary.subject.sent', { count: summary.sent.length }),
    ...((summary.returns ?? []).length > 0 ? [t('summary.subject.returns', { count: summary.returns!.length })] : []),
    ...((summary.replies?.today ?? []).length > 0 ? [t('summary.subject.replies', { count: summary.replies!.today.length })] : []),
    ...(notSent > 0 ? [t('summary.subject.notSent', { count: notSent })] : []),
  ];
  const subject = t('summary.subject', { date: longDay(summary.date, t), parts: parts.join(t('summary.subject.sep')) });
  return summary.dryRun ? t('mail.dryRunSubject', { subject }) : subject;
}

/** Tasks not sent, each once (a task may miss both its contact and its head); an entry without keys counts as one. */
function notSentTaskCount(entries: NotSent[]): number {
  const keys = new Set(entries.flatMap((e) => e.taskKeys));
  return keys.size + entries.filter((e) => e.taskKeys.length === 0).length;
}

/** The office's settings still empty: named first, with what they change, until they are filled in. */
function officeUnsetBlocks(ctx: SummaryContext): Block[] {
  const { t, office } = ctx;
  const unset = unfilledOfficeSettings(office);
  if (unset.length === 0) return [];
  const keys = unset.map((key) => settingLabel(key, office.locale)).join(t('mail.and'));
  return [
    { kind: 'heading', text: t('summary.officeUnset', { keys }) },
    {
      kind: 'paragraph',
      text: t('summary.officeUnsetHelp', { sheet: t('sheet.settings'), fallback: office.senderName, prefix: office.noticePrefix }),
    },
  ];
}

function interviewBlocks(interviews: Interview[], ctx: SummaryContext): Block[] {
  if (interviews.length === 0) return [];
  const { t } = ctx;
  const person = (name: string): string => (name.trim() !== '' ? name.trim() : t('summary.unknownPerson'));
  return [
    { kind: 'heading', text: t('summary.interviews', { count: interviews.length }) },
    { kind: 'paragraph', text: t('summary.interviewsHelp') },
    ...interviews.flatMap((iv): Block[] => [
      { kind: 'subheading', text: t('summary.interviewUnit', { unit: iv.unit, head: person(iv.head), leader: person(iv.leader) }) },
      {
        kind: 'table',
        columns: [
          t('mail.col.task'),
          t('mail.col.place'),
          t('mail.col.deadline'),
          t('mail.col.overdue'),
          t('mail.col.number'),
          t('mail.col.row'),
        ],
        rest: { sheet: t('sheet.interviews') },
        rows: iv.tasks.map((n): Cell[] => [
          n.task,
          n.place,
          n.deadline === undefined ? '' : longDay(n.deadline, t),
          overdueText(n.daysOverdue, ctx.office, t),
          noticeNumber(n, t),
          { text: t('mail.rowLink', { row: n.row }), href: ctx.rowLink(n.row) },
        ]),
      },
    ]),
  ];
}

// ---- issue 14, 通报批评 is a 通报: the day's 通报, sent, held for the bulletin, owed, and the units they could not reach.

const PENDING_WORD: Record<CircularsToday['pending'][number]['reason'], MessageKey> = {
  quota: 'summary.circularPending.quota',
  timeLimit: 'summary.circularPending.timeLimit',
  failed: 'summary.circularPending.failed',
  noAdmin: 'summary.circularPending.noAdmin',
};

function circularBlocks(c: CircularsToday | undefined, rest: RestOf, t: Translate): Block[] {
  if (!c) return [];
  const sep = t('mail.and');
  const out: Block[] = [];
  if (c.sent.length > 0)
    out.push(
      { kind: 'heading', text: t('summary.circulars', { count: c.sent.length }) },
      {
        kind: 'table',
        columns: [t('summary.col.numbers'), t('summary.col.unit'), t('summary.col.recipients')],
        rest,
        rows: c.sent.map((s): Cell[] => [s.number, s.unit, String(s.recipients)]),
      },
    );
  if (c.pending.length > 0)
    out.push(
      { kind: 'heading', text: t('summary.circularsPending', { count: c.pending.length }) },
      {
        kind: 'table',
        columns: [t('summary.col.numbers'), t('summary.col.unit'), t('summary.col.detail')],
        rest,
        rows: c.pending.map((p): Cell[] => [p.number, p.unit, t(PENDING_WORD[p.reason], { detail: p.detail ?? '' })]),
      },
    );
  if (c.held.length > 0)
    out.push(
      { kind: 'heading', text: t('summary.circularsHeld', { count: c.held.length }) },
      { kind: 'paragraph', text: t('summary.circularsHeldHelp') },
      {
        kind: 'table',
        columns: [t('summary.col.unit'), t('summary.col.tasks')],
        rest,
        rows: c.held.map((h): Cell[] => [h.unit, h.keys.join(sep)]),
      },
    );
  if (c.unreached.length > 0)
    out.push(
      { kind: 'heading', text: t('summary.circularsUnreached', { count: c.unreached.length }) },
      { kind: 'paragraph', text: t('summary.circularsUnreachedHelp') },
      {
        kind: 'table',
        columns: [t('summary.col.unit'), t('summary.col.detail')],
        rest: { sheet: t('sheet.units') },
        rows: c.unreached.map((u): Cell[] => [u.unit, u.bad.join(sep)]),
      },
    );
  return out;
}

// Issue 14, part "约谈 is decided by a person": what 约谈安排 waits for, what is held and why, what went today.

const MISSING_WORD: Record<Missing, MessageKey> = { approval: 'ivcol.approval', time: 'ivcol.time', place: 'ivcol.place' };

function awaitingPart(lines: readonly CaseLine[], t: Translate): string[] {
  const count = lines.filter((l) => l.kind === 'awaiting').length;
  return count > 0 ? [t('summary.subject.ivAwaiting', { count })] : [];
}

function interviewCaseBlocks(lines: readonly CaseLine[], t: Translate): Block[] {
  if (lines.length === 0) return [];
  const sep = t('mail.and');
  const item = (l: CaseLine): string => {
    if (l.kind === 'awaiting')
      return t('summary.ivAwaiting', {
        id: l.id,
        unit: l.unit,
        missing: l.missing.map((m) => t(MISSING_WORD[m])).join(sep) || t('summary.ivNothingMissing'),
      });
    if (l.kind === 'onHold') return t('summary.ivOnHold', { id: l.id, unit: l.unit, reason: l.reason.trim() || t('summary.ivNoReason') });
    return t('summary.ivSent', { id: l.id, unit: l.unit, number: l.number });
  };
  return [
    { kind: 'heading', text: t('summary.ivCases', { count: lines.length, sheet: t('sheet.interviews') }) },
    { kind: 'paragraph', text: t('summary.ivHelp', { sheet: t('sheet.interviews') }) },
    { kind: 'list', items: lines.map(item), rest: { sheet: t('sheet.interviews') } },
  ];
}

/** The notices found 未达到整改要求 today, by unit: the next step of each follows from them. */
function failureBlocks(failures: FailedToday[], ctx: SummaryContext): Block[] {
  if (failures.length === 0) return [];
  const { t } = ctx;
  return [
    { kind: 'heading', text: t('summary.failures', { count: failures.length }) },
    { kind: 'paragraph', text: t('summary.failuresHelp') },
    {
      kind: 'table',
      columns: [
        t('summary.col.unit'),
        t('mail.col.key'),
        t('mail.col.task'),
        t('summary.col.failedNotice'),
        t('summary.col.replyBy'),
        t('mail.col.row'),
      ],
      rest: inLog(ctx),
      rows: failures.map((f): Cell[] => [
        f.unit,
        f.key,
        f.task,
        t('mail.numberWithOrdinal', { number: f.number, ordinal: t('mail.ordinal', { n: f.ordinal }) }),
        longDay(f.replyBy, t),
        { text: t('mail.rowLink', { row: f.row }), href: ctx.rowLink(f.row) },
      ]),
    },
  ];
}

const REASON_TITLE: Record<NotSentReason, MessageKey> = {
  noUnit: 'summary.reason.noUnit',
  noAddress: 'summary.reason.noAddress',
  badAddress: 'summary.reason.badAddress',
  quota: 'summary.reason.quota',
  failed: 'summary.reason.failed',
  timeLimit: 'summary.reason.timeLimit',
  uncertain: 'summary.reason.uncertain',
};

const REASON_HELP: Record<NotSentReason, MessageKey> = {
  noUnit: 'summary.help.noUnit',
  noAddress: 'summary.help.noAddress',
  badAddress: 'summary.help.badAddress',
  quota: 'summary.help.quota',
  failed: 'summary.help.failed',
  timeLimit: 'summary.help.timeLimit',
  uncertain: 'summary.help.uncertain',
};

/** The backlog (积压): its size, when it clears at today's rate, and what would clear it sooner. */
function backlogBlocks(backlog: AdminSummary['backlog'], t: Translate): Block[] {
  if (!backlog || backlog.mails === 0) return [];
  const pace =
    backlog.days !== undefined && backlog.clearsOn !== undefined
      ? t('summary.backlog.clears', { rate: backlog.rate, days: backlog.days, date: longDay(backlog.clearsOn, t) })
      : t('summary.backlog.never');
  const advice = t('summary.backlog.advice', {
    units: t('sheet.units'),
    settings: t('sheet.settings'),
    mode: t('setting.circularMode'),
    monthly: t('setting.value.circularMonthly'),
  });
  return [
    { kind: 'heading', text: t('summary.backlog.heading') },
    { kind: 'paragraph', text: t('summary.backlog', { mails: backlog.mails, recipients: backlog.recipients, log: t('sheet.log') }) + pace },
    { kind: 'paragraph', text: advice },
  ];
}

function notSentBlocks(entries: NotSent[], rest: RestOf, t: Translate): Block[] {
  if (entries.length === 0) return [];
  const sep = t('mail.and');
  const columns = [t('summary.col.unit'), t('summary.col.to'), t('summary.col.numbers'), t('summary.col.tasks'), t('summary.col.detail')];
  return [
    { kind: 'heading', text: t('summary.notSent', { count: notSentTaskCount(entries) }) },
    ...NOT_SENT_ORDER.flatMap((reason): Block[] => {
      const group = entries.filter((e) => e.reason === reason);
      if (group.length === 0) return [];
      return [
        { kind: 'subheading', text: t(REASON_TITLE[reason]) },
        { kind: 'paragraph', text: t(REASON_HELP[reason]) },
        {
          kind: 'table',
          columns,
          rest,
          rows: group.map((e): Cell[] => [e.unit, e.to ?? '', e.numbers.join(sep), e.taskKeys.join(sep), e.detail ?? '']),
        },
      ];
    }),
  ];
}

function sentBlocks(sent: SentDigest[], dryRun: boolean, rest: RestOf, t: Translate): Block[] {
  const heading = t(dryRun ? 'summary.sentDryRun' : 'summary.sent', { count: sent.length });
  if (sent.length === 0)
    return [
      { kind: 'heading', text: heading },
      { kind: 'paragraph', text: t('summary.nothingSent') },
    ];
  const sep = t('mail.and');
  const recipient = (s: SentDigest): string =>
    s.toName.trim() !== '' ? t('summary.recipient', { name: s.toName.trim(), address: s.to }) : s.to;
  return [
    { kind: 'heading', text: heading },
    {
      kind: 'table',
      columns: [t('summary.col.to'), t('summary.col.level'), t('summary.col.unit'), t('summary.col.numbers'), t('summary.col.subject')],
      rest,
      rows: sent.map((s): Cell[] => [
        recipient(s),
        { level: s.level, text: t(LEVEL_WORD[s.level]) },
        s.units.join(sep),
        s.numbers.join(sep),
        s.subject,
      ]),
    },
  ];
}

// ---------------------------------------------------------------- 退回通知 (issue 14, the return part)

/** The 退回通知 sent today (文号, unit, task), then the returns whose row gave no reason: fill it in. */
function returnBlocks(returns: ReturnLine[], ctx: SummaryContext): Block[] {
  if (returns.length === 0) return [];
  const { t } = ctx;
  const link = (r: ReturnLine): Cell => ({ text: t('mail.rowLink', { row: r.row }), href: ctx.rowLink(r.row) });
  const unexplained = returns.filter((r) => !r.reasonGiven);
  return [
    { kind: 'heading', text: t('summary.returns', { count: returns.length }) },
    {
      kind: 'table',
      columns: [
        t('summary.col.numbers'),
        t('summary.col.unit'),
        t('summary.col.task'),
        t('summary.col.tasks'),
        t('summary.col.to'),
        t('mail.col.row'),
      ],
      rest: inLog(ctx),
      rows: returns.map((r): Cell[] => [r.number, r.unit, r.task, r.key, r.to, link(r)]),
    },
    ...(unexplained.length === 0
      ? []
      : [
          { kind: 'heading' as const, text: t('summary.returnsNoReason', { count: unexplained.length }) },
          { kind: 'paragraph' as const, text: t('summary.returnsNoReasonHelp') },
          {
            kind: 'table' as const,
            columns: [t('summary.col.tasks'), t('summary.col.task'), t('summary.col.unit'), t('summary.col.numbers'), t('mail.col.row')],
            rest: inLog(ctx),
            rows: unexplained.map((r): Cell[] => [r.key, r.task, r.unit, r.number, link(r)]),
          },
        ]),
  ];
}

// ---------------------------------------------------------------- 整改反馈 (issue 16, feedback)

/** The day's replies (回执编号, unit, matter, the photos) and the matters passed but not yet closed by the office. */
function replyBlocks(replies: RepliesLines | undefined, ctx: SummaryContext): Block[] {
  if (!replies) return [];
  const { t } = ctx;
  const rest: RestOf = { sheet: t('sheet.feedback') };
  const photos = (r: ReplyLine): Cell =>
    r.photos.length === 0 ? '' : { text: t('summary.replies.photos', { count: r.photos.length }), href: r.photos[0]! };
  return [
    ...(replies.today.length === 0
      ? []
      : [
          { kind: 'heading' as const, text: t('summary.replies', { count: replies.today.length }) },
          {
            kind: 'table' as const,
            columns: [t('fbcol.receipt'), t('summary.col.unit'), t('summary.col.task'), t('summary.col.tasks'), t('col.photos')],
            rest,
            rows: replies.today.map((r): Cell[] => [r.receipt, r.unit, r.task, r.key, photos(r)]),
          },
        ]),
    ...(replies.passed.length === 0
      ? []
      : [
          { kind: 'heading' as const, text: t('summary.passed', { count: replies.passed.length }) },
          {
            kind: 'table' as const,
            columns: [t('summary.col.tasks'), t('summary.col.unit'), t('summary.col.task'), t('summary.col.verifiedOn'), t('mail.col.row')],
            rest,
            rows: replies.passed.map((p): Cell[] => [
              p.key,
              p.unit,
              p.task,
              p.verifiedOn === undefined ? '' : longDay(p.verifiedOn, t),
              { text: t('mail.rowLink', { row: p.row }), href: ctx.rowLink(p.row) },
            ]),
          },
        ]),
  ];
}

function needsPersonBlocks(lines: string[], t: Translate): Block[] {
  if (lines.length === 0) return [];
  const rest = lines.length - NEEDS_PERSON_SHOWN;
  return [
    { kind: 'heading', text: t('summary.needsPerson', { count: lines.length }) },
    { kind: 'list', items: lines.slice(0, NEEDS_PERSON_SHOWN), rest: { sheet: t('sheet.problems') } },
    ...(rest > 0 ? [{ kind: 'paragraph' as const, text: t('summary.needsPersonMore', { count: rest, column: t('col.systemNote') }) }] : []),
  ];
}
