import { describe, expect, it } from 'vitest';
import type { ColumnMap } from '../../../src/core/ledger/columns';
import { classifyRow, classifyRows } from '../../../src/core/ledger/row-kind';

const COLS: ColumnMap = { seq: 0, task: 1, unit: 2, deadline: 3, status: 4, remark: 5 };

describe('classifyRow', () => {
  it('reads an ordinary task', () => {
    expect(classifyRow([1, '人民路占道经营', '市城管局', '2024-06-30', '整改中', ''], COLS)).toBe('task');
  });

  it('keeps a task without a unit as a task, for validation to flag', () => {
    expect(classifyRow([2, '背街小巷垃圾堆放', '', '', '', ''], COLS)).toBe('task');
    expect(classifyRow([3, '公厕保洁不到位', '', '2024-06-30', '', ''], COLS)).toBe('task');
  });

  it('reads blank rows, including cells holding only spaces', () => {
    expect(classifyRow([], COLS)).toBe('blank');
    expect(classifyRow(['', null, ' ', '\u3000', undefined, ''], COLS)).toBe('blank');
  });

  it('reads numbered section headings', () => {
    expect(classifyRow(['一、环境卫生类', '', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow(['（二）交通秩序', '', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow(['', '第三部分 公共文明', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow(['一', '环境卫生类', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow(['Part 2 Traffic', '', '', '', '', ''], COLS)).toBe('section');
  });

  it('reads a heading in the 序号 column without numbering as a section', () => {
    expect(classifyRow(['市容环境', '', '', '', '', ''], COLS)).toBe('section');
  });

  it('reads a short category heading after a number as a section', () => {
    expect(classifyRow([1, '市容环境类', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow(['', '窗口单位专项', '', '', '', ''], COLS)).toBe('section');
    expect(classifyRow([1, '农贸市场周边占道经营问题反复出现', '', '', '', ''], COLS)).toBe('task');
  });

  it("reads a row as blank when only the script's own cells are left", () => {
    const withScript: ColumnMap = { ...COLS, state: 6, systemNote: 7 };
    expect(classifyRow(['', '', '', '', '', '', '逾期', '未填写责任单位'], withScript)).toBe('blank');
    expect(classifyRow([1, '垃圾桶破损', '', '', '', '', '逾期', ''], withScript)).toBe('task');
  });

  it('reads a merged row with text and no unit or deadline as a section', () => {
    expect(classifyRow(['市容环境整治', '', '', '', '', ''], COLS, true)).toBe('section');
    expect(classifyRow(['', '市容环境整治', '', '', '', ''], COLS, true)).toBe('section');
  });

  it('reads a merged row copied into every cell as one merged row', () => {
    const copy = (text: string): string[] => Array.from({ length: 6 }, () => text);
    expect(classifyRow(copy('一、环境卫生类'), COLS)).toBe('section');
    expect(classifyRow(copy('市容环境'), COLS)).toBe('section');
    expect(classifyRow(copy('合计：共30项'), COLS)).toBe('totals');
    expect(classifyRow(copy('备注：每周五更新'), COLS)).toBe('note');
  });

  it('reads totals lines', () => {
    expect(classifyRow(['合计', '', '', '', '', ''], COLS)).toBe('totals');
    expect(classifyRow(['总计', '', '', '', '', 30], COLS)).toBe('totals');
    expect(classifyRow(['', '小计', '', '', '', ''], COLS)).toBe('totals');
    expect(classifyRow(['合计：共30项，已销号12项', '', '', '', '', ''], COLS, true)).toBe('totals');
    expect(classifyRow(['Total', '', '', '', '', ''], COLS)).toBe('totals');
  });

  it('keeps a task whose text begins like a total', () => {
    expect(classifyRow([7, '总计划未报送', '市发改委', '2024-06-30', '', ''], COLS)).toBe('task');
  });

  it('reads footers and notes', () => {
    expect(classifyRow(['备注：本表每周五更新', '', '', '', '', ''], COLS)).toBe('note');
    expect(classifyRow(['注：时限以交办单为准', '', '', '', '', ''], COLS, true)).toBe('note');
    expect(classifyRow(['填报说明：1.请如实填写', '', '', '', '', ''], COLS)).toBe('note');
    expect(classifyRow(['填表人：张三', '', '审核人：李四', '', '', ''], COLS)).toBe('note');
    expect(classifyRow(['Note: updated weekly', '', '', '', '', ''], COLS)).toBe('note');
  });

  it('does not read a task mentioning 说明 as a note when it has a unit', () => {
    expect(classifyRow(['', '说明：公示栏未更新', '市文明办', '2024-06-30', '', ''], COLS)).toBe('task');
  });
});

describe('classifyRows', () => {
  it('classifies every row after the header, using merged rows', () => {
    const values = [
      ['xx市创城问题整改台账'],
      ['序号', '问题描述', '责任单位', '整改时限', '状态', '备注'],
      ['环境卫生', '', '', '', '', ''],
      [1, '垃圾桶破损', '市城管局', '2024-06-30', '', ''],
      [],
      ['合计', '', '', '', '', ''],
      ['填表人：王五'],
    ];
    expect(classifyRows(values, 1, COLS, new Set([2]))).toEqual(['section', 'task', 'blank', 'totals', 'note']);
  });

  it('reads a header repeated for printing as a heading, not a task', () => {
    const header = ['序号', '问题描述', '责任单位', '整改时限', '状态', '备注'];
    const values = [
      header,
      [1, '垃圾桶破损', '市城管局', '2024-06-30', '', ''],
      ['序号', '问题描述', '责任单位', '整改\n时限', '状态', ''],
    ];
    expect(classifyRows(values, 0, COLS)).toEqual(['task', 'section']);
  });

  it('returns nothing for a sheet that ends at its header', () => {
    expect(classifyRows([['任务', '责任单位']], 0, COLS)).toEqual([]);
  });
});

describe('classifyRow: a heading merged across the row', () => {
  it('is a section even when its text stands in the unit column', () => {
    const columns = { unit: 0, task: 1, deadline: 2 };
    expect(classifyRow(['第四部分 公共设施', '', ''], columns, true)).toBe('section');
    // Not merged: a unit with no task text is a task with a gap, flagged on its row.
    expect(classifyRow(['市城管局', '', ''], columns, false)).toBe('task');
  });
});
