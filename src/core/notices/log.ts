/**
 * 督办记录: the notice log, the source of truth for every notice's number, count and level.
 *
 * One row per delivery: a notice (or reminder) of one task to one person. A row is written
 * (claimed) before its mail is sent and its outcome set after, so a rerun never sends twice
 * and a run that dies loses nothing: rows still 'claimed' are sent by the next run; a row left
 * 'sending' may or may not have gone out, and is reported, never resent blindly. The ledger's
 * 督办次数 / 最近督办 / 督办级别 are drawn from here each day; a person's edit to them does not
 * move the ladder.
 */
import { type Day, isDateValue, ymdFromDay } from '../calendar/day';
import { allTexts, type MessageKey, type Translate } from '../i18n';
import { scriptColumns } from '../text/script-columns';
import { cellText, normalizeHeader } from '../text/text';
import { LEVEL_WORD, type NoticeLevel, type RecipientRole } from './types';

/** A delivery's outcome; 'recorded' is an event the log keeps that is not a mail (a relapse). */
export type Outcome = 'claimed' | 'sending' | 'sent' | 'test' | 'deferred' | 'failed' | 'uncertain' | 'cancelled' | 'recorded' | 'restored';

export const OUTCOME_WORD: Record<Outcome, MessageKey> = {
  claimed: 'outcome.claimed',
  sending: 'outcome.sending',
  sent: 'outcome.sent',
  test: 'outcome.test',
  deferred: 'outcome.deferred',
  failed: 'outcome.failed',
  uncertain: 'outcome.uncertain',
  cancelled: 'outcome.cancelled',
  recorded: 'outcome.recorded',
  restored: 'outcome.restored',
};

/** The log's roles: the people a notice goes to, the admin (whose daily summary is logged too), and a 通报's 抄送. */
export type LogRole = RecipientRole | 'admin' | 'cc' | 'inspector';

export const ROLE_WORD: Record<LogRole, MessageKey> = {
  admin: 'role.admin',
  contact: 'role.contact',
  head: 'role.head',
  leader: 'role.leader',
  support: 'role.support',
  cc: 'role.cc',
  inspector: 'role.inspector',
};

/** The log's columns, in the order the script writes them. */
export const LOG_COLUMNS = [
  'number',
  'time',
  'key',
  'unit',
  'level',
  'ordinal',
  'deadline',
  'to',
  'role',
  'subject',
  'outcome',
  'detail',
  // Last, so a log written before it reads as it was (issue 14).
  'replyBy',
] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

export const LOG_HEADER: Record<LogColumn, MessageKey> = {
  number: 'logcol.number',
  time: 'logcol.time',
  key: 'logcol.key',
  unit: 'logcol.unit',
  level: 'logcol.level',
  ordinal: 'logcol.ordinal',
  deadline: 'logcol.deadline',
  to: 'logcol.to',
  role: 'logcol.role',
  subject: 'logcol.subject',
  outcome: 'logcol.outcome',
  detail: 'logcol.detail',
  replyBy: 'logcol.replyBy',
};

/** Each column's number format: dates as dates, the ordinal a number, the rest text. */
export const LOG_FORMAT: Record<LogColumn, string> = {
  number: '@',
  time: 'yyyy-mm-dd hh:mm',
  key: '@',
  unit: '@',
  level: '@',
  ordinal: '0',
  deadline: 'yyyy-mm-dd',
  to: '@',
  role: '@',
  subject: '@',
  outcome: '@',
  detail: '@',
  replyBy: 'yyyy-mm-dd',
};

export interface LogEntry {
  /** 0-based row in the log sheet. */
  index: number;
  /** 督办〔2026〕第12号; '' for a reminder. */
  number: string;
  time: Date | undefined;
  day: Day | undefined;
  key: string;
  unit: string;
  /** The notice's level; the admin's summary and the monthly report's mails are logged too. */
  level: LogLevel;
  ordinal: number;
  deadline: Day | undefined;
  to: string;
  role: LogRole;
  subject: string;
  outcome: Outcome;
  detail: string;
  /** 整改限期 the notice stated; none for a reminder, an event, or a row logged before the column existed. */
  replyBy?: Day;
}

function byWord<T extends string>(words: Record<T, MessageKey>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, key] of Object.entries(words) as [T, MessageKey][])
    for (const text of allTexts(key)) map.set(normalizeHeader(text), code);
  return map;
}

/**
 * What a log row is about: a notice of a level, the admin's daily summary, a unit's line of the
 * month's report, a relapse (反弹: a closed task reopened, kept as an event with its day), or a
 * 退回通知 (a task sent back at verification: one row per recipient address, like a notice, but
 * off the ladder).
 */
export type LogLevel = NoticeLevel | 'summary' | 'publication' | 'reopen' | 'failed' | 'return' | 'receipt' | 'inspectorLink';

