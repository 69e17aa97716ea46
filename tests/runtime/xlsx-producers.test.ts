/**
 * Any valid .xlsx is read, whoever wrote it (issue 13, case 11). The fixtures are the same small
 * ledger (a merged title, a filled header, 3 tasks with a date each, a note on B3) as openpyxl,
 * LibreOffice, exceljs and a hand-made package write it; tests/fixtures/xlsx/make-fixtures.sh
 * remakes them. Before runtime/xlsx/normalise.ts, openpyxl's file was refused as damaged (its notes
 * live at /xl/comments/comment1.xml) and the hand-made one lost its ledger sheet without a word.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetModel, WorkbookModel } from '../../runtime/model.js';
import { normalisePackage, notesInRuns, relativeTarget } from '../../runtime/xlsx/normalise.js';
import { zipEntries } from '../../runtime/xlsx/zip.js';
import { exportXlsxBuffer, importXlsx, WorkbookFormatError } from '../../runtime/xlsx.js';
import { makeZip, rewriteZip, zipText } from './zip-writer.js';

const FIXTURES = resolve(__dirname, '../fixtures/xlsx');
const PRODUCERS = ['openpyxl', 'libreoffice', 'exceljs', 'handmade'] as const;

function fixture(producer: string): Buffer {
  return readFileSync(join(FIXTURES, `${producer}.xlsx`));
}

/** The ledger's cells as a person reads them: values (dates as the day in Beijing), notes, fills. */
function ledgerOf(model: WorkbookModel): SheetModel {
  const sheet = model.sheets.find((s) => s.name === '任务台账');
  if (!sheet) throw new Error(`no 任务台账 among ${model.sheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

function day(value: unknown): string {
  if (!(value instanceof Date)) return `not a date: ${String(value)}`;
  return value.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

function expectTheLedger(model: WorkbookModel): void {
  const sheet = ledgerOf(model);
  expect(model.sheets[0]).toBe(sheet);
  const value = (r: number, c: number): unknown => sheet.rows[r]?.[c]?.value ?? '';
  expect(value(0, 0)).toBe('某区创城问题整改台账');
  expect(sheet.merges).toEqual([{ startRow: 0, startColumn: 0, endRow: 1, endColumn: 5 }]);
  expect([0, 1, 2, 3, 4].map((c) => value(1, c))).toEqual(['序号', '问题描述', '责任单位', '整改时限', '整改状态']);
  expect(sheet.rows[1]?.map((c) => c?.format?.background)).toEqual(['#ffff00', '#ffff00', '#ffff00', '#ffff00', '#ffff00']);
  expect(sheet.rows[1]?.[0]?.format?.fontWeight).toBe('bold');
  expect([2, 3, 4].map((r) => [value(r, 0), value(r, 1), value(r, 2), day(value(r, 3)), value(r, 4)])).toEqual([
    [1, '人民路背街小巷垃圾堆积', '市城管局', '2026-11-20', '整改中'],
    [2, '和平广场共享单车乱停放', '市交通局', '2026-12-31', '整改中'],
    [3, '解放路公益广告破损', '市委宣传部', '2026-11-10', '已销号'],
  ]);
  expect(sheet.rows[2]?.[3]?.format?.numberFormat).toBe('yyyy-mm-dd');
  expect(sheet.rows[2]?.[1]?.note).toBe('群众来电反映，已现场核实');
  const notes = sheet.rows.flatMap((row, r) => row.flatMap((c, col) => (c?.note ? [[r, col]] : [])));
  expect(notes).toEqual([[2, 1]]);
}

describe('an .xlsx from another producer', () => {
  it.each(PRODUCERS)('%s: the ledger is read with its cells, dates, note, merge and fill', async (producer) => {
    expectTheLedger(await importXlsx(fixture(producer), { name: `${producer}.xlsx` }));
  });

  it('the hand-made package keeps both sheets in the workbook order (its first sheet is xl/worksheets/sheet.xml)', async () => {
    const model = await importXlsx(fixture('handmade'));
    expect(model.sheets.map((s) => s.name)).toEqual(['任务台账', '说明']);
    expect(model.sheets[1]?.rows[0]?.[0]?.value).toBe('本表由督查科维护');
  });

  it('a package already in Excel layout (exceljs, LibreOffice) is handed to exceljs as it came, byte for byte', async () => {
    for (const producer of ['exceljs', 'libreoffice']) {
      const buf = fixture(producer);
      expect(await normalisePackage(buf)).toBe(buf);
    }
  });

  it("openpyxl's notes are moved to where Excel puts them, the targets made relative, the content types renamed", async () => {
    const out = await normalisePackage(fixture('openpyxl'));
    const names = zipEntries(out)!.map((e) => e.name);
    expect(names).toContain('xl/comments1.xml');
    expect(names).toContain('xl/drawings/vmlDrawing1.vml');
    expect(names).not.toContain('xl/comments/comment1.xml');
    expect(names.filter((n) => n.endsWith('/'))).toEqual([]);
    const rels = zipText(out, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    expect(zipText(out, 'xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet1.xml"');
    const types = zipText(out, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>',
    );
    expect(types).not.toContain('/xl/comments/comment1.xml');
  });

  it('the hand-made package: shared strings, styles, sheet and note parts at Excel names, the notes before their shapes', async () => {
    const out = await normalisePackage(fixture('handmade'));
    const names = new Set(zipEntries(out)!.map((e) => e.name));
    for (const part of [
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/comments1.xml',
    ]) {
      expect(names.has(part)).toBe(true);
    }
    const workbookRels = zipText(out, 'xl/_rels/workbook.xml.rels');
    // The first sheet had no number: it takes the first free one, and the second sheet keeps its name.
    expect(workbookRels).toContain(
      'Id="Rledger" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"',
    );
    expect(workbookRels).toContain(
      'Id="Rabout" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"',
    );
    const sheetRels = zipText(out, 'xl/worksheets/_rels/sheet2.xml.rels');
    expect(sheetRels.indexOf('../comments1.xml')).toBeLessThan(sheetRels.indexOf('../drawings/vmlDrawing1.vml'));
    // Typed by the Default for .xml before, the shared strings keep their type under the new name.
    const types = zipText(out, '[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    );
  });

  it.each(['openpyxl', 'handmade'])('%s: the imported ledger, written back, opens in exceljs and reads the same', async (producer) => {
    const model = await importXlsx(fixture(producer));
    ledgerOf(model).rows[3]![4] = { value: '已销号' };
    const out = await exportXlsxBuffer(model);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.name).toBe('任务台账');
    expect(wb.worksheets[0]?.getCell('E4').value).toBe('已销号');
    const back = await importXlsx(out);
    ledgerOf(back).rows[3]![4] = { value: '整改中' };
    expectTheLedger(back);
  });

  it('a zip written with Windows paths (xl\\worksheets\\sheet1.xml, as some zip writers do) is read', async () => {
    const excel = fixture('exceljs');
    const windows = makeZip(zipEntries(excel)!.map((e) => [e.name.replace(/\//g, '\\'), zipText(excel, e.name)]));
    expectTheLedger(await importXlsx(windows));
  });

  it('a note written as one plain <t> is read as its text, not as an empty note', () => {
    expect(notesInRuns('<comment ref="B3"><text><t>已核实</t></text></comment>')).toBe(
      '<comment ref="B3"><text><r><t>已核实</t></r></text></comment>',
    );
    const excel = '<text><r><rPr><b/></rPr><t>甲</t></r><rPh sb="0" eb="1"><t>jia</t></rPh></text>';
    expect(notesInRuns(excel)).toBe(excel);
  });

  it('targets are written relative to the part that holds them, as Excel writes them', () => {
    expect(relativeTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(relativeTarget('xl/workbook.xml', 'xl/worksheets/sheet1.xml')).toBe('worksheets/sheet1.xml');
    expect(relativeTarget('xl/worksheets/sheet1.xml', 'xl/comments1.xml')).toBe('../comments1.xml');
    expect(relativeTarget('xl/drawings/drawing1.xml', 'xl/media/image 1.png')).toBe('../media/image%201.png');
  });
});

describe('an .xlsx that really is damaged is still refused, naming the file', () => {
  async function refusal(buf: Buffer, name: string): Promise<string> {
    try {
      await importXlsx(buf, { name });
    } catch (err) {
      if (err instanceof WorkbookFormatError) return err.message;
      throw err;
    }
    throw new Error('imported');
  }

  it.each([
    [
      'truncated',
      (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.6)),
      /^台账\.xlsx is not an \.xlsx workbook: it is a damaged zip archive/,
    ],
    [
      'not a zip',
      () => Buffer.from('序号,问题描述\n1,垃圾堆积\n'),
      /^台账\.xlsx is not an \.xlsx workbook: it is not the zip archive an \.xlsx file is/,
    ],
    [
      'a zip without its workbook part',
      (b: Buffer) =>
        makeZip(
          zipEntries(b)!
            .filter((e) => e.name !== 'xl/workbook.xml')
            .map((e) => [e.name, zipText(b, e.name)]),
        ),
      /^台账\.xlsx is not an \.xlsx workbook: it is a zip archive with no Excel workbook in it$/,
    ],
    [
      'a damaged part in a package that needs moving',
      (b: Buffer) => rewriteZip(b, { 'xl/workbook.xml': () => 'not xml at all <<<' }),
      /^台账\.xlsx is not an \.xlsx workbook: it is damaged or not a workbook Excel can open \(/,
    ],
  ])('%s (from the openpyxl fixture)', async (_what, damage, message) => {
    expect(await refusal(damage(fixture('openpyxl')), '台账.xlsx')).toMatch(message);
  });

  it('a file on disk is named by its path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'damaged-')), '整改台账.xlsx');
    writeFileSync(file, fixture('openpyxl').subarray(0, 2000));
    await expect(importXlsx(file)).rejects.toThrow(`${file} is not an .xlsx workbook: it is a damaged zip archive`);
  });
});
