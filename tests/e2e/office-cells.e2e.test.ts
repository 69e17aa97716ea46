/**
 * "The office's sheet is theirs", one hand-written ledger per way the property test
 * (tests/property/ledger.property.test.ts) found Duban writing into cells or sheets it did not
 * create, plus the same-day rerun and the wide ledger it found. Each test names what an office
 * would see go wrong. Run through the real bundle: setup, then sweep, at 09:00 in Shanghai.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { Cell, SheetModel, WorkbookModel } from '../../runtime/model';
import { describeChange, snapshot, workbookChange } from '../property/workbook-diff';
import { col, job, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z'); // Wednesday 09:00 in Shanghai

/** 'E4' → [row, column], 0-based. */
function at(a1: string): [number, number] {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  return [Number(m[2]) - 1, m[1]!.charCodeAt(0) - 65];
}

function put(s: SheetModel, a1: string, cell: Cell): void {
  const [r, c] = at(a1);
  while (s.rows.length <= r) s.rows.push([]);
  s.rows[r]![c] = cell;
}

function cellOf(rt: LocalRuntime, name: string, a1: string): Cell | undefined {
  const [r, c] = at(a1);
  return sheet(rt, name).rows[r]?.[c];
}

/** What the office sees of a cell: value, formula, number format. */
function seen(cell: Cell | undefined): { value: unknown; formula?: string; numberFormat?: string } {
  const out: { value: unknown; formula?: string; numberFormat?: string } = { value: cell?.value ?? '' };
  if (cell?.formula) out.formula = cell.formula;
  if (cell?.format?.numberFormat) out.numberFormat = cell.format.numberFormat;
  return out;
}

/** Every cell of a sheet with what it holds and how it looks, to compare a whole sheet. */
function everything(s: SheetModel): string {
  const cells: string[] = [];
  s.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell) cells.push(`${String.fromCharCode(65 + c)}${r + 1}=${JSON.stringify(cell)}`);
    });
  });
  return cells.join('\n');
}

async function setUpAndSweep(wb: WorkbookModel): Promise<LocalRuntime> {
  const rt = await runtimeFor(wb, NOW);
  expect(job(rt, 'setup').ok).toBe(true);
  expect(job(rt, 'sweep').ok).toBe(true);
  return rt;
}

const HEADER = ['任务内容', '责任单位', '整改时限', '整改状态'];
const OVERDUE_ROW = ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '整改中'];

describe('columns the office named like Duban’s stay the office’s', () => {
  it('keeps the office’s own words in its column called 督办状态', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '督办状态'],
      [...OVERDUE_ROW, '已电话督办'],
    ]);
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'E2'))).toEqual({ value: '已电话督办' });
    // Duban still states the task, in a column of its own to the right.
    expect(
      sheet(rt, '任务台账')
        .rows[1]!.slice(5)
        .map((c) => c?.value),
    ).toContain('逾期');
  });

  it('keeps the number format of its columns called 系统提示 and 最近督办, on its rows and below them', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '系统提示', '最近督办'],
      [...OVERDUE_ROW, '市长热线转办', '电话督办'],
    ]);
    const rt = await runtimeFor(workbookOf([tasks]), NOW);
    expect(job(rt, 'setup').ok).toBe(true);
    for (const a1 of ['E2', 'F2', 'E3', 'F3']) expect(cellOf(rt, '任务台账', a1)?.format?.numberFormat, a1).toBeUndefined();
  });

  it('keeps the totals formula under its 逾期天数 column', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '逾期天数'],
      [...OVERDUE_ROW, 3],
      ['农贸市场占道经营', '市市场监管局', shDate(2026, 11, 18), '整改中', 5],
      ['合计'],
    ]);
    put(tasks, 'E4', { value: 8, formula: '=SUM(E2:E3)' });
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'E4'))).toEqual({ value: 8, formula: '=SUM(E2:E3)' });
  });

  it('keeps the totals formula under its 督办次数 column a formula', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '督办次数'],
      [...OVERDUE_ROW, 1],
      ['农贸市场占道经营', '市市场监管局', shDate(2026, 11, 18), '整改中', 2],
      ['合计'],
    ]);
    put(tasks, 'E4', { value: 3, formula: '=SUM(E2:E3)' });
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'E4'))).toEqual({ value: 3, formula: '=SUM(E2:E3)' });
  });

  it('keeps the text 007 in its column called 系统编号 as text, not the number 7', async () => {
    // '007 typed with a leading apostrophe: Sheets keeps the text, in a General cell.
    const tasks = sheetFrom('任务台账', [
      ['系统编号', ...HEADER],
      ['007', ...OVERDUE_ROW],
    ]);
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'A2'))).toEqual({ value: '007' });
  });

  it('keeps its formula under 逾期天数 that shows "" for a closed task', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '逾期天数'],
      ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '已销号'],
    ]);
    put(tasks, 'E2', { value: '', formula: '=IF(D2="已销号","",TODAY()-C2)' });
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'E2'))).toEqual({ value: '', formula: '=IF(D2="已销号","",TODAY()-C2)' });
  });
});

