/**
 * The mail that tells a unit's people its line of the month's published report (督查通报): a
 * 公文 of the office like every other mail, 主送 the units, signed by the 发文机关 with the date
 * in 年月日 and the contact line; the product's name appears nowhere.
 *
 * Its figures are the month's as published (its 排名历史 row), never the ledger as it is when the
 * mail goes out: a mail the quota held back to the next day says what the sheet says.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { contactLine, longDay, type Office } from '../notices/official';
import type { HistoryRow } from '../scores/history';

/** One unit's line for a reader, as published: its score, rank among `of`, and whether it is on the red or black list. */
export interface ReportLine {
  unit: string;
  category: string;
  score: number;
  /** Undefined when it was not ranked. */
  rank: number | undefined;
  of: number;
  rate: number | undefined;
  red: boolean;
  black: boolean;
}

/** A unit's line from its 排名历史 row. */
export function reportLine(row: HistoryRow): ReportLine {
  return {
    unit: row.unit,
    category: row.category,
    score: row.score,
    rank: row.ranked ? row.rank : undefined,
    of: row.rankedCount,
    rate: row.rate,
    red: row.redList,
    black: row.bottomThree,
  };
}

export interface ReportLetter {
  subject: string;
  body: string;
}

/** The subject and plain-text body of one person's report mail (their units' lines, the link). */
export function composeReportLetter(
  lines: ReportLine[],
  ctx: { t: Translate; month: string; link: string; today: Day; office: Office },
): ReportLetter {
  const { t, month } = ctx;
  const first = lines[0]!;
  const rank = (l: ReportLine): string => (l.rank !== undefined ? t('pubmail.rank', { rank: l.rank, of: l.of }) : t('pubmail.unranked'));
  const subject =
    lines.length === 1
      ? t('pubmail.subject', { month, unit: first.unit, score: first.score, rank: rank(first) })
      : t('pubmail.subjectMany', { month, unit: first.unit, count: lines.length });
  const text = lines
    .map((l) =>
      t('pubmail.line', {
        unit: l.unit,
        category: l.category,
        score: l.score,
        rank: rank(l),
        rate: l.rate === undefined ? '—' : `${Math.round(l.rate * 1000) / 10}%`,
        list: l.red ? t('pubmail.red') : l.black ? t('pubmail.black') : '',
      }),
    )
    .join('\n');
  const body = t('pubmail.body', {
    units: [...new Set(lines.map((l) => l.unit))].join(t('mail.and')),
    month,
    link: ctx.link,
    lines: text,
    contact: contactLine(ctx.office, t).text,
    sender: ctx.office.senderName,
    date: longDay(ctx.today, t),
  });
  return { subject, body };
}
