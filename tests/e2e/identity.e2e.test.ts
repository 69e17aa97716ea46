/**
 * A task's history never lands on another task (issue 13, cases 1 to 5), through the bundle:
 * a live ledger edited between daily sweeps the way offices do (a copy pasted above, the key
 * column deleted, a task deleted and a new one added, the notice log cut, a sort of the office's
 * columns only). Each task keeps its key and its ladder; numbers are never issued twice; what
 * cannot be decided is held and a person is told.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { SheetModel } from '../../runtime/model';
import { deleteColumns, deleteRows, insertRows, lastRowWithContent } from '../../runtime/spreadsheet/grid';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of November 2026 (16 to 20 and 23 to 27 are working days). */
const at = (d: number): Date => new Date(Date.UTC(2026, 10, d, 1, 0));
const TITLE = 'XX市创建全国文明城市问题整改台账';
const HEADER = ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'];
const TASKS: [string, string, string][] = [
  ['背街小巷垃圾堆积', '人民路', '市城管局'],
  ['农贸市场占道经营', '东门市场', '市市场监管局'],
  ['老旧小区飞线充电', '幸福里', '市住建局'],
  ['公厕保洁不到位', '火车站', '市城管局'],
  ['餐饮油烟直排', '美食街', '市市场监管局'],
  ['建筑工地扬尘', '新区工地', '市住建局'],
];

async function campaign(): Promise<LocalRuntime> {
  const tasks = sheetFrom('任务台账', [
    [TITLE],
    HEADER,
    ...TASKS.map(([task, place, unit], i) => [i + 1, task, place, unit, shDate(2026, 11, 13), '整改中']),
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
    ['市城管局', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org', '王副市长', 'wang@example.org'],
    ['市住建局', '赵敏', 'zjj@example.org', '钱局长', 'zjj-head@example.org', '王副市长', 'wang@example.org'],
    ['市市场监管局', '孙丽', 'scjg@example.org', '周局长', 'scjg-head@example.org', '吴副市长', 'wu@example.org'],
  ]);
  const rt = await runtimeFor(workbookOf([tasks, units]), at(16));
  job(rt, 'setup');
  const settings = sheet(rt, '设置');
  const set = (label: string, v: unknown): void => {
    const r = settings.rows.findIndex((row) => row[0]?.value === label);
    rt.spreadsheet.editAsUser('设置', `B${r + 1}`, [[v]]);
  };
  set('管理员邮箱', 'admin@example.org');
  // 整改限期 the day a notice is sent (立行立改): the ladder climbs a step each working day.
  set('整改通知限期（工作日）', 0);
  return rt;
}

interface Day {
  mails: { to: string; subject: string; body: string }[];
  warnings: string[];
}

function sweepOn(rt: LocalRuntime, d: number): Day {
  rt.clock.set(at(d));
  const before = rt.outbox.length;
  const result = job(rt, 'sweep');
  expect(result.ok, result.message).toBe(true);
  return { mails: rt.outbox.slice(before).map((m) => ({ to: m.to, subject: m.subject, body: m.body })), warnings: result.warnings };
}

function ledger(rt: LocalRuntime): { s: SheetModel; row: (task: string) => number; cell: (task: string, header: string) => unknown } {
  const s = sheet(rt, '任务台账');
  const task = col(s, 2, '问题描述');
  const row = (name: string): number => rowOf(s, task, name);
  return { s, row, cell: (name, header) => value(s, row(name), col(s, 2, header)) };
}

/** The notice numbers the log holds, in its order. */
function numbers(rt: LocalRuntime): string[] {
  const log = sheet(rt, '督办记录');
  return log.rows
    .slice(1)
    .map((r) => String(r?.[0]?.value ?? ''))
    .filter((n) => n !== '');
}

/** The notice numbers issued (each given once, whoever received it), in order of issue. */
const issued = (rt: LocalRuntime): string[] => [...new Set(numbers(rt))];

/** A row of the sheet copied (values and formats) into a new row inserted above `before` (1-based). */
function copyRowAbove(s: SheetModel, rt: LocalRuntime, from: number, before: number): void {
  insertRows(s, before - 1, 1, rt.workbook.sheets);
  const source = from >= before ? from + 1 : from;
  s.rows[before - 1] = (s.rows[source - 1] ?? []).map((c) => (c ? structuredClone(c) : c));
}

describe('case 1: a copy pasted above the original', () => {
  it('the original keeps its key and its ladder; the copy is a new task with its first notice', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const { s, row, cell } = ledger(rt);
    const key = cell('背街小巷垃圾堆积', '系统编号');
    expect(cell('背街小巷垃圾堆积', '督办级别')).toBe('督办');

    // Tuesday: a person copies the row (system columns too) above it and edits the copy's text.
    copyRowAbove(s, rt, row('背街小巷垃圾堆积'), row('背街小巷垃圾堆积'));
    const copy = row('背街小巷垃圾堆积');
    rt.spreadsheet.editAsUser('任务台账', `B${copy}`, [['人行道破损']]);
    const tue = sweepOn(rt, 17);

    expect(cell('背街小巷垃圾堆积', '系统编号')).toBe(key);
    expect(cell('背街小巷垃圾堆积', '督办级别')).toBe('催办');
    expect(cell('背街小巷垃圾堆积', '督办次数')).toBe(2);
    expect(cell('人行道破损', '系统编号')).not.toBe(key);
    expect(cell('人行道破损', '督办级别')).toBe('督办');
    expect(cell('人行道破损', '督办次数')).toBe(1);
    const cgj = tue.mails.find((m) => m.to === 'cgj@example.org')!;
    expect(cgj.body).toMatch(/人行道破损[\s\S]*第1次督办|第1次督办[\s\S]*人行道破损/);
  });
});

