/**
 * 当场下单: the one row an inspector's order adds at the end of the office's ledger, in the
 * ledger's own columns (the only row Duban ever writes into the office's columns). 序号 gets the
 * next number when the column holds numbers; 交办日期 today, as a date; 问题描述, 责任单位,
 * 整改时限 (the text chosen); 点位 and 问题类别 when the ledger has them; 备注 「现场交办：<姓名>」
 * (with the phone's position when it was sent). A column the ledger lacks is simply not written.
 * Text a spreadsheet would read as a formula, a number or a date is marked to be written as text.
 */
import type { Translate } from '../i18n';
import type { ColumnMap, PersonField } from '../ledger/columns';
import { cellText } from '../text/text';
import type { OrderInput } from './forms';

export interface OrderRowInput {
  columns: ColumnMap;
  /** How many columns the row spans (the sheet's columns as read). */
  width: number;
  /** The sheet's values as read, and the 0-based rows that are tasks (for 序号 and 问题类别). */
  values: readonly (readonly unknown[])[];
  taskRows: readonly number[];
  order: OrderInput;
  /** The inspector's 姓名 (督查员). */
  inspector: string;
  /** Today, as the date cell 交办日期 holds it. */
  issued: Date;
  t: Translate;
}

export interface OrderRow {
  /** One value per column; '' where the order says nothing. */
  values: unknown[];
  /** 0-based columns whose text must stay text (plain-text format before the write). */
  asText: number[];
}

/** Whether a spreadsheet would read the text as something else: a formula (= + - @), a number or a date. */
export function readsAsNonText(text: string): boolean {
  return /^[=+\-@]/.test(text) || /^[\d\s.,:/%-]+$/.test(text);
}

/** The next 序号: one past the highest number the column holds on a task row; undefined when it holds no number. */
export function nextSequence(values: readonly (readonly unknown[])[], taskRows: readonly number[], column: number): number | undefined {
  const numbers = taskRows.map((r) => values[r]?.[column]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return numbers.length === 0 ? undefined : Math.floor(Math.max(...numbers)) + 1;
}

/** 备注: 「现场交办：王督查」, with 「；位置：30.274120,120.155170」 when the phone sent its position. */
export function orderRemark(order: OrderInput, inspector: string, t: Translate, placeInRemark = false): string {
  const place = placeInRemark && order.place !== '' ? t('order.remarkPlace', { place: order.place }) : '';
  const position =
    order.lat === undefined || order.lng === undefined
      ? ''
      : t('order.remarkPosition', { lat: order.lat.toFixed(6), lng: order.lng.toFixed(6) });
  return t('order.remark', { name: inspector }) + place + position;
}

/** The row to append. */
export function orderRow(input: OrderRowInput): OrderRow {
  const { columns, order } = input;
  const values: unknown[] = Array.from({ length: input.width }, () => '');
  const asText: number[] = [];
  const put = (field: PersonField, value: unknown): void => {
    const at = columns[field];
    if (at === undefined || at >= input.width) return;
    values[at] = value;
    if (typeof value === 'string' && readsAsNonText(value)) asText.push(at);
  };
  if (columns.seq !== undefined) {
    const next = nextSequence(input.values, input.taskRows, columns.seq);
    if (next !== undefined) put('seq', next);
  }
  put('issued', input.issued);
  put('task', order.description);
  put('unit', order.unit);
  put('deadline', order.deadlineText);
  put('place', order.place);
  if (order.category !== undefined) put('problemKind', order.category);
  // A ledger without a 点位 column keeps the place in 备注, so nothing the inspector typed is lost.
  const placeColumn = columns.place !== undefined && columns.place < input.width;
  put('remark', orderRemark(order, input.inspector, input.t, !placeColumn));
  return { values, asText };
}

/** 问题类别 as the ledger uses them: each distinct value on a task row, in order of first use. */
export function categoriesIn(values: readonly (readonly unknown[])[], taskRows: readonly number[], column: number | undefined): string[] {
  if (column === undefined) return [];
  const seen = new Set<string>();
  for (const r of taskRows) {
    const text = cellText(values[r]?.[column]).trim();
    if (text !== '') seen.add(text);
  }
  return [...seen];
}
