/** The local Apps Script runtime: what scripts, tests and the local runner import. */
export { LocalRuntime, DEFAULT_LIMITS, TIMEOUT_MESSAGE } from './sandbox.js';
export type { LocalRuntimeOptions, RunResult, RuntimeLimits, ServiceEnv, TriggerFiring, TriggerKind } from './sandbox.js';
export { SimClock, installClock, localTimeMatchesZone } from './clock.js';
export { CallCounter } from './calls.js';
export type { CallHook } from './calls.js';
export * from './model.js';
export { AuthMode, EventType, TriggerSource, WeekDay, MAX_TRIGGERS, nextClockFire } from './services/script-app.js';
export type { ClockSchedule, TriggerRecord, TriggerEventType, TriggerSourceName } from './services/script-app.js';
export { formatJavaDate, formatJavaString } from './services/utilities.js';
export { SEND_MAIL_SCOPE } from './services/mail.js';
export type { LockKind } from './services/lock.js';
export type { LogLevel } from './services/logger.js';
export { createSpreadsheetRuntime } from './spreadsheet/index.js';
export type { EditEvent, SpreadsheetRuntime, UiRecord } from './spreadsheet/index.js';
// runtime/xlsx.ts (exceljs) and runtime/eml.ts (nodemailer) are imported directly where needed,
// so that loading the runtime stays light.