export const LOG_LEVEL_WORD: Record<LogLevel, MessageKey> = {
  ...LEVEL_WORD,
  summary: 'level.summary',
  publication: 'level.publication',
  reopen: 'level.reopen',
  failed: 'level.failed',
  return: 'level.return',
  // Issue 16, feedback: the 回执 of a unit's reply through the web app, mailed to the unit (off the ladder).
  receipt: 'level.receipt',
  // Issue 16, orders: an inspector's link to the 当场下单 page, mailed to them (off the ladder).
  inspectorLink: 'level.inspectorLink',
};

/**
 * Whether a log row is a notice (临期提醒, 督办, 通报批评, 约谈) rather than an event the log keeps
 * beside them: the admin's daily summary, a report mail, a relapse, a 退回通知. Only notices move the ladder
 * and the ledger's notice cells.
 */
export function isNoticeEntry<E extends { level: LogLevel }>(entry: E): entry is E & { level: NoticeLevel } {
  return entry.level === 'reminder' || entry.level === 'notice' || entry.level === 'criticism' || entry.level === 'interview';
}

/**
 * Whether a log row is a 整改通知 of a task's ladder (第N次督办). The 通报 (通报批评) and the 约谈通知
 * are documents of their own about a unit; their rows, and the events beside them, are not.
 */
export function isLadderEntry<E extends { level: LogLevel }>(entry: E): entry is E & { level: 'notice' } {
  return entry.level === 'notice';
}

const LEVEL_BY_WORD = byWord<LogLevel>(LOG_LEVEL_WORD);
const OUTCOME_BY_WORD = byWord(OUTCOME_WORD);
const ROLE_BY_WORD = byWord(ROLE_WORD);

export function logHeader(t: Translate): string[] {
  return LOG_COLUMNS.map((c) => t(LOG_HEADER[c]));
}

/** The log's rows as entries; rows that do not read as one (a note someone typed) are skipped. */
export function parseLog(values: unknown[][], toDay: (d: Date) => Day): LogEntry[] {
  if (values.length === 0) return [];
  const at = scriptColumns(values[0] ?? [], LOG_COLUMNS, LOG_HEADER);
  const entries: LogEntry[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: LogColumn): unknown => row[at[c]];
    const level = LEVEL_BY_WORD.get(normalizeHeader(get('level')));
    const outcome = OUTCOME_BY_WORD.get(normalizeHeader(get('outcome')));
    const key = cellText(get('key'));
    if (level === undefined || outcome === undefined || key === '') continue;
    const time = get('time');
    const deadline = get('deadline');
    const replyBy = get('replyBy');
    entries.push({
      index: r,
      number: cellText(get('number')),
      time: isDateValue(time) ? time : undefined,
      day: isDateValue(time) ? toDay(time) : undefined,
      key,
      unit: cellText(get('unit')),
      level,
      ordinal: Number(get('ordinal')) || 0,
      deadline: isDateValue(deadline) ? toDay(deadline) : undefined,
      to: cellText(get('to')),
      role: ROLE_BY_WORD.get(normalizeHeader(get('role'))) ?? 'contact',
      subject: cellText(get('subject')),
      outcome,
      detail: cellText(get('detail')),
      ...(isDateValue(replyBy) ? { replyBy: toDay(replyBy) } : {}),
    });
  }
  return entries;
}

/**
 * The four series of documents Duban numbers, each on its own (公文 numbering: one number per
 * document, a series per kind): 整改通知 (notice), 通报 (circular), 约谈通知 (interview), 退回通知
 * (return). A series is told by its 代字, so a number says which series it is in.
 */
export type Series = 'notice' | 'circular' | 'interview' | 'return' | 'receipt';

/** 回执 (issue 16): a unit's reply gets a receipt number of its own series, X创城督回执〔2026〕1号. */
export const SERIES: readonly Series[] = ['notice', 'circular', 'interview', 'return', 'receipt'];

const SERIES_PREFIX: Record<Exclude<Series, 'notice'>, MessageKey> = {
  circular: 'series.circular',
  interview: 'series.interview',
  return: 'series.return',
  receipt: 'series.receipt',
};

/**
 * A series' 代字: the 机关代字 (设置) for 整改通知, and after it 通报 / 约谈 / 退回 for the others
 * (X创城督〔2026〕3号, X创城督通报〔2026〕1号).
 */
export function seriesPrefix(series: Series, noticePrefix: string, t: Translate): string {
  return series === 'notice' ? noticePrefix : t(SERIES_PREFIX[series], { code: noticePrefix });
}

