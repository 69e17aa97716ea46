import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { readPointsLost, roundPoints } from '../../../src/core/scores/month';
import { d, entry, november, task, unitOf } from './fixtures';

// November 2026: Sat/Sun off, nothing else; the 30th is a Monday. A task due Friday the 20th
// and still open is 6 working days late on the 30th (23–27 and 30).

describe('tasks closed on time (按期销号)', () => {
  it('gives the lead unit a point for each task due in the month done by its deadline and closed, and counts the rate', () => {
    const s = november([
      task({ key: 'DB-0001', status: 'closed', deadline: d(11, 20), completed: d(11, 18) }),
      task({ key: 'DB-0002', status: 'closed', deadline: d(11, 20), completed: d(11, 23) }),
    ]);
    const u = unitOf(s, '市城管局');
    expect(u.dueCount).toBe(2);
    expect(u.closedOnTime).toBe(1);
    expect(u.rate).toBe(0.5);
    expect(u.breakdown).toEqual([
      {
        unit: '市城管局',
        rule: 'closedOnTime',
        points: 1,
        source: { kind: 'task', key: 'DB-0001', row: expect.any(Number) },
        note: '按期销号（2026-11-18完成，整改时限2026-11-20）',
      },
    ]);
    expect(u.score).toBe(101);
    expect(s.summary).toMatchObject({ due: 2, closed: 2, closedOnTime: 1, overdueAtEnd: 0, rate: 0.5 });
  });

  it('meets a deadline on a weekend on the next working day', () => {
    // Saturday the 14th: done Monday the 16th is on time.
    const s = november([task({ status: 'closed', deadline: d(11, 14), completed: d(11, 16) })]);
    expect(unitOf(s, '市城管局').closedOnTime).toBe(1);
  });

  it('does not count a task done on time but not yet verified (待验收) as closed on time', () => {
    const s = november([task({ status: 'submitted', deadline: d(11, 20), completed: d(11, 19) })]);
    const u = unitOf(s, '市城管局');
    expect([u.dueCount, u.closedOnTime, u.overdueAtEnd, u.score]).toEqual([1, 0, 0, 100]);
  });

  it('reads the completion day from the status change date when 完成日期 is blank', () => {
    const s = november([task({ status: 'closed', deadline: d(11, 20), statusChanged: d(11, 20) })]);
    expect(unitOf(s, '市城管局').closedOnTime).toBe(1);
  });

  it('gives the point in the month the task is due, not in the month it was done', () => {
    const s = november([task({ status: 'closed', deadline: d(12, 4), completed: d(11, 10) })]);
    expect(unitOf(s, '市城管局').breakdown).toEqual([]);
    // Issue 15: closed in November, so in play and ranked (it used to be listed, nothing being due).
    expect(unitOf(s, '市城管局').ranked).toBe(true);
  });
});

