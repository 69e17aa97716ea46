/**
 * 通报批评 is a 通报 (issue 14), through real sweeps of the bundle: a unit that fails two 整改通知
 * gets one numbered 通报 to every unit of the directory, Cc 通报抄送, on the day it fails the
 * second; logged once, never sent again; under 随月度通报 nothing is mailed and the month's
 * bulletin lists it.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import { job, runtimeFor, setSetting, shDate, sheet, sheetFrom, workbookOf } from './harness';

const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 2), '整改中'],
    [2, '老旧小区飞线充电', '幸福里', '市住建局', shDate(2026, 12, 31), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱'],
    ['市城管局', '市直部门', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org'],
    ['市住建局', '市直部门', '赵敏', 'zjj#example.org', '钱局长', 'zjj-head@example.org'],
    ['市水利局', '市直部门', '孙丽', '', '周局长', ''],
    ['市文旅局', '市直部门', '吴刚', 'wl@example.org', '郑局长', 'wl-head@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

async function started(): Promise<LocalRuntime> {
  const rt = await runtimeFor(campaign(), at(11, 3));
  job(rt, 'setup');
  setSetting(rt, '管理员邮箱', 'admin@example.org');
  setSetting(rt, '发文机关', 'XX市创建全国文明城市工作指挥部办公室');
  setSetting(rt, '机关代字', 'X创城督');
  setSetting(rt, '联系邮箱', 'cwb@example.org');
  setSetting(rt, '通报抄送', '督查室 <dcs@example.org>；jw@example.org');
  return rt;
}

function sweepOn(rt: LocalRuntime, m: number, d: number) {
  rt.clock.set(at(m, d));
  const before = rt.outbox.length;
  expect(job(rt, 'sweep').ok).toBe(true);
  return rt.outbox.slice(before);
}

const list = (a: string | undefined): string[] =>
  (a ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

const circulars = (mails: LocalRuntime['outbox']) => mails.filter((m) => m.subject.startsWith('【通报】'));

describe('the 通报 through real sweeps', () => {
  it('goes to every unit the day a unit fails its second notice, Cc 通报抄送, once', async () => {
    const rt = await started();
    // 3 Nov: the first 整改通知 (限期 10 Nov); 11 Nov: it failed, the 催办 (限期 18 Nov); 19 Nov: that failed too.
    expect(circulars(sweepOn(rt, 11, 3))).toEqual([]);
    expect(circulars(sweepOn(rt, 11, 11))).toEqual([]);
    const day = sweepOn(rt, 11, 19);
    const sent = circulars(day);
    expect(sent).toHaveLength(1);
    const mail = sent[0]!;
    expect(mail.subject).toBe('【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）');
    expect(list(mail.to)).toEqual(['cgj@example.org', 'zjj-head@example.org', 'wl@example.org']);
    expect(list(mail.cc)).toEqual(['dcs@example.org', 'jw@example.org']);
    expect(mail.body).toMatch(
      /未达到整改要求的整改通知：X创城督〔2026〕\d+号（限期2026年11月10日）；X创城督〔2026〕\d+号（限期2026年11月18日）/,
    );
    // The admin hears of it, and of the unit it could not reach.
    const summary = day.find((m) => m.to === 'admin@example.org')!;
    expect(summary.body).toContain('今日发出通报批评的通报1份');
    expect(summary.body).toContain('通报未能送达的单位1个');
    expect(summary.body).toContain('市水利局');
    // 督办记录: one event for the task, one delivery row per address.
    const log = sheet(rt, '督办记录').rows.map((r) => Array.from(r ?? [], (c) => String(c?.value ?? '')));
    const key = log[0]!.indexOf('任务编号');
    expect(log.filter((r) => r[key] === '§X创城督通报〔2026〕1号')).toHaveLength(5);
    // A rerun the same day, and the next days, send no 通报 again.
    expect(circulars(sweepOn(rt, 11, 19))).toEqual([]);
    expect(circulars(sweepOn(rt, 11, 20))).toEqual([]);
    expect(circulars(sweepOn(rt, 11, 27))).toEqual([]);
  });

  it('under 随月度通报 mails no 通报, and the month’s bulletin carries the criticism', async () => {
    const rt = await started();
    setSetting(rt, '通报批评方式', '随月度通报');
    for (const d of [3, 11, 19, 20]) expect(circulars(sweepOn(rt, 11, d))).toEqual([]);
    rt.clock.set(at(12, 1));
    const published = rt.run<{ ok: boolean; message: string }>(
      'publish',
      [{ authMode: 'FULL', triggerUid: 'p', month: '2026-11' }],
      'installable',
    );
    expect(published.value.ok, published.value.message).toBe(true);
    const page = sheet(rt, '2026年11月督查通报').rows.map((r) => Array.from(r ?? [], (c) => String(c?.value ?? '')));
    const named = page.findIndex((r) => r[0] === '四、通报批评和约谈情况');
    const rows = page.slice(named + 1, named + 4).map((r) => [r[0], r[1], r[7]]);
    expect(rows).toContainEqual(['通报批评', '市城管局', '随本通报']);
  });
});
