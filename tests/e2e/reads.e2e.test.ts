/**
 * Issue 17, reads: a daily sweep reads the task sheet whole once (values and formulas), and before
 * each of its two writes re-reads only what that write checks: the keys, the decision's inputs
 * and the cells it writes, of the rows it writes. A row a person moved meanwhile is still found
 * by its key (or left alone), never written on another row.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { WorkbookModel } from '../../runtime/model';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');
const NEXT_DAY = new Date('2026-11-26T01:00:00Z');
const UNITS = ['市城管局', '市住建局', '市市场监管局', '市委宣传部'];
const DEADLINES: unknown[] = [shDate(2026, 11, 20), '2026年11月27日', '长期坚持', '12月31日前', shDate(2026, 12, 15), '尽快'];
const STATUSES = ['整改中', '未开始', '已销号', '待验收', '', '退回'];

function ledger(rows: number): WorkbookModel {
  const data: unknown[][] = [['XX市问题整改台账'], ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '交办日期', '备注']];
  for (let i = 0; i < rows; i++) {
    data.push([
      i + 1,
      `问题${i + 1}`,
      UNITS[i % UNITS.length],
      DEADLINES[i % DEADLINES.length],
      STATUSES[i % STATUSES.length],
      shDate(2026, 11, 1 + (i % 5)),
      '',
    ]);
  }
  const units = [['单位名称', '联系人邮箱'], ...UNITS.map((u, i) => [u, `u${i}@example.org`])];
  return workbookOf([sheetFrom('任务台账', data), sheetFrom('责任单位', units)]);
}

/** Set up and swept once (keys given), then the clock set to the next morning. */
async function dayTwo(rows: number): Promise<LocalRuntime> {
  const rt = await runtimeFor(ledger(rows), NOW);
  job(rt, 'setup');
  job(rt, 'sweep');
  rt.clock.set(NEXT_DAY);
  rt.calls.reset();
  return rt;
}

/** Reads of 任务台账 that cover all its data: every row and every column the sheet uses (title, header, `rows` tasks). */
function wholeReads(rt: LocalRuntime, method: string, rows: number): number {
  const width = sheet(rt, '任务台账').rows[1]!.length;
  return rt.calls.reads.filter((r) => r.sheet === '任务台账' && r.method === method && r.rows >= rows + 2 && r.columns >= width).length;
}

/** The states' re-read is the sweep's second getFormulas (the first is the whole read): a person's edit just before it. */
const BEFORE_STATES_REREAD = 2;

describe('one full read of the ledger per sweep', () => {
  it('a daily sweep reads the task sheet whole once, values and formulas; its two writes re-read only their columns', async () => {
    const rt = await dayTwo(1_000);
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    expect(wholeReads(rt, 'Range.getValues', 1_000)).toBe(1);
    expect(wholeReads(rt, 'Range.getFormulas', 1_000)).toBe(1);
    // The formulas re-read are those of the cells a write may change: the script's columns, never the office's.
    const s = sheet(rt, '任务台账');
    const scriptColumns = s.rows[1]!.length - 7;
    const formulaReads = rt.calls.reads.filter((r) => r.sheet === '任务台账' && r.method === 'Range.getFormulas');
    expect(formulaReads).toHaveLength(3);
    for (const r of formulaReads.slice(1)) expect(r.columns).toBeLessThanOrEqual(scriptColumns);
  });
});

describe('the small sheets are read in one call each', () => {
  it('设置, 责任单位, 节假日, 台账问题, 督办记录 and 任务索引 are read without asking their last row first', async () => {
    const rt = await dayTwo(20);
    job(rt, 'sweep');
    // The one getLastRow left is the task sheet's (an empty task sheet is told apart from one without a header).
    expect(rt.calls.get('Sheet.getLastRow')).toBe(1);
    expect(rt.calls.reads.filter((r) => r.sheet !== '任务台账').map((r) => r.sheet)).toEqual([
      '设置',
      '责任单位',
      '节假日',
      '台账问题',
      '督办记录',
      '任务索引',
    ]);
  });
});

