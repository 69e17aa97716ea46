/** Small builders for the scores' tests: task rows, log rows and a directory, in the office's terms. */
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits, type Unit } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import type { StatusCode } from '../../../src/core/ledger/status';
import type { TaskRow } from '../../../src/core/ledger/tasks';
import type { LogEntry, LogRole, Outcome } from '../../../src/core/notices/log';
import { type MonthInput, type MonthScores, scoreMonth } from '../../../src/core/scores/month';
import { defaultRules, type Rules } from '../../../src/core/scores/rules';

export const calendar = new WorkCalendar(shippedHolidayEntries());
export const zh = translator('zh-CN');
export const d = (m: number, date: number, y = 2026): Day => dayFromYmd(y, m, date);

/** A directory: 单位名称 | 单位类型 | 文明单位. */
export function directory(rows: [name: string, kind: string, civilized?: boolean][]): Unit[] {
  return parseUnits([['单位名称', '单位类型', '文明单位'], ...rows.map(([n, k, c]) => [n, k, c ? '是' : '否'])]).units;
}

export const UNITS = directory([
  ['市城管局', '市直部门', true],
  ['市住建局', '市直部门'],
  ['市交通局', '市直部门'],
  ['A区', '区县'],
  ['市档案馆', ''],
]);

let nextRow = 1;

export interface TaskSpec {
  key?: string;
  unit?: string;
  coUnits?: string[];
  status?: StatusCode;
  deadline?: Day;
  completed?: Day;
  statusChanged?: Day;
  reopenCount?: number;
  firstSeen?: Day;
  pointsLost?: unknown;
  task?: string;
}

/** A task row as the ledger reader gives it; `completed` is its 完成日期. */
export function task(spec: TaskSpec): TaskRow & { completed?: Day; pointsLost?: unknown } {
  const index = nextRow++;
  const units = spec.unit === undefined ? ['市城管局'] : spec.unit === '' ? [] : [spec.unit];
  return {
    index,
    key: spec.key ?? `DB-${String(index).padStart(4, '0')}`,
    task: spec.task ?? `任务${index}`,
    units,
    coUnits: spec.coUnits ?? [],
    place: '',
    status: spec.status ?? 'in_progress',
    deadline: spec.deadline === undefined ? undefined : { kind: 'date', day: spec.deadline, form: 'date-value' },
    effectiveDeadline: spec.deadline,
    firstSeen: spec.firstSeen ?? d(10, 1),
    state: { code: 'notDue', daysOverdue: 0 },
    previous: { state: undefined, reopenCount: spec.reopenCount ?? 0, statusChanged: spec.statusChanged },
    reopenCount: spec.reopenCount ?? 0,
    statusChanged: spec.statusChanged,
    stampCompleted: undefined,
    notes: [],
    problems: [],
    ...(spec.completed !== undefined ? { completed: spec.completed } : {}),
    ...(spec.pointsLost !== undefined ? { pointsLost: spec.pointsLost } : {}),
  };
}

let logRow = 1;

export interface EntrySpec {
  number: string;
  key: string;
  unit?: string;
  level: LogEntry['level'];
  day: Day;
  outcome?: Outcome;
  role?: LogRole;
  to?: string;
}

export function entry(spec: EntrySpec): LogEntry {
  return {
    index: logRow++,
    number: spec.number,
    time: undefined,
    day: spec.day,
    key: spec.key,
    unit: spec.unit ?? '市城管局',
    level: spec.level,
    ordinal: 1,
    deadline: undefined,
    to: spec.to ?? 'contact@example.cn',
    role: spec.role ?? 'contact',
    subject: '',
    outcome: spec.outcome ?? 'sent',
    detail: '',
  };
}

type Built = ReturnType<typeof task>;

/** November 2026 scored with the default rules unless told otherwise. */
export function november(
  tasks: Built[],
  extra: Partial<Omit<MonthInput, 'tasks' | 'rules'>> & { rules?: Partial<Rules> } = {},
): MonthScores {
  const { rules, ...rest } = extra;
  return scoreMonth({
    year: 2026,
    month: 11,
    tasks,
    completedOn: (t) => (t as Built).completed,
    pointsLost: (t) => (t as Built).pointsLost,
    entries: [],
    dryRun: false,
    units: UNITS,
    rules: { ...defaultRules(), ...rules },
    calendar,
    countDays: 'working',
    t: zh,
    ...rest,
  });
}

export function unitOf(scores: MonthScores, name: string) {
  const u = scores.units.find((s) => s.unit === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
}
