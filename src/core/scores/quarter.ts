/**
 * 一季一测评: a quarter's roll-up from 排名历史, the three months side by side for each unit.
 *
 * The quarter score is the mean of the months the unit was ranked in (a month it was only
 * listed, having nothing due, neither helps nor hurts it); the trend compares the last of those
 * months with the first. Units are ranked by quarter score within the category they had in the
 * quarter's last published month, ties by name.
 */
import { unitKey } from '../directory/units';
import { addMonths, type HistoryRow, type MonthId, monthId } from './history';
import { roundPoints } from './month';
import { byName } from './ranking';

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
  /** Mean of the ranked months' scores, to hundredths; undefined when never ranked in the quarter. */
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

export function quarterRollup(history: readonly HistoryRow[], year: number, quarter: number): QuarterRow[] {
  const months = quarterMonths(year, quarter);
  const inQuarter = history.filter((r) => months.includes(r.month));
  const units = new Map<string, HistoryRow[]>();
  for (const r of inQuarter) {
    const key = unitKey(r.unit);
    units.set(key, [...(units.get(key) ?? []), r]);
  }

  const rows: QuarterRow[] = [...units.values()].map((mine) => {
    const latest = mine.reduce((a, b) => (b.month >= a.month ? b : a));
    const side = months.map((month) => ({ month, row: mine.find((r) => r.month === month) })) as QuarterRow['months'];
    const ranked = side.map((m) => m.row).filter((r): r is HistoryRow => r !== undefined && r.rank !== undefined);
    const quarterScore = ranked.length > 0 ? roundPoints(ranked.reduce((s, r) => s + r.score, 0) / ranked.length) : undefined;
    let trend: Trend | undefined;
    if (ranked.length >= 2) {
      const change = roundPoints(ranked[ranked.length - 1]!.score - ranked[0]!.score);
      trend = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    }
    return {
      unit: latest.unit,
      category: latest.category,
      civilized: latest.civilized,
      months: side,
      quarterScore,
      rankedMonths: ranked.length,
      trend,
      rank: undefined,
    };
  });

  // Categories in the order the history first names them; ranked units first, by quarter score.
  const order = new Map<string, number>();
  for (const r of inQuarter) if (!order.has(unitKey(r.category))) order.set(unitKey(r.category), order.size);
  rows.sort(
    (a, b) =>
      (order.get(unitKey(a.category)) ?? 0) - (order.get(unitKey(b.category)) ?? 0) ||
      (a.quarterScore === undefined ? 1 : 0) - (b.quarterScore === undefined ? 1 : 0) ||
      (b.quarterScore ?? 0) - (a.quarterScore ?? 0) ||
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
