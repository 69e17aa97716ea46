/**
 * Reading the ledger (台账): from one read of the task sheet (values, formulas, merges, and the
 * script's marked columns), every task with its state decided. Nothing here writes or plans a
 * write. The planners that turn a Ledger into decisions are elsewhere: the states and colours
 * of the day in core/sweep/state-plan.ts, the notices (督办) and their cells in core/notices/,
 * the month's scores in core/scores/; the sweep (core/sweep/) composes their cells into its writes.
 */
import type { WorkCalendar } from '../calendar/calendar';
import type { Day } from '../calendar/day';
import type { Unit } from '../directory/units';
import type { Translate } from '../i18n';
import type { Problem } from '../problems/problem';
import type { Settings } from '../settings/settings';
import { cellText, columnLetter, isBlankCell } from '../text/text';
import {
  type ColumnMap,
  ORDER_FIELDS,
  REPLY_FIELDS,
  SCRIPT_FIELD_KEYS,
  SCRIPT_FIELDS,
  type ScriptField,
  scriptFieldNamed,
} from './columns';
import { describeDuplicates, describeMissingHeader, findHeader } from './header';
import { duplicateIds } from './keys';
import { classifyRows, type RowKind } from './row-kind';
import { type AdoptedColumn, blockAdopted, scriptColumnsOn } from './script-block';
import { type LedgerContext, readTasks, type TaskRow } from './tasks';

/** A merged range, 0-based, as getMergedRanges() reports it. */
export interface Merge {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface LedgerInput {
  sheet: string;
  values: unknown[][];
  /** getFormulas() of the same cells ('' where none): a formula is a person's entry, even one showing "". */
  formulas?: string[][];
  /** The sheet's merged ranges: a merged cell's value belongs to every row it covers. */
  merges?: Merge[];
  /** The script's own columns, found by the mark it set on them (never by their header). */
  scriptColumns?: Partial<Record<ScriptField, number>>;
  /**
   * When the sheet has no marks at all: the columns under the protection Duban put on its own.
   * Duban's columns are then recognised by its run of headers or by that protection (script-block.ts).
   */
  scriptProtected?: ReadonlySet<number>;
  settings: Settings;
  units: Unit[];
  haveDirectory: boolean;
  calendar: WorkCalendar;
  today: Day;
  toDay: (d: Date) => Day;
  t: Translate;
  /** Evaluate only these 0-based rows (the edit trigger); all rows when absent. */
  onlyRows?: Set<number>;
  /** The status cells of these rows were just edited by a person: closing them now stamps the completion date. */
  statusEdited?: boolean;
  /** Place the reply columns (反馈日期, 反馈状态, 整改照片) when missing: replies are in use (issue 16). */
  withReplies?: boolean;
  /** Place the on-site order's column (现场照片) when missing: an order is being filed (issue 16). */
  withOrders?: boolean;
}

export interface Ledger {
  sheet: string;
  headerRow: number;
  /** Person columns found by header, and script columns found by mark or about to be added. */
  columns: ColumnMap;
  /**
   * Duban's columns recognised without their marks (script-block.ts), for the edge to mark
   * again, and what the office is told about it (also among `problems`).
   */
  adoption?: { columns: AdoptedColumn[]; warning: Problem };
  /** Script columns the sheet lacks: where they go and their header. */
  addHeaders: { column: number; field: ScriptField; text: string }[];
  /** The 系统编号 column: every task's key. */
  keyColumn: number;
  /** Header texts by 0-based column, for locating problems. */
  headers: string[];
  /** One kind per row after the header. */
  kinds: RowKind[];
  tasks: TaskRow[];
  /** The values as read (merges not filled): what the write-back compares with. */
  values: unknown[][];
  /** Whether a cell holds something: a value, or a formula (even one showing ""). */
  isFilled: (index: number, column: number) => boolean;
  hasFormula: (index: number, column: number) => boolean;
  /** Whether a row was read to be decided (the edit trigger decides only the edited rows). */
  selected: (index: number) => boolean;
  t: Translate;
  problems: Problem[];
}

export interface LedgerFailure {
  ok: false;
  message: string;
  /** Why the columns cannot be trusted, without what the sweep therefore did not do. */
  reason: string;
  problems: Problem[];
}

/**
 * The values with each vertically merged cell's value repeated on every row of the merge, as
 * a person reads it: a 责任单位 merged over three rows names the unit of all three.
 * Only rows at or below `fromRow` are filled; the input is not changed.
 */
export function fillMerges(values: unknown[][], merges: readonly Merge[], fromRow: number): unknown[][] {
  let out = values;
  for (const m of merges) {
    if (m.numRows < 2 || m.row + m.numRows - 1 < fromRow) continue;
    const top = values[m.row]?.[m.column];
    if (isBlankCell(top)) continue;
    if (out === values) out = values.slice();
    for (let r = Math.max(m.row + 1, fromRow); r < m.row + m.numRows && r < values.length; r++) {
      const row = (out[r] = [...(out[r] ?? [])]);
      row[m.column] = top;
    }
  }
  return out;
}

/**
 * Rows a merge crosses from the first column on, two or more columns wide: a section heading is
 * merged across the table from column A (a remark merged G:I is not one).
 */
function wideMergeRows(merges: readonly Merge[]): Set<number> {
  const rows = new Set<number>();
  for (const m of merges) if (m.column === 0 && m.numColumns >= 2) for (let r = m.row; r < m.row + m.numRows; r++) rows.add(r);
  return rows;
}

/**
 * Reads the ledger: finds the header (or says why the columns cannot be trusted), places the
 * script's missing columns after everything the office uses, reads every selected task row,
 * and gathers what the reading found odd.
 */
export function readLedger(input: LedgerInput): ({ ok: true } & Ledger) | LedgerFailure {
  const { sheet, t, settings } = input;
  const merges = input.merges ?? [];
  const { own, block } = scriptColumnsOn(input.values, input.scriptColumns, input.scriptProtected);
  const ownColumns = new Set(Object.values(own).filter((c): c is number => c !== undefined));
  const header = findHeader(input.values, { ignore: ownColumns });
  if (!header.ok) return untrusted(header, input);
  const headerRow = header.headerRow;
  const headerCells = input.values[headerRow] ?? [];
  const columns: ColumnMap = { ...header.columns, ...own };
  const lastUsed = lastUsedColumn(input, headerRow, ownColumns);
  const addHeaders = addScriptColumns(columns, lastUsed + 1, t, { replies: input.withReplies === true, orders: input.withOrders === true });
  const keyColumn = columns.taskId!;
  const headers = headerTexts(headerCells, lastUsed + 1 + addHeaders.length, addHeaders);

  const cells = fillMerges(input.values, merges, headerRow + 1);
  const kinds = classifyRows(cells, headerRow, columns, wideMergeRows(merges));
  const hasFormula = (index: number, column: number): boolean => (input.formulas?.[index]?.[column] ?? '') !== '';
  const isFilled = (index: number, column: number): boolean => {
    const v = input.values[index]?.[column];
    return !isBlankCell(v) || hasFormula(index, column);
  };
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
    hasFormula,
    statusEdited: input.statusEdited === true,
  };
  const selected = (index: number): boolean => !input.onlyRows || input.onlyRows.has(index);
  const taskKinds = kinds.map((k, i) => (selected(headerRow + 1 + i) ? k : 'blank'));
  const tasks = readTasks(cells, headerRow + 1, taskKinds, columns, ctx);

