import { describe, expect, it } from 'vitest';
import { WorkCalendar, shippedHolidayEntries } from '../../src/core/calendar';
import { dayFromYmd, type Day } from '../../src/core/day';
import { translator } from '../../src/core/i18n';
import { defaultSettings } from '../../src/core/settings';
import { describeProblem } from '../../src/core/problem';
import { planSweep, type SweepInput, type SweepPlan } from '../../src/core/sweep';
import { parseUnits } from '../../src/core/units';

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
  it('adds its headers right after the last used column, 系统编号 included when there is no ID column', () => {
    // A remark typed in column H without a header: the added columns must not overwrite it.
    const values = [TITLE, HEADER, [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '', '居民投诉']];
    const p = plan(values);
    expect(p.addHeaders.map((h) => [h.column, h.text])).toEqual([
      [8, '督办状态'],
      [9, '逾期天数'],
      [10, '督办次数'],
      [11, '最近督办'],
      [12, '督办级别'],
      [13, '反弹次数'],
      [14, '状态变更日期'],
      [15, '系统提示'],
      [16, '系统编号'],
    ]);
    expect(p.keyColumn).toBe(16);
    expect(p.keyIsScripts).toBe(true);
    expect(p.columns.state).toBe(8);
  });

  it('adds only the columns that are missing', () => {
    const values = [TITLE, [...HEADER, '督办状态', '系统提示'], [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '', '']];
    const p = plan(values);
    expect(p.addHeaders.map((h) => h.text)).toEqual(['逾期天数', '督办次数', '最近督办', '督办级别', '反弹次数', '状态变更日期', '系统编号']);
    expect(p.addHeaders[0]!.column).toBe(8);
    expect(p.columns.state).toBe(6);
    expect(p.columns.systemNote).toBe(7);
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

  it('numbers new keys after the highest one already in the column', () => {
    const withKeys = [TITLE, [...HEADER, '系统编号'], ...values.slice(2).map((r, i) => [...r, i === 1 ? 'DB-0007' : ''])];
    const p = plan(withKeys);
    expect(p.keyColumn).toBe(6);
    expect(p.addHeaders.some((h) => h.field === 'taskId')).toBe(false);
    expect(p.rows.map((r) => [r.key, r.newKey])).toEqual([
      ['', 'DB-0008'],
      ['DB-0007', undefined],
      ['', 'DB-0009'],
    ]);
  });

  it('leaves keys alone when asked not to assign them (the edit trigger)', () => {
    const p = plan(values, { assignKeys: false });
    expect(p.rows.map((r) => r.newKey)).toEqual([undefined, undefined, undefined]);
    expect(p.rows.every((r) => r.script.taskId === undefined)).toBe(true);
  });

  it('uses the ledger\'s own unique ID column and fills only its empty cells', () => {
    const own = [TITLE, ['编号', '问题描述', '责任单位', '整改时限', '整改状态'], ['WM-01', '垃圾堆积', '市城管局', cellDate(11, 20), '整改中'], ['', '占道经营', '市住建局', cellDate(12, 31), '整改中']];
    const p = plan(own);
    expect(p.keyColumn).toBe(0);
    expect(p.keyIsScripts).toBe(false);
    expect(p.addHeaders.some((h) => h.text === '系统编号')).toBe(false);
    expect(p.rows[0]!.key).toBe('WM-01');
    expect(p.rows[1]!.fill).toEqual([{ column: 0, value: 'DB-0001' }]);
  });

  it('does not trust an ID column with duplicates and keeps its own keys instead', () => {
    const dup = [TITLE, ['编号', '问题描述', '责任单位', '整改时限', '整改状态'], ['1', '垃圾堆积', '市城管局', cellDate(11, 20), '整改中'], ['1', '占道经营', '市住建局', cellDate(12, 31), '整改中']];
    const p = plan(dup);
    expect(p.keyIsScripts).toBe(true);
    expect(p.addHeaders.at(-1)!.text).toBe('系统编号');
    expect(p.rows.map((r) => r.script.taskId)).toEqual(['DB-0001', 'DB-0002']);
  });

  it('fills the completion date of a task just closed', () => {
    const withState = [TITLE, [...HEADER, '督办状态'], [1, '垃圾堆积', '市城管局', cellDate(11, 20), '已销号', '', '逾期']];
    const p = plan(withState);
    expect(p.rows[0]!.fill).toEqual([{ column: 5, value: { day: d(11, 25) } }]);
    expect(p.rows[0]!.script.statusChanged).toEqual({ day: d(11, 25) });
  });
});

describe('planSweep: rows that stopped being tasks', () => {
  it('clears the state, days and note of a row whose task was deleted, and nothing else', () => {
    const header = [...HEADER, '督办状态', '逾期天数', '系统提示', '督办次数', '系统编号'];
    const values = [
      TITLE,
      header,
      [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '逾期', 3, '', 1, 'DB-0001'],
      ['', '', '', '', '', '', '逾期', 5, '未填写任务内容', 2, 'DB-0002'],
      ['', '', '', '', '', '', '', '', '', '', ''],
    ];
    const p = plan(values);
    const cleared = p.rows.filter((r) => r.index === 3);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.key).toBe('DB-0002');
    expect(cleared[0]!.script).toEqual({ state: '', daysOverdue: '', systemNote: '' });
    // An already clean blank row needs no write.
    expect(p.rows.some((r) => r.index === 4)).toBe(false);
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
    const p = plan(values, { onlyRows: new Set([3]), statusEdited: true });
    expect(p.rows.map((r) => [r.index, r.key, r.script.state])).toEqual([[3, 'DB-0002', '已销号']]);
    expect(p.counts.tasks).toBe(1);
  });
});

describe('describeProblem: a plan\'s problems as lines a person can act on', () => {
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
