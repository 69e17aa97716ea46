/**
 * What a person sees, through the real bundle: the columns Duban adds look like part of the
 * office's ledger (header style, borders, widths that show a date and a sentence), the row
 * colours have a legend on the task sheet that follows the settings, and the holiday sheet's
 * dates are not cut.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { CellBorders, CellFormat, SheetModel, WorkbookModel } from '../../runtime/model';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z'); // 09:00 in Shanghai

const GRID: CellBorders = { top: { style: 'SOLID' }, bottom: { style: 'SOLID' }, left: { style: 'SOLID' }, right: { style: 'SOLID' } };
const HEADER: CellFormat = {
  background: '#d9e1f2',
  fontWeight: 'bold',
  fontFamily: '黑体',
  fontSize: 11,
  fontColor: '#1f3864',
  horizontalAlignment: 'center',
  verticalAlignment: 'middle',
  wrap: true,
  borders: GRID,
};
const DATA: CellFormat = { fontFamily: '宋体', fontSize: 11, verticalAlignment: 'middle', borders: GRID };
const SECTION: CellFormat = { ...DATA, background: '#f2f2f2', fontWeight: 'bold' };
const OFFICE_COLUMNS = 7;
const HEADER_ROW = 3;

/** An office's ledger as offices format them: a merged title and date line, a styled header, bordered rows, a section band. */
function styledLedger(extraRows = 0): WorkbookModel {
  const rows: unknown[][] = [
    ['XX市创建全国文明城市问题整改台账'],
    ['（截至2026年11月20日）'],
    ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '完成日期', '备注'],
    ['一、环境卫生类'],
    [1, '背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '整改中', '', '第二次督办'],
    [2, '农贸市场占道经营', '市城管局', '2026年11月27日', '未开始', '', ''],
    [3, '黑臭水体治理', '市城管局', '尽快', '整改中', '', ''],
    [4, '交通路口秩序混乱', '市城管局', shDate(2026, 11, 10), '已销号', shDate(2026, 11, 9), ''],
  ];
  for (let i = 0; i < extraRows; i++) rows.push([5 + i, `问题${5 + i}`, '市城管局', shDate(2026, 12, 1 + (i % 28)), '整改中', '', '']);
  const tasks = sheetFrom('任务台账', rows);
  tasks.merges.push({ startRow: 0, startColumn: 0, endRow: 1, endColumn: OFFICE_COLUMNS });
  tasks.merges.push({ startRow: 1, startColumn: 0, endRow: 2, endColumn: OFFICE_COLUMNS });
  tasks.merges.push({ startRow: 3, startColumn: 0, endRow: 4, endColumn: OFFICE_COLUMNS });
  tasks.rowHeights = { [HEADER_ROW - 1]: 40 };
  tasks.rows.forEach((row, r) => {
    for (let c = 0; c < OFFICE_COLUMNS; c++) {
      if (r < HEADER_ROW - 1) continue;
      const format = r === HEADER_ROW - 1 ? HEADER : r === 3 ? SECTION : DATA;
      row[c] = { value: row[c]?.value ?? '', format: { ...format, ...row[c]?.format } };
    }
  });
  // What a person gave one remark: a yellow fill and a red font. And the remark column has a drop-down.
  tasks.rows[4]![6]!.format = { ...DATA, background: '#ffff00', fontColor: '#ff0000' };
  for (let r = 4; r < tasks.rows.length; r++)
    tasks.rows[r]![6]!.validation = { kind: 'list', values: ['重点', '一般'], allowInvalid: true };
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人邮箱'],
    ['市城管局', 'cgj@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

async function setUp(extraRows = 0): Promise<{ rt: LocalRuntime; s: SheetModel }> {
  const rt = await runtimeFor(styledLedger(extraRows), NOW);
  expect(job(rt, 'setup').ok).toBe(true);
  return { rt, s: sheet(rt, '任务台账') };
}

const format = (s: SheetModel, row1: number, col1: number): CellFormat => s.rows[row1 - 1]?.[col1 - 1]?.format ?? {};
const DUBAN = ['督办状态', '逾期天数', '督办次数', '最近督办', '督办级别', '反弹次数', '状态变更日期', '系统提示', '系统编号'];

describe('the columns Duban adds look like part of the ledger', () => {
  it('their headers wear the office’s header style, and the office’s own cells and header row height are unchanged', async () => {
    const before = styledLedger().sheets[0]!;
    const { s } = await setUp();
    for (const h of DUBAN) {
      const f = format(s, HEADER_ROW, col(s, HEADER_ROW, h));
      expect(f.background).toBe('#d9e1f2');
      expect(f).toMatchObject({
        fontWeight: 'bold',
        fontFamily: '黑体',
        fontSize: 11,
        fontColor: '#1f3864',
        horizontalAlignment: 'center',
        wrap: true,
      });
      expect(f.borders).toEqual(GRID);
    }
    expect(s.rowHeights?.[HEADER_ROW - 1]).toBe(40);
    for (let r = 0; r < before.rows.length; r++) {
      for (let c = 0; c < OFFICE_COLUMNS; c++) expect(s.rows[r]?.[c]?.format ?? {}).toEqual(before.rows[r]?.[c]?.format ?? {});
    }
  });

  it('their data cells have the office’s borders and font, a section row’s band, and none of one remark’s fill, red font or drop-down', async () => {
    const { rt, s } = await setUp();
    job(rt, 'sweep');
    const state = col(s, HEADER_ROW, '督办状态');
    const id = col(s, HEADER_ROW, '系统编号');
    const task = rowOf(s, 2, '背街小巷垃圾堆积');
    for (const c of [state, id]) {
      expect(format(s, task, c)).toMatchObject({ fontFamily: '宋体', fontSize: 11, borders: GRID });
      expect(format(s, task, c).background ?? null).toBeNull();
      expect(format(s, task, c).fontColor).toBeUndefined();
      expect(s.rows[task - 1]![c - 1]!.validation).toBeUndefined();
    }
    expect(format(s, 4, state).background).toBe('#f2f2f2');
  });

  it('keep a date a date, a count a number and a note text', async () => {
    const { s } = await setUp();
    const at = (h: string): string | undefined => format(s, 6, col(s, HEADER_ROW, h)).numberFormat;
    expect([at('状态变更日期'), at('最近督办'), at('逾期天数'), at('督办次数'), at('系统提示'), at('督办状态')]).toEqual([
      'yyyy-mm-dd',
      'yyyy-mm-dd',
      '0',
      '0',
      '@',
      '@',
    ]);
  });

  it('are wide enough to show a whole date, and the system note gets a wide wrapping column', async () => {
    const { rt, s } = await setUp();
    job(rt, 'sweep');
    const width = (h: string): number => s.columnWidths[col(s, HEADER_ROW, h) - 1] ?? 0;
    // 2026-11-25 at 11 pt is some 85 px; an .xlsx column left at its default (64 px) shows ###.
    expect(width('状态变更日期')).toBeGreaterThanOrEqual(100);
    expect(width('最近督办')).toBeGreaterThanOrEqual(90);
    expect(width('系统提示')).toBeGreaterThanOrEqual(360);
    const note = col(s, HEADER_ROW, '系统提示');
    expect(format(s, rowOf(s, 2, '黑臭水体治理'), note).wrap).toBe(true);
    // Every header fits on one line at the office's 11 pt bold (about 16 px a character, plus padding).
    for (const h of DUBAN) expect(width(h)).toBeGreaterThanOrEqual(h.length * 16 + 10);
  });

  it('a width a person set on Duban’s column is kept by the next setup, unless it cannot show the column', async () => {
    const { rt, s } = await setUp();
    const note = col(s, HEADER_ROW, '系统提示') - 1;
    const changed = col(s, HEADER_ROW, '状态变更日期') - 1;
    s.columnWidths[note] = 250;
    s.columnWidths[changed] = 40;
    job(rt, 'setup');
    expect(s.columnWidths[note]).toBe(250);
    expect(s.columnWidths[changed]).toBeGreaterThanOrEqual(100);
  });

  it('formatting them costs the same calls for 8 rows as for 3,000', async () => {
    const calls = async (extra: number): Promise<Record<string, number>> => {
      const rt = await runtimeFor(styledLedger(extra), NOW);
      rt.calls.reset();
      job(rt, 'setup');
      return rt.calls.byMethod();
    };
    expect(await calls(3000)).toEqual(await calls(0));
  });
});

describe('the legend of the row colours', () => {
  it('is on the task sheet: a note on 督办状态 naming each colour, and swatches above Duban’s columns, the office’s title untouched', async () => {
    const { s } = await setUp();
    const state = col(s, HEADER_ROW, '督办状态');
    const note = s.rows[HEADER_ROW - 1]![state - 1]!.note ?? '';
    expect(note).toContain('逾期：浅红色（#f4cccc）');
    expect(note).toContain('已销号：浅绿色（#d9ead3）');
    const swatch = (i: number): [unknown, unknown] => [s.rows[1]?.[state - 1 + i]?.value, s.rows[1]?.[state - 1 + i]?.format?.background];
    expect([0, 1, 2, 3, 4].map(swatch)).toEqual([
      ['逾期', '#f4cccc'],
      ['临期', '#fff2cc'],
      ['待验收', '#cfe2f3'],
      ['已销号', '#d9ead3'],
      ['待核实', '#fce5cd'],
    ]);
    expect(s.rows[0]![0]!.value).toBe('XX市创建全国文明城市问题整改台账');
    expect(Array.from({ length: OFFICE_COLUMNS }, (_, c) => s.rows[1]?.[c]?.value ?? '')).toEqual([
      '（截至2026年11月20日）',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('follows a colour changed in 设置 at once, as the rows do; a day with no change does not rewrite it', async () => {
    const { rt, s } = await setUp();
    job(rt, 'sweep');
    const settings = sheet(rt, '设置');
    const row = settings.rows.findIndex((r) => r[0]?.value === '逾期颜色') + 1;
    rt.edit('设置', `B${row}`, [['#e06666']]);
    const state = col(s, HEADER_ROW, '督办状态');
    expect(s.rows[1]![state - 1]!.format?.background).toBe('#e06666');
    expect(s.rows[HEADER_ROW - 1]![state - 1]!.note).toContain('逾期：红色（#e06666）');
    expect(s.conditionalFormats.some((r) => r.format.background === '#e06666')).toBe(true);

    rt.edit('设置', `B${row}`, [['无']]);
    expect(s.rows[1]!.slice(state - 1, state + 4).map((c) => c?.value)).toEqual(['临期', '待验收', '已销号', '待核实', '']);
    expect(s.rows[HEADER_ROW - 1]![state - 1]!.note).toContain('逾期、未到期、长期、暂缓：不上色');

    rt.calls.reset();
    job(rt, 'sweep');
    expect(rt.calls.get('Range.setNote')).toBe(0);
    expect(rt.calls.get('Range.getNote')).toBe(1);
  });

  it('the colour rules are left alone by a sweep when nothing changed, and rewritten when a colour did (issue 17)', async () => {
    const { rt, s } = await setUp();
    job(rt, 'sweep');
    const rules = structuredClone(s.conditionalFormats);
    rt.calls.reset();
    job(rt, 'sweep');
    expect(rt.calls.get('Sheet.setConditionalFormatRules')).toBe(0);
    expect(s.conditionalFormats).toEqual(rules);

    const settings = sheet(rt, '设置');
    const row = settings.rows.findIndex((r) => r[0]?.value === '逾期颜色') + 1;
    settings.rows[row - 1]![1] = { value: '#e06666' };
    rt.calls.reset();
    job(rt, 'sweep');
    expect(rt.calls.get('Sheet.setConditionalFormatRules')).toBe(1);
    expect(s.conditionalFormats.some((r) => r.format.background === '#e06666')).toBe(true);
  });

  it('is a note alone on a ledger whose header is its first row (no room above it)', async () => {
    const rt = await runtimeFor(workbookOf([]), NOW);
    job(rt, 'setup');
    const s = sheet(rt, '任务台账');
    const state = col(s, 1, '督办状态');
    expect(s.rows[0]![state - 1]!.note).toContain('待验收：浅蓝色（#cfe2f3）');
    expect(s.rows[0]![state - 1]!.format?.fontWeight).toBe('bold');
  });
});

describe('the settings sheet', () => {
  it('setup brings an explanation an older version wrote up to date, once', async () => {
    const { rt } = await setUp();
    const settings = sheet(rt, '设置');
    const row = settings.rows.findIndex((r) => r[0]?.value === '试运行');
    settings.rows[row]![2] = { value: '填“是”时只记录、不发送邮件，用于上线前核对。' };
    const first = job(rt, 'setup');
    expect(first.warnings).toContain('《设置》更新了1条设置说明');
    expect(String(settings.rows[row]![2]!.value)).toContain('全部只发到管理员邮箱');
    expect(job(rt, 'setup').message).toBe('台账完整，无需修复。');
  });
});

describe('the holiday sheet', () => {
  it('shows its dates whole', async () => {
    const { rt } = await setUp();
    const h = sheet(rt, '节假日');
    expect(h.rows[1]![0]!.value).toBe('2026-01-01');
    // Ten characters of a date at 10 pt are some 80 px; a column must be wider than that.
    expect(h.columnWidths[0]).toBeGreaterThanOrEqual(90);
  });
});
