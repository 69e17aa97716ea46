/**
 * The order of sending under Apps Script's two limits: MailApp's daily recipient quota and the
 * 6-minute execution. Mails go most urgent first. The quota is spent in that order: once a mail
 * does not fit, it and every mail after it wait for the next run (延后, where they go first), so
 * nothing less urgent overtakes it. Past the time budget the rest wait (待发送) for a
 * continuation the run schedules for itself.
 */

/** Stop sending this long after the job began: Apps Script stops an execution at 6 minutes. */
export const TIME_BUDGET_MS = 4.5 * 60_000;

/** What is left to send with, as a run goes mail by mail. */
export interface SendingBudget {
  /** Recipients the day's quota still allows. */
  quota: number;
  /** A mail did not fit the quota: every later one waits too. */
  full: boolean;
  /** The time budget ran out: every later mail waits for the continuation. */
  stopped: boolean;
}

/** What happens to the next mail: sent, or held back and why. */
export type SendVerdict = 'send' | 'quota' | 'timeLimit';

/**
 * The budget a run starts with: the quota MailApp reports, less the admin's summary's recipient
 * when the summary may go out after the notices (it must never be the mail that does not fit).
 */
export function openBudget(remainingQuota: number, keepForSummary: boolean): SendingBudget {
  return { quota: remainingQuota - (keepForSummary ? 1 : 0), full: false, stopped: false };
}

/**
 * How much of the quota a mail spends: each recipient (to and cc) counts; a dry run (试运行)
 * sends one mail to the admin instead.
 */
export function mailCost(to: string, cc: readonly string[], dryRun: boolean): number {
  return dryRun ? 1 : to.split(',').length + cc.length;
}

/**
 * The verdict on the next mail, most urgent first, and the budget after the verdict. The time
 * budget is looked at first (`elapsedMs` since the job began; leave it out where a job has no
 * time budget of its own); a mail refused for either reason refuses every mail after it.
 */
export function admit(budget: SendingBudget, cost: number, elapsedMs = 0): { verdict: SendVerdict; budget: SendingBudget } {
  if (budget.stopped || elapsedMs > TIME_BUDGET_MS) return { verdict: 'timeLimit', budget: { ...budget, stopped: true } };
  if (budget.full || budget.quota < cost) return { verdict: 'quota', budget: { ...budget, full: true } };
  return { verdict: 'send', budget };
}

/** The budget after a mail went out (a mail that failed to send spends nothing). */
export function spend(budget: SendingBudget, cost: number): SendingBudget {
  return { ...budget, quota: budget.quota - cost };
}

/** Whether a mail of this cost fits what is left (in order, as admit decides) and the budget after it: spent when it fits. */
export function reserve(budget: SendingBudget, cost: number): { fits: boolean; budget: SendingBudget } {
  const a = admit(budget, cost);
  return a.verdict === 'send' ? { fits: true, budget: spend(a.budget, cost) } : { fits: false, budget: a.budget };
}

/**
 * How many of the mails, most urgent first, today's quota admits: the first that does not fit
 * stops the rest (nothing less urgent overtakes it). Only these are claimed today; the rest stay
 * owed, queued in the log (延后) with their numbers, and are planned again on the next run.
 */
export function admittedCount(costs: readonly number[], quota: number): number {
  let left = quota;
  for (const [i, cost] of costs.entries()) {
    if (cost > left) return i;
    left -= cost;
  }
  return costs.length;
}

/** The mails the quota holds back (积压): how many, their recipients, and how long they take at today's rate. */
export interface Backlog {
  mails: number;
  recipients: number;
  /** Recipients a day can take for notices at today's rate: the quota the run began with, less the summary's. */
  rate: number;
  /** Working days after today to send them all at that rate (today's quota is spent); absent: the rate is nil. */
  days?: number;
}

/**
 * The backlog of the mails not sent today (their costs), at the rate a day's quota allows. It
 * never clears at that rate when a mail has more recipients than a day allows (a 通报 to every
 * unit on a small quota): no date is given then.
 */
export function backlogOf(costs: readonly number[], rate: number): Backlog {
  const recipients = costs.reduce((n, c) => n + c, 0);
  const base = { mails: costs.length, recipients, rate: Math.max(0, rate) };
  const clears = rate > 0 && costs.every((c) => c <= rate);
  return clears ? { ...base, days: Math.ceil(recipients / rate) } : base;
}
