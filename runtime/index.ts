/** The local Apps Script runtime: what scripts, tests and the local runner import. */

export type { CallHook } from './calls.js';
export { CallCounter } from './calls.js';
export { installClock, localTimeMatchesZone, SimClock } from './clock.js';
export * from './model.js';
export type { LocalRuntimeOptions, RunResult, RuntimeLimits, ServiceEnv, TriggerFiring, TriggerKind } from './sandbox.js';
export { DEFAULT_LIMITS, LocalRuntime, TIMEOUT_MESSAGE } from './sandbox.js';
export type { BlobData } from './services/blob.js';
export { blobDataOf } from './services/blob.js';
export { DRIVE_SCOPE } from './services/drive.js';
export type { HtmlOutputState, TextOutputState } from './services/html.js';
export { CONTENT_TYPES, htmlOutputOf, textOutputOf } from './services/html.js';
export type { LockKind } from './services/lock.js';
export type { LogLevel } from './services/logger.js';
export { SEND_MAIL_SCOPE } from './services/mail.js';
export type { ClockSchedule, TriggerEventType, TriggerRecord, TriggerSourceName } from './services/script-app.js';
export { AuthMode, EventType, MAX_TRIGGERS, nextClockFire, TriggerSource, WeekDay } from './services/script-app.js';
export { formatJavaDate, formatJavaString } from './services/utilities.js';
export type { EditEvent, SpreadsheetRuntime, UiRecord } from './spreadsheet/index.js';
export { createSpreadsheetRuntime } from './spreadsheet/index.js';
// runtime/xlsx.ts (exceljs) and runtime/eml.ts (nodemailer) are imported directly where needed,
// so that loading the runtime stays light.
