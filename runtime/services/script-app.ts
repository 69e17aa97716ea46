/**
 * ScriptApp: installable triggers (recorded, fired by the runner) and the script's enums.
 *
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/apps-script/guides/triggers/installable
 * Enum values are their names as strings: scripts compare them with === against the same
 * enum, which behaves as with Google's enum objects, and String(value) gives the name.
 */
import { types } from 'node:util';
import { DateTime } from 'luxon';
import type { ServiceEnv } from '../sandbox.js';

export const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';

export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const);
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const);
export const TriggerSource = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const);
export const WeekDay = Object.freeze({
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const);

export type TriggerEventType = (typeof EventType)[keyof typeof EventType];
export type TriggerSourceName = (typeof TriggerSource)[keyof typeof TriggerSource];
export type WeekDayName = (typeof WeekDay)[keyof typeof WeekDay];

/** A clock trigger's schedule, as the builder calls set it. */
export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onMonthDay?: number;
  onWeekDay?: WeekDayName;
  /** inTimezone(tz); absent means the script's time zone. */
  timeZone?: string;
  /** at(date) / atDate(y, m, d): a one-off run. */
  at?: Date;
  /** after(ms): a one-off run, ms after creation. */
  afterMs?: number;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: TriggerEventType;
  source: TriggerSourceName;
  /** The spreadsheet's id for spreadsheet triggers. */
  sourceId?: string;
  clock?: ClockSchedule;
  /** The account the trigger runs as (its creator). */
  createdBy: string;
  createdAt: Date;
  /** When LocalRuntime.runUntil last fired it. */
  lastFiredAt?: Date;
}

/** "Each user can have 20 triggers per script" (quotas page, Current limitations). */
export const MAX_TRIGGERS = 20;

export interface ScriptAppState {
  readonly triggers: TriggerRecord[];
  nextId: number;
  /**
   * The web app's URL once deployed, else null: "getUrl() Returns the URL of the web app, if it
   * has been deployed; otherwise returns null"
   * (https://developers.google.com/apps-script/reference/script/service#getUrl()). The local
   * server sets it to its own /exec; `sweep --webapp-url` to the URL given.
   */
  webappUrl: string | null;
}

export function newScriptAppState(): ScriptAppState {
  return { triggers: [], nextId: 1, webappUrl: null };
}

const VALID_MINUTES = [1, 5, 10, 15, 30];
const VALID_HOURS = [1, 2, 4, 6, 8, 12];

