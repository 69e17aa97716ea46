/**
 * 季度测评: Duban's own sheet (created and marked like 约谈安排) where the office types each unit's
 * 实地测评 and 问卷 score for a quarter. Read once by getValues; Duban writes only its own cells
 * (季度, 单位, 台账得分) and the header of a column of its own that was deleted; the office's cells
 * (实地测评, 问卷, 备注, and any column it adds) are never written, not even blank.
 */

import {
  ASSESSMENT_FORMAT,
  ASSESSMENT_HEADER,
  type AssessmentColumn,
  type AssessmentPlan,
  type AssessmentSheet,
  assessmentHeader,
  parseAssessment,
} from '../core/scores/assessment';
import { ensureOwnSheet, restoreHeader } from './own-sheet';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface OpenAssessment {
  sheet: Sheet;
  values: unknown[][];
  read: AssessmentSheet;
}

/** The sheet, created and marked with its header when missing; a deleted column of Duban's comes back at the end. */
export function openAssessment(wb: Workbook, changes: string[]): OpenAssessment {
  const { sheet, values } = ensureOwnSheet(wb, 'assessment', assessmentHeader(wb.t), changes);
  const read = parseAssessment(values, wb.t);
  for (const c of read.missing) restoreHeader(sheet, read.at[c], wb.t(ASSESSMENT_HEADER[c]));
  return { sheet, values, read };
}

/** The columns Duban writes; every other is the office's. */
const DUBAN_COLUMNS: readonly AssessmentColumn[] = ['quarter', 'unit', 'ledgerScore'];

/** Duban's cells of the plan: each 台账得分 that changed, then the new rows, a column block each (calls do not grow with rows). */
export function writeAssessment(open: OpenAssessment, plan: AssessmentPlan): void {
  const { sheet, read } = open;
  const ledger = read.at.ledgerScore + 1;
  for (const u of plan.update)
    sheet
      .getRange(u.row + 1, ledger)
      .setNumberFormat(ASSESSMENT_FORMAT.ledgerScore)
      .setValue(u.ledgerScore);
  if (plan.append.length === 0) return;
  const first = Math.max(open.values.length, sheet.getLastRow()) + 1;
  const max = sheet.getMaxRows();
  const last = first + plan.append.length - 1;
  if (last > max) sheet.insertRowsAfter(max, last - max);
  for (const c of DUBAN_COLUMNS) {
    const cells = plan.append.map((r) => [c === 'quarter' ? r.quarter : c === 'unit' ? r.unit : r.ledgerScore]);
    const range = sheet.getRange(first, read.at[c] + 1, cells.length, 1);
    range.setNumberFormat(ASSESSMENT_FORMAT[c]);
    range.setValues(cells);
  }
}
