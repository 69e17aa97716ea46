/**
 * 排名历史: every published month's scores and ranks, one row per unit, kept in the script's own
 * sheet. It is what "连续两次/三次排名后三位" is counted from, and what the quarter's roll-up
 * reads.
 *
 * The speeches: "对创建工作连续两次排名后三位的文明单位，停发单位文明奖六个月；连续三次排名后三位
 * 的文明单位，撤销文明单位称号". A streak runs over consecutive published months: 2026-12 and
 * 2027-01 are consecutive (a year boundary does not break it), and a month that was never
 * published is no ranking at all, so it neither counts nor breaks a streak ("连续两次" counts
 * rankings, not calendar months). A published month in which the unit was ranked but not in the
 * bottom three, or absent, breaks it; a month it was not ranked (本月无督办任务: no work in play)
 * neither counts toward the run nor breaks it, as a month never published.
 * Sanctions apply to units the directory marks 文明单位 in the month published.
 *
 * What was published stays published: the report mails, the quarter and the sanctions read these
 * rows, never the ledger as it is later; publishing a month again is the only way to change them
 * (republish.ts says what it changed). The sheet is a contract: its columns are kept and only
 * added to (是否排名, 红榜, 上榜理由 came with issue 15); an old sheet without them reads as before
 * (a unit with a rank was ranked) and gains them when next written.
 */
import type { Day } from '../calendar/day';
import { ymdFromDay } from '../calendar/day';
import { unitKey } from '../directory/units';
import { type Locale, type MessageKey, type Translate, translator } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { scriptColumns } from '../text/script-columns';
import { cellText } from '../text/text';
import { readYesNo } from '../text/vocabulary';
import type { Ranking } from './ranking';

/** A month as 'YYYY-MM'. */
export type MonthId = string;

export function monthId(year: number, month: number): MonthId {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** 'YYYY-MM' (also 2026-1, 2026/11, 2026.11, 2026年11月) → year and month. */
export function parseMonthId(text: string): { year: number; month: number } | undefined {
  const m = /^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

/** The month n months after (n < 0: before). */
export function addMonths(id: MonthId, n: number): MonthId {
  const p = parseMonthId(id);
  if (!p) throw new RangeError(`not a month: ${id}`);
  const index = p.year * 12 + (p.month - 1) + n;
  return monthId(Math.floor(index / 12), (index % 12) + 1);
}

/** A month as the office writes it: 2026年11月 (en: 2026-11). */
export function monthLabel(id: MonthId, t: Translate): string {
  const p = parseMonthId(id);
  return p ? t('score.month', { year: p.year, month: p.month, mm: String(p.month).padStart(2, '0') }) : id;
}

export interface HistoryRow {
  month: MonthId;
  unit: string;
  category: string;
  score: number;
  /** Undefined when the unit was listed, not ranked. */
  rank: number | undefined;
  /** Units ranked in its category that month. */
  rankedCount: number;
  /** On the 黑榜 (排名后三位) that month. */
  bottomThree: boolean;
  /** 整改率, a fraction; undefined when nothing was due. */
  rate: number | undefined;
  civilized: boolean;
  /** 是否排名: ranked that month (it had work in play); a month it was not ranked counts for no streak and no quarter. */
  ranked: boolean;
  /** On the 红榜 that month. */
  redList: boolean;
  /** 上榜理由 as published ('' when on no list). */
  listReason: string;
}

/** The rows a month's ranking adds to the history, category by category. */
export function historyRows(month: MonthId, ranking: Ranking): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const c of ranking.categories) {
    const black = new Set(c.black.map((u) => u.unit));
    const red = new Set(c.red.map((u) => u.unit));
    for (const u of c.units) {
      rows.push({
        month,
        unit: u.unit,
        category: c.category,
        score: u.score,
        rank: u.rank,
        rankedCount: c.rankedCount,
        bottomThree: black.has(u.unit),
        rate: u.rate,
        civilized: u.civilized,
        ranked: u.ranked,
        redList: red.has(u.unit),
        listReason: u.listReason ?? '',
      });
    }
  }
  return rows;
}

