/**
 * What a submitted form does, once the router has checked its link, its rate and its fields.
 * A reply is recorded by gas/feedback.ts; the inspector's order is a stub until its part lands.
 */
import type { Translate } from '../../core/i18n';
import type { OrderInput, ReplyInput, SubmitResult } from '../../core/webapp/forms';
import type { LinkClaims } from '../../core/webapp/token';
import { acceptReply } from '../feedback';
import { fileOrder } from './order';
import { storePhotos } from './photos';

/**
 * A unit's reply to one of its matters (claims.role 'unit', claims.subject the unit): recorded by
 * the feedback part (整改反馈, the ledger's 反馈 columns, the 回执 mail), its photos kept in Drive.
 */
export function submitReply(claims: LinkClaims, reply: ReplyInput, now: Date, _t: Translate): SubmitResult {
  return acceptReply(SpreadsheetApp.getActiveSpreadsheet(), claims.subject, reply, now, (key, kind, photos) =>
    storePhotos(key, kind, photos, now),
  );
}

/** An inspector's order filed on site (claims.role 'inspector', claims.subject their 邮箱). */
export function submitOrder(claims: LinkClaims, order: OrderInput, now: Date, t: Translate): SubmitResult {
  return fileOrder(claims, order, now, t);
}
