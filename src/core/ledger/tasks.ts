/**
 * Reads task rows out of a ledger sheet's values and decides each one's state.
 *
 * Input is what getValues() gave for the whole sheet plus what was learnt about it (header,
 * row kinds); output is one TaskRow per task with everything the sweep or the edit trigger
 * will write, and every problem found, located by row and column.
 */
import type { WorkCalendar } from '../calendar/calendar';
import { type Day, isDateValue } from '../calendar/day';
import { type Deadline, parseDeadline } from '../calendar/deadline';
import { matchUnit, splitUnits, type Unit, unitKey } from '../directory/units';
import type { Translate } from '../i18n';
import type { Problem } from '../problems/problem';
import { cellText } from '../text/text';
import { readApproval, readClosedFlag } from '../text/vocabulary';
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

/** A status in force: the 状态 column, or a 是否销号 column saying 是. */
function statusOf(row: unknown[], columns: Columns, closedStatuses: string[]): StatusCode {
  const flag = readClosedFlag(cell(row, columns.closedFlag));
  if (flag === true) return 'closed';
  const status = parseStatus(cell(row, columns.status), closedStatuses).code;
  if (status === 'blank' && flag === false) return 'in_progress';
  return status;
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

export function readTask(values: unknown[][], index: number, columns: Columns, ctx: LedgerContext): TaskRow {
  const row = values[index] ?? [];
  const { t } = ctx;
  const problems: Problem[] = [];
  const notes: string[] = [];
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

  const task = cellText(cell(row, columns.task));
  const unitText = cellText(cell(row, columns.unit));
  const units = splitUnits(unitText);
  if (!task) problem(columns.task, t('note.noTask'));
  if (units.length === 0) {
    problem(columns.unit, t('note.noUnit'));
  } else if (ctx.haveDirectory) {
    for (const name of units) {
      if (!matchUnit(name, ctx.units)) problem(columns.unit, t('note.unknownUnit', { unit: name }));
    }
  }

  const status = statusOf(row, columns, ctx.closedStatuses);
  if (status === 'unknown') {
    problem(columns.status, t('note.unknownStatus', { status: cellText(cell(row, columns.status)) }));
  }

  const issueDay = dayOf(cell(row, columns.issued), ctx.toDay);
  // Read once, from the day the row was first seen: 12月15日 seen in December 2026 stays
  // 2026-12-15 in January 2027, and 立即整改 without a 交办日期 is due that day, not every day.
  const firstSeen = dayOf(cell(row, columns.firstSeen), ctx.toDay) ?? ctx.today;
  const parseCtx = { issueDay, anchor: firstSeen, calendar: ctx.calendar, toDay: ctx.toDay };
  const rawDeadline = cell(row, columns.deadline);
  const deadline = cellText(rawDeadline) === '' && !isDateValue(rawDeadline) ? undefined : parseDeadline(rawDeadline, parseCtx);
  let effective: Day | undefined = deadline?.kind === 'date' ? deadline.day : undefined;
  const closedOrPaused = status === 'closed' || status === 'paused';

  // An extension counts only once approved; until then the original deadline stands, visibly.
  // Once approved it replaces the original for every rule, even one that was unreadable.
  let extended = false;
  const extensionNotes: string[] = [];
  const rawExtension = cell(row, columns.extendedTo);
  if (cellText(rawExtension) !== '' || isDateValue(rawExtension)) {
    const extension = parseDeadline(rawExtension, parseCtx);
    const approved = readApproval(cell(row, columns.extensionApproved)) === true;
    if (extension.kind !== 'date') {
      extensionNotes.push(t('note.badExtension', { text: cellText(rawExtension) }));
    } else if (!approved) {
      notes.push(t('note.extensionNotApproved'));
    } else {
      effective = extension.day;
      extended = true;
    }
  }

  if (extended || closedOrPaused) {
    // The original deadline no longer decides anything: a flag on it would be noise.
  } else if (deadline === undefined) {
    problem(columns.deadline, t('note.noDeadline'));
  } else if (deadline.kind === 'invalid') {
    const key = deadline.reason === 'needs-issue-date' ? 'note.deadlineNeedsIssueDate' : 'note.badDeadline';
    problem(columns.deadline, t(key, { text: deadline.text }));
  }
  for (const message of extensionNotes) problem(columns.extendedTo, message);

  const previousState = stateFromText(cellText(cell(row, columns.state)));
  const previousReopens = Number(cell(row, columns.reopens)) || 0;
  const previousChanged = dayOf(cell(row, columns.statusChanged), ctx.toDay);
  const completed = dayOf(cell(row, columns.completed), ctx.toDay);
  // A completion date typed as text, or a formula showing "", is still a person's entry: it is never stamped over.
  const completedBlank =
    cellText(cell(row, columns.completed)) === '' &&
    completed === undefined &&
    !(columns.completed !== undefined && ctx.hasFormula?.(index, columns.completed) === true);

  // The script-owned columns remember yesterday's state: a change of class dates the change.
  const provisional = evaluateState(
    {
      status,
      deadline: effective,
      noDeadline: !extended && deadline?.kind === 'none',
      deadlineInvalid: !extended && (deadline === undefined || deadline.kind === 'invalid'),
      submittedOn: completed ?? previousChanged ?? ctx.today,
    },
    ctx.today,
    ctx.calendar,
    ctx,
  );
  // First sight of a row is not a change, except that a task awaiting verification needs a
  // date to freeze its lateness at (also when someone cleared that date).
  const changed =
    (status === 'submitted' && previousChanged === undefined) ||
    (previousState !== undefined && stateClass(previousState) !== stateClass(provisional.code));
  const statusChanged = changed ? ctx.today : previousChanged;
  const reopened = previousState === 'closed' && status !== 'closed';
  const reopenCount = previousReopens + (reopened ? 1 : 0);
  if (reopened) notes.push(t('note.reopened', { count: reopenCount }));
  const submittedOn = status === 'submitted' ? (completed ?? statusChanged ?? ctx.today) : undefined;
  const state =
    status === 'submitted'
      ? evaluateState({ status, deadline: effective, noDeadline: false, deadlineInvalid: false, submittedOn }, ctx.today, ctx.calendar, ctx)
      : provisional;
  const stampCompleted =
    status === 'closed' &&
    previousState !== 'closed' &&
    (previousState !== undefined || ctx.statusEdited === true) &&
    completedBlank &&
    columns.completed !== undefined
      ? ctx.today
      : undefined;

  return {
    index,
    key: cellText(cell(row, ctx.keyColumn)),
    task,
    units,
    coUnits: coUnitsOf(units, cell(row, columns.coUnits)),
    place: cellText(cell(row, columns.place)),
    status,
    deadline,
    effectiveDeadline: effective,
    firstSeen,
    state,
    previous: { state: previousState, reopenCount: previousReopens, statusChanged: previousChanged },
    reopenCount,
    statusChanged,
    stampCompleted,
    notes,
    problems,
  };
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
