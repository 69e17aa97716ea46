import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import type { TaskRow } from '../../../src/core/ledger/tasks';
import { type LogEntry, newRelapses, numberer, numberParts, seriesPrefix } from '../../../src/core/notices/log';
import { groupDigests, planNotices } from '../../../src/core/notices/plan';
import { defaultSettings } from '../../../src/core/settings/settings';

const t = translator('zh-CN');
const today = dayFromYmd(2026, 11, 25);
const calendar = new WorkCalendar(shippedHolidayEntries());
const settings = defaultSettings('zh-CN');

function task(key: string, unit: string, daysOverdue = 3, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    index: 2,
    key,
    task: `任务${key}`,
    units: [unit],
    coUnits: [],
    place: '',
    status: 'in_progress',
    deadline: { kind: 'date', day: today - 5, form: 'ymd' },
    effectiveDeadline: today - 5,
    firstSeen: today - 30,
    state: { code: 'overdue', daysOverdue },
    previous: { state: 'overdue', reopenCount: 0, statusChanged: undefined },
    reopenCount: 0,
    statusChanged: undefined,
    stampCompleted: undefined,
    notes: [],
    problems: [],
    ...extra,
  };
}

const { units } = parseUnits([
  ['单位名称', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
  ['市城管局', '张伟', 'cgj@example.org', '李局', 'head@example.org', '王副市长', 'wang@example.org'],
  ['市住建局', '赵敏', 'zjj#example.org', '钱局', '', '王副市长', 'wang@example.org'],
  ['市交通局', '孙丽', 'jtj#example.org', '周局', 'jtj-head@example.org', '王副市长', 'wang@example.org'],
  ['市水务局', '吴刚', 'swj#example.org', '郑局', '', '冯副市长', ''],
]);

function given(key: string, n: number, ordinal: number, day: number, to = 'cgj@example.org'): LogEntry {
  return {
    index: n,
    number: `督办〔2026〕第${n}号`,
    time: undefined,
    day,
    key,
    unit: '市城管局',
    level: 'notice',
    ordinal,
    deadline: today - 5,
    to,
    role: 'contact',
    subject: '',
    outcome: 'sent',
    detail: '',
  };
}

describe('the ladder', () => {
  it('numbers notices through the year after the highest in the log, never reusing one', () => {
    const next = numberer([given('A', 7, 1, today - 10), given('B', 3, 1, today - 10)], today, '督办', t);
    expect([next(), next()]).toEqual(['督办〔2026〕8号', '督办〔2026〕9号']);
    expect(numberParts('督办〔2026〕12号')).toEqual({ prefix: '督办', year: 2026, n: 12 });
    expect(numberParts('督办〔2026〕第3号')).toEqual({ prefix: '督办', year: 2026, n: 3 });
  });

  it('numbers each series on its own: a 通报 does not take the next 整改通知 number (issue 14)', () => {
    const circular = seriesPrefix('circular', 'X创城督', t);
    expect(circular).toBe('X创城督通报');
    const entries = [
      { ...given('A', 7, 1, today - 10), number: 'X创城督〔2026〕7号' },
      { ...given('A', 2, 2, today - 5), number: 'X创城督通报〔2026〕2号' },
    ];
    expect(numberer(entries, today, 'X创城督', t)()).toBe('X创城督〔2026〕8号');
    expect(numberer(entries, today, circular, t)()).toBe('X创城督通报〔2026〕3号');
    expect(numberer(entries, today, seriesPrefix('return', 'X创城督', t), t)()).toBe('X创城督退回〔2026〕1号');
  });

  it('numbers after the durable counter when the log lost its last rows (issue 13, case 4)', () => {
    const next = numberer([given('A', 7, 1, today - 10)], today, '督办', t, 11);
    expect(next()).toBe('督办〔2026〕12号');
    // The log's own highest still wins when the counter lags (a workbook copied without its properties).
    expect(numberer([given('A', 7, 1, today - 10)], today, '督办', t, 3)()).toBe('督办〔2026〕8号');
  });

  it('waits out the 限期; then the notice is 未达到整改要求 (logged once) and the 催办 cites it, to the contact only', () => {
    const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t };
    const tooSoon = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [given('A', 1, 1, today - 2)] });
    expect([tooSoon.deliveries, tooSoon.failures]).toEqual([[], []]);
    const due = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [given('A', 1, 1, dayFromYmd(2026, 11, 17))] });
    expect(due.failures).toEqual([
      {
        key: 'A',
        unit: '市城管局',
        number: '督办〔2026〕第1号',
        ordinal: 1,
        deadline: today - 5,
        replyBy: dayFromYmd(2026, 11, 24),
        day: today,
      },
    ]);
    expect(
      due.deliveries.map((d) => [d.to, d.role, d.notice.ordinal, d.notice.number, d.notice.earlier?.map((e) => [e.number, e.failed])]),
    ).toEqual([['cgj@example.org', 'contact', 2, '督办〔2026〕2号', [['督办〔2026〕第1号', true]]]]);
    expect([due.circulars, due.interviews]).toEqual([[], []]);
  });

  it('gives each 整改通知 a 整改限期 five working days on, and sends the next only from the first working day after it (issue 14)', () => {
    const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t };
    // Given Wed 18 Nov: its 限期 is Wed 25 Nov (today), so nothing more goes out today.
    const onItsDay = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [given('A', 1, 1, dayFromYmd(2026, 11, 18))] });
    expect(onItsDay.deliveries).toEqual([]);
    // Given Tue 17 Nov: its 限期 was Tue 24 Nov, so today (Wed 25) the second goes out, with its own 限期 Wed 2 Dec.
    const after = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [given('A', 1, 1, dayFromYmd(2026, 11, 17))] });
    expect(after.deliveries.map((d) => [d.to, d.notice.ordinal, d.notice.replyBy])).toEqual([
      ['cgj@example.org', 2, dayFromYmd(2026, 12, 2)],
    ]);
    // A first notice given today has the same 限期: five working days on, Wed 2 Dec.
    const first = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [] });
    expect(first.deliveries[0]?.notice.replyBy).toBe(dayFromYmd(2026, 12, 2));
    // A longer 整改通知限期（工作日） holds the next notice back accordingly.
    const longer = planNotices({
      ...input,
      settings: { ...settings, noticeReplyDays: 10 },
      tasks: [task('A', '市城管局')],
      entries: [given('A', 1, 1, dayFromYmd(2026, 11, 17))],
    });
    expect(longer.deliveries).toEqual([]);
  });

  it('never guesses an address: a unit with no valid one, or not in the directory, goes to the admin, with no number spent', () => {
    const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t, entries: [] };
    const plan = planNotices({ ...input, tasks: [task('B', '市水务局'), task('C', '不存在的局')] });
    expect(plan.deliveries).toEqual([]);
    expect(plan.unreachable.map((u) => [u.unit, u.reason, u.to ?? ''])).toEqual([
      ['市水务局', 'badAddress', 'swj#example.org'],
      ['不存在的局', 'noUnit', ''],
    ]);
  });

  it("does not stop at a bad contact address: the 督办 goes To the unit's head, numbered, and the admin still hears of the bad address", () => {
    const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t, entries: [] };
    const plan = planNotices({ ...input, tasks: [task('D', '市交通局')] });
    expect(plan.deliveries.map((d) => [d.to, d.toName, d.role, d.notice.unit, d.notice.level, d.notice.number])).toEqual([
      ['jtj-head@example.org', '周局', 'head', '市交通局', 'notice', '督办〔2026〕1号'],
    ]);
    expect(groupDigests(plan.deliveries).map((d) => [d.plan.to, d.cc])).toEqual([['jtj-head@example.org', []]]);
    expect(plan.unreachable.map((u) => [u.unit, u.role, u.reason, u.to ?? ''])).toEqual([
      ['市交通局', 'contact', 'badAddress', 'jtj#example.org'],
    ]);
  });

  it('falls back to the leader when the head has no address either (市住建局: bad contact, no head address)', () => {
    const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t, entries: [] };
    const plan = planNotices({ ...input, tasks: [task('B', '市住建局')] });
    expect(plan.deliveries.map((d) => [d.to, d.role, d.notice.level])).toEqual([['wang@example.org', 'leader', 'notice']]);
    expect(plan.unreachable.map((u) => [u.role, u.reason, u.to ?? ''])).toEqual([['contact', 'badAddress', 'zjj#example.org']]);
  });
});

