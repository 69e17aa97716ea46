/**
 * Whether a unit's reply can be recorded (issue 16, 全程跟进), decided before anything is written
 * or stored: the fields within their limits, the photos JPEG or PNG by their own bytes (never by
 * what the page says they are) and under the size limit, and the matter that unit's to answer.
 *
 * Only the lead unit (牵头单位, 谁主管、谁负责) answers for a matter: a 配合单位 reports to the
 * lead, as the notices tell it, so that one matter has one reply and one verification. A matter
 * closed, 待验收 or 通过 takes no reply (a second reply while 待验收 would overwrite the one the
 * verifier is looking at); after 退回 a new reply is what the 退回通知 asks for.
 */
import { type Day, dayFromYmd, formatDay, isValidYmd } from '../calendar/day';
import { matchUnit, type Unit } from '../directory/units';
import type { MessageKey, Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { PhotoUpload, ReplyInput } from '../webapp/forms';
import type { FeedbackRow } from './feedback-sheet';
import type { ReplyState } from './reply-state';

/** The limits a reply is held to, on the server whatever the page allowed. */
export const REPLY_LIMITS = {
  key: 40,
  measures: 1000,
  person: 50,
  photosAfter: 6,
  photosBefore: 6,
  /** Per photo, decoded (the page compresses to well under this). */
  photoKb: 3072,
} as const;

export type Decision = { ok: true } | { ok: false; message: string };

/** What a file's first bytes say it is, from its base64 (JPEG FF D8 FF → "/9j/", PNG 89 50 4E 47 → "iVBORw0KGgo"). */
export function imageKind(base64: string): 'image/jpeg' | 'image/png' | undefined {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  return undefined;
}

/** Bytes a base64 text decodes to. */
function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function checkPhotos(photos: readonly PhotoUpload[], max: number, t: Translate): string | undefined {
  if (photos.length > max) return t('feedback.refuse.tooManyPhotos', { max, count: photos.length });
  for (const p of photos) {
    const name = String(p?.name ?? '').slice(0, 80);
    const data = typeof p?.base64 === 'string' ? p.base64 : '';
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data) || imageKind(data) === undefined) return t('feedback.refuse.badPhoto', { name });
    if (decodedBytes(data) > REPLY_LIMITS.photoKb * 1024) return t('feedback.refuse.bigPhoto', { name, max: REPLY_LIMITS.photoKb });
  }
  return undefined;
}

function checkText(text: unknown, field: MessageKey, max: number, t: Translate): string | undefined {
  const value = typeof text === 'string' ? text.trim() : '';
  if (value === '') return t('feedback.refuse.empty', { field: t(field) });
  const length = [...value].length;
  if (length > max) return t('feedback.refuse.tooLong', { field: t(field), max, length });
  return undefined;
}

/** The day 完成日期 names: YYYY-MM-DD, a real day, not after today. */
export function doneDay(text: unknown, today: Day): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return day <= today ? day : undefined;
}

/** The form itself: every field present and within its limit, the photos what they claim to be. */
export function checkReply(reply: ReplyInput, today: Day, t: Translate): Decision {
  const wrong =
    checkText(reply?.key, 'fbcol.key', REPLY_LIMITS.key, t) ??
    checkText(reply.measures, 'fbcol.measures', REPLY_LIMITS.measures, t) ??
    checkText(reply.person, 'fbcol.person', REPLY_LIMITS.person, t) ??
    (doneDay(reply.doneDate, today) === undefined
      ? t('feedback.refuse.badDate', { text: String(reply.doneDate ?? '').slice(0, 20) })
      : undefined) ??
    (!Array.isArray(reply.photosAfter) || reply.photosAfter.length === 0 ? t('feedback.refuse.noPhoto') : undefined) ??
    checkPhotos(reply.photosAfter, REPLY_LIMITS.photosAfter, t) ??
    checkPhotos(Array.isArray(reply.photosBefore) ? reply.photosBefore : [], REPLY_LIMITS.photosBefore, t);
  return wrong === undefined ? { ok: true } : { ok: false, message: wrong };
}

/** What the ledger and 整改反馈 say of the matter the reply is for. */
export interface MatterNow {
  task: TaskRow | undefined;
  replyState: ReplyState | undefined;
  /** The matter's latest reply in 整改反馈, if any. */
  lastReply: FeedbackRow | undefined;
}

/** Whether `unit` may answer this matter now (the form already checked). */
export function mayReply(unit: string, key: string, now: MatterNow, units: Unit[], t: Translate, toDay: (d: Date) => Day): Decision {
  const { task } = now;
  if (!task) return { ok: false, message: t('feedback.refuse.noKey', { key }) };
  const lead = matchUnit(task.units[0] ?? '', units)?.name ?? task.units[0] ?? '';
  const mine = matchUnit(unit, units)?.name ?? unit;
  if (lead === '' || lead !== mine) return { ok: false, message: t('feedback.refuse.notYours', { key, unit: mine }) };
  if (task.status === 'closed' || task.state.code === 'closed') return { ok: false, message: t('feedback.refuse.closed', { key }) };
  if (now.replyState === 'passed') return { ok: false, message: t('feedback.refuse.passed', { key }) };
  if (now.replyState === 'pending') {
    const at = now.lastReply?.submitted;
    return {
      ok: false,
      message: t('feedback.refuse.pending', { key, date: at ? formatDay(toDay(at)) : '', receipt: now.lastReply?.receipt ?? '' }),
    };
  }
  return { ok: true };
}
