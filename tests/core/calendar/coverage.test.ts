import { describe, expect, it } from 'vitest';
import { yearsToCover } from '../../../src/core/calendar/coverage';
import { dayFromYmd } from '../../../src/core/calendar/day';

describe('yearsToCover: whose holidays the office must have', () => {
  it('is this year until the end of November', () => {
    expect(yearsToCover(dayFromYmd(2026, 1, 1))).toEqual([2026]);
    expect(yearsToCover(dayFromYmd(2026, 11, 30))).toEqual([2026]);
  });

  it('adds next year from 1 December, before its first working days are counted', () => {
    expect(yearsToCover(dayFromYmd(2026, 12, 1))).toEqual([2026, 2027]);
    expect(yearsToCover(dayFromYmd(2026, 12, 31))).toEqual([2026, 2027]);
  });
});
