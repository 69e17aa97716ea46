/**
 * Notices and escalation through the bundle, day by day over four weeks of a campaign that
 * crosses the 中秋 and 国庆 holidays, with a person’s edits between days (closed, sent back, reopened,
 * extended, an address fixed): the exact mails of each
 * day (recipients, subjects, tasks inside), the 督办记录 rows, and 督办次数 / 督办级别 on the rows.
 */
import { describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { WorkbookModel } from '../../runtime/model';
import { deleteColumns } from '../../runtime/spreadsheet/grid';
import { Range } from '../../runtime/spreadsheet/range';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of 2026. */
const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

const HEADER = ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态', '延期至', '延期审批'];
const XSS = '<script>alert(1)</script>公益广告破损';
const FORMULA_PLACE = '=HYPERLINK("http://x","y")';

function campaign(): WorkbookModel {
  const tasks = sheetFrom('任务台账', [
    ['XX市创建全国文明城市问题整改台账'],
    HEADER,
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', '市住建局', shDate(2026, 9, 18), '整改中', '', ''],
    [2, '农贸市场占道经营', '东门市场', '市市场监管局', '', shDate(2026, 9, 25), '整改中', '', ''],
    [3, XSS, FORMULA_PLACE, '市城管局', '', shDate(2026, 9, 18), '整改中', '', ''],
    [4, '河道漂浮物', '东湖支渠', '不存在的局', '', shDate(2026, 9, 18), '整改中', '', ''],
    [5, '老旧小区飞线充电', '幸福里', '市住建局', '', shDate(2026, 9, 18), '整改中', '', ''],
    [6, '公厕保洁不到位', '火车站', '市城管局', '', shDate(2026, 9, 18), '整改中', '', ''],
  ]);
  // The formula-looking place is text the office typed in a plain-text cell.
  tasks.rows[4]![2] = { value: FORMULA_PLACE, format: { numberFormat: '@' } };
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
    ['市城管局', '市直部门', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org', '王副市长', 'wang@example.org'],
    ['市住建局', '市直部门', '赵敏', 'zjj@example.org', '钱局长', 'zjj-head(at)example.org', '王副市长', 'wang@example.org'],
    ['市市场监管局', '市直部门', '孙丽', 'scjg@example.org', '周局长', 'scjg-head@example.org', '吴副市长', 'wu@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

async function started(): Promise<LocalRuntime> {
  const rt = await runtimeFor(campaign(), at(9, 21));
  job(rt, 'setup');
  const settings = sheet(rt, '设置');
  const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
  rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);
  return rt;
}

interface Mail {
  to: string;
  cc: string;
  subject: string;
  text: string;
  html: string;
}

/** The mails a sweep at `when` sends. */
function sweepOn(rt: LocalRuntime, when: Date): Mail[] {
  rt.clock.set(when);
  const before = rt.outbox.length;
  const result = job(rt, 'sweep');
  expect(result.ok).toBe(true);
  return rt.outbox.slice(before).map((m) => ({ to: m.to, cc: m.cc ?? '', subject: m.subject, text: m.body, html: m.htmlBody ?? '' }));
}

const addresses = (m: { to: string; cc?: string }): string[] =>
  [...m.to.split(','), ...(m.cc ? m.cc.split(',') : [])].map((a) => a.trim()).filter((a) => a !== '');
/** A 通报 (通报批评 is a 通报, issue 14): a document to every unit, apart from the day's 整改通知. */
const isCircular = (m: { subject: string }): boolean => m.subject.startsWith('【通报】');
/** Everyone who got a mail, To and Cc. */
const tos = (mails: { to: string; cc?: string }[]): string[] => mails.flatMap(addresses).sort();
/** The mails to units, without the admin's daily summary. */
const toUnits = <T extends { to: string }>(mails: T[]): T[] => mails.filter((m) => m.to !== 'admin@example.org');
/** The one mail a person got (To or Cc): nobody gets two a day. */
const byTo = (mails: Mail[], to: string): Mail => {
  const found = mails.filter((m) => addresses(m).includes(to));
  expect(found, `one mail to ${to}`).toHaveLength(1);
  return found[0]!;
};

function logRows(rt: LocalRuntime): string[][] {
  return sheet(rt, '督办记录')
    .rows.slice(1)
    .map((r) => Array.from(r ?? [], (c) => (c?.value instanceof Date ? 'date' : String(c?.value ?? ''))));
}

describe('four weeks of notices', () => {
  it('climbs the ladder day by day, across the holidays, with a person’s edits between days', async () => {
    const rt = await started();
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const status = col(s, 2, '整改状态');
    const count = col(s, 2, '督办次数');
    const level = col(s, 2, '督办级别');
    const row = (name: string): number => rowOf(s, task, name);
    const letter = (c: number): string => String.fromCharCode(64 + c);

    /** The 未达整改要求 events the log holds, as key:failed notice. */
    const failures = (): string[] => logRows(rt).flatMap((r) => (r[4] === '未达整改要求' ? [`${r[2]}:${r[0]}`] : []));

    // Mon 21 Sep: four tasks overdue since Friday's deadline, one due on Friday (a holiday).
    const d21 = sweepOn(rt, at(9, 21));
    expect(tos(d21)).toEqual(['admin@example.org', 'cgj@example.org', 'scjg@example.org', 'zjj@example.org']);
    // One document per unit: 市城管局's three matters are one 整改通知 with one number.
    const cgj = byTo(d21, 'cgj@example.org');
    expect(cgj.subject).toBe('【整改通知】市城管局：3项创城任务逾期未整改（督办〔2026〕1号）');
    expect(cgj.text.startsWith('督办〔2026〕1号\n\n■ 整改通知\n\n市城管局：\n\n')).toBe(true);
    for (const key of ['DB-0001', 'DB-0003', 'DB-0006']) expect(cgj.text).toContain(`编号：${key}`);
    expect(cgj.text).toContain('督办情况：第1次督办');
    // Cell text arrives as text: literal in the plain part, escaped in the HTML.
    expect(cgj.text).toContain(XSS);
    expect(cgj.text).toContain(FORMULA_PLACE);
    expect(cgj.html).not.toContain('<script>');
    expect(cgj.html).toContain('&lt;script&gt;');
    // 市住建局 leads task 5 and supports task 1: its own document (2号), two sections.
    const zjj = byTo(d21, 'zjj@example.org');
    expect(zjj.subject).toBe('【整改通知】市住建局：2项创城任务逾期未整改（督办〔2026〕2号）');
    expect(zjj.text).toContain('背街小巷垃圾堆积');
    // The reminder before Friday's deadline: not a numbered document.
    expect(byTo(d21, 'scjg@example.org').subject).toBe('【临期提醒】市市场监管局：1项任务即将到期（2026年9月21日）');
    // The admin hears of the task whose unit is not in the directory.
    expect(byTo(d21, 'admin@example.org').text).toContain('不存在的局');
    expect(value(s, row('背街小巷垃圾堆积'), count)).toBe(1);
    expect(value(s, row('背街小巷垃圾堆积'), level)).toBe('督办');
    // 督办记录 keeps each notice's 整改限期 (29 Sep: five working days on, 中秋 not counted); a reminder has none.
    const log = sheet(rt, '督办记录');
    const limit = log.rows[0]!.findIndex((c) => c?.value === '整改限期');
    const shanghaiDay = (v: unknown): string => (v instanceof Date ? new Date(v.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '');
    const limits = log.rows.slice(1).map((r) => [String(r[4]?.value), shanghaiDay(r[limit]?.value)]);
    expect(limits.filter(([lv]) => lv === '督办').map(([, d]) => d)).toEqual([
      '2026-09-29',
      '2026-09-29',
      '2026-09-29',
      '2026-09-29',
      '2026-09-29',
    ]);
    expect(limits.filter(([lv]) => lv === '临期提醒').map(([, d]) => d)).toEqual(['']);

    // The same day again: nothing new.
    expect(sweepOn(rt, new Date(at(9, 21).getTime() + 3600_000))).toEqual([]);

    // Tue 22: the 限期 has not passed; an extension of task 6 is approved (its ladder starts again).
    rt.spreadsheet.editAsUser('任务台账', `H${row('公厕保洁不到位')}:I${row('公厕保洁不到位')}`, [['2026-09-30', '同意']]);
    const d22 = sweepOn(rt, at(9, 22));
    expect(toUnits(d22)).toEqual([]);
    // The admin's daily summary still says what needs a person (the unit not in the directory).
    expect(d22.map((m) => m.subject)).toEqual(['【督办小结】2026年9月22日：发出0封，未发出1项']);
    // Thu 24: task 2 is closed; a person types over 督办次数 (the log decides, not the cell).
    rt.spreadsheet.editAsUser('任务台账', `${letter(status)}${row('农贸市场占道经营')}`, [['已销号']]);
    rt.spreadsheet.editAsUser('任务台账', `${letter(count)}${row('背街小巷垃圾堆积')}`, [[9]]);
    // Task 6's new deadline (30 Sep) is three working days off: its reminder, once.
    expect(toUnits(sweepOn(rt, at(9, 24))).map((m) => m.subject)).toEqual(['【临期提醒】市城管局：1项任务即将到期（2026年9月24日）']);
    expect(value(s, row('背街小巷垃圾堆积'), count)).toBe(1);
    // 中秋 (25-27 Sep) and 国庆 (1-7 Oct): no notice on a day off.
    for (const d of [
      [9, 25],
      [9, 26],
      [9, 27],
      [10, 1],
      [10, 4],
      [10, 7],
    ] as const)
      expect(sweepOn(rt, at(d[0], d[1]))).toEqual([]);
    // Tue 29: task 5 closed by the office, within its 限期 (met: never a failure).
    rt.spreadsheet.editAsUser('任务台账', `${letter(status)}${row('老旧小区飞线充电')}`, [['已销号']]);
    for (const d of [
      [9, 28],
      [9, 29],
    ] as const) {
      expect(toUnits(sweepOn(rt, at(d[0], d[1])))).toEqual([]);
    }
    expect(failures()).toEqual([]);

    // Wed 30 Sep, the first working day after the 限期 (29 Sep): tasks 1 and 3 still open, so 1号 is
    // 未达到整改要求 for both (logged once each); the 催办 (2nd notice) cites it, 限期 13 Oct, to the contact only.
    const s30 = sweepOn(rt, at(9, 30));
    expect(failures()).toEqual(['DB-0001:督办〔2026〕1号', 'DB-0003:督办〔2026〕1号']);
    expect(tos(s30)).toEqual(['admin@example.org', 'cgj@example.org', 'zjj@example.org']);
    const c30 = byTo(s30, 'cgj@example.org');
    expect(c30.subject).toBe('【整改通知】市城管局：2项创城任务逾期未整改（督办〔2026〕3号）');
    expect(c30.text).toContain('请于2026年10月13日前整改到位，并书面报送整改情况（附整改前后对比照片）');
    expect(c30.text).toContain('督办情况：第2次督办；前次整改通知督办〔2026〕1号（限期2026年9月29日）未达到整改要求');
    expect(c30.text).not.toContain('公厕保洁不到位');
    expect(byTo(s30, 'admin@example.org').subject).toBe('【督办小结】2026年9月30日：未达整改要求2项，发出2封，未发出1项');

    // Thu 8 Oct: task 6's new deadline (30 Sep) has passed: its ladder starts at the first notice again, 限期 14 Oct.
    const o8 = sweepOn(rt, at(10, 8));
    expect(tos(o8)).toEqual(['admin@example.org', 'cgj@example.org']);
    expect(byTo(o8, 'cgj@example.org').subject).toBe('【整改通知】市城管局：1项创城任务逾期未整改（督办〔2026〕5号）');
    expect(byTo(o8, 'cgj@example.org').text).toContain('请于2026年10月14日前整改到位');
    expect(value(s, row('公厕保洁不到位'), count)).toBe(1);
    // The log says why task 6 starts again.
    expect(logRows(rt).some((r) => r.includes('DB-0006') && r.join('|').includes('延期至2026-09-30后重新计数'))).toBe(true);

    // Fri 9: task 5 reopened (反弹) and 市住建局's head address fixed: closed in time, its first notice
    // was met; the ladder continues with the 2nd notice, 限期 16 Oct, and says so.
    rt.spreadsheet.editAsUser('任务台账', `${letter(status)}${row('老旧小区飞线充电')}`, [['整改中']]);
    rt.spreadsheet.editAsUser('责任单位', 'F3', [['zjj-head@example.org']]);
    const o9 = sweepOn(rt, at(10, 9));
    expect(tos(o9).filter((t) => t !== 'admin@example.org')).toEqual(['zjj@example.org']);
    expect(byTo(o9, 'zjj@example.org').text).toContain('第2次督办');
    expect(logRows(rt).some((r) => r.includes('DB-0005') && r[9] !== '' && r[11]?.includes('销号后反弹（第1次），继续督办'))).toBe(true);
    // Its line says it was reopened and that its notices continue (issue 14; this ledger has no 销号日期 column).
    expect(byTo(o9, 'zjj@example.org').text).toContain('反弹：销号后于2026年10月9日重新打开（第1次反弹），督办继续');

    // Mon 12: 市城管局 reports task 3 done (待验收: no notice while it waits); Tue 13 the office sends it back (退回).
    const state = col(s, 2, '督办状态');
    sweepOn(rt, at(10, 10));
    rt.spreadsheet.editAsUser('任务台账', `${letter(status)}${row(XSS)}`, [['待验收']]);
    sweepOn(rt, at(10, 12));
    expect(value(s, row(XSS), state)).toBe('待验收');
    rt.spreadsheet.editAsUser('任务台账', `${letter(status)}${row(XSS)}`, [['退回']]);
    const o13 = toUnits(sweepOn(rt, at(10, 13)));
    expect(o13.filter((m) => m.subject.startsWith('【整改通知】'))).toEqual([]);
    // Sent back: that day its unit gets a 退回通知 (issue 14), in its own series.
    const r13 = o13.filter((m) => m.subject.startsWith('【退回通知】'));
    expect(r13.map((m) => [m.to, m.subject])).toEqual([
      ['cgj@example.org', '【退回通知】市城管局：<script>alert(1)</script>公益广告…验收未通过（督办退回〔2026〕1号）'],
    ]);
    expect(r13[0]!.text.startsWith('督办退回〔2026〕1号')).toBe(true);
    expect(r13[0]!.text).toContain('经2026年10月13日验收，未达到销号要求，现予退回');
    expect(r13[0]!.html).not.toContain('<script>');
    expect(value(s, row(XSS), state)).toBe('逾期');
    // Wed 14: 3号's 限期 (13 Oct) passed with tasks 1 and 3 open (task 3 sent back: not met): their second
    // failure. The third notice goes To the contact, Cc the head (通报批评 from here).
    const o14 = sweepOn(rt, at(10, 14));
    expect(failures().slice(2)).toEqual(['DB-0001:督办〔2026〕3号', 'DB-0003:督办〔2026〕3号']);
    const c14 = toUnits(o14).find((m) => m.to === 'cgj@example.org')!;
    expect([c14.subject, c14.cc]).toEqual(['【整改通知】市城管局：2项创城任务逾期未整改（督办〔2026〕7号）', 'cgj-head@example.org']);
    expect(c14.text).toContain('其中2项已多次未达到整改要求，予以全市通报批评');
    // The same day, the 通报 (issue 14): one document of its own series to every unit of the directory, citing the notices failed.
    const circular14 = o14.filter(isCircular);
    expect(circular14.map((m) => [m.subject, tos([m])])).toEqual([
      ['【通报】关于对市城管局予以通报批评的通报（督办通报〔2026〕1号）', ['cgj@example.org', 'scjg@example.org', 'zjj@example.org']],
    ]);
    expect(circular14[0]!.text).toContain('督办〔2026〕1号（限期2026年9月29日）；督办〔2026〕3号（限期2026年10月13日）');
    // 市住建局 supports task 1: its contact hears of it in its own document.
    expect(
      byTo(
        o14.filter((m) => !isCircular(m)),
        'zjj@example.org',
      ).subject,
    ).toBe('【整改通知】市住建局：1项创城任务逾期未整改（督办〔2026〕8号）');
    expect(value(s, row('背街小巷垃圾堆积'), count)).toBe(3);
    // Each task on its own 限期: Thu 15 task 6's second (its first's 限期 14 Oct), Fri 16 task 5's third (its second's 限期 15 Oct).
    const o15 = sweepOn(rt, at(10, 15));
    expect(toUnits(o15).map((m) => [m.subject, m.cc])).toEqual([['【整改通知】市城管局：1项创城任务逾期未整改（督办〔2026〕9号）', '']]);
    const o16 = sweepOn(rt, at(10, 16));
    expect(toUnits(o16).map((m) => [m.subject, m.cc])).toEqual([['【整改通知】市住建局：1项创城任务逾期未整改（督办〔2026〕10号）', '']]);
    // Thu 22, the first working day after 7号's 限期 (21 Oct): the third failure of tasks 1 and 3.
    // 约谈 is proposed for a person to decide: nothing goes to 市城管局.
    for (const d of [19, 20, 21]) expect(toUnits(sweepOn(rt, at(10, d)))).toEqual([]);
    const o22 = sweepOn(rt, at(10, 22));
    expect(failures().slice(-2)).toEqual(['DB-0001:督办〔2026〕7号', 'DB-0003:督办〔2026〕7号']);
    expect(toUnits(o22).filter((m) => m.subject.startsWith('【整改通知】'))).toEqual([]);
    expect(value(s, row('背街小巷垃圾堆积'), count)).toBe(3);
    // Its case is in 约谈安排 for a person: 市城管局, tasks 1 and 3, the three failed notices with their 限期.
    const arrangement = sheet(rt, '约谈安排');
    const ivCell = (header: string): string => `${letter(col(arrangement, 1, header))}2`;
    const ivValue = (header: string): unknown => value(arrangement, 2, col(arrangement, 1, header));
    const filled = (): number => arrangement.rows.filter((r) => r?.some((c) => c?.value !== undefined && c.value !== '')).length;
    expect([filled(), ivValue('单位'), ivValue('状态')]).toEqual([2, '市城管局', '待审批']);
    for (const n of ['督办〔2026〕1号', '督办〔2026〕3号', '督办〔2026〕7号'])
      expect(String(ivValue('未达要求的整改通知（文号）'))).toContain(n);
    expect(String(ivValue('被约谈人'))).toContain('cgj-head@example.org');
    const leaders = (mails: Mail[]): Mail[] => mails.filter((m) => m.subject.startsWith('【约谈通知】'));
    // Fri 23 and Mon 26: no 约谈通知 while nobody has agreed (a time and place alone are not 同意).
    expect(leaders(sweepOn(rt, at(10, 23)))).toEqual([]);
    rt.spreadsheet.editAsUser('约谈安排', ivCell('约谈时间'), [['2026-10-30 09:30']]);
    rt.spreadsheet.editAsUser('约谈安排', ivCell('约谈地点'), [['市政府3号会议室']]);
    rt.spreadsheet.editAsUser('约谈安排', ivCell('约谈人'), [['市创城办主任']]);
    expect(leaders(sweepOn(rt, at(10, 26)))).toEqual([]);
    // Tue 27: the office writes 同意; that day's sweep sends the one 约谈通知, to the unit's head (the
    // directory names no 党组织/行政主要负责人), Cc its 分管领导, in its own series.
    rt.spreadsheet.editAsUser('约谈安排', ivCell('审批'), [['同意']]);
    const o27 = leaders(sweepOn(rt, at(10, 27)));
    expect(o27.map((m) => [m.to, m.cc, m.subject])).toEqual([
      ['cgj-head@example.org', 'wang@example.org', '【约谈通知】关于约谈市城管局党政主要负责人的通知（督办约谈〔2026〕1号）'],
    ]);
    expect(o27[0]!.text).toContain('一、约谈时间：2026年10月30日 09:30');
    expect([ivValue('约谈通知文号'), ivValue('状态')]).toEqual(['督办约谈〔2026〕1号', '已发通知']);
    expect(leaders(sweepOn(rt, at(10, 28)))).toEqual([]);
    // Every delivery logged, none left unconfirmed; task 5's relapse (9 Oct) logged once, as an event.
    expect(logRows(rt).every((r) => r[10] === '已发送' || r[10] === '已记录')).toBe(true);
    expect(
      logRows(rt)
        .filter((r) => r[4] === '反弹')
        .map((r) => [r[2], r[5]]),
    ).toEqual([['DB-0005', '1']]);
    // Each series has no gap and no number twice, in the order issued (整改通知, 通报, 约谈通知, 退回通知).
    const series = (prefix: string): string[] =>
      [...new Set(logRows(rt).flatMap((r) => (r[0]?.startsWith(`${prefix}〔`) ? [r[0]] : [])))].sort(
        (a, b) => Number(/(\d+)号/.exec(a)![1]) - Number(/(\d+)号/.exec(b)![1]),
      );
    const upTo = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}〔2026〕${i + 1}号`);
    // 通报 2号 and 3号: task 6 (市城管局) failed twice by 23 Oct, task 5 (市住建局) by 26 Oct.
    expect(series('督办')).toEqual(upTo('督办', 12));
    expect(series('督办通报')).toEqual(upTo('督办通报', 3));
    expect(series('督办约谈')).toEqual(['督办约谈〔2026〕1号']);
    expect(series('督办退回')).toEqual(['督办退回〔2026〕1号']);
  });
});

describe('a 督办记录 written before its 整改限期 column (issue 14)', () => {
  it('reads as before, gains the column header, and its notices wait for a 限期 counted from when they were sent', async () => {
    const rt = await started();
    sweepOn(rt, at(9, 21));
    const log = sheet(rt, '督办记录');
    const width = log.rows[0]!.length;
    expect(log.rows[0]![width - 1]?.value).toBe('整改限期');
    // The log as a former version wrote it: no 整改限期 column.
    deleteColumns(log, width - 1, 1, rt.workbook.sheets);
    // Tue 29 Sep, the first notices' 限期: nothing more for 市城管局 yet.
    expect(sweepOn(rt, at(9, 29)).filter((m) => addresses(m).includes('cgj@example.org'))).toEqual([]);
    expect(sheet(rt, '督办记录').rows[0]![width - 1]?.value).toBe('整改限期');
    const s30 = toUnits(sweepOn(rt, at(9, 30)));
    // Sent 21 Sep, 限期 29 Sep (counted, as the log no longer says): the 催办 goes out on 30 Sep, 限期 13 Oct (3号 went to 市市场监管局 on 28 Sep).
    expect(s30.map((m) => m.subject)).toContain('【整改通知】市城管局：3项创城任务逾期未整改（督办〔2026〕4号）');
    expect(byTo(s30, 'cgj@example.org').text).toContain('请于2026年10月13日前整改到位');
  });
});

describe('safe sending', () => {
  it('a run that dies between a send and its confirmation resumes without a duplicate and without a loss', async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    // Learn which setValues confirms the second mail: claim, then per mail 发送中 and 已发送.
    const probe = await started();
    probe.clock.set(at(9, 21));
    let confirmSecond = 0;
    let seen = 0;
    probe.calls.on('MailApp.sendEmail', 2, () => (seen = probe.calls.get('Range.setValues')));
    job(probe, 'sweep');
    confirmSecond = seen + 1;
    const reference = probe.outbox
      .slice(-4)
      .map((m) => m.to)
      .sort();

    // The run dies on that write: the second mail went out, its row still says 发送中.
    // rt has run exactly what the probe had when it began its sweep: the same call count.
    rt.calls.on('Range.setValues', confirmSecond, () => {
      throw new Error('Exceeded maximum execution time');
    });
    const dead = job(rt, 'sweep');
    expect(dead.ok).toBe(false);
    const sentBefore = rt.outbox.length;
    expect(sentBefore).toBe(2);
    const firstTwo = rt.outbox.map((m) => m.to);

    // The rerun (a continuation, or the next trigger the same day) sends the rest, not those two.
    const again = job(rt, 'sweep');
    expect(again.ok).toBe(true);
    const after = rt.outbox.slice(sentBefore).map((m) => m.to);
    for (const to of firstTwo) expect(after).not.toContain(to);
    expect([...firstTwo, ...after.filter((t) => t !== 'admin@example.org')].sort()).toEqual(
      reference
        .filter((t) => t !== 'admin@example.org')
        .concat([])
        .sort(),
    );
    // The one left 发送中 is 未确认 now, and the admin is told to check it with the recipient.
    const rows = logRows(rt);
    // Only the digest that was being sent (all its rows, one recipient).
    expect(new Set(rows.filter((r) => r[10] === '未确认').map((r) => r[7])).size).toBe(1);
    const summary = rt.outbox.slice(sentBefore).find((m) => m.to === 'admin@example.org')!;
    expect(summary.body).toContain('不确定是否已发出');
    // A third run the same day sends nothing.
    const third = rt.outbox.length;
    job(rt, 'sweep');
    expect(rt.outbox.length).toBe(third);
  });

  it('a run killed right after a send keeps its claim (发送中) and the next sweep sends nothing twice', async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    // Google kills the run (its time limit) at the first spreadsheet write after the first mail went out:
    // whatever the run had not applied to the sheet by then is lost.
    rt.calls.on('MailApp.sendEmail', rt.calls.get('MailApp.sendEmail') + 1, () => {
      rt.calls.on('Range.setValues', rt.calls.get('Range.setValues') + 1, () => rt.kill());
    });
    expect(() => job(rt, 'sweep')).toThrow('Exceeded maximum execution time');
    expect(rt.outbox).toHaveLength(1);
    const first = rt.outbox[0]!.to;
    // The claim survived the kill: the mail's rows say 发送中 (being sent), not nothing.
    const claimed = logRows(rt).filter((r) => r[7] === first);
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.every((r) => r[10] === '发送中')).toBe(true);

    // The next sweep sends the others, never the first again, and tells the admin to check it.
    job(rt, 'sweep');
    const after = rt.outbox.slice(1);
    expect(after.map((m) => m.to)).not.toContain(first);
    expect(after.filter((m) => m.to !== 'admin@example.org').length).toBeGreaterThan(0);
    expect(logRows(rt).filter((r) => r[7] === first && r[10] !== '未确认')).toEqual([]);
    expect(after.find((m) => m.to === 'admin@example.org')!.body).toContain('不确定是否已发出');
    // And a third run sends nothing at all.
    const sent = rt.outbox.length;
    job(rt, 'sweep');
    expect(rt.outbox.length).toBe(sent);
  });

  it('a run near the time limit stops between two mails and its continuation sends the rest', async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    // The first mail takes five minutes (a slow day at Google): past the run's budget.
    rt.calls.on('MailApp.sendEmail', 1, () => rt.clock.advance(5 * 60_000));
    const first = job(rt, 'sweep');
    expect(first.ok).toBe(true);
    expect(rt.outbox.map((m) => m.to)).toEqual(['cgj@example.org', 'admin@example.org']);
    const waiting = logRows(rt).filter((r) => r[10] === '待发送');
    expect(waiting.length).toBeGreaterThan(0);
    // Meanwhile a person adds an overdue task of 市市场监管局, whose mail is among those waiting.
    const s = sheet(rt, '任务台账');
    const stateCol = col(s, 2, '督办状态');
    rt.spreadsheet.editAsUser('任务台账', 'A9:I9', [[7, '路灯不亮', '解放路', '市市场监管局', '', shDate(2026, 9, 14), '整改中', '', '']]);
    const rowsBefore = logRows(rt).length;
    // One continuation is scheduled; it sends exactly what was waiting, as it was claimed: nothing new joins it.
    const triggers = rt.triggers.filter((t) => t.handler === 'continueSweep');
    expect(triggers).toHaveLength(1);
    const before = rt.outbox.length;
    rt.run('continueSweep', [{ authMode: 'FULL', triggerUid: triggers[0]!.id }], 'installable');
    const continued = toUnits(rt.outbox.slice(before));
    expect(continued.map((m) => m.to).sort()).toEqual([...new Set(waiting.map((r) => r[7]!))].sort());
    expect(continued.some((m) => m.body.includes('路灯不亮'))).toBe(false);
    expect(logRows(rt).filter((r) => r[10] === '待发送')).toEqual([]);
    // It only sent: no state swept (the new row has none yet), no row claimed but the admin's summary.
    expect(value(sheet(rt, '任务台账'), 9, stateCol)).toBe('');
    expect(logRows(rt).length).toBe(rowsBefore + 1);
    expect(logRows(rt).some((r) => r[2] === 'DB-0007')).toBe(false);
    expect(rt.triggers.filter((t) => t.handler === 'continueSweep')).toHaveLength(0);
  });

  it('a quota of a few recipients defers the rest, most urgent first, and sends them on the next run', async () => {
    const rt = await started();
    // Three weeks in, two notices of each unit have failed: the third goes Cc the heads; give the day a quota of three recipients.
    for (const [m, d] of [
      [9, 21],
      [10, 8],
    ] as const)
      sweepOn(rt, at(m, d));
    rt.clock.set(at(10, 16));
    // Three recipients left of today's quota: one is kept for the admin's summary.
    rt.setMailQuotaLeft(3);
    const before = rt.outbox.length;
    job(rt, 'sweep');
    const sent = rt.outbox.slice(before);
    // The most urgent mail (the third notice, to 市城管局's contact with its head in copy) goes first; then the quota is spent.
    expect(sent.map((m) => [m.to, m.cc ?? ''])).toEqual([
      ['cgj@example.org', 'cgj-head@example.org'],
      ['admin@example.org', ''],
    ]);
    expect(sent[0]!.body).toContain('予以全市通报批评');
    // Everyone else is 延后 (logged), and the admin is told the rest goes out on the next run.
    const held = logRows(rt).filter((r) => r[10] === '延后');
    const deferred = [...new Set(held.filter((r) => !r[2]!.startsWith('§')).map((r) => r[7]!))].sort();
    // The day's two 通报 (each to every unit: more than the quota left) are held back too, keeping their numbers.
    const circularNumbers = [...new Set(held.filter((r) => r[2]!.startsWith('§')).map((r) => r[0]!))];
    expect(circularNumbers).toEqual(['督办通报〔2026〕1号', '督办通报〔2026〕2号']);
    expect(deferred).toContain('zjj@example.org');
    expect(deferred).not.toContain('cgj@example.org');
    expect(deferred).not.toContain('cgj-head@example.org');
    expect(sent[1]!.body).toContain('今日邮件配额已用完');
    // Next working day, with a fresh quota: the deferred ones go out with the same numbers, once each.
    const next = sweepOn(rt, at(10, 19));
    // The 通报 held back go first, with their numbers, then the deferred 整改通知.
    expect(next.slice(0, 2).map((m) => /（(督办通报〔2026〕\d+号)）$/.exec(m.subject)?.[1])).toEqual(circularNumbers);
    expect(next.filter(isCircular)).toHaveLength(2);
    expect(tos(toUnits(next).filter((m) => !isCircular(m)))).toEqual(deferred);
    const numbersOn16 = logRows(rt)
      .filter((r) => r[10] === '延后' && r[7] === 'zjj@example.org' && !r[2]!.startsWith('§'))
      .map((r) => r[0]);
    for (const n of numbersOn16)
      expect(
        byTo(
          next.filter((m) => !isCircular(m)),
          'zjj@example.org',
        ).text,
      ).toContain(n!);
    expect(toUnits(sweepOn(rt, at(10, 20)))).toEqual([]);
  });

  it('a 通报 the quota holds back waits as one queued set of rows, not a new set each day, and goes later with its number, under those same rows', async () => {
    const rt = await started();
    for (const [m, d] of [
      [9, 21],
      [10, 8],
    ] as const)
      sweepOn(rt, at(m, d));
    const circularRows = (): string[][] => logRows(rt).filter((r) => r[2]!.startsWith('§'));
    const tightDay = (d: number): void => {
      rt.clock.set(at(10, d));
      rt.setMailQuotaLeft(3);
      sweepOn(rt, at(10, d));
    };
    tightDay(16);
    const perNumber = (rows: string[][], n: string): number => rows.filter((r) => r[0] === n).length;
    const numbers = [...new Set(circularRows().map((r) => r[0]!))];
    expect(numbers).toEqual(['督办通报〔2026〕1号', '督办通报〔2026〕2号']);
    const recipients = perNumber(circularRows(), numbers[0]!);
    expect(recipients).toBeGreaterThan(2);
    // Its event rows (one per task, 已记录, under its 文号): written once, the day it was numbered.
    const eventRows = (): string[][] => logRows(rt).filter((r) => numbers.includes(r[0]!) && !r[2]!.startsWith('§'));
    const events = eventRows();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((r) => r[10]))).toEqual(new Set(['已记录']));
    tightDay(19);
    // The admin is told: each 通报 has more recipients than a day's quota allows, so the backlog never clears at this rate.
    const told = rt.outbox.at(-1)!;
    expect(told.to).toBe('admin@example.org');
    expect(told.body).toContain(`积压2封邮件（${2 * recipients}个收件人）`);
    expect(told.body).toContain('按此速度积压不会减少');
    expect(told.body).toContain('改为“随月度通报”');
    tightDay(20);
    // Held back three days running: each 通报 has its one set of rows (延后), written the day it was numbered.
    const held = circularRows();
    expect(new Set(held.map((r) => r[10]))).toEqual(new Set(['延后']));
    expect(numbers.map((n) => perNumber(held, n))).toEqual([recipients, recipients]);
    // A day with quota enough: both go, with their numbers, once each.
    const sent = sweepOn(rt, at(10, 21)).filter(isCircular);
    expect(sent.map((m) => /（(督办通报〔2026〕\d+号)）$/.exec(m.subject)?.[1])).toEqual(numbers);
    // One set of rows each, the same rows the quota queued, now 已发送: nothing written again; the events as they were.
    const after = circularRows();
    expect(numbers.map((n) => perNumber(after, n))).toEqual([recipients, recipients]);
    expect(new Set(after.map((r) => r[10]))).toEqual(new Set(['已发送']));
    expect(eventRows()).toEqual(events);
    expect(sweepOn(rt, at(10, 22)).filter(isCircular)).toEqual([]);
    expect(circularRows()).toHaveLength(2 * recipients);
  });

  it('a backlog the quota holds back is a queue: one row per owed mail, sent over the days most urgent first with its number, the admin told when it clears', async () => {
    const rt = await started();
    // A consumer account at its limit: two recipients a day, one of them kept for the admin's summary.
    const day = (d: number): Mail[] => {
      rt.clock.set(at(9, d));
      rt.setMailQuotaLeft(2);
      return sweepOn(rt, at(9, d));
    };
    const first = day(21);
    const rowsAfter21 = logRows(rt).length;
    const queued = logRows(rt).filter((r) => r[10] === '延后');
    // The two digests that do not fit wait in the log once (a row per task and address, as any delivery), with their numbers.
    expect(queued.map((r) => r[7]).sort()).toEqual(['scjg@example.org', 'zjj@example.org', 'zjj@example.org']);
    const numberOf = new Map(queued.map((r) => [r[7]!, r[0]!] as const));
    expect(toUnits(first).map((m) => m.to)).toEqual(['cgj@example.org']);
    // The admin is told the backlog's size, when it clears at today's rate, and what would clear it sooner.
    const summary = first.find((m) => m.to === 'admin@example.org')!;
    expect(summary.text).toContain('积压2封邮件（2个收件人）');
    expect(summary.text).toContain('按今日配额每天可发1个收件人计，约需2个工作日，预计2026年9月23日发完');
    expect(summary.text).toContain('Google Workspace');
    expect(summary.text).toContain('随月度通报');
    // Next day: the next most urgent goes with the number it was given on the 21st; the rest stays queued, no new row for it.
    const second = day(22);
    expect(toUnits(second).map((m) => m.to)).toEqual(['zjj@example.org']);
    expect(second[0]!.subject).toContain(numberOf.get('zjj@example.org')!);
    // Only the summary's row is new: the queued row of zjj was updated (已发送), scjg's left as it was.
    expect(logRows(rt).length).toBe(rowsAfter21 + 1);
    expect(second.find((m) => m.to === 'admin@example.org')!.text).toContain('积压1封邮件（1个收件人）');
    const third = day(23);
    expect(toUnits(third).map((m) => m.to)).toEqual(['scjg@example.org']);
    expect(third[0]!.subject).toContain(numberOf.get('scjg@example.org')!);
    expect(third.find((m) => m.to === 'admin@example.org')!.text).not.toContain('积压');
    expect(toUnits(day(24))).toEqual([]);
    // Every owed mail went exactly once, and the log holds one row for each, 已发送.
    const deliveries = logRows(rt).filter((r) => r[7] !== 'admin@example.org' && r[7] !== '');
    expect(deliveries.map((r) => [r[7], r[10]]).sort()).toEqual([
      ['cgj@example.org', '已发送'],
      ['cgj@example.org', '已发送'],
      ['cgj@example.org', '已发送'],
      ['scjg@example.org', '已发送'],
      ['zjj@example.org', '已发送'],
      ['zjj@example.org', '已发送'],
    ]);
  });

  it('in a dry run every mail goes to the admin, says whom it was meant for, and the log says test', async () => {
    const rt = await started();
    const settings = sheet(rt, '设置');
    const dry = settings.rows.findIndex((r) => r[0]?.value === '试运行');
    rt.spreadsheet.editAsUser('设置', `B${dry + 1}`, [['是']]);
    const mails = sweepOn(rt, at(9, 21));
    expect(new Set(mails.map((m) => m.to))).toEqual(new Set(['admin@example.org']));
    const meant = mails.find((m) => m.subject.includes('市城管局'))!;
    expect(meant.subject.startsWith('【试运行】')).toBe(true);
    expect(meant.text).toContain('cgj@example.org');
    expect(
      logRows(rt)
        .filter((r) => r[1] !== '' && r[3] !== '')
        .every((r) => ['试运行', '已发送'].includes(r[10]!)),
    ).toBe(true);
    expect(logRows(rt).some((r) => r[10] === '试运行')).toBe(true);
  });

  it("the preview shows today's mails and sends and changes nothing", async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    const before = JSON.stringify(rt.workbook.sheets.map((x) => x.rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''))));
    const result = rt.run<{ ok: boolean; preview: { to: string; subject: string }[] }>(
      'preview',
      [{ authMode: 'FULL', triggerUid: 'p' }],
      'installable',
    ).value;
    expect(result.ok).toBe(true);
    expect(result.preview.map((m) => m.to).sort()).toEqual(['cgj@example.org', 'scjg@example.org', 'zjj@example.org']);
    expect(result.preview.find((m) => m.to === 'cgj@example.org')!.subject).toBe(
      '【整改通知】市城管局：3项创城任务逾期未整改（督办〔2026〕1号）',
    );
    expect(rt.outbox).toHaveLength(0);
    expect(JSON.stringify(rt.workbook.sheets.map((x) => x.rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''))))).toBe(before);
  });
});

/** A write of the job to 督办记录: its first row (1-based), its cells, and how many mails had gone out when it was made. */
interface LogWrite {
  row: number;
  cells: string[][];
  mailsOut: number;
}

/** Records every setValues on 督办记录 while fn runs (the runtime's Range, as the bundle calls it). */
function logWritesOf(rt: LocalRuntime, fn: () => void): LogWrite[] {
  const writes: LogWrite[] = [];
  const original = Range.prototype.setValues;
  const spy = vi.spyOn(Range.prototype, 'setValues').mockImplementation(function (this: Range, values: unknown) {
    if (this.sheetModel.name === '督办记录')
      writes.push({ row: this.r0 + 1, cells: (values as unknown[][]).map((r) => r.map(String)), mailsOut: rt.outbox.length });
    return original.call(this, values);
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return writes;
}

describe('log writes per mail (issue 17)', () => {
  it('one write between two mails: the 已发送 of the one and the 发送中 of the next together, flushed before the send', async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    const before = rt.outbox.length;
    const writes = logWritesOf(rt, () => job(rt, 'sweep'));
    const mails = toUnits(rt.outbox.slice(before));
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (let k = before + 1; k < before + mails.length; k++) {
      const between = writes.filter((w) => w.mailsOut === k);
      // Exactly one write after the kth mail went out and before the next did …
      expect(between, `writes between mail ${k} and mail ${k + 1}`).toHaveLength(1);
      // … and it confirms the one (已发送) and claims the next (发送中), side by side.
      const words = between[0]!.cells.map((r) => r[0]);
      expect(new Set(words)).toEqual(new Set(['已发送', '发送中']));
      expect(words.indexOf('发送中')).toBeGreaterThan(words.lastIndexOf('已发送'));
    }
    // Every row the sweep claimed for a unit's mail ends 已发送 (nothing lost by the pairing).
    const rows = logRows(rt).filter((r) => mails.some((m) => m.to.split(',').includes(r[7]!)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[10] === '已发送')).toBe(true);
  });

  it('a run killed right after its second send loses no claim, and nothing is sent twice', async () => {
    const rt = await started();
    rt.clock.set(at(9, 21));
    // Killed at the first spreadsheet write after the second mail went out: the paired write that
    // carried the first mail's 已发送 and the second's 发送中 had been flushed before the send.
    rt.calls.on('MailApp.sendEmail', rt.calls.get('MailApp.sendEmail') + 2, () => {
      rt.calls.on('Range.setValues', rt.calls.get('Range.setValues') + 1, () => rt.kill());
    });
    expect(() => job(rt, 'sweep')).toThrow('Exceeded maximum execution time');
    expect(rt.outbox).toHaveLength(2);
    const [first, second] = rt.outbox.map((m) => m.to);
    expect(
      logRows(rt)
        .filter((r) => r[7] === first)
        .every((r) => r[10] === '已发送'),
    ).toBe(true);
    const claimed = logRows(rt).filter((r) => r[7] === second);
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.every((r) => r[10] === '发送中')).toBe(true);

    job(rt, 'sweep');
    const after = rt.outbox.slice(2).map((m) => m.to);
    expect(after).not.toContain(first);
    expect(after).not.toContain(second);
    expect(logRows(rt).filter((r) => r[7] === second && r[10] !== '未确认')).toEqual([]);
    const sent = rt.outbox.length;
    job(rt, 'sweep');
    expect(rt.outbox.length).toBe(sent);
  });

  it("a quota day's 延后 rows go in one write per batch (the digests', the 通报'), not one per mail", async () => {
    const rt = await started();
    for (const [m, d] of [
      [9, 21],
      [10, 8],
    ] as const)
      sweepOn(rt, at(m, d));
    rt.clock.set(at(10, 16));
    rt.setMailQuotaLeft(3);
    const writes = logWritesOf(rt, () => job(rt, 'sweep'));
    // A held mail is queued (issue 17, quota): its rows written once, whole (延后 in the outcome column), with the others held.
    const deferredWrites = writes.filter((w) => w.cells.some((r) => r.includes('延后')));
    // Several digests and two 通报 are held back (the quota test above): the digests' rows in one write, the 通报' in another.
    const heldMails = new Set(
      logRows(rt)
        .filter((r) => r[10] === '延后')
        .map((r) => `${r[2]!.startsWith('§')}|${r[7]}`),
    );
    expect(heldMails.size).toBeGreaterThan(2);
    expect(deferredWrites).toHaveLength(2);
    const written = deferredWrites.flatMap((w) => w.cells.filter((r) => r.includes('延后')));
    expect(written).toHaveLength(logRows(rt).filter((r) => r[10] === '延后').length);
  });
});
