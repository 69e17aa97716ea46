/**
 * 一月一公示: the month's publication as a page an office prints and forwards. Pure: from the
 * month's scores, ranking and sanctions, the sheet's cells, styles, merges and its chart; the
 * edge writes it in a fixed number of calls, whatever the number of tasks.
 *
 * Order, as such a 通报 reads: title, opening paragraph with the month's figures, the figures,
 * the ranking per 单位类别 (红榜 and 黑榜 marked, every unit's score explained), the units and
 * tasks named for 通报批评 and 约谈, the sanctions, every point's reason, and the chart.
 */
import { type Day, formatDay } from '../calendar/day';
import type { Translate } from '../i18n';
import { describeSanction, monthId, monthLabel, type Sanction } from '../scores/history';
import type { BreakdownItem, MonthScores, UnitScore } from '../scores/month';
import type { Ranking } from '../scores/ranking';
import { ruleLabel } from '../scores/rules';

/** How a cell looks; the edge maps each style to fonts, fills and formats. */
export type Style = 'title' | 'subtitle' | 'para' | 'h1' | 'h2' | 'th' | 'text' | 'num' | 'pct' | 'red' | 'black' | 'muted';

export interface DocCell {
  value: string | number;
  style: Style;
  /** Columns this cell spans (merged), from its own. */
  span?: number;
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
}

export interface PublicationInput {
  scores: MonthScores;
  ranking: Ranking;
  sanctions: Sanction[];
  publishedOn: Day;
  t: Translate;
}

/**
 * Pixel widths that fit an A4 page in portrait, as LibreOffice and Excel print an .xlsx (their
 * column units make a Sheets pixel about 1.2 of theirs): the page prints as it shows.
 */
const WIDTHS = [32, 110, 42, 46, 38, 46, 40, 42, 160];
const COLUMNS = WIDTHS.length;

const percent = (rate: number | undefined): number | string => (rate === undefined ? '—' : rate);

type Span = { column: number; columns: number };

/**
 * The page as it is written, row by row: each section adds its rows, and with them the
 * bordered tables and the taller rows the edge must draw.
 */
class Page {
  readonly rows: (DocCell | undefined)[][] = [];
  readonly tables: PublicationDoc['tables'] = [];
  readonly tallRows: PublicationDoc['tallRows'] = [];

  /** Adds a row; returns its 0-based index. */
  line(cells: (DocCell | undefined)[]): number {
    return this.rows.push(cells) - 1;
  }

