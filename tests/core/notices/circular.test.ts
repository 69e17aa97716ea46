/**
 * 通报批评 is a 通报 (issue 14): the document of the office that names the unit, its matters and
 * the notices it failed, decides 予以通报批评 and sets its 整改限期; and to whom it goes.
 */
import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, parseIsoDay } from '../../../src/core/calendar/day';
import type { Unit } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import {
  circularEvents,
  circularKey,
  circularRecipients,
  circularReplyBy,
  composeCircular,
  pendingCirculars,
} from '../../../src/core/notices/circular';
import { type LogEntry, seriesPrefix } from '../../../src/core/notices/log';
import type { Office } from '../../../src/core/notices/official';
import type { CircularCase, TaskNotice } from '../../../src/core/notices/types';

const zh = translator('zh-CN');
const en = translator('en');
const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(iso);
  return d;
};
const calendar = new WorkCalendar(shippedHolidayEntries());
const OFFICE: Office = {
  senderName: 'XX市创建全国文明城市工作指挥部办公室',
  contactPerson: '李明',
  contactPhone: '0571-87001234',
  contactEmail: 'cwb@city.gov.cn',
  countDays: 'working',
};

function unit(name: string, over: Partial<Unit> = {}): Unit {
  return {
    name,
    kind: '市直部门',
    contact: `${name}联系人`,
    contactEmail: '',
    head: `${name}局长`,
    headEmail: '',
    leader: '',
    leaderEmail: '',
    civilized: false,
    row: 1,
    ...over,
  };
}

function task(key: string, over: Partial<TaskNotice> = {}): TaskNotice {
  return {
    key,
    row: 3,
    unit: '市城管局',
    coUnits: [],
    task: '背街小巷垃圾堆积',
    place: '人民路',
    deadline: day('2026-11-02'),
    daysOverdue: 17,
    level: 'notice',
    ordinal: 3,
    number: '',
    earlier: [
      { number: 'X创城督〔2026〕3号', givenOn: day('2026-11-03'), replyBy: day('2026-11-10'), failed: true },
      { number: 'X创城督〔2026〕9号', givenOn: day('2026-11-11'), replyBy: day('2026-11-18'), failed: true },
    ],
    ...over,
  };
}

const CASE: CircularCase = {
  unit: '市城管局',
  tasks: [
    task('DB-0001'),
    task('DB-0004', {
      task: '公厕保洁不到位',
      place: '火车站',
      daysOverdue: 12,
      deadline: day('2026-11-09'),
      earlier: [
        { number: 'X创城督〔2026〕9号', givenOn: day('2026-11-11'), replyBy: day('2026-11-18'), failed: true },
        { number: 'X创城督〔2026〕12号', givenOn: day('2026-11-19'), replyBy: day('2026-11-26'), failed: true },
        // Given, its 限期 not yet passed: not a failed notice, not cited.
        { number: 'X创城督〔2026〕15号', givenOn: day('2026-11-27'), replyBy: day('2026-12-04'), failed: false },
      ],
    }),
  ],
};

const TODAY = day('2026-11-27');
const NUMBER = zh('notice.number', { prefix: seriesPrefix('circular', 'X创城督', zh), year: 2026, n: 1 });

describe('the 通报 as a 公文 of the office', () => {
  const doc = { case: CASE, number: NUMBER, day: TODAY, replyBy: circularReplyBy(TODAY, calendar, 5) };
  const mail = composeCircular(doc, ['a@x.cn', 'b@x.cn'], { t: zh, office: OFFICE });

  it('is numbered in its own series, X创城督通报〔2026〕1号, and says so in its subject', () => {
    expect(NUMBER).toBe('X创城督通报〔2026〕1号');
    expect(mail.subject).toBe('【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）');
    expect(mail.to).toBe('a@x.cn,b@x.cn');
  });

  it('reads as a 通报: 文号, title, 主送 各成员单位, the facts, the matters, the decision, the requirement, contact and 落款', () => {
    const lines = mail.body.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'X创城督通报〔2026〕1号',
      '',
      '■ 关于对市城管局予以通报批评的通报',
      '',
      '各成员单位：',
      '',
      '截至2026年11月27日，市城管局牵头的下列2项创城问题整改任务逾期未整改。XX市创建全国文明城市工作指挥部办公室先后下达的整改通知中，有3份在整改限期内未达到整改要求。',
    ]);
    expect(mail.body).toContain(
      [
        '1. DB-0001',
        '   任务：背街小巷垃圾堆积',
        '   点位：人民路',
        '   整改时限：2026年11月2日',
        '   逾期：17个工作日',
        '   未达到整改要求的整改通知：X创城督〔2026〕3号（限期2026年11月10日）；X创城督〔2026〕9号（限期2026年11月18日）',
      ].join('\n'),
    );
    expect(mail.body).toContain(
      '   未达到整改要求的整改通知：X创城督〔2026〕9号（限期2026年11月18日）；X创城督〔2026〕12号（限期2026年11月26日）',
    );
    expect(mail.body).not.toContain('15号');
    expect(mail.body).toContain('根据创建全国文明城市工作有关要求，经研究，决定对市城管局予以通报批评。');
    // Its own 整改限期: five working days from 27 November (a Friday): 4 December.
    expect(mail.body).toContain(
      '请市城管局切实提高认识，于2026年12月4日前整改到位，并书面报送整改情况（附整改前后对比照片）至XX市创建全国文明城市工作指挥部办公室（cwb@city.gov.cn）。',
    );
    expect(
      mail.body
        .trimEnd()
        .endsWith(
          '联系人：李明；联系电话：0571-87001234；联系邮箱：cwb@city.gov.cn。\n\nXX市创建全国文明城市工作指挥部办公室\n2026年11月27日',
        ),
    ).toBe(true);
    expect(mail.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(mail.body).not.toContain('督办台账');
  });

  it('escapes cell text in its HTML, and only there', () => {
    const xss: CircularCase = { unit: '市城管局', tasks: [task('DB-0009', { task: '<script>alert(1)</script>破损' })] };
    const m = composeCircular({ ...doc, case: xss }, ['a@x.cn'], { t: zh, office: OFFICE });
    expect(m.body).toContain('<script>alert(1)</script>破损');
    expect(m.htmlBody).not.toContain('<script>');
    expect(m.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;破损');
  });

  it('says in a dry run whom it was meant for', () => {
    const m = composeCircular(doc, ['admin@x.cn'], { t: zh, office: OFFICE, dryRunFor: ['a@x.cn', 'b@x.cn', 'dcs@x.cn'] });
    expect(m.subject).toBe('【试运行】【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）');
    expect(m.body.split('\n')[1]).toBe(
      '试运行：本邮件本应发给 a@x.cn、b@x.cn、dcs@x.cn，现只发给管理员。试运行结束后，他们将收到以下内容。',
    );
  });

  it('reads in English too', () => {
    const m = composeCircular({ ...doc, number: 'X (2026) No. 1' }, ['a@x.cn'], { t: en, office: OFFICE });
    expect(m.subject).toBe('[Circular] Public criticism of 市城管局 (X (2026) No. 1)');
    expect(m.body).toContain('it has been decided to criticise 市城管局 publicly.');
    expect(m.body).toContain('X创城督〔2026〕3号 (reply by 10 November 2026)');
  });
});

