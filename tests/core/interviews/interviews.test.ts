/**
 * 约谈 is decided by a person (issue 14): the cases a unit's tasks make, 约谈安排 as a person
 * leaves it, and the 约谈通知 as a 公文 of the office.
 */
import { describe, expect, it } from 'vitest';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { arrangementHeader, parseArrangement } from '../../../src/core/interviews/arrangement';
import { documentKey, interviewCases, proposeCases } from '../../../src/core/interviews/cases';
import { decideCases } from '../../../src/core/interviews/decide';
import { composeInterviewNotice } from '../../../src/core/interviews/interview-notice';
import type { LogEntry } from '../../../src/core/notices/log';
import type { Interview, TaskNotice } from '../../../src/core/notices/types';
import { defaultSettings } from '../../../src/core/settings/settings';

const t = translator('zh-CN');
const day = (m: number, d: number): Day => dayFromYmd(2026, m, d);

function entry(over: Partial<LogEntry>): LogEntry {
  return {
    index: 1,
    number: '',
    time: undefined,
    day: day(12, 1),
    key: '',
    unit: '市住建局',
    level: 'interview',
    ordinal: 1,
    deadline: undefined,
    to: '',
    role: 'contact',
    subject: '',
    outcome: 'recorded',
    detail: '',
    ...over,
  };
}

function task(key: string): TaskNotice {
  return {
    key,
    row: 3,
    unit: '市住建局',
    coUnits: [],
    task: '老旧小区飞线充电',
    place: '幸福里',
    deadline: day(9, 18),
    daysOverdue: 50,
    level: 'interview',
    ordinal: 4,
    number: '',
  };
}

const interview = (unit: string, keys: string[]): Interview => ({ unit, head: '', leader: '', tasks: keys.map(task) });

describe('约谈 cases', () => {
  it('puts a unit’s tasks proposed together in one new case, after the highest 约谈编号', () => {
    const proposals = proposeCases([interview('市住建局', ['DB-0001', 'DB-0002']), interview('市城管局', ['DB-0005'])], [], []);
    expect(proposals.map((p) => [p.caseId, p.unit, p.task.key, p.opens])).toEqual([
      [1, '市住建局', 'DB-0001', true],
      [1, '市住建局', 'DB-0002', false],
      [2, '市城管局', 'DB-0005', true],
    ]);
  });

  it('a task joins its unit’s case while the 约谈通知 has not gone; after it went, a new case starts', () => {
    const log = [entry({ key: 'DB-0001', ordinal: 1 })];
    const open = interviewCases(log, false);
    expect(proposeCases([interview('市住建局', ['DB-0002'])], open, log).map((p) => [p.caseId, p.opens])).toEqual([[1, false]]);

    const sent = [
      ...log,
      entry({ key: documentKey('X创城督约谈〔2026〕1号'), number: 'X创城督约谈〔2026〕1号', to: 'sun@zjj.example.org', outcome: 'sent' }),
    ];
    const cases = interviewCases(sent, false);
    expect(cases[0]).toMatchObject({ id: 1, keys: ['DB-0001'], number: 'X创城督约谈〔2026〕1号', notice: 'sent', sentOn: day(12, 1) });
    expect(proposeCases([interview('市住建局', ['DB-0002'])], cases, sent).map((p) => [p.caseId, p.opens])).toEqual([[2, true]]);
  });

  it('never proposes a task the log already has', () => {
    const log = [entry({ key: 'DB-0001', ordinal: 1 })];
    expect(proposeCases([interview('市住建局', ['DB-0001'])], interviewCases(log, false), log)).toEqual([]);
  });
});

const clock = {
  toDay: (d: Date): Day => Math.floor((d.getTime() + 8 * 3600_000) / 86_400_000),
  toMoment: (d: Date) => {
    const local = d.getTime() + 8 * 3600_000;
    return { day: Math.floor(local / 86_400_000), minutes: Math.round((local % 86_400_000) / 60_000) };
  },
  dayOf: (y: number, m: number, d: number): Day => dayFromYmd(y, m, d),
};
const shTime = (m: number, d: number, h: number, min = 0): Date => new Date(Date.UTC(2026, m - 1, d, h - 8, min));