/** What a document number carries: X创城督〔2026〕12号 → X创城督, 2026, 12 (督办〔2026〕第12号 as well). */
export function numberParts(number: string): { prefix: string; year: number; n: number } | undefined {
  const m = /^(.*?)\s*[〔(（[]\s*(\d{4})\s*[〕)）\]]\s*(?:No\.\s*)?第?\s*(\d+)/.exec(number.trim());
  if (!m) return undefined;
  return { prefix: m[1]!.trim(), year: Number(m[2]), n: Number(m[3]) };
}

/** The highest number of a year the log holds in the series of `prefix` (0 for none). */
export function highestNumber(entries: readonly LogEntry[], year: number, prefix: string): number {
  let last = 0;
  for (const e of entries) {
    const parts = numberParts(e.number);
    if (parts && parts.year === year && parts.prefix === prefix.trim()) last = Math.max(last, parts.n);
  }
  return last;
}

/**
 * Hands out a series' numbers for a year: after the highest the log holds, or `floor` (the durable
 * counter: the highest ever given, even if its rows were deleted) when that is higher. Never reused.
 */
export function numberer(entries: readonly LogEntry[], today: Day, prefix: string, t: Translate, floor = 0): () => string {
  const year = ymdFromDay(today).year;
  let last = Math.max(floor, highestNumber(entries, year, prefix));
  return () => t('notice.number', { prefix, year, n: ++last });
}

/**
 * Deliveries that count as given: sent, or possibly sent (never resent); test ones during a dry
 * run; and notices recovered from the ledger's cells after their log rows were lost.
 */
export function isGiven(outcome: Outcome, dryRun: boolean): boolean {
  return outcome === 'sent' || outcome === 'uncertain' || outcome === 'restored' || (dryRun && outcome === 'test');
}

/** The key the admin's daily summary is logged under: no task has it. */
export const SUMMARY_KEY = '*';

/** Whether the admin's summary already went out today (a rerun does not send it again). */
export function summarySentOn(entries: readonly LogEntry[], day: Day): boolean {
  return entries.some(
    (e) => e.key === SUMMARY_KEY && e.day === day && (e.outcome === 'sent' || e.outcome === 'test' || e.outcome === 'uncertain'),
  );
}

/** The key a month's report mails are logged under (no task has it): '#2026-11'. */
export function publicationKey(month: string): string {
  return `#${month}`;
}

/**
 * The months whose report mails someone is still owed: a delivery held back (延后), failed or
 * withdrawn, to a person the month's report has not reached since.
 */
export function owedReportMonths(entries: readonly LogEntry[], dryRun: boolean): string[] {
  const told = new Set(
    entries.filter((e) => e.level === 'publication' && isGiven(e.outcome, dryRun)).map((e) => `${e.key}|${e.to.toLowerCase()}`),
  );
  const owed = entries.filter(
    (e) =>
      e.level === 'publication' &&
      ['deferred', 'failed', 'cancelled', 'claimed'].includes(e.outcome) &&
      !told.has(`${e.key}|${e.to.toLowerCase()}`),
  );
  return [...new Set(owed.map((e) => e.key.slice(1)))];
}

/**
 * Relapses the log does not have yet: each task's 反弹次数 beyond the reopen rows logged for it,
 * dated by the day it was reopened (its 状态变更日期; the edit trigger sets it the moment a person
 * reopens it), as the n-th relapse of the task. Logging them once makes each relapse an event
 * with a day, which the month's score counts exactly.
 */
export function newRelapses(
  tasks: readonly { key: string; units: string[]; reopenCount: number; statusChanged: Day | undefined }[],
  entries: readonly LogEntry[],
  today: Day,
): { key: string; unit: string; ordinal: number; day: Day }[] {
  const logged = new Map<string, number>();
  for (const e of entries) if (e.level === 'reopen') logged.set(e.key, (logged.get(e.key) ?? 0) + 1);
  const out: { key: string; unit: string; ordinal: number; day: Day }[] = [];
  for (const task of tasks) {
    if (task.key === '') continue;
    for (let n = (logged.get(task.key) ?? 0) + 1; n <= task.reopenCount; n++) {
      out.push({ key: task.key, unit: task.units[0] ?? '', ordinal: n, day: task.statusChanged ?? today });
    }
  }
  return out;
}

/**
 * What a run finds of runs before it: a row left 发送中 by a run that died may or may not have
 * gone out (未确认: reported, never resent); a claim from an earlier day is withdrawn (已取消):
 * today's plan decides again whether the task still needs it, and keeps its number if so.
 */
export function leftBehind(entries: readonly LogEntry[], today: Day): { uncertain: LogEntry[]; stale: LogEntry[] } {
  return {
    uncertain: entries.filter((e) => e.outcome === 'sending'),
    stale: entries.filter((e) => e.outcome === 'claimed' && (e.day === undefined || e.day < today)),
  };
}
