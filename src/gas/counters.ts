/**
 * Duban's durable counters, in the spreadsheet's document properties: the highest key (系统编号)
 * and the highest notice number (督办〔YYYY〕N号) ever given, and how many numbered rows 督办记录
 * had at the end of the last run. They are kept beside the sheets, not instead of them: the next
 * key and number are after the highest of the counter, the ledger, 任务索引 and the log, so a
 * deleted row, column or sheet never makes Duban give a key or a number twice; and a log that
 * lost rows since the last run is noticed and said.
 */

const KEY = 'duban.highestKey';
const LOG_ROWS = 'duban.logNumberedRows';
const INDEX_KEPT = 'duban.indexKept';
const numberKey = (year: number): string => `duban.noticeNumber.${year}`;

export interface Counters {
  highestKey: number;
  /** Numbered rows 督办记录 held when the last run ended (0 before the first). */
  logRows: number;
  /** Whether 任务索引 existed after an earlier run (its absence now is a loss, not a first run). */
  indexKept: boolean;
  noticeNumber: (year: number) => number;
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
    noticeNumber: (year) => num(numberKey(year)),
  };
}

/** Raises the counters (never lowers the highest key or number); one call. */
export function saveCounters(update: {
  highestKey?: number;
  logRows?: number;
  indexKept?: boolean;
  noticeNumber?: { year: number; n: number };
}): void {
  const now = readCounters();
  const out: Record<string, string> = {};
  if (update.highestKey !== undefined && update.highestKey > now.highestKey) out[KEY] = String(update.highestKey);
  if (update.logRows !== undefined && update.logRows !== now.logRows) out[LOG_ROWS] = String(update.logRows);
  if (update.indexKept && !now.indexKept) out[INDEX_KEPT] = '1';
  const n = update.noticeNumber;
  if (n && n.n > now.noticeNumber(n.year)) out[numberKey(n.year)] = String(n.n);
  if (Object.keys(out).length > 0) store().setProperties(out);
}
