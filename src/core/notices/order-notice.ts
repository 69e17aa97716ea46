/**
 * The first 整改通知 of a problem filed on site (当场下单): a 公文 in the 整改通知 series, its
 * title and first paragraph marked 「（当场下单）」, sent to the unit in the same request as the
 * order. Its 整改限期 is the order's 整改时限 as the ledger reads it: the sweep's ladder goes on
 * from this notice (a failure the working day after, then the next 整改通知), never sends a
 * second first one. Every cell value goes into the mail as text (mail-doc escapes it).
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { type MailContext, webappLines } from './digest';
import type { Block, Cell } from './mail-doc';
import { renderWithinLimit } from './mail-size';
import { addressee, contactLine, longDay, signOff } from './official';
import type { ComposedMail } from './types';

export interface OrderNotice {
  number: string;
  key: string;
  /** 1-based sheet row. */
  row: number;
  unit: string;
  task: string;
  place: string;
  category?: string;
  /** 整改时限 as the inspector chose it (3个工作日内, 即知即改). */
  deadlineText: string;
  /** The day it stands for: the notice's 整改限期. */
  replyBy: Day;
  inspector: string;
  /** The photos' links in Drive. */
  photos: readonly string[];
}

/** What a 当场下单 notice is written with: the notices' context (dry run, the reply page's link), without relapses. */
export type OrderMailContext = Omit<MailContext, 'relapseOf'>;

/** The photos taken on site, each a link (照片1, 照片2 …) rather than a long address in the text. */
function photoLinks(n: OrderNotice, t: Translate): Block[] {
  if (n.photos.length === 0) return [];
  return [
    {
      kind: 'table',
      columns: [t('order.col.photos')],
      rows: n.photos.map((href, i): Cell[] => [{ text: t('order.photoLink', { n: i + 1 }), href }]),
    },
  ];
}

function table(n: OrderNotice, ctx: OrderMailContext): Block {
  const { t } = ctx;
  const columns = [
    t('mail.col.task'),
    t('mail.col.key'),
    t('mail.col.place'),
    ...(n.category ? [t('webapp.field.category')] : []),
    t('mail.col.deadline'),
    t('order.col.replyBy'),
    t('mail.col.row'),
  ];
  const row: Cell[] = [
    n.task,
    n.key,
    n.place,
    ...(n.category ? [n.category] : []),
    n.deadlineText,
    longDay(n.replyBy, t),
    { text: t('mail.rowLink', { row: n.row }), href: ctx.rowLink(n.row) },
  ];
  return { kind: 'table', columns, rows: [row] };
}

export function composeOrderNotice(n: OrderNotice, to: string, ctx: OrderMailContext): ComposedMail {
  const { t, office } = ctx;
  const email = office.contactEmail.trim();
  const blocks: Block[] = [
    ...(ctx.dryRunFor ? [{ kind: 'banner' as const, text: t('mail.dryRun', { to: ctx.dryRunFor.join(t('mail.and')) }) }] : []),
    { kind: 'paragraph', text: n.number },
    { kind: 'heading', text: t('order.title') },
    addressee([n.unit], t),
    { kind: 'paragraph', text: t('order.open', { date: longDay(ctx.today, t), inspector: n.inspector }) },
    table(n, ctx),
    ...photoLinks(n, t),
    {
      kind: 'paragraph',
      text: t(ctx.webappLink ? 'order.askOnline' : 'order.ask', {
        date: longDay(n.replyBy, t),
        sender: office.senderName,
        replyTo: email === '' ? '' : t('mail.open.replyTo', { email }),
      }),
    },
    ...webappLines([n], ctx.webappLink, t),
    contactLine(office, t),
    signOff(office, ctx.today, t),
  ];
  const subject = t('order.subject', { unit: n.unit, number: n.number });
  return { to, subject: ctx.dryRunFor ? t('mail.dryRunSubject', { subject }) : subject, ...renderWithinLimit(blocks, t) };
}