describe('the office’s own columns are not filled in', () => {
  it('leaves an ID formula that shows "" alone instead of writing a key over it', async () => {
    // The ID numbers a row only once it has task text; this one has a unit and a deadline so far.
    const tasks = sheetFrom('任务台账', [
      ['编号', ...HEADER],
      ['', '', '市城管局', shDate(2026, 11, 30), '未开始'],
    ]);
    put(tasks, 'A2', { value: '', formula: '=IF(B2="","","RW-"&TEXT(ROW()-1,"000"))' });
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'A2'))).toEqual({ value: '', formula: '=IF(B2="","","RW-"&TEXT(ROW()-1,"000"))' });
  });

  it('leaves an empty cell of the office’s ID column empty (the key lives in Duban’s own column)', async () => {
    const tasks = sheetFrom('任务台账', [
      ['编号', ...HEADER],
      ['RW-001', ...OVERDUE_ROW],
      ['', '农贸市场占道经营', '市市场监管局', shDate(2026, 11, 30), '未开始'],
    ]);
    const rt = await setUpAndSweep(workbookOf([tasks]));
    expect(seen(cellOf(rt, '任务台账', 'A3'))).toEqual({ value: '' });
  });

  it('stamps no completion date over a formula in 完成日期 that shows ""', async () => {
    // The office looks its closing dates up in its own record; the lookup shows "" until entered.
    const tasks = sheetFrom('任务台账', [[...HEADER, '完成日期'], [...OVERDUE_ROW]]);
    const lookup = '=IFERROR(VLOOKUP(A2,销号记录!A:B,2,FALSE),"")';
    put(tasks, 'E2', { value: '', formula: lookup });
    const rt = await setUpAndSweep(workbookOf([tasks]));
    // The task is closed by a change no edit trigger sees (an import, another script), then swept.
    sheet(rt, '任务台账').rows[1]![3] = { value: '已销号' };
    rt.setNow(new Date('2026-11-26T01:00:00Z'));
    expect(job(rt, 'sweep').ok).toBe(true);
    expect(seen(cellOf(rt, '任务台账', 'E2'))).toEqual({ value: '', formula: lookup });
  });
});

describe('Duban’s columns start after everything the office uses', () => {
  it('puts its columns after a remark merged past the last header, not under the merge', async () => {
    const tasks = sheetFrom('任务台账', [
      [...HEADER, '备注'],
      [...OVERDUE_ROW, '已约谈，见附件一'],
    ]);
    tasks.merges.push({ startRow: 1, startColumn: 4, endRow: 2, endColumn: 7 }); // E2:G2
    const rt = await setUpAndSweep(workbookOf([tasks]));
    const s = sheet(rt, '任务台账');
    for (const a1 of ['F1', 'G1', 'F2', 'G2']) expect(seen(cellOf(rt, '任务台账', a1)), a1).toEqual({ value: '' });
    expect(col(s, 1, '督办状态')).toBeGreaterThanOrEqual(8);
    expect(s.merges).toContainEqual({ startRow: 1, startColumn: 4, endRow: 2, endColumn: 7 });
  });
});

