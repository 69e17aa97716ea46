/**
 * Reads task rows out of a ledger sheet's values and decides each one's state.
 *
 * Input is what getValues() gave for the whole sheet plus what was learnt about it (header,
 * row kinds); output is one TaskRow per task with everything the sweep or the edit trigger
 * will write, and every problem found, located by row and column.
 */
import type { WorkCalendar } from '../calendar/calendar';
import { type Day, formatDay, isDateValue } from '../calendar/day';
import { type Deadline, parseDeadline } from '../calendar/deadline';
import { matchUnit, splitUnits, type Unit, unitKey } from '../directory/units';
import { holdsLadder, readReplyState } from '../feedback/reply-state';
import type { Translate } from '../i18n';
import type { Problem } from '../problems/problem';
import { cellText, isBlankCell } from '../text/text';
import { readApproval } from '../text/vocabulary';
import type { Field } from './columns';
import type { RowKind } from './row-kind';
import { evaluateState, type StateCode, type TaskState } from './state';
import { stateFromText } from './state-words';
import { parseStatus, type StatusCode } from './status';

export type Columns = Partial<Record<Field, number>>;

export interface LedgerContext {
  sheet: string;
  today: Day;
  toDay: (d: Date) => Day;
  calendar: WorkCalendar;
  units: Unit[];
  /** Whether a unit directory exists at all: with none, unknown units are not worth a note on every row. */
  haveDirectory: boolean;
  closedStatuses: string[];
  dueSoonDays: number;
  countDays: 'working' | 'calendar';
  t: Translate;
  /** Header texts by 0-based column, for locating problems. */
  headers: string[];
  /** The script's own 系统编号 column, which holds each row's key. */
  keyColumn: number | undefined;
  /** Whether a cell holds a formula: a formula is a person's entry even when it shows "". */
  hasFormula?: (index: number, column: number) => boolean;
  /** A person just edited the status: a close now is a close today, even on a row the sweep never saw. */
  statusEdited?: boolean;
}

export interface TaskRow {
  /** 0-based index into the sheet's values. */
  index: number;
  /** The row's key (ID cell), '' when it has none yet. */
  key: string;
  task: string;
  /** The lead unit first, then any other unit the unit cell names. */
  units: string[];
  /** Units that support the task (配合单位): the unit cell's others and the co-unit column's. */
  coUnits: string[];
  /** 点位: where the problem is, when the ledger says. */
  place: string;
  /** 问题来源 and 整改要求, when the ledger has such columns: a notice shows them. */
  source?: string;
  requirement?: string;
  /** 责任人, 责任领导 and 问题类别, when the ledger has such columns: the month's 通报 names them (谁丢分谁担责). */
  person?: string;
  leader?: string;
  problemKind?: string;
  status: StatusCode;
  deadline: Deadline | undefined;
  /** The deadline in force: the original, or an approved extension. */
  effectiveDeadline: Day | undefined;
  /**
   * The day the row was first seen (纳入督办日期): the day a deadline written without a year
   * (12月15日, 年底前) or relative to nothing (立即整改) is read from, every day after, so
   * that it does not move with the calendar.
   */
  firstSeen: Day;
  state: TaskState;
  /** What the row had in the script's own columns before this evaluation. */
  previous: { state: StateCode | undefined; reopenCount: number; statusChanged: Day | undefined };
  reopenCount: number;
  statusChanged: Day | undefined;
  /** A completion date to stamp into an empty 完成日期 cell (the task was closed just now). */
  stampCompleted: Day | undefined;
  /**
   * What the office wrote on the row about a verification (验收意见, else 退回原因, else 备注: the
   * first that says something), quoted by a 退回通知 as its reason; absent when none says anything.
   */
  returnReason?: string;
  /** The row's 完成日期 / 销号日期 as a date: when a reopened task (反弹) had been closed. */
  completed?: Day;
  /** Sentences for the 系统提示 column. */
  notes: string[];
  problems: Problem[];
}

function cell(row: unknown[], column: number | undefined): unknown {
  return column === undefined ? '' : (row[column] ?? '');
}

function dayOf(v: unknown, toDay: (d: Date) => Day): Day | undefined {
  return isDateValue(v) ? toDay(v) : undefined;
}

