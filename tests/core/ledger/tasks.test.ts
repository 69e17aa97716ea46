import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { type Columns, type LedgerContext, readTask, readTasks, type TaskRow } from '../../../src/core/ledger/tasks';

const calendar = new WorkCalendar(shippedHolidayEntries());
const t = translator('zh-CN');
const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const d = (m: number, date: number, y = 2026): Day => dayFromYmd(y, m, date);
/** A date cell as getValues() hands it out: midnight in Shanghai. */
const cellDate = (m: number, date: number, y = 2026): Date => new Date(Date.UTC(y, m - 1, date) - 8 * 3600e3);

const HEADERS = [
  '任务内容',
  '责任单位',
  '整改时限',
  '整改状态',
  '交办日期',
  '完成日期',
  '延期至',
  '延期审批',
  '督办状态',
  '反弹次数',
  '状态变更日期',
  '系统编号',
];
const COLUMNS: Columns = {
  task: 0,
  unit: 1,
  deadline: 2,
  status: 3,
  issued: 4,
  completed: 5,
  extendedTo: 6,
  extensionApproved: 7,
  state: 8,
  reopens: 9,
  statusChanged: 10,
  taskId: 11,
};
const { units } = parseUnits([['单位名称'], ['市城管局'], ['市住建局'], ['市公安局交警支队']]);

interface RowCells {
  task?: unknown;
  unit?: unknown;
  deadline?: unknown;
  status?: unknown;
  issued?: unknown;
  completed?: unknown;
  extendedTo?: unknown;
  extensionApproved?: unknown;
  state?: unknown;
  reopens?: unknown;
  statusChanged?: unknown;
  key?: unknown;
}

function row(cells: RowCells): unknown[] {
  return [
    cells.task ?? '背街小巷垃圾堆积',
    cells.unit ?? '市城管局',
    cells.deadline ?? cellDate(11, 20),
    cells.status ?? '整改中',
    cells.issued ?? '',
    cells.completed ?? '',
    cells.extendedTo ?? '',
    cells.extensionApproved ?? '',
    cells.state ?? '',
    cells.reopens ?? '',
    cells.statusChanged ?? '',
    cells.key ?? 'DB-0001',
  ];
}

function ctx(extra: Partial<LedgerContext> = {}): LedgerContext {
  return {
    sheet: '任务台账',
    today: d(11, 25),
    toDay,
    calendar,
    units,
    haveDirectory: true,
    closedStatuses: ['已销号'],
    dueSoonDays: 3,
    countDays: 'working',
    t,
    headers: HEADERS,
    keyColumn: 11,
    ...extra,
  };
}

/** The row as row 3 of a sheet (header on row 1, a title above it). */
function read(cells: RowCells, extra: Partial<LedgerContext> = {}, columns: Columns = COLUMNS): TaskRow {
  return readTask([['某市创城问题整改台账'], HEADERS, row(cells)], 2, columns, ctx(extra));
}

describe('readTask: what a clean row says', () => {
  it('reads an overdue task with its key, units and no notes', () => {
    const task = read({ unit: '市城管局、市住建局' });
    expect(task.key).toBe('DB-0001');
    expect(task.task).toBe('背街小巷垃圾堆积');
    expect(task.units).toEqual(['市城管局', '市住建局']);
    expect(task.state).toEqual({ code: 'overdue', daysOverdue: 3 });
    expect(task.notes).toEqual([]);
    expect(task.problems).toEqual([]);
  });

  it('reads 问题来源 and 整改要求 when the ledger has them, and leaves them out when it does not (issue 14)', () => {
    const headers = [...HEADERS, '问题来源', '具体整改要求'];
    const columns: Columns = { ...COLUMNS, source: 12, requirement: 13 };
    const values = [['某市创城问题整改台账'], headers, [...row({}), '省测评暗访', '三日内清理完毕，建立长效保洁机制']];
    const task = readTask(values, 2, columns, ctx({ headers }));
    expect([task.source, task.requirement]).toEqual(['省测评暗访', '三日内清理完毕，建立长效保洁机制']);
    expect('source' in read({}) || 'requirement' in read({})).toBe(false);
  });
});

