/**
 * The 约谈通知: a 公文 of the office to the unit (主送), addressed To its 党政主要领导 (被约谈人), Cc
 * its 分管领导 and the addresses of 约谈抄送. It says who is summoned, when, where, by whom, what to
 * bring, for which matters and which 整改通知 they failed (文号 and 限期), and what is required;
 * then the contact line and the 落款. Numbered in the 约谈通知 series (X创城督约谈〔2026〕1号).
 */
import type { Day } from '../calendar/day';
import type { Interviewee } from '../directory/units';
import type { Translate } from '../i18n';
import type { Block } from '../notices/mail-doc';
import { renderWithinLimit, subjectWithinLimit } from '../notices/mail-size';
import { addressee, contactLine, longDay, type Office, signOff } from '../notices/official';
import type { ComposedMail } from '../notices/types';
import type { Moment } from './arrangement';

export interface InterviewNotice {
  unit: string;
  number: string;
  interviewees: Interviewee[];
  time: Moment;
  place: string;
  /** 约谈人: '' when the row leaves it empty (the line is then left out). */
  convener: string;
  materials: string;
  /** One line per matter (`DB-0003 老旧小区飞线充电（幸福里）`) with its failed notices' line. */
  matters: { matter: string; failed: string }[];
  /** The day it is issued (落款). */
  today: Day;
}

/** 2026年12月10日 09:30. */
export function momentText(m: Moment, t: Translate): string {
  const hh = String(Math.floor(m.minutes / 60)).padStart(2, '0');
  const mm = String(m.minutes % 60).padStart(2, '0');
  return t('ivmail.moment', { date: longDay(m.day, t), time: `${hh}:${mm}` });
}

/**
 * The 约谈通知 as sent; in a dry run (试运行, `dryRunFor` the people it was meant for) it goes to the
 * admin instead, saying so at its top and in its subject.
 */
export function composeInterviewNotice(n: InterviewNotice, office: Office, t: Translate, dryRunFor?: string[]): ComposedMail {
  const names = n.interviewees.map((p) => p.name || p.address).join(t('mail.and'));
  const items = [
    t('ivmail.time', { time: momentText(n.time, t) }),
    t('ivmail.place', { place: n.place }),
    ...(n.convener.trim() === '' ? [] : [t('ivmail.convener', { convener: n.convener.trim() })]),
    t('ivmail.interviewees', { names }),
    t('ivmail.materials', { materials: n.materials.trim() || t('iv.materialsDefault') }),
  ];
  const numerals = t('ivmail.numerals').split(',');
  const blocks: Block[] = [
    ...(dryRunFor ? [{ kind: 'banner' as const, text: t('mail.dryRun', { to: dryRunFor.join(t('mail.and')) }) }] : []),
    { kind: 'paragraph', text: n.number },
    { kind: 'heading', text: t('ivmail.title', { unit: n.unit }) },
    addressee([n.unit], t),
    { kind: 'paragraph', text: t('ivmail.reason', { count: n.matters.length }) },
    ...items.map((text, i): Block => ({ kind: 'paragraph', text: `${numerals[i] ?? i + 1}${t('ivmail.itemMark')}${text}` })),
    {
      kind: 'table',
      columns: [t('ivmail.col.matter'), t('ivmail.col.failed')],
      rows: n.matters.map((m) => [m.matter, m.failed]),
    },
    { kind: 'paragraph', text: t('ivmail.requirement', { sender: office.senderName }) },
    contactLine(office, t),
    signOff(office, n.today, t),
  ];
  return {
    to: n.interviewees.map((p) => p.address).join(','),
    subject: subjectWithinLimit(
      dryRunFor
        ? t('mail.dryRunSubject', { subject: t('ivmail.subject', { unit: n.unit, number: n.number }) })
        : t('ivmail.subject', { unit: n.unit, number: n.number }),
    ),
    ...renderWithinLimit(blocks, t),
  };
}
