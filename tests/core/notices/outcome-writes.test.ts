import { describe, expect, it } from 'vitest';
import { outcomeBlocks } from '../../../src/core/notices/outcome-writes';

const row = (r: number, withDetail = false, claimedNow = true) => ({ row: r, withDetail, claimedNow });

describe('outcome writes of 督办记录 (issue 17: paired and batched)', () => {
  it('writes the 已发送 of one mail and the 发送中 of the next in one block', () => {
    expect(outcomeBlocks([row(5), row(6), row(7), row(8)])).toEqual([{ lo: 5, hi: 8, withDetail: false }]);
  });

  it('writes all the 延后 rows of a day in one block, with the last 已发送 when it was claimed by this run', () => {
    const sent = [row(10), row(11)];
    const deferred = [12, 13, 14, 15].map((r) => row(r, true));
    expect(outcomeBlocks([...deferred, ...sent])).toEqual([{ lo: 10, hi: 15, withDetail: true }]);
  });

  it("never writes an earlier run's 说明 it did not change", () => {
    expect(outcomeBlocks([row(3, false, false), row(4, true), row(5, false, false)])).toEqual([
      { lo: 3, hi: 3, withDetail: false },
      { lo: 4, hi: 4, withDetail: true },
      { lo: 5, hi: 5, withDetail: false },
    ]);
  });

  it('keeps rows that are not adjacent in separate blocks, and a row changed twice once', () => {
    expect(outcomeBlocks([row(1), row(1), row(3)])).toEqual([
      { lo: 1, hi: 1, withDetail: false },
      { lo: 3, hi: 3, withDetail: false },
    ]);
  });

  it("writes two blocks as one when only this run's rows lie between them (written as they are)", () => {
    const deferred = [1, 2, 4, 5].map((r) => row(r, true));
    expect(outcomeBlocks(deferred, (r) => r >= 1)).toEqual([{ lo: 1, hi: 5, withDetail: true }]);
    expect(outcomeBlocks(deferred, (r) => r !== 3)).toEqual([
      { lo: 1, hi: 2, withDetail: true },
      { lo: 4, hi: 5, withDetail: true },
    ]);
  });
});
