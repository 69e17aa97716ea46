/** The quarter's page (一季一测评) reads as the office's, like the month's 督查通报: no product name, no ISO date. */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { layoutQuarter } from '../../../src/core/publication/quarter-layout';

describe('the quarter page', () => {
  it('names no software and writes its date in 年月日', () => {
    const doc = layoutQuarter([], 2026, 4, dayFromYmd(2027, 1, 4), translator('zh-CN'));
    const text = doc.rows.flatMap((r) => r.map((c) => String(c?.value ?? ''))).join('\n');
    expect(text).toContain('2027年1月4日');
    expect(text).not.toMatch(/督办台账|Duban|\d{4}-\d{2}-\d{2}/);
  });
});
