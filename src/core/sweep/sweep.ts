/**
 * The sweep's plan: read the ledger, let each planner decide its cells, compose one write.
 *
 *   read     ledger.ts: rows → tasks with their state
 *   decide   planners, each pure: the states today (state-plan.ts); notices and scores next
 *   compose  here: the planners' cells merged per row, keys given, one RowWrite per row
 *   write    the edge (gas/write-back.ts): re-read, re-locate rows by key, skip rows whose
 *            inputs changed since the read, write only the plan's cells
 *
 * The plan is keyed by task key, not by row number, so the edge can re-locate each row just
 * before writing (a person may insert, delete or sort rows while the job runs).
 */

import type { Day } from '../calendar/day';
import { type ColumnMap, PERSON_FIELDS, type ScriptField } from '../ledger/columns';
import { nextKeys } from '../ledger/keys';
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

/** A planner: from the ledger, the cells it wants written, by 0-based row index. */
export type Planner = (ledger: Ledger) => Map<number, RowCells>;

export interface SweepInput extends LedgerInput {
  /** Give keyless rows a new key (needs the whole key column in `values`; the edit trigger reads less and leaves it to the sweep). */
  assignKeys?: boolean;
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
}

export type { LedgerFailure as SweepFailure } from '../ledger/ledger';

const SEPARATOR = '\u241f';

export function fingerprint(row: unknown[], columns: ColumnMap): string {
  return [columns.task, columns.unit, columns.deadline].map((c) => (c === undefined ? '' : cellText(row[c]))).join(SEPARATOR);
}

/** The script cells a decision reads back as memory (yesterday's state, the first-seen day, the key). */
const MEMORY: ScriptField[] = ['state', 'reopens', 'statusChanged', 'firstSeen', 'taskId'];

/** Every cell a row's decision depends on, as one string: the person's columns and the script's memory. */
export function decisionInputs(row: unknown[], columns: ColumnMap): string {
  const parts: string[] = [];
  for (const f of [...PERSON_FIELDS, ...MEMORY]) {
    const c = columns[f];
    if (c === undefined) continue;
    const v = row[c];
    parts.push(v instanceof Date ? String(v.getTime()) : cellText(v));
  }
  return parts.join(SEPARATOR);
}

export function planSweep(input: SweepInput, planners: readonly Planner[] = [planStates]): SweepPlan | LedgerFailure {
  const ledger = readLedger(input);
  if (!ledger.ok) return ledger;
  const { tasks, headerRow, columns, keyColumn, values } = ledger;

  // Compose: each planner's cells merged per row, in planner order.
  const byRow = new Map<number, RowCells>();
  for (const planner of planners) {
    for (const [index, cells] of planner(ledger)) {
      const into = byRow.get(index) ?? { script: {}, fill: [] };
      Object.assign(into.script, cells.script);
      into.fill.push(...cells.fill);
      byRow.set(index, into);
    }
  }

  // A key seen twice is a copied row: the copy gets a key of its own (found at write time by
  // the old one, nearest first). The edit trigger reads only some rows: it cannot number keys.
  const assign = input.assignKeys !== false;
  const seen = new Set<string>();
  const needsKey = new Set<TaskRow>();
  for (const task of tasks) {
    if (task.key === '' || seen.has(task.key)) needsKey.add(task);
    seen.add(task.key);
  }
  const keys = assign ? nextKeys(values, headerRow, keyColumn, needsKey.size) : [];

  const counts: Record<string, number> = { tasks: tasks.length };
  for (const task of tasks) counts[task.state.code] = (counts[task.state.code] ?? 0) + 1;
  const taskAt = new Map(tasks.map((task) => [task.index, task]));
  const rows: RowWrite[] = [];
  let k = 0;
  for (const [index, cells] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const row = values[index] ?? [];
    const write: RowWrite = {
      index,
      key: cellText(row[keyColumn]),
      fingerprint: fingerprint(row, columns),
      inputs: decisionInputs(row, columns),
      ...cells,
    };
    const task = taskAt.get(index);
    if (task && needsKey.has(task) && assign) {
      write.newKey = keys[k++];
      write.script.taskId = write.newKey!;
    }
    rows.push(write);
  }
  const rowsAfter = values.length - headerRow - 1;
  counts.rowsRead = Math.max(rowsAfter, 0);

  return {
    ok: true,
    headerRow,
    columns,
    addHeaders: ledger.addHeaders,
    keyColumn,
    rows,
    tasks,
    problems: ledger.problems,
    counts,
  };
}
