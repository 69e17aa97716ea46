/**
 * 附件：问题清单, the month's 通报's attachment: every matter still open at month end (not closed,
 * nor handed in for verification, by then; 暂缓 matters are set aside by decision and left out),
 * with who answers for it (谁丢分谁担责: 责任单位, 责任人, 责任领导, from the ledger's columns when
 * it has them), its deadline, how late it is, and what was done about it (整改通知, 通报, 约谈 with
 * their 文号), from the notice log as it stood at month end. The ledger is read as it is on the
 * day of publication, as the scores are.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import type { Translate } from '../i18n';
import { daysLate } from '../ledger/state';
import type { TaskRow } from '../ledger/tasks';
import { isGiven, type LogEntry } from '../notices/log';
import { longDay, overdueText } from '../notices/official';
import { monthLabel } from '../scores/history';
import { A4_PORTRAIT, type DocCell, fitWidths, linesFor, Page, type PublicationDoc } from './page';

/** One line of the 问题清单. */
export interface OpenMatter {
  key: string;
  /** 1-based row in the task sheet. */
  row: number;
  task: string;
  /** 问题类别, when the ledger has the column and the cell says. */
  problemKind?: string;
  place: string;
  /** The lead unit (牵头单位), and the units that support it. */
  unit: string;
  coUnits: string[];
  person?: string;
  leader?: string;
  /** 整改时限 as a 公文 writes it: 2026年11月16日, or the ledger's words (长期坚持). */
  deadline: string;
  /** Days late at month end, as 设置 counts them; 0 when not overdue. */
  overdueDays: number;
  /** 逾期10个工作日, or '' when not overdue. */
  overdue: string;
  /** 督办情况: 整改通知2次（…）；通报批评（…）；约谈（…）, or ''. */
  actions: string;
}

export interface OpenMattersInput {
  tasks: readonly TaskRow[];
  entries: readonly LogEntry[];
  /** Month end: the day the month's figures are taken on. */
  asOf: Day;
  dryRun: boolean;
  calendar: WorkCalendar;
  countDays: 'working' | 'calendar';
  t: Translate;
}

/** The matters open at month end, in ledger order. */
export function openMatters(input: OpenMattersInput): OpenMatter[] {
  const { asOf, calendar, countDays, t } = input;
  const out: OpenMatter[] = [];
  // Each task's log rows found once: scanning the whole log for every open task took minutes at 50,000 tasks.
  const byKey = new Map<string, LogEntry[]>();
  for (const e of input.entries) {
    const own = byKey.get(e.key);
    if (own) own.push(e);
    else byKey.set(e.key, [e]);
  }
  for (const task of input.tasks) {
    if (task.status === 'paused' || doneBy(task, asOf)) continue;
    const deadline = task.effectiveDeadline;
    const overdueDays = deadline === undefined ? 0 : daysLate(deadline, asOf, calendar, { dueSoonDays: 0, countDays });
    out.push({
      key: task.key,
      row: task.index + 1,
      task: task.task,
      ...(task.problemKind ? { problemKind: task.problemKind } : {}),
      place: task.place,
      unit: task.units[0] ?? '',
      coUnits: task.coUnits,
      ...(task.person ? { person: task.person } : {}),
      ...(task.leader ? { leader: task.leader } : {}),
      deadline: deadline !== undefined ? longDay(deadline, t) : task.deadline && task.deadline.kind !== 'date' ? task.deadline.text : '',
      overdueDays,
      overdue: overdueDays > 0 ? t('bul.overdue', { late: overdueText(overdueDays, { countDays }, t) }) : '',
      actions: actionsOn(task.key, byKey.get(task.key) ?? [], input),
    });
  }
  return out;
}

/**
 * Whether a task was done by month end: closed (已销号) or handed in (待验收) on a day no later,
 * its 完成日期 else the day its status changed (else the day it was first seen), as the scores read it.
 */
function doneBy(task: TaskRow, asOf: Day): boolean {
  if (task.status !== 'closed' && task.status !== 'submitted') return false;
  return (task.completed ?? task.statusChanged ?? task.firstSeen) <= asOf;
}

