/**
 * 退回通知 through the bundle (issue 14): a task the office sends back at verification gets
 * exactly one 退回通知 that day, with the reason from the ledger's 验收意见 column, numbered in
 * its own series; a rerun sends nothing; sent back again later it gets a second, with the next
 * number (and, with no reason written, says 「未说明」 and the admin is reminded); a closed task
 * gets none. Each is logged in 督办记录, one row per address.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import { col, job, rowOf, runtimeFor, setSetting, shDate, sheet, sheetFrom, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of 2026. */
const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['XX市创建全国文明城市问题整改台账'],
    ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态', '验收意见'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 30), '待验收', ''],
    [2, '农贸市场占道经营', '东门市场', '市城管局', shDate(2026, 11, 30), '已销号', '验收合格'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
    ['市城管局', '市直部门', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org', '王副市长', 'wang@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

interface Run {
  mails: { kind?: string; to: string; subject: string; numbers?: string[] }[];
  sent: { to: string; subject: string; body: string }[];
}

function sweepAt(rt: LocalRuntime, when: Date): Run {
  rt.clock.set(when);
  const before = rt.outbox.length;
  const result = job(rt, 'sweep') as ReturnType<typeof job> & { mails: Run['mails'] };
  expect(result.ok).toBe(true);
  return { mails: result.mails, sent: rt.outbox.slice(before).map((m) => ({ to: m.to, subject: m.subject, body: m.body })) };
}

const returnMails = (run: Run) => run.sent.filter((m) => m.subject.startsWith('【退回通知】'));

describe('退回通知', () => {
  it('goes once the day a task is sent back, with the reason; again, numbered on, when it is sent back again; never for a closed task', async () => {
    const rt = await runtimeFor(campaign(), at(11, 23));
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    setSetting(rt, '机关代字', 'X创城督');
    setSetting(rt, '发文机关', 'XX市创建全国文明城市工作指挥部办公室');
    setSetting(rt, '联系邮箱', 'cwb@example.org');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, col(s, 2, '问题描述'), '背街小巷垃圾堆积');

    // Mon 23 Nov: awaiting verification; nothing to tell.
    expect(returnMails(sweepAt(rt, at(11, 23)))).toEqual([]);

    // Tue 24, 08:30: the office sends it back, with its 验收意见 (the edit trigger runs as a person types).
    rt.setNow(new Date(at(11, 24).getTime() - 1800_000));
    rt.edit('任务台账', `F${r}:G${r}`, [['退回', '整改照片不清晰，退回重报']]);
    const d24 = sweepAt(rt, at(11, 24));
    const sent = returnMails(d24);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['cgj@example.org', '【退回通知】市城管局：背街小巷垃圾堆积验收未通过（X创城督退回〔2026〕1号）'],
    ]);
    const body = sent[0]!.body;
    expect(body.startsWith('X创城督退回〔2026〕1号\n\n')).toBe(true);
    expect(body).toContain('市城管局：\n\n贵单位牵头整改的下列事项（系统编号DB-0001），经2026年11月24日验收，未达到销号要求，现予退回。');
    expect(body).toContain('退回原因：整改照片不清晰，退回重报');
    expect(body).toContain('该事项整改时限仍为2026年11月30日。请于2026年11月30日前整改到位');
    expect(body).toContain('XX市创建全国文明城市工作指挥部办公室（cwb@example.org）');
    expect(body).toContain('XX市创建全国文明城市工作指挥部办公室\n2026年11月24日');
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // run.json's record of it, and the admin's summary.
    expect(d24.mails.filter((m) => m.kind === 'return')).toEqual([
      expect.objectContaining({ to: 'cgj@example.org', numbers: ['X创城督退回〔2026〕1号'] }),
    ]);
    const summary = d24.sent.find((m) => m.to === 'admin@example.org')!;
    expect(summary.subject).toContain('退回通知1份');
    expect(summary.body).toContain('1. X创城督退回〔2026〕1号\n   单位：市城管局\n   任务：背街小巷垃圾堆积');
    expect(summary.body).not.toContain('退回未说明原因');
    // One row in 督办记录, of level 退回通知, sent.
    const logRows = () =>
      sheet(rt, '督办记录')
        .rows.slice(1)
        .map((row) => (row ?? []).map((c) => String(c?.value ?? '')))
        .filter((row) => row[4] === '退回通知');
    expect(logRows().map((row) => [row[0], row[2], row[7], row[10]])).toEqual([
      ['X创城督退回〔2026〕1号', 'DB-0001', 'cgj@example.org', '已发送'],
    ]);

    // The same day again: nothing.
    expect(sweepAt(rt, at(11, 24)).sent).toEqual([]);
    // Wed 25: still 退回, already told: nothing more.
    expect(returnMails(sweepAt(rt, at(11, 25)))).toEqual([]);

    // The unit reports it done again (Wed 25, after the sweep); on Thu 26 the office sends it back once more, writing no reason.
    rt.edit('任务台账', `F${r}`, [['待验收']]);
    expect(returnMails(sweepAt(rt, new Date(at(11, 25).getTime() + 3 * 3600_000)))).toEqual([]);
    rt.setNow(new Date(at(11, 26).getTime() - 1800_000));
    rt.edit('任务台账', `F${r}:G${r}`, [['退回', '']]);
    const d26 = sweepAt(rt, at(11, 26));
    const second = returnMails(d26);
    expect(second.map((m) => m.to)).toEqual(['cgj@example.org']);
    expect(second[0]!.body.startsWith('X创城督退回〔2026〕2号\n\n')).toBe(true);
    expect(second[0]!.body).toContain('退回原因：未说明');
    expect(d26.sent.find((m) => m.to === 'admin@example.org')!.body).toContain('■ 退回未说明原因（1项）');
    expect(logRows().map((row) => row[0])).toEqual(['X创城督退回〔2026〕1号', 'X创城督退回〔2026〕2号']);

    // The closed task never got one.
    expect(rt.outbox.some((m) => m.body.includes('农贸市场占道经营'))).toBe(false);
  });

  it('a task sent back in the afternoon, after the day’s sweep, gets its 退回通知 that day: the edit brings a sweep a minute later', async () => {
    const rt = await runtimeFor(campaign(), at(11, 23));
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    job(rt, 'installTriggers');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, col(s, 2, '问题描述'), '背街小巷垃圾堆积');
    sweepAt(rt, at(11, 24));
    // 15:00: the office sends it back; any other edit (a remark) schedules nothing.
    rt.setNow(new Date(at(11, 24).getTime() + 6 * 3600_000));
    rt.edit('任务台账', `G${r}`, [['照片待补']]);
    expect(rt.triggers.filter((t) => t.handler === 'continueSweep')).toHaveLength(0);
    const before = rt.outbox.length;
    rt.edit('任务台账', `F${r}`, [['退回']]);
    const continuation = rt.triggers.filter((t) => t.handler === 'continueSweep');
    expect(continuation).toHaveLength(1);
    expect(rt.outbox.length).toBe(before);
    rt.setNow(new Date(at(11, 24).getTime() + 6 * 3600_000 + 60_000));
    rt.fire(continuation[0]!);
    const sent = rt.outbox.slice(before).filter((m) => m.subject.startsWith('【退回通知】'));
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['cgj@example.org', '【退回通知】市城管局：背街小巷垃圾堆积验收未通过（督办退回〔2026〕1号）'],
    ]);
    expect(sent[0]!.body).toContain('经2026年11月24日验收');
    // The next morning's sweep does not send it again.
    expect(returnMails(sweepAt(rt, at(11, 25)))).toEqual([]);
  });

  it('a 退回通知 the quota holds back is queued once, keeps its 文号, and goes on the first day the quota allows: one row, updated in place', async () => {
    const rt = await runtimeFor(campaign(), at(11, 23));
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    setSetting(rt, '机关代字', 'X创城督');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, col(s, 2, '问题描述'), '背街小巷垃圾堆积');
    sweepAt(rt, at(11, 23));
    rt.setNow(new Date(at(11, 24).getTime() - 1800_000));
    // Sent back with a new deadline a month ahead (no 临期提醒 joins the queue meanwhile).
    rt.edit('任务台账', `E${r}:G${r}`, [[shDate(2026, 12, 31), '退回', '整改照片不清晰，退回重报']]);
    const logRows = () =>
      sheet(rt, '督办记录')
        .rows.slice(1)
        .map((row) => (row ?? []).map((c) => String(c?.value ?? '')))
        .filter((row) => row[4] === '退回通知')
        .map((row) => [row[0], row[2], row[7], row[10]]);
    // Three days with one recipient left of the day's quota: it is the admin's, for the summary.
    const tightDay = (d: number): Run => {
      rt.clock.set(at(11, d));
      rt.setMailQuotaLeft(1);
      return sweepAt(rt, at(11, d));
    };
    for (const d of [24, 25, 26]) {
      const run = tightDay(d);
      // Nothing goes to the unit; the admin's summary always does, and says the 退回通知 waits for the quota.
      expect(run.sent.map((m) => m.to)).toEqual(['admin@example.org']);
      expect(run.sent[0]!.body).toContain('X创城督退回〔2026〕1号');
      expect(run.sent[0]!.body).toContain('今日邮件配额已用完');
      expect(run.sent[0]!.body).toContain('积压1封邮件（1个收件人）');
      // Queued once: one 延后 row with its number, not a new one each day.
      expect(logRows()).toEqual([['X创城督退回〔2026〕1号', 'DB-0001', 'cgj@example.org', '延后']]);
    }
    // Fri 27, a fresh quota: it goes with the number it was given on the 24th, and its row says 已发送.
    const sent = returnMails(sweepAt(rt, at(11, 27)));
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['cgj@example.org', '【退回通知】市城管局：背街小巷垃圾堆积验收未通过（X创城督退回〔2026〕1号）'],
    ]);
    expect(sent[0]!.body).toContain('经2026年11月24日验收');
    expect(logRows()).toEqual([['X创城督退回〔2026〕1号', 'DB-0001', 'cgj@example.org', '已发送']]);
    // Never twice.
    expect(returnMails(sweepAt(rt, at(11, 30)))).toEqual([]);
    expect(logRows()).toHaveLength(1);
  });
});
