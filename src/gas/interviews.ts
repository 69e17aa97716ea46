/**
 * The 约谈 step (约谈 is decided by a person): the sweep records the units the ladder brought to
 * 约谈 in 约谈安排 and sends nothing to them; when a person's 审批 is 同意 and the 约谈时间 and
 * 约谈地点 are filled in, the sweep (or the edit itself, through the installable edit trigger)
 * sends the 约谈通知 through the one delivery path, once. 暂缓 holds it. What the admin must act
 * on comes back as the summary's lines.
 */
import { ymdFromDay } from '../core/calendar/day';
import { addressesIn, interviewees, matchUnit } from '../core/directory/units';
import type { ArrangementColumn } from '../core/interviews/arrangement';
import { documentKey, type InterviewCase, interviewCases, type Proposal, proposeCases } from '../core/interviews/cases';
import {
  type CaseCells,
  type CaseDecision,
  type CaseLine,
  caseLines,
  decideCases,
  dubanValues,
  failedFromLog,
  failedLine,
  matterLine,
  newRowValues,
} from '../core/interviews/decide';
import { composeInterviewNotice } from '../core/interviews/interview-notice';
import { type LogEntry, type LogRole, numberer, seriesPrefix } from '../core/notices/log';
import type { SentDigest } from '../core/notices/summary';
import type { Interview } from '../core/notices/types';
import { describeProblem } from '../core/problems/problem';
import { readCounters } from './counters';
import { claim, deliverAll, type Parcel } from './delivery';
import { appendRows, findArrangement, type OpenArrangement, openArrangement, writeOwnCells } from './interview-sheet';
import type { LogBook } from './notice-log';
import { locatedProblems } from './own-sheet';
import type { JobResult } from './result';
import type { Workbook } from './workbook';

/** A task as the ledger has it today, for a case's 事项 line. */
export interface LedgerTask {
  key: string;
  task: string;
  place: string;
}

/** What the sweep hands the step: today's 约谈 from the plan, the ledger's tasks, when the job began. */
export interface InterviewInput {
  interviews: readonly Interview[];
  tasks: readonly LedgerTask[];
  started?: number;
}

/** One event row per task proposed (level 约谈, 已记录; its 序次 the 约谈编号), in one write with nothing else. */
function recordProposals(wb: Workbook, book: LogBook, proposals: readonly Proposal[], now: Date): void {
  const rows = proposals.map(
    (p): LogEntry => ({
      index: book.next++,
      number: '',
      time: now,
      day: wb.clock.today,
      key: p.task.key,
      unit: p.unit,
      level: 'interview',
      ordinal: p.caseId,
      deadline: p.task.deadline,
      to: '',
      role: 'contact',
      subject: '',
      outcome: 'recorded',
      detail: '',
    }),
  );
  claim(wb, book, rows);
}

/**
 * The sweep's part: today's proposals recorded, a case's row made (or added back, the admin told),
 * approved cases' 约谈通知 sent, every row's 状态 and 文号 brought up to date. Returns the summary's lines.
 */
export function arrangeInterviews(
  wb: Workbook,
  book: LogBook,
  input: InterviewInput,
  now: Date,
  result: JobResult,
  needsPerson: string[],
): { lines: CaseLine[]; sent: SentDigest[] } {
  const { t, settings } = wb;
  const entries = (): LogEntry[] => [...book.kept.values()];
  const proposals = proposeCases(input.interviews, interviewCases(entries(), settings.dryRun), entries());
  recordProposals(wb, book, proposals, now);
  const cases = interviewCases(entries(), settings.dryRun);
  if (cases.length === 0) return { lines: [], sent: [] };
  const changes: string[] = [];
  const open = openArrangement(wb, changes);
  result.warnings.push(...changes);
  const problems = locatedProblems(open, open.read.problems).map((p) => describeProblem(p, t));
  result.warnings.push(...problems);
  needsPerson.push(...problems);
  const sent = sendReady(wb, book, decideCases(cases, open.read), now, result, needsPerson, input.started);
  const after = decideCases(interviewCases(entries(), settings.dryRun), open.read);
  const added = writeRows(wb, open, after, proposals, input.tasks, entries());
  for (const c of added) {
    const line = t('iv.rowRestored', { sheet: open.sheet.getName(), id: c.id, unit: c.unit });
    result.warnings.push(line);
    needsPerson.push(line);
  }
  return { lines: caseLines(after, wb.clock.today), sent };
}

