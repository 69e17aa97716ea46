/**
 * The ledger sheet found by its header (issue 13, case 9): an office whose ledger is called
 * 整改台账 or 问题清单 gets that sheet taken, said and recorded in 设置, never an empty
 * 任务台账 beside it and a sweep that finds 0 tasks.
 */
import { describe, expect, it } from 'vitest';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');

/** A 创城 整改台账 as offices keep it: a title, then 问题描述 | 责任单位 | 整改时限 | 是否整改到位. */
function rectificationLedger(name = '整改台账', id = 1) {
  return sheetFrom(
    name,
    [
      ['xx市创建全国文明城市问题整改台账'],
      ['问题描述', '责任单位', '整改时限', '是否整改到位'],
      ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '否'],
      ['公益广告破损', '市住建局', shDate(2026, 12, 20), '否'],
      ['农贸市场占道经营', '市市场监管局', shDate(2026, 11, 10), '是'],
    ],
    id,
  );
}

const NOTES = () => sheetFrom('说明', [['本表记录每月督查安排。'], ['联系人：办公室']]);
const PEOPLE = () =>
  sheetFrom('人员名单', [
    ['姓名', '电话'],
    ['张三', '13800000000'],
  ]);

/** The value of a setting in 设置, by its label. */
function setting(rt: Awaited<ReturnType<typeof runtimeFor>>, label: string): unknown {
  const s = sheet(rt, '设置');
  const row = s.rows.findIndex((r) => r?.[0]?.value === label);
  if (row < 0) throw new Error(`no setting ${label}`);
  return value(s, row + 1, 2);
}

describe('a ledger with another name', () => {
  it('setup takes 整改台账 by its header, says so, records it in 设置 and creates no 任务台账', async () => {
    const rt = await runtimeFor(workbookOf([NOTES(), rectificationLedger()]), NOW);
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(true);
    const said =
      '没有名为“任务台账”的表：按表头选用了《整改台账》作为任务台账（第2行表头认出4列：问题描述、责任单位、整改时限、是否整改到位），已记入《设置》的“任务表名称”';
    expect(setup.message).toContain(said);
    expect(setup.warnings).toContain(said);
    expect(rt.workbook.sheets.map((s) => s.name)).not.toContain('任务台账');
    expect(setting(rt, '任务表名称')).toBe('整改台账');
    // The office's ledger got the script's columns, after its own.
    const ledger = sheet(rt, '整改台账');
    expect(col(ledger, 2, '督办状态')).toBe(5);
    expect(value(ledger, 2, 4)).toBe('是否整改到位');

    // A second setup finds it by name: nothing to say.
    const again = job(rt, 'setup');
    expect(again.ok).toBe(true);
    expect(again.message).toBe('台账完整，无需修复。');
  });

  it('the sweep then reads its tasks: overdue, not due, and closed by 是否整改到位', async () => {
    const rt = await runtimeFor(workbookOf([NOTES(), rectificationLedger()]), NOW);
    job(rt, 'setup');
    const sweep = job(rt, 'sweep');
    expect(sweep.ok).toBe(true);
    expect(sweep.counts.tasks).toBe(3);
    expect(sweep.message).toMatch(/^检查完成：3项任务，逾期1项/);
    const ledger = sheet(rt, '整改台账');
    const state = col(ledger, 2, '督办状态');
    expect(value(ledger, rowOf(ledger, 1, '背街小巷垃圾堆积'), state)).toBe('逾期');
    expect(value(ledger, rowOf(ledger, 1, '公益广告破损'), state)).toBe('未到期');
    expect(value(ledger, rowOf(ledger, 1, '农贸市场占道经营'), state)).toBe('已销号');
  });

  it('the sweep finds it by its header even before setup has recorded it', async () => {
    const rt = await runtimeFor(workbookOf([rectificationLedger('问题清单')]), NOW);
    const sweep = job(rt, 'sweep');
    expect(sweep.ok).toBe(true);
    expect(sweep.counts.tasks).toBe(3);
  });
});

describe('no sheet, or two, that look like the ledger', () => {
  it('setup fails naming the sheets it looked at and the columns it looked for, and creates no 任务台账', async () => {
    const rt = await runtimeFor(workbookOf([NOTES(), PEOPLE()]), NOW);
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(false);
    expect(setup.message).toContain(
      '没有名为“任务台账”的表，其他工作表也都不像任务台账：查看了《说明》《人员名单》，前15行中没有一行同时含有这三列：',
    );
    expect(setup.message).toContain('“任务内容”（可用表头：任务内容、问题描述、');
    expect(setup.message).toContain('“责任单位”（可用表头：责任单位、牵头单位、');
    expect(setup.message).toContain('“整改时限”（可用表头：整改时限、完成时限、');
    expect(setup.message).toContain('《说明》缺少“任务内容”、“责任单位”、“整改时限”；《人员名单》缺少“任务内容”、“责任单位”、“整改时限”。');
    expect(rt.workbook.sheets.map((s) => s.name)).not.toContain('任务台账');
    // 设置 is there, for the name the message asks for.
    expect(setting(rt, '任务表名称')).toBe('任务台账');
    // The sweep says the same, not "0 tasks".
    const sweep = job(rt, 'sweep');
    expect(sweep.ok).toBe(false);
    expect(sweep.message).toContain('查看了《说明》《人员名单》');
  });

  it('two equally good sheets are not guessed between: setup fails naming both', async () => {
    const rt = await runtimeFor(workbookOf([rectificationLedger('整改台账'), rectificationLedger('整改台账（备份）', 2)]), NOW);
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(false);
    expect(setup.message).toContain(
      '没有名为“任务台账”的表，而《整改台账》《整改台账（备份）》的表头同样像任务台账（各认出4列），督办台账不替您挑选。',
    );
    expect(rt.workbook.sheets.map((s) => s.name)).not.toContain('任务台账');
  });

  it('a new workbook (only an empty Sheet1) gets a 任务台账 to start from', async () => {
    const rt = await runtimeFor(workbookOf([sheetFrom('Sheet1', [])]), NOW);
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(true);
    expect(setup.message).toContain('已创建表《任务台账》');
    expect(value(sheet(rt, '任务台账'), 1, 2)).toBe('任务内容');
  });

  it('a sheet the script made and marked is never taken for the ledger, whatever it holds', async () => {
    const rt = await runtimeFor(workbookOf([NOTES()]), NOW);
    job(rt, 'setup');
    // Someone pastes a ledger into the script's own 节假日 sheet: it stays the script's.
    const holidays = sheet(rt, '节假日');
    holidays.rows = rectificationLedger().rows;
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(false);
    expect(setup.message).toContain('查看了《说明》，');
    expect(rt.workbook.sheets.map((s) => s.name)).not.toContain('任务台账');
  });
});
