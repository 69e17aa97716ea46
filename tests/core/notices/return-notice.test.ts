/**
 * 退回通知 (issue 14, the return part): a task sent back at verification is told the same day,
 * once per return, in a 公文 of the office with its own 文号 series, the reason and the deadline
 * it is back on; a reopened task's line in the 整改通知 says when it was closed and reopened.
 */
import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import type { TaskRow } from '../../../src/core/ledger/tasks';
import { composeDigest, type MailContext } from '../../../src/core/notices/digest';
import type { LogEntry } from '../../../src/core/notices/log';
import { relapsesOf } from '../../../src/core/notices/relapse';
import { composeReturnNotice, planReturns, type ReturnCase, type ReturnMailContext } from '../../../src/core/notices/return-notice';
import { composeAdminSummary } from '../../../src/core/notices/summary';
import type { TaskNotice } from '../../../src/core/notices/types';
import { defaultSettings } from '../../../src/core/settings/settings';

const t = translator('zh-CN');
const en = translator('en');
const today = dayFromYmd(2026, 11, 25);
const calendar = new WorkCalendar(shippedHolidayEntries());
const settings = { ...defaultSettings('zh-CN'), noticePrefix: 'X创城督' };
const OFFICE: ReturnMailContext['office'] = {
  senderName: 'XX市创建全国文明城市工作指挥部办公室',
  contactPerson: '李明',
  contactPhone: '0571-87001234',
  contactEmail: 'cwb@city.gov.cn',
  countDays: 'working',
};
const link = (row: number): string => `https://sheet#range=A${row}`;

const { units } = parseUnits([
  ['单位名称', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
  ['市城管局', '张伟', 'cgj@example.org', '李局', 'head@example.org', '王副市长', 'wang@example.org'],
  ['市住建局', '赵敏', 'zjj#example.org', '钱局', 'zjj-head@example.org', '王副市长', 'wang@example.org'],
  ['市水务局', '吴刚', '', '郑局', '', '冯副市长', ''],
]);

function returned(key: string, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    index: 6,
    key,
    task: '背街小巷垃圾堆积',
    units: ['市城管局'],
    coUnits: [],
    place: '人民路',
    status: 'returned',
    deadline: { kind: 'date', day: today + 5, form: 'ymd' },
    effectiveDeadline: today + 5,
    firstSeen: today - 30,
    state: { code: 'notDue', daysOverdue: 0 },
    previous: { state: 'pending', reopenCount: 0, statusChanged: today - 2 },
    reopenCount: 0,
    statusChanged: today,
    stampCompleted: undefined,
    returnReason: '整改照片不清晰，退回重报',
    notes: [],
    problems: [],
    ...extra,
  };
}

function logged(key: string, number: string, day: number, outcome: LogEntry['outcome'] = 'sent', index = 1): LogEntry {
  return {
    index,
    number,
    time: undefined,
    day,
    key,
    unit: '市城管局',
    level: 'return',
    ordinal: 0,
    deadline: undefined,
    to: 'cgj@example.org',
    role: 'contact',
    subject: '',
    outcome,
    detail: '',
  };
}

const input = { keyOf: (x: TaskRow) => x.key, units, settings, calendar, today, t };

