/**
 * Every task keeps one key for life: notices, scores and the log refer to it, never to a row
 * number, a 序号 or the office's own 编号 (offices renumber both when they sort, copy rows, or
 * restart numbering per section). So the key lives in the script's own 系统编号 column, given
 * at the first sweep that sees the row and never changed after.
 */

import { cellText } from '../text/text';
import type { RowKind } from './row-kind';

export const KEY_PREFIX = 'DB-';

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

/** IDs the office's own 编号 column holds more than once: worth telling, though the script's key does not depend on them. */
export function duplicateIds(values: unknown[][], headerRow: number, kinds: RowKind[], idColumn: number): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  kinds.forEach((kind, i) => {
    if (kind !== 'task') return;
    const id = cellText(values[headerRow + 1 + i]?.[idColumn]);
    if (id === '') return;
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  });
  return [...duplicates];
}
