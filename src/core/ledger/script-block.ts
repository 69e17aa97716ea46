/**
 * Duban's own columns found again when their marks are gone.
 *
 * Duban knows its columns by the mark it set on them (developer metadata; in an .xlsx, defined
 * names `_DevMeta.…`). A tool that drops defined names (a rewrite through exceljs; Google's
 * import of an .xlsx, whose named ranges cannot contain '.') leaves the block unmarked. Read by
 * header alone, the block would be taken for the office's: its legend row (逾期 临期 待验收 已销号
 * above 督办状态 …) for the upper half of a two-row header, its 督办次数 column for 是否销号, and a
 * new block of eleven columns added every day.
 *
 * So, when a sheet has no mark at all, a column is Duban's if its header names one of Duban's
 * columns and Duban signed it in another way:
 *  - it stands in Duban's run of headers (督办状态 认定时限 逾期天数 … 系统编号), in Duban's order,
 *    with at most MAX_BLOCK_EDITS edits a person may have made: one of Duban's columns deleted,
 *    moved out of the run or within it, or an office column (or a blank header) inserted inside
 *    it. Each counts one. An old block of fewer columns, whose later columns Duban appended at
 *    the end, passes the same way.
 *  - or it lies under the warning-only protection Duban put on its columns at setup (the ledgers
 *    set up before marks existed).
 * Anything else named like one of Duban's columns (an office column called 逾期天数 or 督办状态
 * standing alone, or one moved far from Duban's run) stays the office's: Duban neither reads nor
 * writes it. The sheet's own marks always win: this runs only when there are none.
 */
import type { Translate } from '../i18n';
import type { Problem } from '../problems/problem';
import { cellText, columnLetter } from '../text/text';
import { LATER_FIELDS, SCRIPT_FIELDS, type ScriptField, scriptFieldNamed } from './columns';
import { DEFAULT_MAX_SCAN_ROWS } from './header';

/** How many of a person's edits to Duban's run of headers still leave it Duban's. */
export const MAX_BLOCK_EDITS = 2;

/** One of Duban's columns recognised without its mark (0-based column). */
export interface AdoptedColumn {
  column: number;
  field: ScriptField;
}

export interface ScriptBlock {
  /** The 0-based row holding Duban's headers. */
  row: number;
  /** Duban's columns found there, left to right. */
  columns: AdoptedColumn[];
}

/** The length of the longest strictly increasing run (not necessarily contiguous) of `order`. */
function longestInOrder(order: number[]): number {
  const best: number[] = [];
  order.forEach((v, i) => {
    let longest = 1;
    for (let j = 0; j < i; j++) if (order[j]! < v) longest = Math.max(longest, best[j]! + 1);
    best.push(longest);
  });
  return Math.max(0, ...best);
}

interface Run {
  columns: AdoptedColumn[];
  edits: number;
}

/**
 * The span from column `first` to `last` read as Duban's run: each field's first column in it is
 * Duban's; edits are Duban's columns missing or out of order, and every other column inside.
 */
function readRun(names: (ScriptField | undefined)[], first: number, last: number): Run {
  const columns: AdoptedColumn[] = [];
  const seen = new Set<ScriptField>();
  let foreign = 0;
  for (let c = first; c <= last; c++) {
    const field = names[c];
    if (field === undefined || seen.has(field)) foreign++;
    else {
      seen.add(field);
      columns.push({ column: c, field });
    }
  }
  const inOrder = longestInOrder(columns.map((a) => SCRIPT_FIELDS.indexOf(a.field)));
  // The reply and on-site order columns (issue 16) are added only once needed: a block without them lacks nothing.
  const expected = SCRIPT_FIELDS.length - LATER_FIELDS.filter((f) => !seen.has(f)).length;
  return { columns, edits: expected - inOrder + foreign };
}

/** Duban's run among a row's headers: the span with the fewest edits (then the most columns, then the leftmost), if within the limit. */
function bestRun(names: (ScriptField | undefined)[]): Run | undefined {
  let best: Run | undefined;
  for (let first = 0; first < names.length; first++) {
    if (names[first] === undefined) continue;
    for (let last = first; last < names.length && last - first < SCRIPT_FIELDS.length + MAX_BLOCK_EDITS; last++) {
      if (names[last] === undefined) continue;
      const run = readRun(names, first, last);
      if (run.edits > MAX_BLOCK_EDITS) continue;
      if (!best || run.edits < best.edits || (run.edits === best.edits && run.columns.length > best.columns.length)) best = run;
    }
  }
  return best;
}

/** What Duban signed in one row: its run, and its protected columns named like its own. */
function signedIn(names: (ScriptField | undefined)[], protectedColumns: ReadonlySet<number>): AdoptedColumn[] {
  const found = [...(bestRun(names)?.columns ?? [])];
  const fields = new Set(found.map((a) => a.field));
  const columns = new Set(found.map((a) => a.column));
  names.forEach((field, column) => {
    if (field === undefined || !protectedColumns.has(column) || fields.has(field) || columns.has(column)) return;
    fields.add(field);
    found.push({ column, field });
  });
  return found.sort((a, b) => a.column - b.column);
}

/**
 * Duban's unmarked columns in a sheet read whole (see the rule above): the row among the first
 * few where Duban signed the most columns (the upper one on a tie), or undefined when none is.
 * `protectedColumns`: 0-based columns under the protection Duban put on its own columns.
 */
export function findScriptBlock(
  values: unknown[][],
  opts: { protectedColumns?: ReadonlySet<number>; maxScanRows?: number } = {},
): ScriptBlock | undefined {
  const scan = Math.min(values.length, opts.maxScanRows ?? DEFAULT_MAX_SCAN_ROWS);
  const protectedColumns = opts.protectedColumns ?? new Set<number>();
  let best: ScriptBlock | undefined;
  for (let row = 0; row < scan; row++) {
    const names = (values[row] ?? []).map(scriptFieldNamed);
    const columns = signedIn(names, protectedColumns);
    if (columns.length > 0 && (!best || columns.length > best.columns.length)) best = { row, columns };
  }
  return best;
}

/**
 * Duban's columns on a sheet: by their marks; with no mark at all, those recognised by the rule
 * above (`block`, for the edge to mark again and the office to be told).
 */
export function scriptColumnsOn(
  values: unknown[][],
  marked: Partial<Record<ScriptField, number>> = {},
  protectedColumns?: ReadonlySet<number>,
): { own: Partial<Record<ScriptField, number>>; block?: ScriptBlock } {
  if (Object.keys(marked).length > 0) return { own: marked };
  const block = findScriptBlock(values, protectedColumns ? { protectedColumns } : {});
  if (!block) return { own: {} };
  const own: Partial<Record<ScriptField, number>> = {};
  for (const { column, field } of block.columns) own[field] = column;
  return { own, block };
}

/**
 * What the office is told, once, on the day the marks were found missing: which columns were
 * recognised and marked again (K 督办状态、L 认定时限 …), and which of Duban's were not there
 * (`added` at the end of the sheet).
 */
export function blockAdopted(
  block: ScriptBlock,
  values: unknown[][],
  added: readonly { text: string }[],
  sheet: string,
  t: Translate,
): Problem {
  const headers = values[block.row] ?? [];
  const columns = block.columns.map((a) => `${columnLetter(a.column)} ${cellText(headers[a.column])}`).join('、');
  let message = t('marks.readopted', { columns });
  if (added.length > 0) message += t('marks.readoptedMissing', { columns: added.map((h) => h.text).join('、') });
  return { sheet, row: block.row + 1, column: 0, message };
}
