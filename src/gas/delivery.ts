/**
 * The one way Duban delivers a mail (digests and reminders, the admin's summary, the monthly
 * report mails): claimed in 督办记录 (待发送) before anything goes out, marked 发送中, the sheet
 * flushed, sent, then confirmed (已发送; 试运行: 测试; 发送失败 with MailApp's error).
 *
 * Why the flush: Apps Script bundles a script's sheet writes and applies them at a flush, a read
 * or the end of the run ("flush() applies all pending Spreadsheet changes", SpreadsheetApp
 * reference). A run killed after a send but before its writes were applied would lose the claim
 * and the next run would send the mail again. Flushed before each send, the row says 发送中
 * whatever happens next: the next run reports it as 未确认 and never resends it blindly.
 *
 * The order under the quota and the time limit is the core's (notices/sending.ts); the mails
 * themselves are composed in core; this module only writes the log and calls MailApp.
 */

import type { LogEntry } from '../core/notices/log';
import type { MailKind } from '../core/notices/mail-kind';
import { admit, mailCost, openBudget, type SendingBudget, spend } from '../core/notices/sending';
import type { ComposedMail } from '../core/notices/types';
import { remainingQuota, sendMail } from './mail';
import { append, type LogBook, noteOutcome, writeOutcomes } from './notice-log';
import type { JobResult } from './result';
import { scheduleContinuation } from './triggers';
import type { Workbook } from './workbook';

/** One mail to deliver and the log rows (claimed) it confirms. */
export interface Parcel {
  /** The mail as it goes to its recipients. */
  mail: Omit<ComposedMail, 'htmlBody'> & { htmlBody?: string };
  /** Its copies (分管领导 …); '' none. */
  cc: string[];
  /** The claimed rows of 督办记录 this mail answers for (0-based). */
  rows: number[];
  /** The address each row is for (to mark the rows of a dropped address 发送失败), in the order of rows; absent: the mail's. */
  rowTo?: string[];
  /** What a dry run (试运行) sends to the admin instead (composed in core); absent: the mail is the admin's own and goes as it is, 已发送. */
  dryRun?: () => Omit<ComposedMail, 'htmlBody'> & { htmlBody?: string };
}

/** What became of a parcel. */
export type Delivered =
  | { status: 'sent'; to: string; cc: string; subject: string; dropped: string[] }
  | { status: 'failed'; detail: string }
  /** 试运行 with no admin address: nothing sent, the rows say 测试. */
  | { status: 'noAdmin' }
  | { status: 'quota' }
  | { status: 'timeLimit' };

/** Claims new rows in the log (待发送, or as the entries say), one write, kept in the book. */
export function claim(wb: Workbook, book: LogBook, entries: LogEntry[]): void {
  for (const entry of entries) book.kept.set(entry.index, entry);
  append(wb, book.sheet, entries);
}

/** How a run sends: whether the summary's recipient is kept back, and when the job began (for its time budget). */
export interface Sending {
  keepForSummary: boolean;
  /** Date.now() when the job began; absent: the job has no time budget of its own. */
  started?: number;
}

/**
 * Delivers the parcels in order (most urgent first) under the quota and the time budget: what
 * does not fit the quota is 延后 (it goes first next run); what the time limit stops stays
 * 待发送 for the continuation scheduled here. Returns what became of each parcel, in order.
 */
export function deliverAll(wb: Workbook, book: LogBook, parcels: Parcel[], how: Sending): Delivered[] {
  const { settings, t } = wb;
  let budget: SendingBudget = openBudget(remainingQuota(), how.keepForSummary);
  const out: Delivered[] = [];
  try {
    for (const parcel of parcels) {
      const cost = mailCost(parcel.mail.to, parcel.cc, settings.dryRun && parcel.dryRun !== undefined);
      const admitted = admit(budget, cost, how.started === undefined ? 0 : Date.now() - how.started);
      budget = admitted.budget;
      if (admitted.verdict === 'quota') noteOutcome(book, parcel.rows, 'deferred', t('notice.quota'));
      if (admitted.verdict !== 'send') {
        out.push({ status: admitted.verdict });
        continue;
      }
      const delivered = sendOne(wb, book, parcel);
      if (delivered.status === 'sent') budget = spend(budget, cost);
      out.push(delivered);
    }
  } finally {
    // The last mail's 已发送 and every 延后 row of the day: one write (or a few, when not adjacent).
    writeOutcomes(wb, book);
  }
  if (budget.stopped) scheduleContinuation();
  return out;
}

