/**
 * MailApp: sends nothing; keeps what the script sent in the runtime's outbox.
 *
 * https://developers.google.com/apps-script/reference/mail/mail-app
 * Quota: https://developers.google.com/apps-script/guides/services/quotas (email recipients per
 * day: 100 on a consumer account, 1,500 on Workspace; every to/cc/bcc address counts; the
 * quota resets 24 hours after the first request; at most 50 recipients and a 200 KB body per
 * message). The error texts are the ones Apps Script throws, as scripts in the wild match them.
 *
 * The body size: Google states "Email body size 200 KB / msg" without saying whether the plain
 * `body` and the `htmlBody` (both alternatives of the one message) count together. This runtime
 * counts them together, in UTF-8 bytes, against 200 × 1024: the stricter reading, so a mail that
 * goes out here goes out in Apps Script under either reading. The subject's 250 characters is
 * what Apps Script enforces ("Argument too large: subject"), not on the quota page.
 */
import type { SentMail } from '../model.js';
import type { ServiceEnv } from '../sandbox.js';

/** The scope a send needs; simple triggers run without it. */
export const SEND_MAIL_SCOPE = 'https://www.googleapis.com/auth/script.send_mail';

const DAY_MS = 24 * 60 * 60 * 1000;
/** MailApp rejects subjects over 250 characters. */
const MAX_SUBJECT = 250;
const MAX_RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;
// Deliberately loose, like Google's own check: one @, no spaces, a dot in the domain.
const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface MailState {
  readonly outbox: SentMail[];
  /** Recipients still allowed in the current 24-hour window. */
  remaining: number;
  readonly dailyQuota: number;
  /** When the current quota window opened (first send after the last reset), ms; undefined before any send. */
  windowStart?: number;
}

export function newMailState(dailyQuota: number): MailState {
  return { outbox: [], remaining: dailyQuota, dailyQuota };
}

interface MailMessage {
  to: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  name?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  noReply?: boolean;
}

function optionalString(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function fromObject(o: Record<string, unknown>): MailMessage {
  return {
    to: optionalString(o.to) ?? '',
    cc: optionalString(o.cc),
    bcc: optionalString(o.bcc),
    replyTo: optionalString(o.replyTo),
    name: optionalString(o.name),
    subject: optionalString(o.subject) ?? '',
    body: optionalString(o.body) ?? '',
    htmlBody: optionalString(o.htmlBody),
    noReply: o.noReply === true,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Splits a comma-separated recipient list as MailApp does; blanks are dropped. */
export function splitAddresses(list: string | undefined): string[] {
  if (!list) return [];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function createMailApp(env: ServiceEnv, state: MailState): object {
  const rollWindow = (): void => {
    const now = env.clock.nowMs();
    if (state.windowStart !== undefined && now - state.windowStart >= DAY_MS) {
      state.windowStart = undefined;
      state.remaining = state.dailyQuota;
    }
  };

  const send = (message: MailMessage): void => {
    const recipients = [...splitAddresses(message.to), ...splitAddresses(message.cc), ...splitAddresses(message.bcc)];
    for (const address of recipients) {
      if (!EMAIL_RE.test(address)) throw env.error(`Invalid email: ${address}`);
    }
    if (recipients.length === 0) throw env.error('Failed to send email: no recipient');
    if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) throw env.error('Limit Exceeded: Email Recipients Per Message.');
    if (message.subject.length > MAX_SUBJECT) throw env.error('Argument too large: subject');
    const bodyBytes = Buffer.byteLength(message.body, 'utf8') + Buffer.byteLength(message.htmlBody ?? '', 'utf8');
    if (bodyBytes > MAX_BODY_BYTES) throw env.error('Limit Exceeded: Email Body Size.');
    rollWindow();
    if (recipients.length > state.remaining) throw env.error('Service invoked too many times for one day: email.');
    state.windowStart ??= env.clock.nowMs();
    state.remaining -= recipients.length;
    const mail: SentMail = {
      to: splitAddresses(message.to).join(', '),
      from: message.noReply ? `noreply@${env.userEmail.split('@')[1] ?? 'example.org'}` : env.userEmail,
      subject: message.subject,
      body: message.body,
      sentAt: env.clock.now(),
    };
    if (message.cc) mail.cc = splitAddresses(message.cc).join(', ');
    if (message.bcc) mail.bcc = splitAddresses(message.bcc).join(', ');
    if (message.replyTo) mail.replyTo = message.replyTo;
    if (message.name) mail.name = message.name;
    if (message.htmlBody !== undefined) mail.htmlBody = message.htmlBody;
    state.outbox.push(mail);
  };

  return {
    sendEmail(...args: unknown[]): void {
      env.enter('MailApp.sendEmail');
      env.requireAuth('MailApp.sendEmail', SEND_MAIL_SCOPE);
      const [a, b, c, d] = args;
      if (args.length === 1 && isRecord(a)) {
        send(fromObject(a));
      } else if (args.length === 4 && typeof d === 'string') {
        // sendEmail(to, replyTo, subject, body)
        send({ to: String(a), replyTo: String(b), subject: String(c), body: d });
      } else if (args.length === 3 || args.length === 4) {
        const options = isRecord(d) ? fromObject(d) : undefined;
        send({ ...(options ?? {}), to: String(a), subject: String(b), body: String(c) });
      } else {
        throw env.error(`The parameters (${env.signature(args)}) don't match the method signature for MailApp.sendEmail.`);
      }
    },
    getRemainingDailyQuota(): number {
      env.enter('MailApp.getRemainingDailyQuota');
      rollWindow();
      return state.remaining;
    },
  };
}
