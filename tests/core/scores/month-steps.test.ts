/**
 * Issue 15 (scores): scoreMonth in small steps, each tested on its own: a task's facts in the
 * month (taskFacts), then the points they cost or earn (chargeTask), then each unit's tally
 * (tallyUnits).
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/core/notices/log';
import { chargeTask, type MonthInput, monthFrame, type TaskFacts, tallyUnits, taskFacts } from '../../../src/core/scores/month';
import { defaultRules } from '../../../src/core/scores/rules';
import { calendar, d, entry, task, UNITS, zh } from './fixtures';

type Built = ReturnType<typeof task>;

function input(tasks: Built[], entries: LogEntry[] = []): MonthInput {
  return {
    year: 2026,
    month: 11,
    tasks,
    completedOn: (t) => (t as Built).completed,
    entries,
    dryRun: false,
    units: UNITS,
    rules: defaultRules(),
    calendar,
    countDays: 'working',
    t: zh,
  };
}

const reopened = () => {
  const t = task({ key: 'DB-0701', deadline: d(10, 20), reopenCount: 1, statusChanged: d(11, 12), completed: d(10, 19) });
  const e = { ...entry({ number: '', key: 'DB-0701', level: 'reopen', day: d(11, 12), outcome: 'recorded' }), ordinal: 1 };
  return { t, e, input: input([t], [e]) };
};

describe('taskFacts: what one task shows in the month', () => {
  it('measures a reopened task from its reopening: overdue at month end, 12 working days late, in play', () => {
    const { t, e, input: i } = reopened();
    const f = taskFacts(t, i, monthFrame(i), [e]);
    expect(f).toMatchObject({
      lead: '市城管局',
      due: false,
      onTime: false,
      overdueAtEnd: true,
      lateFrom: d(11, 12),
      lateDays: 12,
      inPlay: true,
      relapses: [e],
      problems: [],
    });
  });

  it('keeps the deadline as the start for a task never reopened, and finds nothing for one closed before the month', () => {
    const open = task({ deadline: d(11, 20) });
    const old = task({ status: 'closed', deadline: d(10, 20), completed: d(10, 19) });
    const i = input([open, old]);
    expect(taskFacts(open, i, monthFrame(i), [])).toMatchObject({ lateFrom: d(11, 20), lateDays: 6, due: true, inPlay: true });
    expect(taskFacts(old, i, monthFrame(i), [])).toMatchObject({ due: false, overdueAtEnd: false, lateDays: 0, inPlay: false });
  });
});

describe('chargeTask: the points of a task’s facts', () => {
  it('charges the reopened task its month-end overdue, its days beyond 5, and its relapse once', () => {
    const { t, e, input: i } = reopened();
    const frame = monthFrame(i);
    const charged = chargeTask(taskFacts(t, i, frame, [e]), i, frame);
    expect(charged.items.map((x) => [x.unit, x.rule, x.points])).toEqual([
      ['市城管局', 'overdueTask', -2],
      ['市城管局', 'overdueDay', -3.5],
      ['市城管局', 'relapse', -3],
    ]);
  });

  it('charges nothing for a task whose lead is not in the directory', () => {
    const t = task({ unit: '市城市管理局', deadline: d(11, 20) });
    const i = input([t]);
    const frame = monthFrame(i);
    expect(chargeTask(taskFacts(t, i, frame, []), i, frame).items).toEqual([]);
  });
});

describe('tallyUnits: each unit’s counts and score', () => {
  it('adds the facts and the charges up per unit: in play, ranked; a unit with none is 本月无督办任务', () => {
    const { t, e, input: i } = reopened();
    const frame = monthFrame(i);
    const facts: TaskFacts[] = [taskFacts(t, i, frame, [e])];
    const tally = tallyUnits(i, facts, [], [chargeTask(facts[0]!, i, frame)]);
    expect(
      tally.units.map((u) => [u.unit, u.score, u.tasksInPlay, u.overdueAtEnd, u.overdueDays, u.relapses, u.ranked, u.noTasks]),
    ).toEqual([
      ['市城管局', 91.5, 1, 1, 12, 1, true, false],
      ['市住建局', 100, 0, 0, 0, 0, false, true],
      ['市交通局', 100, 0, 0, 0, 0, false, true],
      ['A区', 100, 0, 0, 0, 0, false, true],
      ['市档案馆', 100, 0, 0, 0, 0, false, true],
    ]);
    expect(tally.summary).toMatchObject({ due: 0, overdueAtEnd: 1, relapses: 1 });
  });
});
