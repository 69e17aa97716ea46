/**
 * LocalRuntime: runs the built bundle (dist/Code.js) on Node the way Apps Script runs it.
 *
 * - Each execution (run, edit, open, fire) gets a fresh V8 context in which the whole script
 *   is evaluated again before the function is called: Apps Script keeps no global state
 *   between executions, so neither does this (state lives in the spreadsheet, properties,
 *   triggers, the outbox and the locks, all of which persist here across executions).
 * - The context's globals are the JavaScript builtins of a bare V8 context plus the services
 *   (SpreadsheetApp, MailApp, …, and for the web app HtmlService, ContentService, CacheService,
 *   DriveApp: runtime/services/html.ts, cache.ts, drive.ts);
 *   nothing of Node (no require, process, Buffer, setTimeout, fetch, URL, TextEncoder,
 *   structuredClone, performance). The bare context's own builtins (Intl, WebAssembly...)
 *   stay: they are V8's, and Apps Script runs on V8.
 *   https://developers.google.com/apps-script/guides/v8-runtime
 * - `new Date()` / `Date.now()` read the simulated clock (runtime/clock.ts says why it stands
 *   still during an execution and what happens with local-time getters).
 * - Limits, https://developers.google.com/apps-script/guides/triggers#restrictions and
 *   https://developers.google.com/apps-script/guides/services/quotas#current_limitations :
 *   a simple trigger (onOpen/onEdit fired by open()/edit()) stops after 30 s and cannot call
 *   services that need authorization (MailApp.sendEmail, ScriptApp trigger management);
 *   installable triggers and manual runs stop after 6 min. The time that counts is real (wall)
 *   time (enforced with vm's `timeout`, so `while (true) {}` ends) plus simulated waits
 *   (Utilities.sleep, lock waits). Past the limit the execution ends with
 *   "Exceeded maximum execution time", which the script cannot catch.
 * - "Script executions and API requests do not cause triggers to run": writes made by the
 *   script never fire onEdit; only edit() (a person's edit) does.
 */

import { types } from 'node:util';
import vm from 'node:vm';
import { CallCounter } from './calls.js';
import { installClock, localTimeMatchesZone, SimClock } from './clock.js';
import type { SentMail, WorkbookModel } from './model.js';
import { createCacheService, newCacheState } from './services/cache.js';
import { createCharts } from './services/charts.js';
import { createAdvancedDrive, createDriveApp } from './services/drive.js';
import { createContentService, createHtmlService } from './services/html.js';
import { createLockService, holdLock, type LockKind, type LockState, lockKey, newLockState, releaseAllHeldBy } from './services/lock.js';
import { createConsole, createLogger, formatLine, type LogLevel, type LogSink } from './services/logger.js';
import { createMailApp, type MailState, newMailState } from './services/mail.js';
import { createPropertiesService, newPropertyStores, type PropertyStores } from './services/properties.js';
import {
  AuthMode,
  createScriptApp,
  EventType,
  newScriptAppState,
  nextClockFire,
  type ScriptAppState,
  type TriggerRecord,
} from './services/script-app.js';
import { createSession } from './services/session.js';
import { createUtilities } from './services/utilities.js';
import { createSpreadsheetRuntime, type EditEvent, type SpreadsheetRuntime } from './spreadsheet/index.js';

export type TriggerKind = 'simple' | 'installable' | 'manual';

export interface RuntimeLimits {
  /** Simple triggers: 30 s on Google. */
  simpleMs?: number;
  /** Installable triggers and manual runs: 6 min on Google. */
  longMs?: number;
}

