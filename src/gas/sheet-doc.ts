/**
 * Writes a laid-out page (core/publication/layout.ts) into a fresh sheet: every value, number
 * format, font and fill in one call each for the whole page, then the merges, borders and
 * widths of its few blocks, and the chart. Text is written as text ('@'): a task named
 * '=HYPERLINK(…)' or '007' stays as typed.
 */
import type { Translate } from '../core/i18n';
import type { PublicationDoc, Style } from '../core/publication/layout';
import { A4_PORTRAIT, heightRuns, mergeRuns } from '../core/publication/page';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Look {
  format: string;
  size: number;
  bold: boolean;
  fill: string | null;
  color: string;
  align: 'left' | 'center' | 'right';
  wrap: boolean;
}

/** Colour only where it means something: the header band, 红榜 red, 黑榜 dark, muted notes grey. */
const LOOK: Record<Style, Look> = {
  title: { format: '@', size: 16, bold: true, fill: null, color: '#000000', align: 'center', wrap: false },
  subtitle: { format: '@', size: 11, bold: false, fill: null, color: '#000000', align: 'center', wrap: false },
  heading: { format: '@', size: 14, bold: true, fill: null, color: '#000000', align: 'center', wrap: true },
  para: { format: '@', size: 11, bold: false, fill: null, color: '#000000', align: 'left', wrap: true },
  h1: { format: '@', size: 13, bold: true, fill: null, color: '#000000', align: 'left', wrap: false },
  h2: { format: '@', size: 11, bold: true, fill: null, color: '#000000', align: 'left', wrap: false },
  th: { format: '@', size: 10, bold: true, fill: '#d9e1f2', color: '#000000', align: 'center', wrap: true },
  text: { format: '@', size: 10, bold: false, fill: null, color: '#000000', align: 'left', wrap: true },
  num: { format: '0.##', size: 10, bold: false, fill: null, color: '#000000', align: 'right', wrap: false },
  pct: { format: '0.0%', size: 10, bold: false, fill: null, color: '#000000', align: 'right', wrap: false },
  red: { format: '@', size: 10, bold: true, fill: '#f4cccc', color: '#cc0000', align: 'center', wrap: false },
  black: { format: '@', size: 10, bold: true, fill: '#434343', color: '#ffffff', align: 'center', wrap: false },
  muted: { format: '@', size: 10, bold: false, fill: null, color: '#666666', align: 'left', wrap: true },
  right: { format: '@', size: 11, bold: false, fill: null, color: '#000000', align: 'right', wrap: false },
};

/**
 * The key of the mark saying how a page prints (paper, orientation, one page wide, its page
 * breaks). Apps Script cannot set a sheet's print setup; the mark travels with the sheet, and the
 * local runtime's .xlsx export writes it as the file's page setup (runtime/xlsx/print.ts).
 */
export const PRINT_MARK = 'duban.print';

export function writeDoc(sheet: Sheet, doc: PublicationDoc, t: Translate): void {
  const width = doc.widths.length;
  const height = doc.rows.length;
  const short = height - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  const extra = width - sheet.getMaxColumns();
  if (extra > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), extra);
  const grid = <T>(pick: (look: Look, value: string | number) => T, blank: T): T[][] =>
    doc.rows.map((row) =>
      Array.from({ length: width }, (_, c) => {
        const cell = row[c];
        return cell ? pick(LOOK[cell.style], cell.value) : blank;
      }),
    );
  const range = sheet.getRange(1, 1, height, width);
  range.setNumberFormats(grid((l) => l.format, '@'));
  range.setValues(grid((_, v) => v, ''));
  range.setFontSizes(grid((l) => l.size, 10));
  range.setFontWeights(grid((l) => (l.bold ? 'bold' : 'normal'), 'normal'));
  range.setFontColors(grid((l) => l.color, '#000000'));
  range.setBackgrounds(grid((l) => l.fill, null));
  range.setHorizontalAlignments(grid((l) => l.align, 'left'));
  range.setVerticalAlignment('middle');
  range.setWraps(grid((l) => l.wrap, false));

  // A run of paragraphs is merged, and a run of rows of one height set, in one call each.
  for (const run of mergeRuns(doc.rows, width)) {
    const block = sheet.getRange(run.row + 1, run.column + 1, run.rows, run.columns);
    if (run.rows > 1) block.mergeAcross();
    else block.merge();
  }
  for (const { row, count, lines } of heightRuns(doc.tallRows)) {
    if (count > 1) sheet.setRowHeights(row + 1, count, 16 * lines + 6);
    else sheet.setRowHeight(row + 1, 16 * lines + 6);
  }
  for (const tb of doc.tables) {
    for (const span of tb.spans ?? []) sheet.getRange(tb.row + 1, span.column + 1, tb.rows, span.columns).mergeAcross();
    sheet
      .getRange(tb.row + 1, tb.column + 1, tb.rows, tb.columns)
      .setBorder(true, true, true, true, true, true, '#999999', SpreadsheetApp.BorderStyle.SOLID);
  }
  // Neighbouring columns of one width in one call.
  for (let c = 0; c < width; ) {
    let n = 1;
    while (c + n < width && doc.widths[c + n] === doc.widths[c]) n++;
    if (n > 1) sheet.setColumnWidths(c + 1, n, doc.widths[c]!);
    else sheet.setColumnWidth(c + 1, doc.widths[c]!);
    c += n;
  }
  sheet.setHiddenGridlines(true);
  sheet.addDeveloperMetadata(PRINT_MARK, JSON.stringify(doc.print ?? A4_PORTRAIT));

  if (doc.chart) {
    const { dataRow, dataColumn, count, title, anchorRow, anchorColumn } = doc.chart;
    const chart = sheet
      .newChart()
      .asBarChart()
      .addRange(sheet.getRange(dataRow + 1, dataColumn + 1, count + 1, 2))
      .setNumHeaders(1)
      .setPosition(anchorRow + 1, anchorColumn + 1, 0, 0)
      .setOption('title', title)
      .setOption('legend', { position: 'none' })
      .setOption('hAxis', { title: t('pub.col.score') })
      .setOption('width', 300)
      .setOption('height', Math.max(240, 28 * count + 80))
      .build();
    sheet.insertChart(chart);
  }
}