  const problems = headerProblems(input, header, { headerRow, columns, headers, ownColumns, cells, kinds });
  const adoption = block && { columns: block.columns, warning: blockAdopted(block, input.values, addHeaders, sheet, t) };
  if (adoption) problems.unshift(adoption.warning);
  problems.push(...mergesOverScriptCells(merges, columns, kinds, headerRow, headers, sheet, t, selected));
  for (const task of tasks) problems.push(...task.problems);
  const values = input.values;
  return {
    ok: true,
    sheet,
    headerRow,
    columns,
    ...(adoption ? { adoption } : {}),
    addHeaders,
    keyColumn,
    headers,
    kinds,
    tasks,
    values,
    isFilled,
    hasFormula,
    selected,
    t,
    problems,
  };
}

/** No header the columns can be trusted from: the sweep leaves the sheet alone and says why, at the best guess of a header row. */
function untrusted(header: Extract<ReturnType<typeof findHeader>, { ok: false }>, input: LedgerInput): LedgerFailure {
  const { sheet, t, settings } = input;
  const reason = describeMissingHeader(header, settings.locale);
  const message = t('sweep.untrusted', { sheet, reason });
  return {
    ok: false,
    message,
    reason,
    problems: [{ sheet, row: header.bestRow === undefined ? 0 : header.bestRow + 1, column: 0, message }],
  };
}

/**
 * The last column the office uses: its last header, any cell typed further right, any merge at
 * or below the header (备注 merged G:I reaches to I), and the script's own columns. Added
 * columns go after it.
 */
