import { describe, expect, it } from 'vitest';
import { type Day, parseIsoDay } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import {
  type AdminSummary,
  composeAdminSummary,
  NEEDS_PERSON_SHOWN,
  type NotSent,
  type SentDigest,
  type SummaryContext,
} from '../../../src/core/notices/summary';
import type { TaskNotice } from '../../../src/core/notices/types';

const zh = translator('zh-CN');
const en = translator('en');
const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(iso);
  return d;
};
const link = (row: number): string => `https://docs.google.com/spreadsheets/d/SHEET/edit#gid=0&range=A${row}`;
const ctx = (over: Partial<SummaryContext> = {}): SummaryContext => ({
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
  rowLink: link,
  ...over,
});

const sentTo = (to: string, over: Partial<SentDigest> = {}): SentDigest => ({
  to,
  toName: '',
  subject: '【督办】市城管局：1项创城任务逾期未整改（2026年11月25日）',
  numbers: ['督办〔2026〕1号'],
  level: 'notice',
  units: ['市城管局'],
  ...over,
});

const interviewTask: TaskNotice = {
  key: 'K7',
  row: 9,
  unit: '市城管局',
  coUnits: [],
  task: '清理西关街占道经营',
  place: '西关街',
  deadline: day('2026-11-02'),
  daysOverdue: 17,
  level: 'interview',
  ordinal: 3,
  number: '督办〔2026〕31号',
};

function summary(over: Partial<AdminSummary> = {}): AdminSummary {
  return {
    date: day('2026-11-25'),
    dryRun: false,
    sent: [],
    notSent: [],
    failures: [],
    interviews: [],
    needsPerson: [],
    counts: { tasks: 120, overdue: 14 },
    ...over,
  };
}

const eightSent = Array.from({ length: 8 }, (_, i) => sentTo(`u${i}@gov.cn`));
const twoNotSent: NotSent[] = [
  { unit: '某某局', taskKeys: ['K1'], numbers: [], reason: 'noUnit' },
  { unit: '市住建局', taskKeys: ['K2'], numbers: ['督办〔2026〕5号'], reason: 'noAddress' },
];

describe('the summary subject', () => {
  it('says the date, how many mails went out and how many tasks did not', () => {
    const s = summary({ sent: eightSent, notSent: twoNotSent });
    expect(composeAdminSummary(s, ctx()).subject).toBe('【督办小结】2026年11月25日：发出8封，未发出2项');
    expect(composeAdminSummary(s, ctx({ t: en })).subject).toBe('[Notice summary] 25 November 2026: 8 mail(s) sent, 2 task(s) not sent');
  });

  it('leads with the interviews when there are any, and leaves out "not sent" when everything went', () => {
    const s = summary({ sent: eightSent, interviews: [{ unit: '市城管局', head: '王局长', leader: '李副市长', tasks: [interviewTask] }] });
    expect(composeAdminSummary(s, ctx()).subject).toBe('【督办小结】2026年11月25日：约谈1个单位，发出8封');
    expect(composeAdminSummary(s, ctx({ t: en })).subject).toBe('[Notice summary] 25 November 2026: 1 interview(s), 8 mail(s) sent');
  });

  it('counts a task once when it missed two of its recipients', () => {
    const s = summary({
      notSent: [
        { unit: '市城管局', taskKeys: ['K1', 'K2'], numbers: [], to: 'bad@', reason: 'badAddress' },
        { unit: '市城管局', taskKeys: ['K1', 'K2'], numbers: [], reason: 'noAddress' },
      ],
    });
    expect(composeAdminSummary(s, ctx()).subject).toBe('【督办小结】2026年11月25日：发出0封，未发出2项');
  });

  it('is marked as a dry run in a dry run', () => {
    expect(composeAdminSummary(summary({ dryRun: true, sent: eightSent }), ctx()).subject).toBe(
      '【试运行】【督办小结】2026年11月25日：发出8封',
    );
  });
});