describe('readTask: problems a person must fix', () => {
  it('names a unit missing from the directory, located at its cell', () => {
    const task = read({ unit: '市城管局、不存在的局' });
    expect(task.notes).toEqual(['责任单位“不存在的局”不在《责任单位》名录中']);
    expect(task.problems).toEqual([
      { sheet: '任务台账', row: 3, column: 2, header: '责任单位', message: '责任单位“不存在的局”不在《责任单位》名录中' },
    ]);
  });

  it('does not complain about units when there is no directory at all', () => {
    expect(read({ unit: '不存在的局' }, { haveDirectory: false, units: [] }).notes).toEqual([]);
  });

  it('flags a row with no unit and a row with no task text', () => {
    expect(read({ unit: '' }).notes).toEqual(['未填写责任单位']);
    const noTask = read({ task: '' });
    expect(noTask.notes).toEqual(['未填写任务内容']);
    expect(noTask.problems[0]).toMatchObject({ row: 3, column: 1, header: '任务内容' });
  });

  it('flags a status nobody can read, quoting it', () => {
    const task = read({ status: '差不多了' });
    expect(task.status).toBe('unknown');
    expect(task.state.code).toBe('invalid');
    expect(task.notes).toEqual(['无法识别的状态“差不多了”：暂按待核实处理，不发督办；请改为已销号、整改中等状态']);
  });

  it('flags a missing or unreadable deadline on an open task and marks it to be checked', () => {
    const none = read({ deadline: '' });
    expect(none.notes).toEqual(['未填写整改时限']);
    expect(none.state.code).toBe('invalid');
    const bad = read({ deadline: '尽快' });
    expect(bad.notes).toEqual(['无法识别的整改时限“尽快”，请改为日期（如 2026-12-31）或“长期坚持”']);
    expect(bad.state.code).toBe('invalid');
    expect(bad.problems[0]).toMatchObject({ row: 3, column: 3, header: '整改时限' });
  });

  it('does not flag the deadline of a closed or paused task', () => {
    for (const status of ['已销号', '暂缓']) {
      expect(read({ deadline: '', status }).notes).toEqual([]);
      expect(read({ deadline: '尽快', status }).notes).toEqual([]);
    }
    expect(read({ deadline: '', status: '已销号' }).state.code).toBe('closed');
  });

  it('counts every relative deadline without an issue date from the day the row was first seen, and says so (issue 13, case 10)', () => {
    // 纳入督办日期 Monday 16 November 2026, kept in the script's column; today Wednesday 25 November.
    const seen = (deadline: string): TaskRow =>
      readTask(
        [['某市创城问题整改台账'], [...HEADERS, '纳入督办日期'], [...row({ deadline }), cellDate(11, 16)]],
        2,
        { ...COLUMNS, firstSeen: 12 },
        ctx(),
      );
    const read3 = seen('3个工作日内');
    expect(read3.firstSeen).toBe(d(11, 16));
    expect(read3.effectiveDeadline).toBe(d(11, 19));
    expect(read3.state).toEqual({ code: 'overdue', daysOverdue: 4 });
    expect(read3.notes).toEqual(['整改时限“3个工作日内”未填交办日期，自纳入督办日期 2026-11-16 起算']);
    expect(read3.problems).toEqual([]);
    expect(['15日内', '立即整改', '即知即改', '本月底前'].map((text) => seen(text).effectiveDeadline)).toEqual([
      d(12, 1),
      d(11, 16),
      d(11, 16),
      d(11, 30),
    ]);
    // First seen today: counted from today, which the sweep then keeps as 纳入督办日期.
    expect(read({ deadline: '3个工作日内' }).effectiveDeadline).toBe(d(11, 30));
    // With an issue date, the issue date counts, and there is nothing to say.
    expect(read({ deadline: '3个工作日内', issued: cellDate(11, 2) }).notes).toEqual([]);
  });

  it('computes a relative deadline across the National Day holiday from the issue date', () => {
    // Issued Tue 09-29: 09-30, 10-08, 10-09 are the three working days.
    const task = read({ deadline: '3个工作日内', issued: cellDate(9, 29) }, { today: d(10, 9) });
    expect(task.effectiveDeadline).toBe(d(10, 9));
    expect(task.state.code).toBe('dueSoon');
    expect(read({ deadline: '3个工作日内', issued: cellDate(9, 29) }, { today: d(10, 10) }).state).toEqual({
      code: 'overdue',
      daysOverdue: 1,
    });
  });

  it('treats 长期坚持 as ongoing, not as a problem', () => {
    const task = read({ deadline: '长期坚持' });
    expect(task.state.code).toBe('noDeadline');
    expect(task.notes).toEqual([]);
  });
});

