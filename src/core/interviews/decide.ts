/**
 * What each 约谈 case needs today, from the log (the truth about what was sent) and 约谈安排 (what
 * a person decided): nothing is sent without 审批 同意 and a 约谈时间 and 约谈地点; 暂缓 holds the
 * case with the 备注 as its reason; a 约谈通知 that went is never sent again.
 */

import type { Day } from '../calendar/day';
import type { Interviewee } from '../directory/units';
import type { Translate } from '../i18n';
import type { LogEntry } from '../notices/log';
import { longDay } from '../notices/official';
import type { ArrangementColumn, ArrangementRow, ArrangementSheet, DubanColumn } from './arrangement';
import type { InterviewCase } from './cases';

/** 状态 as Duban writes it: 待审批, 暂缓, 已发通知, 已约谈. */
export type CaseStatus = 'awaiting' | 'onHold' | 'sent' | 'done';

export const STATUS_WORD = {
  awaiting: 'ivstatus.awaiting',
  onHold: 'ivstatus.onHold',
  sent: 'ivstatus.sent',
  done: 'ivstatus.done',
} as const;

/** What a case still lacks before its 约谈通知 can go. */
export type Missing = 'approval' | 'time' | 'place';

export interface CaseDecision {
  case: InterviewCase;
  /** Its row in 约谈安排; undefined when the row is missing (Duban adds it back). */
  row: ArrangementRow | undefined;
  status: CaseStatus;
  /** For a case awaiting: what is not filled in yet. */
  missing: Missing[];
  /** 同意, time and place filled in, not sent yet: its 约谈通知 goes now. */
  ready: boolean;
}

export function decideCases(cases: readonly InterviewCase[], sheet: Pick<ArrangementSheet, 'rows'>): CaseDecision[] {
  const rowOf = new Map<number, ArrangementRow>();
  for (const row of sheet.rows) if (!rowOf.has(row.caseId)) rowOf.set(row.caseId, row);
  return cases.map((c): CaseDecision => {
    const row = rowOf.get(c.id);
    if (c.notice === 'sent') return { case: c, row, status: row?.heldOn !== undefined ? 'done' : 'sent', missing: [], ready: false };
    if (row?.approval === 'hold') return { case: c, row, status: 'onHold', missing: [], ready: false };
    const missing: Missing[] = [];
    if (row?.approval !== 'agree') missing.push('approval');
    if (row?.time === undefined) missing.push('time');
    if ((row?.place ?? '') === '') missing.push('place');
    return { case: c, row, status: 'awaiting', missing, ready: missing.length === 0 };
  });
}

/** A cell Duban writes: text, a number, or a day (the edge writes it as a date). */
export type DubanValue = string | number | { day: number };

/** What Duban writes in its own cells of a case's row. */
export interface CaseCells {
  unit: string;
  /** One line per task: `DB-0003 老旧小区飞线充电（幸福里）`. */
  matters: string[];
  /** One line per task, in the same order: its failed 整改通知 with their 限期. */
  failedNotices: string[];
  interviewees: Interviewee[];
}

/** The value of each of Duban's cells of a case's row (the proposal day as a Day: the edge writes it as a date). */
export function dubanValues(d: CaseDecision, cells: CaseCells, t: Translate): Record<DubanColumn, DubanValue> {
  return {
    caseId: d.case.id,
    unit: cells.unit,
    matters: cells.matters.join('\n'),
    failedNotices: cells.failedNotices.join('\n'),
    interviewees: cells.interviewees.map((p) => t('iv.person', { name: p.name, address: p.address })).join(t('mail.and')),
    proposedOn: d.case.proposedOn === undefined ? '' : { day: d.case.proposedOn },
    noticeNumber: d.case.notice === 'none' ? '' : d.case.number,
    status: t(STATUS_WORD[d.status]),
  };
}

/** A whole new row: Duban's cells, and the one person's cell it prefills (需携带材料). */
export function newRowValues(values: ReturnType<typeof dubanValues>, t: Translate): Partial<Record<ArrangementColumn, unknown>> {
  return { ...values, materials: t('iv.materialsDefault') };
}

/** A task as a case's 事项 line names it: `DB-0003 老旧小区飞线充电（幸福里）`. */
export function matterLine(task: { key: string; task: string; place: string }, t: Translate): string {
  return task.place.trim() === '' ? t('iv.matterLine', task) : t('iv.matterPlace', task);
}

/** A task's failed 整改通知 as the case cites them: `DB-0003：X创城督〔2026〕3号（限期2026年11月27日）、…`. */
export function failedLine(key: string, notices: readonly { number: string; replyBy: Day | undefined }[], t: Translate): string {
  const cited = notices.map((n) =>
    n.replyBy === undefined ? n.number : t('iv.failedNotice', { number: n.number, date: longDay(n.replyBy, t) }),
  );
  return t('iv.failedLine', { key, notices: cited.join(t('mail.and')) });
}

/**
 * A task's 整改通知 found 未达到整改要求, as the log records them (level 未达要求, each number once,
 * oldest first): what a case cites when the plan's own list is not at hand (a row added back).
 */
export function failedFromLog(key: string, entries: readonly LogEntry[]): { number: string; replyBy: Day | undefined }[] {
  const out = new Map<string, { number: string; replyBy: Day | undefined; day: Day }>();
  for (const e of entries) {
    if (e.key !== key || e.level !== 'failed' || e.number === '' || out.has(e.number)) continue;
    out.set(e.number, { number: e.number, replyBy: e.replyBy, day: e.day ?? 0 });
  }
  return [...out.values()].sort((a, b) => a.day - b.day).map(({ number, replyBy }) => ({ number, replyBy }));
}

/** What the admin's summary says of a case: waiting for 审批 (and what is missing), held (with the reason), or its 约谈通知 sent today. */
export interface CaseLine {
  id: number;
  unit: string;
  kind: 'awaiting' | 'onHold' | 'sentToday';
  missing: Missing[];
  reason: string;
  number: string;
}

export function caseLines(decisions: readonly CaseDecision[], today: Day): CaseLine[] {
  return decisions.flatMap((d): CaseLine[] => {
    const base = { id: d.case.id, unit: d.case.unit, missing: d.missing, reason: d.row?.remark ?? '', number: d.case.number };
    if (d.status === 'awaiting') return [{ ...base, kind: 'awaiting' }];
    if (d.status === 'onHold') return [{ ...base, kind: 'onHold' }];
    return d.case.sentOn === today ? [{ ...base, kind: 'sentToday' }] : [];
  });
}
