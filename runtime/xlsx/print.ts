/**
 * How a sheet prints. Apps Script has no print API, so a script says how a sheet of its own
 * should print by the sheet's developer metadata `duban.print` (JSON: paper, orientation,
 * fitToWidth, rowBreaks: the 0-based rows that start a page). An .xlsx does have a page setup,
 * so the export writes it there: a file printed from Excel, WPS or LibreOffice prints as laid
 * out. Sheets without the mark keep whatever setup they had.
 */
import type ExcelJS from 'exceljs';
import type { SheetModel } from '../model.js';

export const PRINT_KEY = 'duban.print';

interface PrintSpec {
  paper?: string;
  orientation?: 'portrait' | 'landscape';
  fitToWidth?: number;
  rowBreaks?: number[];
}

/** ECMA-376 paper sizes (18.3.1.63) by name. */
const PAPER: Record<string, ExcelJS.PaperSize> = { A4: 9 as ExcelJS.PaperSize, A3: 8 as ExcelJS.PaperSize, Letter: 1 as ExcelJS.PaperSize };

function specOf(sheet: SheetModel): PrintSpec | undefined {
  const mark = sheet.developerMetadata?.find((m) => m.key === PRINT_KEY && m.location.type === 'SHEET');
  if (!mark?.value) return undefined;
  try {
    const spec: unknown = JSON.parse(mark.value);
    return spec !== null && typeof spec === 'object' ? (spec as PrintSpec) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a marked sheet's print setup on its worksheet; its page breaks replace any it had. */
export function applyPrintSetup(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const spec = specOf(sheet);
  if (!spec) return;
  const paper = spec.paper === undefined ? undefined : PAPER[spec.paper];
  if (paper !== undefined) ws.pageSetup.paperSize = paper;
  if (spec.orientation) ws.pageSetup.orientation = spec.orientation;
  if (spec.fitToWidth !== undefined) {
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = spec.fitToWidth;
    // As many pages tall as the content needs.
    ws.pageSetup.fitToHeight = 0;
  }
  ws.pageSetup.horizontalCentered = true;
  const breaks = ws as unknown as { rowBreaks: unknown[] };
  breaks.rowBreaks = [];
  // exceljs puts a break below the row it is added to: below the row before the page's first.
  for (const row of spec.rowBreaks ?? []) if (Number.isInteger(row) && row > 0) ws.getRow(row).addPageBreak();
}