/** A notice of the ladder given on `day`, its 限期 stated, and (failed) the failure event logged for it. */
function rung(
  key: string,
  n: number,
  ordinal: number,
  day: number,
  failed: boolean,
  unit = '市城管局',
  to = 'cgj@example.org',
): LogEntry[] {
  const replyBy = calendar.addWorkingDays(day, 5);
  const notice: LogEntry = { ...given(key, n, ordinal, day, to), unit, number: `督办〔2026〕${n}号`, replyBy };
  if (!failed) return [notice];
  const day2 = calendar.addWorkingDays(replyBy, 1);
  return [notice, { ...notice, index: n + 100, level: 'failed', day: day2, to: '', outcome: 'recorded' }];
}

describe('the ladder, decided by notices failed (issue 14)', () => {
  const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t };

  it('at two failed: the unit is put in a 通报 and the third 整改通知 goes To its contact, Cc its head', () => {
    // 1st given Tue 3 Nov (限期 10 Nov, failed), 2nd Wed 11 Nov (限期 18 Nov): failed today, the second failure.
    const entries = [...rung('A', 1, 1, dayFromYmd(2026, 11, 3), true), ...rung('A', 2, 2, dayFromYmd(2026, 11, 11), false)];
    const plan = planNotices({ ...input, tasks: [task('A', '市城管局')], entries });
    expect(plan.failures.map((f) => [f.number, f.ordinal, f.day])).toEqual([['督办〔2026〕2号', 2, dayFromYmd(2026, 11, 19)]]);
    expect(
      plan.circulars.map((c) => [c.unit, c.tasks.map((n) => [n.key, n.earlier?.filter((e) => e.failed).map((e) => e.number)])]),
    ).toEqual([['市城管局', [['A', ['督办〔2026〕1号', '督办〔2026〕2号']]]]]);
    expect(plan.deliveries.map((d) => [d.to, d.role, d.notice.ordinal, d.notice.escalated])).toEqual([
      ['cgj@example.org', 'contact', 3, true],
      ['head@example.org', 'head', 3, true],
    ]);
    expect(groupDigests(plan.deliveries).map((d) => [d.plan.to, d.cc, d.plan.number])).toEqual([
      ['cgj@example.org', ['head@example.org'], '督办〔2026〕3号'],
    ]);
    // A task already in a 通报 is not criticised again.
    const criticised: LogEntry = {
      ...given('A', 9, 0, today - 1),
      number: '督办通报〔2026〕1号',
      level: 'criticism',
      to: '',
      outcome: 'recorded',
    };
    expect(planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [...entries, criticised] }).circulars).toEqual([]);
  });

  it('at three failed: 约谈 is proposed and nothing is sent; once proposed, nothing more', () => {
    const entries = [
      ...rung('A', 1, 1, dayFromYmd(2026, 10, 26), true),
      ...rung('A', 2, 2, dayFromYmd(2026, 11, 3), true),
      ...rung('A', 3, 3, dayFromYmd(2026, 11, 11), false),
    ];
    const plan = planNotices({ ...input, tasks: [task('A', '市城管局')], entries });
    expect(plan.failures.map((f) => f.ordinal)).toEqual([3]);
    expect(plan.deliveries).toEqual([]);
    expect(plan.interviews.map((i) => [i.unit, i.head, i.leader, i.tasks.map((n) => n.earlier?.map((e) => e.failed))])).toEqual([
      ['市城管局', '李局', '王副市长', [[true, true, true]]],
    ]);
    const proposed: LogEntry = { ...given('A', 9, 0, today), number: '', level: 'interview', to: '', outcome: 'recorded' };
    const failed3: LogEntry = { ...rung('A', 3, 3, dayFromYmd(2026, 11, 11), true)[1]! };
    const next = planNotices({ ...input, tasks: [task('A', '市城管局')], entries: [...entries, failed3, proposed] });
    expect([next.deliveries, next.failures, next.interviews]).toEqual([[], [], []]);
  });

  it('按单位: two tasks of one unit failing once each bring the unit to 通报批评; 按任务 they do not', () => {
    const entries = [...rung('A', 1, 1, dayFromYmd(2026, 11, 17), false), ...rung('B', 1, 1, dayFromYmd(2026, 11, 17), false)];
    const tasks = [task('A', '市城管局'), task('B', '市城管局')];
    expect(planNotices({ ...input, tasks, entries }).circulars).toEqual([]);
    const perUnit = planNotices({ ...input, settings: { ...settings, failureCounting: 'unit' }, tasks, entries });
    expect(perUnit.failures.map((f) => f.key)).toEqual(['A', 'B']);
    expect(perUnit.circulars.map((c) => [c.unit, c.tasks.map((n) => n.key)])).toEqual([['市城管局', ['A', 'B']]]);
  });

  it("numbers one document per unit and day: a unit's matters share a number, the next unit has the next", () => {
    const plan = planNotices({ ...input, tasks: [task('A', '市城管局'), task('D', '市交通局'), task('B', '市城管局')], entries: [] });
    expect(plan.deliveries.map((d) => [d.notice.key, d.notice.number])).toEqual([
      ['A', '督办〔2026〕1号'],
      ['D', '督办〔2026〕2号'],
      ['B', '督办〔2026〕1号'],
    ]);
    const digests = groupDigests(plan.deliveries);
    expect(digests.map((d) => [d.plan.number, d.plan.to, d.plan.sections.flatMap((s) => s.notices.map((n) => n.key))])).toEqual([
      ['督办〔2026〕1号', 'cgj@example.org', ['A', 'B']],
      ['督办〔2026〕2号', 'jtj-head@example.org', ['D']],
    ]);
  });

  it('a notice met by closing the task is not failed: reopened (反弹), the ladder continues with the next notice', () => {
    const entries: LogEntry[] = [
      ...rung('A', 1, 1, dayFromYmd(2026, 11, 3), false),
      { ...given('A', 50, 1, dayFromYmd(2026, 11, 20)), number: '', level: 'reopen', to: '', outcome: 'recorded' },
    ];
    const plan = planNotices({ ...input, tasks: [task('A', '市城管局', 3, { reopenCount: 1 })], entries });
    expect(plan.failures).toEqual([]);
    expect(plan.deliveries.map((d) => [d.notice.ordinal, d.detail])).toEqual([[2, '销号后反弹（第1次），继续督办']]);
  });
});

