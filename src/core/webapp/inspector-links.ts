/**
 * 发送督查员链接 (issue 16, pages): which inspectors listed in 督查员 get their own link by mail,
 * and the mail. An inspector gets it when 启用 and their address reads as one; never twice on one
 * day unless the link changed (a new web app address, or the link reset), which the log's 备注
 * (`fingerprint`: the address and the link's generation, never the link itself) tells. An address
 * that is not one is told to the admin, with its row, and never guessed.
 */
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import type { LogEntry } from '../notices/log';
import { isEmail } from '../text/text';
import type { Inspector } from './inspectors';

export interface InspectorLinkPlan {
  /** To mail now, in the sheet's order. */
  send: Inspector[];
  /** 启用 but without an address that reads as one: the admin is told. */
  badAddress: Inspector[];
  /** Sent the same link earlier today. */
  alreadySent: Inspector[];
}

/** Who gets their link now; `fingerprint(i)` is the 备注 the log keeps for the link they would get. */
export function planInspectorLinks(
  inspectors: readonly Inspector[],
  log: readonly LogEntry[],
  today: Day,
  fingerprint: (inspector: Inspector) => string,
): InspectorLinkPlan {
  const plan: InspectorLinkPlan = { send: [], badAddress: [], alreadySent: [] };
  const seen = new Set<string>();
  for (const inspector of inspectors) {
    if (!inspector.enabled) continue;
    const address = inspector.email.toLowerCase();
    if (!isEmail(inspector.email)) {
      plan.badAddress.push(inspector);
      continue;
    }
    // Listed twice: one mail.
    if (seen.has(address)) continue;
    seen.add(address);
    const detail = fingerprint(inspector);
    const sent = log.some(
      (e) =>
        e.level === 'inspectorLink' &&
        e.day === today &&
        e.to.toLowerCase() === address &&
        e.detail === detail &&
        e.outcome !== 'failed' &&
        e.outcome !== 'deferred',
    );
    (sent ? plan.alreadySent : plan.send).push(inspector);
  }
  return plan;
}

/** The mail that carries an inspector's link (plain text: the link is the whole point). */
export function composeInspectorLink(
  inspector: Inspector,
  link: string,
  ctx: { t: Translate; days: number; sender: string },
): { to: string; subject: string; body: string } {
  const { t } = ctx;
  return {
    to: inspector.email,
    subject: t('inspectorLink.subject', { name: inspector.name }),
    body: [
      t('inspectorLink.greeting', { name: inspector.name }),
      '',
      t('inspectorLink.intro', { days: ctx.days }),
      link,
      '',
      t('inspectorLink.how'),
      t('inspectorLink.keep'),
      '',
      ctx.sender,
    ].join('\n'),
  };
}
