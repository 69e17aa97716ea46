import { describe, expect, it } from 'vitest';
import type { MonthScores, UnitScore } from '../../../src/core/scores/month';
import { listSizes, rankMonth } from '../../../src/core/scores/ranking';
import { d, directory, november, task } from './fixtures';

function unit(name: string, category: string, score: number, extra: Partial<UnitScore> = {}): UnitScore {
  const dueCount = extra.dueCount ?? 2;
  const closedOnTime = extra.closedOnTime ?? 1;
  return {
    unit: name,
    category,
    civilized: false,
    base: 100,
    score,
    rate: dueCount > 0 ? closedOnTime / dueCount : undefined,
    dueCount,
    closedOnTime,
    overdueAtEnd: 0,
    overdueDays: 0,
    notices: 0,
    criticisms: 0,
    interviews: 0,
    relapses: 0,
    undelivered: 0,
    breakdown: [],
    ranked: dueCount > 0,
    ...extra,
  };
}

function month(units: UnitScore[]): MonthScores {
  return {
    year: 2026,
    month: 11,
    first: d(11, 1),
    last: d(11, 30),
    asOf: d(11, 30),
    units,
    summary: {
      due: 0,
      closed: 0,
      closedOnTime: 0,
      overdueAtEnd: 0,
      rate: undefined,
      notices: 0,
      criticisms: 0,
      interviews: 0,
      relapses: 0,
    },
    named: [],
    problems: [],
  };
}

const ranks = (units: UnitScore[]) => units.map((u) => [u.unit, u.rank]);

describe('rankMonth', () => {
  it('ranks within each 单位类别, in the order the directory names the categories, a blank category on its own', () => {
    const r = rankMonth(
      month([
        unit('市城管局', '市直部门', 95),
        unit('A区', '区县', 90),
        unit('市住建局', '市直部门', 99),
        unit('市档案馆', '未分类', 80),
        unit('B区', '区县', 97),
      ]),
      { redListSize: 3 },
    );
    expect(r.categories.map((c) => [c.category, c.rankedCount, ranks(c.units)])).toEqual([
      [
        '市直部门',
        2,
        [
          ['市住建局', 1],
          ['市城管局', 2],
        ],
      ],
      [
        '区县',
        2,
        [
          ['B区', 1],
          ['A区', 2],
        ],
      ],
      ['未分类', 1, [['市档案馆', 1]]],
    ]);
  });

  it('breaks a tie in score by 整改率, then by fewer days overdue, then by name', () => {
    const r = rankMonth(
      month([
        unit('丙局', 'x', 95, { dueCount: 4, closedOnTime: 2, overdueDays: 3 }),
        unit('乙局', 'x', 95, { dueCount: 4, closedOnTime: 3, overdueDays: 9 }),
        unit('甲局', 'x', 95, { dueCount: 4, closedOnTime: 2, overdueDays: 3 }),
        unit('丁局', 'x', 95, { dueCount: 4, closedOnTime: 2, overdueDays: 1 }),
        unit('戊局', 'x', 96, { dueCount: 4, closedOnTime: 0, overdueDays: 40 }),
      ]),
      { redListSize: 3 },
    );
    // 丙 (bǐng) before 甲 (jiǎ) in 拼音 order.
    expect(ranks(r.categories[0]!.units)).toEqual([
      ['戊局', 1],
      ['乙局', 2],
      ['丁局', 3],
      ['丙局', 4],
      ['甲局', 5],
    ]);
  });

  it('lists a unit with no task due in the month after the ranked ones, without a rank, on neither list', () => {
    const r = rankMonth(
      month([
        unit('市城管局', 'x', 90),
        unit('市水利局', 'x', 100, { dueCount: 0, closedOnTime: 0 }),
        unit('市住建局', 'x', 80),
        unit('市交通局', 'x', 85),
        unit('市教育局', 'x', 70),
        unit('市民政局', 'x', 75),
        unit('市商务局', 'x', 60),
        unit('市农业局', 'x', 95, { dueCount: 0, closedOnTime: 0 }),
      ]),
      { redListSize: 3 },
    );
    const c = r.categories[0]!;
    expect(c.rankedCount).toBe(6);
    expect(ranks(c.units)).toEqual([
      ['市城管局', 1],
      ['市交通局', 2],
      ['市住建局', 3],
      ['市民政局', 4],
      ['市教育局', 5],
      ['市商务局', 6],
      ['市农业局', undefined],
      ['市水利局', undefined],
    ]);
    expect(c.red.map((u) => u.unit)).toEqual(['市城管局', '市交通局', '市住建局']);
    expect(c.black.map((u) => u.unit)).toEqual(['市民政局', '市教育局', '市商务局']);
  });

  it('keeps the red and black lists apart in a small category: neither takes more than half', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => listSizes(n, 3))).toEqual([
      { red: 0, black: 0 },
      { red: 1, black: 1 },
      { red: 1, black: 1 },
      { red: 2, black: 2 },
      { red: 2, black: 2 },
      { red: 3, black: 3 },
      { red: 3, black: 3 },
    ]);
    expect(listSizes(8, 5)).toEqual({ red: 5, black: 3 });
    expect(listSizes(7, 5)).toEqual({ red: 3, black: 3 });
    expect(listSizes(5, 0)).toEqual({ red: 0, black: 3 });
    const r = rankMonth(month([unit('甲局', 'x', 90), unit('乙局', 'x', 80), unit('丙局', 'x', 70)]), { redListSize: 3 });
    expect(r.categories[0]!.red.map((u) => u.unit)).toEqual(['甲局']);
    expect(r.categories[0]!.black.map((u) => u.unit)).toEqual(['丙局']);
  });

  it('takes the red list size from the rules, 0 meaning no red list', () => {
    const units = ['甲局', '乙局', '丙局', '丁局', '戊局', '己局', '庚局'].map((n, i) => unit(n, 'x', 100 - i));
    expect(rankMonth(month(units), { redListSize: 1 }).categories[0]!.red.map((u) => u.unit)).toEqual(['甲局']);
    expect(rankMonth(month(units), { redListSize: 0 }).categories[0]!.red).toEqual([]);
  });

  it('does not change the month’s scores it ranks', () => {
    const scores = month([unit('甲局', 'x', 90)]);
    rankMonth(scores, { redListSize: 3 });
    expect(scores.units[0]!.rank).toBeUndefined();
  });

  it('ranks a scored month end to end: due tasks rank a unit, figures break the tie', () => {
    const units = directory([
      ['市城管局', '市直部门'],
      ['市住建局', '市直部门'],
      ['市交通局', '市直部门'],
    ]);
    const s = november(
      [
        task({ unit: '市城管局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
        task({ unit: '市住建局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
        task({ unit: '市住建局', deadline: d(11, 27), status: 'submitted', completed: d(11, 27) }),
      ],
      { units },
    );
    const r = rankMonth(s, { redListSize: 3 });
    // Both 101; 城管 closed all it had due (100%), 住建 half.
    expect(r.categories[0]!.units.map((u) => [u.unit, u.score, u.rate, u.rank])).toEqual([
      ['市城管局', 101, 1, 1],
      ['市住建局', 101, 0.5, 2],
      ['市交通局', 100, undefined, undefined],
    ]);
  });
});
