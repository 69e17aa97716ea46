/**
 * Issue 13, cases 7, 8 and 10 through the real bundle: what offices write in their cells, read
 * as they mean it. Addresses as people write them in the directory; closing words in whatever
 * column holds them; a relative deadline without 交办日期 counted from the day Duban first saw
 * the row.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { SheetModel } from '../../runtime/model';
import { col, job, rowOf, runtimeFor, shDate, shDay, sheet, sheetFrom, value, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of 2026. */
const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

const UNIT_HEADER = ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'];

async function started(tasks: SheetModel, units: unknown[][], when: Date): Promise<LocalRuntime> {
  const rt = await runtimeFor(workbookOf([tasks, sheetFrom('责任单位', [UNIT_HEADER, ...units])]), when);
  expect(job(rt, 'setup').ok).toBe(true);
  const settings = sheet(rt, '设置');
  const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
  rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);
  return rt;
}

function sweepOn(rt: LocalRuntime, when: Date): { to: string; cc: string; subject: string; body: string }[] {
  rt.clock.set(when);
  const before = rt.outbox.length;
  expect(job(rt, 'sweep').ok).toBe(true);
  return rt.outbox.slice(before).map((m) => ({ to: m.to, cc: m.cc ?? '', subject: m.subject, body: m.body }));
}

describe('addresses as people write them (case 7)', () => {
  it('mails 姓名 <a@b.cn> at its address and greets the name; an unreadable address is left out, reported with its cell', async () => {
    const tasks = sheetFrom('任务台账', [
      ['问题描述', '责任单位', '整改时限', '整改状态'],
      ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '整改中'],
      ['老旧小区飞线充电', '市住建局', shDate(2026, 11, 20), '整改中'],
    ]);
    const rt = await started(
      tasks,
      [
        ['市城管局', '市直部门', '', '杨帆 <YangFan@Example.ORG>、yf#example.org', '', '', '', ''],
        ['市住建局', '市直部门', '赵敏', 'zjj@example.org（赵敏）；ZM@example.org', '', '', '', ''],
      ],
      at(11, 24),
    );
    const mails = sweepOn(rt, at(11, 25));
    const toUnits = mails.filter((m) => m.to !== 'admin@example.org');
    expect(toUnits.map((m) => m.to).sort()).toEqual(['YangFan@example.org', 'zjj@example.org, ZM@example.org']);
    const cg = toUnits.find((m) => m.to === 'YangFan@example.org')!;
    // A 公文 is addressed to the unit (主送), not to the person named beside the address.
    // The 公文 opens with its 文号 and title, then 主送 the unit.
    expect(cg.body.split('\n').slice(0, 5)).toEqual(['督办〔2026〕1号', '', '■ 整改通知', '', '市城管局：']);
    const summary = mails.find((m) => m.to === 'admin@example.org')!;
    expect(summary.body).toContain('yf#example.org');
    const problems = sheet(rt, '台账问题');
    const rows = problems.rows.map((r) => (r ?? []).map((c) => String(c?.value ?? '')).join('|'));
    expect(rows.some((r) => r.includes('责任单位') && r.includes('联系人邮箱') && r.includes('“yf#example.org”不是有效的邮箱地址'))).toBe(
      true,
    );
  });
});

describe('one vocabulary for closing (case 8)', () => {
  it('reads 已办结, 办结, ☑ in a status-like 销号情况 column as closed, 否 as open, and notifies only the open tasks', async () => {
    const words = ['已办结', '办结', '☑', '否', '整改中', '已完成'];
    const tasks = sheetFrom('任务台账', [
      ['问题描述', '责任单位', '整改时限', '销号情况'],
      ...words.map((w) => [`问题（${w}）`, '市城管局', shDate(2026, 11, 20), w]),
    ]);
    const rt = await started(tasks, [['市城管局', '市直部门', '张伟', 'cgj@example.org', '', '', '', '']], at(11, 24));
    const mails = sweepOn(rt, at(11, 25)).filter((m) => m.to !== 'admin@example.org');
    const s = sheet(rt, '任务台账');
    const task = col(s, 1, '问题描述');
    const state = col(s, 1, '督办状态');
    const note = col(s, 1, '系统提示');
    expect(words.map((w) => value(s, rowOf(s, task, `问题（${w}）`), state))).toEqual([
      '已销号',
      '已销号',
      '已销号',
      '逾期',
      '逾期',
      '待验收',
    ]);
    expect(words.map((w) => value(s, rowOf(s, task, `问题（${w}）`), note))).toEqual(['', '', '', '', '', '']);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('问题（否）');
    expect(mails[0]!.body).toContain('问题（整改中）');
    for (const w of ['已办结', '办结', '☑', '已完成']) expect(mails[0]!.body).not.toContain(`问题（${w}）`);
  });
});

describe('relative deadlines without 交办日期 (case 10)', () => {
  it('counts 3个工作日内 and 15日内 from 纳入督办日期 as it does 即知即改, shows the date in 认定时限, and keeps it', async () => {
    const tasks = sheetFrom('任务台账', [
      ['问题描述', '责任单位', '整改时限', '整改状态'],
      ['三个工作日', '市城管局', '3个工作日内', '整改中'],
      ['十五日', '市城管局', '15日内', '整改中'],
      ['即知即改', '市城管局', '即知即改', '整改中'],
    ]);
    const rt = await started(tasks, [['市城管局', '市直部门', '张伟', 'cgj@example.org', '', '', '', '']], at(11, 24));
    // First seen on Wednesday 25 November 2026.
    sweepOn(rt, at(11, 25));
    const s = sheet(rt, '任务台账');
    const task = col(s, 1, '问题描述');
    const due = col(s, 1, '认定时限');
    const seen = col(s, 1, '纳入督办日期');
    const state = col(s, 1, '督办状态');
    const note = col(s, 1, '系统提示');
    const read = (name: string, c: number): string => shDay(value(s, rowOf(s, task, name), c));
    expect(['三个工作日', '十五日', '即知即改'].map((n) => read(n, due))).toEqual(['2026-11-30', '2026-12-10', '2026-11-25']);
    expect(read('三个工作日', seen)).toBe('2026-11-25');
    expect(read('三个工作日', state)).toBe('临期');
    expect(read('三个工作日', note)).toBe('整改时限“3个工作日内”未填交办日期，自纳入督办日期 2026-11-25 起算');
    // A week later the date has not moved with the calendar: the task is overdue and notified.
    const mails = sweepOn(rt, at(12, 2)).filter((m) => m.to !== 'admin@example.org');
    expect(read('三个工作日', due)).toBe('2026-11-30');
    expect(read('三个工作日', state)).toBe('逾期');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain('三个工作日');
  });
});