describe('tasks overdue at month end (月末逾期)', () => {
  it('takes 2 points for an open task past its deadline, and day points beyond 5 working days', () => {
    const s = november([task({ key: 'DB-0101', deadline: d(11, 20) })]);
    const u = unitOf(s, '市城管局');
    expect(u.overdueAtEnd).toBe(1);
    expect(u.overdueDays).toBe(6);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note])).toEqual([
      ['overdueTask', -2, '截至2026-11-30逾期未整改（整改时限2026-11-20）'],
      ['overdueDay', -0.5, '截至2026-11-30逾期6个工作日，超过5个工作日的1个工作日每个工作日扣0.5分'],
    ]);
    expect(u.score).toBe(97.5);
    expect(u.rate).toBe(0);
  });

  it('caps the day points of one task at 5', () => {
    // Due Friday 9 October: 37 working days late on 30 November (the make-up Saturday 10 October counts).
    const s = november([task({ deadline: d(10, 9) })]);
    const u = unitOf(s, '市城管局');
    expect(u.overdueDays).toBe(37);
    expect(u.breakdown.find((b) => b.rule === 'overdueDay')).toMatchObject({
      points: -5,
      note: '截至2026-11-30逾期37个工作日，超过5个工作日的32个工作日每个工作日扣0.5分，每项最多扣5分',
    });
    // Overdue since October: counted again at this month end; not due in November, but in play, so ranked (issue 15).
    expect(u.dueCount).toBe(0);
    expect(u.ranked).toBe(true);
    expect(u.score).toBe(93);
  });

  it('counts a task done after the month end as overdue at the month end', () => {
    const s = november([task({ status: 'closed', deadline: d(11, 20), completed: d(12, 2) })]);
    const u = unitOf(s, '市城管局');
    expect([u.overdueAtEnd, u.overdueDays, u.closedOnTime]).toEqual([1, 6, 0]);
  });

  it('does not count a task submitted for verification (待验收) before the month end', () => {
    const s = november([task({ status: 'submitted', deadline: d(11, 20), completed: d(11, 25) })]);
    const u = unitOf(s, '市城管局');
    expect([u.overdueAtEnd, u.overdueDays, u.score]).toEqual([0, 3, 100]);
  });

  it('counts the lateness on the completion day of a task done late within the month', () => {
    // Due Monday 2 November, done Monday the 16th: 10 working days late, 5 beyond the threshold.
    const s = november([task({ status: 'closed', deadline: d(11, 2), completed: d(11, 16) })]);
    const u = unitOf(s, '市城管局');
    expect(u.overdueAtEnd).toBe(0);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note])).toEqual([
      ['overdueDay', -2.5, '2026-11-16完成时逾期10个工作日，超过5个工作日的5个工作日每个工作日扣0.5分'],
    ]);
  });

  it('words the breakdown in the workbook’s language', () => {
    const s = november([task({ deadline: d(10, 9) })], { t: translator('en') });
    expect(unitOf(s, '市城管局').breakdown.map((b) => b.note)).toEqual([
      'Overdue as of 2026-11-30 (deadline 2026-10-09)',
      'Overdue 37 working days as of 2026-11-30; the working days beyond the first 5: 32 at 0.5 each, capped at 5 a task',
    ]);
  });

  it('counts calendar days when the settings say so', () => {
    const s = november([task({ deadline: d(11, 20) })], { countDays: 'calendar' });
    const u = unitOf(s, '市城管局');
    expect(u.overdueDays).toBe(10);
    expect(u.breakdown[1]?.note).toBe('截至2026-11-30逾期10天，超过5天的5天每天扣0.5分');
  });

  it('measures a month not ended yet as of today', () => {
    const s = november([task({ deadline: d(11, 10) })], { today: d(11, 16) });
    const u = unitOf(s, '市城管局');
    expect(s.asOf).toBe(d(11, 16));
    expect([u.overdueAtEnd, u.overdueDays]).toEqual([1, 4]);
    expect(u.breakdown[0]?.note).toBe('截至2026-11-16逾期未整改（整改时限2026-11-10）');
  });

  it('leaves paused tasks (暂缓) out', () => {
    const s = november([task({ status: 'paused', deadline: d(11, 10) })]);
    const u = unitOf(s, '市城管局');
    expect([u.dueCount, u.overdueAtEnd, u.score]).toEqual([0, 0, 100]);
  });
});

