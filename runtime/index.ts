/** The local Apps Script runtime: what scripts, tests and the local runner import. */
export { LocalRuntime, DEFAULT_LIMITS, TIMEOUT_MESSAGE } from './sandbox.js';
export type { LocalRuntimeOptions, RunResult, RuntimeLimits, ServiceEnv, TriggerKind } from './sandbox.js';
export { SimClock, installClock, localTimeMatchesZone } from './clock.js';
export { CallCounter } from './calls.js';
export type { CallHook } from './calls.js';
export * from './model.js';
export { AuthMode, EventType, TriggerSource, WeekDay, MAX_TRIGGERS } from './services/script-app.js';
export type { ClockSchedule, TriggerRecord, TriggerEventType, TriggerSourceName } from './services/script-app.js';
export { formatJavaDate, formatJavaString } from './services/utilities.js';
export { SEND_MAIL_SCOPE } from './services/mail.js';
export type { LockKind } from './services/lock.js';
export type { LogLevel } from './services/logger.js';
