import { describe, expect, it } from 'vitest';
import { isBlankCell } from '../../../src/core/text/text';

describe('isBlankCell', () => {
  it('sees nothing in an empty cell, a null, or spaces only', () => {
    expect(['', null, undefined, '   ', '\u3000'].map(isBlankCell)).toEqual([true, true, true, true, true]);
  });

  it('sees a typed value, a number zero and a date cell as filled', () => {
    expect(['长期坚持', 0, new Date(2026, 10, 25)].map(isBlankCell)).toEqual([false, false, false]);
  });
});
