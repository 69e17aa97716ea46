/**
 * The notice log sheet (督办记录): the script's own sheet, created and marked when missing, read
 * once per job and then kept in step with every write (never read again in the same run). It
 * grows by a row per delivery, claimed (待发送) before the send and confirmed after; a delivery
 * the quota held back waits in one queued row (延后), updated in place when its day comes.
 */
import type { Day } from '../core/calendar/day';
import {
  LOG_COLUMNS,
  LOG_FORMAT,
  LOG_LEVEL_WORD,
  type LogColumn,
  type LogEntry,
  leftBehind,
  logHeader,
  OUTCOME_WORD,
  type Outcome,
  parseLog,
  ROLE_WORD,
} from '../core/notices/log';
import { outcomeBlocks } from '../core/notices/outcome-writes';
import { ensureScriptSheet, type Workbook } from './workbook';
import { contiguousRuns } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The log sheet as a job holds it: its entries, and where the next row goes (0-based). */
export interface OpenLog {
  sheet: Sheet;
  entries: LogEntry[];
  rows: number;
  /** Created by this run (there was none). */
  created?: boolean;
}

/** The log as this run leaves it, kept in step with every write (so it is not read again). */
export type LogRows = Map<number, LogEntry>;

/** The log as a run keeps it: the sheet, every entry by row (kept in step with each write), the next free row. */
export interface LogBook {
  sheet: Sheet;
  kept: LogRows;
  next: number;
  /** The first row this run claims (0-based): rows from here on were written by this run, 说明 included. */
  firstClaimed: number;
  /** Rows whose outcome changed in kept but not yet on the sheet (writeOutcomes), and whether their 说明 changed too. */
  unwritten: Map<number, boolean>;
}

