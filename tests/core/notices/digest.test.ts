import { describe, expect, it } from 'vitest';
import { type Day, parseIsoDay } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { composeDigest, type MailContext } from '../../../src/core/notices/digest';
import type { DigestPlan, DigestSection, NoticeLevel, TaskNotice } from '../../../src/core/notices/types';

const zh = translator('zh-CN');
const en = translator('en');
const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(iso);
  return d;
};
const TODAY = day('2026-11-25');
const link = (row: number): string => `https://docs.google.com/spreadsheets/d/SHEET/edit#gid=0&range=A${row}`;
const OFFICE: MailContext['office'] = {
  senderName: '市创文办',
  contactPerson: '李明',
  contactPhone: '0571-87001234',
  contactEmail: 'cwb@city.gov.cn',
  countDays: 'working',
};
const ctx = (over: Partial<MailContext> = {}): MailContext => ({ t: zh, today: TODAY, office: OFFICE, rowLink: link, ...over });

/** A notice given before, its 限期 passed unmet. */
const failed = (number: string, replyBy = '2026-11-18') => ({ number, givenOn: day('2026-11-10'), replyBy: day(replyBy), failed: true });

let serial = 0;
function notice(level: NoticeLevel, over: Partial<TaskNotice> = {}): TaskNotice {
  serial += 1;
  const reminder = level === 'reminder';
  return {
    key: `T${serial}`,
    row: serial + 2,
    unit: '市城管局',
    coUnits: [],
    task: `任务${serial}`,
    place: '',
    deadline: reminder ? day('2026-11-27') : day('2026-11-20'),
    daysOverdue: reminder ? 0 : 3,
    level,
    ordinal: reminder ? 0 : 1,
    number: reminder ? '' : `督办〔2026〕第${serial}号`,
    ...over,
  };
}
const lead = (unit: string, notices: TaskNotice[]): DigestSection => ({ unit, role: 'lead', notices });
const support = (unit: string, notices: TaskNotice[]): DigestSection => ({ unit, role: 'support', notices });
const plan = (sections: DigestSection[], toName = '张三', number = ''): DigestPlan => ({
  to: 'zhang@cgj.gov.cn',
  toName,
  number,
  sections,
});

describe('the digest subject', () => {
  it('names the unit, the count, the highest level and the date', () => {
    const p = plan([lead('市城管局', [notice('notice'), notice('notice'), notice('notice')])]);
    expect(composeDigest(p, ctx()).subject).toBe('【整改通知】市城管局：3项创城任务逾期未整改（2026年11月25日）');
    expect(composeDigest(p, ctx({ t: en })).subject).toBe(
      '[Rectification notice] 市城管局: 3 overdue task(s) not rectified (25 November 2026)',
    );
    // A numbered document carries its 文号 instead of the date (issue 14).
    const numbered = plan([lead('市城管局', [notice('notice')])], '张三', 'X创城督〔2026〕5号');
    expect(composeDigest(numbered, ctx()).subject).toBe('【整改通知】市城管局：1项创城任务逾期未整改（X创城督〔2026〕5号）');
    expect(composeDigest(numbered, ctx()).body.startsWith('X创城督〔2026〕5号\n\n■ 整改通知\n\n市城管局：\n\n')).toBe(true);
  });

  it('names the first unit and how many units there are, at the most urgent level among them', () => {
    const p = plan([
      lead('市城管局', [notice('notice'), notice('criticism'), notice('notice')]),
      lead('市住建局', [notice('interview', { unit: '市住建局' }), notice('notice', { unit: '市住建局' })]),
      lead('市交通局', [notice('notice', { unit: '市交通局' }), notice('criticism', { unit: '市交通局' })]),
    ]);
    expect(composeDigest(p, ctx()).subject).toBe('【整改通知】市城管局等3个单位：7项创城任务逾期未整改（2026年11月25日）');
    expect(composeDigest(p, ctx({ t: en })).subject).toBe(
      '[Rectification notice] 市城管局 and 2 other unit(s): 7 overdue task(s) not rectified (25 November 2026)',
    );
  });

  it('says "due soon" when there are only reminders', () => {
    const p = plan([lead('市城管局', [notice('reminder'), notice('reminder')])]);
    expect(composeDigest(p, ctx()).subject).toBe('【临期提醒】市城管局：2项任务即将到期（2026年11月25日）');
    expect(composeDigest(p, ctx({ t: en })).subject).toBe('[Reminder] 市城管局: 2 task(s) due soon (25 November 2026)');
  });

  it('counts overdue tasks and reminders apart when a digest has both', () => {
    const p = plan([lead('市城管局', [notice('reminder'), notice('notice'), notice('notice')])]);
    expect(composeDigest(p, ctx()).subject).toBe('【整改通知】市城管局：2项创城任务逾期未整改，另有1项即将到期（2026年11月25日）');
  });

  it('counts a task once when the person gets it both as lead and as co-unit', () => {
    const shared = notice('notice');
    const p = plan([lead('市城管局', [shared]), support('市执法局', [shared])]);
    expect(composeDigest(p, ctx()).subject).toBe('【整改通知】市城管局等2个单位：1项创城任务逾期未整改（2026年11月25日）');
  });

  it('shortens a very long unit name so the subject stays within MailApp’s limit', () => {
    const long = '某'.repeat(300);
    const subject = composeDigest(plan([lead(long, [notice('notice', { unit: long })])]), ctx()).subject;
    expect(subject).toBe(`【整改通知】${'某'.repeat(39)}…：1项创城任务逾期未整改（2026年11月25日）`);
    expect(subject.length).toBeLessThan(250);
  });
});

