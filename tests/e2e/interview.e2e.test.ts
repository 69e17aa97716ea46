/**
 * 约谈 is decided by a person (issue 14), through the bundle: the ladder brings a unit to 约谈 and
 * the sweep only writes its case into 约谈安排 (no 约谈通知 to anyone); a person's 暂缓 holds it, a
 * 同意 without a place sends nothing; 同意 with time and place sends exactly one 约谈通知 at once
 * (the installable edit trigger), To the unit's 党政主要领导, Cc its 分管领导 and 约谈抄送, numbered
 * X创城督约谈〔2026〕1号; nothing is sent again.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import { col, job, runtimeFor, setSetting, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of 2026. */
const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

const LEADERS = ['sun@zjj.example.org', 'qian@zjj.example.org'];

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['XX市创建全国文明城市问题整改台账'],
    ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态'],
    [1, '老旧小区飞线充电', '幸福里', '市住建局', '', shDate(2026, 9, 18), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    [
      '单位名称',
      '单位类型',
      '联系人',
      '联系人邮箱',
      '主要负责人',
      '主要负责人邮箱',
      '分管领导',
      '分管领导邮箱',
      '党组织主要负责人',
      '党组织主要负责人邮箱',
      '行政主要负责人',
      '行政主要负责人邮箱',
    ],
    [
      '市住建局',
      '市直部门',
      '王丽',
      'wl@zjj.example.org',
      '钱局长',
      'head@zjj.example.org',
      '王副市长',
      'wang@example.org',
      '孙书记',
      LEADERS[0],
      '钱局长',
      LEADERS[1],
    ],
  ]);
  return workbookOf([tasks, units]);
}

const toLeaders = (rt: LocalRuntime, from: number) =>
  rt.outbox.slice(from).filter((m) => LEADERS.some((a) => `${m.to},${m.cc ?? ''}`.includes(a)));

/** A1 of the cell of case row 2 under `header` in 约谈安排. */
function cell(rt: LocalRuntime, header: string): string {
  const c = col(sheet(rt, '约谈安排'), 1, header);
  return `${String.fromCharCode(64 + c)}2`;
}