/** The log sheet and what it holds, created (and marked) when missing. */
export function openLog(wb: Workbook, changes: string[]): OpenLog {
  const { found, created } = ensureScriptSheet(wb, 'log', changes);
  const sheet = found.sheet;
  if (created || found.values.length === 0) {
    const header = logHeader(wb.t);
    sheet.getRange(1, 1, 1, header.length).setNumberFormat('@').setValues([header]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    LOG_COLUMNS.forEach((c, i) => {
      sheet.setColumnWidth(i + 1, c === 'subject' ? 360 : c === 'number' || c === 'time' ? 150 : 110);
    });
    return { sheet, entries: [], rows: 1, created };
  }
  labelNewColumns(wb, sheet, found.values[0] ?? []);
  return { sheet, entries: parseLog(found.values, wb.clock.toDay), rows: found.values.length };
}

/** A log written before a column existed (整改限期) gets its header where the script now writes it, when that cell is empty. */
function labelNewColumns(wb: Workbook, sheet: Sheet, header: readonly unknown[]): void {
  const names = logHeader(wb.t);
  LOG_COLUMNS.forEach((_, i) => {
    if (i < header.length && String(header[i] ?? '') !== '') return;
    if (header.some((h) => String(h ?? '') === names[i])) return;
    sheet
      .getRange(1, i + 1)
      .setNumberFormat('@')
      .setValue(names[i])
      .setFontWeight('bold');
  });
}

/** The log opened as a book a run writes into. */
export function bookOf(log: OpenLog): LogBook {
  return {
    sheet: log.sheet,
    kept: new Map(log.entries.map((e) => [e.index, e] as const)),
    next: log.rows,
    firstClaimed: log.rows,
    unwritten: new Map(),
  };
}

/**
 * Sets the outcome (and detail) of log rows in the book only; writeOutcomes puts them on the
 * sheet, together with the other rows changed since (issue 17: fewer log writes per mail).
 */
export function noteOutcome(book: LogBook, rows: readonly number[], outcome: Outcome, detail?: string): void {
  for (const r of rows) {
    const e = book.kept.get(r);
    if (!e) continue;
    e.outcome = outcome;
    if (detail !== undefined) e.detail = detail;
    book.unwritten.set(r, (book.unwritten.get(r) ?? false) || detail !== undefined);
  }
}

/** Writes every outcome noted since the last write, in the fewest blocks (outcome-writes.ts). */
export function writeOutcomes(wb: Workbook, book: LogBook): void {
  const changed = [...book.unwritten].map(([row, withDetail]) => ({ row, withDetail, claimedNow: row >= book.firstClaimed }));
  book.unwritten.clear();
  const outcomeColumn = LOG_COLUMNS.indexOf('outcome') + 1;
  const claimedNow = (row: number): boolean => row >= book.firstClaimed && book.kept.has(row);
  for (const { lo, hi, withDetail } of outcomeBlocks(changed, claimedNow)) {
    const cells: string[][] = [];
    for (let r = lo; r <= hi; r++) {
      const e = book.kept.get(r)!;
      const word = wb.t(OUTCOME_WORD[e.outcome]);
      cells.push(withDetail ? [word, e.detail] : [word]);
    }
    book.sheet.getRange(lo + 1, outcomeColumn, hi - lo + 1, withDetail ? 2 : 1).setValues(cells);
  }
}

/** Sets the outcome (and detail) of log rows, one write per run of adjacent rows. */
export function setOutcome(wb: Workbook, sheet: Sheet, rows: number[], outcome: Outcome, detail?: string, kept?: LogRows): void {
  for (const r of rows) {
    const e = kept?.get(r);
    if (!e) continue;
    e.outcome = outcome;
    if (detail !== undefined) e.detail = detail;
  }
  const outcomeColumn = LOG_COLUMNS.indexOf('outcome') + 1;
  for (const [lo, hi] of contiguousRuns(rows)) {
    const n = hi - lo + 1;
    const cells = Array.from({ length: n }, () =>
      detail === undefined ? [wb.t(OUTCOME_WORD[outcome])] : [wb.t(OUTCOME_WORD[outcome]), detail],
    );
    sheet.getRange(lo + 1, outcomeColumn, n, detail === undefined ? 1 : 2).setValues(cells);
  }
}

/** A log entry as the sheet's cells: words in the office's language, dates as dates, text as text. */
function entryCells(wb: Workbook, e: LogEntry): unknown[] {
  const cells: Record<LogColumn, unknown> = {
    number: e.number,
    time: e.time ?? '',
    key: e.key,
    unit: e.unit,
    level: wb.t(LOG_LEVEL_WORD[e.level]),
    ordinal: e.ordinal || '',
    deadline: e.deadline === undefined ? '' : wb.clock.fromDay(e.deadline),
    to: e.to,
    // A relapse or a 通报批评 recorded against a task is an event, not a mail: nobody's role.
    role: e.level === 'reopen' || e.outcome === 'recorded' ? '' : wb.t(ROLE_WORD[e.role]),
    subject: e.subject,
    outcome: wb.t(OUTCOME_WORD[e.outcome]),
    detail: e.detail,
    replyBy: e.replyBy === undefined ? '' : wb.clock.fromDay(e.replyBy),
  };
  return LOG_COLUMNS.map((c) => cells[c]);
}

/** Appends entries at their rows (the log only grows: its grid gains rows when they run out). */
export function append(wb: Workbook, sheet: Sheet, entries: LogEntry[]): void {
  if (entries.length === 0) return;
  const first = entries[0]!.index;
  const max = sheet.getMaxRows();
  if (first + entries.length > max) sheet.insertRowsAfter(max, first + entries.length - max);
  const range = sheet.getRange(first + 1, 1, entries.length, LOG_COLUMNS.length);
  range.setNumberFormats(entries.map(() => LOG_COLUMNS.map((c) => LOG_FORMAT[c])));
  range.setValues(entries.map((e) => entryCells(wb, e)));
}

/**
 * Rewrites rows in place, whole, at their indexes (one write per run of adjacent rows), kept in
 * the book: a queued row (延后) the quota now admits becomes today's claim, with today's time,
 * subject and 限期, instead of a new row each day it waited.
 */
export function rewrite(wb: Workbook, sheet: Sheet, entries: LogEntry[], kept: LogRows): void {
  const at = new Map(entries.map((e) => [e.index, e] as const));
  for (const e of entries) kept.set(e.index, e);
  for (const [lo, hi] of contiguousRuns(entries.map((e) => e.index))) {
    const run = Array.from({ length: hi - lo + 1 }, (_, i) => at.get(lo + i)!);
    sheet.getRange(lo + 1, 1, run.length, LOG_COLUMNS.length).setValues(run.map((e) => entryCells(wb, e)));
  }
}

/** Before planning: what earlier runs left behind (see leftBehind) is marked so in the log. Returns the sends left unconfirmed. */
export function markLeftBehind(wb: Workbook, sheet: Sheet, entries: LogEntry[], today: Day): LogEntry[] {
  const { uncertain, stale } = leftBehind(entries, today);
  setOutcome(
    wb,
    sheet,
    uncertain.map((e) => e.index),
    'uncertain',
    wb.t('notice.uncertain'),
  );
  setOutcome(
    wb,
    sheet,
    stale.map((e) => e.index),
    'cancelled',
  );
  for (const e of uncertain) e.outcome = 'uncertain';
  for (const e of stale) e.outcome = 'cancelled';
  return uncertain;
}
