/**
 * 量化计分: one month's score for every unit in the directory, every point with its reason.
 *
 * 谁丢分、谁担责: a task's points fall on its lead unit (牵头单位); each co-unit (配合单位) also
 * loses the share of the lead's loss the 配合单位分担比例 rule gives (default 0). A unit starts
 * at the base score; each rule below adds or takes points, each as a BreakdownItem that names
 * the task row or the notice-log row it comes from, so the publication never shows a number
 * without its reason.
 *
 * Definitions, for month M with its first and last day (whole Days: the caller has applied the
 * spreadsheet's time zone). "Month end" is M's last day, or today when M has not ended yet.
 * - Done day (完成日): for a task closed (已销号) or submitted (待验收), its 完成日期, else its
 *   状态变更日期, else the day it was first seen (a task first seen closed was closed by then).
 * - Due in M (当月到期): its deadline in force (an approved extension, if any) falls in M. Paused
 *   tasks (暂缓) are due in no month, and tasks with no readable deadline in none either.
 * - Closed on time (按期销号): due in M, closed, and done on or before its deadline (a deadline
 *   on a holiday is met on the next working day, as for lateness everywhere). It earns the
 *   按期销号加分 once, in the month it was due, whenever it was done.
 * - Late from (逾期起算): its deadline; for a task reopened (反弹) by month end, its last
 *   reopening when that is later (or the new deadline set then, when later still): a relapse is
 *   never charged for the time the task was closed. A task reopened after month end whose
 *   完成日期 is on or before it is taken as it stood: closed.
 * - Overdue at month end (月末逾期): late from that day by month end (at least one day) and not
 *   done by then. Tasks overdue since an earlier month count again.
 * - Days overdue (逾期天数): for a task overdue at month end, its lateness at month end; for
 *   one done late within M, its lateness on its done day; counted as the settings' 天数计算方式
 *   says. Only the days beyond the threshold cost points, up to the cap per task.
 * - Notices (督办, 通报批评, 约谈): each notice number whose first delivery counted as given
 *   (isGiven: sent or possibly sent; test ones during a dry run) falls in M. One number is one
 *   notice however many people it went to; it counts for the unit the log names.
 * - Relapse (反弹): each relapse the log records (督办记录, level 反弹: the sweep logs every
 *   reopening once, dated the day it was reopened) whose day falls in M, charged to the task's
 *   lead unit, with the log row as its source. A relapse closed again within the month still
 *   counts; a task sent back (退回) is not a relapse.
 * - Points lost in an outside check (失分/扣分 column): counted in the month of the task's
 *   deadline (of the month it was first seen, when it has no deadline), times the
 *   测评失分计入比例 rule.
 * - 整改率 = closed on time ÷ due in M; none when nothing was due.
 * - In play (督办中): a task open at some time in M (seen by month end, not paused, not done
 *   before M), overdue, due, closed or reopened in it. A unit is ranked when a task it leads was in
 *   play or a notice was given it in M; one with none is 本月无督办任务, listed without a rank.
 * The figures are read from the ledger as it is when the month is scored: a deadline extended
 * since, or a completion date corrected since, changes them, and republishing shows that.
 */
