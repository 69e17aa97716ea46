/**
 * The two pages a valid link opens. Stubs until the pages part lands: they say, under the
 * unit's (or inspector's) title, that the online page opens soon. Each returns the page's title
 * and HTML; the router serves them (router.ts servePage).
 */
import type { Translate } from '../../core/i18n';
import { escapeHtml } from '../../core/notices/mail-doc';
import { findInspector } from '../../core/webapp/inspectors';
import { orderPageHtml } from '../../core/webapp/order-page';
import { categoriesIn } from '../../core/webapp/order-row';
import { pageHtml } from '../../core/webapp/page';
import type { LinkClaims } from '../../core/webapp/token';
import { readTaskLedger } from '../task-sheet';
import { openWorkbook } from '../workbook';
import { readInspectors } from './links';

export interface Page {
  title: string;
  html: string;
}

/** 全程跟进: the unit's open matters and the reply form. `token` goes back with every google.script.run call. */
export function replyPage(claims: LinkClaims, _token: string, _now: Date, t: Translate): Page {
  const title = t('webapp.page.unitTitle', { unit: claims.subject });
  return { title, html: pageHtml(title, `<p>${escapeHtml(t('webapp.page.coming', { who: claims.subject }))}</p>`) };
}

/** 当场下单: the inspector's order form. */
export function inspectorPage(claims: LinkClaims, token: string, now: Date, t: Translate): Page {
  const wb = openWorkbook(now);
  wb.load(['units']);
  const name = findInspector(readInspectors(), claims.subject)?.name ?? claims.subject;
  const title = t('webapp.page.inspectorTitle', { name });
  const sheet = wb.taskSheet();
  const read = sheet ? readTaskLedger(wb, sheet, { adopt: false }) : undefined;
  const categories =
    read?.ok && read.ledger.columns.problemKind !== undefined
      ? categoriesIn(
          read.ledger.values,
          read.ledger.tasks.map((task) => task.index),
          read.ledger.columns.problemKind,
        )
      : undefined;
  const html = orderPageHtml({
    title,
    token,
    units: wb.units.map((u) => u.name),
    categories,
    defaultDeadline: wb.settings.onSiteDeadline,
    t,
  });
  return { title, html };
}
