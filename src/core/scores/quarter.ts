/**
 * 一季一测评: a quarter's review from 排名历史 as published, the three months side by side for
 * each unit, and the office's own 实地测评 and 问卷 scores (typed in 季度测评, assessment.ts).
 *
 * The ledger score (台账得分) is the mean of the months the unit was ranked in (是否排名: a month
 * it had no work in play neither helps nor hurts it; a month not published is not there). The
 * quarter score combines it with the typed parts by the weights of 计分规则 (combineQuarterScore):
 * with nothing typed it is the ledger score alone. The trend compares the last ranked month with
 * the first. Units are ranked by quarter score within the category they had in the quarter's
 * last published month; ties by ledger score, then by name.
 */
import { unitKey } from '../directory/units';
import { addMonths, type HistoryRow, type MonthId, monthId } from './history';
import { roundPoints } from './month';
import { byName } from './ranking';
import { DEFAULT_RULES, type QuarterWeights, quarterWeights } from './rules';

/** What the office typed in 季度测评 for a unit and the quarter (undefined: not typed, or unreadable). */
export interface QuarterTyped {
  unit: string;
  field: number | undefined;
  survey: number | undefined;
}

/** The three parts of a quarter score; undefined when the unit has none of that part. */
export interface QuarterParts {
  ledger: number | undefined;
  field: number | undefined;
  survey: number | undefined;
}

/**
 * The quarter score: each part present (a ledger score, a typed 实地测评 or 问卷) by its weight,
 * the weights of the parts present scaled to 100% (a part not typed is left out, not counted as
 * 0); a part whose weight is 0 counts for nothing. Undefined when no part with weight is present.
 */
export function combineQuarterScore(parts: QuarterParts, weights: QuarterWeights): number | undefined {
  const present = (['ledger', 'field', 'survey'] as const).filter((k) => parts[k] !== undefined && weights[k] > 0);
  const total = present.reduce((n, k) => n + weights[k], 0);
  if (total === 0) return parts.field === undefined && parts.survey === undefined ? parts.ledger : undefined;
  return roundPoints(present.reduce((n, k) => n + weights[k] * parts[k]!, 0) / total);
}

export type Trend = 'up' | 'down' | 'flat';

export interface QuarterMonth {
  month: MonthId;
  /** The month's history row for the unit; undefined when the month was not published or the unit not in it. */
  row: HistoryRow | undefined;
}

export interface QuarterRow {
  unit: string;
  category: string;
  civilized: boolean;
  months: [QuarterMonth, QuarterMonth, QuarterMonth];
  /** 台账得分: mean of the ranked months' scores, to hundredths; undefined when never ranked in the quarter. */
  ledgerScore: number | undefined;
  /** 实地测评 and 问卷 as typed in 季度测评. */
  field: number | undefined;
  survey: number | undefined;
  /** 季度得分: the parts combined by weight (the ledger score alone when nothing was typed). */
  quarterScore: number | undefined;
  rankedMonths: number;
  /** The last ranked month against the first; undefined with fewer than two ranked months. */
  trend: Trend | undefined;
  /** Place in its category by quarter score; undefined when never ranked. */
  rank: number | undefined;
}

/** 'YYYY-Qn' → year and quarter. */
export function parseQuarterId(text: string): { year: number; quarter: number } | undefined {
  const m = /^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$/.exec(text);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : undefined;
}

export function quarterMonths(year: number, quarter: number): [MonthId, MonthId, MonthId] {
  const first = monthId(year, (quarter - 1) * 3 + 1);
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** The typed scores and the weights to combine them with; by default nothing typed. */
export interface QuarterInput {
  typed: readonly QuarterTyped[];
  weights: QuarterWeights;
}

export function quarterRollup(
  history: readonly HistoryRow[],
  year: number,
  quarter: number,
  input: QuarterInput = { typed: [], weights: quarterWeights(DEFAULT_RULES) },
): QuarterRow[] {
  const months = quarterMonths(year, quarter);
  const inQuarter = history.filter((r) => months.includes(r.month));
  const units = new Map<string, HistoryRow[]>();
  for (const r of inQuarter) {
    const key = unitKey(r.unit);
    units.set(key, [...(units.get(key) ?? []), r]);
  }
  const typed = new Map(input.typed.map((x) => [unitKey(x.unit), x] as const));
  const rows = [...units.values()].map((mine) => unitQuarter(mine, months, typed.get(unitKey(mine[0]!.unit)), input.weights));
  return rankQuarter(rows, inQuarter);
}

function unitQuarter(
  mine: HistoryRow[],
  months: [MonthId, MonthId, MonthId],
  typed: QuarterTyped | undefined,
  weights: QuarterWeights,
): QuarterRow {
  const latest = mine.reduce((a, b) => (b.month >= a.month ? b : a));
  const side = months.map((month) => ({ month, row: mine.find((r) => r.month === month) })) as QuarterRow['months'];
  const ranked = side.map((m) => m.row).filter((r): r is HistoryRow => r?.ranked === true);
  const ledgerScore = ranked.length > 0 ? roundPoints(ranked.reduce((s, r) => s + r.score, 0) / ranked.length) : undefined;
  let trend: Trend | undefined;
  if (ranked.length >= 2) {
    const change = roundPoints(ranked[ranked.length - 1]!.score - ranked[0]!.score);
    trend = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  }
  const field = typed?.field;
  const survey = typed?.survey;
  return {
    unit: latest.unit,
    category: latest.category,
    civilized: latest.civilized,
    months: side,
    ledgerScore,
    field,
    survey,
    quarterScore: combineQuarterScore({ ledger: ledgerScore, field, survey }, weights),
    rankedMonths: ranked.length,
    trend,
    rank: undefined,
  };
}

/** Categories in the order the history first names them; units with a quarter score first, by it, then by ledger score and name. */
function rankQuarter(rows: QuarterRow[], inQuarter: readonly HistoryRow[]): QuarterRow[] {
  const order = new Map<string, number>();
  for (const r of inQuarter) if (!order.has(unitKey(r.category))) order.set(unitKey(r.category), order.size);
  rows.sort(
    (a, b) =>
      (order.get(unitKey(a.category)) ?? 0) - (order.get(unitKey(b.category)) ?? 0) ||
      (a.quarterScore === undefined ? 1 : 0) - (b.quarterScore === undefined ? 1 : 0) ||
      (b.quarterScore ?? 0) - (a.quarterScore ?? 0) ||
      (b.ledgerScore ?? 0) - (a.ledgerScore ?? 0) ||
      byName(a.unit, b.unit),
  );
  let category = '';
  let place = 0;
  for (const row of rows) {
    if (unitKey(row.category) !== category) {
      category = unitKey(row.category);
      place = 0;
    }
    if (row.quarterScore !== undefined) row.rank = ++place;
  }
  return rows;
}

/** The quarter's months no month of 排名历史 has: not published (yet). */
export function unpublishedMonths(history: readonly HistoryRow[], year: number, quarter: number): MonthId[] {
  const published = new Set(history.map((r) => r.month));
  return quarterMonths(year, quarter).filter((m) => !published.has(m));
}
