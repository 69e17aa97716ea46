/**
 * 一季一测评: the quarter's roll-up as a page, from 排名历史: each unit's three months side by
 * side, its quarter score (the mean of the months it was ranked), its place and its trend.
 */
import { type Day, formatDay } from '../calendar/day';
import type { Translate } from '../i18n';
import { monthLabel } from '../scores/history';
import { type QuarterRow, quarterMonths } from '../scores/quarter';
import type { DocCell, PublicationDoc } from './layout';

const WIDTHS = [90, 160, 90, 90, 90, 90, 70, 70];

export function layoutQuarter(rows: readonly QuarterRow[], year: number, quarter: number, publishedOn: Day, t: Translate): PublicationDoc {
  const months = quarterMonths(year, quarter);
  const name = t('pub.quarterSheet', { year, quarter });
  const out: (DocCell | undefined)[][] = [];
  const width = WIDTHS.length;
  out.push([{ value: t('pub.quarterTitle', { year, quarter }), style: 'title', span: width }]);
  out.push([{ value: t('pub.quarterSubtitle', { on: formatDay(publishedOn) }), style: 'subtitle', span: width }]);
  out.push([]);
  const header = [
    t('pub.col.category'),
    t('pub.col.unit'),
    ...months.map((m) => monthLabel(m, t)),
    t('pub.col.quarterScore'),
    t('pub.col.rank'),
    t('pub.col.trend'),
  ];
  const first = out.push(header.map((h) => ({ value: h, style: 'th' as const }))) - 1;
  for (const r of rows) {
    out.push([
      { value: r.category, style: 'text' },
      { value: r.unit, style: 'text' },
      ...r.months.map((m): DocCell => (m.row ? { value: m.row.score, style: 'num' } : { value: '—', style: 'muted' })),
      r.quarterScore === undefined ? { value: '—', style: 'muted' } : { value: r.quarterScore, style: 'num' },
      r.rank === undefined ? { value: '—', style: 'muted' } : { value: r.rank, style: 'num' },
      { value: r.trend === undefined ? '—' : t(`score.trend.${r.trend}`), style: r.trend === 'down' ? 'red' : 'text' },
    ]);
  }
  if (rows.length === 0) out.push([{ value: t('pub.quarterEmpty'), style: 'muted', span: width }]);
  out.push([]);
  out.push([{ value: t('pub.footer', { on: formatDay(publishedOn) }), style: 'muted', span: width }]);
  return {
    name,
    widths: WIDTHS,
    rows: out,
    tables: rows.length > 0 ? [{ row: first, column: 0, rows: rows.length + 1, columns: width }] : [],
    tallRows: [],
  };
}
