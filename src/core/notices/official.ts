/**
 * The parts that make a mail a 公文 of the office rather than a system notification: the
 * 主送 line naming the unit (「市城管局：」), dates as 2026年11月25日, days overdue said with what
 * they count (「逾期17个工作日」), the contact line (联系人、联系电话、联系邮箱) and the 落款: the
 * 发文机关 and the date. The office's own settings (设置) supply the names; until they are
 * filled in the mail is signed with a plain 创城办, never with the product's name.
 */
import { type Day, ymdFromDay } from '../calendar/day';
import type { Translate } from '../i18n';
import type { Settings } from '../settings/settings';
import type { Block } from './mail-doc';

/** What a mail needs of 设置 to speak as the office: Settings satisfies it as it is. */
export type Office = Pick<Settings, 'senderName' | 'contactPerson' | 'contactPhone' | 'contactEmail' | 'countDays'>;

/** 2026年11月25日 (zh), 25 November 2026 (en): a 公文 never writes 2026-11-25. */
export function longDay(day: Day, t: Translate): string {
  const { year, month, date } = ymdFromDay(day);
  const monthName = t('date.months').split(',')[month - 1] ?? String(month);
  return t('date.long', { year, month, date, monthName });
}

/** How late, under the 逾期 column: 17个工作日, or 17个自然日 when 设置 counts calendar days. */
export function overdueText(days: number, office: Pick<Office, 'countDays'>, t: Translate): string {
  return t('mail.daysOverdue', { days, unit: t(office.countDays === 'calendar' ? 'mail.dayUnit.calendar' : 'mail.dayUnit.working') });
}

/** 主送: the units addressed, 「市城管局、市住建局：」. */
export function addressee(units: string[], t: Translate): Block {
  return { kind: 'paragraph', text: t('mail.addressee', { units: units.join(t('mail.and')) }) };
}

/** 联系人、联系电话、联系邮箱, each said as not set when 设置 leaves it empty (the admin is reminded). */
export function contactLine(office: Office, t: Translate): { kind: 'paragraph'; text: string } {
  const or = (v: string): string => (v.trim() !== '' ? v.trim() : t('mail.contactUnset'));
  return {
    kind: 'paragraph',
    text: t('mail.contact', { person: or(office.contactPerson), phone: or(office.contactPhone), email: or(office.contactEmail) }),
  };
}

/** 落款: the 发文机关 and the date, on two lines. */
export function signOff(office: Pick<Office, 'senderName'>, day: Day, t: Translate): Block {
  return { kind: 'paragraph', text: t('mail.signature', { sender: office.senderName, date: longDay(day, t) }) };
}
