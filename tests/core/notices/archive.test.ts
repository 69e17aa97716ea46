import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import type { TaskRow } from '../../../src/core/ledger/tasks';
import { planArchive } from '../../../src/core/notices/archive';
import { noticeCells } from '../../../src/core/notices/cells';
import type { LogEntry, LogLevel, LogRole, Outcome } from '../../../src/core/notices/log';
import { planNotices } from '../../../src/core/notices/plan';
import { restoredNotices } from '../../../src/core/notices/restore';
import { defaultSettings } from '../../../src/core/settings/settings';

const t = translator('zh-CN');
const calendar = new WorkCalendar(shippedHolidayEntries());
const settings = defaultSettings('zh-CN');
const deadline = dayFromYmd(2025, 11, 14);

const { units } = parseUnits([
  ['单位名称', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
  ['市城管局', '张伟', 'cgj@example.org', '李局', 'cgj-head@example.org', '王副市长', 'wang@example.org'],
  ['市住建局', '赵敏', 'zjj@example.org', '钱局', 'zjj-head@example.org', '王副市长', 'wang@example.org'],
]);

function task(key: string, unit: string, coUnits: string[] = []): TaskRow {
  return {
    index: 2,
    key,
    task: `任务${key}`,
    units: [unit],
    coUnits,
    place: '',
    status: 'in_progress',
    deadline: { kind: 'date', day: deadline, form: 'ymd' },
    effectiveDeadline: deadline,
    firstSeen: deadline - 30,
    state: { code: 'overdue', daysOverdue: 30 },
    previous: { state: 'overdue', reopenCount: 0, statusChanged: undefined },
    reopenCount: 0,
    statusChanged: undefined,
    stampCompleted: undefined,
    notes: [],
    problems: [],
  };
}

function row(e: Partial<LogEntry> & { index: number; key: string; day: Day }): LogEntry {
  return {
    number: '',
    time: undefined,
    unit: '市城管局',
    level: 'notice',
    ordinal: 1,
    deadline,
    to: 'cgj@example.org',
    role: 'contact',
    subject: '',
    outcome: 'sent',
    detail: '',
    ...e,
  };
}

const dec = (d: number): Day => dayFromYmd(2025, 12, d);
const jan = (d: number): Day => dayFromYmd(2026, 1, d);

describe('which rows of 督办记录 a closed year gives up', () => {
  it('moves the copies of a given document to the other addresses and the year’s summaries; the first delivery of each 文号 stays', () => {
    const entries = [
      row({ index: 1, key: 'A', day: dec(1), number: 'X〔2025〕1号', replyBy: dec(8) }),
      row({ index: 2, key: 'A', day: dec(1), number: 'X〔2025〕1号', replyBy: dec(8), to: 'cgj-head@example.org', role: 'head' }),
      row({ index: 3, key: 'A', day: dec(1), number: 'X〔2025〕2号', unit: '市住建局', to: 'zjj@example.org', role: 'support' }),
      row({ index: 4, key: '*', day: dec(1), level: 'summary', ordinal: 0, deadline: undefined, to: 'admin@example.org', role: 'admin' }),
      row({ index: 5, key: 'A', day: dec(9), level: 'failed', number: 'X〔2025〕1号', outcome: 'recorded' }),
      row({ index: 6, key: '*', day: jan(5), level: 'summary', ordinal: 0, deadline: undefined, to: 'admin@example.org', role: 'admin' }),
    ];
    const plan = planArchive(7, entries, jan(5), false);
    expect(plan.moved).toEqual(new Map([[2025, [2, 4]]]));
    expect(plan.kept).toEqual([1, 3, 5, 6]);
  });

  it('never moves a delivery still owed (延后, 发送中, failed to an address never reached), nor a step with rows in the open year', () => {
    const entries = [
      row({ index: 1, key: 'A', day: dec(1), number: 'X〔2025〕1号' }),
      row({ index: 2, key: 'A', day: dec(1), number: 'X〔2025〕1号', to: 'cgj-head@example.org', role: 'head', outcome: 'failed' }),
      row({ index: 3, key: 'B', day: dec(2), number: 'X〔2025〕3号' }),
      row({ index: 4, key: 'B', day: dec(2), number: 'X〔2025〕3号', to: 'cgj-head@example.org', role: 'head', outcome: 'deferred' }),
      row({ index: 5, key: 'C', day: dec(3), number: 'X〔2025〕4号', to: 'cgj-head@example.org', role: 'head' }),
      row({ index: 6, key: 'C', day: jan(5), number: 'X〔2025〕4号', outcome: 'sent' }),
      row({ index: 7, key: '*', day: dec(3), level: 'summary', ordinal: 0, outcome: 'sending', to: 'admin@example.org', role: 'admin' }),
    ];
    const plan = planArchive(8, entries, jan(6), false);
    expect(plan.moved).toEqual(new Map());
    expect(plan.kept).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps every event (未达要求, 反弹, a 通报批评 recorded, 约谈, 退回通知) and a row someone typed that is not an entry', () => {
    const events: LogLevel[] = ['failed', 'reopen', 'interview', 'return'];
    const entries = [
      ...events.map((level, i) => row({ index: i + 1, key: 'A', day: dec(2), level })),
      row({ index: 5, key: 'A', day: dec(2), level: 'criticism', outcome: 'recorded' }),
    ];
    const plan = planArchive(7, entries, jan(6), false);
    expect(plan.moved).toEqual(new Map());
    expect(plan.kept).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

/** One delivery of a generated history: which task, step, address, outcome, and when (a day of Dec 2025 – Jan 2026). */
interface Gen {
  task: number;
  ordinal: number;
  who: number;
  outcome: Outcome;
  day: number;
  event: 'none' | 'failed' | 'reopen' | 'criticism' | 'summary';
}

const WHO: { to: string; role: LogRole; unit: string }[] = [
  { to: 'cgj@example.org', role: 'contact', unit: '市城管局' },
  { to: 'cgj-head@example.org', role: 'head', unit: '市城管局' },
  { to: 'zjj@example.org', role: 'support', unit: '市住建局' },
];
const DAYS = [...[1, 2, 3, 8, 9, 15, 22, 29, 30, 31].map(dec), ...[5, 6, 7].map(jan)];
const TODAY = jan(8);
const KEYS = ['A', 'B', 'C'];

const genArb = fc.record<Gen>({
  task: fc.nat({ max: KEYS.length - 1 }),
  ordinal: fc.integer({ min: 1, max: 3 }),
  who: fc.nat({ max: WHO.length - 1 }),
  outcome: fc.constantFrom<Outcome>('sent', 'sent', 'sent', 'uncertain', 'failed', 'cancelled', 'deferred'),
  day: fc.nat({ max: DAYS.length - 1 }),
  event: fc.constantFrom('none', 'none', 'none', 'failed', 'reopen', 'criticism', 'summary'),
});

/** A history as the log would hold it: days in order, each step's 文号 per unit fixed, a 限期 five working days on. */
function history(gens: readonly Gen[]): LogEntry[] {
  const sorted = [...gens].sort((a, b) => a.day - b.day);
  return sorted.map((g, i): LogEntry => {
    const who = WHO[g.who]!;
    const key = KEYS[g.task]!;
    const day = DAYS[g.day]!;
    const number = `X${who.role === 'support' ? '住' : '城'}〔2025〕${g.task * 10 + g.ordinal}号`;
    const base = row({
      index: i + 1,
      key,
      day,
      number,
      ordinal: g.ordinal,
      to: who.to,
      role: who.role,
      unit: who.unit,
      outcome: g.outcome,
    });
    if (g.event === 'summary')
      return { ...base, key: '*', level: 'summary', number: '', ordinal: 0, role: 'admin', to: 'admin@example.org' };
    if (g.event !== 'none') return { ...base, level: g.event, outcome: 'recorded', to: '', role: 'contact' };
    return { ...base, replyBy: calendar.addWorkingDays(day, settings.noticeReplyDays) };
  });
}

/** What the office would notice of a log: the day's plan (step, cited 文号, failures, cases), the notice cells, the recovery. */
function whatTheLogSays(entries: readonly LogEntry[], failureCounting: 'task' | 'unit'): unknown {
  const tasks = KEYS.map((key, i) => ({ ...task(key, '市城管局', i === 2 ? ['市住建局'] : []), index: i + 2 }));
  const plan = planNotices({
    tasks,
    keyOf: (x) => x.key,
    entries,
    units,
    settings: { ...settings, failureCounting },
    calendar,
    today: TODAY,
    t,
  });
  const deliveries = plan.deliveries.map((d) => ({
    key: d.notice.key,
    to: d.to,
    ordinal: d.notice.ordinal,
    number: d.notice.number,
    replyBy: d.notice.replyBy,
    earlier: d.notice.earlier,
    resume: d.resume === undefined ? undefined : entries.find((e) => e.index === d.resume)?.number,
  }));
  const cells = noticeCells(tasks, entries, false, (x) => x.key, t);
  const ladderRows = tasks.map((x) => ({ index: x.index, key: x.key, unit: '市城管局' }));
  const index = tasks.map((x) => ({ key: x.key, shown: ['', '', ''], ladder: { notices: 2, last: TODAY - 1, deadline, level: '' } }));
  const restored = restoredNotices(ladderRows, { values: [], columns: {} }, entries, settings, (d) => d.getTime(), t, index as never);
  return { deliveries, failures: plan.failures, circulars: plan.circulars, interviews: plan.interviews, cells, restored };
}

describe('a history spanning the year end', () => {
  it('gives the same plan, notice cells and recovery with its closed year archived as without', () => {
    fc.assert(
      fc.property(fc.array(genArb, { minLength: 1, maxLength: 40 }), fc.constantFrom<'task' | 'unit'>('task', 'unit'), (gens, counting) => {
        const entries = history(gens);
        const plan = planArchive(entries.length + 1, entries, TODAY, false);
        const kept = new Set(plan.kept);
        const after = entries.filter((e) => kept.has(e.index));
        expect(whatTheLogSays(after, counting)).toEqual(whatTheLogSays(entries, counting));
      }),
      { numRuns: 400, seed: 20251231 },
    );
  });

  it('moves something from a long December (the compaction is not empty)', () => {
    const entries = history(
      [0, 1, 2].flatMap((taskNo) =>
        [0, 1, 2].map((who): Gen => ({ task: taskNo, ordinal: 1, who, outcome: 'sent', day: 0, event: 'none' })),
      ),
    );
    const plan = planArchive(entries.length + 1, entries, TODAY, false);
    // Of each task's first 整改通知 the head's copy moves (the contact's row and the co-unit's document stay).
    expect(plan.moved.get(2025)?.length).toBe(3);
  });
});
