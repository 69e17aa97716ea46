/**
 * The global entry points Apps Script calls: simple triggers, jobs (time triggers, the menu,
 * the local runner). Each export becomes a top-level function in dist/Code.js (see
 * scripts/build.ts). Keep this file to wiring: the rules live in core/, the I/O in gas/.
 */
import { type Translate, translator } from './core/i18n';
import { previousMonth } from './core/publication/schedule';
import { handleEdit, handleInterviewEdit, isFeedbackEdit, isInterviewEdit, isReturnEdit } from './gas/edit-handler';
import { sendInspectorLinks as mailInspectorLinks } from './gas/inspectors-sheet';
import { LockBusyError, withDocumentLock } from './gas/lock';
import { addMenu } from './gas/menu';
import { previewNotices } from './gas/preview-job';
import { type PublishRequest, publicationDue, publishJob } from './gas/publish-job';
import { emptyResult, type JobResult } from './gas/result';
import { setUpWorkbook } from './gas/setup-job';
import { sweepLedger } from './gas/sweep-job';
import { CONTINUE_HANDLER, deleteTriggers, installDailyTriggers, scheduleContinuation } from './gas/triggers';
import { resetUnitLink } from './gas/webapp/links';
import { routeGet, routeOrder, routePost, routeReply } from './gas/webapp/router';
import { officeTranslator, openWorkbook } from './gas/workbook';

/** How long a job waits for another to finish before giving up (a trigger retries tomorrow). */
const LOCK_WAIT_MS = 30_000;

function currentTranslator(): Translate {
  try {
    return officeTranslator();
  } catch {
    return translator('zh-CN');
  }
}

/** Whether the call came from a person (menu, editor) rather than a trigger or the runner. */
function fromMenu(event: unknown): boolean {
  return event === undefined || event === null;
}

function runJob(name: string, event: unknown, job: (now: Date) => JobResult): JobResult {
  let result: JobResult;
  try {
    result = withDocumentLock(LOCK_WAIT_MS, () => job(new Date()));
  } catch (err) {
    const t = currentTranslator();
    result = emptyResult(name);
    result.ok = false;
    result.message =
      err instanceof LockBusyError
        ? t('job.busy')
        : t('job.failed', { job: name, error: err instanceof Error ? err.message : String(err) });
    if (!(err instanceof LockBusyError)) console.error(err instanceof Error && err.stack ? err.stack : String(err));
  }
  console.log(JSON.stringify({ job: name, ok: result.ok, message: result.message, counts: result.counts }));
  for (const w of result.warnings) console.warn(w);
  if (fromMenu(event)) SpreadsheetApp.getActiveSpreadsheet().toast(result.message, currentTranslator()('menu.title'), 10);
  return result;
}

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(currentTranslator());
}

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  handleEdit(e, new Date());
}

/**
 * Installable edit trigger (installTriggers sets it up): an edit of 约谈安排 that approves a 约谈
 * sends its 约谈通知 at once; a task sent back (退回) in the ledger brings a sweep a minute later,
 * which sends its 退回通知 the same day; so does the verifier's 通过 / 退回 in 整改反馈 (issue 16).
 * Any other edit returns at once, without the lock.
 */
export function onInterviewEdit(e: GoogleAppsScript.Events.SheetsOnEdit): JobResult | undefined {
  if (!e?.range) return undefined;
  if (isReturnEdit(e) || isFeedbackEdit(e)) {
    scheduleContinuation();
    return undefined;
  }
  if (!isInterviewEdit(e)) return undefined;
  return runJob('interviewEdit', e, handleInterviewEdit);
}

/** Menu and job: create what is missing, repair what is broken. */
export function setup(e?: unknown): JobResult {
  return runJob('setup', e, setUpWorkbook);
}

/** Daily trigger, menu and job: every row's state, days overdue, notes and colours. */
export function sweep(e?: unknown): JobResult {
  return runJob('sweep', e, sweepLedger);
}

/** Menu: turn on the daily sweep. */
export function installTriggers(e?: unknown): JobResult {
  return runJob('installTriggers', e, installDailyTriggers);
}

/** Menu and job: what today's sweep would send, without sending or changing anything. */
export function preview(e?: unknown): JobResult {
  const result = runJob('preview', e, previewNotices);
  if (fromMenu(e)) {
    const t = currentTranslator();
    const lines = (result.preview ?? []).map((m) => t('preview.line', { to: m.to, subject: m.subject }));
    SpreadsheetApp.getUi().alert(
      t('menu.preview'),
      [result.message, '', ...lines, ...result.warnings.slice(0, 20)].join('\n'),
      SpreadsheetApp.getUi().ButtonSet.OK,
    );
  }
  return result;
}

