/**
 * A month scored and ranked (一月一督查) from the ledger as read, the notice log (督办记录) and
 * the scoring rules (计分规则, the defaults when the office has no such sheet).
 */
import { isDateValue } from '../core/calendar/day';
import type { Ledger } from '../core/ledger/ledger';
import { type LogEntry, parseLog, SUMMARY_KEY } from '../core/notices/log';
import { scoreMonth } from '../core/scores/month';
import { rankMonth } from '../core/scores/ranking';
import { defaultRules, parseRules } from '../core/scores/rules';
import { interviewsHeld } from './interview-sheet';
import type { Workbook } from './workbook';

/** The month scored and ranked; the rules' problems, for the job to report. */
export function scoreAndRank(wb: Workbook, parts: { year: number; month: number }, ledger: Pick<Ledger, 'tasks' | 'columns' | 'values'>) {
  const entries: LogEntry[] = parseLog(wb.sheetFor('log')?.values ?? [], wb.clock.toDay).filter((e) => e.key !== SUMMARY_KEY);
  const rulesSheet = wb.sheetFor('rules');
  const parsedRules = rulesSheet ? parseRules(rulesSheet.values, wb.settings.locale) : { rules: defaultRules(), problems: [] };
  const { columns, values } = ledger;
  const cellOf = (index: number, column: number | undefined): unknown => (column === undefined ? '' : values[index]?.[column]);
  const scores = scoreMonth({
    year: parts.year,
    month: parts.month,
    tasks: ledger.tasks,
    completedOn: (task) => {
      const v = cellOf(task.index, columns.completed);
      if (isDateValue(v)) return wb.clock.toDay(v);
      return task.status === 'closed' ? task.statusChanged : undefined;
    },
    pointsLost: (task) => cellOf(task.index, columns.pointsLost),
    entries,
    dryRun: wb.settings.dryRun,
    units: wb.units,
    rules: parsedRules.rules,
    calendar: wb.calendar,
    countDays: wb.settings.countDays,
    t: wb.t,
    today: wb.clock.today,
    interviewsHeld: interviewsHeld(wb),
  });
  return { scores, ranking: rankMonth(scores, parsedRules.rules, wb.t), ruleProblems: parsedRules.problems };
}
