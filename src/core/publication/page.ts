/**
 * A laid-out page (the month's 通报, its 问题清单, the quarter's review): cells, styles, merges,
 * bordered tables, taller rows, a chart, and how it prints. Pure; the edge (gas/sheet-doc.ts)
 * writes it in a fixed number of calls, whatever the number of rows.
 */
import { type Day, dayFromYmd } from '../calendar/day';
import type { Translate } from '../i18n';
import { longDay } from '../notices/official';

/** How a cell looks; the edge maps each style to fonts, fills and formats. */
export type Style =
  | 'title'
  | 'subtitle'
  | 'heading'
  | 'para'
  | 'h1'
  | 'h2'
  | 'th'
  | 'text'
  | 'num'
  | 'pct'
  | 'red'
  | 'black'
  | 'muted'
  | 'right';

export interface DocCell {
  value: string | number;
  style: Style;
  /** Columns this cell spans (merged), from its own. */
  span?: number;
}

/**
 * How the page prints. Apps Script has no print API: the edge records it on the sheet (developer
 * metadata duban.print), the exported .xlsx carries it as its page setup, and the README says
 * what a Google Sheets user picks in the print dialog.
 */
export interface PrintSetup {
  paper: 'A4';
  orientation: 'portrait';
  /** One page wide; as many pages tall as it needs. */
  fitToWidth: 1;
  /** 0-based rows that start a new page (the chart's heading: the chart prints whole, with its table). */
  rowBreaks: number[];
}

export interface PublicationDoc {
  /** The sheet's name: 2026年11月督查通报. */
  name: string;
  /** Column widths in pixels. */
  widths: number[];
  rows: (DocCell | undefined)[][];
  /**
   * Bordered tables: 0-based first row and column, size, and column spans merged across on
   * every row of the table (one merge call per span, whatever the number of rows).
   */
  tables: { row: number; column: number; rows: number; columns: number; spans?: { column: number; columns: number }[] }[];
  /** Rows taller than one line (wrapped text), with how many lines they need; `count` rows from `row` share it. */
  tallRows: { row: number; lines: number; count?: number }[];
  /** The bar chart of scores: its data (unit names, scores: two columns) and where it sits. */
  chart?: { dataRow: number; dataColumn: number; count: number; title: string; anchorRow: number; anchorColumn: number };
  /** How it prints; A4 portrait, one page wide, when the layout says nothing. */
  print?: PrintSetup;
}

/** A4 portrait, one page wide: how every page Duban lays out prints unless it says more. */
export const A4_PORTRAIT: PrintSetup = { paper: 'A4', orientation: 'portrait', fitToWidth: 1, rowBreaks: [] };

/**
 * The width, in Sheets pixels, of a page that prints on A4 portrait at its size (174 mm between
 * the default margins, as LibreOffice and Excel convert column widths); a wider page is scaled
 * down to one page wide.
 */
export const A4_WIDTH_PX = 680;

type Span = { column: number; columns: number };

/** Pixels a character takes in a bold 10 pt header: a Chinese character about 14, a Latin one about 7.5. */
function charPx(ch: string): number {
  return /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 14 : 7.5;
}

/**
 * The width a header needs so that it wraps only between words: a Latin header may wrap at its
 * spaces, a Chinese word never (到期任/务 is what a narrower column prints). Padding included.
 */
export function headerWidth(text: string): number {
  const words = text.split(/\s+/).filter((w) => w !== '');
  return Math.ceil(Math.max(0, ...words.map((w) => [...w].reduce((sum, ch) => sum + charPx(ch), 0)))) + 10;
}

/**
 * Column widths that fit each header's words: each column at least its base and its header's
 * need; the flexible column takes what is left of the page (at least its own base).
 */
export function fitWidths(base: readonly number[], headers: readonly (string | undefined)[], flex: number, page: number): number[] {
  const widths = base.map((w, c) => Math.max(w, headers[c] === undefined ? 0 : headerWidth(headers[c]!)));
  const others = widths.reduce((sum, w, c) => (c === flex ? sum : sum + w), 0);
  widths[flex] = Math.max(widths[flex]!, page - others);
  return widths;
}

