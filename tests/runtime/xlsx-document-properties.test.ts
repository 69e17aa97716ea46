/**
 * Document properties (PropertiesService.getDocumentProperties()) kept with an .xlsx, in
 * docProps/custom.xml: the local runner's workbook carries Duban's durable counters from one run
 * to the next, as Google keeps them with the spreadsheet.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import { newSheetModel, newWorkbookModel } from '../../runtime/model';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx';

function book() {
  const wb = newWorkbookModel('props');
  wb.sheets = [newSheetModel('任务台账', 1, 10, 5)];
  wb.sheets[0]!.rows = [[{ value: '问题描述' }]];
  return wb;
}

describe('document properties in an .xlsx', () => {
  it('are written to docProps/custom.xml and read back, and a runtime on the file finds them', async () => {
    const wb = book();
    wb.documentProperties = { 'duban.highestKey': '12', 'duban.noticeNumber.2026': '40', 'a<b': '"&"' };
    const buf = await exportXlsxBuffer(wb);
    const zip = await JSZip.loadAsync(buf);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('PartName="/docProps/custom.xml"');
    expect(await zip.file('_rels/.rels')!.async('string')).toContain('Target="docProps/custom.xml"');
    const back = await importXlsx(buf, { name: 'props' });
    expect(back.documentProperties).toEqual(wb.documentProperties);
    expect(back.sheets[0]!.rows[0]![0]!.value).toBe('问题描述');

    const rt = new LocalRuntime({ workbook: back, now: new Date('2026-11-25T01:00:00Z') });
    expect(rt.properties.document.get('duban.highestKey')).toBe('12');
  });

  it('a workbook without any leaves the package as exceljs writes it', async () => {
    const zip = await JSZip.loadAsync(await exportXlsxBuffer(book()));
    expect(zip.file('docProps/custom.xml')).toBeNull();
    expect((await importXlsx(await exportXlsxBuffer(book()), { name: 'p' })).documentProperties).toBeUndefined();
  });
});
