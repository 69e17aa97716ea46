/**
 * `publish --quarter`: 一季一测评. The quarter's review from 排名历史 as published (never the
 * ledger), with the 实地测评 and 问卷 the office typed in 季度测评 combined by the weights of
 * 计分规则. 季度测评 gains a row for each unit of the quarter that has none and its 台账得分 kept
 * current, so the office can type its scores and publish the quarter again.
 */
import { describeProblem } from '../core/problems/problem';
import { layoutQuarter } from '../core/publication/quarter-layout';
import { planAssessment } from '../core/scores/assessment';
import { monthLabel, parseHistory } from '../core/scores/history';
import { parseQuarterId, quarterRollup, unpublishedMonths } from '../core/scores/quarter';
import { defaultRules, parseRules, quarterWeights } from '../core/scores/rules';
import { openAssessment, writeAssessment } from './assessment-sheet';
import { locatedProblems } from './own-sheet';
import { freshSheet } from './publication-sheet';
import { failed, type JobResult } from './result';
import { writeDoc } from './sheet-doc';
import type { Workbook } from './workbook';

export function publishQuarter(wb: Workbook, quarter: string, result: JobResult): JobResult {
  const { t } = wb;
  const parts = parseQuarterId(quarter);
  if (!parts) {
    return failed(result, t('publish.badQuarter', { quarter }));
  }
  const history = parseHistory(wb.sheetFor('history')?.values ?? [], wb.clock.toDay, wb.settings.locale);
  const rulesSheet = wb.sheetFor('rules');
  const rules = rulesSheet ? parseRules(rulesSheet.values, wb.settings.locale) : { rules: defaultRules(), problems: [] };
  const weights = quarterWeights(rules.rules);
  const changes: string[] = [];

  // 季度测评 first: its rows follow the ledger's review; what the office typed then joins it.
  const assessment = openAssessment(wb, changes);
  const plan = planAssessment(assessment.read, parts, quarterRollup(history.rows, parts.year, parts.quarter), t);
  writeAssessment(assessment, plan);
  const rows = quarterRollup(history.rows, parts.year, parts.quarter, { typed: plan.typed, weights });

  const doc = layoutQuarter(rows, parts.year, parts.quarter, wb.clock.today, t, weights);
  const sheet = freshSheet(wb, doc.name, `${parts.year}-Q${parts.quarter}`, changes);
  writeDoc(sheet, doc, t);

  const unpublished = unpublishedMonths(history.rows, parts.year, parts.quarter);
  if (unpublished.length > 0 && rows.length > 0)
    result.warnings.push(t('publish.quarterUnpublished', { months: unpublished.map((m) => monthLabel(m, t)).join(t('score.monthSep')) }));
  result.warnings.push(...changes);
  result.warnings.push(...locatedProblems(assessment, [...assessment.read.problems, ...plan.problems]).map((p) => describeProblem(p, t)));
  if (plan.untyped.length > 0)
    result.warnings.push(
      t('assess.untyped', {
        sheet: assessment.sheet.getName(),
        quarter: t('pub.quarterLabel', { year: parts.year, quarter: parts.quarter }),
        units: plan.untyped.join('、'),
      }),
    );
  const rulesName = rulesSheet?.sheet.getName() ?? '';
  result.warnings.push(
    ...rules.problems.map((p) => describeProblem({ sheet: rulesName, row: p.row + 1, column: p.column + 1, message: p.message }, t)),
  );
  result.counts = { units: rows.length, typed: plan.typed.length };
  result.message = t('publish.quarterDone', { sheet: sheet.getName() });
  result.sheet = sheet.getName();
  return result;
}
