/**
 * Tells the office's admin (设置: 管理员邮箱) what stopped a job. Only installable triggers and
 * menu runs may send mail; from a simple trigger this would throw, so it is never called there.
 */
import { deliverUnlogged } from './delivery';
import type { JobResult } from './result';
import type { Workbook } from './workbook';

export function tellAdmin(wb: Workbook, result: JobResult, subject: string, body: string): void {
  const to = wb.settings.adminEmail;
  if (!to) return;
  const text = [body, '', ...result.warnings, '', wb.ss.getUrl()].join('\n');
  // Unlogged, but sent as every mail is (delivery.ts says why).
  // Not the day's summary: the mail says a job could not run (kind alert).
  deliverUnlogged(wb, result, { kind: 'alert', subject, body: text });
}