export function createScriptApp(env: ServiceEnv, state: ScriptAppState, scriptId: string): object {
  const triggerIds = new WeakMap<object, string>();

  const invalid = (method: string, args: unknown[]): Error =>
    env.error(`The parameters (${env.signature(args)}) don't match the method signature for ${method}.`);

  const integerIn = (method: string, v: unknown, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(method, [v]);
    if (v < min || v > max) throw env.error(`Invalid argument: ${v}`);
    return v;
  };

  const triggerObject = (record: TriggerRecord): object => {
    const trigger = {
      getHandlerFunction(): string {
        env.enter('Trigger.getHandlerFunction');
        return record.handler;
      },
      getEventType(): string {
        env.enter('Trigger.getEventType');
        return record.eventType;
      },
      getUniqueId(): string {
        env.enter('Trigger.getUniqueId');
        return record.id;
      },
      getTriggerSource(): string {
        env.enter('Trigger.getTriggerSource');
        return record.source;
      },
      getTriggerSourceId(): string | null {
        env.enter('Trigger.getTriggerSourceId');
        return record.sourceId ?? null;
      },
    };
    triggerIds.set(trigger, record.id);
    return trigger;
  };

  const install = (record: Omit<TriggerRecord, 'id' | 'createdBy' | 'createdAt'>): object => {
    if (state.triggers.length >= MAX_TRIGGERS) {
      throw env.error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    const full: TriggerRecord = {
      ...record,
      id: String(state.nextId++),
      createdBy: env.userEmail,
      createdAt: env.clock.now(),
    };
    state.triggers.push(full);
    return triggerObject(full);
  };

  const clockBuilder = (handler: string): object => {
    const schedule: ClockSchedule = {};
    const builder = {
      everyMinutes(n: unknown): object {
        env.enter('ClockTriggerBuilder.everyMinutes');
        if (typeof n !== 'number' || !VALID_MINUTES.includes(n)) {
          throw env.error('The value passed to everyMinutes() must be 1, 5, 10, 15 or 30.');
        }
        schedule.everyMinutes = n;
        return builder;
      },
      everyHours(n: unknown): object {
        env.enter('ClockTriggerBuilder.everyHours');
        if (typeof n !== 'number' || !VALID_HOURS.includes(n)) {
          throw env.error('The value passed to everyHours() must be 1, 2, 4, 6, 8 or 12.');
        }
        schedule.everyHours = n;
        return builder;
      },
      everyDays(n: unknown): object {
        env.enter('ClockTriggerBuilder.everyDays');
        schedule.everyDays = integerIn('ClockTriggerBuilder.everyDays', n, 1, 366);
        return builder;
      },
      everyWeeks(n: unknown): object {
        env.enter('ClockTriggerBuilder.everyWeeks');
        schedule.everyWeeks = integerIn('ClockTriggerBuilder.everyWeeks', n, 1, 52);
        return builder;
      },
      atHour(h: unknown): object {
        env.enter('ClockTriggerBuilder.atHour');
        schedule.atHour = integerIn('ClockTriggerBuilder.atHour', h, 0, 23);
        return builder;
      },
      nearMinute(m: unknown): object {
        env.enter('ClockTriggerBuilder.nearMinute');
        schedule.nearMinute = integerIn('ClockTriggerBuilder.nearMinute', m, 0, 59);
        return builder;
      },
      onMonthDay(d: unknown): object {
        env.enter('ClockTriggerBuilder.onMonthDay');
        schedule.onMonthDay = integerIn('ClockTriggerBuilder.onMonthDay', d, 1, 31);
        return builder;
      },
      onWeekDay(day: unknown): object {
        env.enter('ClockTriggerBuilder.onWeekDay');
        const name = String(day);
        if (!(name in WeekDay)) throw invalid('ClockTriggerBuilder.onWeekDay', [day]);
        schedule.onWeekDay = name as WeekDayName;
        return builder;
      },
      inTimezone(tz: unknown): object {
        env.enter('ClockTriggerBuilder.inTimezone');
        if (typeof tz !== 'string') throw invalid('ClockTriggerBuilder.inTimezone', [tz]);
        if (!isValidZone(tz)) throw env.error(`Invalid argument: ${tz}`);
        schedule.timeZone = tz;
        return builder;
      },
      at(date: unknown): object {
        env.enter('ClockTriggerBuilder.at');
        if (!types.isDate(date)) throw invalid('ClockTriggerBuilder.at', [date]);
        schedule.at = new Date(date.getTime());
        return builder;
      },
      atDate(year: unknown, month: unknown, day: unknown): object {
        env.enter('ClockTriggerBuilder.atDate');
        const y = integerIn('ClockTriggerBuilder.atDate', year, 1970, 9999);
        const m = integerIn('ClockTriggerBuilder.atDate', month, 1, 12);
        const d = integerIn('ClockTriggerBuilder.atDate', day, 1, 31);
        schedule.at = new Date(Date.UTC(y, m - 1, d));
        return builder;
      },
      after(ms: unknown): object {
        env.enter('ClockTriggerBuilder.after');
        if (typeof ms !== 'number' || ms < 0) throw invalid('ClockTriggerBuilder.after', [ms]);
        schedule.afterMs = ms;
        return builder;
      },
      create(): object {
        env.enter('ClockTriggerBuilder.create');
        const recurring =
          schedule.everyMinutes ??
          schedule.everyHours ??
          schedule.everyDays ??
          schedule.everyWeeks ??
          schedule.onMonthDay ??
          schedule.onWeekDay;
        if (recurring === undefined && schedule.at === undefined && schedule.afterMs === undefined) {
          throw env.error(
            'Clock triggers must have a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onMonthDay, onWeekDay, at or after before create().',
          );
        }
        if (schedule.atHour !== undefined && (schedule.everyMinutes !== undefined || schedule.everyHours !== undefined)) {
          throw env.error('atHour() can only be used with a daily, weekly or monthly schedule.');
        }
        return install({ handler, eventType: EventType.CLOCK, source: TriggerSource.CLOCK, clock: { ...schedule } });
      },
    };
    return builder;
  };

  const spreadsheetBuilder = (handler: string, sourceId: string): object => {
    let eventType: TriggerEventType | undefined;
    const choose = (method: string, type: TriggerEventType) => (): object => {
      env.enter(`SpreadsheetTriggerBuilder.${method}`);
      eventType = type;
      return builder;
    };
    const builder = {
      onOpen: choose('onOpen', EventType.ON_OPEN),
      onEdit: choose('onEdit', EventType.ON_EDIT),
      onChange: choose('onChange', EventType.ON_CHANGE),
      onFormSubmit: choose('onFormSubmit', EventType.ON_FORM_SUBMIT),
      create(): object {
        env.enter('SpreadsheetTriggerBuilder.create');
        if (eventType === undefined)
          throw env.error('Spreadsheet triggers need an event: call onOpen, onEdit, onChange or onFormSubmit before create().');
        return install({ handler, eventType, source: TriggerSource.SPREADSHEETS, sourceId });
      },
    };
    return builder;
  };

  return {
    AuthMode,
    EventType,
    TriggerSource,
    WeekDay,
    getScriptId(): string {
      env.enter('ScriptApp.getScriptId');
      return scriptId;
    },
    getService(): object {
      env.enter('ScriptApp.getService');
      return {
        getUrl(): string | null {
          env.enter('Service.getUrl');
          return state.webappUrl;
        },
        isEnabled(): boolean {
          env.enter('Service.isEnabled');
          return state.webappUrl !== null;
        },
      };
    },
    newTrigger(functionName: unknown): object {
      env.enter('ScriptApp.newTrigger');
      env.requireAuth('ScriptApp.newTrigger', SCRIPTAPP_SCOPE);
      if (typeof functionName !== 'string' || functionName === '') throw invalid('ScriptApp.newTrigger', [functionName]);
      return {
        timeBased(): object {
          env.enter('TriggerBuilder.timeBased');
          return clockBuilder(functionName);
        },
        forSpreadsheet(key: unknown): object {
          env.enter('TriggerBuilder.forSpreadsheet');
          // A Spreadsheet object or its id; this runtime serves a single spreadsheet.
          const id = typeof key === 'string' ? key : env.spreadsheetId;
          return spreadsheetBuilder(functionName, id);
        },
      };
    },
    getProjectTriggers(): object[] {
      env.enter('ScriptApp.getProjectTriggers');
      env.requireAuth('ScriptApp.getProjectTriggers', SCRIPTAPP_SCOPE);
      return env.array(state.triggers.map(triggerObject));
    },
    getUserTriggers(_spreadsheet: unknown): object[] {
      env.enter('ScriptApp.getUserTriggers');
      env.requireAuth('ScriptApp.getUserTriggers', SCRIPTAPP_SCOPE);
      return env.array(state.triggers.filter((t) => t.createdBy === env.userEmail).map(triggerObject));
    },
    deleteTrigger(trigger: unknown): void {
      env.enter('ScriptApp.deleteTrigger');
      env.requireAuth('ScriptApp.deleteTrigger', SCRIPTAPP_SCOPE);
      const id = typeof trigger === 'object' && trigger !== null ? triggerIds.get(trigger) : undefined;
      if (id === undefined) throw invalid('ScriptApp.deleteTrigger', [trigger]);
      const at = state.triggers.findIndex((t) => t.id === id);
      if (at >= 0) state.triggers.splice(at, 1);
    },
  };
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const WEEKDAY_NUMBER: Record<WeekDayName, number> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };

/**
 * When a clock trigger next fires strictly after `afterMs`, or undefined if it never will.
 *
 * Google runs a time trigger "at approximately" its hour (somewhere within it, or within
 * ±15 min of nearMinute); here it fires at the hour's nearMinute (default :00) exactly, so runs
 * are reproducible. A daily/weekly trigger without atHour keeps its creation hour. Periods count
 * from the creation time, in the trigger's zone (inTimezone, else the script's).
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder
 */
export function nextClockFire(t: TriggerRecord, afterMs: number, scriptTimeZone: string): number | undefined {
  const c = t.clock;
  if (!c) return undefined;
  const created = t.createdAt.getTime();
  if (c.at !== undefined || c.afterMs !== undefined) {
    const at = c.at !== undefined ? c.at.getTime() : created + (c.afterMs ?? 0);
    return at > afterMs && t.lastFiredAt === undefined ? at : undefined;
  }
  const periodic = (periodMs: number): number => {
    const k = Math.max(1, Math.floor((afterMs - created) / periodMs) + 1);
    return created + k * periodMs;
  };
  if (c.everyMinutes !== undefined) return periodic(c.everyMinutes * 60_000);
  if (c.everyHours !== undefined) return periodic(c.everyHours * 3_600_000);

  const zone = c.timeZone ?? scriptTimeZone;
  const createdLocal = DateTime.fromMillis(created, { zone });
  const hour = c.atHour ?? createdLocal.hour;
  const minute = c.nearMinute ?? 0;
  // Calendar days are walked as UTC dates (cheap); only a matching day is placed in the zone.
  const DAY = 86_400_000;
  const createdDay = Date.UTC(createdLocal.year, createdLocal.month - 1, createdLocal.day);
  const startLocal = DateTime.fromMillis(Math.max(afterMs, created), { zone });
  const startDay = Date.UTC(startLocal.year, startLocal.month - 1, startLocal.day);
  // A year and a bit bounds the search; every schedule here repeats well within it.
  for (let i = 0; i <= 400; i++) {
    const day = new Date(startDay + i * DAY);
    const daysSinceCreation = Math.round((day.getTime() - createdDay) / DAY);
    const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    let matches: boolean;
    if (c.onMonthDay !== undefined) matches = day.getUTCDate() === c.onMonthDay;
    else if (c.onWeekDay !== undefined)
      matches = weekday === WEEKDAY_NUMBER[c.onWeekDay] && Math.floor(daysSinceCreation / 7) % (c.everyWeeks ?? 1) === 0;
    else if (c.everyWeeks !== undefined) matches = daysSinceCreation % (7 * c.everyWeeks) === 0;
    else if (c.everyDays !== undefined) matches = daysSinceCreation % c.everyDays === 0;
    else return undefined;
    if (!matches) continue;
    const when = DateTime.fromObject(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
      { zone },
    ).toMillis();
    if (when > afterMs && when > created) return when;
  }
  return undefined;
}