describe('a person moves rows between the sweep’s read and its write', () => {
  it('two rows swapped (a sort) each get their own state and key', async () => {
    const rt = await dayTwo(30);
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const state = col(s, 2, '督办状态');
    const id = col(s, 2, '系统编号');
    const closed = rowOf(s, task, '问题3'); // 已销号
    const open = rowOf(s, task, '问题1'); // overdue
    expect(value(s, closed, state)).toBe('已销号');
    expect(value(s, open, state)).toBe('逾期');
    rt.calls.on('Range.getFormulas', BEFORE_STATES_REREAD, () => {
      const width = s.rows[1]!.length;
      const last = String.fromCharCode(64 + width);
      const a = Array.from(s.rows[open - 1]!, (c) => c?.value ?? '');
      const b = Array.from(s.rows[closed - 1]!, (c) => c?.value ?? '');
      rt.spreadsheet.editAsUser('任务台账', `A${open}:${last}${open}`, [b.slice(0, width)]);
      rt.spreadsheet.editAsUser('任务台账', `A${closed}:${last}${closed}`, [a.slice(0, width)]);
    });
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    expect(result.counts.rowsLost).toBe(0);
    expect(rowOf(s, task, '问题3')).toBe(open);
    expect(value(s, open, state)).toBe('已销号');
    expect(value(s, open, id)).toBe('DB-0003');
    expect(value(s, closed, state)).toBe('逾期');
    expect(value(s, closed, id)).toBe('DB-0001');
    for (let i = 1; i <= 30; i++) expect(value(s, rowOf(s, task, `问题${i}`), id)).toBe(`DB-${String(i).padStart(4, '0')}`);
  });

  it('the last task row deleted: reported, nothing meant for it lands elsewhere, every other row written', async () => {
    const rt = await dayTwo(12);
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const days = col(s, 2, '逾期天数');
    const gone = rowOf(s, task, '问题12');
    const overdue = ['问题1', '问题7']; // 整改中, deadline 2026-11-20: one day more overdue today
    const before = new Map(overdue.map((name) => [name, Number(value(s, rowOf(s, task, name), days))]));
    rt.calls.on('Range.getFormulas', BEFORE_STATES_REREAD, () => rt.spreadsheet.deleteRowsAsUser('任务台账', gone, 1));
    const result = job(rt, 'sweep');
    expect(result.counts.rowsLost).toBe(1);
    expect(result.warnings).toContain(`《任务台账》第${gone}行在检查期间被移动或删除，下次检查时再处理`);
    for (const [name, was] of before) expect(value(s, rowOf(s, task, name), days)).toBe(was + 1);
    // Nothing was written below the ledger, where the deleted row was.
    expect(s.rows.slice(gone - 1).every((r) => (r ?? []).every((c) => (c?.value ?? '') === ''))).toBe(true);
  });

  it('a person types the 完成日期 the sweep meant to fill: the row is left as the person left it', async () => {
    const wb = ledger(6);
    const tasks = wb.sheets[0]!;
    tasks.rows[1]![6] = { value: '完成日期' };
    const rt = await runtimeFor(wb, NOW);
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const done = col(s, 2, '完成日期');
    const state = col(s, 2, '督办状态');
    const r = rowOf(s, task, '问题1');
    // The office closes task 1 today; before the sweep writes, a person types its completion date.
    rt.spreadsheet.editAsUser('任务台账', `E${r}`, [['已销号']]);
    rt.clock.set(NEXT_DAY);
    const typed = shDate(2026, 11, 24);
    rt.calls.reset();
    rt.calls.on('Range.getFormulas', BEFORE_STATES_REREAD, () =>
      rt.spreadsheet.editAsUser('任务台账', `${String.fromCharCode(64 + done)}${r}`, [[typed]]),
    );
    const result = job(rt, 'sweep');
    expect(result.counts.rowsChangedMeanwhile).toBe(1);
    expect((value(s, r, done) as Date).getTime()).toBe(typed.getTime());
    expect(value(s, r, state)).toBe('逾期');
  });
});