describe('the digest body', () => {
  it('puts the units the person leads first and the supported unit last, in a 配合 section of its own', () => {
    const p = plan([
      support('市住建局', [notice('notice', { unit: '市交通局', task: '修复破损路面' })]),
      lead('市城管局', [notice('notice', { task: '清理占道经营' })]),
    ]);
    const { body } = composeDigest(p, ctx());
    const leadAt = body.indexOf('■ 市城管局：牵头任务1项');
    const supportAt = body.indexOf('■ 市住建局：配合任务1项');
    expect(leadAt).toBeGreaterThan(-1);
    expect(supportAt).toBeGreaterThan(leadAt);
    expect(body.indexOf('清理占道经营')).toBeLessThan(supportAt);
    expect(body.slice(supportAt)).toMatch(/修复破损路面\n {3}编号：T\d+\n {3}牵头单位：市交通局\n/);
    expect(body).toContain('贵单位作为配合单位的1项任务一并列出');
  });

  it('groups the tasks by level, most urgent first, and the longest overdue first within a level', () => {
    const p = plan([
      lead('市城管局', [
        notice('reminder', { task: '提醒甲' }),
        notice('notice', { task: '督办短', daysOverdue: 2 }),
        notice('notice', {
          task: '通报甲',
          daysOverdue: 12,
          ordinal: 3,
          escalated: true,
          earlier: [failed('X〔2026〕1号'), failed('X〔2026〕2号')],
        }),
        notice('notice', { task: '督办长', daysOverdue: 9, ordinal: 2, earlier: [failed('X〔2026〕1号')] }),
      ]),
    ]);
    const { body } = composeDigest(p, ctx());
    const order = ['【督办】3项', '通报甲', '督办长', '督办短', '【临期提醒】1项', '提醒甲'];
    const positions = order.map((s) => body.indexOf(s));
    expect(positions[0]).toBeGreaterThan(-1);
    positions.slice(1).forEach((at, i) => {
      expect(at, order[i + 1]).toBeGreaterThan(positions[i] ?? Infinity);
    });
    expect(body).toContain('其中2项前次整改通知限期已过，仍未达到整改要求，现再次督办。');
    expect(body).toContain('其中1项已多次未达到整改要求，予以全市通报批评，本通知同时抄送单位主要负责人。');
    expect(body).toContain('另有1项任务即将到达整改时限');
  });

  it('shows each task’s text, place, deadline, days overdue, notice number and which notice it is, and its row', () => {
    const p = plan([
      lead('市城管局', [
        notice('notice', {
          key: 'DB-0012',
          task: '清理占道经营',
          place: '西关街',
          row: 12,
          daysOverdue: 5,
          ordinal: 3,
          number: '督办〔2026〕12号',
          earlier: [failed('督办〔2026〕3号', '2026-11-10'), failed('督办〔2026〕7号', '2026-11-18')],
        }),
      ]),
    ]);
    const { body, htmlBody } = composeDigest(p, ctx());
    const ladder =
      '第3次督办；前次整改通知督办〔2026〕3号（限期2026年11月10日）未达到整改要求；前次整改通知督办〔2026〕7号（限期2026年11月18日）未达到整改要求';
    expect(body).toContain(
      [
        '1. 清理占道经营',
        '   编号：DB-0012',
        '   点位：西关街',
        '   整改时限：2026年11月20日',
        '   逾期：5个工作日',
        `   督办情况：${ladder}`,
        `   台账：第12行 ${link(12)}`,
      ].join('\n'),
    );
    expect(htmlBody).toContain('<a href="https://docs.google.com/spreadsheets/d/SHEET/edit#gid=0&amp;range=A12">第12行</a>');
    expect(htmlBody).toContain(`<td valign="top">${ladder}</td>`);
  });

  it('shows 问题来源 and 整改要求 when the ledger has them (issue 14)', () => {
    const p = plan([lead('市城管局', [notice('notice', { task: '清理占道经营', source: '省测评暗访', requirement: '三日内清理完毕' })])]);
    const { body } = composeDigest(p, ctx());
    expect(body).toMatch(/1\. 清理占道经营\n {3}编号：T\d+\n {3}问题来源：省测评暗访\n {3}整改要求：三日内清理完毕\n {3}整改时限：/);
    expect(composeDigest(plan([lead('市城管局', [notice('notice')])]), ctx()).body).not.toContain('整改要求：');
  });

  it('leaves out the place when there is none, and days overdue and number for a reminder', () => {
    const { body } = composeDigest(plan([lead('市城管局', [notice('reminder', { task: '补种行道树', row: 7 })])]), ctx());
    expect(body).toMatch(/1\. 补种行道树\n {3}编号：T\d+\n {3}整改时限：2026年11月27日\n {3}台账：第7行 /);
    expect(body).not.toContain('点位');
    expect(body).not.toContain('督办情况');
    expect(body).toContain('任务完成后，请在台账中将其状态改为“待验收”');
  });

  it('addresses the person, says what to do and how to close, and signs with the sender and date', () => {
    const { body } = composeDigest(plan([lead('市城管局', [notice('notice')])]), ctx());
    expect(body.startsWith('市城管局：\n\n截至2026年11月25日，下列1项任务已超过整改时限，仍未整改到位。\n\n')).toBe(true);
    expect(body).toContain(
      '请接此通知后立即组织整改，并将书面整改情况（附整改前后对比照片）报市创文办（cwb@city.gov.cn）。整改完成后，请在台账中将该任务的状态改为“待验收”',
    );
    expect(body.endsWith('联系人：李明；联系电话：0571-87001234；联系邮箱：cwb@city.gov.cn。\n\n市创文办\n2026年11月25日\n')).toBe(true);
  });

  it('states the 整改限期 of the notice in 年月日, and what to send by then (issue 14)', () => {
    const { body, htmlBody } = composeDigest(plan([lead('市城管局', [notice('notice', { replyBy: day('2026-12-03') })])]), ctx());
    expect(body).toContain(
      '请于2026年12月3日前整改到位，并书面报送整改情况（附整改前后对比照片）至市创文办（cwb@city.gov.cn）。整改完成后，请在台账中将该任务的状态改为“待验收”',
    );
    expect(htmlBody).toContain('请于2026年12月3日前整改到位，并书面报送整改情况（附整改前后对比照片）');
    const english = composeDigest(plan([lead('市城管局', [notice('notice', { replyBy: day('2026-12-03') })])]), ctx({ t: en }));
    expect(english.body).toContain('Please rectify them by 3 December 2026 and send 市创文办 a written report');
  });

  it('is addressed to the unit, not the person, and signs as 创城办, never 督办台账, until 发文机关 is filled in', () => {
    const { body } = composeDigest(
      plan([lead('市城管局', [notice('notice')])], ''),
      ctx({ office: { ...OFFICE, senderName: zh('office.unnamed') } }),
    );
    expect(body.startsWith('市城管局：\n\n')).toBe(true);
    expect(body.endsWith('创城办\n2026年11月25日\n')).toBe(true);
    expect(body).not.toContain('督办台账');
  });

  it('is written in English for an English office', () => {
    const { body } = composeDigest(
      plan([lead('市城管局', [notice('notice', { task: '清理', row: 4, ordinal: 2, number: 'Notice (2026) No. 4' })])]),
      ctx({ t: en }),
    );
    expect(body).toContain('To 市城管局:\n\nAs of 25 November 2026, the 1 task(s) below are past their deadline and not yet rectified.');
    expect(body).toContain('■ 市城管局: 1 task(s) it leads\n\n[Notice] 1 task(s)\n\n1. 清理\n');
    expect(body).toContain('   Notices: notice 2 on this task\n');
    expect(body).toContain('set its status in the ledger to "Awaiting verification"');
  });
});