import type { WorkCalendar } from '../calendar/calendar';
import { type Day, dayFromYmd, daysInMonth, formatDay } from '../calendar/day';
import { addressesIn, matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import { daysLate } from '../ledger/state';
import type { TaskRow } from '../ledger/tasks';
import { isGiven, isNoticeEntry, type LogEntry } from '../notices/log';
import { cellText } from '../text/text';
import { normalizeWord } from '../text/vocabulary';
import { type RuleKey, type Rules, ruleLabel } from './rules';

/** Where a point comes from: a task row or a notice-log row (1-based sheet rows). */
export type ScoreSource = { kind: 'task'; key: string; row: number } | { kind: 'log'; number: string; row: number };

export interface BreakdownItem {
  /** The unit whose score it is, as the directory names it. */
  unit: string;
  rule: RuleKey;
  /** Negative: points lost; positive: points gained. Rounded to hundredths. */
  points: number;
  source: ScoreSource;
  /** Why, in the office's words: the task's deadline and lateness, the notice number and day. */
  note: string;
  /** For a co-unit's share: the lead unit whose loss it shares. */
  shareOf?: string;
}

export interface UnitScore {
  unit: string;
  /** 单位类别 from the directory; a blank category is uncategorised (未分类), a category of its own. */
  category: string;
  /** The directory marks it 文明单位. */
  civilized: boolean;
  base: number;
  /** base + every item's points, rounded to hundredths. */
  score: number;
  /** 整改率: closedOnTime ÷ dueCount; undefined when nothing was due. */
  rate: number | undefined;
  dueCount: number;
  closedOnTime: number;
  overdueAtEnd: number;
  /** Days overdue, before the threshold, summed over the tasks measured in the month. */
  overdueDays: number;
  notices: number;
  criticisms: number;
  interviews: number;
  relapses: number;
  /**
   * 未送达: tasks overdue at month end that never got a 整改通知 because the unit has no valid
   * address at all: the bulletin says so, and none of them counts as a notice failed.
   */
  undelivered: number;
  breakdown: BreakdownItem[];
  /** 上榜理由: why it is on the 红榜 or 黑榜, drawn from its figures (ranking.ts sets it for a unit on a list). */
  listReason?: string;
  /** Its place in its category, once ranked (ranking.ts). */
  rank?: number;
  /** Tasks it leads that were in play (督办中) in the month: open, overdue, due, closed or reopened in it. */
  tasksInPlay: number;
  /** Ranked: it had work in play in the month (a task in play, or a 督办, 通报批评 or 约谈 given it). */
  ranked: boolean;
  /** 本月无督办任务 (score.noTasks): no work in play, so listed without a rank; its month neither counts toward nor breaks a bottom-three run. */
  noTasks: boolean;
}

/** A unit and task named for 通报批评 or 约谈 in the month, with its notice number. */
export interface NamedNotice {
  level: 'criticism' | 'interview';
  number: string;
  /** The unit as the directory names it, or as the log has it when the directory does not. */
  unit: string;
  key: string;
  /** The task's text, '' when the task is no longer in the ledger; for a 通报, its matters: 背街小巷垃圾堆积（DB-0001）；…. */
  task: string;
  day: Day;
  /** A 通报批评 held for the bulletin (随月度通报): no 文号 of its own, the bulletin is its 通报. */
  held: boolean;
  /** 1-based rows: the notice's first delivery in the log, and the task's row when found. */
  logRow: number;
  taskRow: number | undefined;
  /** 约谈完成日期: the 约谈 was held (约谈安排 says so). */
  heldOn?: Day;
}

/** The month's figures over the whole ledger (units outside the directory included). */
export interface MonthSummary {
  due: number;
  /** Due in the month and closed, done by month end. */
  closed: number;
  closedOnTime: number;
  overdueAtEnd: number;
  rate: number | undefined;
  notices: number;
  criticisms: number;
  interviews: number;
  relapses: number;
}

export interface ScoreProblem {
  source: ScoreSource;
  message: string;
}

export interface MonthScores {
  year: number;
  month: number;
  first: Day;
  last: Day;
  /** The day the month-end figures are taken on: the last day, or today for a month not ended yet. */
  asOf: Day;
  /** Every directory unit, in directory order. */
  units: UnitScore[];
  summary: MonthSummary;
  /** 通报批评 and 约谈 of the month, by day then number. */
  named: NamedNotice[];
  /** Tasks and notices whose points could not go to a unit, and unreadable 失分 cells. */
  problems: ScoreProblem[];
}

export interface MonthInput {
  year: number;
  /** 1-12 */
  month: number;
  tasks: readonly TaskRow[];
  /** The task's 完成日期 (or, lacking it, the status change date of a closed task). */
  completedOn: (task: TaskRow) => Day | undefined;
  /** The task's 失分/扣分 cell as read, when the ledger has such a column. */
  pointsLost?: (task: TaskRow) => unknown;
  entries: readonly LogEntry[];
  /** 试运行: test deliveries count as given, as they do for the ladder. */
  dryRun: boolean;
  units: Unit[];
  rules: Rules;
  calendar: WorkCalendar;
  countDays: 'working' | 'calendar';
  t: Translate;
  /** When the month has not ended yet, its figures are as of this day. */
  today?: Day;
  /** 约谈完成日期 by 约谈通知文号, as 约谈安排 has them: the bulletin says 已约谈. */
  interviewsHeld?: ReadonlyMap<string, Day>;
}

/** Hundredths, rounded half away from zero, so that 0.1 + 0.2 shows as 0.3 and -0.125 as -0.13. */
export function roundPoints(x: number): number {
  const r = (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
  return r === 0 ? 0 : r;
}

const NO_POINTS = new Set(['无', '-', '—', '/', '不扣分', '未扣分', '不失分', '未失分', 'none', 'n/a', 'na'].map(normalizeWord));

/**
 * Points a 失分/扣分 cell records, as a magnitude: 2, -2, '2分', '扣2分', '资料不全扣0.5分'.
 * Blank is undefined; '无' is 0; text with no number, or with several, is 'bad' (which one?).
 */
export function readPointsLost(raw: unknown): number | undefined | 'bad' {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.abs(raw) : 'bad';
  const text = cellText(raw);
  if (text === '') return undefined;
  const word = normalizeWord(text);
  if (NO_POINTS.has(word)) return 0;
  const numbers = word.match(/\d+(?:\.\d+)?/g) ?? [];
  return numbers.length === 1 ? Number(numbers[0]) : 'bad';
}

/** The month's days, and how lateness is counted in it (天数计算方式). */
export interface MonthFrame {
  first: Day;
  last: Day;
  /** The day the month-end figures are taken on. */
  asOf: Day;
  inMonth: (day: Day | undefined) => day is Day;
  late: (deadline: Day, day: Day) => number;
  /** 工作日 or 自然日, as the notes say it. */
  dayWord: string;
}

/** A point found for a task's lead unit (or a notice's unit), before the co-units' shares. */
type Charge = Omit<BreakdownItem, 'unit'>;

/** Points with their reasons, each on the unit it falls on, and what could not be charged. */
export interface Charged {
  items: BreakdownItem[];
  problems: ScoreProblem[];
}

/**
 * Scores one month in three steps: the facts of each task and each notice given in the month;
 * then the points they cost or earn, on the lead unit (and the co-units' shares) or the unit the
 * log names; then each unit's tally: its counts, its total, whether it is ranked.
 */
export function scoreMonth(input: MonthInput): MonthScores {
  const frame = monthFrame(input);
  const reopenings = reopeningsByTask(input.entries);
  const tasks = input.tasks.map((task) => taskFacts(task, input, frame, reopenings.get(task.key) ?? []));
  const byKey = tasksByKey(input.tasks);
  const notices = [...givenNotices(input.entries, input.dryRun), ...heldCriticisms(input.entries)]
    .filter((notice) => frame.inMonth(notice.day))
    .map((notice) => noticeFacts(notice, byKey, input));

  const charged = [...tasks.map((f) => chargeTask(f, input, frame)), ...notices.map((n) => chargeNotice(n, input))];
  const { units, summary, problems } = tallyUnits(input, tasks, notices, charged);

  const named = notices.flatMap((n) => (n.named ? namedTasks(n.named, n.notice.first, input, byKey) : []));
  named.sort((a, b) => a.day - b.day || a.logRow - b.logRow);
  return { year: input.year, month: input.month, first: frame.first, last: frame.last, asOf: frame.asOf, units, summary, named, problems };
}

/** The month's first and last day, the day its end is measured on (today, for a month not ended), and the day count. */
export function monthFrame(input: MonthInput): MonthFrame {
  const first = dayFromYmd(input.year, input.month, 1);
  const last = dayFromYmd(input.year, input.month, daysInMonth(input.year, input.month));
  const asOf = input.today !== undefined && input.today < last ? Math.max(input.today, first - 1) : last;
  return {
    first,
    last,
    asOf,
    inMonth: (day: Day | undefined): day is Day => day !== undefined && day >= first && day <= asOf,
    late: (deadline, day) => daysLate(deadline, day, input.calendar, { dueSoonDays: 0, countDays: input.countDays }),
    dayWord: input.t(input.countDays === 'working' ? 'score.dayWord.working' : 'score.dayWord.calendar'),
  };
}

/**
 * Step 3, the tallies: each directory unit's counts from the facts of the tasks it leads and the
 * notices given it, its breakdown from the charges, its total and 整改率; ranked when it had work
 * in play (a task in play, or a notice given in the month), else 本月无督办任务. And the month's
 * figures over the whole ledger, and every problem once.
 */
export function tallyUnits(
  input: MonthInput,
  tasks: readonly TaskFacts[],
  notices: readonly NoticeFacts[],
  charged: readonly Charged[],
): { units: UnitScore[]; summary: MonthSummary; problems: ScoreProblem[] } {
  const scores = new Map<string, UnitScore>();
  for (const unit of input.units) scores.set(unit.name, startingScore(unit, input));
  const summary = emptySummary();
  const noticed = new Set(input.entries.filter((e) => e.level === 'notice' && isGiven(e.outcome, input.dryRun)).map((e) => e.key));
  const directory = new Map(input.units.map((u) => [u.name, u] as const));
  for (const f of tasks) {
    addTaskToSummary(summary, f);
    if (!f.lead) continue;
    const score = scores.get(f.lead)!;
    addTaskCounts(score, f);
    if (f.overdueAtEnd && !noticed.has(f.task.key) && unreachable(directory.get(f.lead)!)) score.undelivered++;
  }
  for (const n of notices) {
    addNoticeCount(summary, n.level);
    if (n.unit) addNoticeCount(scores.get(n.unit)!, n.level);
  }
  const problems = [...tasks.flatMap((f) => f.problems), ...notices.flatMap((n) => n.problems)];
  for (const c of charged) {
    // A co-unit the directory lacks is reported once per source, however many points it shares.
    for (const p of c.problems) if (!problems.some((q) => q.message === p.message && sameSource(q.source, p.source))) problems.push(p);
    for (const item of c.items) scores.get(item.unit)!.breakdown.push(item);
  }
  summary.rate = summary.due > 0 ? summary.closedOnTime / summary.due : undefined;
  return { units: [...scores.values()].map(finalScore), summary, problems };
}

/** A unit's score before the month: the base score (基础分), nothing counted yet. */
function startingScore(unit: Unit, input: MonthInput): UnitScore {
  return {
    unit: unit.name,
    category: unit.kind.trim() || input.t('score.uncategorised'),
    civilized: unit.civilized,
    base: input.rules.base,
    score: input.rules.base,
    rate: undefined,
    dueCount: 0,
    closedOnTime: 0,
    overdueAtEnd: 0,
    overdueDays: 0,
    notices: 0,
    criticisms: 0,
    interviews: 0,
    relapses: 0,
    undelivered: 0,
    breakdown: [],
    tasksInPlay: 0,
    ranked: false,
    noTasks: true,
  };
}

/** Whether a unit's directory row has no valid address at all (contact, head, leader): its notices wait, undelivered. */
function unreachable(unit: Unit): boolean {
  return [unit.contactEmail, unit.headEmail, unit.leaderEmail].every((cell) => addressesIn(cell).length === 0);
}

function emptySummary(): MonthSummary {
  return { due: 0, closed: 0, closedOnTime: 0, overdueAtEnd: 0, rate: undefined, notices: 0, criticisms: 0, interviews: 0, relapses: 0 };
}

/** The score as published: base plus every item, the 整改率, ranked when it had work in play. */
function finalScore(score: UnitScore): UnitScore {
  score.score = roundPoints(score.base + score.breakdown.reduce((sum, item) => sum + item.points, 0));
  score.rate = score.dueCount > 0 ? score.closedOnTime / score.dueCount : undefined;
  score.ranked = score.tasksInPlay > 0 || score.notices + score.criticisms + score.interviews > 0;
  score.noTasks = !score.ranked;
  return score;
}

/** Every reopening (反弹) the log records, by task. */
function reopeningsByTask(entries: readonly LogEntry[]): Map<string, LogEntry[]> {
  const byTask = new Map<string, LogEntry[]>();
  for (const e of entries) if (e.level === 'reopen') byTask.set(e.key, [...(byTask.get(e.key) ?? []), e]);
  return byTask;
}

/** The first task row of each key: the task a notice names. */
function tasksByKey(tasks: readonly TaskRow[]): Map<string, TaskRow> {
  const byKey = new Map<string, TaskRow>();
  for (const task of tasks) if (task.key !== '' && !byKey.has(task.key)) byKey.set(task.key, task);
  return byKey;
}

/** The unit a name stands for in the directory, as the scores are keyed. */
function unitNamed(name: string, input: MonthInput): string | undefined {
  return matchUnit(name, input.units)?.name;
}

/** Step 1: what a task shows in the month, by the definitions above. */
export interface TaskFacts {
  task: TaskRow;
  source: ScoreSource;
  /** Its lead unit as the directory names it; undefined when the directory lacks it. */
  lead: string | undefined;
  deadline: Day | undefined;
  done: Day | undefined;
  due: boolean;
  /** Due in the month, closed, and done by month end. */
  closedByEnd: boolean;
  onTime: boolean;
  overdueAtEnd: boolean;
  /** The day its lateness counts from: its deadline, or its last reopening (反弹) by month end when later. */
  lateFrom: Day | undefined;
  /** Its last reopening by month end, when it has been reopened. */
  reopenedOn: Day | undefined;
  lateDays: number;
  /** The month's relapses, as the log records them. */
  relapses: LogEntry[];
  /** Points lost in an outside check counted this month (0 when none). */
  external: number;
  /** The 失分 cell as read. */
  raw: unknown;
  /** In play (督办中) at some time in the month: open, overdue, due, closed or reopened in it. */
  inPlay: boolean;
  problems: ScoreProblem[];
}

/** Its last reopening by `asOf`: the log's 反弹 events, or its 状态变更日期 for one the log has not recorded yet. */
function lastReopening(task: TaskRow, reopenings: readonly LogEntry[], asOf: Day): Day | undefined {
  const days = reopenings.flatMap((e) => (e.day !== undefined && e.day <= asOf ? [e.day] : []));
  const unlogged = task.reopenCount > reopenings.length && task.statusChanged !== undefined && task.statusChanged <= asOf;
  if (unlogged) days.push(task.statusChanged!);
  return days.length > 0 ? Math.max(...days) : undefined;
}

/**
 * A task reopened since month end whose 完成日期 is on or before it (and after any earlier
 * reopening): it stood closed at month end, and the month takes it so.
 */
function closedAtMonthEnd(
  task: TaskRow,
  input: MonthInput,
  reopenings: readonly LogEntry[],
  reopenedOn: Day | undefined,
  asOf: Day,
): boolean {
  if (task.status === 'closed' || !reopenings.some((e) => e.day !== undefined && e.day > asOf)) return false;
  const done = input.completedOn(task);
  return done !== undefined && done <= asOf && (reopenedOn === undefined || done >= reopenedOn);
}

/**
 * Step 1, a task's facts: done day, due, on time, overdue at month end and days late (from its
 * deadline, or from its reopening: a 反弹 is never charged for the time it was closed), the
 * month's relapses, outside losses, and whether it was in play. `reopenings`: the log's 反弹
 * events of the task, every month's.
 */
export function taskFacts(task: TaskRow, input: MonthInput, frame: MonthFrame, reopenings: readonly LogEntry[]): TaskFacts {
  const { first, last, asOf, inMonth, late } = frame;
  const source: ScoreSource = { kind: 'task', key: task.key, row: task.index + 1 };
  const deadline = task.effectiveDeadline;
  const paused = task.status === 'paused';
  const reopenedOn = lastReopening(task, reopenings, asOf);
  const closed = task.status === 'closed' || closedAtMonthEnd(task, input, reopenings, reopenedOn, asOf);
  const done = closed || task.status === 'submitted' ? (input.completedOn(task) ?? task.statusChanged ?? task.firstSeen) : undefined;
  const doneByEnd = done !== undefined && done <= asOf;
  const lateFrom = deadline === undefined ? undefined : reopenedOn !== undefined && reopenedOn > deadline ? reopenedOn : deadline;

  const due = !paused && deadline !== undefined && deadline >= first && deadline <= last;
  const onTime = due && closed && done !== undefined && late(deadline, done) === 0;
  const overdueAtEnd = !paused && lateFrom !== undefined && !doneByEnd && late(lateFrom, asOf) > 0;
  const lateDays = lateFrom === undefined || paused ? 0 : overdueAtEnd ? late(lateFrom, asOf) : inMonth(done) ? late(lateFrom, done) : 0;
  const relapses = reopenings.filter((e) => inMonth(e.day));

  const { external, raw, problems } = outsideLoss(task, input, frame, source);
  const counts = due || overdueAtEnd || lateDays !== 0 || relapses.length > 0 || external !== 0;
  const open = !paused && task.status !== 'unknown' && task.firstSeen <= asOf && (done === undefined || done >= first);
  const inPlay = counts || open || inMonth(done);
  const leadName = task.units[0] ?? '';
  const lead = unitNamed(leadName, input);
  if (!lead && counts) {
    const { t } = input;
    problems.push({ source, message: leadName === '' ? t('score.problem.noUnit') : t('score.problem.unknownUnit', { unit: leadName }) });
  }
  const closedByEnd = due && closed && doneByEnd;
  const facts = { deadline, done, due, closedByEnd, onTime, overdueAtEnd, lateFrom, reopenedOn, lateDays, relapses, external, raw };
  return { task, source, lead, ...facts, inPlay, problems };
}

/** Points lost in an outside check (失分), counted in the month of the task's deadline (else of its first sighting). */
function outsideLoss(
  task: TaskRow,
  input: MonthInput,
  frame: MonthFrame,
  source: ScoreSource,
): { external: number; raw: unknown; problems: ScoreProblem[] } {
  const raw = input.pointsLost?.(task);
  const lost = raw === undefined ? undefined : readPointsLost(raw);
  const lossMonthDay = task.effectiveDeadline ?? task.firstSeen;
  const lossInMonth = lost !== undefined && lossMonthDay >= frame.first && lossMonthDay <= frame.last;
  const problems: ScoreProblem[] =
    lossInMonth && lost === 'bad' ? [{ source, message: input.t('score.problem.badPoints', { text: cellText(raw) }) }] : [];
  return { external: lossInMonth && typeof lost === 'number' ? lost : 0, raw, problems };
}

function addTaskToSummary(summary: MonthSummary, f: TaskFacts): void {
  summary.due += f.due ? 1 : 0;
  summary.closed += f.closedByEnd ? 1 : 0;
  summary.closedOnTime += f.onTime ? 1 : 0;
  summary.overdueAtEnd += f.overdueAtEnd ? 1 : 0;
  summary.relapses += f.relapses.length;
}

function addTaskCounts(score: UnitScore, f: TaskFacts): void {
  score.tasksInPlay += f.inPlay ? 1 : 0;
  score.dueCount += f.due ? 1 : 0;
  score.closedOnTime += f.onTime ? 1 : 0;
  score.overdueAtEnd += f.overdueAtEnd ? 1 : 0;
  score.overdueDays += f.lateDays;
  score.relapses += f.relapses.length;
}

/** Step 2, a task's charges: its points on its lead unit, each loss shared with its co-units; none without a lead. */
export function chargeTask(f: TaskFacts, input: MonthInput, frame: MonthFrame): Charged {
  if (!f.lead) return { items: [], problems: [] };
  return withShares(f.lead, f.task, taskCharges(f, input, frame), input);
}

/** The task's points: 按期销号 gained; 月末逾期, 逾期天数, each 反弹 and outside losses taken. */
function taskCharges(f: TaskFacts, input: MonthInput, frame: MonthFrame): Charge[] {
  const { rules, t } = input;
  const { asOf } = frame;
  const { source } = f;
  const charges: Charge[] = [];
  if (f.onTime) {
    const note = t('score.note.closedOnTime', { done: formatDay(f.done!), deadline: formatDay(f.deadline!) });
    charges.push({ rule: 'closedOnTime', points: rules.closedOnTime, source, note });
  }
  if (f.overdueAtEnd) {
    const note =
      f.lateFrom !== f.deadline
        ? t('score.note.overdueTaskReopened', { date: formatDay(asOf), deadline: formatDay(f.deadline!), reopened: formatDay(f.lateFrom!) })
        : t('score.note.overdueTask', { date: formatDay(asOf), deadline: formatDay(f.deadline!) });
    charges.push({ rule: 'overdueTask', points: -rules.overdueTask, source, note });
  }
  const beyond = Math.max(0, f.lateDays - rules.overdueDayThreshold);
  if (beyond > 0) charges.push(overdueDayCharge(f, beyond, input, frame));
  for (const e of f.relapses) {
    const note = t('score.note.relapse', { date: formatDay(e.day!), count: e.ordinal });
    charges.push({ rule: 'relapse', points: -rules.relapse, source: { kind: 'log', number: '', row: e.index + 1 }, note });
  }
  if (f.external > 0) {
    const note =
      t('score.note.external', { text: cellText(f.raw) }) +
      (rules.externalLoss !== 1 ? t('score.note.externalWeight', { weight: rules.externalLoss }) : '') +
      (f.deadline === undefined ? t('score.note.externalNoDeadline') : '');
    charges.push({ rule: 'externalLoss', points: -f.external * rules.externalLoss, source, note });
  }
  return charges;
}

/** 逾期天数: the days beyond the threshold, each at its rate, up to the cap per task. */
function overdueDayCharge(f: TaskFacts, beyond: number, input: MonthInput, frame: MonthFrame): Charge {
  const { rules, t } = input;
  const { asOf, dayWord } = frame;
  const uncapped = beyond * rules.overdueDay;
  const capped = uncapped > rules.overdueDayCap;
  const when = f.overdueAtEnd
    ? t('score.note.lateAtEnd', { date: formatDay(asOf), days: f.lateDays, dayWord })
    : t('score.note.lateDone', { date: formatDay(f.done!), days: f.lateDays, dayWord });
  return {
    rule: 'overdueDay',
    points: -Math.min(uncapped, rules.overdueDayCap),
    source: f.source,
    note:
      when +
      t('score.note.beyond', { threshold: rules.overdueDayThreshold, beyond, per: rules.overdueDay, dayWord }) +
      (capped ? t('score.note.capped', { cap: rules.overdueDayCap }) : ''),
  };
}

/**
 * The charges as breakdown items on the lead unit, each loss followed by each co-unit's share
 * (配合单位分担比例); a co-unit the directory does not know is reported once per source.
 */
function withShares(lead: string, task: TaskRow | undefined, charges: Charge[], input: MonthInput): Charged {
  const { rules, t } = input;
  const out: Charged = { items: [], problems: [] };
  for (const charge of charges) {
    const points = roundPoints(charge.points);
    if (points === 0) continue;
    out.items.push({ unit: lead, ...charge, points });
    if (points >= 0 || rules.coUnitShare <= 0 || !task) continue;
    for (const name of task.coUnits) {
      const co = unitNamed(name, input);
      if (!co) {
        const message = t('score.problem.unknownCoUnit', { unit: name });
        if (!out.problems.some((p) => p.message === message && sameSource(p.source, charge.source)))
          out.problems.push({ source: charge.source, message });
        continue;
      }
      const share = roundPoints(points * rules.coUnitShare);
      if (co === lead || share === 0) continue;
      const note = t('score.note.share', { lead, rule: ruleLabel(charge.rule, t), points: -points, share: rules.coUnitShare });
      out.items.push({ unit: co, rule: charge.rule, points: share, source: charge.source, note, shareOf: lead });
    }
  }
  return out;
}

type LadderLevel = 'notice' | 'criticism' | 'interview';

function addNoticeCount(counts: Pick<MonthSummary, 'notices' | 'criticisms' | 'interviews'>, level: LadderLevel): void {
  if (level === 'notice') counts.notices++;
  else if (level === 'criticism') counts.criticisms++;
  else counts.interviews++;
}

/** Step 1, a notice given in the month: its level, the unit it counts for, what the bulletin names. */
export interface NoticeFacts {
  notice: GivenNotice;
  level: LadderLevel;
  source: ScoreSource;
  /** The unit as the directory names it; undefined when the directory lacks it (a problem says so). */
  unit: string | undefined;
  /** Its task, whose co-units share its points. */
  task: TaskRow | undefined;
  /** 通报批评 and 约谈 are named in the bulletin; a 督办 is only counted. */
  named: NamedNotice | undefined;
  problems: ScoreProblem[];
}

/** Step 1, a notice's facts. */
function noticeFacts(notice: GivenNotice, byKey: ReadonlyMap<string, TaskRow>, input: MonthInput): NoticeFacts {
  const { t } = input;
  const e = notice.first;
  const level = e.level as LadderLevel;
  const source: ScoreSource = { kind: 'log', number: e.number, row: e.index + 1 };
  const unit = unitNamed(e.unit, input);
  const { task, text, key } = noticeMatters(notice, byKey, t);
  const named: NamedNotice | undefined =
    level === 'notice'
      ? undefined
      : {
          level,
          number: e.number,
          unit: unit ?? e.unit,
          key,
          task: text,
          day: notice.day,
          held: notice.held === true,
          logRow: e.index + 1,
          taskRow: task ? task.index + 1 : undefined,
        };
  const problems = unit ? [] : [{ source, message: t('score.problem.logUnknownUnit', { number: e.number, unit: e.unit }) }];
  return { notice, level, source, unit, task, named, problems };
}

/** Step 2, a notice's charges: 通报批评 and 约谈 cost their unit points (shared with the task's co-units); a 督办 costs none. */
function chargeNotice(n: NoticeFacts, input: MonthInput): Charged {
  if (!n.unit || n.level === 'notice') return { items: [], problems: [] };
  const { rules, t } = input;
  const { notice } = n;
  const noteKey = notice.held ? 'score.note.criticismHeld' : n.level === 'criticism' ? 'score.note.criticism' : 'score.note.interview';
  const note = t(noteKey, { number: notice.first.number, date: formatDay(notice.day) });
  return withShares(n.unit, n.task, [{ rule: n.level, points: -rules[n.level], source: n.source, note }], input);
}

/**
 * What a notice is about: its task; or, for a 通报 (its events: one per task), each task with its
 * key, the first one's co-units sharing its points.
 */
function noticeMatters(
  notice: GivenNotice,
  byKey: ReadonlyMap<string, TaskRow>,
  t: Translate,
): { task: TaskRow | undefined; text: string; key: string } {
  if (!notice.events) {
    const task = byKey.get(notice.first.key);
    return { task, text: task?.task ?? '', key: notice.first.key };
  }
  const keys = [...new Set(notice.events.map((e) => e.key))];
  const text = keys.map((key) => t('pub.matter', { task: byKey.get(key)?.task ?? '', key })).join(t('pub.matterSep'));
  return { task: keys.map((key) => byKey.get(key)).find((x) => x !== undefined), text, key: keys.join(t('mail.and')) };
}

/**
 * A 约谈通知 named in the bulletin (issue 14, 约谈 is decided by a person): its delivery rows are
 * keyed by the document (§ and its number), so it names the tasks of its case instead, each from
 * the case's event rows (约谈, 已记录, the same 约谈编号 in 序次), with 已约谈 when it was held.
 * Every other named notice is as found.
 */
function namedTasks(named: NamedNotice, first: LogEntry, input: MonthInput, byKey: ReadonlyMap<string, TaskRow>): NamedNotice[] {
  if (named.level !== 'interview' || !first.key.startsWith('§')) return [named];
  const heldOn = input.interviewsHeld?.get(named.number);
  const keys = [
    ...new Set(
      input.entries
        .filter((e) => e.level === 'interview' && e.outcome === 'recorded' && e.ordinal === first.ordinal && !e.key.startsWith('§'))
        .map((e) => e.key),
    ),
  ];
  const held = heldOn === undefined ? {} : { heldOn };
  if (keys.length === 0) return [{ ...named, ...held }];
  return keys.map((key) => {
    const task = byKey.get(key);
    return { ...named, key, task: task?.task ?? '', taskRow: task ? task.index + 1 : undefined, ...held };
  });
}

function sameSource(a: ScoreSource, b: ScoreSource): boolean {
  return a.kind === b.kind && a.row === b.row;
}

export interface GivenNotice {
  /** The delivery that was given first: its day is the notice's day, its row the notice's row. */
  first: LogEntry;
  day: Day;
  /** A 通报 (issue 14): the events it left, one per task (通报批评, 已记录). */
  events?: LogEntry[];
  /** Held for the bulletin (随月度通报): no 文号, no mail. */
  held?: boolean;
}

/** A 通报批评 recorded against a task (issue 14): the event row a 通报, or the bulletin, carries it by. */
const isCircularEvent = (e: LogEntry): boolean => e.level === 'criticism' && e.outcome === 'recorded';

/**
 * Each document number given (整改通知, 通报 for 通报批评, 约谈通知), with the day it first was: a
 * document is counted once however many people it went to. The events beside them (a task put in
 * a 通报, proposed for 约谈) are not given documents and count nothing here; a 通报 (its deliveries
 * under §+文号) carries the tasks its events name.
 */
function givenNotices(entries: readonly LogEntry[], dryRun: boolean): GivenNotice[] {
  const byNumber = new Map<string, GivenNotice>();
  const events = new Map<string, LogEntry[]>();
  for (const e of entries) if (isCircularEvent(e) && e.number !== '') events.set(e.number, [...(events.get(e.number) ?? []), e]);
  for (const e of entries) {
    if (!isNoticeEntry(e) || e.level === 'reminder') continue;
    if (e.number === '' || e.day === undefined || !isGiven(e.outcome, dryRun)) continue;
    const known = byNumber.get(e.number);
    if (!known || e.day < known.day || (e.day === known.day && e.index < known.first.index))
      byNumber.set(e.number, { first: e, day: e.day, ...(e.key.startsWith('§') ? { events: events.get(e.number) ?? [] } : {}) });
  }
  return [...byNumber.values()];
}

/** 通报批评 held for the bulletin (随月度通报): the events without a 文号, one criticism per unit and day. */
function heldCriticisms(entries: readonly LogEntry[]): GivenNotice[] {
  const byUnitDay = new Map<string, GivenNotice>();
  for (const e of entries) {
    if (!isCircularEvent(e) || e.number !== '' || e.day === undefined) continue;
    const id = `${e.unit}|${e.day}`;
    const known = byUnitDay.get(id);
    if (known) known.events!.push(e);
    else byUnitDay.set(id, { first: e, day: e.day, events: [e], held: true });
  }
  return [...byUnitDay.values()];
}
