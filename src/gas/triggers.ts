/**
 * The installable triggers Duban needs: a daily sweep at the settings' hour. Installing again
 * replaces the old trigger, so there is never a second sweep a day.
 */
import { emptyResult, type JobResult } from './result';
import { openWorkbook } from './workbook';

/** The daily sweep, and the daily check that publishes the month before on a month's first working day. */
export const DAILY_JOBS = ['sweep', 'publishIfDue'] as const;

export function installDailyTriggers(now: Date): JobResult {
  const result = emptyResult('installTriggers');
  const wb = openWorkbook(now);
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if ((DAILY_JOBS as readonly string[]).includes(trigger.getHandlerFunction())) ScriptApp.deleteTrigger(trigger);
  }
  const hour = wb.settings.sendHour;
  for (const job of DAILY_JOBS) {
    ScriptApp.newTrigger(job).timeBased().everyDays(1).atHour(hour).inTimezone(wb.clock.timeZone).create();
  }
  result.counts = { triggers: DAILY_JOBS.length };
  result.message = wb.t('triggers.installed', { hour, job: DAILY_JOBS.join(', ') });
  return result;
}
