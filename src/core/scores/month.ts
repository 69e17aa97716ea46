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
import { matchUnit, type Unit } from '../directory/units';
import type { Translate } from '../i18n';
import { daysLate } from '../ledger/state';
import type { TaskRow } from '../ledger/tasks';
import { isGiven, isLadderEntry, type LogEntry } from '../notices/log';
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
  breakdown: BreakdownItem[];
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
  /** The task's text, '' when the task is no longer in the ledger. */
  task: string;
  day: Day;
  /** 1-based rows: the notice's first delivery in the log, and the task's row when found. */
  logRow: number;
  taskRow: number | undefined;
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

interface Tally {
  unit: Unit;
  score: UnitScore;
}

export function scoreMonth(input: MonthInput): MonthScores {
  const { rules, t, calendar } = input;
  const first = dayFromYmd(input.year, input.month, 1);
  const last = dayFromYmd(input.year, input.month, daysInMonth(input.year, input.month));
  const asOf = input.today !== undefined && input.today < last ? Math.max(input.today, first - 1) : last;
  const inMonth = (day: Day | undefined): day is Day => day !== undefined && day >= first && day <= asOf;
  const late = (deadline: Day, day: Day): number => daysLate(deadline, day, calendar, { dueSoonDays: 0, countDays: input.countDays });
  const dayWord = t(input.countDays === 'working' ? 'score.dayWord.working' : 'score.dayWord.calendar');

  const tallies = new Map<string, Tally>();
  for (const unit of input.units) {
    tallies.set(unit.name, {
      unit,
      score: {
        unit: unit.name,
        category: unit.kind.trim() || t('score.uncategorised'),
        civilized: unit.civilized,
        base: rules.base,
        score: rules.base,
        rate: undefined,
        dueCount: 0,
        closedOnTime: 0,
        overdueAtEnd: 0,
        overdueDays: 0,
        notices: 0,
        criticisms: 0,
        interviews: 0,
        relapses: 0,
        breakdown: [],
        ranked: false,
      },
    });
  }
  const summary: MonthSummary = {
    due: 0,
    closed: 0,
    closedOnTime: 0,
    overdueAtEnd: 0,
    rate: undefined,
    notices: 0,
    criticisms: 0,
    interviews: 0,
    relapses: 0,
  };
  const problems: ScoreProblem[] = [];
  const named: NamedNotice[] = [];
  const tallyOf = (name: string): Tally | undefined => {
    const unit = matchUnit(name, input.units);
    return unit ? tallies.get(unit.name) : undefined;
  };

  /** Adds an item to the lead's breakdown, and each co-unit's share of a loss. */
  const charge = (lead: Tally, task: TaskRow | undefined, item: Omit<BreakdownItem, 'unit'>): void => {
    const points = roundPoints(item.points);
    if (points === 0) return;
    lead.score.breakdown.push({ unit: lead.unit.name, ...item, points });
    if (points >= 0 || rules.coUnitShare <= 0 || !task) return;
    for (const name of task.coUnits) {
      const co = tallyOf(name);
      if (!co) {
        const message = t('score.problem.unknownCoUnit', { unit: name });
        if (!problems.some((p) => p.message === message && sameSource(p.source, item.source)))
          problems.push({ source: item.source, message });
        continue;
      }
      if (co === lead) continue;
      const share = roundPoints(points * rules.coUnitShare);
      if (share === 0) continue;
      co.score.breakdown.push({
        unit: co.unit.name,
        rule: item.rule,
        points: share,
        source: item.source,
        note: t('score.note.share', { lead: lead.unit.name, rule: ruleLabel(item.rule, t), points: -points, share: rules.coUnitShare }),
        shareOf: lead.unit.name,
      });
    }
  };

  const byKey = new Map<string, TaskRow>();
  // The month's relapses, as the log records them, by task.
  const relapsesOf = new Map<string, LogEntry[]>();
  for (const e of input.entries) if (e.level === 'reopen' && inMonth(e.day)) relapsesOf.set(e.key, [...(relapsesOf.get(e.key) ?? []), e]);
  for (const task of input.tasks) {
    if (task.key !== '' && !byKey.has(task.key)) byKey.set(task.key, task);
    scoreTask(task);
  }

  function scoreTask(task: TaskRow): void {
    const source: ScoreSource = { kind: 'task', key: task.key, row: task.index + 1 };
    const deadline = task.effectiveDeadline;
    const paused = task.status === 'paused';
    const closed = task.status === 'closed';
    const done = closed || task.status === 'submitted' ? (input.completedOn(task) ?? task.statusChanged ?? task.firstSeen) : undefined;
    const doneByEnd = done !== undefined && done <= asOf;

    const due = !paused && deadline !== undefined && deadline >= first && deadline <= last;
    const onTime = due && closed && done !== undefined && late(deadline, done) === 0;
    const overdueAtEnd = !paused && deadline !== undefined && !doneByEnd && late(deadline, asOf) > 0;
    const lateDays = deadline === undefined || paused ? 0 : overdueAtEnd ? late(deadline, asOf) : inMonth(done) ? late(deadline, done) : 0;
    const relapses = relapsesOf.get(task.key) ?? [];
    const relapse = relapses.length > 0;

    const raw = input.pointsLost?.(task);
    const lost = raw === undefined ? undefined : readPointsLost(raw);
    const lossMonthDay = deadline ?? task.firstSeen;
    const lossInMonth = lost !== undefined && lossMonthDay >= first && lossMonthDay <= last;
    if (lossInMonth && lost === 'bad') problems.push({ source, message: t('score.problem.badPoints', { text: cellText(raw) }) });

    summary.due += due ? 1 : 0;
    summary.closed += due && closed && doneByEnd ? 1 : 0;
    summary.closedOnTime += onTime ? 1 : 0;
    summary.overdueAtEnd += overdueAtEnd ? 1 : 0;
    summary.relapses += relapses.length;

    const external = lossInMonth && typeof lost === 'number' ? lost : 0;
    if (!due && !overdueAtEnd && lateDays === 0 && !relapse && external === 0) return;

    const leadName = task.units[0] ?? '';
    const lead = tallyOf(leadName);
    if (!lead) {
      problems.push({ source, message: leadName === '' ? t('score.problem.noUnit') : t('score.problem.unknownUnit', { unit: leadName }) });
      return;
    }
    const s = lead.score;
    s.dueCount += due ? 1 : 0;
    s.closedOnTime += onTime ? 1 : 0;
    s.overdueAtEnd += overdueAtEnd ? 1 : 0;
    s.overdueDays += lateDays;
    s.relapses += relapses.length;

    if (onTime) {
      charge(lead, task, {
        rule: 'closedOnTime',
        points: rules.closedOnTime,
        source,
        note: t('score.note.closedOnTime', { done: formatDay(done!), deadline: formatDay(deadline!) }),
      });
    }
    if (overdueAtEnd) {
      charge(lead, task, {
        rule: 'overdueTask',
        points: -rules.overdueTask,
        source,
        note: t('score.note.overdueTask', { date: formatDay(asOf), deadline: formatDay(deadline!) }),
      });
    }
    const beyond = Math.max(0, lateDays - rules.overdueDayThreshold);
    if (beyond > 0) {
      const uncapped = beyond * rules.overdueDay;
      const capped = uncapped > rules.overdueDayCap;
      const when = overdueAtEnd
        ? t('score.note.lateAtEnd', { date: formatDay(asOf), days: lateDays, dayWord })
        : t('score.note.lateDone', { date: formatDay(done!), days: lateDays, dayWord });
      charge(lead, task, {
        rule: 'overdueDay',
        points: -Math.min(uncapped, rules.overdueDayCap),
        source,
        note:
          when +
          t('score.note.beyond', { threshold: rules.overdueDayThreshold, beyond, per: rules.overdueDay, dayWord }) +
          (capped ? t('score.note.capped', { cap: rules.overdueDayCap }) : ''),
      });
    }
    for (const e of relapses) {
      charge(lead, task, {
        rule: 'relapse',
        points: -rules.relapse,
        source: { kind: 'log', number: '', row: e.index + 1 },
        note: t('score.note.relapse', { date: formatDay(e.day!), count: e.ordinal }),
      });
    }
    if (external > 0) {
      charge(lead, task, {
        rule: 'externalLoss',
        points: -external * rules.externalLoss,
        source,
        note:
          t('score.note.external', { text: cellText(raw) }) +
          (rules.externalLoss !== 1 ? t('score.note.externalWeight', { weight: rules.externalLoss }) : '') +
          (deadline === undefined ? t('score.note.externalNoDeadline') : ''),
      });
    }
  }

  for (const notice of givenNotices(input.entries, input.dryRun)) {
    if (!inMonth(notice.day)) continue;
    const e = notice.first;
    const source: ScoreSource = { kind: 'log', number: e.number, row: e.index + 1 };
    const level = e.level as 'notice' | 'criticism' | 'interview';
    if (level === 'notice') summary.notices++;
    else if (level === 'criticism') summary.criticisms++;
    else summary.interviews++;
    const task = byKey.get(e.key);
    const lead = tallyOf(e.unit);
    if (level !== 'notice') {
      named.push({
        level,
        number: e.number,
        unit: lead?.unit.name ?? e.unit,
        key: e.key,
        task: task?.task ?? '',
        day: notice.day,
        logRow: e.index + 1,
        taskRow: task ? task.index + 1 : undefined,
      });
    }
    if (!lead) {
      problems.push({ source, message: t('score.problem.logUnknownUnit', { number: e.number, unit: e.unit }) });
      continue;
    }
    if (level === 'notice') {
      lead.score.notices++;
      continue;
    }
    if (level === 'criticism') lead.score.criticisms++;
    else lead.score.interviews++;
    charge(lead, task, {
      rule: level,
      points: -rules[level],
      source,
      note: t(level === 'criticism' ? 'score.note.criticism' : 'score.note.interview', { number: e.number, date: formatDay(notice.day) }),
    });
  }
  named.sort((a, b) => a.day - b.day || a.logRow - b.logRow);

  summary.rate = summary.due > 0 ? summary.closedOnTime / summary.due : undefined;
  const units = [...tallies.values()].map(({ score }) => {
    score.score = roundPoints(score.base + score.breakdown.reduce((sum, item) => sum + item.points, 0));
    score.rate = score.dueCount > 0 ? score.closedOnTime / score.dueCount : undefined;
    score.ranked = score.dueCount > 0;
    return score;
  });
  return { year: input.year, month: input.month, first, last, asOf, units, summary, named, problems };
}

function sameSource(a: ScoreSource, b: ScoreSource): boolean {
  return a.kind === b.kind && a.row === b.row;
}

interface GivenNotice {
  /** The delivery that was given first: its day is the notice's day, its row the notice's row. */
  first: LogEntry;
  day: Day;
}

/** Each notice number of the ladder (督办, 通报批评, 约谈) that was given, with the day it first was. */
function givenNotices(entries: readonly LogEntry[], dryRun: boolean): GivenNotice[] {
  const byNumber = new Map<string, GivenNotice>();
  for (const e of entries) {
    if (!isLadderEntry(e)) continue;
    if (e.number === '' || e.day === undefined || !isGiven(e.outcome, dryRun)) continue;
    const known = byNumber.get(e.number);
    if (!known || e.day < known.day || (e.day === known.day && e.index < known.first.index))
      byNumber.set(e.number, { first: e, day: e.day });
  }
  return [...byNumber.values()];
}
