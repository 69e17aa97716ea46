/**
 * 督查员 (issue 16, orders): Duban's own sheet of the inspectors who may file on site, created and
 * marked by setup like 约谈安排, header 姓名 / 邮箱 / 启用 (启用 a 是 / 否 dropdown that still lets a
 * person type). And 发送督查员链接: each enabled inspector mailed their own link through the one
 * delivery path, logged in 督办记录 as 督查员链接, never twice a day unless the link changed.
 */

import type { LogEntry } from '../core/notices/log';
import { composeInspectorLink, planInspectorLinks } from '../core/webapp/inspector-links';
import { INSPECTOR_HEADER, parseInspectors } from '../core/webapp/inspectors';
import { claim, deliverOne } from './delivery';
import { bookOf, openLog } from './notice-log';
import { belowHeader, choiceRule, ensureOwnSheet } from './own-sheet';
import type { JobResult } from './result';
import { currentGeneration, INSPECTOR_LINK_DAYS, inspectorLink, webappUrl } from './webapp/links';
import type { Workbook } from './workbook';

/** Setup: the sheet with its header and the 启用 dropdown when missing; an existing one is left as the office keeps it. */
export function setUpInspectors(wb: Workbook, changes: string[]): void {
  const header = INSPECTOR_HEADER.map((key) => wb.t(key));
  const { sheet, fresh } = ensureOwnSheet(wb, 'inspectors', header, changes);
  if (!fresh) return;
  // 邮箱 as text, so an address is never read as anything else.
  belowHeader(sheet, 1).setNumberFormat('@');
  const rule = choiceRule([wb.t('setting.value.yes'), wb.t('setting.value.no')]);
  belowHeader(sheet, 2).setDataValidation(rule);
}

/**
 * 发送督查员链接 (menu; setup when the web app is deployed): each enabled inspector's link mailed
 * to them. Without the web app's address nothing is sent and the admin is told what to do.
 */
export function sendInspectorLinks(wb: Workbook, now: Date, result: JobResult): string {
  const { t, clock } = wb;
  const url = webappUrl();
  if (!url) {
    return t('inspectorLink.noUrl');
  }
  const found = wb.sheetFor('inspectors');
  const sheetName = found?.sheet.getName() ?? t('sheet.inspectors');
  const inspectors = found?.ours ? parseInspectors(found.values) : [];
  const log = openLog(wb, []);
  const book = bookOf(log);
  const fingerprint = (i: { email: string }) =>
    t('inspectorLink.detail', { url, version: currentGeneration('inspector', i.email.toLowerCase()) + 1 });
  const plan = planInspectorLinks(inspectors, log.entries, clock.today, fingerprint);
  for (const i of plan.badAddress)
    result.warnings.push(
      t('inspectorLink.badAddress', { sheet: sheetName, row: i.row, header: t('inspcol.email'), name: i.name, email: i.email }),
    );
  if (plan.send.length + plan.alreadySent.length + plan.badAddress.length === 0) {
    return t('inspectorLink.none', { sheet: sheetName });
  }
  let failed = 0;
  for (const inspector of plan.send) {
    const mail = composeInspectorLink(inspector, inspectorLink(inspector.email, now), {
      t,
      days: INSPECTOR_LINK_DAYS,
      sender: wb.settings.senderName,
    });
    const entry: LogEntry = {
      index: book.next++,
      number: '',
      time: now,
      day: clock.today,
      // Not a task's key: '*' (as the summary's) and the address, so no task and no summary is taken for it.
      key: `*${inspector.email.toLowerCase()}`,
      unit: inspector.name,
      level: 'inspectorLink',
      ordinal: 0,
      deadline: undefined,
      to: inspector.email,
      role: 'inspector',
      subject: mail.subject,
      outcome: 'claimed',
      detail: fingerprint(inspector),
    };
    claim(wb, book, [entry]);
    // 试运行: to the admin instead, as every mail to a person outside the office's desk.
    const dryRun = () => ({ ...mail, to: wb.settings.adminEmail, subject: t('mail.dryRunSubject', { subject: mail.subject }) });
    const sent = deliverOne(wb, book, { mail, cc: [], rows: [entry.index], dryRun });
    if (sent.status === 'sent') result.mails.push({ kind: 'inspectorLink', to: sent.to, subject: mail.subject });
    else failed++;
  }
  const sent = plan.send.length - failed;
  result.counts = { ...result.counts, inspectorLinks: sent };
  return t('inspectorLink.done', {
    sent,
    already: plan.alreadySent.length > 0 ? t('inspectorLink.already', { count: plan.alreadySent.length }) : '',
    failed: failed > 0 ? t('inspectorLink.failed', { count: failed }) : '',
  });
}