export interface LocalRuntimeOptions {
  workbook: WorkbookModel;
  now: Date;
  /** appsscript.json timeZone; default 'Asia/Shanghai'. */
  scriptTimeZone?: string;
  /** The account running the script; default 'admin@example.org'. */
  userEmail?: string;
  /** Recipients left today; default 100 (a consumer account; Workspace has 1,500). */
  mailQuota?: number;
  /** Session.getActiveUserLocale(); default 'zh_CN'. */
  locale?: string;
  /** Lower limits for tests; defaults are Google's. */
  limits?: RuntimeLimits;
  /** Called with every log line as it is written (the local runner prints them). */
  onLog?: (line: string) => void;
  scriptId?: string;
  /** Where DriveApp keeps its folders and files (real ones, e.g. <out>/drive); none: DriveApp throws. */
  driveDir?: string;
  /** A Drive item's URL from its path under driveDir; default a file: URL. */
  driveUrl?: (relativePath: string) => string;
  /** ScriptApp.getService().getUrl(): the deployed web app's URL; default null (not deployed). */
  webappUrl?: string;
}

export interface RunResult<T = unknown> {
  value: T;
  /** The lines this execution logged, e.g. '[INFO] 3 notices sent'. */
  logs: string[];
  /** Real time the execution took, script evaluation included. */
  elapsedMs: number;
}

/** What the services need from the execution they run in. Made fresh for every execution. */
export interface ServiceEnv {
  readonly calls: CallCounter;
  readonly clock: SimClock;
  readonly userEmail: string;
  readonly scriptTimeZone: string;
  readonly locale: string;
  readonly scriptId: string;
  readonly spreadsheetId: string;
  /** Counts a service call ('Class.method'); throws if the execution has been stopped. */
  enter(method: string): void;
  /** Throws Apps Script's permission error when this execution lacks the scope (simple triggers). */
  requireAuth(method: string, scope: string): void;
  /** The script waits: the simulated clock moves on, and the time limit is checked. */
  wait(ms: number): void;
  /** Identifies the execution (locks are released when it ends). */
  execution(): object;
  /** An exception as Apps Script throws it, made in the script's realm. */
  error(message: string): Error;
  /** Apps Script's type list for "The parameters (...) don't match" messages. */
  signature(args: unknown[]): string;
  /** Arrays and plain objects handed to the script are made in its realm (so instanceof works). */
  array<T>(items: T[]): T[];
  record<T>(values: Record<string, T>): Record<string, T>;
}

/** One clock trigger firing during runUntil: its result, or the error it ended with. */
export interface TriggerFiring {
  trigger: TriggerRecord;
  at: Date;
  result?: RunResult;
  error?: unknown;
}

export const DEFAULT_LIMITS: Required<RuntimeLimits> = { simpleMs: 30_000, longMs: 6 * 60_000 };
export const TIMEOUT_MESSAGE = 'Exceeded maximum execution time';

/** Thrown to stop an execution; the script cannot swallow it for good (see Execution.enter). */
class ExecutionStopped extends Error {}

const SERVICE_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'ContentService',
  'CacheService',
  'DriveApp',
  'Drive',
  'Charts',
  'MailApp',
  'LockService',
  'PropertiesService',
  'ScriptApp',
  'Session',
  'Utilities',
  'Logger',
  'console',
];

const CHARTS = createCharts();

/** One execution: its realm, its kind and its time budget. */
class Execution implements ServiceEnv {
  readonly context: vm.Context;
  readonly logs: string[] = [];
  private readonly startReal = performance.now();
  private readonly startSim: number;
  private stopped = false;
  private readonly ctxError: new (
    message: string,
  ) => Error;
  private readonly ctxArray: { from<T>(items: Iterable<T>): T[] };
  private readonly ctxObject: { assign<T extends object>(target: object, source: T): T };

  constructor(
    private readonly runtime: LocalRuntime,
    readonly kind: TriggerKind,
    readonly limitMs: number,
    /** Whether a person is at the screen (menus, dialogs): not for time-driven triggers. */
    readonly hasUi: boolean,
  ) {
    this.startSim = runtime.clock.nowMs();
    this.context = vm.createContext({}, { name: 'Apps Script', microtaskMode: 'afterEvaluate' });
    this.ctxError = vm.runInContext('Error', this.context) as new (message: string) => Error;
    this.ctxArray = vm.runInContext('Array', this.context) as { from<T>(items: Iterable<T>): T[] };
    this.ctxObject = vm.runInContext('Object', this.context) as { assign<T extends object>(target: object, source: T): T };
  }

