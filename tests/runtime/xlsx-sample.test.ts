import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cell, SheetModel, WorkbookModel } from '../../runtime/model.js';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';

const SAMPLE = fileURLToPath(new URL('../../samples/创城台账示例.xlsx', import.meta.url));

function sheet(wb: WorkbookModel, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function column(s: SheetModel, header: string): (Cell | undefined)[] {
  const c = s.rows[2].findIndex((cell) => cell?.value === header);
  expect(c).toBeGreaterThanOrEqual(0);
  return s.rows.slice(3).map((row) => row[c]);
}

describe('the sample ledger', () => {
  it('imports with its ledger and unit directory, title merged across every column above the headers', async () => {
    const wb = await importXlsx(SAMPLE);
    expect(wb.name).toBe('创城台账示例');
    expect(wb.sheets.map((s) => s.name)).toEqual(['任务台账', '责任单位']);
    const ledger = sheet(wb, '任务台账');
    expect(ledger.rows[0][0]?.value).toBe('XX市创建全国文明城市问题整改台账');
    expect(ledger.merges[0]).toEqual({ startRow: 0, startColumn: 0, endRow: 1, endColumn: 10 });
    expect(ledger.rows[2].map((c) => c?.value)).toContain('整改\n时限');
    expect(ledger.frozenRows).toBe(3);
    expect(ledger.rowHeights?.[0]).toBe(48);
    const last = ledger.rows[ledger.rows.length - 1][0]?.value;
    expect(last).toBe('合计：共30项，已销号3项');
  });

  it('holds about thirty tasks with deadlines typed as dates and as text, and a unit missing from the directory', async () => {
    const wb = await importXlsx(SAMPLE);
    const ledger = sheet(wb, '任务台账');
    const seq = column(ledger, '序号').filter((c) => typeof c?.value === 'number');
    expect(seq).toHaveLength(30);
    const deadlines = column(ledger, '整改\n时限').map((c) => c?.value);
    expect(deadlines).toContainEqual(new Date('2026-11-14T16:00:00Z'));
    for (const text of [
      '2026/11/15',
      '2026.10.31',
      '2026年11月30日',
      '12月10日前',
      '11月底前',
      '年底前',
      '立即整改',
      '长期坚持',
      '常态化',
      '3个工作日内',
      '尽快',
    ]) {
      expect(deadlines).toContain(text);
    }
    const issued = column(ledger, '交办日期').filter((c) => c?.value instanceof Date);
    expect(issued).toHaveLength(30);
    expect(issued[0]?.format?.numberFormat).toBe('yyyy-mm-dd');
    const directory = sheet(wb, '责任单位')
      .rows.slice(1)
      .map((r) => r[0]?.value);
    const units = new Set(
      column(ledger, '责任单位')
        .map((c) => c?.value)
        .filter((v) => typeof v === 'string' && v !== ''),
    );
    expect([...units].filter((u) => !directory.includes(u))).toEqual(['市创城指挥部']);
    const statuses = column(ledger, '整改状态').map((c) => c?.value);
    expect(statuses).toEqual(expect.arrayContaining(['未开始', '整改中', '已完成', '待验收', '已销号', '退回', '暂缓']));
  });

  it('survives a round trip through export unchanged', async () => {
    const first = await importXlsx(SAMPLE);
    const again = await importXlsx(await exportXlsxBuffer(first), { name: first.name });
    expect(again.sheets.map((s) => ({ ...s, sheetId: 0 }))).toEqual(first.sheets.map((s) => ({ ...s, sheetId: 0 })));
  });
});
