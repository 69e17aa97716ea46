/**
 * 约谈 cases (约谈安排): a unit summoned for the tasks that failed three 整改通知 (三次未达到整改
 * 要求的，……对其党政主要领导进行约谈), decided by a person, never sent by the sweep alone.
 *
 * The log 督办记录 is their source of truth. A task proposed for 约谈 is an event row (level 约谈,
 * the task's key, to '', outcome 已记录), once per task; its 序次 (ordinal) is the case's 约谈编号.
 * The 约谈通知 of a case is a document of its own: its delivery rows carry the key `§` + its number
 * (so they are never read as a task's rows) and the same 约谈编号. A unit's tasks proposed while it
 * has a case whose 约谈通知 has not gone join that case; once it went, a new case starts.
 */
import type { Day } from '../calendar/day';
import { unitKey } from '../directory/units';
import { isGiven, type LogEntry } from '../notices/log';
import type { Interview, TaskNotice } from '../notices/types';

/** What a document's delivery rows are keyed by: never a task's key. */
export const DOCUMENT_KEY_MARK = '§';

export function documentKey(number: string): string {
  return `${DOCUMENT_KEY_MARK}${number}`;
}

/** Where a case's 约谈通知 stands, as the log says. */
export type NoticeState =
  /** Nothing claimed yet: the case waits for a person (or is ready to go). */
  | 'none'
  /** Claimed but not given (withdrawn, failed, deferred, or claimed by a run that stopped): it goes again with its number. */
  | 'pending'
  /** Sent, or possibly sent (发送中 left by a run that died): never sent again. */
  | 'sent';

export interface InterviewCase {
  /** 约谈编号. */
  id: number;
  unit: string;
  /** The tasks' keys, in the order they were proposed. */
  keys: string[];
  /** The day the case was first proposed. */
  proposedOn: Day | undefined;
  /** 约谈通知文号: '' until one was claimed. */
  number: string;
  notice: NoticeState;
  /** The day the 约谈通知 first went. */
  sentOn?: Day;
  /** Its delivery rows not given, by address in lower case: a rerun resumes today's claims instead of writing new ones. */
  pendingRows: LogEntry[];
}

const isDocumentRow = (e: LogEntry): boolean => e.key.startsWith(DOCUMENT_KEY_MARK);

/** The 约谈 cases the log holds, by 约谈编号. */
export function interviewCases(entries: readonly LogEntry[], dryRun: boolean): InterviewCase[] {
  const byId = new Map<number, InterviewCase>();
  const caseOf = (e: LogEntry): InterviewCase => {
    let c = byId.get(e.ordinal);
    if (!c) {
      c = { id: e.ordinal, unit: e.unit, keys: [], proposedOn: undefined, number: '', notice: 'none', pendingRows: [] };
      byId.set(e.ordinal, c);
    }
    return c;
  };
  for (const e of entries) {
    if (e.level !== 'interview' || e.ordinal <= 0) continue;
    const c = caseOf(e);
    if (!isDocumentRow(e)) {
      if (e.outcome !== 'recorded') continue;
      if (!c.keys.includes(e.key)) c.keys.push(e.key);
      if (e.day !== undefined && (c.proposedOn === undefined || e.day < c.proposedOn)) c.proposedOn = e.day;
      continue;
    }
    c.number ||= e.number;
    if (isGiven(e.outcome, dryRun) || e.outcome === 'sending') {
      c.notice = 'sent';
      if (e.day !== undefined && (c.sentOn === undefined || e.day < c.sentOn)) c.sentOn = e.day;
    } else {
      if (c.notice === 'none') c.notice = 'pending';
      c.pendingRows.push(e);
    }
  }
  return [...byId.values()].filter((c) => c.keys.length > 0).sort((a, b) => a.id - b.id);
}

/** A task proposed for 约谈 today, and the case it goes into. */
export interface Proposal {
  caseId: number;
  unit: string;
  task: TaskNotice;
  /** The first task of a new case (a row for 约谈安排), else it joins an open one. */
  opens: boolean;
}

/**
 * Today's proposals: each task the plan names for 约谈 and the log does not have yet, in the
 * unit's open case (its 约谈通知 not yet claimed) or a new one (after the highest 约谈编号).
 */
export function proposeCases(interviews: readonly Interview[], cases: readonly InterviewCase[], entries: readonly LogEntry[]): Proposal[] {
  // The event rows (已记录) only: a 约谈-level delivery keyed by the task is a 整改通知 of the old ladder, not a proposal.
  const proposed = new Set(
    entries.filter((e) => e.level === 'interview' && e.outcome === 'recorded' && !isDocumentRow(e)).map((e) => e.key),
  );
  let last = Math.max(0, ...cases.map((c) => c.id));
  const open = new Map<string, number>();
  for (const c of cases) if (c.notice === 'none') open.set(unitKey(c.unit), c.id);
  const out: Proposal[] = [];
  for (const iv of interviews) {
    for (const task of iv.tasks) {
      if (task.key === '' || proposed.has(task.key)) continue;
      proposed.add(task.key);
      const unit = unitKey(iv.unit);
      const joined = open.get(unit);
      const caseId = joined ?? ++last;
      open.set(unit, caseId);
      out.push({ caseId, unit: iv.unit, task, opens: joined === undefined });
    }
  }
  return out;
}
