/**
 * Issue 17, the mails part: every mail under MailApp's 200 KB body limit. The admin's summary
 * of an escalation day in a city of 200 units and 10,000 tasks would pass it and be refused
 * ("Limit Exceeded: Email Body Size."); it goes out summarised instead, saying how many rows it
 * does not list and which sheet has them all.
 */
import { describe, expect, it } from 'vitest';
import { type Day, parseIsoDay } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { composeCircular } from '../../../src/core/notices/circular';
import { composeDigest } from '../../../src/core/notices/digest';
import { MAIL_BODY_LIMIT_BYTES, mailBodyBytes, recipientBatches, subjectWithinLimit, utf8Bytes } from '../../../src/core/notices/mail-size';
import { type AdminSummary, composeAdminSummary, type SummaryContext } from '../../../src/core/notices/summary';
import type { TaskNotice } from '../../../src/core/notices/types';

const zh = translator('zh-CN');
const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(iso);
  return d;
};
const BASE = 'https://docs.google.com/spreadsheets/d/SHEET/edit';
const LOG_LINK = `${BASE}#gid=7`;
const ctx: SummaryContext = {
  t: zh,
  office: {
    senderName: '市创文办',
    issuingOffice: '市创文办',
    contactPerson: '李明',
    contactPhone: '0571-87001234',
    contactEmail: 'cwb@city.gov.cn',
    officeCode: 'X创城督',
    noticePrefix: 'X创城督',
    countDays: 'working',
    locale: 'zh-CN',
  },
  to: 'admin@cwb.gov.cn',
  rowLink: (row) => `${BASE}#gid=0&range=A${row}`,
  logLink: () => LOG_LINK,
};

const UNITS = 200;
const TASKS_PER_UNIT = 50; // 10,000 tasks
const unit = (u: number): string => `市第${String(u + 1).padStart(3, '0')}局`;
const key = (u: number, i: number): string => `DB-${String(u * TASKS_PER_UNIT + i + 1).padStart(5, '0')}`;
const row = (u: number, i: number): number => 3 + u * TASKS_PER_UNIT + i;

function task(u: number, i: number): TaskNotice {
  return {
    key: key(u, i),
    row: row(u, i),
    unit: unit(u),
    coUnits: [],
    task: `背街小巷垃圾堆积、占道经营、公益广告破损，第${i + 1}处点位整改不到位`,
    place: `${unit(u)}辖区第${i + 1}号点位`,
    deadline: day('2026-11-02'),
    daysOverdue: 17,
    level: 'interview',
    ordinal: 3,
    number: `X创城督〔2026〕${u * TASKS_PER_UNIT + i + 1}号`,
  };
}

/** The escalation day at 10k tasks × 200 units: every notice failed today, 60 units at 约谈, 140 deferred by the quota. */
function escalationDay(): AdminSummary {
  const units = Array.from({ length: UNITS }, (_, u) => u);
  const each = (u: number) => Array.from({ length: TASKS_PER_UNIT }, (_, i) => i).map((i) => task(u, i));
  return {
    date: day('2026-11-25'),
    dryRun: false,
    sent: units.slice(0, 60).map((u) => ({
      to: `u${u}@city.gov.cn`,
      toName: '张伟',
      subject: `【整改通知】${unit(u)}：50项创城任务逾期未整改（X创城督〔2026〕${u}号）`,
      numbers: [`X创城督〔2026〕${u}号`],
      level: 'interview',
      units: [unit(u)],
    })),
    notSent: units.slice(60).map((u) => ({
      unit: unit(u),
      taskKeys: each(u).map((n) => n.key),
      numbers: [`X创城督〔2026〕${u}号`],
      to: `u${u}@city.gov.cn`,
      reason: 'quota',
    })),
    failures: units.flatMap((u) =>
      each(u).map((n) => ({
        unit: n.unit,
        key: n.key,
        task: n.task,
        number: n.number,
        ordinal: 2,
        replyBy: day('2026-11-24'),
        row: n.row,
      })),
    ),
    interviews: units.slice(0, 60).map((u) => ({ unit: unit(u), head: '王局长', leader: '李副市长', tasks: each(u) })),
    needsPerson: [],
    counts: { tasks: UNITS * TASKS_PER_UNIT, overdue: UNITS * TASKS_PER_UNIT },
  };
}

