import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { daysLate, evaluateState, type StateInput, type StateRules } from '../../../src/core/ledger/state';
import type { StatusCode } from '../../../src/core/ledger/status';

const calendar = new WorkCalendar(shippedHolidayEntries());
const d = (m: number, date: number, y = 2026): Day => dayFromYmd(y, m, date);
const working: StateRules = { dueSoonDays: 3, countDays: 'working' };
const calendarDays: StateRules = { dueSoonDays: 3, countDays: 'calendar' };

function state(status: StatusCode, deadline: Day | undefined, today: Day, rules = working, extra: Partial<StateInput> = {}) {
  return evaluateState({ status, deadline, noDeadline: false, deadlineInvalid: false, ...extra }, today, calendar, rules);
}

describe('daysLate in working-day mode', () => {
  it('counts a Friday deadline late from Monday, one working day a day', () => {
    // 2026-11-20 is a Friday.
    expect(daysLate(d(11, 20), d(11, 21), calendar, working)).toBe(0);
    expect(daysLate(d(11, 20), d(11, 22), calendar, working)).toBe(0);
    expect(daysLate(d(11, 20), d(11, 23), calendar, working)).toBe(1);
    expect(daysLate(d(11, 20), d(11, 25), calendar, working)).toBe(3);
  });

  it('does not count the National Day week, and counts the make-up Saturday', () => {
    // Deadline Wed 09-30; 10-01..10-07 off; Thu 10-08 first working day; Sat 10-10 worked.
    expect(daysLate(d(9, 30), d(10, 7), calendar, working)).toBe(0);
    expect(daysLate(d(9, 30), d(10, 8), calendar, working)).toBe(1);
    expect(daysLate(d(9, 30), d(10, 9), calendar, working)).toBe(2);
    expect(daysLate(d(9, 30), d(10, 10), calendar, working)).toBe(3);
    expect(daysLate(d(9, 30), d(10, 11), calendar, working)).toBe(3);
    expect(daysLate(d(9, 30), d(10, 12), calendar, working)).toBe(4);
  });

  it('moves a deadline on a holiday to the next working day', () => {
    // 10-03 is inside the holiday: the deadline is in effect 10-08, so 10-08 is not late.
    expect(daysLate(d(10, 3), d(10, 8), calendar, working)).toBe(0);
    expect(daysLate(d(10, 3), d(10, 9), calendar, working)).toBe(1);
    // A Sunday deadline is met on Monday.
    expect(daysLate(d(11, 22), d(11, 23), calendar, working)).toBe(0);
    expect(daysLate(d(11, 22), d(11, 24), calendar, working)).toBe(1);
  });

  it('is never negative or late on the deadline day itself', () => {
    expect(daysLate(d(11, 20), d(11, 20), calendar, working)).toBe(0);
    expect(daysLate(d(11, 20), d(11, 2), calendar, working)).toBe(0);
  });
});

describe('daysLate in calendar-day mode', () => {
  it('counts every day, holidays included', () => {
    expect(daysLate(d(9, 30), d(10, 8), calendar, calendarDays)).toBe(8);
    expect(daysLate(d(11, 20), d(11, 21), calendar, calendarDays)).toBe(1);
    expect(daysLate(d(11, 20), d(11, 20), calendar, calendarDays)).toBe(0);
  });
});