  get calls(): CallCounter {
    return this.runtime.calls;
  }
  get clock(): SimClock {
    return this.runtime.clock;
  }
  get userEmail(): string {
    return this.runtime.userEmail;
  }
  get scriptTimeZone(): string {
    return this.runtime.scriptTimeZone;
  }
  get locale(): string {
    return this.runtime.locale;
  }
  get scriptId(): string {
    return this.runtime.scriptId;
  }
  get spreadsheetId(): string {
    return this.runtime.workbook.id;
  }

  enter(method: string): void {
    if (this.stopped) throw new ExecutionStopped(TIMEOUT_MESSAGE);
    this.calls.count(method);
  }

  requireAuth(method: string, scope: string): void {
    if (this.kind === 'simple') {
      throw this.error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
    }
  }

  wait(ms: number): void {
    this.clock.advance(ms);
    if (this.usedMs() > this.limitMs) {
      this.stopped = true;
      throw new ExecutionStopped(TIMEOUT_MESSAGE);
    }
  }

  execution(): object {
    return this;
  }

  error(message: string): Error {
    const e = new this.ctxError(message);
    // V8 Apps Script reports service failures as "Exception: <message>".
    Object.defineProperty(e, 'name', { value: 'Exception', writable: true, configurable: true, enumerable: false });
    return e;
  }

  signature(args: unknown[]): string {
    return args.map(typeName).join(',');
  }

  array<T>(items: T[]): T[] {
    return this.ctxArray.from(items);
  }

  record<T>(values: Record<string, T>): Record<string, T> {
    return this.ctxObject.assign(vm.runInContext('({})', this.context) as object, values);
  }

  /** Real time since the execution began plus the simulated time it waited. */
  usedMs(): number {
    return performance.now() - this.startReal + (this.clock.nowMs() - this.startSim);
  }

  remainingMs(): number {
    return Math.max(1, Math.floor(this.limitMs - this.usedMs()));
  }

  wasStopped(): boolean {
    return this.stopped;
  }

  /** Stops the execution: every later service call throws, and it ends as timed out. */
  stop(): void {
    this.stopped = true;
  }

  elapsedRealMs(): number {
    return performance.now() - this.startReal;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'function') return 'Function';
  if (types.isDate(v)) return 'Date';
  if (Array.isArray(v)) return 'Object[]';
  return 'Object';
}

