/**
 * The day's digests (督办通知) composed as mails: one per recipient and level, most urgent
 * first, each task linked to its row in the task sheet. The sweep sends them; the preview
 * shows them.
 */
import { formatDay } from '../core/calendar/day';
import { composeDigest, highestLevel, statedReplyBy } from '../core/notices/digest';
import { type Delivery, groupDigests, type NoticePlan } from '../core/notices/plan';
import type { Relapse } from '../core/notices/relapse';
import type { ComposedMail, NoticeLevel } from '../core/notices/types';
import { noticeLinks } from './webapp/links';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The link to a task's row in the sheet, for the mails. */
export function rowLinker(wb: Workbook, sheet: Sheet): (row: number) => string {
  const base = `${wb.ss.getUrl()}#gid=${sheet.getSheetId()}`;
  return (row) => `${base}&range=A${row}`;
}

/** A digest as composed: the mail, its cc, the deliveries it carries, its highest level and notice numbers. */
export interface Composed {
  mail: ComposedMail;
  cc: string[];
  deliveries: Delivery[];
  level: NoticeLevel;
  numbers: string[];
  /** The 整改限期 the mail states (ISO), for run.json. */
  replyBy?: string;
  /** A reopened task's relapse (反弹), by key, as the mail states it. */
  relapseOf?: (key: string) => Relapse | undefined;
}

/** The day's digests, composed, most urgent first. */
export function composeAll(wb: Workbook, sheet: Sheet, plan: NoticePlan, relapseOf?: (key: string) => Relapse | undefined): Composed[] {
  const rowLink = rowLinker(wb, sheet);
  // The web app's address is asked once for the day's digests, not once per digest.
  const links = noticeLinks(new Date());
  return groupDigests(plan.deliveries).map(({ plan: digest, cc, deliveries }) => {
    const mail = composeDigest(digest, {
      t: wb.t,
      today: wb.clock.today,
      office: wb.settings,
      rowLink,
      ...(relapseOf ? { relapseOf } : {}),
      ...links,
    });
    const level = highestLevel(deliveries.map((d) => d.notice));
    const numbers = [...new Set(deliveries.map((d) => d.notice.number).filter((n) => n !== ''))];
    const replyBy = statedReplyBy(digest.sections);
    return {
      mail,
      cc,
      deliveries,
      level,
      numbers,
      ...(replyBy === undefined ? {} : { replyBy: formatDay(replyBy) }),
      ...(relapseOf ? { relapseOf } : {}),
    };
  });
}

/** A digest recomposed for a dry run (试运行): to the admin, saying whom it would have gone to. */
export function dryRunDigest(wb: Workbook, sheet: Sheet, digest: Composed): ComposedMail {
  return composeDigest(groupDigests(digest.deliveries)[0]!.plan, {
    t: wb.t,
    today: wb.clock.today,
    office: wb.settings,
    rowLink: rowLinker(wb, sheet),
    dryRunFor: [...digest.mail.to.split(','), ...digest.cc],
    ...noticeLinks(new Date()),
    ...(digest.relapseOf ? { relapseOf: digest.relapseOf } : {}),
  });
}