describe('relapses in the log', () => {
  it('logs each reopening the log lacks once, dated the day the task was reopened', () => {
    const reopened = { key: 'A', units: ['市城管局'], reopenCount: 2, statusChanged: today - 3 };
    const first = newRelapses([reopened], [], today);
    expect(first).toEqual([
      { key: 'A', unit: '市城管局', ordinal: 1, day: today - 3 },
      { key: 'A', unit: '市城管局', ordinal: 2, day: today - 3 },
    ]);
    const logged = { ...given('A', 0, 1, today - 3), number: '', level: 'reopen' as const, outcome: 'recorded' as const };
    expect(newRelapses([reopened], [logged], today).map((r) => r.ordinal)).toEqual([2]);
    expect(newRelapses([{ ...reopened, reopenCount: 1 }], [logged], today)).toEqual([]);
  });
});

describe('a task sent back (退回) before its deadline', () => {
  const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t };
  const dueSoon = (statusChanged: number) =>
    task('R', '市城管局', 0, {
      status: 'returned',
      statusChanged,
      deadline: { kind: 'date', day: today + 2, form: 'ymd' },
      effectiveDeadline: today + 2,
      state: { code: 'dueSoon', daysOverdue: 0 },
    });
  const returnRow = (day: number): LogEntry => ({ ...given('R', 9, 0, day), number: '督办退回〔2026〕1号', level: 'return' });
  const reminders = (plan: ReturnType<typeof planNotices>) => plan.deliveries.filter((d) => d.notice.level === 'reminder');

  it('gets no 临期提醒 the day it is sent back: its 退回通知 states the deadline it is back on', () => {
    expect(reminders(planNotices({ ...input, tasks: [dueSoon(today)], entries: [] }))).toEqual([]);
  });

  it('gets none after its 退回通知 was given either, but gets one when no 退回通知 was ever given for it', () => {
    expect(reminders(planNotices({ ...input, tasks: [dueSoon(today - 1)], entries: [returnRow(today - 1)] }))).toEqual([]);
    // Sent back before Duban first saw the row: no 退回通知 went, so the reminder still does.
    expect(reminders(planNotices({ ...input, tasks: [dueSoon(today - 1)], entries: [] })).map((d) => d.to)).toEqual(['cgj@example.org']);
  });

  it('gets no 临期提醒 the day a verifier sends its reply back in 整改反馈 either (its 退回通知 goes the same day)', () => {
    const replied = { ...dueSoon(today - 3), status: 'in_progress' as const };
    expect(reminders(planNotices({ ...input, tasks: [replied], entries: [], returnedToday: new Set(['R']) }))).toEqual([]);
    expect(reminders(planNotices({ ...input, tasks: [replied], entries: [] })).map((d) => d.to)).toEqual(['cgj@example.org']);
  });
});
