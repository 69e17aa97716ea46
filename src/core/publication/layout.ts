/**
 * 一月一公示: the month's publication as the office's 督查通报, a page it prints and forwards. Pure:
 * from the month's scores, ranking and sanctions, the matters open at month end and 设置, the
 * sheet's cells, styles, merges, its chart and how it prints; the edge writes it in a fixed number
 * of calls, whatever the number of tasks.
 *
 * Order, as a 督查通报 reads (issue 15): title with 期号, 发文机关 and 成文日期, the subject line,
 * 主送 and the opening (bulletin-frame.ts); 一、总体情况 (the month's figures); 二、得分排名 (the
 * ranking per 单位类别, 红榜 and 黑榜 with their 上榜理由, every point's reason, the chart on a
 * page of its own); 三、存在问题, 四、通报批评和约谈情况, 五、下一步要求 (bulletin-sections.ts);
 * then 附件 (the 问题清单 sheet, problem-list.ts), 落款 and 抄送.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { monthId, monthLabel, type Sanction } from '../scores/history';
import type { BreakdownItem, MonthScores, UnitScore } from '../scores/month';
import type { Ranking } from '../scores/ranking';
import { ruleLabel } from '../scores/rules';
import { type BulletinOffice, bulletinEnd, bulletinHead } from './bulletin-frame';
import { namedSection, nextSteps, problemsSection } from './bulletin-sections';
import { A4_WIDTH_PX, type DocCell, fitWidths, linesFor, longDates, Page, type PublicationDoc } from './page';
import type { OpenMatter } from './problem-list';

export type { DocCell, PublicationDoc, Style } from './page';

export interface PublicationInput {
  scores: MonthScores;
  ranking: Ranking;
  sanctions: Sanction[];
  publishedOn: Day;
  t: Translate;
  /** 期号: the month's number among its year's publications (bulletin-frame.ts issueNumber); 1 when not said. */
  issue?: number;
  /** 发文机关, 主送, 抄送 and the sanctions' wording, from 设置; their defaults when not said. */
  office?: BulletinOffice;
  /** The matters open at month end (problem-list.ts): 存在问题 names the overdue ones. */
  matters?: readonly OpenMatter[];
  /** The 问题清单 sheet's name, named as the 附件. */
  attachment?: string;
  /** The day the 黑榜 units' 整改报告 is due (整改报告期限, working days after publication). */
  reportBy?: Day;
}

/** The ranking table's columns: their least widths (the data), widened to fit each header's words. */
const BASE_WIDTHS = [38, 110, 40, 46, 40, 40, 40, 40, 120];
const WHY_COLUMN = 8;

function rankingHeader(t: Translate): string[] {
  return [
    t('pub.col.rank'),
    t('pub.col.unit'),
    t('pub.col.score'),
    t('pub.col.rate'),
    t('pub.col.due'),
    t('pub.col.closedOnTime'),
    t('pub.col.overdue'),
    t('pub.col.list'),
    t('pub.col.why'),
  ];
}

const percent = (rate: number | undefined): number | string => (rate === undefined ? '—' : rate);

/** The publication, section by section, in the order a 督查通报 reads. */
export function layoutPublication(input: PublicationInput): PublicationDoc {
  const { scores, t } = input;
  const month = monthId(scores.year, scores.month);
  const label = monthLabel(month, t);
  const office = input.office ?? defaultOffice(t);
  const matters = input.matters ?? [];
  const attachment = input.attachment ?? t('bul.listSheet', { month: label });
  const page = new Page(fitWidths(BASE_WIDTHS, rankingHeader(t), WHY_COLUMN, A4_WIDTH_PX));
  bulletinHead(page, { label, issue: input.issue ?? 1, office, publishedOn: input.publishedOn, first: scores.first, last: scores.last, t });
  page.wide(t('bul.h.summary'), 'h1');
  page.paragraph(openingText(input, label));
  figures(page, input);
  page.wide(t('bul.h.ranking'), 'h1');
  const n = rankingTables(page, input);
  listReasons(page, input, n);
  breakdownTable(page, input, n + 2, attachment);
  const chart = scoreChart(page, input, label, n + 3);
  problemsSection(page, { matters, asOf: scores.asOf, attachment, t });
  namedSection(page, { scores, sanctions: input.sanctions, office, t });
  nextSteps(page, { ranking: input.ranking, matters, office, reportBy: input.reportBy, t });
  bulletinEnd(page, { attachment, office, publishedOn: input.publishedOn, t });
  const { rows, tables, tallRows, widths } = page;
  return {
    name: t('pub.sheetName', { month: label }),
    widths: [...widths],
    rows,
    tables,
    tallRows,
    chart,
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: 1, rowBreaks: page.rowBreaks },
  };
}

