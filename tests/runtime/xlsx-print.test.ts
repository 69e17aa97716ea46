/**
 * Print setup in the exported .xlsx. Apps Script has no print API, so a sheet says how it prints
 * by the developer metadata duban.print (a page laid out for A4); the export writes it as the
 * file's page setup, on a new workbook and on one read from a file alike, and leaves every other
 * sheet's setup alone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipEntries, zipEntryData } from '../../runtime/xlsx/zip.js';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx.js';
import { fixture } from './spreadsheet-helpers.js';

const A4 = JSON.stringify({ paper: 'A4', orientation: 'portrait', fitToWidth: 1, rowBreaks: [4] });

function marked() {
  const f = fixture(['通报', '台账']);
  const ss = f.app.getActiveSpreadsheet();
  const page = ss.getSheetByName('通报')!;
  page.getRange('A1:A8').setValues([['一'], ['二'], ['三'], ['四'], ['五'], ['六'], ['七'], ['八']]);
  page.addDeveloperMetadata('duban.print', A4);
  ss.getSheetByName('台账')!.getRange('A1').setValue('x');
  return f;
}

/** The page breaks of the file's first worksheet, read from its XML: exceljs writes them but does not read them. */
function rowBreaks(buffer: Buffer): number[] {
  const entry = zipEntries(buffer)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const xml = zipEntryData(buffer, entry)!.toString('utf8');
  return [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
}

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const setupOf = (ws: ExcelJS.Worksheet) => ({
  paperSize: ws.pageSetup.paperSize,
  orientation: ws.pageSetup.orientation,
  fitToPage: ws.pageSetup.fitToPage,
  fitToWidth: ws.pageSetup.fitToWidth,
  fitToHeight: ws.pageSetup.fitToHeight,
});

describe('print setup in the exported .xlsx', () => {
  it('prints a marked sheet on A4 (paperSize 9) portrait, one page wide, with its page breaks', async () => {
    const f = marked();
    const buffer = await exportXlsxBuffer(f.model);
    const wb = await read(buffer);
    const ws = wb.getWorksheet('通报')!;
    expect(setupOf(ws)).toEqual({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // A page starts at the fifth row (0-based 4): the break is below row 4.
    expect(rowBreaks(buffer)).toEqual([4]);
    expect(wb.getWorksheet('台账')!.pageSetup.paperSize).toBeUndefined();
  });

  it('keeps it, once, when the workbook is read back and written again', async () => {
    const f = marked();
    const file = join(mkdtempSync(join(tmpdir(), 'duban-print-')), 'a.xlsx');
    writeFileSync(file, await exportXlsxBuffer(f.model));
    const model = await importXlsx(file);
    const buffer = await exportXlsxBuffer(model);
    const ws = (await read(buffer)).getWorksheet('通报')!;
    expect(setupOf(ws)).toEqual({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(rowBreaks(buffer)).toEqual([4]);
  });
});
