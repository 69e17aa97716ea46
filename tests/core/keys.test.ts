import { describe, expect, it } from 'vitest';
import { chooseKeyColumn, nextKeys } from '../../src/core/keys';
import type { RowKind } from '../../src/core/row-kind';

const HEADER = ['编号', '问题描述', '责任单位', '整改时限', '整改状态'];

describe('chooseKeyColumn', () => {
  it('uses the ledger\'s own ID column when every task has a different ID', () => {
    const values = [HEADER, ['A-01', '垃圾堆积'], ['A-02', '占道经营'], ['', '新问题']];
    const choice = chooseKeyColumn(values, 0, ['task', 'task', 'task'], { id: 0, task: 1 });
    expect(choice).toEqual({ column: 0, needsScriptColumn: false, duplicates: [] });
  });

  it('falls back to the script\'s column when IDs repeat, and says which', () => {
    const values = [HEADER, ['1', '垃圾堆积'], ['2', '占道经营'], ['1', '乱贴广告'], ['2', '积水']];
    const choice = chooseKeyColumn(values, 0, ['task', 'task', 'task', 'task'], { id: 0, task: 1 });
    expect(choice.needsScriptColumn).toBe(true);
    expect(choice.column).toBeUndefined();
    expect(choice.duplicates).toEqual(['1', '2']);
  });

  it('does not count a section heading\'s number as a duplicate', () => {
    const values = [HEADER, ['一', '市容环境类'], ['1', '垃圾堆积'], ['一', '交通秩序类']];
    const kinds: RowKind[] = ['section', 'task', 'section'];
    expect(chooseKeyColumn(values, 0, kinds, { id: 0, task: 1 }).needsScriptColumn).toBe(false);
  });

  it('keeps using the script\'s 系统编号 column once the sheet has it', () => {
    const values = [[...HEADER, '系统编号'], ['A-01', '垃圾堆积', '', '', '', 'DB-0001']];
    expect(chooseKeyColumn(values, 0, ['task'], { id: 0, task: 1, taskId: 5 })).toEqual({
      column: 5,
      needsScriptColumn: true,
      duplicates: [],
    });
  });

  it('needs the script\'s column when the ledger has no ID column (序号 is not one)', () => {
    expect(chooseKeyColumn([['序号', '问题描述'], ['1', '垃圾堆积']], 0, ['task'], { seq: 0, task: 1 }).needsScriptColumn).toBe(true);
  });
});

describe('nextKeys', () => {
  it('starts at DB-0001 in an empty column', () => {
    expect(nextKeys([['系统编号'], [''], ['']], 0, 0, 2)).toEqual(['DB-0001', 'DB-0002']);
  });

  it('numbers after the highest key below the header, whatever the order', () => {
    const values = [['DB-9999 is in the title'], ['系统编号'], ['DB-0012'], [''], [' DB-0003 '], ['DB-7'], ['WM-0100']];
    expect(nextKeys(values, 1, 0, 3)).toEqual(['DB-0013', 'DB-0014', 'DB-0015']);
  });

  it('keeps counting past 9999', () => {
    expect(nextKeys([['系统编号'], ['DB-9999']], 0, 0, 1)).toEqual(['DB-10000']);
  });

  it('gives no keys when none are needed', () => {
    expect(nextKeys([['系统编号'], ['DB-0001']], 0, 0, 0)).toEqual([]);
  });
});
