/**
 * The web app's plain pages (the refusal of a link, the pages still to come), built as HTML
 * text here, every value escaped. Mobile first: one column, large type, no script.
 */
import type { Translate } from '../i18n';
import { escapeHtml } from '../notices/mail-doc';

export type Refusal = 'malformed' | 'signature' | 'expired' | 'revoked';

/** The page's own styles: readable on a phone in the street. */
export const PAGE_STYLE =
  'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;font-size:17px;line-height:1.6;color:#1f2328;background:#f6f8fa}' +
  'main{max-width:640px;margin:0 auto;background:#fff;border-radius:8px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.12)}' +
  'h1{font-size:22px;margin:0 0 12px}p{margin:8px 0}.refused h1{color:#b42318}';

/** A whole page: the body's HTML is the caller's (already escaped). */
export function pageHtml(title: string, bodyHtml: string, className = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${PAGE_STYLE}</style></head><body><main class="${escapeHtml(className)}"><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body></html>`;
}

export interface RefusalContext {
  /** The day the link expired (yyyy-MM-dd), for an expired one. */
  expired?: string;
  /** 设置's 联系人, 联系电话, 联系邮箱, those filled in. */
  contact: string[];
}

/** What a refused link's page says: what happened, and what to do (ask the office for a new link). */
export function refusalLines(t: Translate, reason: Refusal, context: RefusalContext): string[] {
  const what =
    reason === 'expired'
      ? t('webapp.refused.expired', { date: context.expired ?? '' })
      : t(
          reason === 'malformed'
            ? 'webapp.refused.malformed'
            : reason === 'signature'
              ? 'webapp.refused.signature'
              : 'webapp.refused.revoked',
        );
  const lines = [what, t('webapp.refused.what')];
  if (context.contact.length > 0) lines.push(t('webapp.refused.contact', { contact: context.contact.join('，') }));
  return lines;
}

export function refusalHtml(t: Translate, reason: Refusal, context: RefusalContext): string {
  const body = refusalLines(t, reason, context)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
  return pageHtml(t('webapp.refused.title'), body, 'refused');
}
