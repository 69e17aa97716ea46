/**
 * The 通报's last three sections (issue 15): 三、存在问题 names every matter overdue at month end
 * with who answers for it (谁丢分谁担责), by 问题类别 when the ledger has one; 四、通报批评和约谈情况
 * with their 文号, and the sanctions as the office requests them (提请市文明委…, the wording of
 * 设置); 五、下一步要求: the 黑榜 units' 整改报告 by a date, the 问题清单 to work through.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { longDay } from '../notices/official';
import { monthLabel, type Sanction } from '../scores/history';
import type { MonthScores } from '../scores/month';
import type { Ranking } from '../scores/ranking';
import type { BulletinOffice } from './bulletin-frame';
import type { Page } from './page';
import { type OpenMatter, unitsOf } from './problem-list';

const ordinal = (n: number, t: Translate): string => t(`pub.ordinal.${Math.min(n, 10)}` as 'pub.ordinal.1');

/**
 * A 通报 names every overdue matter while they fit on a page or two; beyond that it is a report no
 * one reads (35,000 rows at 50,000 tasks), so each 问题类别 lists its most overdue few with its
 * count, and the 附件 问题清单, which carries every matter, is named for the rest.
 */
export const LIST_ALL_UP_TO = 30;
export const LISTED_PER_KIND = 10;

/** 三、存在问题: the overdue matters, numbered, grouped by 问题类别 when any has one; only the most overdue of each when many. */
export function problemsSection(page: Page, p: { matters: readonly OpenMatter[]; asOf: Day; attachment: string; t: Translate }): void {
  const { t } = p;
  page.wide(t('bul.h.problems'), 'h1');
  const overdue = p.matters.filter((m) => m.overdueDays > 0);
  if (overdue.length === 0) {
    page.paragraph(t('bul.noProblems', { date: longDay(p.asOf, t) }));
    page.gap();
    return;
  }
  const capped = overdue.length > LIST_ALL_UP_TO;
  const date = longDay(p.asOf, t);
  page.paragraph(
    capped
      ? t('bul.problemsLeadCapped', { date, count: overdue.length, listed: LISTED_PER_KIND, attachment: p.attachment })
      : t('bul.problemsLead', { date, count: overdue.length }),
  );
  const grouped = overdue.some((m) => m.problemKind !== undefined);
  const kindOf = (m: OpenMatter): string => m.problemKind ?? t('bul.kindOther');
  const groups = new Map<string, OpenMatter[]>();
  for (const m of overdue) {
    const kind = grouped ? kindOf(m) : '';
    const group = groups.get(kind);
    if (group) group.push(m);
    else groups.set(kind, [m]);
  }
  let n = 0;
  [...groups].forEach(([kind, group], i) => {
    if (grouped) page.wide(t('bul.kindHeading', { n: ordinal(i + 1, t), kind, count: group.length }), 'h2');
    // The most overdue first (a stable sort keeps the ledger's order among equals).
    const listed = capped ? [...group].sort((a, b) => b.overdueDays - a.overdueDays).slice(0, LISTED_PER_KIND) : group;
    for (const m of listed) page.paragraph(problemLine(m, ++n, t));
    if (group.length > listed.length)
      page.paragraph(t('bul.problemsMore', { rest: group.length - listed.length, attachment: p.attachment }));
  });
  page.gap();
}

/** 1. 背街小巷垃圾堆积（点位：…；责任单位：…；责任人：…；责任领导：…），逾期10个工作日。 */
function problemLine(m: OpenMatter, n: number, t: Translate): string {
  const who = [
    m.place !== '' ? t('bul.who.place', { place: m.place }) : '',
    t('bul.who.unit', { unit: unitsOf(m, t) }),
    m.person ? t('bul.who.person', { person: m.person }) : '',
    m.leader ? t('bul.who.leader', { leader: m.leader }) : '',
  ].filter((x) => x !== '');
  return t('bul.problemLine', { n, task: m.task, who: who.join(t('bul.partSep')), late: m.overdue });
}