describe('notices from the log (通报批评, 约谈)', () => {
  const t1 = task({ key: 'DB-0201', deadline: d(10, 20), status: 'closed', completed: d(10, 30) });

  it('counts each notice number once, however many people it went to, by the day it was first given', () => {
    const entries = [
      entry({ number: '督办〔2026〕第3号', key: 'DB-0201', level: 'notice', day: d(11, 3) }),
      entry({ number: '督办〔2026〕第5号', key: 'DB-0201', level: 'criticism', day: d(11, 10) }),
      entry({ number: '督办〔2026〕第5号', key: 'DB-0201', level: 'criticism', day: d(11, 10), role: 'head', to: 'head@example.cn' }),
      entry({ number: '督办〔2026〕第8号', key: 'DB-0201', level: 'interview', day: d(11, 25) }),
      entry({ number: '督办〔2026〕第8号', key: 'DB-0201', level: 'interview', day: d(11, 26), role: 'leader', to: 'leader@example.cn' }),
    ];
    const s = november([t1], { entries });
    const u = unitOf(s, '市城管局');
    expect([u.notices, u.criticisms, u.interviews]).toEqual([1, 1, 1]);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note, b.source])).toEqual([
      [
        'criticism',
        -3,
        '通报批评 督办〔2026〕第5号（2026-11-10）',
        { kind: 'log', number: '督办〔2026〕第5号', row: entries[1]!.index + 1 },
      ],
      ['interview', -5, '约谈 督办〔2026〕第8号（2026-11-25）', { kind: 'log', number: '督办〔2026〕第8号', row: entries[3]!.index + 1 }],
    ]);
    expect(u.score).toBe(92);
    expect(s.summary).toMatchObject({ notices: 1, criticisms: 1, interviews: 1 });
    expect(s.named.map((n) => [n.level, n.number, n.unit, n.key, n.task])).toEqual([
      ['criticism', '督办〔2026〕第5号', '市城管局', 'DB-0201', t1.task],
      ['interview', '督办〔2026〕第8号', '市城管局', 'DB-0201', t1.task],
    ]);
  });

  it('counts only notices given in the month, and test deliveries only during a dry run', () => {
    const entries = [
      entry({ number: '督办〔2026〕第1号', key: 'DB-0201', level: 'criticism', day: d(10, 31) }),
      entry({ number: '督办〔2026〕第1号', key: 'DB-0201', level: 'criticism', day: d(11, 2), role: 'head', to: 'h@example.cn' }),
      entry({ number: '督办〔2026〕第2号', key: 'DB-0201', level: 'criticism', day: d(11, 5), outcome: 'deferred' }),
      entry({ number: '督办〔2026〕第3号', key: 'DB-0201', level: 'criticism', day: d(11, 6), outcome: 'failed' }),
      entry({ number: '督办〔2026〕第4号', key: 'DB-0201', level: 'interview', day: d(11, 9), outcome: 'test' }),
      entry({ number: '督办〔2026〕第6号', key: 'DB-0201', level: 'interview', day: d(11, 9), outcome: 'uncertain' }),
      entry({ number: '督办〔2026〕第7号', key: 'DB-0201', level: 'criticism', day: d(12, 1) }),
    ];
    const live = unitOf(november([t1], { entries }), '市城管局');
    expect([live.criticisms, live.interviews]).toEqual([0, 1]);
    const dry = unitOf(november([t1], { entries, dryRun: true }), '市城管局');
    expect([dry.criticisms, dry.interviews]).toEqual([0, 2]);
  });

  it('names a notice whose unit is not in the directory, and reports it instead of scoring a guess', () => {
    const entries = [entry({ number: '督办〔2026〕第9号', key: 'DB-0999', unit: '市文旅局', level: 'criticism', day: d(11, 12) })];
    const s = november([], { entries });
    expect(s.named).toMatchObject([{ level: 'criticism', unit: '市文旅局', key: 'DB-0999', task: '', taskRow: undefined }]);
    expect(s.problems).toEqual([
      {
        source: { kind: 'log', number: '督办〔2026〕第9号', row: entries[0]!.index + 1 },
        message: '督办〔2026〕第9号的责任单位“市文旅局”不在单位名录中，这份通知未计入任何单位的得分。',
      },
    ]);
    expect(s.units.every((u) => u.score === 100)).toBe(true);
  });
});