/** The sheet's columns: never renamed or removed, new ones only added at the end. */
export const HISTORY_COLUMNS = [
  'month',
  'unit',
  'category',
  'score',
  'rank',
  'rankedCount',
  'bottomThree',
  'rate',
  'civilized',
  'ranked',
  'redList',
  'listReason',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

const HISTORY_HEADER: Record<HistoryColumn, MessageKey> = {
  month: 'history.col.month',
  unit: 'history.col.unit',
  category: 'history.col.category',
  score: 'history.col.score',
  rank: 'history.col.rank',
  rankedCount: 'history.col.rankedCount',
  bottomThree: 'history.col.bottomThree',
  rate: 'history.col.rate',
  civilized: 'history.col.civilized',
  ranked: 'history.col.ranked',
  redList: 'history.col.redList',
  listReason: 'history.col.listReason',
};

/**
 * Each column's number format. The month is text: written as '2026-11' into a cell formatted
 * otherwise, Sheets would read it as a date (setValues parses strings as if typed).
 */
export const HISTORY_FORMAT: Record<HistoryColumn, string> = {
  month: '@',
  unit: '@',
  category: '@',
  score: '0.##',
  rank: '0',
  rankedCount: '0',
  bottomThree: '@',
  rate: '0.0%',
  civilized: '@',
  ranked: '@',
  redList: '@',
  listReason: '@',
};

export function historyHeader(t: Translate): string[] {
  return HISTORY_COLUMNS.map((c) => t(HISTORY_HEADER[c]));
}

/** The sheet's values: the header, then one row per unit and month ('' for no rank or rate). */
export function historyValues(rows: readonly HistoryRow[], t: Translate): (string | number)[][] {
  const yesNo = (b: boolean): string => t(b ? 'setting.value.yes' : 'setting.value.no');
  return [
    historyHeader(t),
    ...rows.map((r) => [
      r.month,
      r.unit,
      r.category,
      r.score,
      r.rank ?? '',
      r.rankedCount,
      yesNo(r.bottomThree),
      r.rate ?? '',
      yesNo(r.civilized),
      yesNo(r.ranked),
      yesNo(r.redList),
      r.listReason,
    ]),
  ];
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const text = cellText(v).replace(/%$/, '');
  if (text === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return cellText(v).endsWith('%') ? n / 100 : n;
}

/**
 * Reads the 排名历史 sheet (getValues(), header first, in either language). A month cell Sheets
 * turned into a date is read in the spreadsheet's zone through `toDay`. Rows that cannot be
 * read are reported and skipped: a sanction is never decided on a guess.
 */
export function parseHistory(
  values: unknown[][],
  toDay: (d: Date) => Day,
  locale: Locale = 'zh-CN',
): { rows: HistoryRow[]; problems: CellProblem[] } {
  const t = translator(locale);
  const rows: HistoryRow[] = [];
  const problems: CellProblem[] = [];
  if (values.length === 0) return { rows, problems };
  const at = scriptColumns(values[0] ?? [], HISTORY_COLUMNS, HISTORY_HEADER);
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: HistoryColumn): unknown => row[at[c]];
    if (row.every((v) => cellText(v) === '')) continue;
    const rawMonth = get('month');
    const month = monthOf(rawMonth, toDay);
    if (!month) {
      problems.push({ row: r, column: at.month, message: t('history.badMonth', { value: cellText(rawMonth) }) });
      continue;
    }
    const unit = cellText(get('unit'));
    if (unit === '') {
      problems.push({ row: r, column: at.unit, message: t('history.noUnit') });
      continue;
    }
    const score = numberOf(get('score'));
    if (score === undefined) {
      problems.push({ row: r, column: at.score, message: t('history.badScore', { value: cellText(get('score')) }) });
      continue;
    }
    const rank = positive(numberOf(get('rank')));
    rows.push({
      month,
      unit,
      category: cellText(get('category')),
      score,
      rank,
      rankedCount: numberOf(get('rankedCount')) ?? 0,
      bottomThree: readYesNo(get('bottomThree')) === true,
      rate: numberOf(get('rate')),
      civilized: readYesNo(get('civilized')) === true,
      ranked: rankedOf(get('ranked'), rank, (value, reading) =>
        problems.push({
          row: r,
          column: at.ranked,
          message: t('history.badRanked', { value, reading: t(reading ? 'setting.value.yes' : 'setting.value.no') }),
        }),
      ),
      redList: readYesNo(get('redList')) === true,
      listReason: cellText(get('listReason')),
    });
  }
  return { rows, problems };
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

/** 是否排名 as written; blank (a sheet from before the column) or unreadable (said): ranked when it has a rank. */
function rankedOf(v: unknown, rank: number | undefined, bad: (value: string, reading: boolean) => void): boolean {
  const read = readYesNo(v);
  if (read !== undefined) return read;
  if (cellText(v) !== '') bad(cellText(v), rank !== undefined);
  return rank !== undefined;
}

function monthOf(v: unknown, toDay: (d: Date) => Day): MonthId | undefined {
  if (Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime())) {
    const { year, month } = ymdFromDay(toDay(v as Date));
    return monthId(year, month);
  }
  const p = parseMonthId(cellText(v));
  return p ? monthId(p.year, p.month) : undefined;
}

