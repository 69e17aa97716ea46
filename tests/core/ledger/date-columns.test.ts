import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { isEitherDateHeader } from '../../../src/core/ledger/columns';
import { describeDuplicates, findHeader, type HeaderFound } from '../../../src/core/ledger/header';
import { parseSettings } from '../../../src/core/settings/settings';
import { planSweep, type SweepInput, type SweepPlan } from '../../../src/core/sweep/sweep';

const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number, y = 2026): Date => new Date(Date.UTC(y, m - 1, date) - 8 * 3600e3);
const { units } = parseUnits([['单位名称'], ['市城管局'], ['市住建局']]);

function header(values: unknown[][]): HeaderFound {
  const r = findHeader(values);
  if (!r.ok) throw new Error('no header');
  return r;
}

function sweep(values: unknown[][], scriptColumns: SweepInput['scriptColumns'] = {}): SweepPlan {
  const result = planSweep({
    sheet: '任务台账',
    values,
    scriptColumns,
    settings: parseSettings([]).settings,
    units,
    haveDirectory: true,
    calendar: new WorkCalendar(shippedHolidayEntries()),
    today: dayFromYmd(2026, 11, 25),
    toDay,
    t: translator('zh-CN'),
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('isEitherDateHeader', () => {
  it('knows the names that mean the deadline in one ledger and the completion in another', () => {
    for (const h of ['完成时间', '完成日期', '办结时间', '办结日期', '整改完成时间', '完成时间（实际）', 'Completion date']) {
      expect(isEitherDateHeader(h), h).toBe(true);
    }
  });

  it('leaves names that say which they are', () => {
    for (const h of [
      '完成时限',
      '整改时限',
      '办结时限',
      '计划完成时间',
      '要求完成时间',
      '完成时间要求',
      '实际完成时间',
      '实际完成日期',
      '销号日期',
      '责任单位',
    ]) {
      expect(isEitherDateHeader(h), h).toBe(false);
    }
  });
});

// 完成时限 is the deadline, 完成时间 the day the task was done: blank until it is.
const PAIR = [
  ['序号', '问题描述', '责任单位', '完成时限', '整改状态', '完成时间'],
  [1, '背街小巷垃圾堆积', '市城管局', cellDate(11, 20), '整改中', ''],
  [2, '农贸市场占道经营', '市住建局', cellDate(11, 10), '已销号', cellDate(11, 8)],
  [3, '公益广告破损', '市城管局', cellDate(12, 31), '未开始', ''],
  [4, '井盖缺失', '市住建局', cellDate(11, 30), '整改中', ''],
];

describe('完成时限 and 完成时间 in one ledger', () => {
  it('reads the column filled on every task as the deadline and the mostly blank one as the completion', () => {
    const h = header(PAIR);
    expect(h.columns.deadline).toBe(3);
    expect(h.columns.completed).toBe(5);
    expect(h.duplicates).toEqual([]);
    expect(describeDuplicates(h, 'zh-CN')).toEqual([
      '“完成时限”（D 列）读作整改时限，“完成时间”（F 列）读作完成日期：4 个任务中，D 列填了 4 个，F 列只填了 1 个，且多在已完成的任务上。',
    ]);
    expect(describeDuplicates(h, 'en')[0]).toContain(
      '"完成时限" (column D) is read as the deadline and "完成时间" (column F) as the completion date',
    );
  });

  it('counts lateness from the deadline and tells the office how the pair was read', () => {
    const values = PAIR.map((r) => [...r]);
    values[1]![4] = '已销号';
    const p = sweep(values);
    expect(p.tasks.map((t) => t.state.code)).toEqual(['closed', 'closed', 'notDue', 'dueSoon']);
    expect(p.problems.map((x) => x.message)).toContain(
      '“完成时限”（D 列）读作整改时限，“完成时间”（F 列）读作完成日期：4 个任务中，D 列填了 4 个，F 列只填了 1 个，且多在已完成的任务上。',
    );
  });

  it('stamps the day a task is closed into the empty 完成时间, never into the deadline', () => {
    const values = PAIR.map((r) => [...r, '']);
    values[0]![6] = '督办状态';
    values[1]![4] = '已销号';
    values[1]![6] = '逾期'; // yesterday's state: today's 已销号 is a close
    const p = sweep(values, { state: 6 });
    const row = p.rows.find((r) => r.index === 1)!;
    expect(row.fill).toEqual([{ column: 5, value: { day: dayFromYmd(2026, 11, 25) } }]);
  });

  it('reads a 完成时间 placed before 整改时限 as the completion all the same', () => {
    const values = [
      ['问题描述', '责任单位', '完成时间', '整改状态', '整改时限'],
      ['垃圾堆积', '市城管局', '', '整改中', '7月底前'],
      ['占道经营', '市住建局', cellDate(6, 1), '已销号', '6月30日前'],
      ['广告破损', '市城管局', '', '整改中', '长期坚持'],
    ];
    const h = header(values);
    expect([h.columns.deadline, h.columns.completed]).toEqual([4, 2]);
    expect(h.datePair?.by).toBe('words');
    expect(describeDuplicates(h, 'zh-CN')).toEqual([
      '“整改时限”（E 列）读作整改时限，“完成时间”（C 列）读作完成日期：E 列按时限写法填写（如“7月底前”），C 列没有。',
    ]);
    // Every deadline is read from 整改时限, none from the blank completion cells.
    expect(sweep(values).tasks.map((t) => t.deadline?.kind)).toEqual(['date', 'date', 'none']);
  });

  it('takes 完成时间 for the deadline when its cells are the time limits and the other column is the completion', () => {
    const values = [
      ['问题描述', '责任单位', '完成时限', '整改状态', '完成时间'],
      ['垃圾堆积', '市城管局', '', '整改中', '2026年12月底前'],
      ['占道经营', '市住建局', cellDate(6, 1), '已销号', '6月30日前'],
      ['广告破损', '市城管局', '', '整改中', '长期坚持'],
    ];
    const h = header(values);
    expect([h.columns.deadline, h.columns.completed]).toEqual([4, 2]);
  });

  it('goes by the names when the rows do not tell, and says so', () => {
    const h = header([PAIR[0]!]);
    expect([h.columns.deadline, h.columns.completed]).toEqual([3, 5]);
    expect(describeDuplicates(h, 'zh-CN')).toEqual([
      '“完成时限”（D 列）读作整改时限，“完成时间”（F 列）读作完成日期：各行内容不足以区分，按表头名称判断。',
    ]);
  });

  it('sets the other column aside when the ledger has a completion column of its own', () => {
    const values = PAIR.map((r, i) => [...r, i === 0 ? '实际完成日期' : '']);
    const h = header(values);
    expect([h.columns.deadline, h.columns.completed]).toEqual([3, 6]);
    expect(h.duplicates).toEqual([]);
    expect(describeDuplicates(h, 'zh-CN')[0]).toMatch(/^“完成时限”（D 列）读作整改时限，“完成时间”（F 列）不使用（已有完成日期列）/);
  });

  it('keeps a lone 完成时间 as the deadline', () => {
    const values = [
      ['问题描述', '责任单位', '完成时间', '整改状态'],
      ['垃圾堆积', '市城管局', '', '整改中'],
      ['占道经营', '市住建局', cellDate(6, 1), '已销号'],
    ];
    const h = header(values);
    expect(h.columns.deadline).toBe(2);
    expect(h.columns.completed).toBeUndefined();
    expect(h.datePair).toBeUndefined();
    expect(describeDuplicates(h, 'zh-CN')).toEqual([]);
  });

  it('leaves two unambiguous deadline columns to the first match, as before', () => {
    const h = header([['问题描述', '责任单位', '整改时限', '完成时限', '整改状态']]);
    expect(h.columns.deadline).toBe(2);
    expect(h.duplicates).toEqual([{ field: 'deadline', columns: [3] }]);
    expect(h.datePair).toBeUndefined();
  });
});
