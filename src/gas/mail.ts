/**
 * Mail delivery (MailApp): the day's remaining recipient quota, and one mail sent. Only
 * installable triggers and menu runs may send; a simple trigger (onEdit) never calls this.
 */

/** One mail as the jobs send it: plain text and HTML, from the office's sender name. */
export interface OutgoingMail {
  to: string;
  /** Comma-separated; '' for none. */
  cc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name: string;
}

/** How many recipients MailApp still allows today. */
export function remainingQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

/** Sends one mail; throws what MailApp throws (the caller logs it as 发送失败). */
export function sendMail(mail: OutgoingMail): void {
  const { to, cc, subject, body, htmlBody, name } = mail;
  MailApp.sendEmail({ to, ...(cc ? { cc } : {}), subject, body, ...(htmlBody !== undefined ? { htmlBody } : {}), name });
}