describe('readTask: extensions', () => {
  it('uses an approved extension for every rule', () => {
    const task = read({ extendedTo: cellDate(12, 31), extensionApproved: '同意' });
    expect(task.effectiveDeadline).toBe(d(12, 31));
    expect(task.state.code).toBe('notDue');
    expect(task.notes).toEqual([]);
    // A ticked checkbox approves too.
    expect(read({ extendedTo: '2026年12月31日', extensionApproved: true }).state.code).toBe('notDue');
  });

  it('keeps the original deadline until the extension is approved, and says so', () => {
    for (const approval of ['', '否', '不同意', '待审批']) {
      const task = read({ extendedTo: cellDate(12, 31), extensionApproved: approval });
      expect(task.effectiveDeadline).toBe(d(11, 20));
      expect(task.state).toEqual({ code: 'overdue', daysOverdue: 3 });
      expect(task.notes).toEqual(['延期未经批准，仍按原时限']);
    }
  });

  it('flags an extension that cannot be read, and keeps the original deadline', () => {
    const task = read({ extendedTo: '再等等', extensionApproved: '同意' });
    expect(task.notes).toEqual(['无法识别的延期时限“再等等”']);
    expect(task.problems[0]).toMatchObject({ column: 7, header: '延期至' });
    expect(task.state).toEqual({ code: 'overdue', daysOverdue: 3 });
  });

  it('lets an approved extension stand in for an original deadline that was never readable', () => {
    const task = read({ deadline: '尽快', extendedTo: cellDate(12, 31), extensionApproved: '已批准' });
    expect(task.state.code).toBe('notDue');
    expect(task.notes).toEqual([]);
    const ongoing = read({ deadline: '长期坚持', extendedTo: cellDate(11, 20), extensionApproved: '同意' });
    expect(ongoing.state).toEqual({ code: 'overdue', daysOverdue: 3 });
  });
});

describe('readTask: reopening', () => {
  it('counts a closed task that is open again and says so', () => {
    const task = read({ state: '已销号', status: '整改中', reopens: 1 });
    expect(task.reopenCount).toBe(2);
    expect(task.notes).toEqual(['已销号后反弹（第2次）']);
    expect(task.state.code).toBe('overdue');
    expect(read({ state: '已销号', status: '退回' }).reopenCount).toBe(1);
  });

  it('does not count a task that stays closed, or one that was never closed', () => {
    expect(read({ state: '已销号', status: '已销号', reopens: 1 }).reopenCount).toBe(1);
    expect(read({ state: '逾期', status: '整改中' }).reopenCount).toBe(0);
    expect(read({ state: '逾期', status: '整改中' }).notes).toEqual([]);
  });

  it("recognises yesterday's state word in English too", () => {
    expect(read({ state: 'Closed', status: '整改中' }).reopenCount).toBe(1);
  });
});