describe('约谈 is decided by a person', () => {
  it('proposes without sending, holds on 暂缓, waits for a place, then sends one 约谈通知 on 同意, once', async () => {
    const rt = await runtimeFor(campaign(), at(9, 21));
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    setSetting(rt, '机关代字', 'X创城督');
    setSetting(rt, '约谈抄送', 'dcs@example.gov.cn、jw@example.gov.cn');
    job(rt, 'installTriggers');

    // Sweeps, day after day, until the ladder brings 市住建局 to 约谈.
    let day = at(9, 21);
    let proposedOn = '';
    for (let i = 0; i < 60 && proposedOn === ''; i++, day = new Date(day.getTime() + 86_400_000)) {
      rt.clock.set(day);
      const before = rt.outbox.length;
      const run = job(rt, 'sweep');
      expect(run.ok).toBe(true);
      // The sweep never sends a 约谈通知, nor anything to the unit's 党政主要领导.
      expect(run.mails.filter((m) => (m as { kind?: string }).kind === 'interview')).toEqual([]);
      expect(toLeaders(rt, before)).toEqual([]);
      if (rt.workbook.sheets.some((s) => s.name === '约谈安排' && s.rows.length > 1)) {
        proposedOn = day.toISOString().slice(0, 10);
        // The day of the third failure: a row for a person, and no mail to the unit at all.
        expect(rt.outbox.slice(before).filter((m) => /zjj\.example\.org|wang@example\.org/.test(`${m.to},${m.cc ?? ''}`))).toEqual([]);
      }
    }
    expect(proposedOn).not.toBe('');
    const arrangement = sheet(rt, '约谈安排');
    const v = (header: string): unknown => value(arrangement, 2, col(arrangement, 1, header));
    expect(v('约谈编号')).toBe(1);
    expect(v('单位')).toBe('市住建局');
    expect(String(v('事项'))).toMatch(/^DB-\d+ 老旧小区飞线充电（幸福里）$/);
    // The three notices it failed, each with its 限期.
    expect(String(v('未达要求的整改通知（文号）'))).toMatch(
      /^DB-\d+：X创城督〔2026〕\d+号（限期2026年\d+月\d+日）、X创城督〔2026〕\d+号（限期2026年\d+月\d+日）、X创城督〔2026〕\d+号（限期2026年\d+月\d+日）$/,
    );
    expect(v('被约谈人')).toBe('孙书记 <sun@zjj.example.org>、钱局长 <qian@zjj.example.org>');
    expect(v('需携带材料')).toBe('书面检查和整改方案');
    expect(v('状态')).toBe('待审批');
    expect(v('约谈通知文号')).toBe('');
    // The admin's summary of that day lists the case awaiting 审批, with what is missing.
    const summary = rt.outbox.filter((m) => m.to === 'admin@example.org').at(-1);
    expect(summary?.body).toContain('待审批：约谈编号1，市住建局，尚缺审批、约谈时间、约谈地点');

    // 暂缓, with time and place filled in: the edit sends nothing; the next sweep neither, and says why.
    let before = rt.outbox.length;
    rt.edit('约谈安排', cell(rt, '约谈时间'), [['2026-11-05 09:30']]);
    rt.edit('约谈安排', cell(rt, '约谈地点'), [['市政府3号会议室']]);
    rt.edit('约谈安排', cell(rt, '约谈人'), [['市创城办主任']]);
    rt.edit('约谈安排', cell(rt, '备注'), [['待市委常委会研究']]);
    rt.edit('约谈安排', cell(rt, '审批'), [['暂缓']]);
    rt.clock.set(new Date(day.getTime() + 86_400_000 * 5));
    job(rt, 'sweep');
    expect(toLeaders(rt, before)).toEqual([]);
    expect(value(arrangement, 2, col(arrangement, 1, '状态'))).toBe('暂缓');
    const held = rt.outbox.slice(before).find((m) => m.to === 'admin@example.org');
    expect(held?.body).toContain('暂缓：约谈编号1，市住建局，原因：待市委常委会研究');

    // 同意 without a place: nothing.
    before = rt.outbox.length;
    rt.edit('约谈安排', cell(rt, '约谈地点'), [['']]);
    rt.edit('约谈安排', cell(rt, '审批'), [['同意']]);
    expect(toLeaders(rt, before)).toEqual([]);

    // The place filled in: exactly one 约谈通知, at once.
    rt.edit('约谈安排', cell(rt, '约谈地点'), [['市政府3号会议室']]);
    const sent = toLeaders(rt, before);
    expect(sent.map((m) => [m.to, m.cc, m.subject])).toEqual([
      [
        'sun@zjj.example.org, qian@zjj.example.org',
        'wang@example.org, dcs@example.gov.cn, jw@example.gov.cn',
        '【约谈通知】关于约谈市住建局党政主要负责人的通知（X创城督约谈〔2026〕1号）',
      ],
    ]);
    expect(sent[0]?.body).toContain('一、约谈时间：2026年11月5日 09:30');
    expect(sent[0]?.body).toContain('二、约谈地点：市政府3号会议室');
    expect(sent[0]?.body).toContain('三、约谈人：市创城办主任');
    expect(value(arrangement, 2, col(arrangement, 1, '约谈通知文号'))).toBe('X创城督约谈〔2026〕1号');
    expect(value(arrangement, 2, col(arrangement, 1, '状态'))).toBe('已发通知');
    // The person's cells are as the person left them.
    expect(value(arrangement, 2, col(arrangement, 1, '备注'))).toBe('待市委常委会研究');

    // Nothing more: another edit, the next sweeps.
    before = rt.outbox.length;
    rt.edit('约谈安排', cell(rt, '约谈人'), [['市创城办常务副主任']]);
    for (let i = 6; i < 10; i++) {
      rt.clock.set(new Date(day.getTime() + 86_400_000 * i));
      job(rt, 'sweep');
    }
    expect(toLeaders(rt, before)).toEqual([]);

    // The office enters 约谈完成日期: the month's bulletin counts the 约谈 and says it was held.
    rt.spreadsheet.editAsUser('约谈安排', cell(rt, '约谈完成日期'), [[shDate(2026, 11, 5)]]);
    rt.clock.set(at(12, 1));
    const month = `2026-${String(new Date(day.getTime() + 86_400_000 * 5 + 8 * 3600_000).getUTCMonth() + 1).padStart(2, '0')}`;
    expect(rt.run<{ ok: boolean }>('publish', [{ month }], 'installable').value.ok).toBe(true);
    const page = rt.workbook.sheets.find((s) => s.name.includes(month.replace('2026-', '2026年').replace(/年0?(\d+)$/, '年$1月')));
    const cells = (page?.rows ?? []).flat().map((c) => c?.value);
    // Issue 15: the 通报 writes its dates in 年月日.
    expect(cells).toContain('约谈（已约谈，2026年11月5日）');
  });
});

