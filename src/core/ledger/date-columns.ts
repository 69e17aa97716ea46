/**
 * Which of two deadline-named columns is the deadline, when one of them has a name that can
 * mean either (完成时间 beside 完成时限 or 整改时限).
 *
 * Keeping the first match would lose the completion column, or worse take the completion for
 * the deadline. The cells tell them apart: the deadline is filled on (nearly) every task and
 * often in words (7月底前, 长期坚持); the completion is mostly blank and filled where the task
 * is done. When the rows say nothing clear, the names decide: the unambiguous name is the
 * deadline. The other column becomes the completion date if the ledger has none.
 */

import { cellText, isBlankCell } from '../text/text';
import { type ColumnMap, type Field, isEitherDateHeader } from './columns';
import { classifyRow } from './row-kind';
import { parseStatus, readClosedFlag } from './status';

export interface DatePairReading {
  /** The column read as the deadline (0-based). */
  deadline: number;
  /** The other column of the pair. */
  other: number;
  /** Their header texts, as a person reads them in a message. */
  deadlineHeader: string;
  otherHeader: string;
  /** Whether the other column became the completion date (false: the ledger has one already, it is ignored). */
  otherIsCompletion: boolean;
  /** What decided: the words in the cells, how full each column is, or (rows unclear) the names. */
  by: 'words' | 'fill' | 'names';
  /** Task rows sampled, and how many of them fill each column. */
  tasks: number;
  deadlineFilled: number;
  otherFilled: number;
  /** A deadline written in words from the deadline column, when the words decided. */
  example?: string;
}

/** Words only a time limit is written in: 7月底前, 15日内, 3个工作日, 长期坚持, 立即整改, 7月中旬. */
const DEADLINE_WORDS = /前|以内|日内|天内|月内|年内|周内|底|旬|长期|持续|常态|立即|即时|尽快|随时|工作日/;

/** "Nearly every task" and "mostly blank", as shares of the task rows sampled. */
const FULL = 0.8;
const SPARSE = 0.5;

interface ColumnFacts {
  filled: number;
  filledOnDone: number;
  words: number;
  example?: string;
}

function factsOf(values: unknown[][], rows: number[], column: number, isDone: (row: unknown[]) => boolean): ColumnFacts {
  const facts: ColumnFacts = { filled: 0, filledOnDone: 0, words: 0 };
  for (const r of rows) {
    const row = values[r] ?? [];
    const v = row[column];
    const text = cellText(v);
    if (isBlankCell(v)) continue;
    facts.filled++;
    if (isDone(row)) facts.filledOnDone++;
    if (typeof v === 'string' && DEADLINE_WORDS.test(text)) {
      facts.words++;
      facts.example ??= text;
    }
  }
  return facts;
}

/**
 * Settles a pair of deadline-named columns in place: `columns` gets the deadline (and the
 * completion, if it had none), `duplicates` keeps only the deadline columns still set aside.
 * Returns how the pair was read, or undefined when there was no such pair.
 */
export function settleDatePair(
  values: unknown[][],
  headerRow: number,
  texts: string[],
  columns: ColumnMap,
  duplicates: Map<Field, number[]>,
  sampleRows: number,
): DatePairReading | undefined {
  if (columns.deadline === undefined) return undefined;
  const named = [columns.deadline, ...(duplicates.get('deadline') ?? [])].sort((a, b) => a - b);
  if (named.length < 2) return undefined;
  const either = named.filter((c) => isEitherDateHeader(texts[c]));
  if (either.length === 0) return undefined;
  // The names alone: a column no one could read as a completion date is the deadline.
  const byName = named.find((c) => !either.includes(c)) ?? named[0];
  const rival = either.find((c) => c !== byName);
  if (rival === undefined) return undefined;

  const end = Math.min(values.length, headerRow + 1 + sampleRows);
  const rows: number[] = [];
  for (let r = headerRow + 1; r < end; r++) if (classifyRow(values[r] ?? [], columns) === 'task') rows.push(r);
  const isDone = (row: unknown[]): boolean => {
    if (columns.closedFlag !== undefined && readClosedFlag(row[columns.closedFlag]) === true) return true;
    const code = columns.status === undefined ? 'blank' : parseStatus(row[columns.status]).code;
    return code === 'closed' || code === 'submitted';
  };
  const a = factsOf(values, rows, byName, isDone);
  const b = factsOf(values, rows, rival, isDone);
  const n = rows.length;
  const full = (f: ColumnFacts): boolean => f.filled >= FULL * n;
  // Mostly blank, and filled on tasks the status (or 是否销号, which every ledger read has) says are done.
  const completionLike = (f: ColumnFacts): boolean => f.filled <= SPARSE * n && f.filledOnDone >= FULL * f.filled;

  let deadline = byName;
  let by: DatePairReading['by'] = 'names';
  if (n > 0 && a.words > 0 !== b.words > 0) {
    by = 'words';
    deadline = a.words > 0 ? byName : rival;
  } else if (n > 0 && full(a) && completionLike(b)) {
    by = 'fill';
  } else if (n > 0 && full(b) && completionLike(a)) {
    by = 'fill';
    deadline = rival;
  }
  const other = deadline === byName ? rival : byName;

  columns.deadline = deadline;
  const otherIsCompletion = columns.completed === undefined;
  if (otherIsCompletion) columns.completed = other;
  const rest = named.filter((c) => c !== deadline && c !== other);
  if (rest.length > 0) duplicates.set('deadline', rest);
  else duplicates.delete('deadline');

  const [d, o] = deadline === byName ? [a, b] : [b, a];
  // A header typed over two lines reads as one word in a message.
  const header = (c: number): string => cellText(texts[c]).replace(/\s*\n\s*/g, '');
  return {
    deadline,
    other,
    deadlineHeader: header(deadline),
    otherHeader: header(other),
    otherIsCompletion,
    by,
    tasks: n,
    deadlineFilled: d.filled,
    otherFilled: o.filled,
    ...(by === 'words' && d.example !== undefined ? { example: d.example } : {}),
  };
}
