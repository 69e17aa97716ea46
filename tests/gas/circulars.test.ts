/**
 * 通报批评 is a 通报 (issue 14), at the edge on the local runtime: the real bundle sets the
 * workbook up and keys the ledger; the sweep's 通报 step (src/gas/circulars.ts, bundled from
 * tests/gas/circular-entry.ts) runs with a hand-built case, as planNotices(...).circulars gives it.
 * One 通报 to every unit's contact, Cc 通报抄送, logged once; a rerun sends nothing; a 通报 the
 * quota held back keeps its number; a run killed after the send never sends it again; under
 * 随月度通报 nothing is mailed and the month's bulletin lists it.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import { LocalRuntime as Runtime } from '../../runtime/index';
import { bundle, col, job, setSetting, shDate, sheet, sheetFrom, value, workbookOf } from '../e2e/harness';

const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

async function testBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'circular-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CircularTest',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  return `${result.outputFiles[0]!.text}\nfunction circularDay() {\n  return CircularTest.circularDay.apply(this, arguments);\n}\n`;
}

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 2), '整改中'],
    [2, '公厕保洁不到位', '火车站', '市城管局', shDate(2026, 11, 9), '整改中'],
    [3, '老旧小区飞线充电', '幸福里', '市住建局', shDate(2026, 12, 31), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱'],
    ['市城管局', '市直部门', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org'],
    // A bad contact address: its head stands in.
    ['市住建局', '市直部门', '赵敏', 'zjj#example.org', '钱局长', 'zjj-head@example.org'],
    // No address at all: the 通报 cannot reach it, the admin is told.
    ['市水利局', '市直部门', '孙丽', '', '周局长', ''],
    ['市文旅局', '市直部门', '吴刚', 'wl@example.org', '郑局长', 'wl-head@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

async function started(): Promise<{ rt: LocalRuntime; keys: string[] }> {
  const rt = new Runtime({ workbook: campaign(), now: at(11, 27), scriptTimeZone: 'Asia/Shanghai' });
  rt.load(`${await bundle()}\n${await testBundle()}`, 'Code.js');
  job(rt, 'setup');
  setSetting(rt, '管理员邮箱', 'admin@example.org');
  setSetting(rt, '发文机关', 'XX市创建全国文明城市工作指挥部办公室');
  setSetting(rt, '机关代字', 'X创城督');
  setSetting(rt, '联系人', '李明');
  setSetting(rt, '联系电话', '0571-87001234');
  setSetting(rt, '联系邮箱', 'cwb@example.org');
  setSetting(rt, '通报抄送', '督查室 <dcs@example.org>；jw@example.org');
  // The sweep keys the ledger (and sends the day's 整改通知, which this test does not look at).
  job(rt, 'sweep');
  const s = sheet(rt, '任务台账');
  const key = col(s, 1, '系统编号');
  return { rt, keys: [value(s, 2, key), value(s, 3, key)].map(String) };
}

const FAILED = [
  { number: 'X创城督〔2026〕1号', givenOn: '2026-11-03', replyBy: '2026-11-10' },
  { number: 'X创城督〔2026〕4号', givenOn: '2026-11-11', replyBy: '2026-11-18' },
];

interface CircularRunValue {
  summary: { sent: { number: string; unit: string; recipients: number }[]; unreached: { unit: string; bad: string[] }[]; held: unknown[] };
}

function circularDay(rt: LocalRuntime, keys: string[] | undefined): { mails: LocalRuntime['outbox']; run: CircularRunValue } {
  const before = rt.outbox.length;
  const specs = keys ? [{ unit: '市城管局', keys, failed: FAILED }] : [];
  const run = JSON.parse(rt.run<string>('circularDay', [specs], 'installable').value) as CircularRunValue;
  return { mails: rt.outbox.slice(before), run };
}

/** 督办记录's rows: [文号, 任务编号, 责任单位, 级别, 收件人, 身份, 结果, 说明]. */
function logRows(rt: LocalRuntime): string[][] {
  const log = sheet(rt, '督办记录');
  const header = (log.rows[0] ?? []).map((c) => String(c?.value ?? ''));
  const at = (name: string): number => header.indexOf(name);
  return log.rows
    .slice(1)
    .map((r) => ['文号', '任务编号', '责任单位', '级别', '收件人', '身份', '结果', '说明'].map((h) => String(r?.[at(h)]?.value ?? '')));
}

const circularRows = (rt: LocalRuntime): string[][] => logRows(rt).filter((r) => r[3] === '通报批评');

