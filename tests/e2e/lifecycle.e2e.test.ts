/**
 * A task's life over several days, through the bundle: submitted, sent back, closed, reopened;
 * an extension asked for and then approved.
 */
import { describe, expect, it } from 'vitest';
import { col, job, rowOf, runtimeFor, shDate, shDay, sheet, sheetFrom, value, workbookOf } from './harness';

function ledger() {
  return workbookOf([
    sheetFrom('任务台账', [
      ['问题描述', '责任单位', '交办日期', '整改时限', '延期至', '延期审批', '整改状态', '完成日期'],
      ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 2), shDate(2026, 11, 20), '', '', '整改中', ''],
      ['农贸市场占道经营', '市城管局', shDate(2026, 11, 2), shDate(2026, 11, 20), '2026-12-31', '', '整改中', ''],
    ]),
    sheetFrom('责任单位', [['单位名称'], ['市城管局']]),
  ]);
}

const day = (d: number): Date => new Date(Date.UTC(2026, 10, d, 1)); // 09:00 Shanghai on 2026-11-d

describe('a task over several days', () => {
  it('awaiting verification stops the count; sent back restarts it; reopening is counted', async () => {
    const rt = await runtimeFor(ledger(), day(25));
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, col(s, 1, '问题描述'), '背街小巷垃圾堆积');
    const state = col(s, 1, '督办状态');
    const days = col(s, 1, '逾期天数');
    expect(value(s, r, state)).toBe('逾期');
    expect(value(s, r, days)).toBe(3);

    // Wed 25th: the unit reports it done. Two days later it is still 3 days late, awaiting verification.
    rt.edit('任务台账', `G${r}`, [['待验收']]);
    expect(value(s, r, state)).toBe('待验收');
    rt.setNow(day(27));
    job(rt, 'sweep');
    expect(value(s, r, state)).toBe('待验收');
    expect(value(s, r, days)).toBe(3);
    expect(shDay(value(s, r, col(s, 1, '状态变更日期')))).toBe('2026-11-25');

    // Fri 27th: the office sends it back: late again against the original deadline.
    rt.edit('任务台账', `G${r}`, [['退回']]);
    expect(value(s, r, state)).toBe('逾期');
    expect(value(s, r, days)).toBe(5);

    // Closed on the 27th, reopened on Mon 30th: 反弹次数 1, with a note.
    rt.edit('任务台账', `G${r}`, [['已销号']]);
    expect(value(s, r, state)).toBe('已销号');
    expect(shDay(value(s, r, col(s, 1, '完成日期')))).toBe('2026-11-27');
    rt.setNow(day(30));
    rt.spreadsheet.editAsUser('任务台账', `G${r}`, [['整改中']]); // e.g. typed while the script was off
    job(rt, 'sweep');
    expect(value(s, r, col(s, 1, '反弹次数'))).toBe(1);
    expect(String(value(s, r, col(s, 1, '系统提示')))).toContain('反弹');
    job(rt, 'sweep');
    expect(value(s, r, col(s, 1, '反弹次数'))).toBe(1);
  });

  it('an extension counts only once approved, and the original deadline stays visible', async () => {
    const rt = await runtimeFor(ledger(), day(25));
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, col(s, 1, '问题描述'), '农贸市场占道经营');
    expect(value(s, r, col(s, 1, '督办状态'))).toBe('逾期');
    expect(String(value(s, r, col(s, 1, '系统提示')))).toContain('延期未经批准');
    rt.edit('任务台账', `F${r}`, [['同意']]);
    expect(value(s, r, col(s, 1, '督办状态'))).toBe('未到期');
    expect(value(s, r, col(s, 1, '系统提示'))).toBe('');
    expect(shDay(value(s, r, col(s, 1, '整改时限')))).toBe('2026-11-20');
  });
});