describe('which tasks get a 退回通知', () => {
  it('a task sent back today gets one, numbered in the 退回 series, to the lead unit’s contact', () => {
    const plan = planReturns({ ...input, tasks: [returned('DB-0003')], entries: [] });
    expect(plan.deliveries.map((d) => [d.notice.key, d.notice.number, d.to, d.role])).toEqual([
      ['DB-0003', 'X创城督退回〔2026〕1号', ['cgj@example.org'], 'contact'],
    ]);
    expect(plan.unreachable).toEqual([]);
  });

  it('a rerun sends nothing; returned again later (a later 状态变更日期) gets a second, with the next number', () => {
    const first = [logged('DB-0003', 'X创城督退回〔2026〕1号', today)];
    expect(planReturns({ ...input, tasks: [returned('DB-0003')], entries: first }).deliveries).toEqual([]);
    const again = planReturns({
      ...input,
      today: today + 7,
      tasks: [returned('DB-0003', { statusChanged: today + 7 })],
      entries: [logged('DB-0003', 'X创城督退回〔2026〕1号', today - 7)],
    });
    expect(again.deliveries.map((d) => d.notice.number)).toEqual(['X创城督退回〔2026〕2号']);
  });

  it('a notice deferred by the quota goes the next day with its number; a 发送中 one is never resent', () => {
    const deferred = planReturns({
      ...input,
      today: today + 1,
      tasks: [returned('DB-0003')],
      entries: [logged('DB-0003', 'X创城督退回〔2026〕4号', today, 'deferred')],
    });
    expect(deferred.deliveries.map((d) => d.notice.number)).toEqual(['X创城督退回〔2026〕4号']);
    // Its queued row (延后, from any earlier day) is the one it goes under: updated in place, no second row.
    expect(deferred.deliveries.map((d) => [...d.resume])).toEqual([[['cgj@example.org', 1]]]);
    const later = planReturns({
      ...input,
      today: today + 5,
      tasks: [returned('DB-0003')],
      entries: [logged('DB-0003', 'X创城督退回〔2026〕4号', today, 'deferred', 9)],
    });
    expect(later.deliveries.map((d) => [d.notice.number, [...d.resume]])).toEqual([['X创城督退回〔2026〕4号', [['cgj@example.org', 9]]]]);
    const unsure = planReturns({
      ...input,
      tasks: [returned('DB-0003')],
      entries: [logged('DB-0003', 'X创城督退回〔2026〕4号', today, 'sending')],
    });
    expect(unsure.deliveries).toEqual([]);
  });

  it('a closed task, a task not sent back, and a row first seen already 退回 (no day it was sent back) get none', () => {
    const tasks = [
      returned('A', { status: 'closed', state: { code: 'closed', daysOverdue: 0 } }),
      returned('B', { status: 'in_progress' }),
      returned('C', { statusChanged: undefined, previous: { state: undefined, reopenCount: 0, statusChanged: undefined } }),
    ];
    expect(planReturns({ ...input, tasks, entries: [] }).deliveries).toEqual([]);
  });

  it('a bad contact address: the head stands in, and the admin hears of the address; no valid address at all: the admin is told', () => {
    const plan = planReturns({
      ...input,
      tasks: [returned('A', { units: ['市住建局'] }), returned('B', { units: ['市水务局'] }), returned('C', { units: ['不存在的局'] })],
      entries: [],
    });
    expect(plan.deliveries.map((d) => [d.notice.key, d.to, d.role, d.notice.number])).toEqual([
      ['A', ['zjj-head@example.org'], 'head', 'X创城督退回〔2026〕1号'],
    ]);
    expect(plan.unreachable).toEqual([
      { unit: '市住建局', key: 'A', reason: 'badAddress', to: 'zjj#example.org' },
      { unit: '市水务局', key: 'B', reason: 'noAddress' },
      { unit: '不存在的局', key: 'C', reason: 'noUnit' },
    ]);
  });
});

