/**
 * The two pages a valid link opens: a unit's open matters with their reply forms, and an
 * inspector's order form. Each returns the page's title and HTML (built in core, every value
 * escaped); the router serves them (router.ts servePage). Opening a page writes nothing.
 */
import type { Translate } from '../../core/i18n';
import { parseLog } from '../../core/notices/log';
import { longDay } from '../../core/notices/official';
import { findInspector } from '../../core/webapp/inspectors';
import { orderPageHtml } from '../../core/webapp/order-page';
import { categoriesIn } from '../../core/webapp/order-row';
import { replyMatters, replyPageHtml } from '../../core/webapp/reply-page';
import type { LinkClaims } from '../../core/webapp/token';
import { readTaskLedger } from '../task-sheet';
import { openWorkbook } from '../workbook';
import { readInspectors } from './links';

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
  const matters = replyMatters(claims.subject, tasks, log ? parseLog(log.values, wb.clock.toDay) : [], (day) => longDay(day, t));
  return { title, html: replyPageHtml(t, title, token, matters) };
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