/**
 * The status in force, read with the one closing vocabulary (status.ts) from whichever columns
 * hold it: a 是否销号 / 销号情况 column that closes the task closes it; otherwise the 整改状态
 * column says, and when it is blank the 销号 column does (否: still open). A word neither
 * understands is reported at its own cell.
 */
function statusOf(row: unknown[], columns: Columns, ctx: LedgerContext, out: RowNotes): StatusCode {
  const flag = parseStatus(cell(row, columns.closedFlag), ctx.closedStatuses);
  const status = parseStatus(cell(row, columns.status), ctx.closedStatuses);
  for (const [read, column] of [
    [flag, columns.closedFlag],
    [status, columns.status],
  ] as const) {
    if (read.code === 'unknown') out.problem(column, ctx.t('note.unknownStatus', { status: read.text }));
  }
  if (flag.code === 'closed') return 'closed';
  const office = status.code !== 'blank' ? status.code : flag.code;
  // A reply through the web app (反馈状态 待验收, or 通过 not yet closed by the office) waits for
  // verification as the office's own 待验收 does: no notice, no failure (issue 16). The office's
  // close (Duban never closes), 暂缓 and a word nobody can read stay what they are.
  const held = office !== 'closed' && office !== 'paused' && office !== 'unknown';
  if (held && holdsLadder(readReplyState(cell(row, columns.feedbackState)))) return 'submitted';
  return office;
}

/** Which state class a state belongs to: a change of class is a change of status worth a date. */
function stateClass(code: StateCode | undefined): string {
  switch (code) {
    case undefined:
      return '';
    case 'closed':
    case 'pending':
    case 'paused':
      return code;
    default:
      return 'open';
  }
}

/** What a row's reading says about it: sentences for its 系统提示 cell, and the located problems among them. */
interface RowNotes {
  notes: string[];
  problems: Problem[];
  /** A problem at a cell of the row (or the whole row): noted and located. */
  problem: (column: number | undefined, message: string) => void;
}

function rowNotes(index: number, ctx: LedgerContext): RowNotes {
  const notes: string[] = [];
  const problems: Problem[] = [];
  const problem = (column: number | undefined, message: string): void => {
    notes.push(message);
    problems.push({
      sheet: ctx.sheet,
      row: index + 1,
      column: column === undefined ? 0 : column + 1,
      header: column === undefined ? undefined : ctx.headers[column],
      message,
    });
  };
  return { notes, problems, problem };
}

/**
 * Reads one task row and decides its state: what and who (任务, 责任单位), its status, its
 * deadlines (整改时限 and an approved 延期), then its state today against what the script's own
 * columns remembered from the last sweep.
 */
export function readTask(values: unknown[][], index: number, columns: Columns, ctx: LedgerContext): TaskRow {
  const row = values[index] ?? [];
  const out = rowNotes(index, ctx);
  const { task, units } = readSubject(row, columns, ctx, out);
  const status = statusOf(row, columns, ctx, out);
  // Read once, from the day the row was first seen: 12月15日 seen in December 2026 stays
  // 2026-12-15 in January 2027, and 立即整改 or 3个工作日内 without a 交办日期 counts from that
  // day (纳入督办日期, kept in the script's column), not from every new day.
  const firstSeen = dayOf(cell(row, columns.firstSeen), ctx.toDay) ?? ctx.today;
  const deadlines = readDeadlines(row, columns, ctx, status, firstSeen, out);
  const previous = readPrevious(row, columns, ctx);
  const decided = decideState(row, index, columns, ctx, status, deadlines, previous);
  if (decided.reopened) out.notes.push(ctx.t('note.reopened', { count: decided.reopenCount }));
  const returnReason = reasonOf(row, columns);
  const completed = dayOf(cell(row, columns.completed), ctx.toDay);
  return {
    index,
    key: cellText(cell(row, ctx.keyColumn)),
    task,
    units,
    coUnits: coUnitsOf(units, cell(row, columns.coUnits)),
    place: cellText(cell(row, columns.place)),
    ...optionalText(row, columns, 'source'),
    ...optionalText(row, columns, 'requirement'),
    ...optionalText(row, columns, 'person'),
    ...optionalText(row, columns, 'leader'),
    ...optionalText(row, columns, 'problemKind'),
    status,
    deadline: deadlines.deadline,
    effectiveDeadline: deadlines.effective,
    firstSeen,
    state: decided.state,
    previous,
    reopenCount: decided.reopenCount,
    statusChanged: decided.statusChanged,
    stampCompleted: decided.stampCompleted,
    ...(returnReason === '' ? {} : { returnReason }),
    ...(completed === undefined ? {} : { completed }),
    notes: out.notes,
    problems: out.problems,
  };
}

