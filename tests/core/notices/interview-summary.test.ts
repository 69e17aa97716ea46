/**
 * The admin's summary and 约谈安排 (issue 14, "约谈 is decided by a person"): the cases awaiting
 * 审批 with what is missing, those held (暂缓) with their reason, the 约谈通知 sent today, counted
 * in the day's mails as what they are.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { type AdminSummary, composeAdminSummary } from '../../../src/core/notices/summary';

const zh = translator('zh-CN');
const office = {
  senderName: '市创文办',
  issuingOffice: '市创文办',
  contactPerson: '李明',
  contactPhone: '0571-87001234',
  contactEmail: 'cwb@city.gov.cn',
  officeCode: 'X创城督',
  noticePrefix: 'X创城督',
  countDays: 'working' as const,
  locale: 'zh-CN' as const,
};

const summary: AdminSummary = {
  date: dayFromYmd(2026, 12, 22),
  dryRun: false,
  sent: [
    {
      to: 'sun@zjj.gov.cn',
      toName: '',
      subject: '【约谈通知】关于约谈市住建局党政主要负责人的通知（X创城督约谈〔2026〕1号）',
      numbers: ['X创城督约谈〔2026〕1号'],
      level: 'interview',
      units: ['市住建局'],
      interviewNotice: true,
    },
  ],
  notSent: [],
  failures: [],
  interviews: [],
  needsPerson: [],
  counts: { tasks: 30, overdue: 9 },
  interviewCases: [
    { id: 1, unit: '市住建局', kind: 'sentToday', missing: [], reason: '', number: 'X创城督约谈〔2026〕1号' },
    { id: 2, unit: '市城管局', kind: 'awaiting', missing: ['approval', 'place'], reason: '', number: '' },
    { id: 3, unit: '市交通局', kind: 'onHold', missing: [], reason: '待市委常委会研究', number: '' },
  ],
};

describe('约谈安排 in the admin’s summary', () => {
  const mail = composeAdminSummary(summary, { t: zh, office, to: 'admin@cwb.gov.cn', rowLink: (r) => `#${r}` });

  it('lists the cases awaiting 审批 with what is missing, the held ones with their reason, the 约谈通知 sent today', () => {
    expect(mail.body).toContain(
      [
        '■ 《约谈安排》（3件）',
        '',
        '约谈须经审批：请在《约谈安排》中填写约谈时间、约谈地点、约谈人，并在“审批”一栏选择“同意”或“暂缓”。同意且时间、地点齐全后，约谈通知即发给被约谈人（抄送分管领导和约谈抄送）；未经同意，不发任何约谈通知。',
        '',
        '- 今日已发约谈通知：约谈编号1，市住建局，X创城督约谈〔2026〕1号',
        '- 待审批：约谈编号2，市城管局，尚缺审批、约谈地点',
        '- 暂缓：约谈编号3，市交通局，原因：待市委常委会研究',
      ].join('\n'),
    );
  });

  it('counts the 约谈通知 among the mails sent, never as a 整改通知; the subject agrees', () => {
    expect(mail.body.split('\n')[0]).toBe(
      '2026年12月22日共检查任务30项，其中逾期9项；发出邮件1封，其中整改通知0封、临期提醒0封。发出的邮件中有约谈通知1封。',
    );
    expect(mail.subject).toBe('【督办小结】2026年12月22日：约谈待审批1件，发出1封');
  });
});