/** Every 「另有N行未在本邮件中列出…」 of a text body, with the sheet it names. */
function restNotes(body: string): { count: number; sheet: string }[] {
  return [...body.matchAll(/另有(\d+)行未在本邮件中列出，全部见《([^》]+)》/g)].map((m) => ({ count: Number(m[1]), sheet: m[2]! }));
}

describe('a mail under MailApp’s 200 KB body limit', () => {
  it('counts UTF-8 bytes as MailApp does, text and HTML together', () => {
    expect(utf8Bytes('a督😀é')).toBe(1 + 3 + 4 + 2);
    expect(mailBodyBytes('督', '<b>x</b>')).toBe(3 + 8);
  });

  it('sends the summary of an escalation day at 10,000 tasks × 200 units summarised, under the limit, naming what it left out and where', () => {
    const s = escalationDay();
    const mail = composeAdminSummary(s, ctx);
    expect(mailBodyBytes(mail.body, mail.htmlBody)).toBeLessThanOrEqual(MAIL_BODY_LIMIT_BYTES);
    expect(mailBodyBytes(mail.body, mail.htmlBody)).toBeLessThanOrEqual(200_000);
    // The subject still counts the whole day.
    expect(mail.subject).toBe('【督办小结】2026年11月25日：约谈60个单位，未达整改要求10000项，发出60封，未发出7000项');
    // The note at the top says it is a summary and how many rows it does not list.
    const top = mail.body.match(/本邮件内容超过邮件正文上限（200 KB），已改为摘要：(\d+)行未逐项列出/);
    expect(top).not.toBeNull();
    const notes = restNotes(mail.body);
    // Each table left short says how many it leaves out; together they are the top note's count.
    expect(notes.reduce((n, x) => n + x.count, 0)).toBe(Number(top![1]));
    // The 10,000 failures: the first listed, the rest counted, with the link to 督办记录.
    const failed = notes.find((n) => n.sheet === '督办记录' && n.count > 9000);
    expect(failed).toBeDefined();
    expect(mail.body).toContain(`另有${failed!.count}行未在本邮件中列出，全部见《督办记录》：${LOG_LINK}`);
    expect(mail.body).toContain('DB-00001');
    expect(mail.htmlBody).toContain('DB-00001');
    // The interviews point to 约谈安排 and the ledger's rows stay linked.
    expect(notes.some((n) => n.sheet === '约谈安排')).toBe(true);
    // The 7,000 deferred by the quota are still named by unit (140 rows, each with its count of tasks).
    expect(mail.body).toContain(unit(60));
  });

  it('leaves a small summary whole, with no note', () => {
    const s = escalationDay();
    const small: AdminSummary = { ...s, failures: s.failures.slice(0, 3), interviews: [], notSent: [], sent: s.sent.slice(0, 2) };
    const mail = composeAdminSummary(small, ctx);
    expect(mail.body).not.toContain('已改为摘要');
    expect(restNotes(mail.body)).toEqual([]);
    expect(mail.body).toContain('DB-00003');
  });
});

