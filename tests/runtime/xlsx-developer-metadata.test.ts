import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  captureDeveloperMetadataNames,
  DEVMETA_NAME_PREFIX,
  type DevMetaName,
  writeDeveloperMetadataNames,
} from '../../runtime/xlsx/metadata.js';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';
import { fixture } from './spreadsheet-helpers.js';

/** A ledger whose script marked a column, a row, both sheets and the spreadsheet. */
function markedLedger() {
  const f = fixture(['任务台账', "Bob's 设置"]);
  const ss = f.app.getActiveSpreadsheet();
  const ledger = ss.getSheetByName('任务台账')!;
  ledger.getRange('A1:H1').setValues([['序号', '问题', '单位', '时限', '状态', '备注', '编号', '督办状态']]);
  ledger.getRange('H:H').addDeveloperMetadata('duban.column', 'state');
  ledger.getRange('3:3').addDeveloperMetadata('duban.row');
  ledger.addDeveloperMetadata('duban.sheet', 'ledger', f.app.DeveloperMetadataVisibility.PROJECT);
  ss.getSheetByName("Bob's 设置")!.addDeveloperMetadata('duban.sheet', '');
  ss.addDeveloperMetadata('duban.version', '3');
  return f;
}

/** The workbook's names as a spreadsheet application sees them, read past exceljs. */
async function namesIn(buffer: Buffer): Promise<{ wb: ExcelJS.Workbook; names: DevMetaName[] }> {
  const wb = new ExcelJS.Workbook();
  const read = captureDeveloperMetadataNames(wb);
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return { wb, names: read() };
}

async function rewritten(wb: ExcelJS.Workbook, names: DevMetaName[]): Promise<Buffer> {
  writeDeveloperMetadataNames(wb, names);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('developer metadata in .xlsx', () => {
  it('goes out as defined names referring to the column, row and sheet, and comes back as it was', async () => {
    const { model } = markedLedger();
    const buffer = await exportXlsxBuffer(model);
    const { names } = await namesIn(buffer);
    expect(names.map((n) => n.ref)).toEqual([
      "'任务台账'!$1:$1048576",
      "'任务台账'!$H:$H",
      "'任务台账'!$3:$3",
      "'任务台账'!$1:$1048576",
      "'Bob''s 设置'!$1:$1048576",
    ]);
    expect(names.every((n) => n.name.startsWith(DEVMETA_NAME_PREFIX) && /^[A-Za-z0-9_.]{1,255}$/.test(n.name))).toBe(true);
    const back = await importXlsx(buffer);
    expect(back.developerMetadata).toEqual(model.developerMetadata);
    expect(back.sheets.map((s) => s.developerMetadata)).toEqual(model.sheets.map((s) => s.developerMetadata));
  });

  it('follows a column inserted before the marked one, as the spreadsheet application adjusts the name', async () => {
    const { model } = markedLedger();
    const { wb, names } = await namesIn(await exportXlsxBuffer(model));
    wb.getWorksheet('任务台账')!.spliceColumns(3, 0, []);
    // Excel, WPS and LibreOffice move a name's reference with the column (LibreOffice 7.4 checked by hand: $H:$H became $I:$I).
    const adjusted = names.map((n) => ({ ...n, ref: n.ref.replace('!$H:$H', '!$I:$I') }));
    const back = await importXlsx(await rewritten(wb, adjusted));
    const ledger = back.sheets[0];
    expect(ledger.rows[0][8]?.value).toBe('督办状态');
    expect(ledger.developerMetadata?.find((m) => m.key === 'duban.column')).toEqual({
      id: 1,
      key: 'duban.column',
      value: 'state',
      visibility: 'DOCUMENT',
      location: { type: 'COLUMN', index: 8 },
    });
  });

  it('drops an item whose column the application deleted (#REF!), keeping the rest', async () => {
    const { model } = markedLedger();
    const { wb, names } = await namesIn(await exportXlsxBuffer(model));
    const deleted = names.map((n) => ({ ...n, ref: n.ref.endsWith('!$H:$H') ? '#REF!' : n.ref }));
    const back = await importXlsx(await rewritten(wb, deleted));
    expect(back.sheets[0].developerMetadata?.map((m) => m.key)).toEqual(['duban.row', 'duban.sheet']);
    expect(back.developerMetadata?.map((m) => m.key)).toEqual(['duban.version']);
  });

  it('reads names as an application saves them: sorted by name, sheet names unquoted, columns as cell ranges', async () => {
    const { model } = markedLedger();
    const { wb, names } = await namesIn(await exportXlsxBuffer(model));
    const resaved = [...names]
      .map((n) => ({ ...n, ref: n.ref.replace("'任务台账'!", '任务台账!').replace('!$H:$H', '!$J$1:$J$1048576') }))
      .sort((a, b) => (a.name < b.name ? 1 : -1));
    const back = await importXlsx(await rewritten(wb, resaved));
    expect(back.sheets[0].developerMetadata?.map((m) => [m.id, m.key, m.location])).toEqual([
      [1, 'duban.column', { type: 'COLUMN', index: 9 }],
      [2, 'duban.row', { type: 'ROW', index: 2 }],
      [3, 'duban.sheet', { type: 'SHEET' }],
    ]);
  });

  it("leaves a workbook's ordinary defined names to exceljs", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('任务台账').getCell('A1').value = 1;
    wb.definedNames.add("'任务台账'!$A$1", 'Total');
    const { names, wb: loaded } = await namesIn(
      await rewritten(wb, [{ name: `${DEVMETA_NAME_PREFIX}7.t.d.6b.n`, ref: "'任务台账'!$1:$1048576" }]),
    );
    expect(names).toEqual([{ name: `${DEVMETA_NAME_PREFIX}7.t.d.6b.n`, ref: "'任务台账'!$1:$1048576" }]);
    expect(loaded.definedNames.model).toEqual([{ name: 'Total', ranges: ["'任务台账'!$A$1"] }]);
  });

  it('refuses to write an item too long for a defined name rather than lose it', async () => {
    const f = fixture(['任务台账']);
    f.app.getActiveSheet().addDeveloperMetadata('duban.note', '很长的说明'.repeat(20));
    await expect(exportXlsxBuffer(f.model)).rejects.toThrow('Developer metadata "duban.note" (id 1) is too long');
  });
});

describe('developer metadata through a workbook read from a file and written back', () => {
  it("is written once per item, with the runtime's changes, however many times the workbook is written", async () => {
    const { model } = markedLedger();
    const read = await importXlsx(await exportXlsxBuffer(model));
    // A job on the imported workbook marks one more column; the workbook is written twice.
    read.sheets[0]!.developerMetadata!.push({
      id: 99,
      key: 'duban.column',
      value: 'daysOverdue',
      visibility: 'DOCUMENT',
      location: { type: 'COLUMN', index: 9 },
    });
    await exportXlsxBuffer(read);
    const { names } = await namesIn(await exportXlsxBuffer(read));
    expect(names).toHaveLength(6);
    const back = await importXlsx(await exportXlsxBuffer(read));
    expect(back.sheets[0]!.developerMetadata).toEqual(read.sheets[0]!.developerMetadata);
    expect(back.developerMetadata).toEqual(model.developerMetadata);
  });
});
