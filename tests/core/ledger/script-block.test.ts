import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { SCRIPT_FIELDS as ALL_SCRIPT_FIELDS, LATER_FIELDS } from '../../../src/core/ledger/columns';
import { type LedgerInput, readLedger } from '../../../src/core/ledger/ledger';
import { findScriptBlock } from '../../../src/core/ledger/script-block';
import { defaultSettings } from '../../../src/core/settings/settings';

const zh = translator('zh-CN');
/** Duban's headers in Duban's order, as setup writes them (the reply columns only once replies come: issue 16). */
const SCRIPT_FIELDS = ALL_SCRIPT_FIELDS.filter((f) => !LATER_FIELDS.includes(f));
const DUBAN = SCRIPT_FIELDS.map((f) => zh(`col.${f === 'reopens' ? 'reopenCount' : f}`));
const OFFICE = ['序号', '问题描述', '责任单位', '整改时限', '整改状态'];

/** The fields found, by 0-based column. */
function found(headers: string[], opts?: { protectedColumns?: Set<number> }): Record<number, string> | undefined {
  const block = findScriptBlock([headers], opts);
  return block && Object.fromEntries(block.columns.map((a) => [a.column, a.field]));
}

function without(headers: readonly string[], ...texts: string[]): string[] {
  return headers.filter((h) => !texts.includes(h));
}

describe("Duban's block found by its run of headers when its marks are gone", () => {
  it('takes the whole run after the office’s columns', () => {
    expect(DUBAN).toEqual([
      '督办状态',
      '认定时限',
      '逾期天数',
      '督办次数',
      '最近督办',
      '督办级别',
      '反弹次数',
      '状态变更日期',
      '纳入督办日期',
      '系统提示',
      '系统编号',
    ]);
    const block = findScriptBlock([['台账'], ['', '', '', '', '', '逾期', '临期', '待验收', '已销号'], [...OFFICE, ...DUBAN]]);
    expect(block?.row).toBe(2);
    expect(block?.columns).toEqual(SCRIPT_FIELDS.map((field, i) => ({ column: 5 + i, field })));
  });

  it('takes it in English, and whatever the office’s columns are called', () => {
    const en = translator('en');
    const english = SCRIPT_FIELDS.map((f) => en(`col.${f === 'reopens' ? 'reopenCount' : f}`));
    expect(Object.values(found(['Task', 'Unit', 'Due', 'Status', ...english]) ?? {})).toEqual(SCRIPT_FIELDS);
  });

  it('leaves an office column named like one of Duban’s, standing alone, to the office', () => {
    expect(found([...OFFICE, '逾期天数'])).toBeUndefined();
    expect(found(['督办状态', ...OFFICE])).toBeUndefined();
    // A few of Duban's names side by side are not its block either.
    expect(found([...OFFICE, '督办状态', '逾期天数', '督办次数', '最近督办', '督办级别'])).toBeUndefined();
  });

  it('allows a person to have deleted one or two of Duban’s columns, not three', () => {
    expect(Object.values(found([...OFFICE, ...without(DUBAN, '认定时限')]) ?? {})).toHaveLength(10);
    expect(Object.values(found([...OFFICE, ...without(DUBAN, '认定时限', '反弹次数')]) ?? {})).toHaveLength(9);
    expect(found([...OFFICE, ...without(DUBAN, '认定时限', '反弹次数', '系统提示')])).toBeUndefined();
  });

  it('allows one or two of Duban’s columns moved within its run: each is still Duban’s', () => {
    // 系统提示 dragged to the front of the run, 督办状态 to its end.
    const moved = ['系统提示', ...without(DUBAN, '系统提示', '督办状态'), '督办状态'];
    expect(Object.values(found([...OFFICE, ...moved]) ?? {}).sort()).toEqual([...SCRIPT_FIELDS].sort());
    // Three moved is no longer Duban's order.
    const three = ['系统提示', '督办级别', ...without(DUBAN, '系统提示', '督办状态', '督办级别'), '督办状态'];
    expect(found([...OFFICE, ...three])).toBeUndefined();
  });

  it('leaves a column moved far out of the run to the office, and the rest is still Duban’s', () => {
    const headers = ['系统提示', ...OFFICE, ...without(DUBAN, '系统提示')];
    const block = found(headers);
    expect(block?.[0]).toBeUndefined();
    expect(Object.values(block ?? {})).toEqual(SCRIPT_FIELDS.filter((f) => f !== 'systemNote'));
  });

  it('allows an office column or a blank header inside the run, and never takes it', () => {
    const inserted = [...DUBAN.slice(0, 4), '联系人', ...DUBAN.slice(4)];
    const block = found([...OFFICE, ...inserted]);
    expect(block?.[9]).toBeUndefined();
    expect(Object.values(block ?? {})).toEqual(SCRIPT_FIELDS);
    expect(Object.values(found([...OFFICE, ...DUBAN.slice(0, 4), '', ...DUBAN.slice(4)]) ?? {})).toEqual(SCRIPT_FIELDS);
    // Two office columns inserted and one of Duban's deleted: three edits, no longer Duban's run.
    expect(found([...OFFICE, ...DUBAN.slice(0, 3), '联系人', '电话', ...DUBAN.slice(4)])).toBeUndefined();
  });

  it('takes an older block whose two later columns Duban appended at the end', () => {
    const old = [...without(DUBAN, '认定时限', '纳入督办日期'), '认定时限', '纳入督办日期'];
    expect(Object.values(found([...OFFICE, ...old]) ?? {}).sort()).toEqual([...SCRIPT_FIELDS].sort());
  });

  it('takes one block, the first, when the same run appears twice; an office 逾期天数 elsewhere stays the office’s', () => {
    const block = found(['逾期天数', ...OFFICE, ...DUBAN, ...DUBAN]);
    expect(Object.keys(block ?? {}).map(Number)).toEqual(DUBAN.map((_, i) => 6 + i));
  });

  it('takes the columns under Duban’s own protection that carry its names (a ledger set up before marks)', () => {
    const headers = ['问题描述', '责任单位', '整改时限', '整改状态', '逾期天数', '督办状态', '逾期天数', '系统编号', '备注'];
    expect(found(headers, { protectedColumns: new Set([5, 6, 7, 8]) })).toEqual({ 5: 'state', 6: 'daysOverdue', 7: 'taskId' });
    expect(found(headers)).toBeUndefined();
  });
});

