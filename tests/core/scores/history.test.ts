import { describe, expect, it } from 'vitest';
import { dayAtOffset } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import {
  addMonths,
  bottomThreeStreak,
  describeSanction,
  type HistoryRow,
  historyRows,
  historyValues,
  type MonthId,
  monthLabel,
  parseHistory,
  replaceMonth,
  sanctionsFor,
} from '../../../src/core/scores/history';
import { rankMonth } from '../../../src/core/scores/ranking';
import { DEFAULT_RULES } from '../../../src/core/scores/rules';
import { d, directory, november, task } from './fixtures';

const zh = translator('zh-CN');
const en = translator('en');
const toDay = (date: Date) => dayAtOffset(date, 480);

/** One category of seven units, the listed ones ranked in that order; `bottom` says who is in the bottom three. */
function monthOf(month: MonthId, order: string[], civilized: string[] = ['市城管局']): HistoryRow[] {
  return order.map((unit, i) => ({
    month,
    unit,
    category: '市直部门',
    score: 100 - i,
    rank: i + 1,
    rankedCount: order.length,
    bottomThree: i >= order.length - 3,
    rate: 0.5,
    civilized: civilized.includes(unit),
    ranked: true,
    redList: i < 3,
    listReason: '',
  }));
}

const GOOD = ['市城管局', '市住建局', '市交通局', '市水利局', '市教育局', '市民政局', '市商务局'];
const BAD = ['市住建局', '市交通局', '市水利局', '市教育局', '市民政局', '市商务局', '市城管局'];

