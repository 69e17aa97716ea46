/**
 * Data validations that Excel 2010 and later write in a sheet's extension list
 * (<extLst><ext><x14:dataValidations>), typically a drop-down whose list is on another sheet
 * (责任单位 from the unit directory). exceljs does not read that part, so they would vanish on
 * every round trip; they are read here and given to exceljs as ordinary validations, which
 * Excel 2010+, WPS and LibreOffice all accept with a reference to another sheet.
 */
import type ExcelJS from 'exceljs';
import { xmlAttributes as attributes, decodeXml, sheetParts } from './parts.js';
import { cellA1, parseRangeA1 } from './ranges.js';
import { zipEntries, zipEntryData } from './zip.js';

const BOOLEAN = ['allowBlank', 'showInputMessage', 'showErrorMessage'] as const;
const TEXT = ['type', 'operator', 'errorStyle', 'errorTitle', 'error', 'promptTitle', 'prompt'] as const;

function validationOf(attrs: Map<string, string>, body: string): ExcelJS.DataValidation | undefined {
  const dv: Record<string, unknown> = {};
  for (const k of TEXT) {
    const v = attrs.get(k);
    if (v !== undefined) dv[k] = v;
  }
  for (const k of BOOLEAN) if (attrs.has(k)) dv[k] = attrs.get(k) === '1' || attrs.get(k) === 'true';
  const formulae: string[] = [];
  for (const n of [1, 2]) {
    const m = new RegExp(`<x14:formula${n}>\\s*<xm:f>([\\s\\S]*?)</xm:f>`).exec(body);
    if (m) formulae.push(decodeXml(m[1]));
  }
  if (formulae.length > 0) dv.formulae = formulae;
  if (typeof dv.type !== 'string') dv.type = 'any';
  return dv as unknown as ExcelJS.DataValidation;
}

/**
 * Adds each sheet's extension-list validations to exceljs's own, one entry per cell as exceljs
 * reads the others, over at most the sheet's used rows (at least 1,000) and columns: a rule on
 * a whole column would otherwise be a million entries.
 */
export function readX14Validations(buf: Buffer, sheetsInFileOrder: ExcelJS.Worksheet[]): void {
  const entries = zipEntries(buf);
  if (!entries) return;
  const text = (name: string): string => {
    const e = entries.find((x) => x.name === name);
    return (e && zipEntryData(buf, e)?.toString('utf8')) ?? '';
  };
  const parts = sheetParts(text).map((s) => s.part);
  sheetsInFileOrder.forEach((ws, i) => {
    const entry = entries.find((e) => e.name === parts[i]);
    const xml = entry ? zipEntryData(buf, entry)?.toString('utf8') : undefined;
    if (!xml?.includes('x14:dataValidation')) return;
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    const maxRow = Math.max(1000, ws.rowCount);
    const maxCol = Math.max(26, ws.columnCount);
    for (const m of xml.matchAll(/<x14:dataValidation\b([^>]*)>([\s\S]*?)<\/x14:dataValidation>/g)) {
      const sqref = /<xm:sqref>([\s\S]*?)<\/xm:sqref>/.exec(m[2])?.[1];
      const dv = validationOf(attributes(m[1]), m[2]);
      if (!sqref || !dv) continue;
      for (const part of sqref.trim().split(/\s+/)) {
        const g = parseRangeA1(part);
        if (!g) continue;
        for (let r = g.startRow; r < Math.min(g.endRow, maxRow); r++) {
          for (let c = g.startColumn; c < Math.min(g.endColumn, maxCol); c++) model[cellA1(r, c)] ??= dv;
        }
      }
    }
  });
}
