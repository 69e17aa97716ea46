import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { describeProblem } from '../../../src/core/problems/problem';
import { defaultSettings } from '../../../src/core/settings/settings';
import { decisionInputs, planSweep, type SweepInput, type SweepPlan } from '../../../src/core/sweep/sweep';

const calendar = new WorkCalendar(shippedHolidayEntries());
const t = translator('zh-CN');
const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const d = (m: number, date: number, y = 2026): Day => dayFromYmd(y, m, date);
const cellDate = (m: number, date: number, y = 2026): Date => new Date(Date.UTC(y, m - 1, date) - 8 * 3600e3);
const { units } = parseUnits([['单位名称'], ['市城管局'], ['市住建局']]);

const TITLE = ['XX市创建全国文明城市问题整改台账'];
const HEADER = ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '完成日期'];

function input(values: unknown[][], extra: Partial<SweepInput> = {}): SweepInput {
  return {
    sheet: '任务台账',
    values,
    settings: defaultSettings('zh-CN'),
    units,
    haveDirectory: true,
    calendar,
    today: d(11, 25),
    toDay,
    t,
    ...extra,
  };
}

function plan(values: unknown[][], extra: Partial<SweepInput> = {}): SweepPlan {
  const result = planSweep(input(values, extra));
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('planSweep: a sheet whose columns cannot be trusted', () => {
  it('fails with a message naming the sheet and the columns it looked for', () => {
    const result = planSweep(input([TITLE, ['序号', '问题描述', '备注'], [1, '垃圾堆积', '']]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('任务台账');
    expect(result.message).toContain('责任单位');
    expect(result.message).toContain('整改时限');
    expect(result.message).toContain('本次未着色、未发送任何通知');
    // The closest row is named, 1-based, so a person can look at it.
    expect(result.problems[0]).toMatchObject({ sheet: '任务台账', row: 2, column: 0 });
  });
});

describe('planSweep: columns the script owns', () => {
  it('adds its columns right after everything the office uses, 系统编号 always among them', () => {
    // A remark typed in column H without a header: the added columns must not overwrite it.
    const values = [TITLE, HEADER, [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '', '居民投诉']];
    const p = plan(values);
    expect(p.addHeaders.map((h) => [h.column, h.text])).toEqual([
      [8, '督办状态'],
      [9, '认定时限'],
      [10, '逾期天数'],
      [11, '督办次数'],
      [12, '最近督办'],
      [13, '督办级别'],
      [14, '反弹次数'],
      [15, '状态变更日期'],
      [16, '纳入督办日期'],
      [17, '系统提示'],
      [18, '系统编号'],
    ]);
    expect(p.keyColumn).toBe(18);
    expect(p.columns.state).toBe(8);
  });

  it('knows its columns by their mark, and adds only those it has not marked', () => {
    const values = [TITLE, [...HEADER, '督办状态', '系统提示'], [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '', '']];
    const p = plan(values, { scriptColumns: { state: 6, systemNote: 7 } });
    expect(p.addHeaders.map((h) => h.text)).toEqual([
      '认定时限',
      '逾期天数',
      '督办次数',
      '最近督办',
      '督办级别',
      '反弹次数',
      '状态变更日期',
      '纳入督办日期',
      '系统编号',
    ]);
    expect(p.addHeaders[0]!.column).toBe(8);
    expect(p.columns.state).toBe(6);
    expect(p.columns.systemNote).toBe(7);
  });

  it('leaves an office column named like its own to the office, adds its own beside it, and says which is which', () => {
    const values = [
      TITLE,
      [...HEADER, '逾期天数', 'State'],
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '=SUM(1,2)', 'mine'],
    ];
    const p = plan(values);
    expect(p.columns.daysOverdue).toBe(10);
    expect(p.columns.state).toBe(8);
    expect(p.rows[0]!.script.daysOverdue).toBe(3);
    const notes = p.problems.filter((x) => x.row === 2).map((x) => describeProblem(x, t));
    expect(notes).toContain(
      '《任务台账》G2 (逾期天数): G列“逾期天数”与督办台账的列同名，但它是贵单位自己的列：督办台账不读也不改它，自己的“逾期天数”在 K 列。',
    );
    expect(notes.some((n) => n.startsWith('《任务台账》H2 (State)'))).toBe(true);
  });

  it('puts its columns after a merge that reaches past the last header (备注 merged G:I)', () => {
    const values = [TITLE, [...HEADER, '备注'], [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '见附件']];
    const p = plan(values, { merges: [{ row: 2, column: 6, numRows: 1, numColumns: 3 }] });
    expect(p.columns.state).toBe(9);
  });
});

describe('planSweep: keys', () => {
  const values = [
    TITLE,
    [...HEADER, '督办状态', '系统编号'],
    [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '', ''],
    [2, '占道经营', '市住建局', cellDate(12, 31), '整改中', '', '', 'DB-0007'],
    [3, '公益广告破损', '市住建局', cellDate(12, 31), '整改中', '', '', ''],
  ];
  const marks = { scriptColumns: { state: 6, taskId: 7 } };

  it('gives each keyless task a new key after the highest in its own column, and keeps the others', () => {
    const p = plan(values, marks);
    expect(p.keyColumn).toBe(7);
    expect(p.rows.map((r) => [r.key, r.newKey, r.script.taskId])).toEqual([
      ['', 'DB-0008', 'DB-0008'],
      ['DB-0007', undefined, undefined],
      ['', 'DB-0009', 'DB-0009'],
    ]);
  });

  it('leaves keys alone when asked not to assign them (the edit trigger)', () => {
    const p = plan(values, { ...marks, assignKeys: false });
    expect(p.rows.map((r) => r.newKey)).toEqual([undefined, undefined, undefined]);
    expect(p.rows.every((r) => r.script.taskId === undefined)).toBe(true);
  });

  it("never writes into the office's own ID column, even an empty cell or a duplicate", () => {
    const own = [
      TITLE,
      ['编号', '问题描述', '责任单位', '整改时限', '整改状态'],
      ['1', '垃圾堆积', '市城管局', cellDate(11, 20), '整改中'],
      ['1', '占道经营', '市住建局', cellDate(12, 31), '整改中'],
      ['', '乱停车', '市住建局', cellDate(12, 31), '整改中'],
    ];
    const p = plan(own);
    expect(p.rows.every((r) => r.fill.length === 0)).toBe(true);
    expect(p.rows.map((r) => r.script.taskId)).toEqual(['DB-0001', 'DB-0002', 'DB-0003']);
    // The office is told of its duplicate IDs, and that the script's keys do not depend on them.
    expect(p.problems.map((x) => x.message)).toContain('编号列有重复（1）；督办台账以“系统编号”列识别任务，不受影响');
  });

  it('gives a copied row (same key twice) a key of its own', () => {
    const copied = [
      TITLE,
      [...HEADER, '系统编号'],
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0001'],
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0001'],
    ];
    const p = plan(copied, { scriptColumns: { taskId: 6 } });
    expect(p.rows.map((r) => [r.key, r.newKey])).toEqual([
      ['DB-0001', undefined],
      ['DB-0001', 'DB-0002'],
    ]);
  });

  it('fills the completion date of a task just closed, but never over a formula showing ""', () => {
    const withState = [
      TITLE,
      [...HEADER, '督办状态'],
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '已销号', '', '逾期'],
      [2, '占道经营', '市城管局', cellDate(11, 20), '已销号', '', '逾期'],
    ];
    const formulas = [[], [], [], ['', '', '', '', '', '=IF(E4="已销号",TODAY(),"")']];
    const p = plan(withState, { scriptColumns: { state: 6 }, formulas });
    expect(p.rows[0]!.fill).toEqual([{ column: 5, value: { day: d(11, 25) } }]);
    expect(p.rows[0]!.script.statusChanged).toEqual({ day: d(11, 25) });
    expect(p.rows[1]!.fill).toEqual([]);
  });
});

describe('planSweep: what it writes for each task', () => {
  const values = [
    TITLE,
    HEADER,
    [1, '背街小巷垃圾堆积', '市城管局', cellDate(11, 20), '整改中', ''],
    [2, '农贸市场占道经营', '不存在的局', '尽快', '未开始', ''],
    [3, '公益广告破损', '市住建局', '长期坚持', '已销号', ''],
  ];

  it('writes the state word, days overdue and notes by row', () => {
    const p = plan(values);
    const [a, b, c] = p.rows;
    expect(a!.script).toMatchObject({ state: '逾期', daysOverdue: 3, reopens: '', statusChanged: '', systemNote: '' });
    expect(b!.script).toMatchObject({ state: '待核实', daysOverdue: '' });
    expect(b!.script.systemNote).toBe(
      '责任单位“不存在的局”不在《责任单位》名录中；无法识别的整改时限“尽快”，请改为日期（如 2026-12-31）或“长期坚持”',
    );
    expect(c!.script).toMatchObject({ state: '已销号', daysOverdue: '' });
    expect(p.counts).toMatchObject({ tasks: 3, overdue: 1, invalid: 1, closed: 1, rowsRead: 3 });
    expect(p.problems.map((x) => [x.row, x.header])).toEqual([
      [4, '责任单位'],
      [4, '整改时限'],
    ]);
  });

  it('gives each keyless task a new key in the script column', () => {
    const p = plan(values);
    expect(p.rows.map((r) => r.newKey)).toEqual(['DB-0001', 'DB-0002', 'DB-0003']);
    expect(p.rows.map((r) => r.script.taskId)).toEqual(['DB-0001', 'DB-0002', 'DB-0003']);
    expect(p.rows.every((r) => r.fill.length === 0)).toBe(true);
  });
});

describe('planSweep: rows that stopped being tasks', () => {
  it('clears the state, days and note of a row whose task was deleted, and nothing else', () => {
    const header = [...HEADER, '督办状态', '逾期天数', '系统提示', '督办次数', '系统编号', '合计'];
    const values = [
      TITLE,
      header,
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '逾期', 3, '', 1, 'DB-0001'],
      ['', '', '', '', '', '', '逾期', 5, '未填写任务内容', 2, 'DB-0002'],
      ['', '', '', '', '', '', '', '', '', '', ''],
      ['合计', '', '', '', '', '', '', 8, '', '', ''],
    ];
    // The totals row's =SUM under 逾期天数 is the office's: never cleared.
    const formulas = [[], [], [], [], [], ['', '', '', '', '', '', '', '=SUM(H3:H5)']];
    const p = plan(values, { scriptColumns: { state: 6, daysOverdue: 7, systemNote: 8, noticeCount: 9, taskId: 10 }, formulas });
    const cleared = p.rows.filter((r) => r.index === 3);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.key).toBe('DB-0002');
    expect(cleared[0]!.script).toEqual({ state: '', daysOverdue: '', systemNote: '' });
    // An already clean blank row needs no write, and a totals row is the office's.
    expect(p.rows.some((r) => r.index === 4 || r.index === 5)).toBe(false);
    expect(p.counts.tasks).toBe(1);
  });
});