describe('relapses (反弹)', () => {
  const reopen = (key: string, day: number, ordinal: number, month = 11) => ({
    ...entry({ number: '', key, level: 'reopen', day: d(month, day), outcome: 'recorded' }),
    ordinal,
  });

  it('takes 3 points for each relapse the log records in the month, with the log row as its source', () => {
    const e = reopen('DB-0301', 12, 2);
    const s = november([task({ key: 'DB-0301', deadline: d(12, 20), reopenCount: 2, statusChanged: d(11, 12) })], { entries: [e] });
    const u = unitOf(s, '市城管局');
    expect(u.relapses).toBe(1);
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note, b.source])).toEqual([
      ['relapse', -3, '已销号任务反弹，2026-11-12重新打开（累计反弹2次）', { kind: 'log', number: '', row: e.index + 1 }],
    ]);
    expect(s.summary.relapses).toBe(1);
  });

  it('counts a relapse closed again within the month, not one of another month, and never a task merely sent back', () => {
    const s = november(
      [
        task({ key: 'DB-0401', deadline: d(12, 20), reopenCount: 1, statusChanged: d(10, 28) }),
        task({ key: 'DB-0402', status: 'closed', deadline: d(10, 20), completed: d(10, 19), reopenCount: 1, statusChanged: d(11, 20) }),
        task({ key: 'DB-0403', status: 'returned', deadline: d(12, 20), reopenCount: 1, statusChanged: d(11, 12) }),
      ],
      { entries: [reopen('DB-0401', 28, 1, 10), reopen('DB-0402', 12, 1), reopen('DB-0403', 3, 1, 9)] },
    );
    expect(unitOf(s, '市城管局').relapses).toBe(1);
  });
});

describe('points lost in an outside check (失分 / 扣分 column)', () => {
  it('takes the points a task row records, in the month of its deadline', () => {
    const s = november([
      task({ key: 'DB-0401', deadline: d(11, 15), status: 'closed', completed: d(11, 10), pointsLost: '扣2分' }),
      task({ key: 'DB-0402', deadline: d(12, 15), pointsLost: 4 }),
    ]);
    const u = unitOf(s, '市城管局');
    expect(u.breakdown.map((b) => [b.rule, b.points, b.note])).toEqual([
      ['closedOnTime', 1, '按期销号（2026-11-10完成，整改时限2026-11-15）'],
      ['externalLoss', -2, '测评失分“扣2分”'],
    ]);
  });

  it('weighs them by the rule, and counts a task without a deadline in the month it was first seen', () => {
    const s = november([task({ firstSeen: d(11, 3), pointsLost: 3 })], { rules: { externalLoss: 0.5 } });
    expect(unitOf(s, '市城管局').breakdown.map((b) => [b.points, b.note])).toEqual([
      [-1.5, '测评失分“3”，按0.5计入（无整改时限，计入纳入督办的月份）'],
    ]);
  });

  it('reports a cell it cannot read as points, located on its row', () => {
    const bad = task({ key: 'DB-0403', deadline: d(11, 15), pointsLost: '待定' });
    const s = november([bad]);
    expect(s.problems).toEqual([
      { source: { kind: 'task', key: 'DB-0403', row: bad.index + 1 }, message: '失分“待定”读不出分数，未计入。' },
    ]);
  });

  it('reads the ways people write points', () => {
    expect([2, -2, '2分', '扣2分', '资料不全扣0.5分', '无', '', '扣2分失1分', '待定'].map(readPointsLost)).toEqual([
      2,
      2,
      2,
      2,
      0.5,
      0,
      undefined,
      'bad',
      'bad',
    ]);
  });
});

