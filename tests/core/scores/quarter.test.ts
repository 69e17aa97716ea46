import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../src/core/scores/history';
import { combineQuarterScore, parseQuarterId, quarterMonths, quarterRollup } from '../../../src/core/scores/quarter';
import { DEFAULT_RULES, quarterWeights } from '../../../src/core/scores/rules';

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
    ranked: rank !== undefined,
    redList: false,
    listReason: '',
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

  it('counts a month the unit was not ranked (本月无督办任务) neither in nor against its ledger score, whatever its score that month', () => {
    const unranked = { ...row('2026-11', '市城管局', 40, undefined), ranked: false };
    const rows = quarterRollup([row('2026-10', '市城管局', 90, 1), unranked, row('2026-12', '市城管局', 80, 1)], 2026, 4);
    expect(rows.map((r) => [r.unit, r.ledgerScore, r.quarterScore, r.rankedMonths])).toEqual([['市城管局', 85, 85, 2]]);
    expect(rows[0]!.months.map((m) => [m.month, m.row?.score, m.row?.ranked])).toEqual([
      ['2026-10', 90, true],
      ['2026-11', 40, false],
      ['2026-12', 80, true],
    ]);
  });

  it('combines the ledger score with the typed 实地测评 and 问卷 by the weights of 计分规则, and ranks on that', () => {
    const weights = quarterWeights(DEFAULT_RULES);
    expect(weights).toEqual({ ledger: 0.5, field: 0.3, survey: 0.2 });
    const typed = [
      { unit: '市城管局', field: 80, survey: 90 },
      { unit: '市交通局', field: 70, survey: undefined },
    ];
    const rows = quarterRollup(history, 2026, 4, { typed, weights });
    expect(rows.map((r) => [r.unit, r.ledgerScore, r.field, r.survey, r.quarterScore, r.rank])).toEqual([
      // Nothing typed: the ledger alone.
      ['市住建局', 91.67, undefined, undefined, 91.67, 1],
      // 93×50% + 80×30% + 90×20% = 88.5
      ['市城管局', 93, 80, 90, 88.5, 2],
      // 问卷 not typed: 台账 and 实地测评 by their weights scaled to 100%: (97×50% + 70×30%) ÷ 80% = 86.875
      ['市交通局', 97, 70, undefined, 86.88, 3],
      ['A区', 81.67, undefined, undefined, 81.67, 1],
    ]);
  });

  it('scores a typed part alone when the unit was never ranked, and leaves out a part whose weight is 0', () => {
    expect(combineQuarterScore({ ledger: undefined, field: 85, survey: undefined }, { ledger: 0.5, field: 0.3, survey: 0.2 })).toBe(85);
    expect(combineQuarterScore({ ledger: 90, field: 60, survey: undefined }, { ledger: 1, field: 0, survey: 0 })).toBe(90);
    expect(combineQuarterScore({ ledger: undefined, field: undefined, survey: undefined }, { ledger: 0.5, field: 0.3, survey: 0.2 })).toBe(
      undefined,
    );
  });

  it('reads 2026-Q4', () => {
    expect(parseQuarterId('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarterId('2026-Q5')).toBeUndefined();
  });
});