/**
 * One parcel: its rows 发送中 and the sheet flushed, the mail sent (a dry run: to the admin),
 * the rows confirmed 已发送 (试运行: 测试), or 发送失败 with MailApp's error. A row whose address
 * MailApp would refuse (dropped from the mail) is 发送失败 on its own; the others were sent.
 */
export function deliverOne(wb: Workbook, book: LogBook, parcel: Parcel): Delivered {
  try {
    return sendOne(wb, book, parcel);
  } finally {
    writeOutcomes(wb, book);
  }
}

/**
 * deliverOne, its confirmation left in the book: written with the next mail's 发送中 (one
 * write for both), or by the caller's writeOutcomes. A run killed before that write leaves the
 * rows 发送中, as a kill right after the send always did: reported 未确认, never resent.
 */
function sendOne(wb: Workbook, book: LogBook, parcel: Parcel): Delivered {
  const { t, settings } = wb;
  const { rows } = parcel;
  const dryRun = settings.dryRun && parcel.dryRun !== undefined;
  if (dryRun && !settings.adminEmail) {
    noteOutcome(book, rows, 'test', t('notice.dryRunNoAdmin'));
    return { status: 'noAdmin' };
  }
  const to = dryRun ? settings.adminEmail : parcel.mail.to;
  const cc = dryRun ? '' : parcel.cc.join(',');
  const mail = dryRun && parcel.dryRun ? parcel.dryRun() : parcel.mail;
  // Rows claimed as 发送中 already (the summary's) need no second write.
  const toMark = rows.filter((r) => book.kept.get(r)?.outcome !== 'sending');
  noteOutcome(book, toMark, 'sending');
  // With the previous mail's 已发送 beside it, one write; the claim and 发送中 are on the sheet
  // before the mail leaves: a run killed after the send cannot lose them.
  writeOutcomes(wb, book);
  SpreadsheetApp.flush();
  let dropped: string[];
  try {
    dropped = sendMail({
      to,
      cc,
      subject: mail.subject,
      body: mail.body,
      htmlBody: mail.htmlBody,
      name: settings.senderName,
      replyTo: settings.contactEmail,
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    noteOutcome(book, rows, 'failed', detail);
    return { status: 'failed', detail };
  }
  const rowTo = parcel.rowTo ?? rows.map(() => parcel.mail.to);
  const isDropped = (i: number): boolean => dropped.some((a) => a.toLowerCase() === rowTo[i]!.toLowerCase());
  const failedRows = dryRun ? [] : rows.filter((_, i) => isDropped(i));
  const sentRows = rows.filter((r) => !failedRows.includes(r));
  if (failedRows.length > 0) noteOutcome(book, failedRows, 'failed', t('notice.badAddress', { to: dropped.join('、') }));
  noteOutcome(book, sentRows, dryRun ? 'test' : 'sent');
  return { status: 'sent', to, cc, subject: mail.subject, dropped };
}

/**
 * A mail to the admin about a job that failed, unlogged: the job may have failed before the log
 * sheet could be opened (or because of it), and writing into it then could make things worse;
 * a repeated failure mail tells the admin nothing wrong, unlike a repeated notice. Same flush
 * first (what the job did write is applied before the mail says so), same quota, and a failure
 * to send is a warning of the job, never a second exception.
 */
export function deliverUnlogged(wb: Workbook, result: JobResult, mail: { kind: MailKind; subject: string; body: string }): void {
  const to = wb.settings.adminEmail;
  if (!to) return;
  const admitted = admit(openBudget(remainingQuota(), false), 1);
  if (admitted.verdict !== 'send') {
    result.warnings.push(wb.t('notice.quota'));
    return;
  }
  SpreadsheetApp.flush();
  try {
    sendMail({ to, subject: mail.subject, body: mail.body, name: wb.settings.senderName, replyTo: wb.settings.contactEmail });
    result.mails.push({ kind: mail.kind, to, subject: mail.subject });
  } catch (err) {
    result.warnings.push(err instanceof Error ? err.message : String(err));
  }
}