describe('planSweep: only some rows (the edit trigger)', () => {
  it('evaluates and writes only the rows asked for', () => {
    const values = [
      TITLE,
      [...HEADER, '督办状态', '系统编号'],
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '逾期', 'DB-0001'],
      [2, '占道经营', '市住建局', cellDate(11, 20), '已销号', '', '逾期', 'DB-0002'],
      ['', '', '', '', '', '', '逾期', 'DB-0003'],
    ];
    const p = plan(values, { onlyRows: new Set([3]), statusEdited: true, scriptColumns: { state: 6, taskId: 7 } });
    expect(p.rows.map((r) => [r.index, r.key, r.script.state])).toEqual([[3, 'DB-0002', '已销号']]);
    expect(p.counts.tasks).toBe(1);
  });
});

describe("describeProblem: a plan's problems as lines a person can act on", () => {
  it('names the sheet, the cell and its header', () => {
    const values = [TITLE, HEADER, [1, '农贸市场占道经营', '市城管局', '尽快', '未开始', '']];
    const [problem] = plan(values).problems;
    expect(describeProblem(problem!, t)).toBe(
      '《任务台账》D3 (整改时限): 无法识别的整改时限“尽快”，请改为日期（如 2026-12-31）或“长期坚持”',
    );
  });

  it('names a whole row or the whole sheet when there is no cell to point at', () => {
    expect(describeProblem({ sheet: '任务台账', row: 7, column: 0, message: '第7行有问题' }, t)).toBe('《任务台账》第7行: 第7行有问题');
    expect(describeProblem({ sheet: '任务台账', row: 0, column: 0, message: '表头缺失' }, t)).toBe('《任务台账》: 表头缺失');
    expect(describeProblem({ sheet: 'Tasks', row: 3, column: 28, header: 'Deadline', message: 'bad' }, translator('en'))).toBe(
      'sheet "Tasks" AB3 (Deadline): bad',
    );
  });
});

