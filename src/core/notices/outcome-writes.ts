/**
 * How the outcomes a run has changed in 督办记录 go to the sheet in as few writes as possible
 * (issue 17, writes): the 已发送 of one mail and the 发送中 of the next side by side in one
 * write, all the 延后 rows of a day in one write.
 *
 * A write is a block of adjacent rows, one column wide (结果) or two (结果 and 说明). A row whose
 * 说明 did not change may still go in a two-column block only when its 说明 is known exactly,
 * i.e. it was claimed by this run (the run wrote that cell itself): writing it back changes
 * nothing. A row of an earlier run keeps its 说明 cell untouched, as before. For the same reason
 * two blocks with only rows of this run between them (the 通报's event rows between two 通报's
 * recipients) are one write, the rows between written as they are.
 */

/** A row (0-based) whose outcome changed: whether its 说明 changed too, and whether this run claimed it. */
export interface ChangedOutcome {
  row: number;
  withDetail: boolean;
  claimedNow: boolean;
}

/** One write: rows lo..hi (0-based, inclusive), one column (结果) or two (结果, 说明). */
export interface OutcomeBlock {
  lo: number;
  hi: number;
  withDetail: boolean;
}

/**
 * The fewest blocks that write the changed rows, without touching a cell of an earlier run it
 * did not change. claimedNow(row): whether this run claimed that row (its cells are known exactly).
 */
export function outcomeBlocks(changed: readonly ChangedOutcome[], claimedNow: (row: number) => boolean = () => false): OutcomeBlock[] {
  // A row changed twice is written once, with its 说明 if either change had one.
  const byRow = new Map<number, ChangedOutcome>();
  for (const c of changed) {
    const seen = byRow.get(c.row);
    byRow.set(c.row, seen ? { ...c, withDetail: seen.withDetail || c.withDetail } : c);
  }
  const sorted = [...byRow.values()].sort((a, b) => a.row - b.row);
  const blocks: (OutcomeBlock & { allClaimedNow: boolean })[] = [];
  for (const c of sorted) {
    const last = blocks[blocks.length - 1];
    const adjacent = last !== undefined && allOf(last.hi + 1, c.row - 1, claimedNow);
    if (last && adjacent && fits(last, c)) {
      last.hi = c.row;
      last.withDetail = last.withDetail || c.withDetail;
      last.allClaimedNow = last.allClaimedNow && c.claimedNow;
      // The rows between, if any, are this run's own: known exactly, so any width fits them.
      continue;
    }
    blocks.push({ lo: c.row, hi: c.row, withDetail: c.withDetail, allClaimedNow: c.claimedNow });
  }
  return blocks.map(({ lo, hi, withDetail }) => ({ lo, hi, withDetail }));
}

/** Whether a row can join a block: same width, or the narrower side's 说明 is this run's own. */
function fits(block: OutcomeBlock & { allClaimedNow: boolean }, c: ChangedOutcome): boolean {
  if (block.withDetail === c.withDetail) return true;
  return block.withDetail ? c.claimedNow : block.allClaimedNow;
}

/** Whether every row from lo to hi (inclusive; none when hi < lo) passes. */
function allOf(lo: number, hi: number, test: (row: number) => boolean): boolean {
  for (let r = lo; r <= hi; r++) if (!test(r)) return false;
  return true;
}
