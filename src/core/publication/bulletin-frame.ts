/**
 * What makes the month's page the office's 督查通报 rather than a report: its head (title, 期号,
 * 发文机关 and 成文日期 in 年月日, the subject line, 主送, the opening), and its end (附件, 落款,
 * 抄送). The office's words come from 设置; no line names the software.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { longDay } from '../notices/official';
import type { Settings } from '../settings/settings';
import { monthDay, type Page } from './page';

/** What the 通报 needs of 设置: Settings satisfies it as it is. */
export type BulletinOffice = Pick<Settings, 'senderName' | 'bulletinTo' | 'bulletinCc' | 'sanctionWording'>;

/**
 * 期号: the month's place among the months of its year already published (in 排名历史 or as a
 * sheet), counting itself; publishing a month again keeps its number.
 */
export function issueNumber(month: string, published: Iterable<string>): number {
  const year = month.slice(0, 4);
  const before = new Set([...published].filter((m) => /^\d{4}-\d{2}$/.test(m) && m.startsWith(year) && m < month));
  return before.size + 1;
}

/** Title, 期号, 发文机关 | 成文日期, the subject line, 主送 and the opening sentence. */
export function bulletinHead(
  page: Page,
  p: { label: string; issue: number; office: BulletinOffice; publishedOn: Day; first: Day; last: Day; t: Translate },
): void {
  const { t, office } = p;
  page.wide(t('bul.title'), 'title');
  page.wide(t('bul.issue', { n: p.issue }), 'subtitle');
  const left = Math.ceil(page.columns / 2);
  page.line([
    { value: office.senderName, style: 'text', span: left },
    ...Array<undefined>(left - 1).fill(undefined),
    { value: longDay(p.publishedOn, t), style: 'right', span: page.columns - left },
  ]);
  page.gap();
  page.paragraph(t('bul.heading', { month: p.label }), 'heading');
  page.gap();
  page.wide(t('bul.to', { to: office.bulletinTo }), 'para');
  page.paragraph(t('bul.lead', { office: office.senderName, from: longDay(p.first, t), to: monthDay(p.last, t) }));
}

/** 附件, then the 落款 (发文机关 over 成文日期, to the right), then 抄送 when 设置 names any. */
export function bulletinEnd(page: Page, p: { attachment: string; office: BulletinOffice; publishedOn: Day; t: Translate }): void {
  const { t, office } = p;
  page.gap();
  page.wide(t('bul.attachment', { name: p.attachment }), 'para');
  page.gap();
  page.gap();
  page.wide(office.senderName, 'right');
  page.wide(longDay(p.publishedOn, t), 'right');
  const cc = office.bulletinCc.trim().replace(/[。.]$/, '');
  if (cc === '' || /^(无|none|-|—)$/i.test(cc)) return;
  page.gap();
  page.paragraph(t('bul.cc', { cc }));
}