describe('planSweep: a merged 责任单位 belongs to every row it covers', () => {
  it("reads the unit of the merge's top row on the rows below it", () => {
    const values = [
      TITLE,
      HEADER,
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', ''],
      [2, '占道经营', '', cellDate(11, 20), '整改中', ''],
      [3, '乱停车', '', cellDate(11, 20), '整改中', ''],
    ];
    const p = plan(values, { merges: [{ row: 2, column: 2, numRows: 3, numColumns: 1 }] });
    expect(p.tasks.map((task) => task.units)).toEqual([['市城管局'], ['市城管局'], ['市城管局']]);
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => r.script.state)).toEqual(['逾期', '逾期', '逾期']);
    // Without the merge, the blank unit is a problem on its row.
    expect(plan(values).problems.map((x) => [x.row, x.message])).toEqual([
      [4, '未填写责任单位'],
      [5, '未填写责任单位'],
    ]);
  });
});

describe('planSweep: a deadline does not move with the calendar', () => {
  const header = [...HEADER, '纳入督办日期'];
  const marks = { scriptColumns: { firstSeen: 6 } };

  it('reads 12月15日 in the year the row was first seen, and shows the date it was read as', () => {
    const row = [1, '垃圾堆积', '市城管局', '12月15日', '整改中', ''];
    // First seen on 2026-12-01: still 2026-12-15 on 2027-01-05, 14 working days late.
    const later = plan([TITLE, header, [...row, cellDate(12, 1)]], { ...marks, today: d(1, 5, 2027) });
    expect(later.rows[0]!.script).toMatchObject({ state: '逾期', dueAsRead: { day: d(12, 15) }, firstSeen: { day: d(12, 1) } });
    expect(later.rows[0]!.script.daysOverdue).toBe(14);
    // Never seen before: today becomes the first-seen day.
    const first = plan([TITLE, header, [...row, '']], { ...marks, today: d(12, 1) });
    expect(first.rows[0]!.script).toMatchObject({ state: '未到期', dueAsRead: { day: d(12, 15) }, firstSeen: { day: d(12, 1) } });
  });

  it('reads 立即整改 without an issue date as due on the day the row was first seen, not every day', () => {
    const row = [1, '垃圾堆积', '市城管局', '立即整改', '整改中', '', cellDate(11, 20)];
    const p = plan([TITLE, header, row], { ...marks, today: d(11, 25) });
    expect(p.rows[0]!.script).toMatchObject({ state: '逾期', dueAsRead: { day: d(11, 20) }, daysOverdue: 3 });
  });
});

describe('planSweep: what a decision was made from', () => {
  it("records the row's inputs, so the write can skip a row a person changed meanwhile", () => {
    const values = [TITLE, HEADER, [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '']];
    const p = plan(values);
    const changed = [1, '垃圾堆积', '市城管局', cellDate(11, 20), '已销号', ''];
    expect(decisionInputs(values[2]!, p.columns)).toBe(p.rows[0]!.inputs);
    expect(decisionInputs(changed, p.columns)).not.toBe(p.rows[0]!.inputs);
  });
});