describe('the 退回通知 as a 公文', () => {
  const ctx = (over: Partial<ReturnMailContext> = {}): ReturnMailContext => ({ t, today, office: OFFICE, rowLink: link, ...over });
  const plannedCase = (extra: Partial<TaskRow> = {}): ReturnCase =>
    planReturns({ ...input, tasks: [returned('DB-0003', extra)], entries: [] }).deliveries[0]!.notice;

  it('says the matter, the day it failed 验收, the reason, the deadline it is back on, whom to answer, and is signed by the office', () => {
    const mail = composeReturnNotice(plannedCase(), 'cgj@example.org', ctx());
    expect(mail.subject).toBe('【退回通知】市城管局：背街小巷垃圾堆积验收未通过（X创城督退回〔2026〕1号）');
    expect(mail.body).toBe(
      `${[
        'X创城督退回〔2026〕1号',
        '■ 关于“背街小巷垃圾堆积”验收未通过予以退回的通知',
        '市城管局：',
        '贵单位牵头整改的下列事项（系统编号DB-0003），经2026年11月25日验收，未达到销号要求，现予退回。',
        [
          '1. 背街小巷垃圾堆积',
          '   点位：人民路',
          '   整改时限：2026年11月30日',
          '   系统编号：DB-0003',
          '   台账：第7行 https://sheet#range=A7',
        ].join('\n'),
        '退回原因：整改照片不清晰，退回重报',
        '该事项整改时限仍为2026年11月30日。请于2026年11月30日前整改到位，并书面报送整改情况（附整改前后对比照片）至XX市创建全国文明城市工作指挥部办公室（cwb@city.gov.cn）。整改完成后，请在台账中将该任务的状态改为“待验收”，重新申请验收。',
        '联系人：李明；联系电话：0571-87001234；联系邮箱：cwb@city.gov.cn。',
        'XX市创建全国文明城市工作指挥部办公室\n2026年11月25日',
      ].join('\n\n')}\n`,
    );
    expect(mail.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(mail.body).not.toMatch(/Duban|督办台账/);
    expect(mail.htmlBody).toContain('退回原因：整改照片不清晰，退回重报');
  });

  it('with no reason on the row says 「未说明」 plainly; overdue, it says since when and gives a 整改限期 in working days from today', () => {
    const overdue = plannedCase({
      returnReason: undefined,
      deadline: { kind: 'date', day: dayFromYmd(2026, 11, 20), form: 'ymd' },
      effectiveDeadline: dayFromYmd(2026, 11, 20),
      state: { code: 'overdue', daysOverdue: 3 },
    });
    const body = composeReturnNotice(overdue, 'cgj@example.org', ctx()).body;
    expect(body).toContain('退回原因：未说明（验收时未填写具体原因，如有疑问请与我办联系）');
    // Five working days from Wed 25 Nov: Wed 2 Dec.
    expect(body).toContain(
      '该事项已超过整改时限（2026年11月20日），逾期3个工作日，督办继续。请于2026年12月2日前整改到位，并书面报送整改情况（附整改前后对比照片）',
    );
    expect(composeReturnNotice(overdue, 'cgj@example.org', ctx({ t: en })).body).toContain('Reason: not stated');
  });

  it('in a dry run goes to the admin, saying whom it was meant for', () => {
    const mail = composeReturnNotice(plannedCase(), 'admin@example.org', ctx({ dryRunFor: ['cgj@example.org'] }));
    expect(mail.subject).toBe('【试运行】【退回通知】市城管局：背街小巷垃圾堆积验收未通过（X创城督退回〔2026〕1号）');
    expect(mail.body).toContain('本邮件本应发给 cgj@example.org');
  });
});

describe('the admin’s summary of returns', () => {
  it('lists the 退回通知 sent today and, apart, the returns whose row gave no reason', () => {
    const summary = composeAdminSummary(
      {
        date: today,
        dryRun: false,
        sent: [],
        notSent: [],
        interviews: [],
        needsPerson: [],
        counts: { tasks: 10, overdue: 2 },
        failures: [],
        returns: [
          {
            number: 'X创城督退回〔2026〕1号',
            unit: '市城管局',
            key: 'DB-0003',
            task: '背街小巷垃圾堆积',
            row: 7,
            to: 'cgj@example.org',
            reasonGiven: true,
          },
          {
            number: 'X创城督退回〔2026〕2号',
            unit: '市住建局',
            key: 'DB-0005',
            task: '飞线充电',
            row: 9,
            to: 'zjj@example.org',
            reasonGiven: false,
          },
        ],
      },
      { t, rowLink: link, to: 'admin@example.org', office: { ...settings, ...OFFICE } },
    );
    expect(summary.subject).toBe('【督办小结】2026年11月25日：发出0封，退回通知2份');
    expect(summary.body).toContain('■ 退回通知（2份）');
    expect(summary.body).toContain('1. X创城督退回〔2026〕1号\n   单位：市城管局\n   任务：背街小巷垃圾堆积');
    expect(summary.body).toContain('■ 退回未说明原因（1项）');
    expect(summary.body).toContain('1. DB-0005\n   任务：飞线充电\n   单位：市住建局\n   督办文号：X创城督退回〔2026〕2号');
  });
});

describe('a reopened task (反弹) in the 整改通知', () => {
  const notice: TaskNotice = {
    key: 'DB-0006',
    row: 8,
    unit: '市城管局',
    coUnits: [],
    task: '公厕保洁不到位',
    place: '火车站',
    deadline: dayFromYmd(2026, 11, 20),
    daysOverdue: 3,
    level: 'notice',
    ordinal: 2,
    number: 'X创城督〔2026〕9号',
  };

  it('says when it was closed and reopened, and that its notices continue', () => {
    const reopen: LogEntry = { ...logged('DB-0006', '', dayFromYmd(2026, 11, 23)), level: 'reopen', outcome: 'recorded', ordinal: 1 };
    const relapses = relapsesOf(
      [{ key: 'DB-0006', reopenCount: 1, statusChanged: dayFromYmd(2026, 11, 23), completed: dayFromYmd(2026, 11, 18) }],
      [reopen],
      today,
    );
    expect(relapses.get('DB-0006')).toEqual({ count: 1, closedOn: dayFromYmd(2026, 11, 18), reopenedOn: dayFromYmd(2026, 11, 23) });
    const ctx: MailContext = { t, today, office: OFFICE, rowLink: link, relapseOf: (k) => relapses.get(k) };
    const body = composeDigest(
      {
        number: 'X创城督〔2026〕9号',
        to: 'cgj@example.org',
        toName: '张伟',
        sections: [{ unit: '市城管局', role: 'lead', notices: [notice] }],
      },
      ctx,
    ).body;
    expect(body).toContain('   反弹：2026年11月18日销号，2026年11月23日重新打开（第1次反弹），督办继续');
  });

  it('a relapse the log has not recorded yet is dated by its 状态变更日期; without a 销号日期 it says only the reopening', () => {
    const relapses = relapsesOf([{ key: 'DB-0006', reopenCount: 1, statusChanged: today }], [], today);
    expect(relapses.get('DB-0006')).toEqual({ count: 1, reopenedOn: today });
    const ctx: MailContext = { t, today, office: OFFICE, rowLink: link, relapseOf: (k) => relapses.get(k) };
    const body = composeDigest(
      {
        number: 'X创城督〔2026〕9号',
        to: 'cgj@example.org',
        toName: '张伟',
        sections: [{ unit: '市城管局', role: 'lead', notices: [notice] }],
      },
      ctx,
    ).body;
    expect(body).toContain('   反弹：销号后于2026年11月25日重新打开（第1次反弹），督办继续');
    // A task never reopened has no such line.
    expect(relapsesOf([{ key: 'X', reopenCount: 0, statusChanged: today }], [], today).size).toBe(0);
  });
});