const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number): Date => new Date(Date.UTC(2026, m - 1, date) - 8 * 3600e3);

function read(values: unknown[][], more: Partial<LedgerInput> = {}) {
  const ledger = readLedger({
    sheet: '任务台账',
    values,
    settings: defaultSettings('zh-CN'),
    units: parseUnits([['单位名称'], ['市城管局'], ['市住建局']]).units,
    haveDirectory: true,
    calendar: new WorkCalendar(shippedHolidayEntries()),
    today: dayFromYmd(2026, 11, 25),
    toDay,
    t: zh,
    ...more,
  });
  if (!ledger.ok) throw new Error(ledger.message);
  return ledger;
}

describe('a ledger whose marks are gone, read', () => {
  const overdue = (count: number | string) => [
    1,
    '垃圾堆积',
    '市城管局',
    cellDate(11, 20),
    '整改中',
    '逾期',
    cellDate(11, 20),
    3,
    count,
    cellDate(11, 24),
    '督办',
    '',
    '',
    cellDate(11, 1),
    '',
    'DB-0001',
  ];
  // The legend row above Duban's columns: 已销号 stands above 督办次数.
  const values = [
    ['XX市创城问题整改台账'],
    ['', '', '', '', '', '逾期', '临期', '待验收', '已销号', '待核实'],
    [...OFFICE, ...DUBAN],
    overdue(1),
  ];

  it('reads Duban’s block as Duban’s: the legend is no header, 督办次数 is no 是否销号, nothing is added', () => {
    const l = read(values);
    expect(l.headerRow).toBe(2);
    expect(l.columns.closedFlag).toBeUndefined();
    expect(l.columns.status).toBe(4);
    expect(l.columns.noticeCount).toBe(8);
    expect(l.columns.taskId).toBe(15);
    expect(l.addHeaders).toEqual([]);
    expect(l.adoption?.columns).toEqual(SCRIPT_FIELDS.map((field, i) => ({ column: 5 + i, field })));
    expect(l.tasks.map((t) => [t.key, t.state.code])).toEqual([['DB-0001', 'overdue']]);
    // No office column is said to be named like Duban's; one line says what was marked again.
    expect(l.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [
        3,
        0,
        '督办台账自己的列失去了标记（文件经过不保留“定义名称”的软件另存或导入时会这样，例如导入 Google 表格）：已按表头认出并重新标记 F 督办状态、G 认定时限、H 逾期天数、I 督办次数、J 最近督办、K 督办级别、L 反弹次数、M 状态变更日期、N 纳入督办日期、O 系统提示、P 系统编号。它们仍由督办台账维护，不会当作贵单位的列读取，也不会再添加一组新列。',
      ],
    ]);
  });

  it('adds only the column a person deleted, and says so', () => {
    const deleted = values.map((r) => r.filter((_, c) => c !== 14));
    const l = read(deleted);
    expect(l.addHeaders).toEqual([{ column: 15, field: 'systemNote', text: '系统提示' }]);
    expect(l.problems[0]?.message).toContain('、O 系统编号。');
    expect(l.problems[0]?.message).toMatch(/督办台账的列 系统提示 不在原处，已添加在最后。$/);
  });

  it('never looks for the block when the sheet has its marks', () => {
    const l = read(values, { scriptColumns: { state: 5, taskId: 15 } });
    expect(l.adoption).toBeUndefined();
    expect(l.problems.some((p) => p.message.includes('失去了标记'))).toBe(false);
  });
});