describe('cell values in the digest', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const FORMULA = '=HYPERLINK("http://x","y")';
  const p: DigestPlan = {
    to: 'zhang@cgj.gov.cn',
    toName: '张<三>',
    number: '',
    sections: [
      lead(`城管 & ${SCRIPT}`, [
        notice('notice', { unit: `城管 & ${SCRIPT}`, task: `${SCRIPT} & ${FORMULA}`, place: `${FORMULA} & ${SCRIPT}` }),
      ]),
      support(`住建 & ${SCRIPT}`, [notice('notice', { unit: `交通 & ${SCRIPT}`, task: '配合 & "引号"' })]),
    ],
  };
  const mail = composeDigest(p, ctx());

  it('are escaped in HTML: no script, no link made from a formula, & and quotes as entities', () => {
    expect(mail.htmlBody).not.toMatch(/<script/i);
    expect(mail.htmlBody).not.toContain('href="http://x"');
    expect(mail.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(mail.htmlBody).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) &amp; &lt;script&gt;');
    expect(mail.htmlBody).toContain('城管 &amp; &lt;script&gt;alert(1)&lt;/script&gt;：牵头任务1项');
    expect(mail.htmlBody).toContain('<td valign="top">交通 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(mail.htmlBody).toContain('配合 &amp; &quot;引号&quot;');
    expect(mail.htmlBody).toContain('城管 &amp; &lt;script&gt;alert(1)&lt;/script&gt;、住建 &amp; &lt;script&gt;alert(1)&lt;/script&gt;：');
  });

  it('appear literally in the plain text', () => {
    expect(mail.body).toContain(
      `1. ${SCRIPT} & ${FORMULA}\n   编号：${mail.body.match(/编号：(T\d+)/)?.[1]}\n   点位：${FORMULA} & ${SCRIPT}\n`,
    );
    expect(mail.body).toContain(`■ 城管 & ${SCRIPT}：牵头任务1项`);
    expect(mail.body).toContain(`■ 住建 & ${SCRIPT}：配合任务1项`);
    expect(mail.body).toContain(`城管 & ${SCRIPT}、住建 & ${SCRIPT}：`);
  });

  it('appear literally in the subject, which is not HTML', () => {
    expect(mail.subject).toBe(`【整改通知】城管 & ${SCRIPT}等2个单位：2项创城任务逾期未整改（2026年11月25日）`);
  });

  it('make a link only of a web address', () => {
    const bad = composeDigest(plan([lead('市城管局', [notice('notice', { row: 3 })])]), ctx({ rowLink: () => 'javascript:alert(1)' }));
    expect(bad.htmlBody).not.toContain('javascript:');
    expect(bad.htmlBody).toContain('<td valign="top">第3行</td>');
  });

  it('render with inline styles only: no style sheet, no image, no external resource', () => {
    expect(mail.htmlBody).not.toMatch(/<style|<link|<img|<script|src=/i);
    expect(mail.htmlBody).toContain(
      '<span style="display:inline-block;padding:1px 8px;border-radius:3px;background-color:#e65100;color:#ffffff;font-weight:bold">督办</span>',
    );
  });
});