/** The edit trigger's part: an edit of 约谈安排 sends what it approved (nothing else is decided there). */
export function sendApproved(wb: Workbook, book: LogBook, now: Date, result: JobResult): void {
  const open = findArrangement(wb);
  if (!open) return;
  const entries = (): LogEntry[] => [...book.kept.values()];
  result.warnings.push(...locatedProblems(open, open.read.problems).map((p) => describeProblem(p, wb.t)));
  const decisions = decideCases(interviewCases(entries(), wb.settings.dryRun), open.read);
  if (!decisions.some((d) => d.ready)) return;
  sendReady(wb, book, decisions, now, result, result.warnings);
  for (const d of decideCases(interviewCases(entries(), wb.settings.dryRun), open.read)) {
    if (d.row) writeOwnCells(wb, open, d.row.index, statusCells(d, wb));
  }
}

function statusCells(d: CaseDecision, wb: Workbook): Partial<Record<ArrangementColumn, string>> {
  const all = dubanValues(d, { unit: d.case.unit, matters: [], failedNotices: [], interviewees: [] }, wb.t);
  return { noticeNumber: all.noticeNumber as string, status: all.status as string };
}

/**
 * Every case's row: the new and the lost ones appended whole (需携带材料 prefilled), a case joined
 * today gets its 事项 lines added; every row's 文号 and 状态 as the log now says. Returns the cases
 * whose row had been lost.
 */
function writeRows(
  wb: Workbook,
  open: OpenArrangement,
  decisions: readonly CaseDecision[],
  proposals: readonly Proposal[],
  tasks: readonly LedgerTask[],
  entries: readonly LogEntry[],
): InterviewCase[] {
  const { t } = wb;
  const taskOf = new Map(tasks.map((x) => [x.key, x] as const));
  const proposed = new Map(proposals.map((p) => [p.task.key, p] as const));
  const lines = (keys: readonly string[]): Pick<CaseCells, 'matters' | 'failedNotices'> => ({
    matters: keys.map((key) => matterLine(taskOf.get(key) ?? proposed.get(key)?.task ?? { key, task: '', place: '' }, t)),
    failedNotices: keys.map((key) => {
      const earlier = proposed.get(key)?.task.earlier?.filter((n) => n.failed);
      return failedLine(key, earlier && earlier.length > 0 ? earlier : failedFromLog(key, entries), t);
    }),
  });
  const people = (c: InterviewCase) => {
    const unit = matchUnit(c.unit, wb.units);
    return unit ? interviewees(unit) : [];
  };
  const fresh: ReturnType<typeof newRowValues>[] = [];
  const lost: InterviewCase[] = [];
  for (const d of decisions) {
    const c = d.case;
    const cells = { unit: c.unit, interviewees: people(c), ...lines(c.keys) };
    if (!d.row) {
      fresh.push(newRowValues(dubanValues(d, cells, t), t));
      if (!c.keys.some((k) => proposed.get(k)?.caseId === c.id)) lost.push(c);
      continue;
    }
    const joined = c.keys.filter((k) => proposed.has(k));
    const values = dubanValues(d, cells, t);
    const own = joined.length > 0 ? values : { noticeNumber: values.noticeNumber, status: values.status };
    writeOwnCells(wb, open, d.row.index, own);
  }
  appendRows(wb, open, fresh);
  return lost;
}

/** The addresses a case's 约谈通知 goes to: To the 被约谈人, Cc the 分管领导 and 约谈抄送, each once, with its role. */
function recipients(wb: Workbook, c: InterviewCase): { to: string[]; cc: string[]; roles: Map<string, LogRole> } | undefined {
  const unit = matchUnit(c.unit, wb.units);
  const summoned = unit ? interviewees(unit) : [];
  if (!unit || summoned.length === 0) return undefined;
  const roles = new Map<string, LogRole>();
  const add = (address: string, role: LogRole): void => {
    if (!roles.has(address.toLowerCase())) roles.set(address.toLowerCase(), role);
  };
  for (const p of summoned) add(p.address, 'head');
  for (const a of addressesIn(unit.leaderEmail)) add(a, 'leader');
  for (const a of wb.settings.interviewCc) add(a, 'cc');
  const to = summoned.map((p) => p.address);
  const cc = [...roles.keys()].filter((a) => !to.some((x) => x.toLowerCase() === a));
  return { to, cc, roles };
}

