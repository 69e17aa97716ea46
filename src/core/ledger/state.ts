/**
 * The state of one task on one day: the rule book of the sweep.
 *
 * Everything here is a pure function of the task's cells, the calendar and "today", so the
 * daily sweep and the edit trigger reach the same answer for the same row.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import type { MessageKey } from '../i18n';
import type { StatusCode } from './status';

export type StateCode = 'notDue' | 'dueSoon' | 'overdue' | 'closed' | 'pending' | 'noDeadline' | 'paused' | 'invalid';

export const STATE_CODES: readonly StateCode[] = ['overdue', 'dueSoon', 'notDue', 'pending', 'closed', 'noDeadline', 'paused', 'invalid'];

export const STATE_MESSAGE: Record<StateCode, MessageKey> = {
  notDue: 'state.notDue',
  dueSoon: 'state.dueSoon',
  overdue: 'state.overdue',
  closed: 'state.closed',
  pending: 'state.pending',
  noDeadline: 'state.noDeadline',
  paused: 'state.paused',
  invalid: 'state.invalid',
};

export interface StateRules {
  /** A task is "due soon" when its deadline is at most this many working days away. */
  dueSoonDays: number;
  /** How days overdue are counted. */
  countDays: 'working' | 'calendar';
}

export interface StateInput {
  status: StatusCode;
  /** The deadline in force (an approved extension already applied); undefined: none given or unreadable. */
  deadline: Day | undefined;
  /** The deadline text says there is none (长期坚持). */
  noDeadline: boolean;
  /** The deadline cell could not be read: the state is 'invalid' rather than a guess. */
  deadlineInvalid: boolean;
  /** The day the unit submitted the task as done (for 'submitted'), when known. */
  submittedOn?: Day;
}

export interface TaskState {
  code: StateCode;
  /** Days past the deadline: counting, for an open task; frozen at submission, for one awaiting verification. */
  daysOverdue: number;
}

/**
 * Days late on `day` for a deadline, per the office's rule. In working-day mode a deadline
 * missed on a Friday is late from Monday, and a deadline that falls on a holiday moves to the
 * next working day, as offices count it.
 */
export function daysLate(deadline: Day, day: Day, calendar: WorkCalendar, rules: StateRules): number {
  const due = dueDay(deadline, calendar, rules);
  if (day <= due) return 0;
  return rules.countDays === 'working' ? calendar.workingDaysBetween(due, day) : day - due;
}

/**
 * The day a deadline is met by: in working-day mode a deadline on a weekend or holiday is
 * met on the next working day (work handed in on the Thursday after National Day is on
 * time for a 10月3日 deadline), otherwise the deadline itself.
 */
function dueDay(deadline: Day, calendar: WorkCalendar, rules: StateRules): Day {
  if (rules.countDays !== 'working' || calendar.isWorkingDay(deadline)) return deadline;
  return calendar.addWorkingDays(deadline, 1);
}

export function evaluateState(input: StateInput, today: Day, calendar: WorkCalendar, rules: StateRules): TaskState {
  switch (input.status) {
    case 'closed':
      return { code: 'closed', daysOverdue: 0 };
    case 'paused':
      return { code: 'paused', daysOverdue: 0 };
    // A status nobody can read may be a closing word of the office's own: never chase a task
    // that may be closed. It waits as 待核实 (the cell says why) until a person writes a word
    // Duban knows.
    case 'unknown':
      return { code: 'invalid', daysOverdue: 0 };
    case 'submitted': {
      // Awaiting verification is not overdue from the day it was submitted; lateness before
      // that day stays on record.
      const late = input.deadline !== undefined ? daysLate(input.deadline, input.submittedOn ?? today, calendar, rules) : 0;
      return { code: 'pending', daysOverdue: late };
    }
    default:
      break;
  }
  if (input.deadlineInvalid) return { code: 'invalid', daysOverdue: 0 };
  if (input.noDeadline) return { code: 'noDeadline', daysOverdue: 0 };
  if (input.deadline === undefined) return { code: 'invalid', daysOverdue: 0 };
  const late = daysLate(input.deadline, today, calendar, rules);
  if (late > 0) return { code: 'overdue', daysOverdue: late };
  // The setting's help says 0 marks nothing as due soon.
  if (rules.dueSoonDays <= 0) return { code: 'notDue', daysOverdue: 0 };
  // Past a deadline that fell before a weekend or holiday, but not yet a working day late:
  // still due, not yet overdue.
  if (input.deadline < today) return { code: 'dueSoon', daysOverdue: 0 };
  const away = rules.countDays === 'working' ? calendar.workingDaysBetween(today, input.deadline) : input.deadline - today;
  if (away <= rules.dueSoonDays) return { code: 'dueSoon', daysOverdue: 0 };
  return { code: 'notDue', daysOverdue: 0 };
}
