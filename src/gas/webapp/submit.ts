/**
 * What a submitted form does, once the router has checked its link, its rate and its fields.
 * Stubs until the feedback part (acceptReply) and the pages part (the inspector's order) land:
 * they keep nothing and say so.
 */
import type { Translate } from '../../core/i18n';
import type { OrderInput, ReplyInput, SubmitResult } from '../../core/webapp/forms';
import type { LinkClaims } from '../../core/webapp/token';
import { fileOrder } from './order';

/** A unit's reply to one of its matters (claims.role 'unit', claims.subject the unit). */
export function submitReply(_claims: LinkClaims, _reply: ReplyInput, _now: Date, t: Translate): SubmitResult {
  return { ok: false, message: t('webapp.submit.closed') };
}

/** An inspector's order filed on site (claims.role 'inspector', claims.subject their 邮箱). */
export function submitOrder(claims: LinkClaims, order: OrderInput, now: Date, t: Translate): SubmitResult {
  return fileOrder(claims, order, now, t);
}
