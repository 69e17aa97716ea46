/**
 * The installable triggers Duban needs: the daily sweep at the settings' hour, and an hour later
 * the daily check that publishes the month before (an hour apart, so neither waits on the
 * other's lock); and the one-off continuation of a sweep stopped by the time limit. Installing
 * again replaces the old triggers, so nothing runs twice a day.
 */
import { emptyResult, type JobResult } from './result';
import { openWorkbook } from './workbook';

/** The daily sweep, and the daily check that publishes the month before on a month's first working day. */
export const DAILY_JOBS = ['sweep', 'publishIfDue'] as const;

/** The handler of the one-off trigger that continues a run stopped by the time budget. */
export const CONTINUE_HANDLER = 'continueSweep';

/** Deletes the project's triggers that call any of these handlers. */
export function deleteTriggers(handlers: readonly string[]): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (handlers.includes(trigger.getHandlerFunction())) ScriptApp.deleteTrigger(trigger);
  }
}

/** One continuation a minute later, replacing any earlier one (never two at once). */
export function scheduleContinuation(): void {
  deleteTriggers([CONTINUE_HANDLER]);
  ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(60_000).create();
}

export function installDailyTriggers(now: Date): JobResult {
  const result = emptyResult('installTriggers');
  const wb = openWorkbook(now);
  deleteTriggers(DAILY_JOBS);
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