describe('the summary body', () => {
  const full = summary({
    sent: [sentTo('zhang@cgj.gov.cn', { toName: '张三', level: 'interview', numbers: ['督办〔2026〕31号', '督办〔2026〕32号'] })],
    notSent: [
      { unit: '市交通局', taskKeys: ['K5'], numbers: ['督办〔2026〕6号'], to: 'jt@gov.cn', reason: 'quota' },
      { unit: '某某局', taskKeys: ['K1'], numbers: [], reason: 'noUnit' },
      { unit: '市住建局', taskKeys: ['K3'], numbers: [], to: 'zj@gov.cn', reason: 'uncertain' },
      { unit: '市水务局', taskKeys: ['K4'], numbers: [], to: 'sw@gov.cn', reason: 'failed', detail: 'Invalid email: sw@gov.cn' },
    ],
    interviews: [{ unit: '市城管局', head: '王局长', leader: '', tasks: [interviewTask] }],
    needsPerson: ['《任务台账》第4行：未填写责任单位'],
  });
  const mail = composeAdminSummary(full, ctx());

  it('goes to the admin', () => {
    expect(mail.to).toBe('admin@cwb.gov.cn');
  });

  it('opens with the day’s counts, then 约谈, what was not sent, what was sent, and rows that need a person', () => {
    // Counted from what was sent, as the subject counts it (one mail today).
    expect(mail.body.startsWith('2026年11月25日共检查任务120项，其中逾期14项；发出邮件1封，其中整改通知1封、临期提醒0封。\n\n')).toBe(true);
    expect(mail.subject).toContain('发出1封');
    const order = [
      '■ 约谈（1个单位）',
      '■ 未能发出（4项任务）',
      '■ 已发出（1封）',
      '■ 需要人工处理的行（1条）',
      '市创文办\n2026年11月25日',
    ];
    const positions = order.map((s) => mail.body.indexOf(s));
    expect(positions[0]).toBeGreaterThan(-1);
    positions.slice(1).forEach((at, i) => {
      expect(at, order[i + 1]).toBeGreaterThan(positions[i] ?? Infinity);
    });
  });

  it('names the interview’s unit, head and leader, with the tasks, their numbers and rows', () => {
    expect(mail.body).toContain('□ 市城管局：主要负责人 王局长，分管领导 （名录未填）');
    expect(mail.body).toContain(
      [
        '1. 清理西关街占道经营',
        '   点位：西关街',
        '   整改时限：2026年11月2日',
        '   逾期：17个工作日',
        '   督办文号：督办〔2026〕31号（第3次督办）',
        `   台账：第9行 ${link(9)}`,
      ].join('\n'),
    );
  });

  it('groups what was not sent by reason, what needs the admin first, each with what to do', () => {
    const titles = ['□ 不确定是否已发出', '□ 发送出错', '□ 责任单位不在名录中', '□ 今日邮件配额已用完'];
    const positions = titles.map((s) => mail.body.indexOf(s));
    expect(positions[0]).toBeGreaterThan(-1);
    positions.slice(1).forEach((at, i) => {
      expect(at, titles[i + 1]).toBeGreaterThan(positions[i] ?? Infinity);
    });
    expect(mail.body).toContain('为避免重复，系统不会重发：请与收件人核实是否收到');
    expect(mail.body).toContain('请在名录中补上该单位，或改正台账中的单位名称');
    expect(mail.body).toContain('已顺延，下次运行时按紧急程度优先发送，无需处理。');
    expect(mail.body).toContain('1. 市水务局\n   收件人：sw@gov.cn\n   任务编号：K4\n   说明：Invalid email: sw@gov.cn');
    expect(mail.body).not.toContain('□ 名录中没有邮箱');
  });

  it('lists what was sent to whom, with the level as a coloured label in HTML', () => {
    expect(mail.body).toContain(
      '1. 张三（zhang@cgj.gov.cn）\n   级别：约谈\n   单位：市城管局\n   督办文号：督办〔2026〕31号、督办〔2026〕32号\n',
    );
    expect(mail.htmlBody).toContain('background-color:#7f0000;color:#ffffff;font-weight:bold">约谈</span>');
  });

  it('says so when nothing was due', () => {
    const quiet = composeAdminSummary(summary(), ctx());
    expect(quiet.body).toContain('■ 已发出（0封）\n\n今天没有需要发送的督办邮件。');
    expect(quiet.body).not.toContain('约谈');
    expect(quiet.body).not.toContain('未能发出');
    expect(quiet.body).not.toContain('需要人工处理');
  });

  it('says at its top that a dry run sent everything to the admin only', () => {
    const dry = composeAdminSummary(summary({ dryRun: true, sent: eightSent }), ctx());
    expect(dry.body.split('\n')[1]).toBe('试运行：今天的督办邮件都只发给了管理员（即本邮箱），没有发给责任单位；督办记录记为“试运行”。');
    expect(dry.body).toContain('■ 试运行邮件（8封，均只发给了管理员；收件人为本应发给的人）');
  });

  it('is written in English for an English office', () => {
    const m = composeAdminSummary(full, ctx({ t: en }));
    expect(m.body.startsWith('On 25 November 2026: 120 tasks checked, 14 overdue; 1 mail(s) sent: 1 notice(s), 0 reminder(s).\n')).toBe(
      true,
    );
    expect(m.body).toContain('■ Interviews (1 unit(s))');
    expect(m.body).toContain('□ 市城管局: head 王局长, supervising leader (not in the directory)');
    expect(m.body).toContain('□ May or may not have gone out');
  });
});

