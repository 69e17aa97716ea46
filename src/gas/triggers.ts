/**
 * The installable triggers Duban needs: the daily sweep at the settings' hour, and an hour later
 * the daily check that publishes the month before (an hour apart, so neither waits on the
 * other's lock). Installing again replaces the old triggers, so nothing runs twice a day.
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
  DAILY_JOBS.forEach((job, i) => {
    ScriptApp.newTrigger(job)
      .timeBased()
      .everyDays(1)
      .atHour((hour + i) % 24)
      .inTimezone(wb.clock.timeZone)
      .create();
  });
  result.counts = { triggers: DAILY_JOBS.length };
  result.message = wb.t('triggers.installed', { hour, job: DAILY_JOBS.join(', ') });
  return result;
}
