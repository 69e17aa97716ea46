/**
 * What the month's 督查通报 needs besides its scores (issue 15): 设置's words (主送, 抄送, the
 * sanctions' wording), its 期号, the day the 黑榜's 整改报告 is due, and its 附件, the 问题清单 of
 * the matters open at month end, laid out as a sheet of its own.
 */
import type { TaskRow } from '../core/ledger/tasks';
import { parseLog, SUMMARY_KEY } from '../core/notices/log';
import type { PublicationInput } from '../core/publication/layout';
import type { PublicationDoc } from '../core/publication/page';
import { layoutProblemList, openMatters } from '../core/publication/problem-list';
import { monthLabel } from '../core/scores/history';
import type { MonthScores } from '../core/scores/month';
import type { Workbook } from './workbook';

/** The 通报's frame and its 问题清单, from the ledger as read and the notice log. */
export function bulletinOf(
  wb: Workbook,
  month: string,
  scores: MonthScores,
  tasks: readonly TaskRow[],
  issue: number,
): { frame: Pick<PublicationInput, 'issue' | 'office' | 'matters' | 'attachment' | 'reportBy'>; list: PublicationDoc } {
  const { t, settings } = wb;
  const entries = parseLog(wb.sheetFor('log')?.values ?? [], wb.clock.toDay).filter((e) => e.key !== SUMMARY_KEY);
  const matters = openMatters({
    tasks,
    entries,
    asOf: scores.asOf,
    dryRun: settings.dryRun,
    calendar: wb.calendar,
    countDays: settings.countDays,
    t,
  });
  const name = t('bul.listSheet', { month: monthLabel(month, t) });
  const list = layoutProblemList({ matters, month, asOf: scores.asOf, name, t });
  return {
    frame: {
      issue,
      office: settings,
      matters,
      attachment: name,
      reportBy: wb.calendar.addWorkingDays(wb.clock.today, settings.reportDays),
    },
    list,
  };
}