describe('sheets the office named like Duban’s stay the office’s', () => {
  const tasks = (): SheetModel => sheetFrom('任务台账', [HEADER, OVERDUE_ROW]);

  it('writes nothing into the office’s own 设置 sheet', async () => {
    const own = sheetFrom('设置', [
      ['项目', '内容'],
      ['填报周期', '每周五17:00前'],
    ]);
    const before = everything(own);
    const rt = await setUpAndSweep(workbookOf([tasks(), own]));
    expect(everything(sheet(rt, '设置'))).toBe(before);
  });

  it('writes nothing into the office’s own 节假日 sheet (its duty roster of last year)', async () => {
    const own = sheetFrom('节假日', [
      ['日期', '事项', '值班人'],
      [shDate(2025, 10, 1), '国庆值班', '张三'],
    ]);
    const before = everything(own);
    const rt = await setUpAndSweep(workbookOf([tasks(), own]));
    expect(everything(sheet(rt, '节假日'))).toBe(before);
  });

  it('writes nothing into the office’s own 责任单位 sheet (its scores, not a directory)', async () => {
    const own = sheetFrom('责任单位', [
      ['序号', '单位', '得分'],
      [1, '市城管局', 95.5],
    ]);
    const before = everything(own);
    const rt = await setUpAndSweep(workbookOf([tasks(), own]));
    expect(everything(sheet(rt, '责任单位'))).toBe(before);
  });

  it('writes nothing into the office’s own 台账问题 sheet', async () => {
    const own = sheetFrom('台账问题', [
      ['问题', '反馈人'],
      ['台账格式不统一', '王五'],
    ]);
    const before = everything(own);
    const rt = await setUpAndSweep(workbookOf([tasks(), own]));
    expect(everything(sheet(rt, '台账问题'))).toBe(before);
  });
});

describe('a rerun on the same day', () => {
  it('changes nothing anywhere in the workbook', async () => {
    const rt = await setUpAndSweep(workbookOf([sheetFrom('任务台账', [HEADER, OVERDUE_ROW])]));
    const before = snapshot(rt.workbook);
    rt.setNow(new Date('2026-11-25T02:00:00Z')); // 10:00
    expect(job(rt, 'sweep').ok).toBe(true);
    const change = workbookChange(before, rt.workbook);
    expect(change && describeChange(change)).toBeUndefined();
  });
});

describe('a wide ledger', () => {
  it('is set up and swept when Duban’s columns do not fit in the sheet’s 26 columns', async () => {
    const extra = [
      '问题类型',
      '点位',
      '整改措施',
      '佐证材料',
      '联系电话',
      '督查组',
      '责任人',
      '分管领导',
      '交办日期',
      '整改情况',
      '完成日期',
      '备注',
    ];
    const others = [
      '市容环境',
      '人民路',
      '清运',
      '照片',
      '13800000000',
      '第一组',
      '张伟',
      '李局',
      shDate(2026, 11, 1),
      '正在清运',
      '',
      '已约谈',
    ];
    const header = [...HEADER, ...extra, '序号', '来源', '批次', '分值'];
    const row = [...OVERDUE_ROW, ...others, 1, '市长热线', '第一批', 2];
    expect(header).toHaveLength(20);
    const rt = await runtimeFor(workbookOf([sheetFrom('任务台账', [header, row])]), NOW);
    const setup = job(rt, 'setup');
    expect(setup.message).not.toContain('出错');
    expect(setup.ok).toBe(true);
    const sweep = job(rt, 'sweep');
    expect(sweep.message).not.toContain('出错');
    const s = sheet(rt, '任务台账');
    expect(s.rows[1]![col(s, 1, '督办状态') - 1]?.value).toBe('逾期');
  });
});