/** 设置's defaults, for a caller that gives no office (the scores' own tests). */
function defaultOffice(t: Translate): BulletinOffice {
  return {
    senderName: t('office.unnamed'),
    bulletinTo: t('setting.default.bulletinTo'),
    bulletinCc: t('setting.default.bulletinCc'),
    sanctionWording: t('setting.default.sanctionWording'),
  };
}

/**
 * 一、总体情况's paragraph: the month's figures, 红榜 and 黑榜, the units 通报批评 this month (only
 * when there were), and the units with no task in play.
 */
function openingText(input: PublicationInput, label: string): string {
  const { scores, ranking, t } = input;
  const s = scores.summary;
  const sep = t('bul.listSep');
  const red = ranking.categories.flatMap((c) => c.red.map((u) => u.unit));
  const black = ranking.categories.flatMap((c) => c.black.map((u) => u.unit));
  const criticised = [...new Set(scores.named.filter((x) => x.level === 'criticism').map((x) => x.unit))];
  const idle = ranking.categories.flatMap((c) => c.units.filter((u) => u.noTasks).map((u) => u.unit));
  return (
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
    (red.length > 0 ? t('pub.openingRed', { units: red.join(sep) }) : '') +
    (black.length > 0 ? t('pub.openingBlack', { units: black.join(sep) }) : '') +
    (criticised.length > 0 ? t('bul.openingCriticised', { units: criticised.join(sep) }) : '') +
    (idle.length > 0 ? t('bul.openingIdle', { units: idle.join(sep) }) : '')
  );
}

/** The month's eight figures as two rows of four, each figure over merged columns (A–B, C–D, E–F, G–I). */
function figures(page: Page, input: PublicationInput): void {
  const { t } = input;
  const s = input.scores.summary;
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

/** The ranking, one table per 单位类别: 红榜 and 黑榜 marked, every unit's score explained. Returns how many sub-sections it wrote. */
function rankingTables(page: Page, input: PublicationInput): number {
  const { t } = input;
  const whyWidth = page.widths[WHY_COLUMN]!;
  input.ranking.categories.forEach((category, i) => {
    page.wide(t('pub.h.category', { n: ordinal(i + 1, t), category: category.category, ranked: category.rankedCount }), 'h2');
    const start = page.rows.length + 1;
    category.units.forEach((u, j) => {
      const lines = linesFor(whyText(u, t), whyWidth - 6);
      if (lines > 1) page.tallRows.push({ row: start + j, lines });
    });
    page.table(
      rankingHeader(t),
      category.units.map((u) => rankingRow(u, category, t)),
    );
    page.gap();
  });
  return input.ranking.categories.length;
}

/** （一）, （二） … as the sub-sections number. */
function ordinal(n: number, t: Translate): string {
  return t(`pub.ordinal.${Math.min(n, 10)}` as 'pub.ordinal.1');
}

/** The last column of a unit's row: its score explained, or why it is not ranked. */
function whyText(u: UnitScore, t: Translate): string {
  if (u.ranked) return why(u, t);
  return u.noTasks ? t('bul.noTasks') : t('pub.unranked');
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
    { value: whyText(u, t), style: u.ranked ? 'text' : 'muted' },
  ];
}

/**
 * 红榜 and 黑榜 with their 上榜理由: 榜单 A, 单位 B, 得分 C, 上榜理由 D–I (merged). The reason is the
 * one the ranking drew from the unit's figures (UnitScore.listReason); lacking it, its points by rule.
 */
function listReasons(page: Page, input: PublicationInput, categories: number): void {
  const { t } = input;
  page.wide(t('bul.h.lists', { n: ordinal(categories + 1, t) }), 'h2');
  const entries = input.ranking.categories.flatMap((c) => [
    ...c.red.map((u) => ({ u, red: true })),
    ...c.black.map((u) => ({ u, red: false })),
  ]);
  if (entries.length === 0) {
    page.wide(t('bul.noLists'), 'muted');
    page.gap();
    return;
  }
  const reasonWidth = page.widths.slice(3).reduce((a, b) => a + b, 0);
  const start = page.rows.length + 1;
  const body = entries.map(({ u, red }, i): (DocCell | undefined)[] => {
    const reason = u.listReason ?? scoreWhy(u, t);
    const lines = linesFor(reason, reasonWidth - 6);
    if (lines > 1) page.tallRows.push({ row: start + i, lines });
    return [
      red ? { value: t('pub.red'), style: 'red' } : { value: t('pub.black'), style: 'black' },
      { value: u.unit, style: 'text' },
      { value: u.score, style: 'num' },
      { value: reason, style: 'text' },
      ...Array<undefined>(page.columns - 4).fill(undefined),
    ];
  });
  const header = [t('pub.col.list'), t('pub.col.unit'), t('pub.col.score'), t('bul.col.reason')];
  page.table([...header, ...Array<undefined>(page.columns - 4).fill(undefined)], body, [{ column: 3, columns: page.columns - 3 }]);
  page.gap();
}

