/**
 * The sweep's plan: from one read of the task sheet, everything the job will write.
 *
 * The plan is keyed by task ID, not by row number, so the edge can re-locate each row just
 * before writing (a person may insert or delete rows while the job runs). The edge writes
 * each block once; nothing here touches a service.
 */
import type { WorkCalendar } from './calendar';
import { SCRIPT_FIELD_KEYS, SCRIPT_FIELDS, type ColumnMap, type ScriptField } from './columns';
import type { Day } from './day';
import { describeDuplicates, describeMissingHeader, findHeader } from './header';
import type { Translate } from './i18n';
import type { Problem } from './problem';
import { classifyRows } from './row-kind';
import type { Settings } from './settings';
import { STATE_MESSAGE } from './state';
import { readTasks, type LedgerContext, type TaskRow } from './tasks';
import { cellText } from './text';
import type { Unit } from './units';
import { chooseKeyColumn, nextKeys } from './keys';

/** A value the edge writes: text and numbers as they are, a Day as a date cell. */
export type OutValue = string | number | { day: Day };

export interface SweepInput {
  sheet: string;
  values: unknown[][];
  /** 0-based rows that hold a merged range (section titles are usually merged across). */
  mergedRows?: Set<number>;
  settings: Settings;
  units: Unit[];
  haveDirectory: boolean;
  calendar: WorkCalendar;
  today: Day;
  toDay: (d: Date) => Day;
  t: Translate;
  /** Evaluate only these 0-based rows (the edit trigger); all rows when absent. */
  onlyRows?: Set<number>;
  /** Give keyless rows a new key (needs the whole key column in `values`; the edit trigger reads less and leaves it to the sweep). */
  assignKeys?: boolean;
  /** The status cells of these rows were just edited by a person: closing them now stamps the completion date. */
  statusEdited?: boolean;
}

export interface RowWrite {
  /** 0-based row index in the values read. */
  index: number;
  /** The key the row had when read ('' when it had none and gets `newKey`). */
  key: string;
  newKey?: string;
  /** A fingerprint of the person-owned cells, to find a row that had no key yet. */
  fingerprint: string;
  /** Script-owned cells, by field. */
  script: Partial<Record<ScriptField, OutValue>>;
  /** Person-owned cells the script may fill because they are empty: an ID, a completion date. */
  fill: { column: number; value: OutValue }[];
}

export interface SweepPlan {
  ok: true;
  headerRow: number;
  columns: ColumnMap;
  /** Header cells to add for script-owned columns the sheet lacks: 0-based column and text. */
  addHeaders: { column: number; field: ScriptField; text: string }[];
  keyColumn: number;
  keyIsScripts: boolean;
  rows: RowWrite[];
  tasks: TaskRow[];
  problems: Problem[];
  counts: Record<string, number>;
}

export interface SweepFailure {
  ok: false;
  message: string;
  problems: Problem[];
}

/** Cells a sweep clears on rows that are no longer tasks (a blank row keeps no red state). */
const TRANSIENT: ScriptField[] = ['state', 'daysOverdue', 'systemNote'];

export function fingerprint(row: unknown[], columns: ColumnMap): string {
  return [columns.task, columns.unit, columns.deadline].map((c) => (c === undefined ? '' : cellText(row[c]))).join('\u241f');
}

