/**
 * Mail that the local MailApp accepted, written out as RFC 5322 .eml files (through nodemailer's
 * MailComposer) so a person can open what the script "sent" in any mail client.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { SentMail } from './model.js';

/** MailComposer passes these on to MimeNode; the typings of Mail.Options omit them. */
type ComposerOptions = Mail.Options & { baseBoundary: string; newline: 'windows' };

function fingerprint(mail: SentMail): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        mail.from,
        mail.name,
        mail.to,
        mail.cc,
        mail.bcc,
        mail.replyTo,
        mail.subject,
        mail.body,
        mail.htmlBody,
        mail.sentAt.toISOString(),
      ]),
    )
    .digest('hex');
}

/** MIME text is canonically CRLF (RFC 2045 6.8); Apps Script bodies usually use LF. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * The message as RFC 5322 text (CRLF line ends). Bcc is kept, as a Sent folder keeps it.
 * The same mail always gives the same bytes: Message-ID and MIME boundaries derive from its content.
 */
export async function emlText(mail: SentMail): Promise<string> {
  const id = fingerprint(mail);
  const options: ComposerOptions = {
    from: mail.name ? { name: mail.name, address: mail.from } : mail.from,
    to: mail.to,
    subject: mail.subject,
    text: crlf(mail.body),
    date: mail.sentAt,
    messageId: `<${id.slice(0, 32)}@duban.local>`,
    baseBoundary: id.slice(32, 48),
    newline: 'windows',
  };
  if (mail.cc) options.cc = mail.cc;
  if (mail.bcc) options.bcc = mail.bcc;
  if (mail.replyTo) options.replyTo = mail.replyTo;
  if (mail.htmlBody !== undefined) options.html = crlf(mail.htmlBody);
  const node = new MailComposer(options).compile();
  node.keepBcc = true;
  const buf = await node.build();
  return buf.toString('utf8');
}

/** A file-name-safe form of a subject: no path or reserved characters, at most 60 characters. */
export function safeSubject(subject: string): string {
  const cleaned = subject
    .replace(/\s+/g, '_')
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '')
    .replace(/^[._]+|[._]+$/g, '');
  const chars = Array.from(cleaned).slice(0, 60).join('');
  return chars === '' ? 'mail' : chars;
}

/**
 * Writes the mail to `dir` as `NNN-<subject>.eml` (NNN is `index`, zero-padded) and returns the path.
 * Writing the same mail again gives the same file; a different mail never overwrites one (a -2, -3 suffix is added).
 */
export async function writeEml(mail: SentMail, dir: string, index: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = await emlText(mail);
  const stem = `${String(index).padStart(3, '0')}-${safeSubject(mail.subject)}`;
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${stem}.eml` : `${stem}-${n}.eml`);
    try {
      await writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
      return path;
    } catch (err) {
      if (!isExists(err)) throw err;
      if ((await readFile(path, 'utf8')) === text) return path;
    }
  }
}

function isExists(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EEXIST';
}