function lastUsedColumn(input: LedgerInput, headerRow: number, ownColumns: ReadonlySet<number>): number {
  let lastUsed = (input.values[headerRow] ?? []).length - 1;
  for (let r = headerRow; r < input.values.length; r++) {
    const row = input.values[r] ?? [];
    for (let c = row.length - 1; c > lastUsed; c--) {
      if (cellText(row[c]) !== '' || input.formulas?.[r]?.[c]) {
        lastUsed = c;
        break;
      }
    }
  }
  for (const m of input.merges ?? []) if (m.row + m.numRows - 1 >= headerRow) lastUsed = Math.max(lastUsed, m.column + m.numColumns - 1);
  for (const c of ownColumns) lastUsed = Math.max(lastUsed, c);
  return lastUsed;
}

/** The script's columns the sheet lacks, placed from `from` on in the script's order (set in `columns` too). */
function addScriptColumns(
  columns: ColumnMap,
  from: number,
  t: Translate,
  later: { replies: boolean; orders: boolean },
): Ledger['addHeaders'] {
  const addHeaders: Ledger['addHeaders'] = [];
  let next = from;
  for (const field of SCRIPT_FIELDS) {
    if (columns[field] !== undefined) continue;
    if ((!later.replies && REPLY_FIELDS.includes(field)) || (!later.orders && ORDER_FIELDS.includes(field))) continue;
    columns[field] = next;
    addHeaders.push({ column: next, field, text: t(SCRIPT_FIELD_KEYS[field]) });
    next += 1;
  }
  return addHeaders;
}

/** Header texts by column up to `width`, the added columns' included; a header typed over two lines reads as one word. */
function headerTexts(headerCells: unknown[], width: number, addHeaders: Ledger['addHeaders']): string[] {
  const headers: string[] = [];
  for (let c = 0; c < width; c++) headers.push(cellText(headerCells[c]).replace(/\s*\n\s*/g, ''));
  for (const h of addHeaders) headers[h.column] = h.text;
  return headers;
}

/**
 * What the header reading set aside, or found odd, is said, not silently dropped: a header
 * named twice, 序号 used twice, an office column named like one of the script's. The last two
 * only on a whole read (the edit trigger reads a few rows).
 */
function headerProblems(
  input: LedgerInput,
  header: Extract<ReturnType<typeof findHeader>, { ok: true }>,
  read: { headerRow: number; columns: ColumnMap; headers: string[]; ownColumns: ReadonlySet<number>; cells: unknown[][]; kinds: RowKind[] },
): Problem[] {
  const { sheet, t, settings } = input;
  const { headerRow, columns, headers } = read;
  const at = (column: number, message: string): Problem => ({
    sheet,
    row: headerRow + 1,
    column: column + 1,
    header: headers[column],
    message,
  });
  const problems: Problem[] = describeDuplicates(header, settings.locale).map((message) => ({
    sheet,
    row: headerRow + 1,
    column: 0,
    message,
  }));
  if (input.onlyRows) return problems;
  if (columns.id !== undefined) {
    const ids = duplicateIds(read.cells, headerRow, read.kinds, columns.id);
    if (ids.length > 0) problems.push(at(columns.id, t('note.duplicateIds', { ids: ids.slice(0, 5).join('、') })));
  }
  (input.values[headerRow] ?? []).forEach((text, c) => {
    const field = read.ownColumns.has(c) ? undefined : scriptFieldNamed(text);
    if (field === undefined) return;
    const ours = columnLetter(columns[field]!);
    problems.push(at(c, t('header.officeColumn', { column: columnLetter(c), header: headers[c] ?? '', ours })));
  });
  return problems;
}

/**
 * A merge on a task row that covers a script cell other than its own top-left hides what the
 * script writes there (Sheets shows only the top-left value): the office is told to unmerge.
 */
function mergesOverScriptCells(
  merges: readonly Merge[],
  columns: ColumnMap,
  kinds: RowKind[],
  headerRow: number,
  headers: string[],
  sheet: string,
  t: Translate,
  selected: (index: number) => boolean,
): Problem[] {
  const problems: Problem[] = [];
  const scriptAt = new Map<number, ScriptField>();
  for (const f of SCRIPT_FIELDS) if (columns[f] !== undefined) scriptAt.set(columns[f]!, f);
  for (const m of merges) {
    for (let r = m.row; r < m.row + m.numRows; r++) {
      if (r <= headerRow || kinds[r - headerRow - 1] !== 'task' || !selected(r)) continue;
      for (let c = m.column; c < m.column + m.numColumns; c++) {
        if ((r === m.row && c === m.column) || !scriptAt.has(c)) continue;
        const range = `${columnLetter(m.column)}${m.row + 1}:${columnLetter(m.column + m.numColumns - 1)}${m.row + m.numRows}`;
        problems.push({
          sheet,
          row: r + 1,
          column: c + 1,
          header: headers[c],
          message: t('note.mergeCoversScript', { range, header: headers[c] ?? '' }),
        });
        break;
      }
    }
  }
  return problems;
}
