/**
 * The installable triggers Duban needs: the daily sweep at the settings' hour, and an hour later
 * the daily check that publishes the month before (an hour apart, so neither waits on the
 * other's lock); the edit trigger of 约谈安排; and the one-off continuation of a sweep stopped by the time limit. Installing
 * again replaces the old triggers, so nothing runs twice a day.
 */
import { emptyResult, type JobResult } from './result';
import { openWorkbook } from './workbook';

/** The daily sweep, and the daily check that publishes the month before on a month's first working day. */
export const DAILY_JOBS = ['sweep', 'publishIfDue'] as const;

/**
 * The installable edit trigger's handler: an edit of 约谈安排 that approves a 约谈 sends its
 * 约谈通知 at once. It must be installable: the simple onEdit cannot send mail (it runs without
 * the user's authorization); an installable trigger runs as the person who installed it, with
 * MailApp (Apps Script guides, "Installable triggers"). Its name is not onEdit, so it is not run
 * twice (once as the simple trigger).
 */
export const INTERVIEW_EDIT_HANDLER = 'onInterviewEdit';

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
  deleteTriggers([...DAILY_JOBS, INTERVIEW_EDIT_HANDLER]);
  ScriptApp.newTrigger(INTERVIEW_EDIT_HANDLER).forSpreadsheet(wb.ss).onEdit().create();
  const hour = wb.settings.sendHour;
  DAILY_JOBS.forEach((job, i) => {
    ScriptApp.newTrigger(job)
      .timeBased()
      .everyDays(1)
      .atHour((hour + i) % 24)
      .inTimezone(wb.clock.timeZone)
      .create();
  });
  result.counts = { triggers: DAILY_JOBS.length + 1 };
  result.message = wb.t('triggers.installed', { hour, job: DAILY_JOBS.join(', ') });
  return result;
}
