/**
 * The sweep's plan: from the ledger as read, the cells each row gets today, one write.
 *
 *   read     ledger/ledger.ts: rows → tasks with their state (the one reader every job uses)
 *   decide   the states today (state-plan.ts); the notices (notices/plan.ts) and the month's
 *            scores (scores/month.ts) are decided by their own jobs' steps, not here
 *   compose  here: each row's cells, and a key for every task that has none, one RowWrite per row
 *   write    the edge (gas/write-back.ts): re-read, re-locate rows by key, skip rows whose
 *            inputs changed since the read, write only the plan's cells
 *
 * The plan is keyed by task key, not by row number, so the edge can re-locate each row just
 * before writing (a person may insert, delete or sort rows while the job runs).
 */

import { type Day, formatDay, isDateValue } from '../calendar/day';
import { type ColumnMap, PERSON_FIELDS, type ScriptField } from '../ledger/columns';
import { bindKeys, type Held, type Identity, type KnownTask, normalizedPrint, type RowSeen } from '../ledger/identity';
import { highestKeyIn, keyCounter, keyNumber, nextKeys } from '../ledger/keys';
import { type Ledger, type LedgerFailure, type LedgerInput, readLedger } from '../ledger/ledger';
import type { TaskRow } from '../ledger/tasks';
import type { Problem } from '../problems/problem';
import { cellText } from '../text/text';
import { planStates } from './state-plan';

/** A value the edge writes: text and numbers as they are, a Day as a date cell. */
export type OutValue = string | number | { day: Day };

/** What one planner wants written on one row. */
export interface RowCells {
  /** Script-owned cells, by field. */
  script: Partial<Record<ScriptField, OutValue>>;
  /** Person-owned cells the script may fill because they are empty (no value, no formula): a completion date. */
  fill: { column: number; value: OutValue }[];
}

export interface SweepInput extends LedgerInput {
  /** Give keyless rows a new key (needs the whole key column in `values`; the edit trigger reads less and leaves it to the sweep). */
  assignKeys?: boolean;
  /** Which row is which task today (bindKeys): its keys replace `assignKeys`' and its held rows are not decided. */
  identity?: Identity;
}

export interface RowWrite extends RowCells {
  /** 0-based row index in the values read. */
  index: number;
  /** The key the row had when read ('' when it had none and gets `newKey`). */
  key: string;
  newKey?: string;
  /** A fingerprint of the person-owned cells, to find a row that had no key yet. */
  fingerprint: string;
  /** Every cell the decision was made from: a row whose inputs changed before the write is not written. */
  inputs: string;
}

export interface SweepPlan {
  ok: true;
  headerRow: number;
  columns: ColumnMap;
  /** Header cells to add for script-owned columns the sheet lacks: 0-based column and text. */
  addHeaders: { column: number; field: ScriptField; text: string }[];
  keyColumn: number;
  rows: RowWrite[];
  tasks: TaskRow[];
  problems: Problem[];
  counts: Record<string, number>;
  /** Rows held today (which task they are cannot be decided): no notice, only their 系统提示 written. */
  held: Held[];
  /** Rows given a key never given before: their notice cells (a copy's) are not the key's history. */
  fresh: Set<number>;
}

export type { LedgerFailure as SweepFailure } from '../ledger/ledger';

const SEPARATOR = '\u241f';

export function fingerprint(row: unknown[], columns: ColumnMap): string {
  return [columns.task, columns.unit, columns.deadline].map((c) => (c === undefined ? '' : cellText(row[c]))).join(SEPARATOR);
}

/** The columns a fingerprint reads (what the edge re-reads to find a row that had no key). */
export function fingerprintColumns(columns: ColumnMap): number[] {
  return [columns.task, columns.unit, columns.deadline].filter((c): c is number => c !== undefined);
}

/** The script cells a decision reads back as memory (yesterday's state, the first-seen day, the key). */
const MEMORY: ScriptField[] = ['state', 'reopens', 'statusChanged', 'firstSeen', 'taskId'];

/** Every cell a row's decision depends on, as one string: the person's columns and the script's memory. */
export function decisionInputs(row: unknown[], columns: ColumnMap): string {
  return inputColumns(columns)
    .map((c) => {
      const v = row[c];
      return v instanceof Date ? String(v.getTime()) : cellText(v);
    })
    .join(SEPARATOR);
}

/** The columns decisionInputs reads, in its order (what the edge re-reads to check a row before writing it). */
export function inputColumns(columns: ColumnMap): number[] {
  return [...PERSON_FIELDS, ...MEMORY].map((f) => columns[f]).filter((c): c is number => c !== undefined);
}

/** The plan from rows as read: the ledger read (readLedger), then planned (planWrite). */
export function planSweep(input: SweepInput): SweepPlan | LedgerFailure {
  const ledger = readLedger(input);
  return ledger.ok ? planWrite(ledger, input) : ledger;
}

/**
 * The key each task that needs one gets at the next sweep, by 0-based row: a task without a
 * key, and a copied row (its key seen above it), whose copy gets a key of its own (found at
 * write time by the old one, nearest first). Needs the whole key column: the edit trigger,
 * which reads only some rows, never numbers keys.
 */