describe('约谈安排 as a person leaves it', () => {
  it('finds its columns by header when a person reordered them and added one', () => {
    const header = arrangementHeader(t);
    // 审批 moved to the front, and the office's own column 经办人 added.
    const reordered = ['审批', '经办人', ...header.filter((h) => h !== '审批')];
    const row: Record<string, unknown> = {
      审批: '同意',
      经办人: '小李',
      约谈编号: 1,
      单位: '市住建局',
      约谈时间: shTime(12, 10, 9, 30),
      约谈地点: '市政府3号会议室',
      约谈人: '市创城办主任',
      需携带材料: '书面检查',
    };
    const sheet = parseArrangement([reordered, reordered.map((h) => row[h] ?? '')], clock, t);
    expect(sheet.missing).toEqual([]);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows).toEqual([
      {
        index: 1,
        caseId: 1,
        time: { day: day(12, 10), minutes: 9 * 60 + 30 },
        place: '市政府3号会议室',
        convener: '市创城办主任',
        materials: '书面检查',
        approval: 'agree',
        remark: '',
        heldOn: undefined,
        matters: '',
        failedNotices: '',
        noticeNumber: '',
        status: '',
      },
    ]);
    const [decision] = decideCases(interviewCases([entry({ key: 'DB-0001' })], false), sheet);
    expect(decision).toMatchObject({ status: 'awaiting', missing: [], ready: true });
  });

  it('reports bad input with its row and column, and sends nothing for that row', () => {
    const header = arrangementHeader(t);
    const at = (h: string): number => header.indexOf(h);
    const row = header.map(() => '' as unknown);
    row[at('约谈编号')] = 1;
    row[at('审批')] = '好的';
    row[at('约谈时间')] = '下周三';
    row[at('约谈地点')] = '市政府3号会议室';
    const sheet = parseArrangement([header, row], clock, t);
    expect(sheet.problems).toEqual([
      { row: 1, column: at('审批'), message: '约谈编号1的“审批”应填“同意”或“暂缓”，现为“好的”：不发约谈通知，请改正' },
      {
        row: 1,
        column: at('约谈时间'),
        message: '约谈编号1的“约谈时间”中“下周三”不是日期和时间（如 2026-12-10 09:30）：不发约谈通知，请改正',
      },
    ]);
    const [decision] = decideCases(interviewCases([entry({ key: 'DB-0001' })], false), sheet);
    expect(decision).toMatchObject({ status: 'awaiting', missing: ['approval', 'time'], ready: false });
  });

  it('reads 约谈时间 typed as text, and holds a 暂缓 case', () => {
    const header = arrangementHeader(t);
    const at = (h: string): number => header.indexOf(h);
    const row = header.map(() => '' as unknown);
    row[at('约谈编号')] = 1;
    row[at('审批')] = '暂缓';
    row[at('备注')] = '待市委常委会研究';
    row[at('约谈时间')] = '2026年12月10日下午3:00';
    const sheet = parseArrangement([header, row], clock, t);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows[0]?.time).toEqual({ day: day(12, 10), minutes: 15 * 60 });
    expect(decideCases(interviewCases([entry({ key: 'DB-0001' })], false), sheet)[0]).toMatchObject({ status: 'onHold', ready: false });
  });
});

describe('the 约谈通知', () => {
  it('is a 公文 of the office: 文号, 主送 the unit, who, when, where, by whom, what to bring, the matters and failed notices, contact and 落款', () => {
    const office = {
      ...defaultSettings('zh-CN'),
      senderName: 'XX市创建全国文明城市工作指挥部办公室',
      contactPerson: '刘洋',
      contactPhone: '0571-87000000',
      contactEmail: 'cwb@example.gov.cn',
    };
    const mail = composeInterviewNotice(
      {
        unit: '市住建局',
        number: 'X创城督约谈〔2026〕1号',
        interviewees: [
          { name: '孙书记', address: 'sun@zjj.example.org' },
          { name: '钱局长', address: 'qian@zjj.example.org' },
        ],
        time: { day: day(12, 10), minutes: 9 * 60 + 30 },
        place: '市政府3号会议室',
        convener: '市创城办主任',
        materials: '书面检查和整改方案',
        matters: [
          {
            matter: 'DB-0001 老旧小区飞线充电（幸福里）',
            failed:
              'DB-0001：X创城督〔2026〕1号（限期2026年9月29日）、X创城督〔2026〕4号（限期2026年10月15日）、X创城督〔2026〕7号（限期2026年10月22日）',
          },
        ],
        today: day(12, 3),
      },
      office,
      t,
    );
    expect(mail.to).toBe('sun@zjj.example.org,qian@zjj.example.org');
    expect(mail.subject).toBe('【约谈通知】关于约谈市住建局党政主要负责人的通知（X创城督约谈〔2026〕1号）');
    expect(mail.body).toBe(
      `${[
        'X创城督约谈〔2026〕1号',
        '■ 关于约谈市住建局党政主要负责人的通知',
        '市住建局：',
        '你单位下列1项创城问题，经多次下达整改通知，逾期仍未达到整改要求。根据“对三次未达到整改要求的，由相关部门对其党政主要领导进行约谈”的规定，决定对你单位党政主要负责人进行约谈。现将有关事项通知如下：',
        '一、约谈时间：2026年12月10日 09:30',
        '二、约谈地点：市政府3号会议室',
        '三、约谈人：市创城办主任',
        '四、被约谈人：孙书记、钱局长',
        '五、需携带材料：书面检查和整改方案',
        '1. DB-0001 老旧小区飞线充电（幸福里）\n   未达到整改要求的整改通知（文号、限期）：DB-0001：X创城督〔2026〕1号（限期2026年9月29日）、X创城督〔2026〕4号（限期2026年10月15日）、X创城督〔2026〕7号（限期2026年10月22日）',
        '请被约谈人准时参加，不得委托他人代为参加；确有特殊情况的，须提前向XX市创建全国文明城市工作指挥部办公室书面说明。约谈后，请你单位于5个工作日内将整改落实情况书面报送XX市创建全国文明城市工作指挥部办公室。',
        '联系人：刘洋；联系电话：0571-87000000；联系邮箱：cwb@example.gov.cn。',
        'XX市创建全国文明城市工作指挥部办公室\n2026年12月3日',
      ].join('\n\n')}\n`,
    );
    expect(mail.body).not.toMatch(/\d{4}-\d{2}-\d{2}|督办台账|Duban/);
  });
});
