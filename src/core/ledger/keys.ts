/**
 * Every task keeps one key for life: notices, scores and the log refer to it, never to a row
 * number, a 序号 or the office's own 编号 (offices renumber both when they sort, copy rows, or
 * restart numbering per section). So the key lives in the script's own 系统编号 column, given
 * at the first sweep that sees the row and never changed after.
 */

import { cellText } from '../text/text';
import type { RowKind } from './row-kind';

export const KEY_PREFIX = 'DB-';

const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}(\\d+)$`);

/** The number a key carries (DB-0012 → 12), 0 for anything else. */
export function keyNumber(key: string): number {
  const m = KEY_PATTERN.exec(key);
  return m ? Number(m[1]) : 0;
}

export function keyOfNumber(n: number): string {
  return `${KEY_PREFIX}${String(n).padStart(4, '0')}`;
}

/** The highest DB-n in the key column. */
export function highestKeyIn(values: unknown[][], headerRow: number, keyColumn: number): number {
  let max = 0;
  for (let r = headerRow + 1; r < values.length; r++) max = Math.max(max, keyNumber(cellText(values[r]?.[keyColumn])));
  return max;
}

/**
 * `count` fresh keys, numbered after the highest DB-n already in the column, or after `floor`
 * (the highest ever given: the durable counter, the index) when that is higher. A key is never
 * given twice, even once its task and its row are gone.
 */
export function nextKeys(values: unknown[][], headerRow: number, keyColumn: number, count: number, floor = 0): string[] {
  const max = Math.max(floor, highestKeyIn(values, headerRow, keyColumn));
  const keys: string[] = [];
  for (let i = 1; i <= count; i++) keys.push(keyOfNumber(max + i));
  return keys;
}

/** Hands out keys after `highest`, one at a time, and says how far it got. */
export function keyCounter(highest: number): { next: () => string; highest: () => number } {
  let n = highest;
  return { next: () => keyOfNumber(++n), highest: () => n };
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
