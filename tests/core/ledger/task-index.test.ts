import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { indexHeader, indexRows, parseIndex, withLadders } from '../../../src/core/ledger/task-index';

const toDay = (date: Date): number => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const fromDay = (day: number): Date => new Date(day * 86400e3 - 8 * 3600e3);

describe('任务索引', () => {
  it('reads back what it writes: keys, the task as typed, first seen and retired', () => {
    const header = indexHeader(translator('zh-CN'));
    // Issue 13 (seed): each key's ladder is kept too, the log's recovery's second source.
    expect(header).toEqual([
      '系统编号',
      '问题描述',
      '点位',
      '责任单位',
      '交办日期',
      '首次出现',
      '停用日期',
      '督办次数',
      '最近督办',
      '认定时限',
      '督办级别',
    ]);
    const since = dayFromYmd(2026, 11, 2);
    const values = [
      header,
      [
        'DB-0001',
        '背街小巷 垃圾堆积',
        '人民路',
        '市城管局',
        '2026-11-02',
        fromDay(since),
        '',
        2,
        fromDay(since + 5),
        fromDay(since + 1),
        '通报批评',
      ],
      ['DB-0002', '公厕保洁不到位', '', '市城管局', '', fromDay(since), fromDay(since + 3), '', '', '', ''],
      ['', '一行说明'],
    ];
    const known = parseIndex(values, toDay);
    expect(known.map((k) => [k.key, k.print.task, k.retired, k.since, k.retiredOn])).toEqual([
      ['DB-0001', '背街小巷垃圾堆积', false, since, undefined],
      ['DB-0002', '公厕保洁不到位', true, since, since + 3],
    ]);
    expect(known[0]!.ladder).toEqual({ notices: 2, last: since + 5, deadline: since + 1, level: '通报批评' });
    expect(known[1]!.ladder).toBeUndefined();
    expect(indexRows(known, fromDay)).toEqual(values.slice(1, 3));
  });

  it('reads an index written before ladders were kept: no ladder, nothing else moves', () => {
    const since = dayFromYmd(2026, 11, 2);
    const values = [
      ['系统编号', '问题描述', '点位', '责任单位', '交办日期', '首次出现', '停用日期'],
      ['DB-0001', '背街小巷垃圾堆积', '人民路', '市城管局', '', fromDay(since), ''],
    ];
    const [k] = parseIndex(values, toDay);
    expect([k!.key, k!.retired, k!.ladder]).toEqual(['DB-0001', false, undefined]);
  });

  it("each sweep's ladder replaces a key's (none for the deadline in force clears it); a key not swept today keeps its own", () => {
    const since = dayFromYmd(2026, 11, 2);
    const ladder = { notices: 1, last: since + 4, deadline: since, level: '督办' };
    const base = parseIndex(
      [
        indexHeader(translator('zh-CN')),
        ['DB-0001', 'a', '', '市城管局', '', fromDay(since), '', 1, fromDay(since + 4), fromDay(since), '督办'],
        ['DB-0002', 'b', '', '市城管局', '', fromDay(since), '', 1, fromDay(since + 4), fromDay(since), '督办'],
        ['DB-0003', 'c', '', '市城管局', '', fromDay(since), '', 1, fromDay(since + 4), fromDay(since), '督办'],
      ],
      toDay,
    );
    const next = { notices: 2, last: since + 5, deadline: since, level: '通报批评' };
    const after = withLadders(
      base,
      new Map([
        ['DB-0001', { ladder: next }],
        ['DB-0002', { ladder: undefined }],
      ]),
    );
    expect(after.map((k) => k.ladder)).toEqual([next, undefined, ladder]);
  });
});
