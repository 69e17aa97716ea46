import type { MailKind } from '../core/notices/mail-kind';

/** What a job reports: to the menu (a toast), to the log, and to the local runner's run.json. */
export interface JobResult {
  job: string;
  ok: boolean;
  /** One sentence for a person. */
  message: string;
  counts: Record<string, number>;
  /** Each problem found, located: "《任务台账》F7 (整改时限): …". */
  warnings: string[];
  /** Mails sent by the job, for the record: kind, recipient, subject, and for notices their numbers and highest level. */
  mails: SentRecord[];
  /** The sheet a publication wrote. */
  sheet?: string;
  /** A month's publication: its 红榜 and 黑榜, each unit with its 上榜理由 (run.json `lists`). */
  lists?: { red: { unit: string; reason: string }[]; black: { unit: string; reason: string }[] };
  /** The month's 问题清单 sheet, the 附件 of its 通报 (issue 15). */
  attachment?: string;
  /** What a preview would send (nothing is sent): the composed mails. */
  preview?: {
    kind: MailKind;
    to: string;
    cc?: string;
    name?: string;
    replyTo?: string;
    subject: string;
    body: string;
    htmlBody: string;
    numbers: string[];
    level: string;
  }[];
}

export interface SentRecord {
  /** What the mail is, as the job composed it (run.json mails[].kind). */
  kind: MailKind;
  to: string;
  cc?: string;
  subject: string;
  numbers?: string[];
  level?: string;
  /** A notice digest's 整改限期, ISO (run.json mails[].replyBy). */
  replyBy?: string;
}

export function emptyResult(job: string): JobResult {
  return { job, ok: true, message: '', counts: {}, warnings: [], mails: [] };
}

/** The job stops here, and says why in one sentence. */
export function failed(result: JobResult, message: string): JobResult {
  result.ok = false;
  result.message = message;
  return result;
}
