/**
 * Issue 15 (scores): ranked = had work in play. A unit is ranked when any task it leads was open,
 * overdue, due, closed or reopened at any time in the month (or a notice was given it); one with
 * none is listed as 本月无督办任务. And a 反弹 is charged from its reopening, never the closed period.
 */
import { describe, expect, it } from 'vitest';
import { rankMonth } from '../../../src/core/scores/ranking';
import { DEFAULT_RULES } from '../../../src/core/scores/rules';
import { d, directory, entry, november, task, unitOf, zh } from './fixtures';

describe('who is ranked: every unit with work in play in the month', () => {
  it('ranks a unit whose only tasks are overdue since an earlier month, and puts it on the 黑榜', () => {
    // 市城管局 in the demo's December: 4 overdue tasks fallen due earlier, neither ranked nor on the 黑榜.
    const units = directory([
      ['市城管局', '市直部门', true],
      ['市住建局', '市直部门'],
      ['市交通局', '市直部门'],
      ['市教育局', '市直部门'],
      ['市水利局', '市直部门'],
    ]);
    const s = november(
      [
        task({ unit: '市城管局', deadline: d(10, 9) }),
        task({ unit: '市城管局', deadline: d(10, 20) }),
        task({ unit: '市住建局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
        task({ unit: '市交通局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
        task({ unit: '市教育局', status: 'closed', deadline: d(11, 10), completed: d(11, 9) }),
      ],
      { units },
    );
    const u = unitOf(s, '市城管局');
    expect([u.dueCount, u.overdueAtEnd, u.tasksInPlay, u.ranked, u.noTasks]).toEqual([0, 2, 2, true, false]);
    expect(unitOf(s, '市水利局')).toMatchObject({ tasksInPlay: 0, ranked: false, noTasks: true });
    const c = rankMonth(s, DEFAULT_RULES, zh).categories[0]!;
    expect(c.units.map((x) => [x.unit, x.rank])).toEqual([
      ['市交通局', 1],
      ['市教育局', 2],
      ['市住建局', 3],
      ['市城管局', 4],
      ['市水利局', undefined],
    ]);
    expect(c.black.map((x) => [x.unit, x.listReason])).toEqual([
      ['市教育局', '得分101，本类别4个单位中排第2位'],
      ['市住建局', '得分101，本类别4个单位中排第3位'],
      ['市城管局', '逾期未整改2项'],
    ]);
  });

  it('counts a task open in the month though not yet due, and one closed in the month though due later', () => {
    const s = november([
      task({ unit: '市城管局', deadline: d(12, 20) }),
      task({ unit: '市住建局', status: 'closed', deadline: d(12, 4), completed: d(11, 10) }),
      task({ unit: '市交通局', status: 'submitted', deadline: d(12, 4), completed: d(11, 12) }),
      // 长期坚持: no deadline, open all month.
      task({ unit: 'A区' }),
    ]);
    expect(s.units.map((u) => [u.unit, u.tasksInPlay, u.ranked])).toEqual([
      ['市城管局', 1, true],
      ['市住建局', 1, true],
      ['市交通局', 1, true],
      ['A区', 1, true],
      ['市档案馆', 0, false],
    ]);
  });

  it('does not count a task closed before the month, paused, or first seen after it', () => {
    const s = november([
      task({ unit: '市城管局', status: 'closed', deadline: d(10, 20), completed: d(10, 19) }),
      task({ unit: '市住建局', status: 'paused', deadline: d(12, 20) }),
      task({ unit: '市交通局', deadline: d(12, 20), firstSeen: d(12, 2) }),
    ]);
    expect(s.units.filter((u) => u.ranked)).toEqual([]);
    expect(s.units.every((u) => u.noTasks && u.tasksInPlay === 0)).toBe(true);
  });

  it('ranks a unit given a 通报批评 in the month whose task has left the ledger', () => {
    const s = november([], { entries: [entry({ number: '督办〔2026〕第5号', key: 'DB-0999', level: 'criticism', day: d(11, 10) })] });
    expect(unitOf(s, '市城管局')).toMatchObject({ criticisms: 1, tasksInPlay: 0, ranked: true, noTasks: false });
  });
});

describe('反弹: overdue days counted from the reopening', () => {
  const reopen = (key: string, month: number, day: number) => ({
    ...entry({ number: '', key, level: 'reopen', day: d(month, day), outcome: 'recorded' }),
    ordinal: 1,
  });

  it('charges a task closed 10-29 and reopened 11-30 its relapse once, not 20 working days of the closed period', () => {
    const t = task({ key: 'DB-0007', deadline: d(10, 31), reopenCount: 1, statusChanged: d(11, 30), completed: d(10, 29) });
    const s = november([t], { entries: [reopen('DB-0007', 11, 30)] });
    const u = unitOf(s, '市城管局');
    expect([u.relapses, u.overdueAtEnd, u.overdueDays, u.ranked]).toEqual([1, 0, 0, true]);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note])).toEqual([
      ['relapse', -3, '已销号任务反弹，2026-11-30重新打开（累计反弹1次）'],
    ]);
    expect(u.score).toBe(97);
  });

  it('counts the days from the reopening when the old deadline had passed', () => {
    // Reopened Thursday 12 November: 12 working days late on the 30th (13, 16–20, 23–27, 30).
    const t = task({ key: 'DB-0008', deadline: d(10, 20), reopenCount: 1, statusChanged: d(11, 12) });
    const u = unitOf(november([t], { entries: [reopen('DB-0008', 11, 12)] }), '市城管局');
    expect([u.overdueAtEnd, u.overdueDays]).toEqual([1, 12]);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note])).toEqual([
      ['overdueTask', -2, '截至2026-11-30逾期未整改（整改时限2026-10-20，2026-11-12反弹后重新计算）'],
      ['overdueDay', -3.5, '截至2026-11-30逾期12个工作日，超过5个工作日的7个工作日每个工作日扣0.5分'],
      ['relapse', -3, '已销号任务反弹，2026-11-12重新打开（累计反弹1次）'],
    ]);
  });

  it('counts from the new deadline set at the reopening, and in the next month still from the reopening', () => {
    // Reopened 2 November with a new deadline of Friday the 20th: 6 working days late on the 30th.
    const t = task({ key: 'DB-0009', deadline: d(11, 20), reopenCount: 1, statusChanged: d(11, 2) });
    const u = unitOf(november([t], { entries: [reopen('DB-0009', 11, 2)] }), '市城管局');
    expect([u.overdueAtEnd, u.overdueDays, u.relapses]).toEqual([1, 6, 1]);
    // Reopened in October, deadline 9 October: November counts from 28 October (23 working days), no relapse charged again.
    const old = task({ key: 'DB-0010', deadline: d(10, 9), reopenCount: 1, statusChanged: d(10, 28) });
    const v = unitOf(november([old], { entries: [reopen('DB-0010', 10, 28)] }), '市城管局');
    expect([v.overdueDays, v.relapses]).toEqual([23, 0]);
  });

  it('takes a task reopened after the month as it stood at month end: closed, on time, never overdue', () => {
    // Due 25 November, closed on the 20th, reopened 3 December; November published on the 7th.
    const t = task({ key: 'DB-0012', deadline: d(11, 25), reopenCount: 1, statusChanged: d(12, 3), completed: d(11, 20) });
    const u = unitOf(november([t], { entries: [reopen('DB-0012', 12, 3)], today: d(12, 7) }), '市城管局');
    expect([u.dueCount, u.closedOnTime, u.overdueAtEnd, u.overdueDays, u.relapses, u.score]).toEqual([1, 1, 0, 0, 0, 101]);
  });

  it('dates a reopening the log has not recorded yet by the task’s status change date', () => {
    const t = task({ key: 'DB-0011', deadline: d(10, 20), reopenCount: 1, statusChanged: d(11, 26) });
    // Reopened Thursday the 26th: 2 working days late on the 30th (27, 30).
    expect(unitOf(november([t]), '市城管局').overdueDays).toBe(2);
  });
});
