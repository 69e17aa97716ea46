/**
 * 约谈安排: Duban's own sheet where a person decides each 约谈. One row per unit and case.
 *
 * Duban writes 约谈编号, 单位, 事项, 未达要求的整改通知（文号）, 被约谈人, 提议日期, and later
 * 约谈通知文号 and 状态. A person fills in 约谈时间, 约谈地点, 约谈人, 需携带材料 (prefilled, editable),
 * 审批 (同意 / 暂缓), 备注 and 约谈完成日期: Duban never writes those after the row is made. Columns
 * are found by their header in any language, so a person may reorder them or add their own.
 */
import { type Day, isDateValue } from '../calendar/day';
import { allTexts, type MessageKey, type Translate } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { cellText, normalizeHeader } from '../text/text';
import { normalizeWord, readApproval } from '../text/vocabulary';

export const ARRANGEMENT_COLUMNS = [
  'caseId',
  'unit',
  'matters',
  'failedNotices',
  'interviewees',
  'proposedOn',
  'time',
  'place',
  'convener',
  'materials',
  'approval',
  'remark',
  'heldOn',
  'noticeNumber',
  'status',
] as const;
export type ArrangementColumn = (typeof ARRANGEMENT_COLUMNS)[number];

/** The columns only Duban writes; every other is a person's (需携带材料 only prefilled when the row is made). */
export const DUBAN_COLUMNS = [
  'caseId',
  'unit',
  'matters',
  'failedNotices',
  'interviewees',
  'proposedOn',
  'noticeNumber',
  'status',
] as const;
export type DubanColumn = (typeof DUBAN_COLUMNS)[number];

export const ARRANGEMENT_HEADER: Record<ArrangementColumn, MessageKey> = {
  caseId: 'ivcol.caseId',
  unit: 'ivcol.unit',
  matters: 'ivcol.matters',
  failedNotices: 'ivcol.failedNotices',
  interviewees: 'ivcol.interviewees',
  proposedOn: 'ivcol.proposedOn',
  time: 'ivcol.time',
  place: 'ivcol.place',
  convener: 'ivcol.convener',
  materials: 'ivcol.materials',
  approval: 'ivcol.approval',
  remark: 'ivcol.remark',
  heldOn: 'ivcol.heldOn',
  noticeNumber: 'ivcol.noticeNumber',
  status: 'ivcol.status',
};

export const ARRANGEMENT_FORMAT: Record<ArrangementColumn, string> = {
  caseId: '0',
  unit: '@',
  matters: '@',
  failedNotices: '@',
  interviewees: '@',
  proposedOn: 'yyyy-mm-dd',
  time: 'yyyy-mm-dd hh:mm',
  place: '@',
  convener: '@',
  materials: '@',
  approval: '@',
  remark: '@',
  heldOn: 'yyyy-mm-dd',
  noticeNumber: '@',
  status: '@',
};

export type Approval = 'agree' | 'hold';

/** A moment a person named: its day and the minutes after midnight. */
export interface Moment {
  day: Day;
  minutes: number;
}

/** One row of 约谈安排 as a person left it. */
export interface ArrangementRow {
  /** 0-based row in the sheet. */
  index: number;
  caseId: number;
  time: Moment | undefined;
  place: string;
  convener: string;
  materials: string;
  approval: Approval | undefined;
  remark: string;
  heldOn: Day | undefined;
  /** 事项 and 未达要求的整改通知 as Duban wrote them, a line per task: what the 约谈通知 cites. */
  matters: string;
  failedNotices: string;
  /** 约谈通知文号 and 状态 as the sheet has them (Duban's cells). */
  noticeNumber: string;
  status: string;
}

export interface ArrangementSheet {
  /** Each column's 0-based index; a column the header lacks is absent (Duban adds it at the end). */
  at: Partial<Record<ArrangementColumn, number>>;
  missing: ArrangementColumn[];
  rows: ArrangementRow[];
  problems: CellProblem[];
}

/** The sheet's header as Duban writes it. */
export function arrangementHeader(t: Translate): string[] {
  return ARRANGEMENT_COLUMNS.map((c) => t(ARRANGEMENT_HEADER[c]));
}

const HOLD_WORDS = new Set(['暂缓', '缓办', '暂不约谈', 'hold', 'onhold', 'defer', 'deferred', 'postpone', 'postponed'].map(normalizeWord));