/** 督办情况 of a task by month end: the 整改通知 given, the 通报 it was named in, the 约谈 of its case. */
function actionsOn(key: string, own: readonly LogEntry[], input: OpenMattersInput): string {
  const { entries, asOf, dryRun, t } = input;
  if (key === '') return '';
  const byEnd = (e: LogEntry): boolean => e.day !== undefined && e.day <= asOf;
  const distinct = (xs: string[]): string[] => [...new Set(xs)];
  const notices = distinct(
    own
      .filter((e) => e.level === 'notice' && e.key === key && e.number !== '' && byEnd(e) && isGiven(e.outcome, dryRun))
      .map((e) => e.number),
  );
  const recorded = (level: LogEntry['level']) =>
    own.filter((e) => e.level === level && e.key === key && e.outcome === 'recorded' && byEnd(e));
  const circulars = distinct(recorded('criticism').map((e) => e.number || t('bul.heldCircular')));
  const interviews = distinct(
    recorded('interview').map((c) => {
      // The case's 约谈通知 (delivered under § and its 文号, the case's id in 序次), once given.
      const notice = entries.find(
        (e) => e.level === 'interview' && e.key.startsWith('§') && e.ordinal === c.ordinal && byEnd(e) && isGiven(e.outcome, dryRun),
      );
      return notice?.number ?? t('bul.interviewPending');
    }),
  );
  const sep = t('bul.listSep');
  const parts = [
    notices.length > 0 ? t('bul.actions.notices', { count: notices.length, numbers: notices.join(sep) }) : '',
    circulars.length > 0 ? t('bul.actions.circular', { numbers: circulars.join(sep) }) : '',
    interviews.length > 0 ? t('bul.actions.interview', { numbers: interviews.join(sep) }) : '',
  ];
  return parts.filter((p) => p !== '').join(t('bul.partSep'));
}

/** 责任单位 as the list writes it: the lead unit, its supporting units after it. */
export function unitsOf(m: Pick<OpenMatter, 'unit' | 'coUnits'>, t: Translate): string {
  return m.coUnits.length > 0 ? t('bul.withCoUnits', { unit: m.unit, coUnits: m.coUnits.join(t('bul.listSep')) }) : m.unit;
}

export interface ProblemListInput {
  matters: readonly OpenMatter[];
  /** YYYY-MM */
  month: string;
  asOf: Day;
  /** The sheet's name (2026年11月问题清单): the 通报 names its 附件 by it. */
  name: string;
  t: Translate;
}

/** The 问题清单 is wider than the 通报 (ten columns): it prints one page wide, a little smaller. */
const LIST_WIDTH_PX = 860;

type Column = { header: string; base: number; value: (m: OpenMatter) => string };

function listColumns(t: Translate, withKind: boolean): Column[] {
  const all: (Column | false)[] = [
    { header: t('bul.list.key'), base: 60, value: (m) => m.key },
    { header: t('bul.list.task'), base: 120, value: (m) => m.task },
    withKind && { header: t('bul.list.kind'), base: 56, value: (m) => m.problemKind ?? '' },
    { header: t('bul.list.place'), base: 70, value: (m) => m.place },
    { header: t('bul.list.unit'), base: 80, value: (m) => unitsOf(m, t) },
    { header: t('bul.list.person'), base: 52, value: (m) => m.person ?? '' },
    { header: t('bul.list.leader'), base: 56, value: (m) => m.leader ?? '' },
    { header: t('bul.list.deadline'), base: 80, value: (m) => m.deadline },
    { header: t('bul.list.overdue'), base: 70, value: (m) => m.overdue },
    { header: t('bul.list.actions'), base: 150, value: (m) => m.actions },
  ];
  return all.filter((c): c is Column => c !== false);
}

/** The 问题清单 sheet: 附件, its title, the date it stands at, and one row per matter. */
export function layoutProblemList(input: ProblemListInput): PublicationDoc {
  const { matters, t } = input;
  const columns = listColumns(
    t,
    matters.some((m) => m.problemKind !== undefined),
  );
  const headers = columns.map((c) => c.header);
  const widths = fitWidths(
    columns.map((c) => c.base),
    headers,
    1,
    LIST_WIDTH_PX,
  );
  const page = new Page(widths);
  page.wide(t('bul.attachmentMark'), 'h2');
  page.wide(t('bul.list.title', { month: monthLabel(input.month, t) }), 'title');
  page.wide(t('bul.list.subtitle', { date: longDay(input.asOf, t), count: matters.length }), 'subtitle');
  page.gap();
  if (matters.length === 0) page.wide(t('bul.list.none', { date: longDay(input.asOf, t) }), 'muted');
  else {
    const body = matters.map((m) => columns.map((c): DocCell => ({ value: c.value(m), style: 'text' })));
    const first = page.rows.length + 1;
    body.forEach((cells, i) => {
      const lines = Math.max(...cells.map((cell, c) => linesFor(String(cell.value), widths[c]! - 6)));
      if (lines > 1) page.tallRows.push({ row: first + i, lines });
    });
    page.table(headers, body);
  }
  return { name: input.name, widths, rows: page.rows, tables: page.tables, tallRows: page.tallRows, print: A4_PORTRAIT };
}