/** 四、通报批评和约谈情况: each named unit and task with its 文号 and date; then the sanctions requested. */
export function namedSection(page: Page, p: { scores: MonthScores; sanctions: Sanction[]; office: BulletinOffice; t: Translate }): void {
  const { t } = p;
  const named = p.scores.named;
  page.wide(t('bul.h.named'), 'h1');
  if (named.length === 0) page.wide(t('bul.noNamed'), 'para');
  else namedTable(page, named, t);
  if (p.sanctions.length === 0) page.wide(t('pub.noSanctions'), 'muted');
  else sanctionTable(page, p.sanctions, p.office, t);
  page.gap();
}

/** 级别 A, 单位 B, 任务 C–G (merged), 文号 H–I (merged, with the date in 年月日). */
function namedTable(page: Page, named: MonthScores['named'], t: Translate): void {
  page.table(
    [t('pub.col.level'), t('pub.col.unit'), t('pub.col.task'), undefined, undefined, undefined, undefined, t('pub.col.number'), undefined],
    named.map((n) => [
      {
        value:
          n.level !== 'interview'
            ? t('level.criticism')
            : n.heldOn === undefined
              ? t('level.interview')
              : t('pub.interviewHeld', { level: t('level.interview'), date: longDay(n.heldOn, t) }),
        style: n.level === 'interview' ? 'black' : 'text',
      },
      { value: n.unit, style: 'text' },
      { value: n.task || n.key, style: 'text' },
      undefined,
      undefined,
      undefined,
      undefined,
      // A 通报批评 held for the bulletin (随月度通报) has no 文号: this bulletin is its 通报.
      { value: n.held ? t('pub.heldForBulletin') : t('bul.numberOn', { number: n.number, date: longDay(n.day, t) }), style: 'text' },
      undefined,
    ]),
    [
      { column: 2, columns: 5 },
      { column: 7, columns: 2 },
    ],
  );
}

/** The sanctions, requested in 设置's words: 单位 A–B, 类别 C–D, 连续后三位 E–F, 处理建议 G–I (merged). */
function sanctionTable(page: Page, sanctions: Sanction[], office: BulletinOffice, t: Translate): void {
  page.paragraph(t('bul.sanctionsLead'));
  page.table(
    [
      t('pub.col.unit'),
      undefined,
      t('pub.col.category'),
      undefined,
      t('pub.col.streak'),
      undefined,
      t('bul.col.sanction'),
      undefined,
      undefined,
    ],
    sanctions.map((x) => [
      { value: x.unit, style: 'text' },
      undefined,
      { value: x.category, style: 'text' },
      undefined,
      { value: x.streak, style: 'num' },
      undefined,
      { value: sanctionText(x, office, t), style: x.kind === 'revokeTitle' ? 'black' : 'text' },
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

/** 市林业局2026年10月、2026年11月连续排名后三位，提请市文明委停发其单位文明奖六个月（2026年12月至2027年5月）. */
export function sanctionText(x: Sanction, office: BulletinOffice, t: Translate): string {
  const months = x.months.map((m) => monthLabel(m, t)).join(t('score.monthSep'));
  const wording = office.sanctionWording.trim();
  return x.kind === 'revokeTitle'
    ? t('bul.sanction.revoke', { unit: x.unit, months, wording })
    : t('bul.sanction.suspend', { unit: x.unit, months, wording, from: monthLabel(x.from ?? '', t), to: monthLabel(x.to ?? '', t) });
}

/** 五、下一步要求: the 黑榜 units' 整改报告 by a date; the 问题清单 to work through; keeping it fixed. */
export function nextSteps(
  page: Page,
  p: { ranking: Ranking; matters: readonly OpenMatter[]; office: BulletinOffice; reportBy: Day | undefined; t: Translate },
): void {
  const { t } = p;
  page.wide(t('bul.h.next'), 'h1');
  const black = p.ranking.categories.flatMap((c) => c.black.map((u) => u.unit));
  const items: string[] = [];
  if (black.length > 0) {
    const units = black.join(t('bul.listSep'));
    items.push(
      p.reportBy === undefined
        ? t('bul.next.reportSoon', { units, office: p.office.senderName })
        : t('bul.next.report', { units, date: longDay(p.reportBy, t), office: p.office.senderName }),
    );
  }
  if (p.matters.length > 0) items.push(t('bul.next.list'));
  items.push(t('bul.next.keep'));
  items.forEach((text, i) => {
    page.paragraph(t('bul.next.item', { n: ordinal(i + 1, t), text }));
  });
}