describe('a dry-run digest', () => {
  const p = plan([lead('市城管局', [notice('notice')])]);

  it('says at its top whom it was meant for, and its subject says it is a dry run', () => {
    const mail = composeDigest(p, ctx({ dryRunFor: ['zhang@cgj.gov.cn', 'li@cgj.gov.cn'] }));
    expect(mail.subject).toBe('【试运行】【整改通知】市城管局：1项创城任务逾期未整改（2026年11月25日）');
    const banner = '试运行：本邮件本应发给 zhang@cgj.gov.cn、li@cgj.gov.cn，现只发给管理员。';
    expect(mail.body.split('\n')[1]?.startsWith(banner)).toBe(true);
    expect(mail.body.indexOf(banner)).toBeLessThan(mail.body.indexOf('市城管局：'));
    expect(mail.htmlBody.indexOf(banner)).toBeLessThan(mail.htmlBody.indexOf('市城管局：'));
    expect(mail.htmlBody).toContain('border:2px dashed #e65100');
  });

  it('names the plan’s recipient when no list is given, in English too', () => {
    const mail = composeDigest(p, ctx({ t: en, dryRunFor: [] }));
    expect(mail.subject).toBe('[Dry run] [Rectification notice] 市城管局: 1 overdue task(s) not rectified (25 November 2026)');
    expect(mail.body).toContain('Dry run: this mail was meant for zhang@cgj.gov.cn and went to the admin only.');
  });

  it('has no banner outside a dry run', () => {
    const mail = composeDigest(p, ctx());
    expect(mail.body).not.toContain('试运行');
    expect(mail.htmlBody).not.toContain('试运行');
  });
});