describe('a 通报 through the edge (issue 14: 通报批评 is a 通报)', () => {
  it('goes once to every unit’s contact, Cc the 抄送 addresses, with the events and claims logged together', async () => {
    const { rt, keys } = await started();
    const { mails, run } = circularDay(rt, keys);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const list = (a: string | undefined): string[] => (a ?? '').split(',').map((x) => x.trim());
    expect(list(mail.to)).toEqual(['cgj@example.org', 'zjj-head@example.org', 'wl@example.org']);
    expect(list(mail.cc)).toEqual(['dcs@example.org', 'jw@example.org']);
    expect(mail.subject).toBe('【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）');
    expect(mail.body).toContain('各成员单位：');
    expect(mail.body).toContain(
      '未达到整改要求的整改通知：X创城督〔2026〕1号（限期2026年11月10日）；X创城督〔2026〕4号（限期2026年11月18日）',
    );
    expect(mail.body).toContain('决定对市城管局予以通报批评');
    expect(mail.body).toContain('于2026年12月4日前整改到位');
    expect(mail.body.trimEnd().endsWith('XX市创建全国文明城市工作指挥部办公室\n2026年11月27日')).toBe(true);
    expect(run.summary.sent).toEqual([{ number: 'X创城督通报〔2026〕1号', unit: '市城管局', recipients: 5 }]);
    expect(run.summary.unreached).toEqual([{ unit: '市水利局', bad: [] }]);

    const number = 'X创城督通报〔2026〕1号';
    expect(circularRows(rt)).toEqual([
      [number, keys[0]!, '市城管局', '通报批评', '', '', '已记录', `列入通报${number}`],
      [number, keys[1]!, '市城管局', '通报批评', '', '', '已记录', `列入通报${number}`],
      [number, `§${number}`, '市城管局', '通报批评', 'cgj@example.org', '联系人', '已发送', ''],
      [number, `§${number}`, '市城管局', '通报批评', 'zjj-head@example.org', '主要负责人', '已发送', ''],
      [number, `§${number}`, '市城管局', '通报批评', 'wl@example.org', '联系人', '已发送', ''],
      [number, `§${number}`, '市城管局', '通报批评', 'dcs@example.org', '抄送', '已发送', ''],
      [number, `§${number}`, '市城管局', '通报批评', 'jw@example.org', '抄送', '已发送', ''],
    ]);
    // A rerun (the ladder gives no case for a task already in a 通报) sends nothing and logs nothing.
    const rows = logRows(rt).length;
    expect(circularDay(rt, undefined).mails).toEqual([]);
    expect(logRows(rt)).toHaveLength(rows);
  });

  it('held back by the quota, it keeps its number and goes first on the next run, once', async () => {
    const { rt, keys } = await started();
    rt.setMailQuotaLeft(3);
    const first = circularDay(rt, keys);
    expect(first.mails).toEqual([]);
    expect(
      circularRows(rt)
        .filter((r) => r[1].startsWith('§'))
        .map((r) => r[6]),
    ).toEqual(['延后', '延后', '延后', '延后', '延后']);
    rt.clock.set(at(11, 30));
    rt.setMailQuotaLeft(100);
    const next = circularDay(rt, undefined);
    expect(next.mails.map((m) => m.subject)).toEqual(['【通报】关于对市城管局予以通报批评的通报（X创城督通报〔2026〕1号）']);
    // Dated and limited as when it was decided.
    expect(next.mails[0]!.body).toContain('于2026年12月4日前整改到位');
    expect(next.mails[0]!.body.trimEnd().endsWith('2026年11月27日')).toBe(true);
    expect(circularDay(rt, undefined).mails).toEqual([]);
  });

  it('a run killed right after the send keeps its claim (发送中), and the next run never sends it again', async () => {
    const { rt, keys } = await started();
    rt.calls.on('MailApp.sendEmail', rt.calls.get('MailApp.sendEmail') + 1, () => {
      rt.calls.on('Range.setValues', rt.calls.get('Range.setValues') + 1, () => rt.kill());
    });
    const before = rt.outbox.length;
    expect(() => rt.run('circularDay', [[{ unit: '市城管局', keys, failed: FAILED }]], 'installable')).toThrow(
      'Exceeded maximum execution time',
    );
    expect(rt.outbox.length).toBe(before + 1);
    expect(
      circularRows(rt)
        .filter((r) => r[1].startsWith('§'))
        .every((r) => r[6] === '发送中'),
    ).toBe(true);
    expect(circularDay(rt, undefined).mails).toEqual([]);
    expect(
      circularRows(rt)
        .filter((r) => r[1].startsWith('§'))
        .every((r) => r[6] === '未确认'),
    ).toBe(true);
  });

  it('under 随月度通报 mails nothing, records the tasks, and the month’s bulletin lists the criticism', async () => {
    const { rt, keys } = await started();
    setSetting(rt, '通报批评方式', '随月度通报');
    const { mails, run } = circularDay(rt, keys);
    expect(mails).toEqual([]);
    expect(run.summary.held).toEqual([{ unit: '市城管局', keys }]);
    expect(circularRows(rt)).toEqual([
      ['', keys[0]!, '市城管局', '通报批评', '', '', '已记录', '通报批评，随月度通报，不单独发文'],
      ['', keys[1]!, '市城管局', '通报批评', '', '', '已记录', '通报批评，随月度通报，不单独发文'],
    ]);
    rt.clock.set(at(12, 1));
    const published = rt.run<{ ok: boolean; message: string }>(
      'publish',
      [{ authMode: 'FULL', triggerUid: 'p', month: '2026-11' }],
      'installable',
    );
    expect(published.value.ok, published.value.message).toBe(true);
    const page = sheet(rt, '2026年11月督查通报').rows.map((r) => Array.from(r ?? [], (c) => String(c?.value ?? '')));
    const named = page.findIndex((r) => r[0] === '四、通报批评和约谈情况');
    expect(page[named + 1]![0]).not.toBe('本月无。');
    expect(page.slice(named + 1, named + 4).map((r) => [r[0], r[1], r[2], r[7]])).toContainEqual([
      '通报批评',
      '市城管局',
      `背街小巷垃圾堆积（${keys[0]}）；公厕保洁不到位（${keys[1]}）`,
      '随本通报',
    ]);
  });
});
