import { describe, expect, it } from 'vitest';
import { duplicateIds, nextKeys } from '../../../src/core/ledger/keys';

describe('duplicateIds', () => {
  it('lists the office IDs that stand on more than one task row', () => {
    const values = [
      ['编号', '问题描述'],
      ['A1', '垃圾堆积'],
      ['A2', '占道经营'],
      ['A1', '乱停车'],
      ['A3', ''],
    ];
    expect(duplicateIds(values, 0, ['task', 'task', 'task', 'task'], 0)).toEqual(['A1']);
  });

  it("does not count a section heading's number as a duplicate", () => {
    const values = [
      ['编号', '问题描述'],
      ['一', '一、环境卫生类'],
      ['一', '垃圾堆积'],
    ];
    expect(duplicateIds(values, 0, ['section', 'task'], 0)).toEqual([]);
  });
});

describe('nextKeys', () => {
  it('starts at DB-0001 in an empty column', () => {
    expect(nextKeys([['系统编号'], [''], ['']], 0, 0, 2)).toEqual(['DB-0001', 'DB-0002']);
  });

  it('numbers after the highest key already there, whatever the order', () => {
    const values = [['标题'], ['系统编号'], ['DB-0003'], ['DB-0012'], ['DB-0007'], ['A-99']];
    expect(nextKeys(values, 1, 0, 3)).toEqual(['DB-0013', 'DB-0014', 'DB-0015']);
  });

  it('keeps counting past four digits', () => {
    expect(nextKeys([['系统编号'], ['DB-9999']], 0, 0, 1)).toEqual(['DB-10000']);
  });

  it('gives nothing when nothing is asked', () => {
    expect(nextKeys([['系统编号'], ['DB-0001']], 0, 0, 0)).toEqual([]);
  });
});