describe('who receives a 通报', () => {
  const units = [
    unit('市城管局', { contactEmail: 'cgj@x.cn', headEmail: 'cgj-head@x.cn' }),
    // A bad contact address: its head stands in (the unit's own row, never a guessed address).
    unit('市住建局', { headEmail: 'zjj-head@x.cn', badEmails: { contactEmail: ['zjj#x.cn'] } }),
    // No valid address at all: it cannot be reached; the admin is told, with what the cell held.
    unit('市水利局', { badEmails: { contactEmail: ['slj(at)x.cn'] } }),
    // No address at all.
    unit('市文旅局'),
    // The same contact for two units gets one copy.
    unit('市体育局', { contactEmail: 'CGJ@x.cn' }),
  ];

  it('goes To every unit’s contact (valid addresses only), Cc the 通报抄送 addresses; units with none are named', () => {
    const r = circularRecipients(units, { circularTo: 'contact', circularCc: ['dcs@x.cn', 'jw@x.cn', 'cgj@x.cn'] });
    expect(r.to).toEqual([
      { address: 'cgj@x.cn', unit: '市城管局', role: 'contact' },
      { address: 'zjj-head@x.cn', unit: '市住建局', role: 'head' },
    ]);
    // An address already in To is not copied again.
    expect(r.cc).toEqual(['dcs@x.cn', 'jw@x.cn']);
    expect(r.unreached).toEqual([
      { unit: '市水利局', bad: ['slj(at)x.cn'] },
      { unit: '市文旅局', bad: [] },
    ]);
  });

  it('goes to the heads too when 通报送达 says 联系人和主要负责人', () => {
    const r = circularRecipients(units, { circularTo: 'contactAndHead', circularCc: [] });
    expect(r.to.map((x) => `${x.unit}:${x.role}:${x.address}`)).toEqual([
      '市城管局:contact:cgj@x.cn',
      '市城管局:head:cgj-head@x.cn',
      '市住建局:head:zjj-head@x.cn',
    ]);
  });
});

describe('the log rows a 通报 leaves', () => {
  it('one event per task (通报批评, 已记录, with the 文号; none yet when held for the bulletin)', () => {
    expect(circularEvents(CASE, NUMBER)).toEqual([
      { key: 'DB-0001', unit: '市城管局', deadline: day('2026-11-02'), number: NUMBER },
      { key: 'DB-0004', unit: '市城管局', deadline: day('2026-11-09'), number: NUMBER },
    ]);
    expect(circularEvents(CASE, '').map((e) => e.number)).toEqual(['', '']);
  });

  it('a 通报 the quota held back is owed with its queued rows (延后): the rows it goes under, not a second set', () => {
    const issued = day('2026-10-16');
    const row = (index: number, over: Partial<LogEntry>): LogEntry => ({
      index,
      number: NUMBER,
      time: undefined,
      day: issued,
      key: 'DB-0001',
      unit: '市城管局',
      level: 'criticism',
      ordinal: 0,
      deadline: day('2026-11-02'),
      to: '',
      role: 'contact',
      subject: '',
      outcome: 'recorded',
      detail: '',
      ...over,
    });
    const queued = [
      row(8, { key: circularKey(NUMBER), to: 'cgj@x.cn', outcome: 'deferred' }),
      row(9, { key: circularKey(NUMBER), to: 'dj@x.cn', role: 'cc', outcome: 'deferred' }),
    ];
    const owed = pendingCirculars([row(7, {}), ...queued], false, day('2026-10-20'));
    expect(owed.map((p) => [p.number, p.keys, p.queued.map((e) => e.index), p.claimedToday])).toEqual([[NUMBER, ['DB-0001'], [8, 9], []]]);
    // Once one of its rows is given, it is owed no more.
    const given = [row(7, {}), { ...queued[0]!, outcome: 'sent' as const }, queued[1]!];
    expect(pendingCirculars(given, false, day('2026-10-20'))).toEqual([]);
  });
});
