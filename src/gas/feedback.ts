/**
 * PLACEHOLDER (issue 16: reply, so the reply page can be tried before the feedback part lands).
 * The lead replaces this whole file at merge with the feedback branch's src/gas/feedback.ts,
 * whose acceptReply has this signature. It records nothing: it keeps the photos and answers a
 * test receipt.
 */
import type { Translate } from '../core/i18n';
import type { PhotoUpload, ReplyInput, SubmitResult } from '../core/webapp/forms';
import type { PhotoKind } from '../core/webapp/photo-names';

export type PhotoStore = (key: string, kind: PhotoKind, photos: PhotoUpload[], now: Date) => string[];

export function acceptReply(
  _ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  _unit: string,
  reply: ReplyInput,
  now: Date,
  store: PhotoStore,
  t?: Translate,
): SubmitResult {
  store(reply.key, 'before', reply.photosBefore, now);
  store(reply.key, 'after', reply.photosAfter, now);
  return { ok: true, receipt: 'TEST', message: t ? t('reply.received', { receipt: 'TEST' }) : 'TEST' };
}
