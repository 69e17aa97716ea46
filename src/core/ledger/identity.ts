/**
 * Which task each row is (任务身份): a key (系统编号) is bound to what the task is, not to where it
 * stands. Duban keeps, in its own 任务索引 sheet, each key's fingerprint: the office's cells that
 * name the task (问题描述, 点位, 责任单位, 交办日期). Each sweep binds every task row to a key:
 *
 * - a row whose content is its key's task keeps the key, wherever it moved;
 * - a row carrying a key whose task is on another row is a copy: it gets a new key;
 * - a row with no key whose content is a known task's (the key column was deleted) gets that key;
 * - a row that matches nothing known is a new task: a new key, never one given before;
 * - a known key no row carries any more is retired, and never given again.
 *
 * What cannot be decided is never guessed: two rows equally close to one key, or a key standing
 * beside another task (a sort of only the office's columns) are held: no notice, no state
 * written, until a person resolves it (the note says how).
 *
 * Tolerance: a person fixing a typo must not break the link, a different task must never take
 * one. So the 责任单位 must be the same (the ladder's notices went to that unit) and so must the
 * 交办日期 when the index has one; of 问题描述 and 点位 at most one may change, and only so far
 * that it keeps SIMILAR of its characters (edit distance): one or two characters in a short
 * description, a phrase in a long one. Anything beyond is a different task, or held.
 */
import type { Day } from '../calendar/day';
import { unitKey } from '../directory/units';
import { normalizeName } from '../text/text';

/** The office's cells that name a task, normalised (spaces, width, case). */
export interface TaskPrint {
  task: string;
  place: string;
  unit: string;
  /** 交办日期 as YYYY-MM-DD, '' when the ledger has none. */
  issued: string;
}

/**
 * A key's notice ladder as the last sweep left it, drawn from 督办记录: the notices given for the
 * deadline then in force (认定时限), the last one's day and its level as shown. Kept in 任务索引 so
 * that a log which lost rows is recovered from a source no sort or deleted column can move.
 */
export interface KeyLadder {
  notices: number;
  last: Day;
  deadline: Day;
  /** 督办级别 as shown (only for a person reading 任务索引: the recovery derives the level from the count). */
  level: string;
}

/** A key Duban knows (a row of 任务索引). */
export interface KnownTask {
  key: string;
  print: TaskPrint;
  retired: boolean;
  /** The cells as the office typed them (描述, 点位, 单位, 交办日期), for a person reading 任务索引. */
  shown: string[];
  /** The day the key was first given (or adopted). */
  since: Day | undefined;
  /** The day the key was retired. */
  retiredOn: Day | undefined;
  /** Its notices so far (none: undefined). */
  ladder?: KeyLadder;
}

/** A task row as read: its 0-based row, the key its 系统编号 cell holds ('' for none), its print. */
export interface RowSeen {
  index: number;
  key: string;
  print: TaskPrint;
  /** The cells as typed: what 任务索引 shows. */
  shown: string[];
}

/**
 * Why a row is held: `duplicate` two rows carry the same task and key; `displaced` the key
 * stands beside another known task (a partial sort); `changed` the row's task is no longer its
 * key's, beyond a typo fix, and is nowhere else; `ambiguous` a row without a key matches two
 * known tasks (or two rows one) equally well.
 */
export type HoldReason = 'duplicate' | 'displaced' | 'changed' | 'ambiguous';

export interface Held {
  index: number;
  /** The key the row's cell holds ('' for none). */
  key: string;
  reason: HoldReason;
  /** The other row concerned (0-based), for a duplicate or an ambiguous match. */
  otherRow?: number;
  /** The key whose task the row's content is, for a displaced key. */
  otherKey?: string;
}

export interface Identity {
  /** Every row's key after today, by 0-based row (held rows are absent). */
  keys: Map<number, string>;
  /** Rows whose 系统编号 cell must be written: a new key, or a key found again by content. */
  given: Map<number, string>;
  /** Rows found again by content (their key cell was empty). */
  relinked: number[];
  /** Rows given a key never given before (a new task, a copy): nothing on them is the key's history. */
  fresh: number[];
  held: Held[];
  /** The index after today: every key ever given, with its print (a typo fix followed), retired or not. */
  index: KnownTask[];
  /** Keys retired today. */
  retired: string[];
}

/** How much of a changed description (or place) must stay for it to be the same task. */
export const SIMILAR = 0.6;

export function normalizedPrint(task: unknown, place: unknown, unit: unknown, issued: string): TaskPrint {
  return { task: normalizeName(task), place: normalizeName(place), unit: unitKey(String(unit ?? '')), issued };
}