describe('evaluateState', () => {
  it('never shows closed or paused tasks as overdue, however late', () => {
    expect(state('closed', d(1, 5), d(11, 25))).toEqual({ code: 'closed', daysOverdue: 0 });
    expect(state('paused', d(1, 5), d(11, 25))).toEqual({ code: 'paused', daysOverdue: 0 });
    expect(state('closed', undefined, d(11, 25), working, { deadlineInvalid: true }).code).toBe('closed');
  });

  it('counts an open task overdue by working days', () => {
    for (const status of ['not_started', 'in_progress', 'blank'] as StatusCode[]) {
      expect(state(status, d(11, 20), d(11, 25))).toEqual({ code: 'overdue', daysOverdue: 3 });
    }
  });

  it('holds a task whose status no one can read as 待核实, never overdue: it may be closed in words of the office', () => {
    expect(state('unknown', d(11, 20), d(11, 25))).toEqual({ code: 'invalid', daysOverdue: 0 });
  });

  it('opens a returned task again against its original deadline', () => {
    expect(state('returned', d(11, 20), d(11, 25))).toEqual({ code: 'overdue', daysOverdue: 3 });
    expect(state('returned', d(12, 31), d(11, 25)).code).toBe('notDue');
  });

  it('treats a submitted task as pending, its lateness frozen at the day it was submitted', () => {
    // Due Fri 11-20, submitted Tue 11-24 (2 working days late), verified weeks later: still 2.
    const s = state('submitted', d(11, 20), d(12, 15), working, { submittedOn: d(11, 24) });
    expect(s).toEqual({ code: 'pending', daysOverdue: 2 });
    // Submitted in time: pending and never late, even after the deadline passes.
    expect(state('submitted', d(11, 20), d(12, 15), working, { submittedOn: d(11, 19) })).toEqual({ code: 'pending', daysOverdue: 0 });
    // No deadline: pending, nothing to count.
    expect(state('submitted', undefined, d(12, 15), working, { noDeadline: true, submittedOn: d(11, 19) })).toEqual({
      code: 'pending',
      daysOverdue: 0,
    });
  });

  it('says a deadline that could not be read is to be checked, not on time', () => {
    expect(state('in_progress', undefined, d(11, 25), working, { deadlineInvalid: true }).code).toBe('invalid');
    expect(state('in_progress', undefined, d(11, 25)).code).toBe('invalid');
  });

  it('marks 长期坚持 tasks as ongoing', () => {
    expect(state('in_progress', undefined, d(11, 25), working, { noDeadline: true })).toEqual({ code: 'noDeadline', daysOverdue: 0 });
  });

  it('keeps a task missed before a weekend due, not overdue, until a working day has passed', () => {
    // Deadline Fri 11-20: on Saturday and Sunday it is due, on Monday overdue.
    expect(state('in_progress', d(11, 20), d(11, 21)).code).toBe('dueSoon');
    expect(state('in_progress', d(11, 20), d(11, 22)).code).toBe('dueSoon');
    expect(state('in_progress', d(11, 20), d(11, 23))).toEqual({ code: 'overdue', daysOverdue: 1 });
    // Deadline Wed 09-30: due through the whole holiday week.
    expect(state('in_progress', d(9, 30), d(10, 5)).code).toBe('dueSoon');
    expect(state('in_progress', d(9, 30), d(10, 8)).code).toBe('overdue');
  });

  it('counts "due soon" in working days, so a holiday week does not make a task look urgent', () => {
    // Deadline Fri 10-09. From Mon 09-28: 09-29, 09-30, 10-08, 10-09 = 4 working days away.
    expect(state('in_progress', d(10, 9), d(9, 28)).code).toBe('notDue');
    expect(state('in_progress', d(10, 9), d(9, 29)).code).toBe('dueSoon');
    // The deadline day itself is due soon, not overdue.
    expect(state('in_progress', d(10, 9), d(10, 9))).toEqual({ code: 'dueSoon', daysOverdue: 0 });
    // Far ahead.
    expect(state('in_progress', d(12, 31), d(11, 25)).code).toBe('notDue');
  });

  it('marks nothing as due soon when the office set the due-soon days to 0', () => {
    const off: StateRules = { dueSoonDays: 0, countDays: 'working' };
    expect(state('in_progress', d(11, 27), d(11, 25), off).code).toBe('notDue');
    expect(state('in_progress', d(11, 25), d(11, 25), off).code).toBe('notDue');
    expect(state('in_progress', d(11, 20), d(11, 23), off)).toEqual({ code: 'overdue', daysOverdue: 1 });
  });

  it('counts calendar days when the office chose calendar days', () => {
    expect(state('in_progress', d(9, 30), d(10, 5), calendarDays)).toEqual({ code: 'overdue', daysOverdue: 5 });
    expect(state('in_progress', d(11, 20), d(11, 21), calendarDays)).toEqual({ code: 'overdue', daysOverdue: 1 });
  });

  it('counts due-soon days as calendar days too in calendar mode (the setting covers both)', () => {
    // Deadline Fri 10-09 seen on Mon 10-05: 2 working days away but 4 calendar days.
    expect(state('in_progress', d(10, 9), d(10, 5)).code).toBe('dueSoon');
    expect(state('in_progress', d(10, 9), d(10, 5), calendarDays).code).toBe('notDue');
    expect(state('in_progress', d(10, 9), d(10, 6), calendarDays).code).toBe('dueSoon');
  });
});
