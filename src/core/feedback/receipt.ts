/**
 * The 回执 of a unit's reply (issue 16): what the unit answered, its receipt number, and what
 * happens next, mailed to the unit's directory address(es) and shown on the page. Every value is
 * escaped by the one renderer (mail-doc.ts); nothing typed by the unit becomes markup.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import type { Block } from '../notices/mail-doc';
import { renderWithinLimit, subjectWithinLimit } from '../notices/mail-size';
import { addressee, contactLine, longDay, type Office, signOff } from '../notices/official';
import type { ComposedMail } from '../notices/types';

/** One reply as its 回执 states it. */
export interface ReceiptCase {
  receipt: string;
  unit: string;
  key: string;
  task: string;
  place: string;
  /** When it was submitted, as the office's clock shows it (2026-11-25 10:30). */
  time: string;
  measures: string;
  doneOn: Day;
  person: string;
  photosAfter: number;
  photosBefore: number;
}

/** The 回执 as a mail of the office to the unit. */
export function composeReceipt(r: ReceiptCase, to: string, ctx: { t: Translate; today: Day; office: Office }): ComposedMail {
  const { t } = ctx;
  const blocks: Block[] = [
    { kind: 'paragraph', text: r.receipt },
    { kind: 'heading', text: t('receipt.title') },
    addressee([r.unit], t),
    { kind: 'paragraph', text: t('receipt.open', { unit: r.unit, time: r.time, receipt: r.receipt }) },
    {
      kind: 'table',
      columns: [t('fbcol.key'), t('mail.col.task'), t('mail.col.place')],
      rows: [[r.key, r.task, r.place]],
    },
    { kind: 'paragraph', text: t('receipt.measures', { text: r.measures }) },
    { kind: 'paragraph', text: t('receipt.done', { date: longDay(r.doneOn, t), person: r.person }) },
    { kind: 'paragraph', text: t('receipt.photos', { after: r.photosAfter, before: r.photosBefore }) },
    { kind: 'paragraph', text: t('receipt.next') },
    contactLine(ctx.office, t),
    signOff(ctx.office, ctx.today, t),
  ];
  const task = [...r.task].length > 30 ? `${[...r.task].slice(0, 29).join('')}…` : r.task;
  return {
    to,
    subject: subjectWithinLimit(t('receipt.subject', { unit: r.unit, task, receipt: r.receipt })),
    ...renderWithinLimit(blocks, t),
  };
}