/**
 * One-off trigger: a sweep that stopped near the time limit continues here. Only its unsent
 * claims (待发送) go out, and the day's 退回通知 (a task sent back after the sweep schedules this
 * too); the states are not swept again and nothing new is claimed.
 */
export function continueSweep(e?: unknown): JobResult {
  deleteTriggers([CONTINUE_HANDLER]);
  return runJob('sweep', e, (now) => sweepLedger(now, true));
}

/** What the runner (or a script) asks to publish: { month: 'YYYY-MM' } or { quarter: 'YYYY-Qn' }. */
function requestOf(e: unknown): PublishRequest {
  if (e === null || typeof e !== 'object') return {};
  const o = e as { month?: unknown; quarter?: unknown };
  return {
    ...(typeof o.month === 'string' ? { month: o.month } : {}),
    ...(typeof o.quarter === 'string' ? { quarter: o.quarter } : {}),
  };
}

/**
 * Menu and job: the month's publication (一月一公示). From the menu it asks which month (empty:
 * the last one); from the runner the event names the month or the quarter.
 */
export function publish(e?: unknown): JobResult {
  let request = requestOf(e);
  if (fromMenu(e)) {
    const t = currentTranslator();
    const answer = SpreadsheetApp.getUi().prompt(t('menu.publish'), t('publish.prompt'), SpreadsheetApp.getUi().ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== SpreadsheetApp.getUi().Button.OK)
      return runJob('publish', e, () => ({ ...emptyResult('publish'), message: t('publish.cancelled') }));
    const text = answer.getResponseText().trim();
    if (text !== '') request = { month: text };
  }
  const result = runJob('publish', e, (now) => publishJob(now, request));
  // A month published again lists what changed, unit by unit: more than a toast can hold.
  if (fromMenu(e) && result.warnings.length > 0) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(currentTranslator()('menu.publish'), [result.message, '', ...result.warnings.slice(0, 30)].join('\n'), ui.ButtonSet.OK);
  }
  return result;
}

/** Daily trigger: from the first working day of a month, the month before is published (once). */
export function publishIfDue(e?: unknown): JobResult {
  return runJob('publishIfDue', e, (now) => {
    const wb = openWorkbook(now);
    if (!publicationDue(wb)) return { ...emptyResult('publishIfDue'), message: wb.t('publish.notDue') };
    return publishJob(now, { month: previousMonth(wb.clock.today) });
  });
}

/** The web app (deployed from `npm run deploy`): a link opens its page, or a plain refusal. */
export function doGet(e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  return routeGet(e, new Date());
}

/** The web app's JSON door: `{ call: 'reply' | 'order', token, form }`, for a client without google.script.run. */
export function doPost(e?: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return routePost(e);
}

/** google.script.run from the unit's reply page: one matter's 整改情况. */
export function webappSubmitReply(token: unknown, form: unknown): ReturnType<typeof routeReply> {
  return routeReply(token, form);
}

/** google.script.run from the inspector's page: a problem filed on site (当场下单). */
export function webappSubmitOrder(token: unknown, form: unknown): ReturnType<typeof routeOrder> {
  return routeOrder(token, form);
}

/** Menu (发送督查员链接): each enabled inspector in 督查员 mailed their own link to the 当场下单 page. */
export function sendInspectorLinks(e?: unknown): JobResult {
  return runJob('sendInspectorLinks', e, (now) => {
    const wb = openWorkbook(now);
    const result = emptyResult('sendInspectorLinks');
    result.message = mailInspectorLinks(wb, now, result);
    return result;
  });
}

/**
 * Menu (重置单位链接): asks for a unit; every link it was sent stops working (a leaked link, a
 * person who left), and its later notices carry a new one.
 */
export function resetUnitLinkFromMenu(e?: unknown): JobResult {
  const t = currentTranslator();
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(t('menu.resetUnitLink'), t('webapp.reset.prompt', { sheet: t('sheet.units') }), ui.ButtonSet.OK_CANCEL);
  const unit = answer.getResponseText().trim();
  return runJob('resetUnitLink', e, (now) => {
    const wb = openWorkbook(now);
    const result = emptyResult('resetUnitLink');
    if (answer.getSelectedButton() !== ui.Button.OK || unit === '') return { ...result, message: wb.t('webapp.reset.cancelled') };
    wb.load(['units']);
    if (!wb.units.some((u) => u.name === unit)) {
      return { ...result, ok: false, message: wb.t('webapp.reset.unknown', { sheet: wb.t('sheet.units'), unit }) };
    }
    resetUnitLink(unit);
    return { ...result, message: wb.t('webapp.reset.done', { unit }) };
  });
}