  /** A row of one cell across the page. */
  wide(value: string, style: Style): number {
    return this.line([{ value, style, span: COLUMNS }]);
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
  paragraph(text: string): void {
    const row = this.wide(text, 'para');
    this.tallRows.push({ row, lines: linesFor(text, WIDTHS.reduce((a, b) => a + b, 0) - 10) });
  }
}

/** Lines a text needs in a column `px` wide (a Chinese character is about 12 px at 10 pt). */
function linesFor(text: string, px: number): number {
  return Math.max(1, Math.ceil((text.length * 12) / px));
}

/** The publication, section by section, in the order such a 通报 reads. */
export function layoutPublication(input: PublicationInput): PublicationDoc {
  const { scores, t } = input;
  const label = monthLabel(monthId(scores.year, scores.month), t);
  const page = new Page();
  opening(page, input, label);
  figures(page, input);
  rankingTables(page, input);
  namedUnits(page, input);
  sanctionList(page, input);
  breakdownTable(page, input);
  const chart = scoreChart(page, input, label);
  page.gap();
  page.wide(t('pub.footer', { on: formatDay(input.publishedOn) }), 'muted');
  const { rows, tables, tallRows } = page;
  return { name: t('pub.sheetName', { month: label }), widths: WIDTHS, rows, tables, tallRows, chart };
}

/** Title, the period and publication day, and the opening paragraph: the month's figures, 红榜 and 黑榜. */
function opening(page: Page, input: PublicationInput, label: string): void {
  const { scores, ranking, t } = input;
  const s = scores.summary;
  const red = ranking.categories.flatMap((c) => c.red.map((u) => u.unit));
  const black = ranking.categories.flatMap((c) => c.black.map((u) => u.unit));
  page.wide(t('pub.title', { month: label }), 'title');
  page.wide(t('pub.subtitle', { from: formatDay(scores.first), to: formatDay(scores.last), on: formatDay(input.publishedOn) }), 'subtitle');
  page.gap();
  page.paragraph(
    t('pub.opening', {
      month: label,
      due: s.due,
      closedOnTime: s.closedOnTime,
      rate: s.rate === undefined ? '—' : `${Math.round(s.rate * 1000) / 10}%`,
      overdue: s.overdueAtEnd,
      notices: s.notices,
      criticisms: s.criticisms,
      interviews: s.interviews,
    }) +
      (red.length > 0 ? t('pub.openingRed', { units: red.join('、') }) : '') +
      (black.length > 0 ? t('pub.openingBlack', { units: black.join('、') }) : '') +
      t('pub.openingEnd'),
  );
  page.gap();
}

/** The month's eight figures as two rows of four, each figure over merged columns (A–B, C–D, E–F, G–I). */
function figures(page: Page, input: PublicationInput): void {
  const { t } = input;
  const s = input.scores.summary;
  page.wide(t('pub.h.summary'), 'h1');
  const quad = [
    { column: 0, columns: 2 },
    { column: 2, columns: 2 },
    { column: 4, columns: 2 },
    { column: 6, columns: 3 },
  ];
  const spread = <T>(four: T[]): (T | undefined)[] => [
    four[0],
    undefined,
    four[1],
    undefined,
    four[2],
    undefined,
    four[3],
    undefined,
    undefined,
  ];
  page.table(
    spread([t('pub.col.due'), t('pub.col.closed'), t('pub.col.closedOnTime'), t('pub.col.overdue')]),
    [spread([num(s.due), num(s.closed), num(s.closedOnTime), num(s.overdueAtEnd)])],
    quad,
  );
  page.table(
    spread([t('pub.col.rate'), t('pub.col.notices'), t('pub.col.criticisms'), t('pub.col.interviews')]),
    [
      spread<DocCell>([
        { value: percent(s.rate), style: s.rate === undefined ? 'muted' : 'pct' },
        num(s.notices),
        num(s.criticisms),
        num(s.interviews),
      ]),
    ],
    quad,
  );
  page.gap();
}

/** The ranking, one table per 单位类别: 红榜 and 黑榜 marked, every unit's score explained. */
function rankingTables(page: Page, input: PublicationInput): void {
  const { t } = input;
  page.wide(t('pub.h.ranking'), 'h1');
  input.ranking.categories.forEach((category, i) => {
    page.wide(
      t('pub.h.category', {
        n: t(`pub.ordinal.${Math.min(i + 1, 10)}` as 'pub.ordinal.1'),
        category: category.category,
        ranked: category.rankedCount,
      }),
      'h2',
    );
    const start = page.rows.length + 1;
    category.units.forEach((u, j) => {
      page.tallRows.push({ row: start + j, lines: linesFor(u.ranked ? why(u, t) : t('pub.unranked'), WIDTHS[8]!) });
    });
    page.table(
      [
        t('pub.col.rank'),
        t('pub.col.unit'),
        t('pub.col.score'),
        t('pub.col.rate'),
        t('pub.col.due'),
        t('pub.col.closedOnTime'),
        t('pub.col.overdue'),
        t('pub.col.list'),
        t('pub.col.why'),
      ],
      category.units.map((u) => rankingRow(u, category, t)),
    );
    page.gap();
  });
}

/** One unit's row of the ranking. */
function rankingRow(u: UnitScore, category: Ranking['categories'][number], t: Translate): DocCell[] {
  const reds = new Set(category.red.map((x) => x.unit));
  const blacks = new Set(category.black.map((x) => x.unit));
  return [
    { value: u.ranked && u.rank !== undefined ? u.rank : '—', style: u.ranked ? 'num' : 'muted' },
    { value: u.unit, style: 'text' },
    { value: u.score, style: 'num' },
    { value: percent(u.rate), style: u.rate === undefined ? 'muted' : 'pct' },
    num(u.dueCount),
    num(u.closedOnTime),
    num(u.overdueAtEnd),
    reds.has(u.unit)
      ? { value: t('pub.red'), style: 'red' }
      : blacks.has(u.unit)
        ? { value: t('pub.black'), style: 'black' }
        : { value: '', style: 'text' },
    { value: u.ranked ? why(u, t) : t('pub.unranked'), style: u.ranked ? 'text' : 'muted' },
  ];
}

/** The units and tasks named for 通报批评 and 约谈: 级别 A, 单位 B, 任务 C–G (merged), 文号 H–I (merged, with the date). */
function namedUnits(page: Page, input: PublicationInput): void {
  const { t } = input;
  const named = input.scores.named;
  page.wide(t('pub.h.named'), 'h1');
  if (named.length === 0) page.wide(t('pub.none'), 'muted');
  else {
    page.table(
      [
        t('pub.col.level'),
        t('pub.col.unit'),
        t('pub.col.task'),
        undefined,
        undefined,
        undefined,
        undefined,
        t('pub.col.number'),
        undefined,
      ],
      named.map((n) => [
        {
          value:
            n.level !== 'interview'
              ? t('level.criticism')
              : n.heldOn === undefined
                ? t('level.interview')
                : t('pub.interviewHeld', { level: t('level.interview'), date: formatDay(n.heldOn) }),
          style: n.level === 'interview' ? 'black' : 'text',
        },
        { value: n.unit, style: 'text' },
        { value: n.task || n.key, style: 'text' },
        undefined,
        undefined,
        undefined,
        undefined,
        // A 通报批评 held for the bulletin (随月度通报) has no 文号: this bulletin is its 通报.
        { value: n.held ? t('pub.heldForBulletin') : `${n.number}（${formatDay(n.day)}）`, style: 'text' },
        undefined,
      ]),
      [
        { column: 2, columns: 5 },
        { column: 7, columns: 2 },
      ],
    );
  }
  page.gap();
}

/** The sanctions (停发文明奖, 撤销文明单位称号): 单位 A–B, 类别 C–D, 连续后三位 E–F, 处理 G–I (merged). */
function sanctionList(page: Page, input: PublicationInput): void {
  const { sanctions, t } = input;
  page.wide(t('pub.h.sanctions'), 'h1');
  if (sanctions.length === 0) page.wide(t('pub.noSanctions'), 'muted');
  else {
    page.table(
      [
        t('pub.col.unit'),
        undefined,
        t('pub.col.category'),
        undefined,
        t('pub.col.streak'),
        undefined,
        t('pub.col.sanction'),
        undefined,
        undefined,
      ],
      sanctions.map((x) => [
        { value: x.unit, style: 'text' },
        undefined,
        { value: x.category, style: 'text' },
        undefined,
        num(x.streak),
        undefined,
        { value: describeSanction(x, t), style: x.kind === 'revokeTitle' ? 'black' : 'text' },
        undefined,
        undefined,
      ]),
      [
        { column: 0, columns: 2 },
        { column: 2, columns: 2 },
        { column: 4, columns: 2 },
        { column: 6, columns: 3 },
      ],
    );
  }
  page.gap();
}

/** Every point's reason: 单位 A–B, 规则 C–E, 分值 F, 来源和说明 G–I (merged): one merge call per span for the whole table. */
function breakdownTable(page: Page, input: PublicationInput): void {
  const { t } = input;
  page.wide(t('pub.h.breakdown'), 'h1');
  const items = input.scores.units.flatMap((u) => u.breakdown);
  if (items.length === 0) page.wide(t('pub.none'), 'muted');
  else {
    const texts = items.map((item) => `${source(item, t)}：${item.note}`);
    page.tallRows.push({
      row: page.rows.length + 1,
      lines: Math.max(...texts.map((x) => linesFor(x, WIDTHS[6]! + WIDTHS[7]! + WIDTHS[8]!))),
      count: items.length,
    });
    page.table(
      [t('pub.col.unit'), undefined, t('pub.col.rule'), undefined, undefined, t('pub.col.points'), t('pub.col.note'), undefined, undefined],
      items.map((item, i) => [
        { value: item.unit, style: 'text' },
        undefined,
        { value: ruleLabel(item.rule, t), style: 'text' },
        undefined,
        undefined,
        { value: item.points, style: 'num' },
        { value: texts[i]!, style: 'text' },
        undefined,
        undefined,
      ]),
      [
        { column: 0, columns: 2 },
        { column: 2, columns: 3 },
        { column: 6, columns: 3 },
      ],
    );
  }
  page.gap();
}

/** The bar chart of the ranked units' scores: its data in B–C (unit, score), the chart drawn beside it from E. */
function scoreChart(page: Page, input: PublicationInput, label: string): PublicationDoc['chart'] {
  const { t } = input;
  const ranked = input.ranking.categories.flatMap((c) => c.units.filter((u) => u.ranked));
  page.wide(t('pub.h.chart'), 'h1');
  if (ranked.length === 0) {
    page.wide(t('pub.none'), 'muted');
    return undefined;
  }
  const dataRow = page.line([undefined, { value: t('pub.col.unit'), style: 'th' }, { value: t('pub.col.score'), style: 'th' }]);
  const bars = [...ranked].sort((a, b) => b.score - a.score);
  for (const u of bars) page.line([undefined, { value: u.unit, style: 'text' }, { value: u.score, style: 'num' }]);
  page.tables.push({ row: dataRow, column: 1, rows: bars.length + 1, columns: 2 });
  // Room beside the data for the chart: it is drawn over these rows.
  for (let i = bars.length; i < 16; i++) page.gap();
  return { dataRow, dataColumn: 1, count: bars.length, title: t('pub.chartTitle', { month: label }), anchorRow: dataRow, anchorColumn: 4 };
}

function num(n: number): DocCell {
  return { value: n, style: 'num' };
}

/** A unit's score explained in one line: the points by rule, e.g. 逾期任务扣分2项 −4；按期销号加分3项 +3. */
function why(u: UnitScore, t: Translate): string {
  // A unit no notice could reach: its overdue tasks are marked 未送达, never counted as notices failed.
  const undelivered = u.undelivered > 0 ? t('pub.undelivered', { count: u.undelivered }) : '';
  return scoreWhy(u, t) + undelivered;
}

function scoreWhy(u: UnitScore, t: Translate): string {
  if (u.breakdown.length === 0) return t('pub.whyNone', { base: u.base });
  const byRule = new Map<string, { count: number; points: number }>();
  for (const item of u.breakdown) {
    const k = ruleLabel(item.rule, t);
    const sum = byRule.get(k) ?? { count: 0, points: 0 };
    sum.count += 1;
    sum.points += item.points;
    byRule.set(k, sum);
  }
  const parts = [...byRule].map(([rule, { count, points }]) => t('pub.whyPart', { rule, count, points: signed(points) }));
  return t('pub.why', { base: u.base, parts: parts.join(t('pub.whySep')), score: u.score });
}

function signed(points: number): string {
  const rounded = Math.round(points * 100) / 100;
  return rounded > 0 ? `+${rounded}` : `${rounded}`.replace('-', '−');
}

function source(item: BreakdownItem, t: Translate): string {
  return item.source.kind === 'task'
    ? t('pub.source.task', { key: item.source.key, row: item.source.row })
    : t('pub.source.log', { number: item.source.number, row: item.source.row });
}
