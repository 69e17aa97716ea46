/**
 * What kind of mail Duban sent (run.json `mails[].kind`), decided where the mail is composed,
 * never guessed from its subject. The contract of issue 14: 整改通知 (notice), 临期提醒 (reminder),
 * 通报 (circular), 约谈通知 (interview), 退回通知 (return), the admin's daily summary (summary),
 * the monthly report mails (report); and alert, the mail telling the admin a job could not run,
 * which is none of those (it is not the day's summary); and receipt, the 回执 of a unit's reply (issue 16); inspectorLink, an inspector's link to the 当场下单 page.
 */
import type { NoticeLevel } from './types';

export const MAIL_KINDS = [
  'notice',
  'reminder',
  'circular',
  'interview',
  'return',
  'summary',
  'report',
  'alert',
  'receipt',
  'inspectorLink',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * A unit's digest: a reminder when it holds only 临期提醒, else a notice (its highest level 督办,
 * 通报批评 or 约谈: all are 整改通知 to the unit today; the 通报 and the 约谈通知 are documents of their own).
 */
export function digestKind(level: NoticeLevel): MailKind {
  return level === 'reminder' ? 'reminder' : 'notice';
}
