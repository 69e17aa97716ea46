/**
 * A submission that failed after its checks (Drive refusing the photos, a quota, a sheet that
 * cannot be written): the person on the phone is told in plain words what failed, whether
 * anything was recorded and what to do, never a stack trace; the detail goes to the execution
 * log (Logger, with the stack) and to the admin by mail, at most once an hour so that a Drive
 * outage met by many units does not flood the admin's inbox.
 */

import type { SubmitResult } from '../../core/webapp/forms';
import type { LinkClaims } from '../../core/webapp/token';
import { tellAdmin } from '../admin';
import { emptyResult } from '../result';
import { openWorkbook } from '../workbook';
import { PhotoStoreError } from './photos';

/** One admin mail per this many seconds at most (CacheService), however many submissions fail. */
const ADMIN_MAIL_SECONDS = 3600;
const ADMIN_MAILED = 'duban.webapp.failureMailed';

interface Failure {
  /** The server function that failed (webappSubmitReply / webappSubmitOrder), for the log. */
  call: string;
  claims: LinkClaims;
  /** The office's contact (联系人, 电话, 邮箱) as the refusal page shows it. */
  contact: string[];
  now: Date;
}

export function failedSubmission(err: unknown, f: Failure): SubmitResult {
  const detail = err instanceof Error ? err.message : String(err);
  console.error(`${f.call} (${f.claims.role} ${f.claims.subject}): ${err instanceof Error && err.stack ? err.stack : detail}`);
  const wb = openWorkbook(f.now);
  const { t } = wb;
  tellAdminOnce(f, detail);
  const photos = err instanceof PhotoStoreError;
  const what = t(photos ? 'webapp.failed.photos' : 'webapp.failed.other');
  const contact = f.contact.length > 0 ? t('webapp.failed.contact', { contact: f.contact.join('，') }) : '';
  // A reply stores its photos before any write (gas/feedback.ts): a photo failure there records nothing.
  const nothingKept = photos && f.claims.role === 'unit';
  return { ok: false, message: t(nothingKept ? 'webapp.failed.nothingKept' : 'webapp.failed.unsure', { what, contact }) };
}

function tellAdminOnce(f: Failure, detail: string): void {
  try {
    const cache = CacheService.getScriptCache();
    if (cache.get(ADMIN_MAILED)) return;
    cache.put(ADMIN_MAILED, '1', ADMIN_MAIL_SECONDS);
    const wb = openWorkbook(f.now);
    const who = f.claims.subject;
    const time = Utilities.formatDate(f.now, wb.clock.timeZone, 'yyyy-MM-dd HH:mm');
    const body = wb.t('webapp.failed.adminBody', { time, who, call: f.call, detail, hours: ADMIN_MAIL_SECONDS / 3600 });
    tellAdmin(wb, emptyResult('webapp'), wb.t('webapp.failed.adminSubject', { who }), body);
  } catch (err) {
    // The person's answer matters more than the admin's mail: the log keeps it.
    console.error(`${f.call}: the admin could not be told: ${err instanceof Error ? err.message : String(err)}`);
  }
}