/** Levenshtein distance over code points (one row of the table at a time). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** 1 for the same text, down to 0: the share of characters an edit kept. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

/**
 * How close a row's print is to a known task's: 1 the same, below 1 a typo fix away, undefined
 * another task (see the tolerance above).
 */
export function closeness(row: TaskPrint, known: TaskPrint): number | undefined {
  if (row.unit !== known.unit) return undefined;
  if (known.issued !== '' && row.issued !== known.issued) return undefined;
  const task = similarity(row.task, known.task);
  const place = known.place === '' || row.place === known.place ? 1 : similarity(row.place, known.place);
  if (task === 1 && place === 1) return row.issued === known.issued && row.place === known.place ? 1 : 0.99;
  if (task < 1 && place < 1) return undefined;
  const kept = Math.min(task, place);
  return kept >= SIMILAR ? Math.min(kept, 0.99) : undefined;
}

export const printText = (p: TaskPrint): string => [p.task, p.place, p.unit, p.issued].join('\u241f');

interface Claim {
  row: RowSeen;
  score: number;
}

/** What binding collects as it goes. */
class Binder {
  readonly keys = new Map<number, string>();
  readonly given = new Map<number, string>();
  readonly held: Held[] = [];
  readonly fresh: RowSeen[] = [];
  /** Keys bound to a row today. */
  readonly bound = new Map<string, RowSeen>();
  /** Keys a held row carries: neither retired nor given to another row. */
  readonly contested = new Set<string>();

  bind(row: RowSeen, key: string): void {
    this.keys.set(row.index, key);
    this.bound.set(key, row);
    if (row.key !== key) this.given.set(row.index, key);
  }

  hold(row: RowSeen, reason: HoldReason, other: { otherRow?: number; otherKey?: string } = {}): void {
    this.held.push({ index: row.index, key: row.key, reason, ...other });
    if (row.key !== '') this.contested.add(row.key);
    // The task the row's content is stays known too: a held row is never a task gone.
    if (other.otherKey !== undefined) this.contested.add(other.otherKey);
  }

  /** Claims on one key: the closest wins; a tie is held; the rest are new tasks. */
  settle(key: string, claims: Claim[], tie: HoldReason): void {
    const best = Math.max(...claims.map((c) => c.score));
    const top = claims.filter((c) => c.score === best);
    if (top.length > 1) {
      for (const c of top) this.hold(c.row, tie, { otherRow: top.find((o) => o !== c)!.row.index });
      this.contested.add(key);
    } else this.bind(top[0]!.row, key);
    for (const c of claims) if (c.score < best) this.fresh.push(c.row);
  }
}

/** The known tasks a keyless row could be: exact first, else the closest of the unit's, all that tie. */
function candidates(row: RowSeen, exact: Map<string, KnownTask[]>, byUnit: Map<string, KnownTask[]>): { keys: string[]; score: number } {
  const same = exact.get(printText(row.print));
  if (same && same.length > 0) return { keys: same.map((k) => k.key), score: 1 };
  let best = 0;
  let keys: string[] = [];
  for (const known of byUnit.get(row.print.unit) ?? []) {
    const score = closeness(row.print, known.print);
    if (score === undefined || score < best) continue;
    if (score > best) keys = [];
    best = score;
    keys.push(known.key);
  }
  return { keys, score: best };
}

/**
 * Binds every task row to a key (see the module's comment). `known` undefined: no index yet
 * (the first sweep that keeps one), so every key in the column is adopted as it stands.
 * `nextKey` hands out a key never given before.
 */
export function bindKeys(rows: readonly RowSeen[], known: readonly KnownTask[] | undefined, nextKey: () => string, today: Day): Identity {
  const byKey = new Map((known ?? []).map((k) => [k.key, k] as const));
  const b = new Binder();
  const claims = new Map<string, Claim[]>();
  const strangers: RowSeen[] = [];
  const keyless: RowSeen[] = [];
  for (const row of rows) {
    if (row.key === '') {
      keyless.push(row);
      continue;
    }
    const entry = byKey.get(row.key);
    const score = entry ? closeness(row.print, entry.print) : 1;
    if (score === undefined) strangers.push(row);
    else claims.set(row.key, [...(claims.get(row.key) ?? []), { row, score }]);
  }
  for (const [key, list] of claims) b.settle(key, list, 'duplicate');
  const carried = new Map<string, number>();
  for (const row of rows) if (row.key !== '') carried.set(row.key, (carried.get(row.key) ?? 0) + 1);
  strangersOf(b, strangers, byKey, carried);
  relink(b, keyless, known ?? []);
  const fresh = newTasks(b);
  for (const row of fresh) b.bind(row, nextKey());
  const freshRows = new Set(fresh.map((r) => r.index));
  const relinked = [...b.given.keys()].filter((i) => !freshRows.has(i)).sort((x, y) => x - y);
  return {
    ...indexAfter(b, rows, known ?? [], today),
    keys: b.keys,
    given: b.given,
    relinked,
    fresh: fresh.map((r) => r.index),
    held: b.held,
  };
}