describe('rows that need a person', () => {
  it('lists the first 50 and counts the rest', () => {
    const lines = Array.from({ length: 63 }, (_, i) => `《任务台账》第${i + 3}行：未填写责任单位`);
    const mail = composeAdminSummary(summary({ needsPerson: lines }), ctx());
    expect(NEEDS_PERSON_SHOWN).toBe(50);
    expect(mail.body).toContain('■ 需要人工处理的行（63条）');
    expect(mail.body).toContain('- 《任务台账》第52行：未填写责任单位\n\n……另有13条未列出，见任务表的“系统提示”列。');
    expect(mail.body).not.toContain('第53行');
    expect(mail.htmlBody.match(/<li>/g)).toHaveLength(50);
  });

  it('lists them all when there are 50 or fewer', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `《任务台账》第${i + 3}行：未填写任务内容`);
    const mail = composeAdminSummary(summary({ needsPerson: lines }), ctx());
    expect(mail.body).toContain('第52行');
    expect(mail.body).not.toContain('另有');
  });
});

describe('cell values in the summary', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const FORMULA = '=HYPERLINK("http://x","y")';
  const s = summary({
    sent: [sentTo('a@gov.cn', { toName: `张 & ${SCRIPT}`, units: [`城管 & ${FORMULA}`], subject: `【督办】${SCRIPT}` })],
    notSent: [{ unit: `某 & ${SCRIPT}`, taskKeys: ['K1'], numbers: [], reason: 'failed', detail: FORMULA }],
    interviews: [{ unit: SCRIPT, head: FORMULA, leader: '李 & 王', tasks: [{ ...interviewTask, task: SCRIPT, place: FORMULA }] }],
    needsPerson: [`《任务台账》第4行：无法识别的状态“${SCRIPT}”`],
  });
  const mail = composeAdminSummary(s, ctx());

  it('are escaped in HTML', () => {
    expect(mail.htmlBody).not.toMatch(/<script/i);
    expect(mail.htmlBody).not.toContain('href="http://x"');
    expect(mail.htmlBody).toContain('张 &amp; &lt;script&gt;alert(1)&lt;/script&gt;（a@gov.cn）');
    expect(mail.htmlBody).toContain('城管 &amp; =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(mail.htmlBody).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;：主要负责人 =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)，分管领导 李 &amp; 王',
    );
    expect(mail.htmlBody).toContain('<li>《任务台账》第4行：无法识别的状态“&lt;script&gt;alert(1)&lt;/script&gt;”</li>');
  });

  it('appear literally in the plain text', () => {
    expect(mail.body).toContain(`1. 张 & ${SCRIPT}（a@gov.cn）`);
    expect(mail.body).toContain(`□ ${SCRIPT}：主要负责人 ${FORMULA}，分管领导 李 & 王`);
    expect(mail.body).toContain(`1. 某 & ${SCRIPT}\n   任务编号：K1\n   说明：${FORMULA}`);
    expect(mail.body).toContain(`- 《任务台账》第4行：无法识别的状态“${SCRIPT}”`);
  });
});