function isTimeout(e: unknown): boolean {
  return e instanceof ExecutionStopped || (types.isNativeError(e) && (e as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT');
}

/**
 * Makes `instanceof Error` / `instanceof Array` true inside the script for errors and arrays
 * the host-side services create, as they are for Apps Script's own. Only the base constructors
 * answer for foreign objects; subclasses (TypeError, class X extends Array) keep the ordinary check.
 */
function acceptHostObjects(context: vm.Context): void {
  const patch = vm.runInContext(
    `(function (isError) {
      'use strict';
      const ordinary = Function.prototype[Symbol.hasInstance];
      Object.defineProperty(Error, Symbol.hasInstance, {
        value: function (v) { return ordinary.call(this, v) || (this === Error && isError(v)); },
      });
      Object.defineProperty(Array, Symbol.hasInstance, {
        value: function (v) { return ordinary.call(this, v) || (this === Array && Array.isArray(v)); },
      });
    })`,
    context,
  ) as (isError: (v: unknown) => boolean) => void;
  patch((v: unknown) => types.isNativeError(v));
}

export class LocalRuntime {
  readonly calls = new CallCounter();
  readonly workbook: WorkbookModel;
  readonly spreadsheet: SpreadsheetRuntime;
  readonly logs: string[] = [];
  readonly properties: PropertyStores = newPropertyStores();
  readonly clock: SimClock;
  readonly userEmail: string;
  readonly scriptTimeZone: string;
  readonly locale: string;
  readonly scriptId: string;
  private readonly limits: Required<RuntimeLimits>;
  private readonly mail: MailState;
  private readonly locks: LockState = newLockState();
  private readonly scriptApp: ScriptAppState = newScriptAppState();
  private readonly caches = newCacheState();
  private readonly driveDir?: string;
  private readonly driveUrl?: (relativePath: string) => string;
  private readonly onLog?: (line: string) => void;
  private script?: vm.Script;
  private functionNames: string[] = [];
  /** Executions under way, innermost last (they nest when a hook edits during a job). */
  private readonly running: Execution[] = [];

  constructor(opts: LocalRuntimeOptions) {
    this.workbook = opts.workbook;
    // The document's properties travel with the workbook (an .xlsx keeps them in docProps/custom.xml).
    for (const [k, v] of Object.entries(opts.workbook.documentProperties ?? {})) this.properties.document.set(k, v);
    this.clock = new SimClock(opts.now);
    this.scriptTimeZone = opts.scriptTimeZone ?? 'Asia/Shanghai';
    this.userEmail = opts.userEmail ?? 'admin@example.org';
    this.locale = opts.locale ?? 'zh_CN';
    this.scriptId = opts.scriptId ?? `local-script-${opts.workbook.id}`;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.mail = newMailState(opts.mailQuota ?? 100);
    this.onLog = opts.onLog;
    this.driveDir = opts.driveDir;
    this.driveUrl = opts.driveUrl;
    this.scriptApp.webappUrl = opts.webappUrl ?? null;
    this.spreadsheet = createSpreadsheetRuntime(this.workbook, this.calls, {
      userEmail: this.userEmail,
      uiAvailable: () => this.running.at(-1)?.hasUi ?? true,
      beforeCall: () => {
        if (this.running.at(-1)?.wasStopped()) throw new ExecutionStopped(TIMEOUT_MESSAGE);
      },
    });
  }

  /**
   * Kills the execution under way, as Google does at its time limit (call it from a CallCounter
   * hook, e.g. right after a MailApp.sendEmail): nothing more it calls reaches a service, it
   * ends with "Exceeded maximum execution time", and the spreadsheet writes it had not yet
   * applied (no flush, no read of the sheet since) are lost (spreadsheet/pending.ts).
   */
  kill(): never {
    const exec = this.running.at(-1);
    if (!exec) throw new Error('LocalRuntime.kill: no execution is running');
    exec.stop();
    throw new ExecutionStopped(TIMEOUT_MESSAGE);
  }

  get outbox(): SentMail[] {
    return this.mail.outbox;
  }

  /**
   * As if `remaining` recipients were left of today's mail quota, in a window that opened now.
   * Set the clock to the run's time first: a window opened 24 hours or more before the run has
   * reset by then (as Google's does), and the run has its full quota again.
   */
  setMailQuotaLeft(remaining: number): void {
    this.mail.windowStart = this.clock.nowMs();
    this.mail.remaining = remaining;
  }

  /** As if the web app were deployed at url (null: not deployed): what ScriptApp.getService().getUrl() returns. */
  setWebappUrl(url: string | null): void {
    this.scriptApp.webappUrl = url;
  }

  get triggers(): TriggerRecord[] {
    return this.scriptApp.triggers;
  }

  /**
   * Compiles the script and evaluates it once (as the editor does on save), so syntax errors
   * and failing top-level code surface here, and the Run list is known.
   */
  load(code: string, filename = 'Code.js'): void {
    this.script = new vm.Script(code, { filename });
    this.execute('manual', true, (context) => {
      const onGlobal = Object.getOwnPropertyNames(context).filter(
        (name) =>
          !SERVICE_NAMES.includes(name) && !BUILTIN_GLOBALS.has(name) && typeof (context as Record<string, unknown>)[name] === 'function',
      );
      const lexical = topLevelLexicalNames(code).filter((name) => !onGlobal.includes(name) && lookUp(context, name) !== undefined);
      // Private functions (name ending in _) are hidden from the Run list.
      // https://developers.google.com/apps-script/guides/html/communication#private_functions
      this.functionNames = [...onGlobal, ...lexical].filter((name) => !name.endsWith('_'));
      return undefined;
    });
  }

  /**
   * The functions the editor's Run list would offer: top-level function declarations and
   * top-level var/let/const bound to a function ("improved function detection",
   * https://developers.google.com/apps-script/guides/v8-runtime#improved_function_detection),
   * private name_ functions excepted.
   */
  globalFunctionNames(): string[] {
    return [...this.functionNames];
  }

  /**
   * Calls a top-level function in a fresh execution, with the limits of `kind`. An
   * 'installable' run stands for a time-driven trigger: nobody is at the screen, so
   * SpreadsheetApp.getUi() throws.
   */
  run<T = unknown>(name: string, args: unknown[] = [], kind: TriggerKind = 'manual'): RunResult<T> {
    return this.runAs<T>(name, args, kind, kind !== 'installable');
  }

  private runAs<T>(name: string, args: unknown[], kind: TriggerKind, hasUi: boolean): RunResult<T> {
    return this.execute(
      kind,
      hasUi,
      (context) => {
        const fn = lookUp(context, name);
        if (!fn) throw new Error(`Script function not found: ${name}`);
        return fn as (...a: unknown[]) => T;
      },
      args,
    );
  }

  /**
   * A person edits cells: the spreadsheet changes, then the simple onEdit (if the script has
   * one) and every installable ON_EDIT trigger run with the event. Returns the simple
   * trigger's result, else the first installable trigger's, else undefined.
   */
  edit(sheetName: string, a1: string, values: unknown[][]): RunResult | undefined {
    const event = this.spreadsheet.editAsUser(sheetName, a1, values);
    return this.fireEvent('onEdit', EventType.ON_EDIT, event);
  }

  /** A person opens the spreadsheet: onOpen as a simple trigger, then installable ON_OPEN triggers. */
  open(): RunResult | undefined {
    const runtime = this;
    const event = {
      get source(): unknown {
        return (runtime.spreadsheet.app as { getActiveSpreadsheet(): unknown }).getActiveSpreadsheet();
      },
      user: { getEmail: () => runtime.userEmail, getNickname: () => runtime.userEmail.split('@')[0] },
    };
    return this.fireEvent('onOpen', EventType.ON_OPEN, event);
  }

  /**
   * A person clicks a custom menu item (added by onOpen): its function runs with the person's
   * full authorization and no arguments.
   */
  clickMenu(caption: string): RunResult {
    for (const menu of this.spreadsheet.ui.menus) {
      for (const item of menu.items) {
        if (item !== 'separator' && item.caption === caption) return this.run(item.functionName, [], 'manual');
      }
    }
    throw new Error(`No menu item "${caption}" (open() the spreadsheet first so onOpen adds the menu)`);
  }

  /** Whether the host's local time agrees with the script's zone now (see runtime/clock.ts). */
  localTimeMatchesScriptZone(): boolean {
    return localTimeMatchesZone(this.scriptTimeZone, this.clock.now());
  }

  /** Runs an installable trigger as Google would when it fires (clock triggers get the clock event). */
  fire(trigger: TriggerRecord | string): RunResult {
    const record = typeof trigger === 'string' ? this.triggers.find((t) => t.id === trigger) : trigger;
    if (!record || !this.triggers.includes(record))
      throw new Error(`No such trigger: ${typeof trigger === 'string' ? trigger : trigger.id}`);
    const base = { authMode: AuthMode.FULL, triggerUid: record.id };
    if (record.eventType === EventType.CLOCK) {
      const now = this.clock.now();
      const event = {
        ...base,
        year: now.getUTCFullYear(),
        month: now.getUTCMonth() + 1,
        'day-of-month': now.getUTCDate(),
        'day-of-week': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
        'week-of-year': isoWeek(now),
        hour: now.getUTCHours(),
        minute: now.getUTCMinutes(),
        second: now.getUTCSeconds(),
        timezone: 'UTC',
      };
      return this.run(record.handler, [event], 'installable');
    }
    return this.runAs(record.handler, [base], 'installable', true);
  }

  /**
   * Lets time pass until `until`, firing every clock trigger when it falls due, in time order
   * (the clock is set to each firing's time first). A failing trigger does not stop the others,
   * as on Google (which mails the owner a failure summary instead): its error is reported.
   */
  runUntil(until: Date): TriggerFiring[] {
    const end = until.getTime();
    const firings: TriggerFiring[] = [];
    // Due at the very start counts; each trigger then resumes after its own last firing, so
    // two triggers due at the same minute both fire.
    const start = this.clock.nowMs() - 1;
    for (;;) {
      let next: { trigger: TriggerRecord; at: number } | undefined;
      for (const trigger of this.triggers) {
        if (trigger.eventType !== EventType.CLOCK) continue;
        const after = Math.max(start, trigger.lastFiredAt?.getTime() ?? -Infinity);
        const at = nextClockFire(trigger, after, this.scriptTimeZone);
        if (at !== undefined && at <= end && (!next || at < next.at)) next = { trigger, at };
      }
      if (!next) break;
      if (next.at > this.clock.nowMs()) this.clock.set(new Date(next.at));
      next.trigger.lastFiredAt = new Date(next.at);
      const firing: TriggerFiring = { trigger: next.trigger, at: new Date(next.at) };
      try {
        firing.result = this.fire(next.trigger);
      } catch (e) {
        firing.error = e;
      }
      firings.push(firing);
    }
    if (end > this.clock.nowMs()) this.clock.set(until);
    return firings;
  }

  /** Holds the script lock from outside, as an overlapping execution would; call the result to release. */
  holdScriptLock(): () => void {
    return this.holdLock('script');
  }

  holdLock(kind: LockKind): () => void {
    return holdLock(this.locks, lockKey(kind, this.userEmail));
  }

  setNow(d: Date): void {
    this.clock.set(d);
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  now(): Date {
    return this.clock.now();
  }

  private fireEvent(simpleName: string, eventType: string, event: object): RunResult | undefined {
    const results: RunResult[] = [];
    if (this.functionNames.includes(simpleName)) {
      results.push(this.runAs(simpleName, [withFields(event, { authMode: AuthMode.LIMITED })], 'simple', true));
    }
    for (const t of this.triggers.filter((x) => x.eventType === eventType)) {
      // A person's edit or open: installable, but with the person at the screen.
      results.push(this.runAs(t.handler, [withFields(event, { authMode: AuthMode.FULL, triggerUid: t.id })], 'installable', true));
    }
    return results[0];
  }

  private services(exec: Execution): Record<string, object> {
    const sink: LogSink = {
      write: (level: LogLevel, text: string) => {
        const line = formatLine(level, text);
        exec.logs.push(line);
        this.logs.push(line);
        this.onLog?.(line);
      },
    };
    return {
      SpreadsheetApp: this.spreadsheet.app,
      Charts: CHARTS,
      MailApp: createMailApp(exec, this.mail),
      LockService: createLockService(exec, this.locks),
      PropertiesService: createPropertiesService(exec, this.properties),
      ScriptApp: createScriptApp(exec, this.scriptApp, this.scriptId),
      Session: createSession(exec),
      Utilities: createUtilities(exec),
      HtmlService: createHtmlService(exec),
      ContentService: createContentService(exec),
      CacheService: createCacheService(exec, this.caches),
      DriveApp: createDriveApp(exec, {
        ...(this.driveDir ? { dir: this.driveDir } : {}),
        ...(this.driveUrl ? { url: this.driveUrl } : {}),
      }),
      // The advanced Drive service (manifest: enabledAdvancedServices), which works with drive.file.
      Drive: createAdvancedDrive(exec, {
        ...(this.driveDir ? { dir: this.driveDir } : {}),
        ...(this.driveUrl ? { url: this.driveUrl } : {}),
      }),
      Logger: createLogger(exec, sink),
      console: createConsole(sink),
    };
  }

  private execute<T>(
    kind: TriggerKind,
    hasUi: boolean,
    pick: (context: vm.Context) => ((...a: unknown[]) => T) | undefined,
    args: unknown[] = [],
  ): RunResult<T> {
    if (!this.script) throw new Error('LocalRuntime: load(code) the script before running it');
    // Executions may nest: a CallCounter hook can make a person edit in the middle of a job,
    // and the onEdit it fires runs then, in its own execution, as it would concurrently on Google.
    const limitMs = kind === 'simple' ? this.limits.simpleMs : this.limits.longMs;
    const exec = new Execution(this, kind, limitMs, hasUi);
    this.running.push(exec);
    try {
      const context = exec.context;
      installClock(context, () => this.clock.nowMs());
      acceptHostObjects(context);
      for (const [name, service] of Object.entries(this.services(exec))) {
        Object.defineProperty(context, name, { value: service, writable: true, configurable: true, enumerable: false });
      }
      this.script.runInContext(context, { timeout: exec.remainingMs() });
      if (exec.wasStopped()) throw new ExecutionStopped(TIMEOUT_MESSAGE);
      const fn = pick(context);
      let value: T = undefined as T;
      if (fn) {
        const call = () => fn.apply(undefined, args);
        Object.defineProperty(context, CALL_SLOT, { value: call, configurable: true, enumerable: false });
        try {
          value = INVOKE.runInContext(context, { timeout: exec.remainingMs() }) as T;
        } finally {
          delete (context as Record<string, unknown>)[CALL_SLOT];
        }
      }
      if (exec.wasStopped()) throw new ExecutionStopped(TIMEOUT_MESSAGE);
      return { value, logs: exec.logs, elapsedMs: exec.elapsedRealMs() };
    } catch (e) {
      if (isTimeout(e) || exec.wasStopped()) {
        // Killed: what the script had not applied is lost.
        this.spreadsheet.discardPending();
        this.logFailure(exec, TIMEOUT_MESSAGE);
        throw new Error(TIMEOUT_MESSAGE);
      }
      this.logFailure(exec, describe(e));
      throw e;
    } finally {
      // A run that ended (returned, or threw an error of its own) applies what it wrote.
      this.spreadsheet.commitPending();
      releaseAllHeldBy(this.locks, exec);
      this.running.pop();
    }
  }

  private logFailure(exec: Execution, text: string): void {
    const line = formatLine('ERROR', text);
    exec.logs.push(line);
    this.logs.push(line);
    this.onLog?.(line);
  }
}

const CALL_SLOT = '__localRuntimeCall__';
const INVOKE = new vm.Script(`${CALL_SLOT}()`, { filename: 'local-runtime-invoke.js' });
const BUILTIN_GLOBALS = new Set(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)', {}) as string[]);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A top-level function by name: a global property, or a top-level let/const binding. */
function lookUp(context: vm.Context, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (BUILTIN_GLOBALS.has(name) || SERVICE_NAMES.includes(name)) return undefined;
  const own: unknown = (context as Record<string, unknown>)[name];
  if (typeof own === 'function') return own as (...a: unknown[]) => unknown;
  if (!IDENTIFIER.test(name)) return undefined;
  const found: unknown = vm.runInContext(`typeof ${name} === 'function' ? ${name} : undefined`, context);
  return typeof found === 'function' ? (found as (...a: unknown[]) => unknown) : undefined;
}

/** Names declared with let/const at column 0 (top level in any script laid out by a person or a bundler). */
function topLevelLexicalNames(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(/^(?:let|const)\s+([A-Za-z_$][\w$]*)\s*=/gm)) names.push(m[1]!);
  return names;
}

function describe(e: unknown): string {
  if (types.isNativeError(e)) return `${e.name}: ${e.message}`;
  return String(e);
}

/** The event with extra fields, keeping its getters lazy (reading e.source is a service call). */
function withFields(event: object, fields: Record<string, unknown>): object {
  const copy = Object.create(Object.getPrototypeOf(event) as object | null, Object.getOwnPropertyDescriptors(event)) as object;
  return Object.assign(copy, fields);
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

export type { EditEvent };
