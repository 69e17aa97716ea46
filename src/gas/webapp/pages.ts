/**
 * The two pages a valid link opens. Stubs until the pages part lands: they say, under the
 * unit's (or inspector's) title, that the online page opens soon. Each returns the page's title
 * and HTML; the router serves them (router.ts servePage).
 */
import type { Translate } from '../../core/i18n';
import { parseLog } from '../../core/notices/log';
import { escapeHtml } from '../../core/notices/mail-doc';
import { pageHtml } from '../../core/webapp/page';
import { replyMatters, replyPageHtml } from '../../core/webapp/reply-page';
import type { LinkClaims } from '../../core/webapp/token';
import { readTaskLedger } from '../task-sheet';
import { openWorkbook } from '../workbook';

export interface Page {
  title: string;
  html: string;
}

/** 全程跟进: the unit's open matters and the reply form. `token` goes back with every google.script.run call. */
export function replyPage(claims: LinkClaims, token: string, now: Date, t: Translate): Page {
  const title = t('webapp.page.unitTitle', { unit: claims.subject });
  const wb = openWorkbook(now);
  wb.load(['units', 'calendar']);
  // 督办记录 read, never made here: opening a page writes nothing.
  const log = wb.sheetFor('log');
  const sheet = wb.taskSheet();
  const read = sheet ? readTaskLedger(wb, sheet) : undefined;
  const tasks = read?.ok ? read.ledger.tasks : [];
  const matters = replyMatters(claims.subject, tasks, log ? parseLog(log.values, wb.clock.toDay) : []);
  return { title, html: replyPageHtml(t, title, token, matters) };
}

/** 当场下单: the inspector's order form. */
export function inspectorPage(claims: LinkClaims, _token: string, _now: Date, t: Translate): Page {
  const title = t('webapp.page.inspectorTitle', { name: claims.subject });
  return { title, html: pageHtml(title, `<p>${escapeHtml(t('webapp.page.coming', { who: claims.subject }))}</p>`) };
}