describe('composeDigest: a unit with very many tasks', () => {
  it("lists the most urgent hundred, counts the rest with the link to the ledger, and keeps the subject's full count", () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      notice(i < 5 ? 'interview' : 'notice', { key: `DB-${i}`, row: i + 3, task: `问题${i}`, daysOverdue: i < 5 ? 30 : 1 }),
    );
    const mail = composeDigest(plan([lead('市城管局', many)]), ctx());
    expect(mail.subject).toContain('130项');
    expect(mail.body).toContain('另有30项任务没有在本邮件中逐项列出（一封邮件最多列100项）');
    expect(mail.body).toContain(link(1));
    // The five interviews are listed; the tail of the least urgent is not.
    for (let i = 0; i < 5; i++) expect(mail.body).toContain(`问题${i}\n`.trim());
    expect(mail.body).not.toContain('问题129');
    expect(Buffer.byteLength(mail.htmlBody, 'utf8')).toBeLessThan(200 * 1024);
  });
});

describe('a notice that carries the reply page link (issue 16)', () => {
  const webappLink = (unit: string) => `https://script.google.com/macros/s/ID/exec?t=${encodeURIComponent(unit)}`;

  it('asks the unit to answer through the link, not by editing the office’s sheet, and ends with the link', () => {
    const p = plan([lead('市城管局', [notice('notice')])]);
    const online = composeDigest(p, ctx({ webappLink })).body;
    expect(online).toContain('整改完成后，请点击文末“在线报送整改情况”链接，逐项填报整改措施并上传整改前后对比照片，经验收合格后销号');
    expect(online).not.toContain('请在台账中将该任务的状态改为');
    expect(online).toContain(`在线报送整改情况：${webappLink('市城管局')}`);
    // Without the web app, the notice asks as before: the status typed in the ledger.
    const offline = composeDigest(p, ctx()).body;
    expect(offline).toContain('整改完成后，请在台账中将该任务的状态改为“待验收”');
    expect(offline).not.toContain('在线报送');
  });

  it('asks a unit whose tasks are only due soon to report through the link as well', () => {
    const body = composeDigest(plan([lead('市城管局', [notice('reminder')])]), ctx({ webappLink })).body;
    expect(body).toContain('任务完成后，请点击文末“在线报送整改情况”链接报送整改情况');
  });
});