/**
 * The history with `month`'s rows replaced by `rows` (a month published again), every other
 * month's rows kept exactly, months in order (a month published late goes where it belongs).
 */
export function replaceMonth(history: readonly HistoryRow[], month: MonthId, rows: readonly HistoryRow[]): HistoryRow[] {
  const others = history.filter((r) => r.month !== month);
  const at = others.findIndex((r) => r.month > month);
  const fresh = rows.map((r) => ({ ...r, month }));
  return at < 0 ? [...others, ...fresh] : [...others.slice(0, at), ...fresh, ...others.slice(at)];
}

/**
 * The months of a unit's run of bottom-three places ending at `month`, oldest first: empty when
 * it was not in the bottom three that month. Only published months (those with rows) count.
 */
export function bottomThreeStreak(history: readonly HistoryRow[], unit: string, month: MonthId): MonthId[] {
  const key = unitKey(unit);
  const published = [...new Set(history.map((r) => r.month))].filter((m) => m <= month).sort();
  const streak: MonthId[] = [];
  for (let i = published.length - 1; i >= 0; i--) {
    const m = published[i]!;
    const row = history.find((r) => r.month === m && unitKey(r.unit) === key);
    // Not ranked that month (no work in play): as if the month had not been published for it.
    if (row && !row.ranked && m !== month) continue;
    if (!row?.bottomThree) break;
    streak.unshift(m);
  }
  return streak;
}

export type SanctionKind = 'suspendAward' | 'revokeTitle';

export interface Sanction {
  unit: string;
  category: string;
  /** 停发单位文明奖六个月 (2 in a row) or 撤销文明单位称号 (3 or more in a row). */
  kind: SanctionKind;
  /** How many published months in a row it was in the bottom three. */
  streak: number;
  months: MonthId[];
  /** For a suspension: the six months after the month published, first and last. */
  from?: MonthId;
  to?: MonthId;
}

export const SUSPENSION_MONTHS = 6;

/**
 * Sanctions due from the ranking of `month`, for the units marked 文明单位 that month: two
 * published months in a row in the bottom three suspend the award for the six months after
 * `month` (the November publication suspends it December to May); three or more revoke the
 * title (said again each month the directory still marks the unit 文明单位).
 */
export function sanctionsFor(history: readonly HistoryRow[], month: MonthId): Sanction[] {
  const out: Sanction[] = [];
  for (const row of history) {
    if (row.month !== month || !row.civilized || !row.bottomThree) continue;
    const months = bottomThreeStreak(history, row.unit, month);
    if (months.length >= 3) out.push({ unit: row.unit, category: row.category, kind: 'revokeTitle', streak: months.length, months });
    else if (months.length === 2) {
      out.push({
        unit: row.unit,
        category: row.category,
        kind: 'suspendAward',
        streak: 2,
        months,
        from: addMonths(month, 1),
        to: addMonths(month, SUSPENSION_MONTHS),
      });
    }
  }
  return out;
}

/** A sanction as the publication says it. */
export function describeSanction(s: Sanction, t: Translate): string {
  const months = s.months.map((m) => monthLabel(m, t)).join(t('score.monthSep'));
  if (s.kind === 'revokeTitle') return t('sanction.revokeTitle', { unit: s.unit, count: s.streak, months });
  return t('sanction.suspendAward', {
    unit: s.unit,
    count: s.streak,
    months,
    from: monthLabel(s.from ?? '', t),
    to: monthLabel(s.to ?? '', t),
  });
}