/** The columns a 退回通知 takes its reason from, most specific first (issue 14). */
const REASON_FIELDS = ['verdict', 'returnReason', 'remark'] as const;

/** The office's reason on the row: the first of 验收意见, 退回原因, 备注 that has text ('' for none). */
function reasonOf(row: unknown[], columns: Columns): string {
  for (const field of REASON_FIELDS) {
    const text = cellText(cell(row, columns[field]));
    if (text !== '') return text;
  }
  return '';
}

/** A column's text when the ledger has the column and the cell says something; nothing otherwise. */
function optionalText<F extends 'source' | 'requirement' | 'person' | 'leader' | 'problemKind'>(
  row: unknown[],
  columns: Columns,
  field: F,
): Partial<Record<F, string>> {
  const text = cellText(cell(row, columns[field]));
  return text === '' ? {} : ({ [field]: text } as Partial<Record<F, string>>);
}

/** The task's text and its units (the lead first); a blank task, no unit or a unit not in the directory is noted. */
function readSubject(row: unknown[], columns: Columns, ctx: LedgerContext, out: RowNotes): { task: string; units: string[] } {
  const { t } = ctx;
  const task = cellText(cell(row, columns.task));
  const units = splitUnits(cellText(cell(row, columns.unit)));
  if (!task) out.problem(columns.task, t('note.noTask'));
  if (units.length === 0) {
    out.problem(columns.unit, t('note.noUnit'));
  } else if (ctx.haveDirectory) {
    for (const name of units) {
      if (!matchUnit(name, ctx.units)) out.problem(columns.unit, t('note.unknownUnit', { unit: name }));
    }
  }
  return { task, units };
}

/** The 整改时限 as read, the deadline in force (an approved extension replaces it), and whether one did. */
interface Deadlines {
  deadline: Deadline | undefined;
  effective: Day | undefined;
  extended: boolean;
}

/**
 * The deadline and any extension (延期). An extension counts only once approved; until then the
 * original deadline stands, visibly. Once approved it replaces the original for every rule, even
 * one that was unreadable. A closed or paused task's deadline decides nothing, so is not flagged.
 */
function readDeadlines(row: unknown[], columns: Columns, ctx: LedgerContext, status: StatusCode, firstSeen: Day, out: RowNotes): Deadlines {
  const { t } = ctx;
  const issueDay = dayOf(cell(row, columns.issued), ctx.toDay);
  const parseCtx = { issueDay, anchor: firstSeen, calendar: ctx.calendar, toDay: ctx.toDay };
  const rawDeadline = cell(row, columns.deadline);
  const deadline = isBlankCell(rawDeadline) ? undefined : parseDeadline(rawDeadline, parseCtx);
  let effective: Day | undefined = deadline?.kind === 'date' ? deadline.day : undefined;
  let extended = false;
  const extensionNotes: string[] = [];
  const rawExtension = cell(row, columns.extendedTo);
  if (!isBlankCell(rawExtension)) {
    const extension = parseDeadline(rawExtension, parseCtx);
    const approved = readApproval(cell(row, columns.extensionApproved)) === true;
    if (extension.kind !== 'date') {
      extensionNotes.push(t('note.badExtension', { text: cellText(rawExtension) }));
    } else if (!approved) {
      out.notes.push(t('note.extensionNotApproved'));
    } else {
      effective = extension.day;
      extended = true;
    }
  }
  if (extended || status === 'closed' || status === 'paused') {
    // The original deadline no longer decides anything: a flag on it would be noise.
  } else if (deadline === undefined) {
    out.problem(columns.deadline, t('note.noDeadline'));
  } else if (deadline.kind === 'invalid') {
    out.problem(columns.deadline, t('note.badDeadline', { text: deadline.text }));
  } else if (deadline.kind === 'date' && deadline.fromFirstSeen) {
    // Not a problem: the rule. Said on the row so the office sees where the date comes from.
    out.notes.push(t('note.deadlineFromFirstSeen', { text: cellText(rawDeadline), from: formatDay(firstSeen) }));
  }
  for (const message of extensionNotes) out.problem(columns.extendedTo, message);
  return { deadline, effective, extended };
}

