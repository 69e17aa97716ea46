import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../src/core/scores/history';
import { parseQuarterId, quarterMonths, quarterRollup } from '../../../src/core/scores/quarter';

function row(month: string, unit: string, score: number, rank: number | undefined, category = '市直部门'): HistoryRow {
  return {
    month,
    unit,
    category,
    score,
    rank,
    rankedCount: 3,
    bottomThree: false,
    rate: rank === undefined ? undefined : 0.5,
    civilized: false,
  };
}

const history: HistoryRow[] = [
  row('2026-09', '市城管局', 50, 3),
  row('2026-10', '市城管局', 90, 2),
  row('2026-10', '市住建局', 95, 1),
  row('2026-10', 'A区', 80, 1, '区县'),
  row('2026-11', '市城管局', 96, 1),
  row('2026-11', '市住建局', 91, 2),
  row('2026-11', '市交通局', 100, undefined),
  row('2026-11', 'A区', 85, 1, '区县'),
  row('2026-12', '市城管局', 93, 1),
  row('2026-12', '市住建局', 89, 2),
  row('2026-12', '市交通局', 97, 3),
  row('2026-12', 'A区', 80, 1, '区县'),
  row('2027-01', '市城管局', 10, 3),
];

describe('quarterRollup', () => {
  const q4 = quarterRollup(history, 2026, 4);

  it('sets the quarter’s three months side by side for every unit that has a row in any of them', () => {
    expect(quarterMonths(2026, 4)).toEqual(['2026-10', '2026-11', '2026-12']);
    const cg = q4.find((r) => r.unit === '市城管局')!;
    expect(cg.months.map((m) => [m.month, m.row?.score, m.row?.rank])).toEqual([
      ['2026-10', 90, 2],
      ['2026-11', 96, 1],
      ['2026-12', 93, 1],
    ]);
  });

  it('scores the quarter as the mean of the months the unit was ranked in, and trends the last against the first', () => {
    expect(q4.map((r) => [r.category, r.unit, r.quarterScore, r.rankedMonths, r.trend, r.rank])).toEqual([
      // Listed in November (nothing due), ranked only in December: that month alone is its quarter, with no trend.
      ['市直部门', '市交通局', 97, 1, undefined, 1],
      ['市直部门', '市城管局', 93, 3, 'up', 2],
      ['市直部门', '市住建局', 91.67, 3, 'down', 3],
      ['区县', 'A区', 81.67, 3, 'flat', 1],
    ]);
  });

  it('leaves a unit never ranked in the quarter without a quarter score or rank', () => {
    const rows = quarterRollup([row('2026-10', '市档案馆', 100, undefined), row('2026-10', '市城管局', 90, 1)], 2026, 4);
    expect(rows.map((r) => [r.unit, r.quarterScore, r.rank])).toEqual([
      ['市城管局', 90, 1],
      ['市档案馆', undefined, undefined],
    ]);
    expect(rows[1]!.months.map((m) => m.row === undefined)).toEqual([false, true, true]);
  });

  it('reads 2026-Q4', () => {
    expect(parseQuarterId('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarterId('2026-Q5')).toBeUndefined();
  });
});