describe('the day’s 通报 in the summary (issue 14: 通报批评 is a 通报)', () => {
  const circulars = {
    sent: [{ number: 'X创城督通报〔2026〕1号', unit: '市城管局', recipients: 42 }],
    held: [{ unit: '市住建局', keys: ['K3', 'K4'] }],
    pending: [{ number: 'X创城督通报〔2026〕2号', unit: '市交通局', reason: 'quota' as const }],
    unreached: [
      { unit: '市水利局', bad: ['slj(at)x.cn'] },
      { unit: '市文旅局', bad: [] },
    ],
  };

  it('says in subject and body what went (文号, unit, how many recipients), what was held, what is owed, and who could not be reached', () => {
    const mail = composeAdminSummary(summary({ sent: eightSent, circulars }), ctx());
    expect(mail.subject).toBe('【督办小结】2026年11月25日：通报1份，发出8封');
    expect(mail.body).toContain(
      ['■ 今日发出通报批评的通报1份', '', '1. X创城督通报〔2026〕1号', '   单位：市城管局', '   收件人数：42'].join('\n'),
    );
    expect(mail.body).toContain(
      [
        '■ 通报未发出1份',
        '',
        '1. X创城督通报〔2026〕2号',
        '   单位：市交通局',
        '   说明：今日邮件配额已用完，下次运行时优先发出，文号不变',
      ].join('\n'),
    );
    expect(mail.body).toContain('■ 随月度通报批评1个单位');
    expect(mail.body).toContain(['1. 市住建局', '   任务编号：K3、K4'].join('\n'));
    expect(mail.body).toContain('■ 通报未能送达的单位2个');
    expect(mail.body).toContain(['1. 市水利局', '   说明：slj(at)x.cn', '', '2. 市文旅局'].join('\n'));
  });

  it('says nothing of 通报 on a day without any', () => {
    const none = { sent: [], held: [], pending: [], unreached: [] };
    expect(composeAdminSummary(summary({ sent: eightSent, circulars: none }), ctx()).body).not.toContain('通报');
  });
});

describe('the backlog the quota holds back (issue 17)', () => {
  it("says its size, when it clears at today's rate, and what would clear it sooner", () => {
    const backlog = { mails: 244, recipients: 310, rate: 99, days: 4, clearsOn: day('2026-12-01') };
    const mail = composeAdminSummary(summary({ backlog }), ctx());
    expect(mail.body).toContain('■ 邮件配额积压');
    expect(mail.body).toContain('积压244封邮件（310个收件人）因每日邮件配额未发出。');
    expect(mail.body).toContain('按今日配额每天可发99个收件人计，约需4个工作日，预计2026年12月1日发完');
    expect(mail.body).toContain('改用 Google Workspace 账号运行（每日1500个收件人，个人账号每日100个）');
    expect(mail.body).toContain('在《设置》中把“通报批评方式”改为“随月度通报”');
    const english = composeAdminSummary(summary({ backlog }), ctx({ t: en })).body;
    expect(english).toContain('A backlog of 244 mails (310 recipients)');
    expect(english).toContain('clear by 1 December 2026');
  });

  it("says the backlog does not shrink when the day's quota went before any notice", () => {
    const mail = composeAdminSummary(summary({ backlog: { mails: 3, recipients: 3, rate: 0 } }), ctx());
    expect(mail.body).toContain('按此速度积压不会减少');
  });
});
