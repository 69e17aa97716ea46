/**
 * What each row below the header is. Ledgers people make interleave tasks with section
 * headings (一、环境卫生类), totals (合计：共30项) and footers (填表人：…); only task rows
 * are read, counted, coloured and chased.
 */

import { cellText, normalizeHeader, toHalfWidth } from '../text/text';
import { type ColumnMap, SCRIPT_FIELDS } from './columns';

export type RowKind = 'task' | 'section' | 'blank' | 'totals' | 'note';

const CN_NUMERAL = '[一二三四五六七八九十百零〇]+';

/** 一、… / （二）… / 第三部分… / 三. … / Part 2 … / Section B … */
const SECTION_HEADING = new RegExp(
  [
    `^${CN_NUMERAL}\\s*[、.．,，]`,
    `^[(（]\\s*${CN_NUMERAL}\\s*[)）]`,
    `^第\\s*(${CN_NUMERAL}|\\d+)\\s*(部分|类|章|节|批|组|篇|片区|大类|方面)`,
    '^(part|section|category)\\s*[\\dA-Za-z]+\\b',
  ].join('|'),
  'i',
);

/** A Chinese ordinal alone in a cell: the 序号 of a section row (一 / 二 / （三）). */
const LONE_NUMERAL = new RegExp(`^[(（]?${CN_NUMERAL}[)）、.．]?$`);

/** A short heading naming a category: 市容环境类 / 交通秩序方面 / 窗口单位专项. */
const CATEGORY = /(类|方面|板块|专项|领域|篇)$/;

const TOTALS = /^(合计|总计|小计|共计|汇总|total|subtotal|grandtotal)(?![a-z])/i;

/** Footers: 备注：… 注：… 填报说明 填表人：… 审核人 联系电话. */
const NOTE = [
  /^(备注|注|附注|说明|注意事项)\s*[:：]/,
  /^注\s*\d*\s*[、.．:：]/,
  /^(填报说明|填表说明|填报要求|填表人|填报人|审核人|审核|制表人|制表|联系人|联系电话|填报单位|填报日期|填报时间|统计时间|签发人|负责人签字|单位盖章)/,
  /^(notes?|remarks?)\s*:/i,
  /^(prepared by|reviewed by|approved by|contact)\b/i,
];

function cell(row: unknown[], column: number | undefined): string {
  return column === undefined ? '' : cellText(row[column]);
}

/**
 * The kind of one data row. `merged` says the row is (mostly) one merged range, as section
 * headings usually are; without that, a section is recognised by its numbering.
 * A row with task text but no unit is still a task: validation flags it, we do not hide it.
 */
export function classifyRow(row: unknown[], columns: ColumnMap, merged?: boolean): RowKind {
  // The script's own cells say nothing about what a person meant the row to be: a row
  // whose people's cells were cleared is blank even if yesterday's 督办状态 is still there.
  const scriptColumns = new Set(SCRIPT_FIELDS.map((f) => columns[f]).filter((c) => c !== undefined));
  const filled: { column: number; text: string }[] = [];
  row.forEach((v, column) => {
    const text = toHalfWidth(cellText(v)).trim();
    if (text !== '' && !scriptColumns.has(column)) filled.push({ column, text });
  });
  if (filled.length === 0) return 'blank';

  // getValues() puts a merged range's text in its top-left cell only, but a workbook read
  // through other tools (exceljs) repeats it in every cell: the same text everywhere is a merge.
  const repeated = filled.length > 1 && filled.every((f) => f.text === filled[0].text);
  if (repeated) {
    filled.length = 1;
    merged = true;
  }
  const first = filled[0].text;
  const unit = repeated ? '' : cell(row, columns.unit);
  const deadline = repeated ? '' : cell(row, columns.deadline);
  const hasUnitOrDeadline = unit !== '' || deadline !== '';

  // A task may begin with 合计 only in its own text and with a unit beside it.
  const totalsCell = filled.slice(0, 2).find((f) => TOTALS.test(f.text.replace(/\s+/g, '')));
  if (totalsCell && (unit === '' || columns.task === undefined || totalsCell.column < columns.task)) return 'totals';
  const isNote = (text: string): boolean => NOTE.some((re) => re.test(text));
  // A footer may spread over the row (填表人：… | 审核人：…), landing in the unit column.
  if (isNote(first) && (!hasUnitOrDeadline || filled.every((f) => isNote(f.text)))) return 'note';

  // One text merged across the row from column A is a heading, even when column A is the unit column.
  if (merged && filled.length === 1 && filled[0].column === 0 && !repeated) return 'section';
  if (hasUnitOrDeadline) return 'task';
  // No unit and no deadline: a heading if it says so, a task with gaps otherwise.
  if (merged) return 'section';
  if (filled.length <= 2 && SECTION_HEADING.test(first)) return 'section';
  if (filled.length <= 2 && LONE_NUMERAL.test(first)) return 'section';
  const last = filled[filled.length - 1].text;
  if (filled.length <= 2 && last.length <= 15 && CATEGORY.test(last)) return 'section';
  if (filled.length === 1 && columns.task !== undefined && filled[0].column < columns.task && !/^\d+(\.\d+)?$/.test(first)) {
    return 'section';
  }
  return 'task';
}

/**
 * The kind of every row after the header: result[i] is row headerRow + 1 + i of values.
 * mergedRows holds 0-based indexes into values of rows covered by a wide merged range.
 */
export function classifyRows(values: unknown[][], headerRow: number, columns: ColumnMap, mergedRows?: Set<number>): RowKind[] {
  const key = (row: unknown[] | undefined): string =>
    (['task', 'unit', 'deadline'] as const).map((f) => normalizeHeader(row?.[columns[f] ?? -1])).join('|');
  const headerKey = key(values[headerRow]);
  const kinds: RowKind[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    // Ledgers laid out for printing repeat the header on every page: a heading, not a task.
    const repeatsHeader = headerKey !== '||' && key(values[r]) === headerKey;
    kinds.push(repeatsHeader ? 'section' : classifyRow(values[r] ?? [], columns, mergedRows?.has(r)));
  }
  return kinds;
}
