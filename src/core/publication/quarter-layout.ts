/**
 * 一季一测评: the quarter's review as a page, from 排名历史 as published: each unit's three months
 * side by side (a month it was not ranked says 无督办任务, a month not published 未公布), its
 * parts (台账得分, the mean of the months it was ranked; 实地测评 and 问卷 as typed in 季度测评),
 * its quarter score, its place and its trend; then how the quarter is scored, with the weights.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { longDay } from '../notices/official';
import { monthLabel } from '../scores/history';
import { type QuarterMonth, type QuarterRow, quarterMonths } from '../scores/quarter';
import { DEFAULT_RULES, type QuarterWeights, quarterWeights } from '../scores/rules';
import type { DocCell, PublicationDoc } from './layout';

const WIDTHS = [90, 160, 90, 90, 90, 80, 80, 70, 80, 60, 60];

const score = (v: number | undefined): DocCell => (v === undefined ? { value: '—', style: 'muted' } : { value: v, style: 'num' });

function monthCell(m: QuarterMonth, t: Translate): DocCell {
  if (!m.row) return { value: t('pub.quarterUnpublished'), style: 'muted' };
  return m.row.ranked ? { value: m.row.score, style: 'num' } : { value: t('pub.quarterUnranked'), style: 'muted' };
}

const percent = (w: number): string => `${Math.round(w * 1000) / 10}%`;

export function layoutQuarter(
  rows: readonly QuarterRow[],
  year: number,
  quarter: number,
  publishedOn: Day,
  t: Translate,
  weights: QuarterWeights = quarterWeights(DEFAULT_RULES),
): PublicationDoc {
  const months = quarterMonths(year, quarter);
  const name = t('pub.quarterSheet', { year, quarter });
  const out: (DocCell | undefined)[][] = [];
  const width = WIDTHS.length;
  out.push([{ value: t('pub.quarterTitle', { year, quarter }), style: 'title', span: width }]);
  out.push([{ value: t('pub.quarterSubtitle', { on: longDay(publishedOn, t) }), style: 'subtitle', span: width }]);
  out.push([]);
  const header = [
    t('pub.col.category'),
    t('pub.col.unit'),
    ...months.map((m) => monthLabel(m, t)),
    t('pub.col.ledgerScore'),
    t('pub.col.field'),
    t('pub.col.survey'),
    t('pub.col.quarterScore'),
    t('pub.col.rank'),
    t('pub.col.trend'),
  ];
  const first = out.push(header.map((h) => ({ value: h, style: 'th' as const }))) - 1;
  for (const r of rows) {
    out.push([
      { value: r.category, style: 'text' },
      { value: r.unit, style: 'text' },
      ...r.months.map((m) => monthCell(m, t)),
      score(r.ledgerScore),
      score(r.field),
      score(r.survey),
      score(r.quarterScore),
      r.rank === undefined ? { value: '—', style: 'muted' } : { value: r.rank, style: 'num' },
      { value: r.trend === undefined ? '—' : t(`score.trend.${r.trend}`), style: r.trend === 'down' ? 'red' : 'text' },
    ]);
  }
  if (rows.length === 0) out.push([{ value: t('pub.quarterEmpty'), style: 'muted', span: width }]);
  out.push([]);
  // How the quarter is scored, under the table: paragraphs as tall as their text (about 12 px a character).
  const shares = { ledger: percent(weights.ledger), field: percent(weights.field), survey: percent(weights.survey) };
  const tallRows: PublicationDoc['tallRows'] = [];
  for (const text of [t('pub.quarterHowLedger'), t('pub.quarterHowWeights', shares)]) {
    const row = out.push([{ value: text, style: 'para', span: width }]) - 1;
    tallRows.push({ row, lines: Math.max(1, Math.ceil((text.length * 12) / (WIDTHS.reduce((a, b) => a + b, 0) - 10))) });
  }
  out.push([]);
  out.push([{ value: t('pub.footer', { on: longDay(publishedOn, t) }), style: 'muted', span: width }]);
  return {
    name,
    widths: WIDTHS,
    rows: out,
    tables: rows.length > 0 ? [{ row: first, column: 0, rows: rows.length + 1, columns: width }] : [],
    tallRows,
  };
}
