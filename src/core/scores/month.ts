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
 * - Overdue at month end (月末逾期): its deadline had passed by month end (at least one day
 *   late) and it was not done by then. Tasks overdue since an earlier month count again.
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
  /** Ranked: it had a task due in the month. A unit with none is listed, not ranked. */
  ranked: boolean;
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
interface MonthFrame {
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
interface Charged {
  items: BreakdownItem[];
  problems: ScoreProblem[];
}

/**
 * Scores one month: each task's points on its lead unit (and the co-units' shares), then each
 * notice given in the month on the unit the log names; then each unit's total and 整改率.
 */
export function scoreMonth(input: MonthInput): MonthScores {
  const frame = monthFrame(input);
  const scores = new Map<string, UnitScore>();
  for (const unit of input.units) scores.set(unit.name, startingScore(unit, input));
  const summary = emptySummary();
  const problems: ScoreProblem[] = [];
  const book = (charged: Charged): void => {
    // A co-unit the directory lacks is reported once per source, however many points it shares.
    for (const p of charged.problems)
      if (!problems.some((q) => q.message === p.message && sameSource(q.source, p.source))) problems.push(p);
    for (const item of charged.items) scores.get(item.unit)!.breakdown.push(item);
  };

  const relapsesOf = relapsesByTask(input.entries, frame);
  const noticed = new Set(input.entries.filter((e) => e.level === 'notice' && isGiven(e.outcome, input.dryRun)).map((e) => e.key));
  const directory = new Map(input.units.map((u) => [u.name, u] as const));
  for (const task of input.tasks) {
    const found = scoreTask(task, input, frame, relapsesOf.get(task.key) ?? []);
    addTaskToSummary(summary, found.figures);
    problems.push(...found.problems);
    if (!found.lead) continue;
    addTaskCounts(scores.get(found.lead)!, found.figures);
    if (found.figures.overdueAtEnd && !noticed.has(task.key) && unreachable(directory.get(found.lead)!))
      scores.get(found.lead)!.undelivered++;
    book(found.charged);
  }

  const named: NamedNotice[] = [];
  const byKey = tasksByKey(input.tasks);
  for (const notice of [...givenNotices(input.entries, input.dryRun), ...heldCriticisms(input.entries)]) {
    if (!frame.inMonth(notice.day)) continue;
    const found = scoreNotice(notice, byKey, input);
    addNoticeCount(summary, found.level);
    if (found.named) named.push(...namedTasks(found.named, notice.first, input, byKey));
    problems.push(...found.problems);
    if (!found.unit) continue;
    addNoticeCount(scores.get(found.unit)!, found.level);
    book(found.charged);
  }
  named.sort((a, b) => a.day - b.day || a.logRow - b.logRow);
  summary.rate = summary.due > 0 ? summary.closedOnTime / summary.due : undefined;
  const units = [...scores.values()].map(finalScore);
  return { year: input.year, month: input.month, first: frame.first, last: frame.last, asOf: frame.asOf, units, summary, named, problems };
}

/** The month's first and last day, the day its end is measured on (today, for a month not ended), and the day count. */
function monthFrame(input: MonthInput): MonthFrame {
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
    ranked: false,
  };
}

/** Whether a unit's directory row has no valid address at all (contact, head, leader): its notices wait, undelivered. */
function unreachable(unit: Unit): boolean {
  return [unit.contactEmail, unit.headEmail, unit.leaderEmail].every((cell) => addressesIn(cell).length === 0);
}

function emptySummary(): MonthSummary {
  return { due: 0, closed: 0, closedOnTime: 0, overdueAtEnd: 0, rate: undefined, notices: 0, criticisms: 0, interviews: 0, relapses: 0 };
}

/** The score as published: base plus every item, the 整改率, ranked when something was due. */
function finalScore(score: UnitScore): UnitScore {
  score.score = roundPoints(score.base + score.breakdown.reduce((sum, item) => sum + item.points, 0));
  score.rate = score.dueCount > 0 ? score.closedOnTime / score.dueCount : undefined;
  score.ranked = score.dueCount > 0;
  return score;
}