export function newKeys(ledger: Ledger): Map<number, string> {
  const { tasks, values, headerRow, keyColumn } = ledger;
  const seen = new Set<string>();
  const needsKey: TaskRow[] = [];
  for (const task of tasks) {
    if (task.key === '' || seen.has(task.key)) needsKey.push(task);
    seen.add(task.key);
  }
  const keys = nextKeys(values, headerRow, keyColumn, needsKey.length);
  const byIndex = [...needsKey].sort((a, b) => a.index - b.index);
  return new Map(byIndex.map((task, k) => [task.index, keys[k]!] as const));
}

/** The keys a plan gives, by 0-based row (what `newKeys` gave the rows it writes). */
export function keysGiven(plan: Pick<SweepPlan, 'rows'>): Map<number, string> {
  return new Map(plan.rows.filter((r) => r.newKey !== undefined).map((r) => [r.index, r.newKey!] as const));
}

/** The key a task has once the sweep has written (a row keyed today has its new key). */
export function keyAfterSweep(keys: ReadonlyMap<number, string>): (task: TaskRow) => string {
  return (task) => keys.get(task.index) ?? task.key;
}

/** The sweep's write, from the ledger: each row's cells for today (planStates), and new keys where `assignKeys` allows. */
export function planWrite(ledger: Ledger, opts: Pick<SweepInput, 'assignKeys' | 'identity'> = {}): SweepPlan {
  const { tasks, headerRow, columns, keyColumn, values } = ledger;
  const keys = opts.identity ? opts.identity.given : opts.assignKeys !== false ? newKeys(ledger) : new Map<number, string>();
  const held = new Map((opts.identity?.held ?? []).map((h) => [h.index, h] as const));

  const counts: Record<string, number> = { tasks: tasks.length };
  for (const task of tasks) counts[task.state.code] = (counts[task.state.code] ?? 0) + 1;
  const problems = [...ledger.problems];
  const rows: RowWrite[] = [];
  for (const [index, planned] of [...planStates(ledger)].sort((a, b) => a[0] - b[0])) {
    const row = values[index] ?? [];
    const hold = held.get(index);
    const cells = hold ? heldCells(ledger, hold, planned, problems) : planned;
    const write: RowWrite = {
      index,
      key: cellText(row[keyColumn]),
      fingerprint: fingerprint(row, columns),
      inputs: decisionInputs(row, columns),
      ...cells,
    };
    const newKey = keys.get(index);
    if (newKey !== undefined) {
      write.newKey = newKey;
      write.script.taskId = newKey;
    }
    rows.push(write);
  }
  const rowsAfter = values.length - headerRow - 1;
  counts.rowsRead = Math.max(rowsAfter, 0);
  counts.held = held.size;

  return {
    ok: true,
    headerRow,
    columns,
    addHeaders: ledger.addHeaders,
    keyColumn,
    rows,
    tasks: tasks.filter((task) => !held.has(task.index)),
    problems,
    counts,
    held: [...held.values()],
    fresh: new Set(opts.identity?.fresh ?? [...keys.keys()]),
  };
}

/**
 * A held row's cells: only its 系统提示, saying why and what to do (its state, reopens and dates
 * may belong to another task: nothing is decided from them until a person resolves it).
 */
function heldCells(ledger: Ledger, hold: Held, planned: RowCells, problems: Problem[]): RowCells {
  const { t } = ledger;
  const row = hold.index + 1;
  const other = hold.otherRow === undefined ? '' : String(hold.otherRow + 1);
  const message = t(`identity.held.${hold.reason}`, { row, other, key: hold.key, otherKey: hold.otherKey ?? '' });
  problems.push({ sheet: ledger.sheet, row, column: ledger.keyColumn + 1, header: ledger.headers[ledger.keyColumn], message });
  const note = [message, planned.script.systemNote].filter((n) => n !== undefined && n !== '').join('；');
  return { script: { systemNote: note }, fill: [] };
}

/** Each task row as identity reads it: its key cell and the office's cells that name it. */
export function rowsSeen(ledger: Ledger, toDay: (d: Date) => Day): RowSeen[] {
  const { values, columns } = ledger;
  return ledger.tasks.map((task) => {
    const cell = columns.issued === undefined ? '' : values[task.index]?.[columns.issued];
    const issued = isDateValue(cell) ? formatDay(toDay(cell)) : cellText(cell);
    const unit = task.units[0] ?? '';
    return {
      index: task.index,
      key: task.key,
      print: normalizedPrint(task.task, task.place, unit, issued),
      shown: [task.task, task.place, unit, issued],
    };
  });
}

/**
 * Which row is which task today (see ledger/identity.ts), with keys numbered after the highest
 * ever given: `floor` (the durable counter), the key column and the index, whichever is higher.
 * Returns the highest key given once the day's new keys are counted, for the counter.
 */
export function identify(
  ledger: Ledger,
  known: readonly KnownTask[] | undefined,
  floor: number,
  today: Day,
  toDay: (d: Date) => Day,
): { identity: Identity; highestKey: number } {
  let highest = Math.max(floor, highestKeyIn(ledger.values, ledger.headerRow, ledger.keyColumn));
  for (const k of known ?? []) highest = Math.max(highest, keyNumber(k.key));
  const counter = keyCounter(highest);
  const identity = bindKeys(rowsSeen(ledger, toDay), known, counter.next, today);
  return { identity, highestKey: counter.highest() };
}
