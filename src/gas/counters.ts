/**
 * Duban's durable counters, in the spreadsheet's document properties: the highest key (系统编号)
 * and the highest number of each document series (X创城督〔YYYY〕N号, …) ever given, and how many numbered rows 督办记录
 * had at the end of the last run. They are kept beside the sheets, not instead of them: the next
 * key and number are after the highest of the counter, the ledger, 任务索引 and the log, so a
 * deleted row, column or sheet never makes Duban give a key or a number twice; and a log that
 * lost rows since the last run is noticed and said.
 */

import type { Series } from '../core/notices/log';

const KEY = 'duban.highestKey';
const LOG_ROWS = 'duban.logNumberedRows';
const INDEX_KEPT = 'duban.indexKept';
/** The notice series keeps its original key, so a spreadsheet's counter from before the other series reads on. */
const numberKey = (series: Series, year: number): string =>
  series === 'notice' ? `duban.noticeNumber.${year}` : `duban.${series}Number.${year}`;

export interface Counters {
  highestKey: number;
  /** Numbered rows 督办记录 held when the last run ended (0 before the first). */
  logRows: number;
  /** Whether 任务索引 existed after an earlier run (its absence now is a loss, not a first run). */
  indexKept: boolean;
  /** The highest number of a series and year ever given (0 for none). */
  number: (series: Series, year: number) => number;
}

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function readCounters(): Counters {
  const all = store().getProperties();
  const num = (k: string): number => Number(all[k] ?? 0) || 0;
  return {
    highestKey: num(KEY),
    logRows: num(LOG_ROWS),
    indexKept: all[INDEX_KEPT] === '1',
    number: (series, year) => num(numberKey(series, year)),
  };
}

/** Raises the counters (never lowers the highest key or number); one call. */
export function saveCounters(update: {
  highestKey?: number;
  logRows?: number;
  indexKept?: boolean;
  numbers?: { series: Series; year: number; n: number }[];
}): void {
  const now = readCounters();
  const out: Record<string, string> = {};
  if (update.highestKey !== undefined && update.highestKey > now.highestKey) out[KEY] = String(update.highestKey);
  if (update.logRows !== undefined && update.logRows !== now.logRows) out[LOG_ROWS] = String(update.logRows);
  if (update.indexKept && !now.indexKept) out[INDEX_KEPT] = '1';
  for (const n of update.numbers ?? []) if (n.n > now.number(n.series, n.year)) out[numberKey(n.series, n.year)] = String(n.n);
  if (Object.keys(out).length > 0) store().setProperties(out);
}
