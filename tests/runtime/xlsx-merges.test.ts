import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Cell, type GridRange, newSheetModel, newWorkbookModel } from '../../runtime/model.js';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';

const cell = (value: Cell['value']): Cell => ({ value });

/** A long table as the 通报 lays it out: on every row, A–B, C–E and G–I merged across, side by side. */
function longTable(rows: number): { merges: GridRange[]; values: Cell[][] } {
  const merges: GridRange[] = [];
  const values: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    for (const [c0, c1] of [
      [0, 2],
      [2, 5],
      [6, 9],
    ] as const)
      merges.push({ startRow: r, endRow: r + 1, startColumn: c0, endColumn: c1 });
    values.push([cell(`单位${r}`), cell(''), cell('逾期任务扣分'), cell(''), cell(''), cell(-2), cell(`任务DB-${r}`), cell(''), cell('')]);
  }
  // A block two rows tall beneath, touching the last row's merges.
  merges.push({ startRow: rows, endRow: rows + 2, startColumn: 0, endColumn: 9 });
  values.push([cell('落款')]);
  return { merges, values };
}

describe('.xlsx export of merged cells', () => {
  it('keeps every merge of a long table, each cell its value, adjacent merges apart', async () => {
    const wb = newWorkbookModel('merges');
    const sheet = newSheetModel('通报', 1, 600, 9);
    const { merges, values } = longTable(500);
    sheet.rows = values;
    sheet.merges = merges;
    wb.sheets = [sheet];
    const buffer = await exportXlsxBuffer(wb);

    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = xlsx.getWorksheet('通报')!;
    expect(ws.model.merges).toHaveLength(1501);
    expect(ws.model.merges).toContain('A1:B1');
    expect(ws.model.merges).toContain('G500:I500');
    expect(ws.model.merges).toContain('A501:I502');
    expect(ws.getCell('F500').value).toBe(-2);
    expect(ws.getCell('G500').value).toBe('任务DB-499');

    const back = await importXlsx(buffer);
    const again = back.sheets.find((s) => s.name === '通报')!;
    const key = (m: GridRange): string => `${m.startRow},${m.startColumn},${m.endRow},${m.endColumn}`;
    expect(new Set(again.merges.map(key))).toEqual(new Set(merges.map(key)));
  });
});
