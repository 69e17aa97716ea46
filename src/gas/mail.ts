/**
 * Mail delivery (MailApp): the day's remaining recipient quota, and one mail sent. Only
 * installable triggers and menu runs may send; a simple trigger (onEdit) never calls this.
 */
import { isEmail } from '../core/text/text';

/** One mail as the jobs send it: plain text and HTML, from the office's sender name. */
export interface OutgoingMail {
  to: string;
  /** Comma-separated; '' for none. */
  cc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  /** 发文机关 (设置). */
  name: string;
  /** 联系邮箱 (设置): where a unit's reply goes; '' for none. */
  replyTo?: string;
}

/** How many recipients MailApp still allows today. */
export function remainingQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

function listOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** Answers go to 设置 → 联系邮箱 when it is an address MailApp accepts; otherwise the mail has no Reply-To. */
export function replyToOf(address: string | undefined): { replyTo?: string } {
  const replyTo = (address ?? '').trim();
  return isEmail(replyTo) ? { replyTo } : {};
}

/**
 * Sends one mail to its valid recipients and returns the ones it left out. MailApp refuses a
 * whole mail ("Invalid email: …") for one recipient it does not accept, so an address the core
 * would not have kept (it should never get here) is dropped, never sent, and named to the
 * caller, who tells the admin; the others still get their mail. Throws what MailApp throws
 * (the caller logs it as 发送失败), and when no valid recipient is left.
 */
export function sendMail(mail: OutgoingMail): string[] {
  const { subject, body, htmlBody, name } = mail;
  const all = [...listOf(mail.to), ...listOf(mail.cc)];
  const dropped = all.filter((a) => !isEmail(a));
  const toList = listOf(mail.to).filter(isEmail);
  const ccList = listOf(mail.cc).filter(isEmail);
  // With every To dropped, the Cc becomes the To: the mail still reaches those it can.
  const [to, cc] = toList.length > 0 ? [toList, ccList] : [ccList, []];
  if (to.length === 0) throw new Error(`Invalid email: ${dropped.join(', ') || '(no recipient)'}`);
  MailApp.sendEmail({
    to: to.join(','),
    ...(cc.length > 0 ? { cc: cc.join(',') } : {}),
    subject,
    body,
    ...(htmlBody !== undefined ? { htmlBody } : {}),
    name,
    ...replyToOf(mail.replyTo),
  });
  return dropped;
}