describe('readTask: the status-change date', () => {
  it('is today when the state changes class', () => {
    expect(read({ state: '逾期', status: '待验收', statusChanged: cellDate(11, 1) }).statusChanged).toBe(d(11, 25));
    expect(read({ state: '待验收', status: '退回', statusChanged: cellDate(11, 24) }).statusChanged).toBe(d(11, 25));
    expect(read({ state: '逾期', status: '暂缓' }).statusChanged).toBe(d(11, 25));
    expect(read({ state: '临期', status: '已销号' }).statusChanged).toBe(d(11, 25));
  });

  it('is kept when the task only moves within the open class', () => {
    // 临期 yesterday, 逾期 today: still open, no new date.
    const task = read({ state: '临期', status: '整改中', statusChanged: cellDate(11, 2) });
    expect(task.state.code).toBe('overdue');
    expect(task.statusChanged).toBe(d(11, 2));
    expect(read({ state: '未到期', status: '整改中', deadline: '尽快' }).statusChanged).toBeUndefined();
  });

  it('is not stamped the first time a row is seen, unless the task awaits verification', () => {
    expect(read({ status: '整改中' }).statusChanged).toBeUndefined();
    expect(read({ status: '已销号' }).statusChanged).toBeUndefined();
    const submitted = read({ status: '待验收' });
    expect(submitted.statusChanged).toBe(d(11, 25));
    expect(submitted.state).toEqual({ code: 'pending', daysOverdue: 3 });
  });

  it('freezes the lateness of a submitted task at the day it was submitted', () => {
    // Submitted Tue 11-24 (2 working days after Fri 11-20); weeks pass before verification.
    const task = read({ state: '待验收', status: '待验收', statusChanged: cellDate(11, 24) }, { today: d(12, 15) });
    expect(task.state).toEqual({ code: 'pending', daysOverdue: 2 });
    expect(task.statusChanged).toBe(d(11, 24));
    // The unit's own 完成日期 says when it was done.
    const dated = read({ status: '待验收', completed: cellDate(11, 23) }, { today: d(12, 15) });
    expect(dated.state).toEqual({ code: 'pending', daysOverdue: 1 });
  });

  it('dates a task awaiting verification whose date cell was cleared, so its lateness stops growing', () => {
    const monday = read({ state: '待验收', status: '待验收', statusChanged: '' }, { today: d(11, 30) });
    expect(monday.statusChanged).toBe(d(11, 30));
    expect(monday.state).toEqual({ code: 'pending', daysOverdue: 6 });
  });

  it('counts a returned task against its original deadline again', () => {
    const task = read({ state: '待验收', status: '退回', statusChanged: cellDate(11, 24) }, { today: d(12, 1) });
    // Fri 11-20 to Tue 12-01: 11-23..27, 11-30, 12-01 = 7 working days.
    expect(task.state).toEqual({ code: 'overdue', daysOverdue: 7 });
  });
});

describe('readTask: the completion date', () => {
  it('is stamped when a task the sweep knew as open is closed and the cell is empty', () => {
    expect(read({ state: '逾期', status: '已销号' }).stampCompleted).toBe(d(11, 25));
    expect(read({ state: '待验收', status: '已销号' }).stampCompleted).toBe(d(11, 25));
  });

  it('is never stamped over a date a person wrote, as a date or as text', () => {
    expect(read({ state: '逾期', status: '已销号', completed: cellDate(11, 24) }).stampCompleted).toBeUndefined();
    expect(read({ state: '逾期', status: '已销号', completed: '2026年11月24日' }).stampCompleted).toBeUndefined();
  });

  it('is not stamped on a row that was already closed, or with no 完成日期 column', () => {
    expect(read({ state: '已销号', status: '已销号' }).stampCompleted).toBeUndefined();
    const { completed: _completed, ...withoutCompleted } = COLUMNS;
    expect(read({ state: '逾期', status: '已销号' }, {}, withoutCompleted).stampCompleted).toBeUndefined();
  });

  it('on a row never seen before, is stamped only when a person just set the status', () => {
    expect(read({ status: '已销号' }).stampCompleted).toBeUndefined();
    expect(read({ status: '已销号' }, { statusEdited: true }).stampCompleted).toBe(d(11, 25));
  });

  it('reads closure from a 是否销号 column as well', () => {
    const columns: Columns = { ...COLUMNS, closedFlag: 12 };
    const values = [HEADERS, [...row({ state: '逾期', status: '' }), '是']];
    const task = readTask(values, 1, columns, ctx());
    expect(task.state.code).toBe('closed');
    expect(task.stampCompleted).toBe(d(11, 25));
  });
});

describe('readTasks', () => {
  it('reads only the rows classified as tasks', () => {
    const values = [HEADERS, ['一、市容环境类'], row({ key: 'DB-0001' }), [], row({ key: 'DB-0002', deadline: '长期坚持' })];
    const tasks = readTasks(values, 1, ['section', 'task', 'blank', 'task'], COLUMNS, ctx());
    expect(tasks.map((x) => [x.index, x.key, x.state.code])).toEqual([
      [2, 'DB-0001', 'overdue'],
      [4, 'DB-0002', 'noDeadline'],
    ]);
  });
});