describe('a 整改通知 under the limit', () => {
  it('lists its 100 tasks whole when they fit, and summarises them when their texts would pass 200 KB, pointing to the ledger', () => {
    // A unit's 100 tasks, each described at length in its cell (an office pastes the inspection report).
    const long = (i: number): TaskNotice => ({ ...task(0, i), task: `${'农贸市场周边占道经营、乱堆乱放，'.repeat(60)}第${i + 1}处` });
    const plan = {
      number: 'X创城督〔2026〕1号',
      to: 'u0@city.gov.cn',
      toName: '张伟',
      sections: [{ unit: unit(0), role: 'lead' as const, notices: Array.from({ length: 100 }, (_, i) => long(i)) }],
    };
    const mctx = { t: zh, today: day('2026-11-25'), office: ctx.office, rowLink: ctx.rowLink };
    const mail = composeDigest(plan, mctx);
    expect(mailBodyBytes(mail.body, mail.htmlBody)).toBeLessThanOrEqual(200_000);
    expect(mail.subject).toBe('【整改通知】市第001局：100项创城任务逾期未整改（X创城督〔2026〕1号）');
    const notes = restNotes(mail.body);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.sheet).toBe('任务台账');
    expect(mail.body).toContain(`另有${notes[0]!.count}行未在本邮件中列出，全部见《任务台账》：${BASE}#gid=0&range=A1`);
    expect(mail.body).toMatch(/已改为摘要：\d+行未逐项列出/);
    // The most urgent first: DB-00001 is listed.
    expect(mail.body).toContain('DB-00001');
    // The same tasks with short texts go whole.
    const short = composeDigest(
      { ...plan, sections: [{ ...plan.sections[0]!, notices: Array.from({ length: 100 }, (_, i) => task(0, i)) }] },
      mctx,
    );
    expect(short.body).not.toContain('已改为摘要');
    expect(short.body).toContain('DB-00100');
  });
});

describe('a 通报 under the limit', () => {
  it('names its first matters and says how many more the ledger has, when its matters would pass 200 KB', () => {
    const long = (i: number): TaskNotice => ({
      ...task(0, i),
      level: 'criticism',
      task: `${'农贸市场周边占道经营、乱堆乱放，'.repeat(60)}第${i + 1}处`,
    });
    const doc = {
      case: { unit: unit(0), tasks: Array.from({ length: 150 }, (_, i) => long(i)) },
      number: 'X创城督通报〔2026〕1号',
      day: day('2026-11-25'),
      replyBy: day('2026-12-02'),
    };
    const mail = composeCircular(doc, ['a@x.cn'], { t: zh, office: ctx.office });
    expect(mailBodyBytes(mail.body, mail.htmlBody)).toBeLessThanOrEqual(200_000);
    const notes = restNotes(mail.body);
    expect(notes).toHaveLength(1);
    expect(mail.body).toContain(`另有${notes[0]!.count}行未在本邮件中列出，全部见《任务台账》。`);
    expect(mail.body).toContain('DB-00001');
    // The whole document still: its 文号 and its decision.
    expect(mail.body).toContain('X创城督通报〔2026〕1号');
    expect(mail.subject).toContain(unit(0));
  });
});

describe('a mail to more than 50 addresses', () => {
  it('goes as mails of at most 50 addresses each, To first, then the copies, every address once', () => {
    const to = Array.from({ length: 120 }, (_, i) => ({ address: `u${i}@city.gov.cn`, cc: false }));
    const cc = [
      { address: 'dcs@city.gov.cn', cc: true },
      { address: 'jw@city.gov.cn', cc: true },
    ];
    const batches = recipientBatches([...cc, ...to], (a) => a.cc);
    expect(batches.map((b) => [b.to.length, b.cc.length])).toEqual([
      [50, 0],
      [50, 0],
      [20, 2],
    ]);
    expect(batches.flatMap((b) => [...b.to, ...b.cc]).map((a) => a.address)).toEqual([...to, ...cc].map((a) => a.address));
    expect(recipientBatches(cc, (a) => a.cc)).toEqual([{ to: [], cc }]);
    expect(recipientBatches([], (a: { cc: boolean }) => a.cc)).toEqual([]);
  });
});

describe('a subject under MailApp’s 250 characters', () => {
  it('keeps a 通报 about a unit typed at length under 250 characters, cut with 「…」', () => {
    const name = `市${'某某某'.repeat(100)}局`;
    const doc = {
      case: { unit: name, tasks: [task(0, 0)] },
      number: 'X创城督通报〔2026〕1号',
      day: day('2026-11-25'),
      replyBy: day('2026-12-02'),
    };
    const mail = composeCircular(doc, ['a@x.cn'], { t: zh, office: ctx.office });
    expect(mail.subject.length).toBe(250);
    expect(mail.subject.startsWith(`【通报】关于对市某某某`)).toBe(true);
    expect(mail.subject.endsWith('…')).toBe(true);
    expect(subjectWithinLimit('【通报】短')).toBe('【通报】短');
  });
});
