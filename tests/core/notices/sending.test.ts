import { describe, expect, it } from 'vitest';
import {
  admit,
  admittedCount,
  backlogOf,
  mailCost,
  openBudget,
  type SendingBudget,
  spend,
  TIME_BUDGET_MS,
} from '../../../src/core/notices/sending';

/** The verdicts on mails of these costs, sent in order (a 'x' cost fails to send and spends nothing). */
function run(budget: SendingBudget, costs: (number | 'x')[], elapsed: number[] = []): string[] {
  let b = budget;
  return costs.map((c, i) => {
    const cost = c === 'x' ? 1 : c;
    const a = admit(b, cost, elapsed[i] ?? 0);
    b = a.budget;
    if (a.verdict === 'send' && c !== 'x') b = spend(b, cost);
    return a.verdict;
  });
}

describe('the order of sending under the daily quota', () => {
  it('keeps one recipient for the admin summary when there is an admin', () => {
    expect(openBudget(100, true).quota).toBe(99);
    expect(openBudget(100, false).quota).toBe(100);
  });

  it('counts every recipient, to and cc; a dry run sends one mail to the admin', () => {
    expect(mailCost('a@x.cn,b@x.cn', ['c@x.cn'], false)).toBe(3);
    expect(mailCost('a@x.cn,b@x.cn', ['c@x.cn'], true)).toBe(1);
  });

  it('once a mail does not fit, every later one waits, even one that would fit', () => {
    expect(run(openBudget(4, false), [2, 3, 1, 1])).toEqual(['send', 'quota', 'quota', 'quota']);
  });

  it('a failed send spends nothing', () => {
    expect(run(openBudget(2, false), ['x', 2])).toEqual(['send', 'send']);
  });
});

describe('the order of sending under the time limit', () => {
  it('stops past 4.5 minutes, and everything after waits for the continuation', () => {
    const past = TIME_BUDGET_MS + 1;
    expect(run(openBudget(100, false), [1, 1, 1], [0, past, 0])).toEqual(['send', 'timeLimit', 'timeLimit']);
  });

  it('looks at the time before the quota: a run out of both waits for the continuation', () => {
    const a = admit({ quota: 0, full: true, stopped: false }, 1, TIME_BUDGET_MS + 1);
    expect(a.verdict).toBe('timeLimit');
    expect(a.budget.stopped).toBe(true);
  });
});

describe('what today is claimed, and the backlog the quota holds back (issue 17)', () => {
  it('claims the most urgent mails that fit, and stops at the first that does not: nothing less urgent overtakes it', () => {
    expect(admittedCount([2, 1, 1], 3)).toBe(2);
    expect(admittedCount([3, 1, 1], 2)).toBe(0);
    expect(admittedCount([1, 1], 5)).toBe(2);
    expect(admittedCount([1], 0)).toBe(0);
  });

  it("counts the backlog in mails and recipients, and the working days it takes at today's rate", () => {
    expect(backlogOf([2, 1, 3], 4)).toEqual({ mails: 3, recipients: 6, rate: 4, days: 2 });
    expect(backlogOf([1, 1], 1)).toEqual({ mails: 2, recipients: 2, rate: 1, days: 2 });
    // A day whose quota goes before any notice: the backlog never clears at this rate.
    expect(backlogOf([1], 0)).toEqual({ mails: 1, recipients: 1, rate: 0 });
    // A mail with more recipients than a day allows (a 通报 to every unit) never fits at this rate.
    expect(backlogOf([1, 5], 4)).toEqual({ mails: 2, recipients: 6, rate: 4 });
  });
});
