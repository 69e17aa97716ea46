import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import type { MonthScores, UnitScore } from '../../../src/core/scores/month';
import { type ListRules, rankingLists, rankMonth as rankWith } from '../../../src/core/scores/ranking';
import { DEFAULT_RULES } from '../../../src/core/scores/rules';
import { d, directory, november, task, zh } from './fixtures';

/** The ranking with the default 红榜/黑榜 rules, but the red list size given (zh). */
const rankMonth = (scores: MonthScores, rules: Partial<ListRules> = {}) => rankWith(scores, { ...DEFAULT_RULES, ...rules }, zh);

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
    tasksInPlay: dueCount,
    noTasks: dueCount === 0,
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

  it('lists a unit with no task in play (本月无督办任务) after the ranked ones, without a rank, on neither list', () => {
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

// Issue 15 (scores): 黑榜 is the bottom three of a category of four or more; 红榜 needs merit; each entry says why.
describe('红榜 and 黑榜 (issue 15)', () => {
  const names = (us: UnitScore[]) => us.map((u) => u.unit);
  const of = (r: ReturnType<typeof rankMonth>) => r.categories[0]!;

  it('puts the bottom three of a category of four or more ranked units on the 黑榜, and no unit of a smaller one by default', () => {
    const four = ['甲局', '乙局', '丙局', '丁局'].map((n, i) => unit(n, 'x', 100 - i));
    expect(names(of(rankMonth(month(four))).black)).toEqual(['乙局', '丙局', '丁局']);
    const three = four.slice(0, 3);
    // Today a category of three has one unit on each list: half of a small category is no 后三位.
    expect(of(rankMonth(month(three))).black).toEqual([]);
    expect(of(rankMonth(month(three.slice(0, 2)))).black).toEqual([]);
  });

  it('takes the 小类别黑榜名额 rule for a smaller category, never its every unit', () => {
    const three = ['甲局', '乙局', '丙局'].map((n, i) => unit(n, 'x', 100 - i));
    expect(names(of(rankMonth(month(three), { smallCategoryBlack: 1 })).black)).toEqual(['丙局']);
    expect(names(of(rankMonth(month(three), { smallCategoryBlack: 5 })).black)).toEqual(['乙局', '丙局']);
    expect(of(rankMonth(month(three.slice(0, 1)), { smallCategoryBlack: 1 })).black).toEqual([]);
  });

  it('leaves a 红榜 place empty for a unit without merit: a task overdue at month end, or none closed on time', () => {
    const units = [
      unit('甲局', 'x', 103, { dueCount: 3, closedOnTime: 3 }),
      unit('乙局', 'x', 102, { dueCount: 3, closedOnTime: 3, overdueAtEnd: 1 }),
      // 市生态环境局 in the demo: 整改率 0%, nothing overdue, was 「整改及时、成效明显」.
      unit('丙局', 'x', 100, { dueCount: 2, closedOnTime: 0 }),
      unit('丁局', 'x', 99, { dueCount: 1, closedOnTime: 1 }),
      unit('戊局', 'x', 90),
      unit('己局', 'x', 80),
      unit('庚局', 'x', 70),
    ];
    const c = of(rankMonth(month(units)));
    // The places are the first three; 丁局, fourth, does not move up into an empty one.
    expect(names(c.red)).toEqual(['甲局']);
    expect(names(c.black)).toEqual(['戊局', '己局', '庚局']);
    expect(names(of(rankMonth(month(units), { redMaxOverdue: 1 })).red)).toEqual(['甲局', '乙局']);
    expect(names(of(rankMonth(month(units), { redMinClosedOnTime: 0 })).red)).toEqual(['甲局', '丙局']);
  });

  it('never puts a unit on both lists: the bottom three of four are not on the 红榜', () => {
    const four = ['甲局', '乙局', '丙局', '丁局'].map((n, i) => unit(n, 'x', 100 - i));
    const c = of(rankMonth(month(four)));
    expect([names(c.red), names(c.black)]).toEqual([['甲局'], ['乙局', '丙局', '丁局']]);
  });

  it('gives each entry its 上榜理由 from its figures, and none to a unit on neither list', () => {
    const units = [
      unit('甲局', 'x', 105, { dueCount: 5, closedOnTime: 5 }),
      unit('乙局', 'x', 103, { dueCount: 5, closedOnTime: 3 }),
      unit('丙局', 'x', 100),
      unit('丁局', 'x', 99.5, { dueCount: 1, closedOnTime: 0 }),
      unit('戊局', 'x', 85, { dueCount: 0, closedOnTime: 0, tasksInPlay: 4, noTasks: false, ranked: true, overdueAtEnd: 4, criticisms: 2 }),
      unit('己局', 'x', 70, { overdueAtEnd: 2, interviews: 1, relapses: 1 }),
    ];
    const c = of(rankMonth(month(units)));
    expect(c.units.map((u) => [u.unit, u.listReason])).toEqual([
      ['甲局', '到期任务5项全部按期销号，月末无逾期未整改任务'],
      ['乙局', '到期任务5项按期销号3项，月末无逾期未整改任务'],
      ['丙局', '到期任务2项按期销号1项，月末无逾期未整改任务'],
      ['丁局', '得分99.5，本类别6个单位中排第4位'],
      ['戊局', '逾期未整改4项，被通报批评2次'],
      ['己局', '逾期未整改2项，被约谈1次，反弹1次'],
    ]);
    const en = rankWith(month(units), DEFAULT_RULES, translator('en')).categories[0]!;
    expect(en.units.map((u) => u.listReason)).toEqual([
      'tasks due: 5, all closed on time; nothing overdue at month end',
      'tasks due: 5, closed on time: 3; nothing overdue at month end',
      'tasks due: 2, closed on time: 1; nothing overdue at month end',
      'score 99.5, rank 4 of the 6 ranked in its category',
      'tasks overdue: 4; public criticisms: 2',
      'tasks overdue: 2; interviews: 1; relapses: 1',
    ]);
  });

  it('gives run.json its lists: each 红榜 and 黑榜 unit with its reason, category by category', () => {
    const r = rankMonth(
      month([
        unit('甲局', 'x', 101, { dueCount: 1, closedOnTime: 1 }),
        unit('乙局', 'x', 100),
        unit('丙局', 'x', 99),
        unit('丁局', 'x', 97, { overdueAtEnd: 1 }),
        unit('A区', 'y', 100, { dueCount: 1, closedOnTime: 1 }),
      ]),
    );
    expect(rankingLists(r)).toEqual({
      red: [
        { unit: '甲局', reason: '到期任务1项全部按期销号，月末无逾期未整改任务' },
        { unit: 'A区', reason: '到期任务1项全部按期销号，月末无逾期未整改任务' },
      ],
      black: [
        { unit: '乙局', reason: '得分100，本类别4个单位中排第2位' },
        { unit: '丙局', reason: '得分99，本类别4个单位中排第3位' },
        { unit: '丁局', reason: '逾期未整改1项' },
      ],
    });
  });
});
