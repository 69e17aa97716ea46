/**
 * Issue 16, feedback: a matter the unit answered through the web app (反馈状态 待验收) gets no
 * notice and is not counted as failed, like the office's own 待验收; 通过 waits for the office's
 * close the same way; 退回 puts it back on its deadline and the ladder goes on.
 */
import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { readLedger } from '../../../src/core/ledger/ledger';
import type { LogEntry } from '../../../src/core/notices/log';
import { planNotices } from '../../../src/core/notices/plan';
import { defaultSettings } from '../../../src/core/settings/settings';

const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number): Date => new Date(Date.UTC(2026, m - 1, date) - 8 * 3600e3);
const today = dayFromYmd(2026, 11, 25);
const t = translator('zh-CN');
const settings = defaultSettings('zh-CN');
const calendar = new WorkCalendar(shippedHolidayEntries());
const { units } = parseUnits([
  ['单位名称', '联系人', '联系人邮箱'],
  ['市城管局', '张伟', 'cgj@example.org'],
]);

/** The ledger with Duban's columns 督办状态, 系统编号, 反馈日期, 反馈状态 (marked). */
function plan(replyState: string, log: LogEntry[] = [], status = '整改中') {
  const values = [
    ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '督办状态', '系统编号', '反馈日期', '反馈状态'],
    [1, '背街小巷垃圾堆积', '市城管局', cellDate(11, 10), status, '逾期', 'DB-0001', replyState === '' ? '' : cellDate(11, 24), replyState],
  ];
  const read = readLedger({
    sheet: '任务台账',
    values,
    scriptColumns: { state: 5, taskId: 6, feedbackDate: 7, feedbackState: 8 },
    settings,
    units,
    haveDirectory: true,
    calendar,
    today,
    toDay,
    t,
  });
  if (!read.ok) throw new Error(read.message);
  const notices = planNotices({ tasks: read.tasks, keyOf: (task) => task.key, entries: log, units, settings, calendar, today, t });
  return { task: read.tasks[0]!, notices };
}

/** The first 整改通知 of DB-0001, given on 11-12 with a 限期 of 11-17: long past today. */
const firstNotice: LogEntry = {
  index: 1,
  number: 'X创城督〔2026〕1号',
  time: cellDate(11, 12),
  day: dayFromYmd(2026, 11, 12),
  key: 'DB-0001',
  unit: '市城管局',
  level: 'notice',
  ordinal: 1,
  deadline: dayFromYmd(2026, 11, 10),
  to: 'cgj@example.org',
  role: 'contact',
  subject: '',
  outcome: 'sent',
  detail: '',
  replyBy: dayFromYmd(2026, 11, 17),
};

describe('a matter answered through the web app (反馈状态)', () => {
  it('while 待验收: no notice, no failure, and the row shows 待验收 with its lateness frozen on the reply day', () => {
    const { task, notices } = plan('待验收', [firstNotice]);
    expect(task.state).toEqual({ code: 'pending', daysOverdue: 10 });
    expect(notices.deliveries).toEqual([]);
    expect(notices.failures).toEqual([]);
  });

  it('once 通过 and not yet closed by the office: still no notice, no failure', () => {
    const { task, notices } = plan('通过', [firstNotice]);
    expect(task.state.code).toBe('pending');
    expect(notices.deliveries).toEqual([]);
    expect(notices.failures).toEqual([]);
  });

  it('通过 and closed by the office (已销号): closed, as the office says', () => {
    expect(plan('通过', [firstNotice], '已销号').task.state.code).toBe('closed');
  });

  it('once 退回: back on its deadline, the failed notice counted and the next 整改通知 owed today', () => {
    const { task, notices } = plan('退回', [firstNotice]);
    expect(task.state).toEqual({ code: 'overdue', daysOverdue: 11 });
    expect(notices.failures.map((f) => [f.key, f.ordinal])).toEqual([['DB-0001', 1]]);
    expect(notices.deliveries.map((d) => [d.notice.key, d.notice.ordinal, d.to])).toEqual([['DB-0001', 2, 'cgj@example.org']]);
  });

  it('with no reply: the same ladder as 退回 (the sweep as before)', () => {
    const { notices } = plan('');
    expect(notices.deliveries.map((d) => [d.notice.key, d.notice.ordinal])).toEqual([['DB-0001', 1]]);
  });
});