/** What the script's own columns remember from the last sweep: the state, 反弹次数, 状态变更日期. */
function readPrevious(row: unknown[], columns: Columns, ctx: LedgerContext): TaskRow['previous'] {
  return {
    state: stateFromText(cellText(cell(row, columns.state))),
    reopenCount: Number(cell(row, columns.reopens)) || 0,
    statusChanged: dayOf(cell(row, columns.statusChanged), ctx.toDay),
  };
}

/**
 * The state today, and what changed since the last sweep: a change of state class dates the
 * change (状态变更日期), a closed task reopened is a relapse (反弹), a task closed just now gets
 * today in an empty 完成日期 cell.
 */
function decideState(
  row: unknown[],
  index: number,
  columns: Columns,
  ctx: LedgerContext,
  status: StatusCode,
  { deadline, effective, extended }: Deadlines,
  previous: TaskRow['previous'],
): { state: TaskState; statusChanged: Day | undefined; reopened: boolean; reopenCount: number; stampCompleted: Day | undefined } {
  const completed = dayOf(cell(row, columns.completed), ctx.toDay);
  // Lateness awaiting verification stops on the day the unit replied (反馈日期), when it did through the web app.
  const doneOn = completed ?? dayOf(cell(row, columns.feedbackDate), ctx.toDay);
  const provisional = evaluateState(
    {
      status,
      deadline: effective,
      noDeadline: !extended && deadline?.kind === 'none',
      deadlineInvalid: !extended && (deadline === undefined || deadline.kind === 'invalid'),
      submittedOn: doneOn ?? previous.statusChanged ?? ctx.today,
    },
    ctx.today,
    ctx.calendar,
    ctx,
  );
  // First sight of a row is not a change, except that a task awaiting verification needs a
  // date to freeze its lateness at (also when someone cleared that date).
  const changed =
    (status === 'submitted' && previous.statusChanged === undefined) ||
    (previous.state !== undefined && stateClass(previous.state) !== stateClass(provisional.code));
  const statusChanged = changed ? ctx.today : previous.statusChanged;
  const reopened = previous.state === 'closed' && status !== 'closed';
  const submittedOn = status === 'submitted' ? (doneOn ?? statusChanged ?? ctx.today) : undefined;
  const state =
    status === 'submitted'
      ? evaluateState({ status, deadline: effective, noDeadline: false, deadlineInvalid: false, submittedOn }, ctx.today, ctx.calendar, ctx)
      : provisional;
  return {
    state,
    statusChanged,
    reopened,
    reopenCount: previous.reopenCount + (reopened ? 1 : 0),
    stampCompleted: stampOf(row, index, columns, ctx, status, previous.state, completed),
  };
}

/**
 * Today, for the 完成日期 of a task closed just now (a close the sweep sees happen, or a person's
 * edit), when that cell is empty. A completion date typed as text, or a formula showing "", is
 * still a person's entry: it is never stamped over.
 */
function stampOf(
  row: unknown[],
  index: number,
  columns: Columns,
  ctx: LedgerContext,
  status: StatusCode,
  previousState: StateCode | undefined,
  completed: Day | undefined,
): Day | undefined {
  const closedNow = status === 'closed' && previousState !== 'closed' && (previousState !== undefined || ctx.statusEdited === true);
  if (!closedNow) return undefined;
  const completedBlank =
    cellText(cell(row, columns.completed)) === '' &&
    completed === undefined &&
    !(columns.completed !== undefined && ctx.hasFormula?.(index, columns.completed) === true);
  return completedBlank && columns.completed !== undefined ? ctx.today : undefined;
}

/** The co-units of a task: units after the lead in its unit cell, then the co-unit column's, each once, never the lead. */
function coUnitsOf(units: string[], coCell: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>(units.slice(0, 1).map(unitKey));
  for (const name of [...units.slice(1), ...splitUnits(coCell)]) {
    const k = unitKey(name);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(name);
  }
  return out;
}

export function readTasks(values: unknown[][], firstRow: number, kinds: RowKind[], columns: Columns, ctx: LedgerContext): TaskRow[] {
  const tasks: TaskRow[] = [];
  kinds.forEach((kind, i) => {
    if (kind === 'task') tasks.push(readTask(values, firstRow + i, columns, ctx));
  });
  return tasks;
}
