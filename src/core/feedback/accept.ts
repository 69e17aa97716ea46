/**
 * Whether a unit's reply can be recorded (issue 16, 全程跟进), decided before anything is written
 * or stored: the form as the router reads it (one reading, webapp/forms.ts: the fields within
 * their limits, the photos JPEG or PNG by their own bytes, never by what the page says they are,
 * and under the size limit), 完成日期 not after today, and the matter that unit's to answer.
 *
 * Only the lead unit (牵头单位, 谁主管、谁负责) answers for a matter: a 配合单位 reports to the
 * lead, as the notices tell it, so that one matter has one reply and one verification. A matter
 * closed, 待验收 or 通过 takes no reply (a second reply while 待验收 would overwrite the one the
 * verifier is looking at); after 退回 a new reply is what the 退回通知 asks for.
 */
import { type Day, dayFromYmd, formatDay, isValidYmd } from '../calendar/day';
import { matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import { type ReplyInput, readReplyForm } from '../webapp/forms';
import type { FeedbackRow } from './feedback-sheet';
import type { ReplyState } from './reply-state';

export type Decision = { ok: true } | { ok: false; message: string };

/** The day 完成日期 names: YYYY-MM-DD, a real day, not after today. */
export function doneDay(text: unknown, today: Day): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return day <= today ? day : undefined;
}

/** A reply as checked: the form as read (trimmed, control characters gone), or why it is refused. */
export type ReplyCheck = { ok: true; reply: ReplyInput } | { ok: false; message: string };

/**
 * The form itself, by the one reading the router also makes before anything is kept
 * (webapp/forms.ts readReplyForm: every field present and within its limit, the photos JPEG or
 * PNG by their own bytes and under the size limit), then what only the office's day knows:
 * 完成日期 not after today. A reply reaching acceptReply by another door is held to the same.
 */
export function checkReply(raw: unknown, today: Day, t: Translate): ReplyCheck {
  const form = readReplyForm(raw, t);
  if (!form.ok) return { ok: false, message: form.message };
  if (doneDay(form.value.doneDate, today) === undefined)
    return { ok: false, message: t('feedback.refuse.badDate', { text: form.value.doneDate }) };
  return { ok: true, reply: form.value };
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