/**
 * The rows that are new tasks, in sheet order; two or more of them alike (a copy of a copy, the
 * same new task pasted twice) are one task twice: held, never two keys and two notices.
 */
function newTasks(b: Binder): RowSeen[] {
  const alike = new Map<string, RowSeen[]>();
  for (const row of b.fresh) alike.set(printText(row.print), [...(alike.get(printText(row.print)) ?? []), row]);
  const out: RowSeen[] = [];
  for (const group of alike.values()) {
    if (group.length === 1) out.push(group[0]!);
    else for (const row of group) b.hold(row, 'duplicate', { otherRow: group.find((o) => o !== row)!.index });
  }
  return out.sort((x, y) => x.index - y.index);
}

/**
 * Rows carrying a key whose task they are not: a copy someone made into a task of its own (the
 * key's task is on another row, or the key stands on several rows and this one's content is no
 * known task), or held: a key beside another known task, or a task rewritten beyond a typo.
 */
function strangersOf(b: Binder, strangers: RowSeen[], byKey: Map<string, KnownTask>, carried: Map<string, number>): void {
  const exact = new Map<string, string>();
  for (const k of byKey.values()) if (!k.retired) exact.set(printText(k.print), k.key);
  const copies: RowSeen[] = [];
  for (const row of strangers) {
    const otherKey = exact.get(printText(row.print));
    if (otherKey === undefined && (b.bound.has(row.key) || (carried.get(row.key) ?? 0) > 1)) copies.push(row);
    else if (otherKey !== undefined) b.hold(row, 'displaced', { otherKey });
    else b.hold(row, 'changed');
  }
  // A key beside another known task: the key column no longer stands beside the office's cells
  // (a partial sort). A new key written beside a copy now would stay on that row when the person
  // undoes the sort, beside another task: the copies wait with the sorted rows.
  const sorted = b.held.some((h) => h.reason === 'displaced');
  for (const row of copies) {
    if (sorted) b.hold(row, 'changed');
    else b.fresh.push(row);
  }
}

/** Rows without a key: found again by content among the known tasks no row has claimed. */
function relink(b: Binder, keyless: RowSeen[], known: readonly KnownTask[]): void {
  // A key a held row carries is still a candidate: a row matching it is held too, never given a new key.
  const open = known.filter((k) => !k.retired && !b.bound.has(k.key));
  const exact = new Map<string, KnownTask[]>();
  const byUnit = new Map<string, KnownTask[]>();
  for (const k of open) {
    exact.set(printText(k.print), [...(exact.get(printText(k.print)) ?? []), k]);
    byUnit.set(k.print.unit, [...(byUnit.get(k.print.unit) ?? []), k]);
  }
  const wanted = new Map<string, Claim[]>();
  for (const row of keyless) {
    const found = candidates(row, exact, byUnit);
    if (found.keys.length === 0) b.fresh.push(row);
    else if (found.keys.length > 1 || b.contested.has(found.keys[0]!)) {
      // One candidate, held because another row carries it: the row still names its key (its history is that key's).
      b.hold(row, 'ambiguous', found.keys.length === 1 ? { otherKey: found.keys[0]! } : {});
      for (const key of found.keys) b.contested.add(key);
    } else wanted.set(found.keys[0]!, [...(wanted.get(found.keys[0]!) ?? []), { row, score: found.score }]);
  }
  for (const [key, list] of wanted) b.settle(key, list, 'ambiguous');
}

/** The index after today: prints follow the rows bound to them, new keys added, keys no row carries retired. */
function indexAfter(
  b: Binder,
  rows: readonly RowSeen[],
  known: readonly KnownTask[],
  today: Day,
): { index: KnownTask[]; retired: string[] } {
  const retired: string[] = [];
  const index = known.map((k): KnownTask => {
    const row = b.bound.get(k.key);
    if (row) return { ...k, print: row.print, shown: row.shown, retired: false, retiredOn: undefined };
    if (!k.retired && !b.contested.has(k.key)) {
      retired.push(k.key);
      return { ...k, retired: true, retiredOn: today };
    }
    return k;
  });
  const have = new Set(known.map((k) => k.key));
  const added = rows.filter((r) => !have.has(b.keys.get(r.index) ?? '') && b.keys.has(r.index));
  for (const row of added)
    index.push({ key: b.keys.get(row.index)!, print: row.print, shown: row.shown, retired: false, since: today, retiredOn: undefined });
  return { index, retired };
}