describe('case 2: the 系统编号 column deleted after rows were moved', () => {
  it('every task gets its own key back by its content; no ladder lands on another unit', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const { s, row, cell } = ledger(rt);
    const keys = new Map(TASKS.map(([task]) => [task, cell(task, '系统编号')] as const));

    // A row moved up (cut and inserted above the first task), then the key column deleted.
    const moved = row('建筑工地扬尘');
    const cut = s.rows[moved - 1]!;
    deleteRows(s, moved - 1, 1, rt.workbook.sheets);
    insertRows(s, 2, 1, rt.workbook.sheets);
    s.rows[2] = cut;
    deleteColumns(s, col(s, 2, '系统编号') - 1, 1, rt.workbook.sheets);
    const tue = sweepOn(rt, 17);

    for (const [task] of TASKS) expect(cell(task, '系统编号'), task).toBe(keys.get(task));
    for (const [task] of TASKS) expect(cell(task, '督办级别'), task).toBe('催办');
    expect(tue.warnings).toContain(
      `《任务台账》有6行没有系统编号（系统编号列被删除或清空），已按任务内容找回原编号：${['建筑工地扬尘', ...TASKS.map(([t]) => t).filter((t) => t !== '建筑工地扬尘')].map((t) => keys.get(t)).join('、')}`,
    );
  });
});

describe('case 3: a deleted task’s key', () => {
  it('is never given to the next new task: the new task’s first mail is its first notice', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const { s, row, cell } = ledger(rt);
    const gone = cell('建筑工地扬尘', '系统编号');
    deleteRows(s, row('建筑工地扬尘') - 1, 1, rt.workbook.sheets);
    sweepOn(rt, 17);
    // Wednesday: a new task at the end.
    const last = lastRowWithContent(s) + 1;
    rt.spreadsheet.editAsUser('任务台账', `A${last}:F${last}`, [[7, '广告牌破损', '中山路', '市住建局', '2026-11-13', '整改中']]);
    sweepOn(rt, 18);
    expect(cell('广告牌破损', '系统编号')).not.toBe(gone);
    expect(cell('广告牌破损', '督办级别')).toBe('督办');
    expect(cell('广告牌破损', '督办次数')).toBe(1);
  });
});

describe('case 4: notice numbers', () => {
  it('deleting the last rows of 督办记录 never reissues a number', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const before = issued(rt);
    const log = sheet(rt, '督办记录');
    // The last notice's rows (and the admin's summary after them) deleted.
    const lastNumber = before[before.length - 1]!;
    const first = log.rows.findIndex((r) => r?.[0]?.value === lastNumber);
    deleteRows(log, first, log.rows.length - first, rt.workbook.sheets);
    const tue = sweepOn(rt, 17);
    const after = issued(rt).filter((n) => !before.includes(n) || n === lastNumber);
    expect(after).not.toContain(lastNumber);
    expect(tue.warnings.join('\n')).toContain('督办记录');
  });

  it('deleting the whole 督办记录 restarts no ladder and reissues no number; the admin is told what was lost', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const before = issued(rt);
    const log = sheet(rt, '督办记录');
    rt.workbook.sheets.splice(rt.workbook.sheets.indexOf(log), 1);
    const tue = sweepOn(rt, 17);
    const { cell } = ledger(rt);
    for (const [task] of TASKS) expect(cell(task, '督办级别'), task).toBe('催办');
    for (const [task] of TASKS) expect(cell(task, '督办次数'), task).toBe(2);
    for (const n of issued(rt)) expect(before, n).not.toContain(n);
    expect(tue.warnings.join('\n')).toMatch(/督办记录/);
    const admin = tue.mails.find((m) => m.to === 'admin@example.org')!;
    expect(admin.body).toContain('督办记录');
  });
});

describe('case 5: a sort of the office’s columns only', () => {
  it('leaves no key beside another task unnoticed: the rows are held, told in 系统提示 and to the admin, and nobody is notified about them', async () => {
    const rt = await campaign();
    sweepOn(rt, 16);
    const { s, cell } = ledger(rt);
    // Columns A:F sorted by 责任单位 (the filter range the office had before setup).
    const body = s.rows.slice(2, 2 + TASKS.length);
    const office = body.map((r) => r.slice(0, HEADER.length));
    office.sort((a, b) => String(a[3]?.value).localeCompare(String(b[3]?.value), 'zh'));
    body.forEach((r, i) => {
      for (let c = 0; c < HEADER.length; c++) r[c] = office[i]![c];
    });
    const tue = sweepOn(rt, 17);
    const units = tue.mails.filter((m) => m.to !== 'admin@example.org');
    const held = TASKS.filter(([task]) => String(cell(task, '系统提示')).includes('系统编号'));
    expect(held.length).toBeGreaterThan(0);
    for (const [task] of held) {
      expect(units.some((m) => m.body.includes(task))).toBe(false);
      expect(cell(task, '督办级别')).not.toBe('催办');
    }
    const admin = tue.mails.find((m) => m.to === 'admin@example.org')!;
    expect(admin.body).toContain('系统编号');
  });
});