describe('谁丢分谁担责: the lead unit and its co-units', () => {
  const shared = () => [
    task({ key: 'DB-0501', unit: '市城管局', coUnits: ['市住建局', '市规划局'], deadline: d(11, 20) }),
    task({ key: 'DB-0502', unit: '市城管局', coUnits: ['市住建局'], status: 'closed', deadline: d(11, 20), completed: d(11, 20) }),
  ];

  it('puts every loss on the lead unit by default', () => {
    const s = november(shared());
    expect(unitOf(s, '市城管局').score).toBe(98.5);
    expect(unitOf(s, '市住建局').breakdown).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('gives each co-unit its share of the lead’s losses, not of its gains, and reports a co-unit not in the directory', () => {
    const s = november(shared(), { rules: { coUnitShare: 0.5 } });
    expect(unitOf(s, '市城管局').score).toBe(98.5);
    const co = unitOf(s, '市住建局');
    expect(co.breakdown.map((b) => [b.rule, b.points, b.shareOf, b.note])).toEqual([
      ['overdueTask', -1, '市城管局', '配合单位分担：牵头单位市城管局因“逾期任务扣分”扣2分，按0.5分担'],
      ['overdueDay', -0.25, '市城管局', '配合单位分担：牵头单位市城管局因“逾期天数扣分”扣0.5分，按0.5分担'],
    ]);
    expect(co.score).toBe(98.75);
    // The co-unit's own figures are its own tasks': it led none.
    expect([co.dueCount, co.overdueAtEnd, co.ranked]).toEqual([0, 0, false]);
    expect(s.problems.map((p) => p.message)).toEqual(['配合单位“市规划局”不在单位名录中，没有分担这项任务的扣分。']);
  });

  it('shares the notices’ points of the task too', () => {
    const t = task({
      key: 'DB-0503',
      unit: '市城管局',
      coUnits: ['市交通局'],
      deadline: d(10, 20),
      status: 'closed',
      completed: d(10, 20),
    });
    const s = november([t], {
      rules: { coUnitShare: 1 },
      entries: [entry({ number: '督办〔2026〕第20号', key: 'DB-0503', level: 'interview', day: d(11, 4) })],
    });
    expect(unitOf(s, '市交通局').breakdown).toMatchObject([
      { rule: 'interview', points: -5, shareOf: '市城管局', source: { kind: 'log', number: '督办〔2026〕第20号' } },
    ]);
  });
});

describe('a rule set to 0', () => {
  it('costs nothing and shows no line, while the figures still count', () => {
    const s = november([task({ deadline: d(11, 20) })], { rules: { overdueTask: 0, overdueDay: 0 } });
    const u = unitOf(s, '市城管局');
    expect([u.overdueAtEnd, u.overdueDays, u.score, u.breakdown.length]).toEqual([1, 6, 100, 0]);
  });

  it('turns day points off with a cap of 0', () => {
    const s = november([task({ deadline: d(10, 9) })], { rules: { overdueDayCap: 0 } });
    expect(unitOf(s, '市城管局').breakdown.map((b) => b.rule)).toEqual(['overdueTask']);
  });

  it('starts from another base', () => {
    const s = november([], { rules: { base: 60 } });
    expect(s.units.map((u) => u.score)).toEqual([60, 60, 60, 60, 60]);
  });
});

describe('units and tasks outside the directory', () => {
  it('lists every directory unit, in directory order, even with nothing in the month', () => {
    const s = november([]);
    expect(s.units.map((u) => [u.unit, u.category, u.civilized, u.score, u.ranked, u.rate])).toEqual([
      ['市城管局', '市直部门', true, 100, false, undefined],
      ['市住建局', '市直部门', false, 100, false, undefined],
      ['市交通局', '市直部门', false, 100, false, undefined],
      ['A区', '区县', false, 100, false, undefined],
      ['市档案馆', '未分类', false, 100, false, undefined],
    ]);
  });

  it('reports a task whose lead unit is not in the directory (or has none), scoring no unit under a guessed name', () => {
    const a = task({ key: 'DB-0601', unit: '市城市管理局', deadline: d(11, 20) });
    const b = task({ key: 'DB-0602', unit: '', deadline: d(11, 20) });
    const quiet = task({ key: 'DB-0603', unit: '市城市管理局', deadline: d(12, 20) });
    const s = november([a, b, quiet]);
    expect(s.problems).toEqual([
      {
        source: { kind: 'task', key: 'DB-0601', row: a.index + 1 },
        message: '牵头单位“市城市管理局”不在单位名录中，这项任务本月的得失分未计入任何单位。',
      },
      { source: { kind: 'task', key: 'DB-0602', row: b.index + 1 }, message: '没有填写责任单位，这项任务本月的得失分未计入任何单位。' },
    ]);
    expect(s.units.every((u) => u.score === 100 && u.dueCount === 0)).toBe(true);
    // The month's figures are the whole ledger's.
    expect(s.summary).toMatchObject({ due: 2, overdueAtEnd: 2 });
  });

  it('matches a unit typed with spaces or full-width characters to its directory name', () => {
    const s = november([task({ unit: '市 城管局', deadline: d(11, 20), status: 'closed', completed: d(11, 19) })]);
    expect(unitOf(s, '市城管局').closedOnTime).toBe(1);
  });
});

describe('roundPoints', () => {
  it('shows points to hundredths without float noise', () => {
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(roundPoints(-0.125)).toBe(-0.13);
    expect(roundPoints(-0.001)).toBe(0);
  });
});

describe('the 通报 of the month (issue 14: 通报批评 is a 通报)', () => {
  const a = task({ key: 'DB-0301', deadline: d(10, 20), task: '背街小巷垃圾堆积' });
  const b = task({ key: 'DB-0302', deadline: d(10, 20), task: '公厕保洁不到位' });
  const N = 'X创城督通报〔2026〕1号';
  const event = (key: string, number: string, day: number, unit = '市城管局') =>
    entry({ number, key, unit, level: 'criticism', day: d(11, day), outcome: 'recorded', to: '' });
  const delivery = (to: string, outcome: 'sent' | 'deferred' = 'sent', day = 27) =>
    entry({ number: N, key: `§${N}`, level: 'criticism', day: d(11, day), to, outcome });

  it('costs its points once per 通报, however many recipients and tasks, and names its matters with its 文号', () => {
    const entries = [
      event('DB-0301', N, 27),
      event('DB-0302', N, 27),
      delivery('cgj@x.cn'),
      delivery('zjj@x.cn'),
      { ...delivery('dcs@x.cn'), role: 'cc' as const },
    ];
    const s = november([a, b], { entries });
    const u = unitOf(s, '市城管局');
    expect(u.criticisms).toBe(1);
    expect(u.breakdown.filter((x) => x.rule === 'criticism').map((x) => [x.points, x.note])).toEqual([
      [-3, '通报批评 X创城督通报〔2026〕1号（2026-11-27）'],
    ]);
    expect(s.summary.criticisms).toBe(1);
    expect(s.named.map((n) => [n.level, n.number, n.unit, n.task, n.held])).toEqual([
      ['criticism', N, '市城管局', '背街小巷垃圾堆积（DB-0301）；公厕保洁不到位（DB-0302）', false],
    ]);
  });

  it('counts a 通报 in the month it went out: one the quota held back is not counted yet', () => {
    const s = november([a, b], { entries: [event('DB-0301', N, 30), delivery('cgj@x.cn', 'deferred', 30)] });
    expect(unitOf(s, '市城管局').criticisms).toBe(0);
    expect(s.named).toEqual([]);
  });

  it('held for the bulletin (随月度通报): once per unit and day, named 随本通报, its points taken once', () => {
    const s = november([a, b], { entries: [event('DB-0301', '', 27), event('DB-0302', '', 27), event('DB-0301', '', 12, '市住建局')] });
    const u = unitOf(s, '市城管局');
    expect(u.criticisms).toBe(1);
    expect(u.breakdown.filter((x) => x.rule === 'criticism').map((x) => [x.points, x.note])).toEqual([
      [-3, '通报批评（随本月通报，2026-11-27）'],
    ]);
    expect(unitOf(s, '市住建局').criticisms).toBe(1);
    expect(s.summary.criticisms).toBe(2);
    expect(s.named.map((n) => [n.unit, n.number, n.held, n.task])).toEqual([
      ['市住建局', '', true, '背街小巷垃圾堆积（DB-0301）'],
      ['市城管局', '', true, '背街小巷垃圾堆积（DB-0301）；公厕保洁不到位（DB-0302）'],
    ]);
  });
});
