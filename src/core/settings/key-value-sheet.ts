/**
 * A "key | value | help" sheet (键 | 值 | 说明): the 设置 sheet and the 计分规则 sheet are both
 * written this way, in either language, and are read by this one reader. The header row may sit
 * anywhere (a title above it is fine); without one, the key is the first column and the value the
 * second. Each named key is read once: a row naming a key already read, or a key nobody knows,
 * is kept as a line of its own so the caller can say so, at that row.
 */
import { allTexts, type MessageKey } from '../i18n';
import { cellText, normalizeHeader } from '../text/text';

/** The header words of the three columns, as message keys (every language's text is accepted). */
export interface KeyValueHeader {
  key: MessageKey;
  value: MessageKey;
  help: MessageKey;
}

/** One row of the sheet that names something, in sheet order; rows are 0-based indexes into the values. */
export type KeyValueLine<K> =
  | { kind: 'entry'; key: K; label: string; row: number; raw: unknown }
  | { kind: 'unknown' | 'duplicate'; label: string; row: number };

export interface KeyValueSheet<K> {
  keyColumn: number;
  valueColumn: number;
  lines: KeyValueLine<K>[];
}

/** Where the key and value columns are: by the header row when there is one, else the first two. */
function keyValueColumns(values: unknown[][], header: KeyValueHeader): { headerRow: number; keyColumn: number; valueColumn: number } {
  const texts = (key: MessageKey): string[] => allTexts(key).map(normalizeHeader);
  const headerTexts = new Set([...texts(header.key), ...texts(header.value), ...texts(header.help)]);
  const headerRow = values.findIndex((row) => (row ?? []).some((v) => headerTexts.has(normalizeHeader(v))));
  let keyColumn = 0;
  let valueColumn = 1;
  if (headerRow >= 0) {
    const cells = (values[headerRow] ?? []).map(normalizeHeader);
    const keyAt = cells.findIndex((h) => texts(header.key).includes(h));
    const valueAt = cells.findIndex((h) => texts(header.value).includes(h));
    if (keyAt >= 0) keyColumn = keyAt;
    if (valueAt >= 0) valueColumn = valueAt;
    else if (keyAt >= 0) valueColumn = keyAt + 1;
  }
  return { headerRow, keyColumn, valueColumn };
}

/**
 * Reads a key/value sheet (getValues() of the whole sheet). `keyOf` names the key a key cell's
 * text stands for (its label in any language, or its code name); blank key cells are skipped.
 */
export function readKeyValueSheet<K>(
  values: unknown[][],
  header: KeyValueHeader,
  keyOf: (text: string) => K | undefined,
): KeyValueSheet<K> {
  const { headerRow, keyColumn, valueColumn } = keyValueColumns(values, header);
  const lines: KeyValueLine<K>[] = [];
  const seen = new Set<K>();
  values.forEach((row, r) => {
    if (r === headerRow) return;
    const label = cellText(row?.[keyColumn]);
    if (label === '') return;
    const key = keyOf(label);
    if (key === undefined) lines.push({ kind: 'unknown', label, row: r });
    else if (seen.has(key)) lines.push({ kind: 'duplicate', label, row: r });
    else {
      seen.add(key);
      lines.push({ kind: 'entry', key, label, row: r, raw: row?.[valueColumn] });
    }
  });
  return { keyColumn, valueColumn, lines };
}
