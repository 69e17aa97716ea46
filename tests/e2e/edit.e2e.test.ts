/** onEdit through the bundle, as a simple trigger: the edited rows re-evaluated at once. */
import { describe, expect, it } from 'vitest';
import { messyLedger } from './fixtures/messy-ledger';
import { col, job, rowOf, runtimeFor, shDay, sheet } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');

async function ready() {
  const rt = await runtimeFor(messyLedger(), NOW);
  job(rt, 'setup');
  job(rt, 'sweep');
  const s = sheet(rt, '任务台账');
  return { rt, s, task: col(s, 3, '具体问题'), state: col(s, 3, '督办状态'), done: col(s, 3, '完成日期'), note: col(s, 3, '系统提示') };
}

describe('onEdit', () => {
  it('closing a task recolours its row at once and stamps today into an empty completion date', async () => {
    const { rt, s, task, state, done } = await ready();
    const r = rowOf(s, task, '背街小巷垃圾堆积');
    expect(s.rows[r - 1]![state - 1]!.value).toBe('逾期');
    const run = rt.edit('任务台账', `E${r}`, [['已销号']]);
    expect(run).toBeDefined();
    expect(s.rows[r - 1]![state - 1]!.value).toBe('已销号');
    expect(shDay(s.rows[r - 1]![done - 1]!.value)).toBe('2026-11-25');
  });

  it('a completion date a person typed is kept', async () => {
    const { rt, s, task, done } = await ready();
    const r = rowOf(s, task, '农贸市场占道经营');
    rt.edit('任务台账', `G${r}`, [['2026-11-24']]);
    rt.edit('任务台账', `E${r}`, [['已销号']]);
    expect(shDay(s.rows[r - 1]![done - 1]!.value)).toBe('2026-11-24');
  });

  it('fixing a bad deadline clears the row’s note and state', async () => {
    const { rt, s, task, state, note } = await ready();
    const r = rowOf(s, task, '黑臭水体治理');
    expect(s.rows[r - 1]![state - 1]!.value).toBe('待核实');
    rt.edit('任务台账', `C${r}`, [['2026年12月31日']]);
    expect(s.rows[r - 1]![state - 1]!.value).toBe('未到期');
    expect(s.rows[r - 1]![note - 1]?.value ?? '').toBe('');
  });

  it('a pasted block of rows is handled in one batch', async () => {
    const { rt, s, state } = await ready();
    rt.calls.reset();
    rt.edit('任务台账', 'E5:E8', [['已销号'], ['已销号'], ['已销号'], ['已销号']]);
    for (const r of [5, 6, 7, 8]) expect(s.rows[r - 1]![state - 1]!.value).toBe('已销号');
    const oneBlock = rt.calls.get('Range.setValues');
    rt.calls.reset();
    rt.edit('任务台账', 'E10:E11', [['整改中'], ['整改中']]);
    expect(rt.calls.get('Range.setValues')).toBeLessThanOrEqual(oneBlock);
  });

  it('ignores the header, other sheets, and sends no mail', async () => {
    const { rt, s, state } = await ready();
    const before = JSON.stringify(s.rows.map((r) => r.map((c) => c?.value ?? '')));
    const mailed = rt.outbox.length; // the sweep's notices
    rt.edit('任务台账', 'B3', [['具体问题']]);
    rt.edit('责任单位', 'C2', [['张三']]);
    expect(JSON.stringify(s.rows.map((r) => r.map((c) => c?.value ?? '')))).toBe(before);
    expect(rt.outbox).toHaveLength(mailed);
    expect(s.rows[4]![state - 1]!.value).toBe('逾期');
  });

  it('a colour changed in 设置 shows at once on the legend and on the rows', async () => {
    const { rt, s } = await ready();
    const settings = sheet(rt, '设置');
    const row = settings.rows.findIndex((r) => r[0]?.value === '逾期颜色') + 1;
    expect(settings.rows[row - 1]![1]!.format?.background).toBe('#f4cccc');
    rt.edit('设置', `B${row}`, [['#ea9999']]);
    expect(settings.rows[row - 1]![1]!.format?.background).toBe('#ea9999');
    const overdue = s.conditionalFormats.find((r) => r.condition.type === 'formula' && r.condition.formula.includes('"逾期"'));
    expect(overdue?.format.background).toBe('#ea9999');
    expect(s.conditionalFormats.filter((r) => r.condition.type === 'formula' && r.condition.formula.includes('"逾期"'))).toHaveLength(1);
  });
});