/** The ready cases' 约谈通知: numbered, claimed (one row per address), then delivered (发送中, flush, send, confirm). */
function sendReady(
  wb: Workbook,
  book: LogBook,
  decisions: readonly CaseDecision[],
  now: Date,
  result: JobResult,
  needsPerson: string[],
  started?: number,
): SentDigest[] {
  const { t, settings } = wb;
  const today = wb.clock.today;
  const year = ymdFromDay(today).year;
  const prefix = seriesPrefix('interview', settings.noticePrefix, t);
  const next = numberer([...book.kept.values()], today, prefix, t, readCounters().number('interview', year));
  const parcels: Parcel[] = [];
  const units: string[] = [];
  for (const d of decisions) {
    if (!d.ready || !d.row) continue;
    const who = recipients(wb, d.case);
    if (!who) {
      needsPerson.push(t('iv.noInterviewee', { unit: d.case.unit, id: d.case.id }));
      continue;
    }
    parcels.push(parcelOf(wb, book, d, who, d.case.number || next(), now));
    units.push(d.case.unit);
  }
  const delivered = deliverAll(wb, book, parcels, { keepForSummary: Boolean(settings.adminEmail), ...(started ? { started } : {}) });
  const sent: SentDigest[] = [];
  delivered.forEach((x, i) => {
    if (x.status === 'failed') result.warnings.push(x.detail);
    if (x.status !== 'sent') return;
    const numbers = [book.kept.get(parcels[i]!.rows[0]!)?.number ?? ''];
    result.mails.push({
      kind: 'interview',
      to: x.to,
      ...(x.cc ? { cc: x.cc } : {}),
      subject: x.subject,
      numbers,
      level: t('level.interview'),
    });
    sent.push({ to: x.to, toName: '', subject: x.subject, numbers, level: 'interview', units: [units[i]!], interviewNotice: true });
  });
  return sent;
}

function parcelOf(
  wb: Workbook,
  book: LogBook,
  d: CaseDecision,
  who: { to: string[]; cc: string[]; roles: Map<string, LogRole> },
  number: string,
  now: Date,
): Parcel {
  const { t, settings } = wb;
  const row = d.row!;
  const unit = matchUnit(d.case.unit, wb.units)!;
  const failed = row.failedNotices.split('\n');
  const notice = {
    unit: unit.name,
    number,
    interviewees: interviewees(unit),
    time: row.time!,
    place: row.place,
    convener: row.convener,
    materials: row.materials,
    matters: row.matters.split('\n').map((matter, i) => ({ matter, failed: failed[i] ?? '' })),
    today: wb.clock.today,
  };
  const mail = composeInterviewNotice(notice, settings, t);
  const resumed = new Map(
    d.case.pendingRows.filter((e) => e.outcome === 'claimed' && e.day === wb.clock.today).map((e) => [e.to.toLowerCase(), e.index]),
  );
  const fresh: LogEntry[] = [];
  const addresses = [...who.to, ...who.cc];
  const rows = addresses.map((to) => {
    const again = resumed.get(to.toLowerCase());
    if (again !== undefined) return again;
    const entry: LogEntry = {
      index: book.next++,
      number,
      time: now,
      day: wb.clock.today,
      key: documentKey(number),
      unit: unit.name,
      level: 'interview',
      ordinal: d.case.id,
      deadline: undefined,
      to,
      role: who.roles.get(to.toLowerCase()) ?? 'head',
      subject: mail.subject,
      outcome: 'claimed',
      detail: '',
    };
    fresh.push(entry);
    return entry.index;
  });
  claim(wb, book, fresh);
  return {
    mail,
    cc: who.cc,
    rows,
    rowTo: addresses,
    dryRun: () => composeInterviewNotice(notice, settings, t, addresses),
  };
}
