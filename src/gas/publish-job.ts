/**
 * `publish`: 一月一督查、一月一公示. Scores the month from the ledger and the notice log, ranks the
 * units, writes the month's publication sheet (replacing that month's only) and its 排名历史
 * rows (that month's only), then tells each unit's people their line, logged like a notice.
 * `--quarter` writes the quarter's roll-up from 排名历史 instead (一季一测评).
 * Reads each sheet once; the writes follow the page's layout, not the number of tasks.
 */
import { type Day, isDateValue, ymdFromDay } from '../core/calendar/day';
import { type LogEntry, owedReportMonths, parseLog, SUMMARY_KEY } from '../core/notices/log';
import { describeProblem } from '../core/problems/problem';
import { layoutPublication, type PublicationDoc } from '../core/publication/layout';
import { layoutQuarter } from '../core/publication/quarter-layout';
import {
  addMonths,
  HISTORY_COLUMNS,
  HISTORY_FORMAT,
  historyRows,
  historyValues,
  type MonthId,
  monthId,
  monthLabel,
  parseHistory,
  parseMonthId,
  replaceMonth,
  sanctionsFor,
} from '../core/scores/history';
import { scoreMonth } from '../core/scores/month';
import { parseQuarterId, quarterRollup } from '../core/scores/quarter';
import { rankMonth } from '../core/scores/ranking';
import { defaultRules, parseRules } from '../core/scores/rules';
import { planSweep, type SweepPlan } from '../core/sweep/sweep';
import type { OpenLog } from './notices';
import { sendPublicationMails } from './publication-mail';
import { emptyResult, type JobResult } from './result';
import { writeDoc } from './sheet-doc';
import { readTaskSheet } from './sweep-job';
import { ensureScriptSheet, ledgerContext, noTaskSheet, openWorkbook, sheetNamed, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What to publish: a month (YYYY-MM), a quarter (YYYY-Qn), or by default the month before today. */
export interface PublishRequest {
  month?: string;
  quarter?: string;
}

/** The key marking a sheet as the script's publication of a month (its value) or a quarter. */
export const PUBLICATION_MARK = 'duban.publication';

/** The month before `today`'s, as YYYY-MM. */
export function previousMonth(today: Day): MonthId {
  const { year, month } = ymdFromDay(today);
  return addMonths(monthId(year, month), -1);
}

/** The first working day of today's month. */
export function firstWorkingDayOfMonth(wb: Workbook): Day {
  const today = wb.clock.today;
  const { month } = ymdFromDay(today);
  let day = today - (ymdFromDay(today).date - 1);
  while (!wb.calendar.isWorkingDay(day) && ymdFromDay(day + 1).month === month) day++;
  return day;
}

/** How many working days after the first the daily check still publishes a month left unpublished. */
const CATCH_UP_WORKING_DAYS = 5;

/**
 * Whether the daily check publishes today: on the month's first working day, or in the working
 * days just after it while the month before is still unpublished (that day's run failed or was
 * busy). Later in the month it does not: a sheet set up mid-month does not publish last month
 * unasked (the menu does that).
 */
export function reportDue(wb: Workbook): boolean {
  const first = firstWorkingDayOfMonth(wb);
  const today = wb.clock.today;
  if (today < first || wb.calendar.workingDaysBetween(first, today) > CATCH_UP_WORKING_DAYS) return false;
  const month = previousMonth(wb.clock.today);
  return wb.ss.createDeveloperMetadataFinder().withKey(PUBLICATION_MARK).withValue(month).find().length === 0;
}

/** The sheet of a publication: the old one of the same month is replaced, in its place; an office sheet of that name is left alone. */
function freshSheet(wb: Workbook, name: string, mark: string, changes: string[]): Sheet {
  let index = wb.sheets.length;
  for (const md of wb.ss.createDeveloperMetadataFinder().withKey(PUBLICATION_MARK).withValue(mark).find()) {
    const old = md.getLocation().getSheet();
    if (!old) continue;
    index = Math.min(index, old.getIndex() - 1);
    const id = old.getSheetId();
    wb.ss.deleteSheet(old);
    // The workbook's list holds its own handles on the sheets: the deleted one is found by id.
    const at = wb.sheets.findIndex((x) => x.getSheetId() === id);
    if (at >= 0) wb.sheets.splice(at, 1);
  }
  const taken = sheetNamed(wb.sheets, [name]) !== undefined;
  const own = taken ? wb.t('sheet.ownName', { name }) : name;
  if (taken) changes.push(wb.t('setup.nameTaken', { name, ours: own }));
  const sheet = wb.ss.insertSheet(own, Math.min(index, wb.sheets.length));
  sheet.addDeveloperMetadata(PUBLICATION_MARK, mark);
  wb.sheets.push(sheet);
  return sheet;
}

export function publishJob(now: Date, request: PublishRequest): JobResult {
  const result = emptyResult('publish');
  const wb = openWorkbook(now);
  const { t } = wb;
  if (request.quarter !== undefined) return publishQuarter(wb, request.quarter, result);
  const month = request.month ?? previousMonth(wb.clock.today);
  const parts = parseMonthId(month);
  if (!parts) {
    result.ok = false;
    result.message = t('publish.badMonth', { month });
    return result;
  }
  const found = wb.sheetFor('tasks');
  if (!found) {
    result.ok = false;
    result.message = noTaskSheet(wb);
    return result;
  }
  const read = readTaskSheet(found.sheet, { adopt: false });
  const plan = planSweep({ sheet: found.sheet.getName(), ...read, ...ledgerContext(wb) });
  if (!plan.ok) {
    result.ok = false;
    result.message = plan.message;
    return result;
  }
  const changes: string[] = [];
  const rulesSheet = wb.sheetFor('rules');
  if (!rulesSheet) changes.push(t('publish.defaultRules'));
  const historySheet = ensureScriptSheet(wb, 'history', changes).found;
  const history = parseHistory(historySheet.values, wb.clock.toDay, wb.settings.locale);
  const { scores, ranking, ruleProblems } = scoreAndRank(wb, parts, plan, read.values);
  const newHistory = replaceMonth(history.rows, month, historyRows(month, ranking));
  const sanctions = sanctionsFor(newHistory, month);
  const doc = layoutPublication({ scores, ranking, sanctions, publishedOn: wb.clock.today, t });

  const sheet = freshSheet(wb, doc.name, month, changes);
  writeDoc(sheet, doc, t);
  writeHistory(historySheet.sheet, historyValues(newHistory, t));

  const mails = sendPublicationMails(wb, sheet, month, ranking, now, result);
  result.warnings.push(...changes);
  result.warnings.push(
    ...ruleProblems.map((p) =>
      describeProblem({ sheet: rulesSheet?.sheet.getName() ?? '', row: p.row + 1, column: p.column + 1, message: p.message }, t),
    ),
  );
  result.warnings.push(...scores.problems.map((p) => p.message));
  result.counts = {
    units: scores.units.length,
    ranked: ranking.categories.reduce((n, c) => n + c.rankedCount, 0),
    due: scores.summary.due,
    sanctions: sanctions.length,
    mails: mails,
  };
  const names = (lists: string[]): string => (lists.length > 0 ? lists.join('、') : t('pub.noneShort'));
  result.message = t('publish.done', {
    month: monthLabel(month, t),
    sheet: sheet.getName(),
    red: names(ranking.categories.flatMap((c) => c.red.map((u) => u.unit))),
    black: names(ranking.categories.flatMap((c) => c.black.map((u) => u.unit))),
  });
  result.sheet = sheet.getName();
  return result;
}

/** The month scored and ranked, from the ledger as read, the notice log and 计分规则. */
function scoreAndRank(wb: Workbook, parts: { year: number; month: number }, plan: SweepPlan, values: unknown[][]) {
  const entries: LogEntry[] = parseLog(wb.sheetFor('log')?.values ?? [], wb.clock.toDay).filter((e) => e.key !== SUMMARY_KEY);
  const rulesSheet = wb.sheetFor('rules');
  const parsedRules = rulesSheet ? parseRules(rulesSheet.values, wb.settings.locale) : { rules: defaultRules(), problems: [] };
  const { columns } = plan;
  const cellOf = (index: number, column: number | undefined): unknown => (column === undefined ? '' : values[index]?.[column]);
  const scores = scoreMonth({
    year: parts.year,
    month: parts.month,
    tasks: plan.tasks,
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
  });
  return { scores, ranking: rankMonth(scores, parsedRules.rules), ruleProblems: parsedRules.problems };
}

/**
 * The daily sweep's part: a month's report mails the quota (or a failure) held back go out
 * now, to whoever of that month has not been told yet, with the month as it was published.
 */
export function sendOwedReportMails(wb: Workbook, plan: SweepPlan, values: unknown[][], log: OpenLog, now: Date, result: JobResult): void {
  const months = owedReportMonths(log.entries, wb.settings.dryRun);
  for (const month of months) {
    const parts = parseMonthId(month);
    const sheet =
      parts && wb.ss.createDeveloperMetadataFinder().withKey(PUBLICATION_MARK).withValue(month).find()[0]?.getLocation().getSheet();
    if (!parts || !sheet) continue;
    const { ranking } = scoreAndRank(wb, parts, plan, values);
    sendPublicationMails(wb, sheet, month, ranking, now, result, log);
  }
}

function publishQuarter(wb: Workbook, quarter: string, result: JobResult): JobResult {
  const { t } = wb;
  const parts = parseQuarterId(quarter);
  if (!parts) {
    result.ok = false;
    result.message = t('publish.badQuarter', { quarter });
    return result;
  }
  const history = parseHistory(wb.sheetFor('history')?.values ?? [], wb.clock.toDay, wb.settings.locale);
  const rows = quarterRollup(history.rows, parts.year, parts.quarter);
  const doc: PublicationDoc = layoutQuarter(rows, parts.year, parts.quarter, wb.clock.today, t);
  const changes: string[] = [];
  const sheet = freshSheet(wb, doc.name, `${parts.year}-Q${parts.quarter}`, changes);
  writeDoc(sheet, doc, t);
  result.warnings.push(...changes);
  result.counts = { units: rows.length };
  result.message = t('publish.quarterDone', { sheet: sheet.getName() });
  result.sheet = sheet.getName();
  return result;
}

/** 排名历史 rewritten whole: it is the script's own sheet, and a month published again replaces its rows. */
function writeHistory(sheet: Sheet, rows: (string | number)[][]): void {
  const width = HISTORY_COLUMNS.length;
  const old = sheet.getLastRow();
  const short = rows.length - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  if (old > rows.length) sheet.getRange(rows.length + 1, 1, old - rows.length, Math.max(width, sheet.getLastColumn())).clearContent();
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormats(rows.map((_, i) => HISTORY_COLUMNS.map((c) => (i === 0 ? '@' : HISTORY_FORMAT[c]))));
  range.setValues(rows);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
}
