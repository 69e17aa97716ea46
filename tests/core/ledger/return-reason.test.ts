/**
 * The reason a task was sent back (issue 14, 退回通知): the office's 验收意见, 退回原因 or 备注
 * column, found by its header in either language, read into the task (the first that says
 * something, in that order); a ledger without any of them reads as before.
 */
import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { findHeader } from '../../../src/core/ledger/header';
import { type LedgerContext, readTask } from '../../../src/core/ledger/tasks';

const calendar = new WorkCalendar(shippedHolidayEntries());
const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number): Date => new Date(Date.UTC(2026, m - 1, date) - 8 * 3600e3);
const { units } = parseUnits([['单位名称'], ['市城管局']]);

function readRow(header: string[], row: unknown[]) {
  const found = findHeader([header, row]);
  if (!found.ok) throw new Error('no header');
  const ctx: LedgerContext = {
    sheet: '任务台账',
    today: dayFromYmd(2026, 11, 25),
    toDay,
    calendar,
    units,
    haveDirectory: true,
    closedStatuses: ['已销号'],
    dueSoonDays: 3,
    countDays: 'working',
    t: translator('zh-CN'),
    headers: header,
    keyColumn: undefined,
  };
  return { columns: found.columns, task: readTask([header, row], 1, found.columns, ctx) };
}

const BASE = ['问题描述', '责任单位', '整改时限', '整改状态'];
const cells = ['背街小巷垃圾堆积', '市城管局', cellDate(11, 30), '退回'];

describe('the reason column of a return', () => {
  it('finds 验收意见, 退回原因 and 备注 by their headers, zh and en', () => {
    expect(readRow([...BASE, '验收意见', '退回原因', '备注'], [...cells, '', '', '']).columns).toMatchObject({
      verdict: 4,
      returnReason: 5,
      remark: 6,
    });
    expect(readRow(['Task', 'Unit', 'Deadline', 'Status', 'Reason returned'], [...cells, '']).columns).toMatchObject({ returnReason: 4 });
    expect(readRow(['Task', 'Unit', 'Deadline', 'Status', 'Verification comments'], [...cells, '']).columns).toMatchObject({ verdict: 4 });
  });

  it('reads the first that says something: 验收意见, then 退回原因, then 备注', () => {
    const header = [...BASE, '备注', '退回原因', '验收意见'];
    expect(readRow(header, [...cells, '另有说明', '照片不清晰', '现场仍有堆积']).task.returnReason).toBe('现场仍有堆积');
    expect(readRow(header, [...cells, '另有说明', '照片不清晰', '']).task.returnReason).toBe('照片不清晰');
    expect(readRow(header, [...cells, '另有说明', '', '']).task.returnReason).toBe('另有说明');
  });

  it('has none when the ledger has no such column, or its cells are empty', () => {
    expect(readRow(BASE, cells).task.returnReason).toBeUndefined();
    expect(readRow([...BASE, '验收意见'], [...cells, '  ']).task.returnReason).toBeUndefined();
  });
});