describe('historyRows', () => {
  it('takes each unit’s score, rank, ranked count, bottom-three flag, rate and 文明单位 flag from the ranking', () => {
    const units = directory([
      ['市城管局', '市直部门', true],
      ['市住建局', '市直部门'],
      ['市交通局', '市直部门'],
    ]);
    const s = november(
      [
        task({ unit: '市城管局', deadline: d(11, 20) }),
        task({ unit: '市住建局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
      ],
      { units },
    );
    // Two ranked units: a 黑榜 place only because the 小类别黑榜名额 rule gives one (issue 15).
    expect(historyRows('2026-11', rankMonth(s, { ...DEFAULT_RULES, smallCategoryBlack: 1 }, zh))).toEqual([
      {
        month: '2026-11',
        unit: '市住建局',
        category: '市直部门',
        score: 101,
        rank: 1,
        rankedCount: 2,
        bottomThree: false,
        rate: 1,
        civilized: false,
        ranked: true,
        redList: true,
        listReason: '到期任务1项全部按期销号，月末无逾期未整改任务',
      },
      {
        month: '2026-11',
        unit: '市城管局',
        category: '市直部门',
        score: 97.5,
        rank: 2,
        rankedCount: 2,
        bottomThree: true,
        rate: 0,
        civilized: true,
        ranked: true,
        redList: false,
        listReason: '逾期未整改1项',
      },
      {
        month: '2026-11',
        unit: '市交通局',
        category: '市直部门',
        score: 100,
        rank: undefined,
        rankedCount: 2,
        bottomThree: false,
        rate: undefined,
        civilized: false,
        ranked: false,
        redList: false,
        listReason: '',
      },
    ]);
  });
});

describe('the 排名历史 sheet', () => {
  const rows: HistoryRow[] = [
    {
      month: '2026-11',
      unit: '市住建局',
      category: '市直部门',
      score: 101,
      rank: 1,
      rankedCount: 2,
      bottomThree: false,
      rate: 1,
      civilized: false,
      ranked: true,
      redList: true,
      listReason: '到期任务1项全部按期销号',
    },
    {
      month: '2026-11',
      unit: '市交通局',
      category: '市直部门',
      score: 100,
      rank: undefined,
      rankedCount: 2,
      bottomThree: false,
      rate: undefined,
      civilized: true,
      ranked: false,
      redList: false,
      listReason: '',
    },
  ];

  it('is written with a header, yes/no words and blanks for no rank or rate, and reads back the same', () => {
    const values = historyValues(rows, zh);
    expect(values).toEqual([
      ['月份', '单位', '单位类别', '得分', '排名', '参与排名单位数', '排名后三位', '整改率', '文明单位', '是否排名', '红榜', '上榜理由'],
      ['2026-11', '市住建局', '市直部门', 101, 1, 2, '否', 1, '否', '是', '是', '到期任务1项全部按期销号'],
      ['2026-11', '市交通局', '市直部门', 100, '', 2, '否', '', '是', '否', '否', ''],
    ]);
    expect(parseHistory(values, toDay)).toEqual({ rows, problems: [] });
    expect(parseHistory(historyValues(rows, en), toDay, 'en')).toEqual({ rows, problems: [] });
  });

  it('reads a month Sheets turned into a date, in the spreadsheet’s zone, and columns in any order', () => {
    const values = [
      ['单位', '月份', '得分', '排名后三位', '文明单位'],
      ['市城管局', new Date('2026-10-31T16:00:00Z'), 88, '是', '是'],
      ['市住建局', '2026年12月', '90', '否', ''],
    ];
    const { rows: read } = parseHistory(values, toDay);
    expect(read.map((r) => [r.month, r.unit, r.score, r.bottomThree, r.civilized])).toEqual([
      ['2026-11', '市城管局', 88, true, true],
      ['2026-12', '市住建局', 90, false, false],
    ]);
  });

  it('reads an old sheet without 是否排名, 红榜 or 上榜理由 as before (ranked when it has a rank), and writes it back with them', () => {
    const old = [
      ['月份', '单位', '单位类别', '得分', '排名', '参与排名单位数', '排名后三位', '整改率', '文明单位'],
      ['2026-10', '市住建局', '市直部门', 99, 1, 2, '否', 1, '否'],
      ['2026-10', '市交通局', '市直部门', 100, '', 2, '否', '', '是'],
    ];
    const { rows: read, problems } = parseHistory(old, toDay);
    expect(problems).toEqual([]);
    expect(read.map((r) => [r.unit, r.score, r.rank, r.ranked, r.redList, r.listReason])).toEqual([
      ['市住建局', 99, 1, true, false, ''],
      ['市交通局', 100, undefined, false, false, ''],
    ]);
    expect(historyValues(read, zh)).toEqual([
      [...old[0]!, '是否排名', '红榜', '上榜理由'],
      ['2026-10', '市住建局', '市直部门', 99, 1, 2, '否', 1, '否', '是', '否', ''],
      ['2026-10', '市交通局', '市直部门', 100, '', 2, '否', '', '是', '否', '否', ''],
    ]);
  });

  it('says where a 是否排名 it cannot read is, and then goes by the rank', () => {
    const values = [...historyValues(rows, zh), ['2026-12', '市城管局', '市直部门', 80, 3, 3, '是', 0, '是', '也许', '否', '']];
    const { rows: read, problems } = parseHistory(values, toDay);
    expect(read.at(-1)).toMatchObject({ unit: '市城管局', rank: 3, ranked: true });
    expect(problems).toEqual([{ row: 3, column: 9, message: '是否排名“也许”应为“是”或“否”：按排名一栏读作“是”。' }]);
  });

  it('reports rows it cannot read and leaves them out', () => {
    const values = [
      ...historyValues(rows, zh),
      ['十一月', '市城管局', '', 90],
      ['2026-11', '', '', 90],
      ['2026-11', '市城管局', '', '高'],
      ['', '', '', ''],
    ];
    const { rows: read, problems } = parseHistory(values, toDay);
    expect(read).toHaveLength(2);
    expect(problems).toEqual([
      { row: 3, column: 0, message: '月份“十一月”无法识别（应为 2026-11 这样的年月），这一行已忽略。' },
      { row: 4, column: 1, message: '这一行没有单位，已忽略。' },
      { row: 5, column: 3, message: '得分“高”不是数，这一行已忽略。' },
    ]);
  });
});

describe('replaceMonth', () => {
  const history = [...monthOf('2026-10', GOOD), ...monthOf('2026-11', BAD), ...monthOf('2027-01', GOOD)];

  it('replaces only the month published again, keeping every other month’s rows as they were', () => {
    const again = monthOf('2026-11', GOOD).slice(0, 2);
    const out = replaceMonth(history, '2026-11', again);
    expect(out.filter((r) => r.month === '2026-11')).toEqual(again);
    expect(out.filter((r) => r.month !== '2026-11')).toEqual(history.filter((r) => r.month !== '2026-11'));
    expect(out.map((r) => r.month)).toEqual([...Array(7).fill('2026-10'), '2026-11', '2026-11', ...Array(7).fill('2027-01')]);
  });

  it('puts a month published late where it belongs', () => {
    const out = replaceMonth(history, '2026-12', monthOf('2026-12', GOOD));
    expect([...new Set(out.map((r) => r.month))]).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });
});

describe('连续排名后三位 and the sanctions on 文明单位', () => {
  it('counts consecutive published months, across a year boundary', () => {
    const history = [...monthOf('2026-11', GOOD), ...monthOf('2026-12', BAD), ...monthOf('2027-01', BAD)];
    expect(bottomThreeStreak(history, '市城管局', '2027-01')).toEqual(['2026-12', '2027-01']);
    expect(bottomThreeStreak(history, '市城管局', '2026-12')).toEqual(['2026-12']);
    expect(bottomThreeStreak(history, '市城管局', '2026-11')).toEqual([]);
  });

  it('suspends the award for the six months after the month published, at two in a row', () => {
    const history = [...monthOf('2026-11', GOOD), ...monthOf('2026-12', BAD), ...monthOf('2027-01', BAD)];
    const sanctions = sanctionsFor(history, '2027-01');
    expect(sanctions).toEqual([
      {
        unit: '市城管局',
        category: '市直部门',
        kind: 'suspendAward',
        streak: 2,
        months: ['2026-12', '2027-01'],
        from: '2027-02',
        to: '2027-07',
      },
    ]);
    expect(describeSanction(sanctions[0]!, zh)).toBe(
      '市城管局连续2次排名后三位（2026年12月、2027年1月）：停发单位文明奖六个月，自2027年2月至2027年7月。',
    );
    expect(describeSanction(sanctions[0]!, en)).toBe(
      '市城管局 ranked in the bottom three 2 times in a row (2026-12, 2027-01): its civilized-unit award is suspended for six months, 2027-02 to 2027-07.',
    );
    // A suspension published in November runs into the next year.
    expect(sanctionsFor([...monthOf('2026-10', BAD), ...monthOf('2026-11', BAD)], '2026-11')[0]).toMatchObject({
      from: '2026-12',
      to: '2027-05',
    });
  });

  it('revokes the title at three in a row, and says so again while the directory still marks it', () => {
    const history = [...monthOf('2026-11', BAD), ...monthOf('2026-12', BAD), ...monthOf('2027-01', BAD), ...monthOf('2027-02', BAD)];
    const third = sanctionsFor(history, '2027-01');
    expect(third).toEqual([
      { unit: '市城管局', category: '市直部门', kind: 'revokeTitle', streak: 3, months: ['2026-11', '2026-12', '2027-01'] },
    ]);
    expect(describeSanction(third[0]!, zh)).toBe('市城管局连续3次排名后三位（2026年11月、2026年12月、2027年1月）：撤销文明单位称号。');
    expect(sanctionsFor(history, '2027-02')).toMatchObject([{ kind: 'revokeTitle', streak: 4 }]);
  });

  it('is broken by a published month out of the bottom three, but not by a month never published', () => {
    expect(sanctionsFor([...monthOf('2026-10', BAD), ...monthOf('2026-11', GOOD), ...monthOf('2026-12', BAD)], '2026-12')).toEqual([]);
    // November 2026 was never published: October and December are consecutive rankings.
    expect(sanctionsFor([...monthOf('2026-10', BAD), ...monthOf('2026-12', BAD)], '2026-12')).toMatchObject([
      { kind: 'suspendAward', months: ['2026-10', '2026-12'] },
    ]);
  });

  it('passes over a month the unit was not ranked (本月无督办任务): it neither counts toward the run nor breaks it', () => {
    const listed = monthOf('2026-12', GOOD).map((r) =>
      r.unit === '市城管局' ? { ...r, rank: undefined, ranked: false, bottomThree: false } : r,
    );
    const history = [...monthOf('2026-10', BAD), ...listed, ...monthOf('2027-01', BAD)];
    expect(bottomThreeStreak(history, '市城管局', '2027-01')).toEqual(['2026-10', '2027-01']);
    expect(bottomThreeStreak(history, '市城管局', '2026-12')).toEqual([]);
    expect(sanctionsFor(history, '2027-01')).toMatchObject([{ unit: '市城管局', kind: 'suspendAward', months: ['2026-10', '2027-01'] }]);
    expect(sanctionsFor(history, '2026-12')).toEqual([]);
  });

  it('sanctions only units marked 文明单位, and ignores months published after the one asked about', () => {
    const notCivilized = [...monthOf('2026-10', BAD, []), ...monthOf('2026-11', BAD, [])];
    expect(sanctionsFor(notCivilized, '2026-11')).toEqual([]);
    const later = [...monthOf('2026-10', BAD), ...monthOf('2026-11', BAD), ...monthOf('2026-12', BAD)];
    expect(sanctionsFor(later, '2026-11')).toMatchObject([{ kind: 'suspendAward', streak: 2 }]);
  });

  it('matches a unit across months however its name was spaced', () => {
    const spaced = monthOf('2026-10', BAD).map((r) => (r.unit === '市城管局' ? { ...r, unit: '市 城管局' } : r));
    expect(bottomThreeStreak([...spaced, ...monthOf('2026-11', BAD)], '市城管局', '2026-11')).toEqual(['2026-10', '2026-11']);
  });
});

describe('months', () => {
  it('steps across years and reads as the office writes them', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-12', 6)).toBe('2027-06');
    expect(monthLabel('2027-01', zh)).toBe('2027年1月');
    expect(monthLabel('2027-01', en)).toBe('2027-01');
  });
});