/** 审批: 同意 (and the approving words 批准, 通过, √ …), or 暂缓; anything else is not an answer. */
export function readArrangementApproval(v: unknown): Approval | undefined | 'bad' {
  if (cellText(v) === '' && typeof v !== 'boolean') return undefined;
  if (typeof v === 'string' && HOLD_WORDS.has(normalizeWord(v))) return 'hold';
  return readApproval(v) === true ? 'agree' : 'bad';
}

/** 2026-12-10 09:30, 2026/12/10 9:30, 2026年12月10日 9:30, 2026年12月10日下午3时: a day and a time of day. */
const MOMENT_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*[T\s,，]*(上午|下午|晚上)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?$/;

/**
 * 约谈时间 as read: a date-time cell, or its text in the forms offices type; a date with no
 * time of day (a date cell at midnight, or text with no hour) is not a time to summon anyone at.
 */
export function readMoment(
  v: unknown,
  toMoment: (d: Date) => Moment,
  dayOf: (y: number, m: number, d: number) => Day | undefined,
): Moment | undefined | 'bad' {
  if (cellText(v) === '') return undefined;
  if (isDateValue(v)) {
    const m = toMoment(v);
    return m.minutes === 0 ? 'bad' : m;
  }
  const match = MOMENT_TEXT.exec(cellText(v).normalize('NFKC').trim());
  if (!match) return 'bad';
  const day = dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
  let hour = Number(match[5]);
  const minute = Number(match[6] ?? 0);
  if (match[4] && match[4] !== '上午' && hour < 12) hour += 12;
  if (day === undefined || hour > 23 || minute > 59) return 'bad';
  return { day, minutes: hour * 60 + minute };
}

/** How the reader turns cells into days and moments (the edge knows the sheet's time zone). */
export interface CellClock {
  toDay: (d: Date) => Day;
  toMoment: (d: Date) => Moment;
  dayOf: (y: number, m: number, d: number) => Day | undefined;
}

/** Each column's index by its header, in any language; the columns missing. */
function findColumns(header: readonly unknown[]): { at: Partial<Record<ArrangementColumn, number>>; missing: ArrangementColumn[] } {
  const at: Partial<Record<ArrangementColumn, number>> = {};
  const missing: ArrangementColumn[] = [];
  for (const c of ARRANGEMENT_COLUMNS) {
    const texts = new Set(allTexts(ARRANGEMENT_HEADER[c]).map(normalizeHeader));
    const found = header.findIndex((h) => texts.has(normalizeHeader(h)));
    if (found >= 0) at[c] = found;
    else missing.push(c);
  }
  return { at, missing };
}

/**
 * Reads 约谈安排 (getValues() of the whole sheet): its columns by header, each case's row, and
 * what a person typed that cannot be read (审批 neither 同意 nor 暂缓, a 约谈时间 that is no
 * date and time, a 约谈完成日期 that is no date), located by row and column.
 */
export function parseArrangement(values: unknown[][], clock: CellClock, t: Translate): ArrangementSheet {
  const { at, missing } = findColumns(values[0] ?? []);
  const out: ArrangementSheet = { at, missing, rows: [], problems: [] };
  const header = (c: ArrangementColumn): string => cellText(values[0]?.[at[c] ?? -1]) || t(ARRANGEMENT_HEADER[c]);
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: ArrangementColumn): unknown => (at[c] === undefined ? '' : row[at[c]]);
    const text = (c: ArrangementColumn): string => cellText(get(c));
    const caseId = Number(get('caseId'));
    if (!Number.isInteger(caseId) || caseId <= 0) continue;
    const bad = (c: ArrangementColumn, key: MessageKey): void => {
      out.problems.push({ row: r, column: at[c] ?? 0, message: t(key, { column: header(c), value: text(c), id: caseId }) });
    };
    const approval = readArrangementApproval(get('approval'));
    if (approval === 'bad') bad('approval', 'iv.badApproval');
    const time = readMoment(get('time'), clock.toMoment, clock.dayOf);
    if (time === 'bad') bad('time', 'iv.badTime');
    const held = get('heldOn');
    const heldOn = isDateValue(held) ? clock.toDay(held) : undefined;
    if (cellText(held) !== '' && heldOn === undefined) bad('heldOn', 'iv.badDay');
    out.rows.push({
      index: r,
      caseId,
      time: time === 'bad' ? undefined : time,
      place: text('place'),
      convener: text('convener'),
      materials: text('materials'),
      approval: approval === 'bad' ? undefined : approval,
      remark: text('remark'),
      heldOn,
      matters: text('matters'),
      failedNotices: text('failedNotices'),
      noticeNumber: text('noticeNumber'),
      status: text('status'),
    });
  }
  return out;
}
