/**
 * The mail that tells a unit's people its line of the month's published report (督查通报): a
 * 公文 of the office like every other mail, 主送 the units, signed by the 发文机关 with the date
 * in 年月日 and the contact line; the product's name appears nowhere.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { contactLine, longDay, type Office } from '../notices/official';
import type { UnitScore } from '../scores/month';

/** One unit's line for a reader: its score, rank among `of`, and whether it is on the red or black list. */
export interface ReportLine {
  unit: UnitScore;
  category: string;
  of: number;
  red: boolean;
  black: boolean;
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
  const first = lines[0]!.unit;
  const rank = (u: UnitScore, of: number): string =>
    u.ranked && u.rank !== undefined ? t('pubmail.rank', { rank: u.rank, of }) : t('pubmail.unranked');
  const subject =
    lines.length === 1
      ? t('pubmail.subject', { month, unit: first.unit, score: first.score, rank: rank(first, lines[0]!.of) })
      : t('pubmail.subjectMany', { month, unit: first.unit, count: lines.length });
  const text = lines
    .map((l) =>
      t('pubmail.line', {
        unit: l.unit.unit,
        category: l.category,
        score: l.unit.score,
        rank: rank(l.unit, l.of),
        rate: l.unit.rate === undefined ? '—' : `${Math.round(l.unit.rate * 1000) / 10}%`,
        list: l.red ? t('pubmail.red') : l.black ? t('pubmail.black') : '',
      }),
    )
    .join('\n');
  const body = t('pubmail.body', {
    units: [...new Set(lines.map((l) => l.unit.unit))].join(t('mail.and')),
    month,
    link: ctx.link,
    lines: text,
    contact: contactLine(ctx.office, t).text,
    sender: ctx.office.senderName,
    date: longDay(ctx.today, t),
  });
  return { subject, body };
}
