/**
 * Every task row needs a key that survives people inserting, deleting and re-sorting rows:
 * the script writes back by key, never by row number.
 *
 * The ledger's own ID column serves when it is unique. A 序号 column does not: offices
 * renumber it and restart it in each section. Then the script keeps its own 系统编号 column.
 */
import type { ColumnMap } from './columns';
import type { RowKind } from './row-kind';
import { cellText } from './text';

export const KEY_PREFIX = 'DB-';

export interface KeyChoice {
  /** The ledger's own ID column, when it can serve. */
  column: number | undefined;
  needsScriptColumn: boolean;
  /** IDs found more than once in the ledger's own column (why it cannot serve). */
  duplicates: string[];
}

export function chooseKeyColumn(values: unknown[][], headerRow: number, kinds: RowKind[], columns: ColumnMap): KeyChoice {
  if (columns.taskId !== undefined) return { column: columns.taskId, needsScriptColumn: true, duplicates: [] };
  if (columns.id === undefined) return { column: undefined, needsScriptColumn: true, duplicates: [] };
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  kinds.forEach((kind, i) => {
    if (kind !== 'task') return;
    const id = cellText(values[headerRow + 1 + i]?.[columns.id!]);
    if (id === '') return;
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  });
  if (duplicates.size > 0) return { column: undefined, needsScriptColumn: true, duplicates: [...duplicates] };
  return { column: columns.id, needsScriptColumn: false, duplicates: [] };
}

/** `count` fresh keys, numbered after the highest DB-n already in the column. */
export function nextKeys(values: unknown[][], headerRow: number, keyColumn: number, count: number): string[] {
  let max = 0;
  const pattern = new RegExp(`^${KEY_PREFIX}(\\d+)$`);
  for (let r = headerRow + 1; r < values.length; r++) {
    const m = pattern.exec(cellText(values[r]?.[keyColumn]));
    if (m) max = Math.max(max, Number(m[1]));
  }
  const keys: string[] = [];
  for (let i = 1; i <= count; i++) keys.push(`${KEY_PREFIX}${String(max + i).padStart(4, '0')}`);
  return keys;
}