/** Lines a text needs in a column `px` wide (a Chinese character is about 12 px at 10 pt). */
export function linesFor(text: string, px: number): number {
  return Math.max(1, ...text.split('\n').map((line) => Math.ceil((line.length * 12) / Math.max(px, 12))));
}

/** A 公文 writes no ISO date: each 2026-11-30 in a text the scores composed becomes 2026年11月30日. */
export function longDates(text: string, t: Translate): string {
  return text.replace(/(\d{4})-(\d{2})-(\d{2})/g, (_, y: string, m: string, d: string) => longDay(dayFromYmd(+y, +m, +d), t));
}

/** 11月30日 (zh), 30 November (en): the end of a period whose year was just said. */
export function monthDay(day: Day, t: Translate): string {
  const full = longDay(day, t);
  return full.replace(/^\d{4}年/, '').replace(/ \d{4}$/, '');
}

/**
 * The page as it is written, row by row: each section adds its rows, and with them the
 * bordered tables and the taller rows the edge must draw.
 */
export class Page {
  readonly rows: (DocCell | undefined)[][] = [];
  readonly tables: PublicationDoc['tables'] = [];
  readonly tallRows: PublicationDoc['tallRows'] = [];
  readonly rowBreaks: number[] = [];

  constructor(readonly widths: readonly number[]) {}

  get columns(): number {
    return this.widths.length;
  }

  /** Adds a row; returns its 0-based index. */
  line(cells: (DocCell | undefined)[]): number {
    return this.rows.push(cells) - 1;
  }

  /** A row of one cell across the page. */
  wide(value: string, style: Style): number {
    return this.line([{ value, style, span: this.columns }]);
  }

  gap(): number {
    return this.line([]);
  }

  /** A bordered table: a header row of 'th' cells, then the body; `spans` merged on every row. */
  table(header: (string | undefined)[], body: (DocCell | undefined)[][], spans?: Span[]): void {
    const first = this.line(header.map((h) => (h === undefined ? undefined : { value: h, style: 'th' as const })));
    for (const r of body) this.line(r);
    this.tables.push({ row: first, column: 0, rows: body.length + 1, columns: header.length, ...(spans ? { spans } : {}) });
  }

  /** A paragraph across the page, as tall as its text needs. */
  paragraph(text: string, style: Style = 'para'): number {
    const row = this.wide(text, style);
    const lines = linesFor(text, this.widths.reduce((a, b) => a + b, 0) - 10);
    if (lines > 1) this.tallRows.push({ row, lines });
    return row;
  }
}

/** A block of rows merged across the same columns: one mergeAcross call in Sheets. */
export interface MergeRun {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * The cells' own spans (a paragraph, a heading) as blocks of consecutive rows spanning the same
 * columns, so that the edge merges a run of paragraphs in one call instead of one call a row.
 */
export function mergeRuns(rows: PublicationDoc['rows'], width: number): MergeRun[] {
  const runs: MergeRun[] = [];
  const open = new Map<string, MergeRun>();
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!cell?.span || cell.span <= 1) return;
      const columns = Math.min(cell.span, width - c);
      const key = `${c}:${columns}`;
      const run = open.get(key);
      if (run && run.row + run.rows === r) run.rows += 1;
      else {
        const fresh = { row: r, column: c, rows: 1, columns };
        runs.push(fresh);
        open.set(key, fresh);
      }
    });
  });
  return runs;
}

/** The taller rows as runs of consecutive rows of the same height: one setRowHeights call each. */
export function heightRuns(tall: PublicationDoc['tallRows']): { row: number; count: number; lines: number }[] {
  // A row given twice takes its last height, as writing them one by one would leave it.
  const lines = new Map<number, number>();
  for (const { row, lines: n, count } of tall) {
    if (n <= 1) continue;
    for (let i = 0; i < (count ?? 1); i++) lines.set(row + i, n);
  }
  const runs: { row: number; count: number; lines: number }[] = [];
  for (const row of [...lines.keys()].sort((a, b) => a - b)) {
    const n = lines.get(row)!;
    const last = runs[runs.length - 1];
    if (last && last.row + last.count === row && last.lines === n) last.count += 1;
    else runs.push({ row, count: 1, lines: n });
  }
  return runs;
}