export function planSweep(input: SweepInput): SweepPlan | SweepFailure {
  const { sheet, t, settings } = input;
  const header = findHeader(input.values);
  if (!header.ok) {
    const message = t('sweep.untrusted', { sheet, reason: describeMissingHeader(header, settings.locale) });
    return { ok: false, message, problems: [{ sheet, row: header.bestRow === undefined ? 0 : header.bestRow + 1, column: 0, message }] };
  }
  const headerRow = header.headerRow;
  const headerCells = input.values[headerRow] ?? [];
  const columns: ColumnMap = { ...header.columns };
  // The last column anything is written in, so added columns go right after the data.
  let lastUsed = headerCells.length - 1;
  for (const r of input.values) {
    for (let c = r.length - 1; c > lastUsed; c--) {
      if (cellText(r[c]) !== '') {
        lastUsed = c;
        break;
      }
    }
  }
  const width = lastUsed + 1;

  const rowsAfter = input.values.length - headerRow - 1;
  const kinds = classifyRows(input.values, headerRow, columns, input.mergedRows);
  const key = chooseKeyColumn(input.values, headerRow, kinds, columns);
  const addHeaders: SweepPlan['addHeaders'] = [];
  let next = lastUsed + 1;
  for (const field of SCRIPT_FIELDS) {
    if (columns[field] !== undefined) continue;
    if (field === 'taskId' && !key.needsScriptColumn) continue;
    columns[field] = next;
    addHeaders.push({ column: next, field, text: t(SCRIPT_FIELD_KEYS[field]) });
    next += 1;
  }
  const keyColumn = key.needsScriptColumn ? columns.taskId! : key.column!;

  const headers: string[] = [];
  // A header typed over two lines reads as one word in a message.
  for (let c = 0; c < Math.max(width, next); c++) headers.push(cellText(headerCells[c]).replace(/\s*\n\s*/g, ''));
  for (const h of addHeaders) headers[h.column] = h.text;

  const ctx: LedgerContext = {
    sheet,
    today: input.today,
    toDay: input.toDay,
    calendar: input.calendar,
    units: input.units,
    haveDirectory: input.haveDirectory,
    closedStatuses: settings.closedStatuses,
    dueSoonDays: settings.dueSoonDays,
    countDays: settings.countDays,
    t,
    headers,
    keyColumn,
    statusEdited: input.statusEdited === true,
  };
  const selected = (index: number): boolean => !input.onlyRows || input.onlyRows.has(index);
  const taskKinds = kinds.map((k, i) => (selected(headerRow + 1 + i) ? k : 'blank'));
  const tasks = readTasks(input.values, headerRow + 1, taskKinds, columns, ctx);
  // A key seen twice is a copied row: in the script's own column, the copy gets a new key
  // (found at write time by the old one, nearest first). The ledger's own ID column is never
  // rewritten: duplicates there moved the key to the script's column already (keys.ts).
  const seenKeys = new Set<string>();
  const needsKey = (task: TaskRow): boolean => {
    if (task.key === '') return true;
    const copied = seenKeys.has(task.key) && key.needsScriptColumn;
    seenKeys.add(task.key);
    return copied;
  };
  const keyless = new Set(tasks.filter(needsKey));
  // The edit trigger reads only some rows: it cannot number keys, and leaves them to the sweep.
  const newKeys = input.assignKeys === false ? [] : nextKeys(input.values, headerRow, keyColumn, keyless.size);

  // What the header reading had to set aside is said, not silently dropped.
  const sheetProblems: Problem[] = describeDuplicates(header, settings.locale).map((message) => ({ sheet, row: headerRow + 1, column: 0, message }));
  if (key.duplicates.length > 0 && columns.id !== undefined) {
    sheetProblems.push({
      sheet,
      row: headerRow + 1,
      column: columns.id + 1,
      header: headers[columns.id],
      message: t('note.duplicateIds', { ids: key.duplicates.slice(0, 5).join('、') }),
    });
  }

  const counts: Record<string, number> = { tasks: tasks.length };
  const rows: RowWrite[] = [];
  let k = 0;
  for (const task of tasks) {
    counts[task.state.code] = (counts[task.state.code] ?? 0) + 1;
    const row = input.values[task.index] ?? [];
    const write: RowWrite = {
      index: task.index,
      key: task.key,
      fingerprint: fingerprint(row, columns),
      script: {
        state: t(STATE_MESSAGE[task.state.code]),
        daysOverdue: task.state.daysOverdue > 0 ? task.state.daysOverdue : '',
        reopens: task.reopenCount > 0 ? task.reopenCount : '',
        statusChanged: task.statusChanged === undefined ? '' : { day: task.statusChanged },
        systemNote: task.notes.join('；'),
      },
      fill: [],
    };
    if (keyless.has(task) && input.assignKeys !== false) {
      write.newKey = newKeys[k++];
      if (key.needsScriptColumn) write.script.taskId = write.newKey;
      else write.fill.push({ column: keyColumn, value: write.newKey! });
    }
    if (task.stampCompleted !== undefined && columns.completed !== undefined) {
      write.fill.push({ column: columns.completed, value: { day: task.stampCompleted } });
    }
    rows.push(write);
  }
  // Rows that stopped being tasks lose their state word, or a blank row would stay red.
  kinds.forEach((kind, i) => {
    const index = headerRow + 1 + i;
    if (kind === 'task' || !selected(index)) return;
    const row = input.values[index] ?? [];
    const stale = TRANSIENT.some((f) => columns[f] !== undefined && cellText(row[columns[f]!]) !== '');
    if (!stale) return;
    const script: RowWrite['script'] = {};
    for (const f of TRANSIENT) script[f] = '';
    rows.push({ index, key: cellText(row[keyColumn]), fingerprint: fingerprint(row, columns), script, fill: [] });
  });
  counts.rowsRead = rowsAfter < 0 ? 0 : rowsAfter;

  return {
    ok: true,
    headerRow,
    columns,
    addHeaders,
    keyColumn,
    keyIsScripts: key.needsScriptColumn,
    rows,
    tasks,
    problems: [...sheetProblems, ...tasks.flatMap((task) => task.problems)],
    counts,
  };
}