/** Over this many points, 得分明细 is summed by unit and rule: its rows then grow with units, not tasks. */
export const BREAKDOWN_ALL_UP_TO = 100;

/** Every point's reason: 单位 A–B, 规则 C–E, 分值 F, 来源和说明 G–I (merged): one merge call per span for the whole table. */
function breakdownTable(page: Page, input: PublicationInput, n: number, attachment: string): void {
  const { t } = input;
  page.wide(t('bul.h.breakdown', { n: ordinal(n, t) }), 'h2');
  const items = input.scores.units.flatMap((u) => u.breakdown);
  if (items.length === 0) page.wide(t('pub.none'), 'muted');
  else {
    const summed = items.length > BREAKDOWN_ALL_UP_TO;
    if (summed) page.paragraph(t('bul.breakdownLead', { count: items.length, attachment }));
    const rows = summed ? sumByUnitAndRule(items, t) : items.map((item) => ({ ...item, text: itemText(item, t) }));
    const noteWidth = page.widths[6]! + page.widths[7]! + page.widths[8]!;
    page.tallRows.push({
      row: page.rows.length + 1,
      lines: Math.max(...rows.map((x) => linesFor(x.text, noteWidth - 6))),
      count: rows.length,
    });
    page.table(
      [t('pub.col.unit'), undefined, t('pub.col.rule'), undefined, undefined, t('pub.col.points'), t('pub.col.note'), undefined, undefined],
      rows.map((row) => [
        { value: row.unit, style: 'text' },
        undefined,
        { value: ruleLabel(row.rule, t), style: 'text' },
        undefined,
        undefined,
        { value: row.points, style: 'num' },
        { value: row.text, style: 'text' },
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

/** 任务DB-0001（任务台账第9行）：截至2026年11月30日逾期未整改（…）. */
function itemText(item: BreakdownItem, t: Translate): string {
  return longDates(`${source(item, t)}：${item.note}`, t);
}

/** One row per unit and rule, in the breakdown's order: the points summed, the first source named (a single point as it is). */
function sumByUnitAndRule(
  items: readonly BreakdownItem[],
  t: Translate,
): (Pick<BreakdownItem, 'unit' | 'rule' | 'points'> & { text: string })[] {
  const groups = new Map<string, BreakdownItem[]>();
  for (const item of items) {
    const key = `${item.unit}\u0000${item.rule}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const points = Math.round(group.reduce((sum, x) => sum + x.points, 0) * 100) / 100;
    const text = group.length === 1 ? itemText(first, t) : t('bul.breakdownSum', { count: group.length, first: source(first, t) });
    return { unit: first.unit, rule: first.rule, points, text };
  });
}

/**
 * The bar chart of the ranked units' scores: its heading starts a printed page, its data in B–C
 * (unit, score), the chart drawn beside it from E, so that the chart and its table print together.
 */
function scoreChart(page: Page, input: PublicationInput, label: string, n: number): PublicationDoc['chart'] {
  const { t } = input;
  const ranked = input.ranking.categories.flatMap((c) => c.units.filter((u) => u.ranked));
  const heading = page.wide(t('bul.h.chart', { n: ordinal(n, t) }), 'h2');
  if (ranked.length === 0) {
    page.wide(t('pub.none'), 'muted');
    page.gap();
    return undefined;
  }
  page.rowBreaks.push(heading);
  const dataRow = page.line([undefined, { value: t('pub.col.unit'), style: 'th' }, { value: t('pub.col.score'), style: 'th' }]);
  const bars = [...ranked].sort((a, b) => b.score - a.score);
  for (const u of bars) page.line([undefined, { value: u.unit, style: 'text' }, { value: u.score, style: 'num' }]);
  page.tables.push({ row: dataRow, column: 1, rows: bars.length + 1, columns: 2 });
  // Room beside the data for the chart: it is drawn over these rows.
  for (let i = bars.length; i < 16; i++) page.gap();
  page.gap();
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
