import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { indexHeader, indexRows, parseIndex } from '../../../src/core/ledger/task-index';

const toDay = (date: Date): number => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const fromDay = (day: number): Date => new Date(day * 86400e3 - 8 * 3600e3);

describe('任务索引', () => {
  it('reads back what it writes: keys, the task as typed, first seen and retired', () => {
    const header = indexHeader(translator('zh-CN'));
    expect(header).toEqual(['系统编号', '问题描述', '点位', '责任单位', '交办日期', '首次出现', '停用日期']);
    const since = dayFromYmd(2026, 11, 2);
    const values = [
      header,
      ['DB-0001', '背街小巷 垃圾堆积', '人民路', '市城管局', '2026-11-02', fromDay(since), ''],
      ['DB-0002', '公厕保洁不到位', '', '市城管局', '', fromDay(since), fromDay(since + 3)],
      ['', '一行说明'],
    ];
    const known = parseIndex(values, toDay);
    expect(known.map((k) => [k.key, k.print.task, k.retired, k.since, k.retiredOn])).toEqual([
      ['DB-0001', '背街小巷垃圾堆积', false, since, undefined],
      ['DB-0002', '公厕保洁不到位', true, since, since + 3],
    ]);
    expect(indexRows(known, fromDay)).toEqual(values.slice(1, 3));
  });
});
