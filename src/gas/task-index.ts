/**
 * 任务索引, Duban's own marked sheet of every key it gave and the task it names (see
 * core/ledger/task-index.ts): read once before the sweep's first write, rewritten after the
 * states when it changed (one write).
 */
import type { KnownTask } from '../core/ledger/identity';
import { INDEX_COLUMNS, INDEX_FORMAT, indexHeader, indexRows, parseIndex } from '../core/ledger/task-index';
import type { Counters } from './counters';
import { ensureScriptSheet, type Workbook } from './workbook';

export interface IndexRead {
  /** The keys Duban knows; undefined when there is no index (the first sweep that keeps one, or it was deleted). */
  known: KnownTask[] | undefined;
  /** The index existed after an earlier run and is gone now. */
  lost: boolean;
}

export function readIndex(wb: Workbook, counters: Counters): IndexRead {
  const found = wb.sheetFor('index');
  if (!found?.ours) return { known: undefined, lost: counters.indexKept };
  return { known: parseIndex(found.values, wb.clock.toDay), lost: false };
}

const text = (v: unknown): string => (v instanceof Date ? String(v.getTime()) : String(v ?? ''));

/** Writes the index when it differs from what was read; creates and marks the sheet when missing. */
export function writeIndex(wb: Workbook, known: readonly KnownTask[], changes: string[]): void {
  const { found, created } = ensureScriptSheet(wb, 'index', changes);
  const { sheet } = found;
  const rows = [indexHeader(wb.t), ...indexRows(known, wb.clock.fromDay)];
  const same = found.values.length === rows.length && rows.every((r, i) => r.every((v, c) => text(v) === text(found.values[i]?.[c])));
  if (same) return;
  // The index grows with the ledger: its grid gains rows when they run out (one call, whatever their number).
  const max = sheet.getMaxRows();
  if (rows.length > max) sheet.insertRowsAfter(max, rows.length - max);
  const extra = found.values.length - rows.length;
  if (extra > 0) sheet.getRange(rows.length + 1, 1, extra, INDEX_COLUMNS.length).clearContent();
  const range = sheet.getRange(1, 1, rows.length, INDEX_COLUMNS.length);
  range.setNumberFormats(rows.map(() => INDEX_COLUMNS.map((c) => INDEX_FORMAT[c])));
  range.setValues(rows);
  if (created) {
    sheet.getRange(1, 1, 1, INDEX_COLUMNS.length).setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
}