/** The month's relapses (反弹), as the log records them, by task. */
function relapsesByTask(entries: readonly LogEntry[], frame: MonthFrame): Map<string, LogEntry[]> {
  const relapsesOf = new Map<string, LogEntry[]>();
  for (const e of entries) if (e.level === 'reopen' && frame.inMonth(e.day)) relapsesOf.set(e.key, [...(relapsesOf.get(e.key) ?? []), e]);
  return relapsesOf;
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

/** What a task shows in the month, by the definitions above. */
interface TaskFigures {
  deadline: Day | undefined;
  done: Day | undefined;
  due: boolean;
  /** Due in the month, closed, and done by month end. */
  closedByEnd: boolean;
  onTime: boolean;
  overdueAtEnd: boolean;
  lateDays: number;
  relapses: LogEntry[];
  /** Points lost in an outside check counted this month (0 when none). */
  external: number;
  /** The 失分 cell as read. */
  raw: unknown;
}

/** A task's figures, its points (charged to its lead unit and shared with its co-units), and its problems. */
function scoreTask(
  task: TaskRow,
  input: MonthInput,
  frame: MonthFrame,
  relapses: LogEntry[],
): { figures: TaskFigures; lead: string | undefined; charged: Charged; problems: ScoreProblem[] } {
  const source: ScoreSource = { kind: 'task', key: task.key, row: task.index + 1 };
  const { figures, problems } = taskFigures(task, input, frame, relapses, source);
  const none = { figures, lead: undefined, charged: { items: [], problems: [] }, problems };
  const counts = figures.due || figures.overdueAtEnd || figures.lateDays !== 0 || relapses.length > 0 || figures.external !== 0;
  if (!counts) return none;
  const leadName = task.units[0] ?? '';
  const lead = unitNamed(leadName, input);
  if (!lead) {
    const { t } = input;
    problems.push({ source, message: leadName === '' ? t('score.problem.noUnit') : t('score.problem.unknownUnit', { unit: leadName }) });
    return none;
  }
  return { figures, lead, charged: withShares(lead, task, taskCharges(figures, source, input, frame), input), problems };
}

/** Done day, due, on time, overdue at month end, days late, relapses and outside losses of one task. */
function taskFigures(
  task: TaskRow,
  input: MonthInput,
  frame: MonthFrame,
  relapses: LogEntry[],
  source: ScoreSource,
): { figures: TaskFigures; problems: ScoreProblem[] } {
  const { first, last, asOf, inMonth, late } = frame;
  const deadline = task.effectiveDeadline;
  const paused = task.status === 'paused';
  const closed = task.status === 'closed';
  const done = closed || task.status === 'submitted' ? (input.completedOn(task) ?? task.statusChanged ?? task.firstSeen) : undefined;
  const doneByEnd = done !== undefined && done <= asOf;

  const due = !paused && deadline !== undefined && deadline >= first && deadline <= last;
  const onTime = due && closed && done !== undefined && late(deadline, done) === 0;
  const overdueAtEnd = !paused && deadline !== undefined && !doneByEnd && late(deadline, asOf) > 0;
  const lateDays = deadline === undefined || paused ? 0 : overdueAtEnd ? late(deadline, asOf) : inMonth(done) ? late(deadline, done) : 0;

  const raw = input.pointsLost?.(task);
  const lost = raw === undefined ? undefined : readPointsLost(raw);
  const lossMonthDay = deadline ?? task.firstSeen;
  const lossInMonth = lost !== undefined && lossMonthDay >= first && lossMonthDay <= last;
  const problems: ScoreProblem[] =
    lossInMonth && lost === 'bad' ? [{ source, message: input.t('score.problem.badPoints', { text: cellText(raw) }) }] : [];
  const external = lossInMonth && typeof lost === 'number' ? lost : 0;
  const closedByEnd = due && closed && doneByEnd;
  return { figures: { deadline, done, due, closedByEnd, onTime, overdueAtEnd, lateDays, relapses, external, raw }, problems };
}

function addTaskToSummary(summary: MonthSummary, f: TaskFigures): void {
  summary.due += f.due ? 1 : 0;
  summary.closed += f.closedByEnd ? 1 : 0;
  summary.closedOnTime += f.onTime ? 1 : 0;
  summary.overdueAtEnd += f.overdueAtEnd ? 1 : 0;
  summary.relapses += f.relapses.length;
}

function addTaskCounts(score: UnitScore, f: TaskFigures): void {
  score.dueCount += f.due ? 1 : 0;
  score.closedOnTime += f.onTime ? 1 : 0;
  score.overdueAtEnd += f.overdueAtEnd ? 1 : 0;
  score.overdueDays += f.lateDays;
  score.relapses += f.relapses.length;
}

/** The task's points: 按期销号 gained; 月末逾期, 逾期天数, each 反弹 and outside losses taken. */
function taskCharges(f: TaskFigures, source: ScoreSource, input: MonthInput, frame: MonthFrame): Charge[] {
  const { rules, t } = input;
  const { asOf } = frame;
  const charges: Charge[] = [];
  if (f.onTime) {
    const note = t('score.note.closedOnTime', { done: formatDay(f.done!), deadline: formatDay(f.deadline!) });
    charges.push({ rule: 'closedOnTime', points: rules.closedOnTime, source, note });
  }
  if (f.overdueAtEnd) {
    const note = t('score.note.overdueTask', { date: formatDay(asOf), deadline: formatDay(f.deadline!) });
    charges.push({ rule: 'overdueTask', points: -rules.overdueTask, source, note });
  }
  const beyond = Math.max(0, f.lateDays - rules.overdueDayThreshold);
  if (beyond > 0) charges.push(overdueDayCharge(f, beyond, source, input, frame));
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
function overdueDayCharge(f: TaskFigures, beyond: number, source: ScoreSource, input: MonthInput, frame: MonthFrame): Charge {
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
    source,
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

/** A notice given in the month: 通报批评 and 约谈 are named and cost their unit points; a 督办 is counted. */
function scoreNotice(
  notice: GivenNotice,
  byKey: ReadonlyMap<string, TaskRow>,
  input: MonthInput,
): { level: LadderLevel; named: NamedNotice | undefined; unit: string | undefined; charged: Charged; problems: ScoreProblem[] } {
  const { rules, t } = input;
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
  const charged: Charged = { items: [], problems: [] };
  if (!unit) {
    const problems = [{ source, message: t('score.problem.logUnknownUnit', { number: e.number, unit: e.unit }) }];
    return { level, named, unit, charged, problems };
  }
  if (level === 'notice') return { level, named, unit, charged, problems: [] };
  const noteKey = notice.held ? 'score.note.criticismHeld' : level === 'criticism' ? 'score.note.criticism' : 'score.note.interview';
  const note = t(noteKey, { number: e.number, date: formatDay(notice.day) });
  return {
    level,
    named,
    unit,
    charged: withShares(unit, task, [{ rule: level, points: -rules[level], source, note }], input),
    problems: [],
  };
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

interface GivenNotice {
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