describe('约谈安排 without the edit trigger', () => {
  it('sends an approved 约谈 at the next sweep (run.json kind interview), adds back a lost row and tells the admin', async () => {
    const rt = await runtimeFor(campaign(), at(9, 21));
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    setSetting(rt, '机关代字', 'X创城督');
    let day = at(9, 21);
    for (let i = 0; i < 60 && !rt.workbook.sheets.some((s) => s.name === '约谈安排' && s.rows.length > 1); i++) {
      rt.clock.set(day);
      job(rt, 'sweep');
      day = new Date(day.getTime() + 86_400_000);
    }
    // A person deletes the row: the next sweep adds it back from the log, and the admin hears of it.
    const arrangement = sheet(rt, '约谈安排');
    arrangement.rows.length = 1;
    while (![1, 2, 3, 4, 5].includes(new Date(day.getTime() + 8 * 3600_000).getUTCDay())) day = new Date(day.getTime() + 86_400_000);
    rt.clock.set(day);
    const restored = job(rt, 'sweep');
    expect(restored.warnings).toContain(
      '《约谈安排》中约谈编号1（市住建局）的行不见了，已按督办记录补回；此前填写的约谈时间、地点、审批等请重新填写',
    );
    expect(value(arrangement, 2, col(arrangement, 1, '约谈编号'))).toBe(1);

    // The office approves by typing (no installable trigger here): nothing until the next sweep.
    const before = rt.outbox.length;
    for (const [h, text] of [
      ['约谈时间', '2026年11月5日上午9:30'],
      ['约谈地点', '市政府3号会议室'],
      ['审批', '同意'],
    ] as const)
      rt.spreadsheet.editAsUser('约谈安排', cell(rt, h), [[text]]);
    expect(toLeaders(rt, before)).toEqual([]);
    day = new Date(day.getTime() + 86_400_000);
    while (![1, 2, 3, 4, 5].includes(new Date(day.getTime() + 8 * 3600_000).getUTCDay())) day = new Date(day.getTime() + 86_400_000);
    rt.clock.set(day);
    const run = job(rt, 'sweep');
    expect(run.mails.filter((m) => (m as { kind?: string }).kind === 'interview').map((m) => [m.to, m.subject])).toEqual([
      ['sun@zjj.example.org,qian@zjj.example.org', '【约谈通知】关于约谈市住建局党政主要负责人的通知（X创城督约谈〔2026〕1号）'],
    ]);
    expect(toLeaders(rt, before)).toHaveLength(1);
    const summary = rt.outbox.slice(before).find((m) => m.to === 'admin@example.org');
    expect(summary?.body).toContain('今日已发约谈通知：约谈编号1，市住建局，X创城督约谈〔2026〕1号');
  });
});
