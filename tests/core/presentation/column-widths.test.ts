import { describe, expect, it } from 'vitest';
import { fitWidth, scriptColumnWidth, textWidthPx } from '../../../src/core/presentation/column-widths';

const TEN = { headerPt: 10, headerBold: true, dataPt: 10 };

describe('textWidthPx', () => {
  it('counts a Chinese character as a full em and a digit as a little over half', () => {
    expect(textWidthPx('督办状态', 10)).toBe(54); // 4 × 13.3 px
    expect(textWidthPx('2026-12-31', 10)).toBe(80);
    expect(textWidthPx('督办状态', 10, true)).toBeGreaterThan(textWidthPx('督办状态', 10));
    expect(textWidthPx('整改\n时限', 10)).toBe(textWidthPx('整改', 10));
  });
});

describe('scriptColumnWidth', () => {
  it('makes a date column wide enough for a whole date (an .xlsx default of 64 px shows ###)', () => {
    const w = scriptColumnWidth('statusChanged', '状态变更日期', TEN);
    expect(w.least).toBeGreaterThanOrEqual(fitWidth(['2026-12-31'], 10));
    expect(w.least).toBeGreaterThanOrEqual(fitWidth(['状态变更日期'], 10, true));
    expect(w.least).toBeGreaterThan(64);
    expect(w.preferred).toBe(w.least);
  });

  it('gives the system note a wide column: a sentence of some 26 characters to a line', () => {
    const w = scriptColumnWidth('systemNote', '系统提示', TEN);
    expect(w.preferred).toBeGreaterThanOrEqual(340);
    expect(w.least).toBeGreaterThanOrEqual(fitWidth(['未填写责任单位，请补充'], 10));
    expect(w.least).toBeLessThan(w.preferred);
  });

  it('fits the state words of the header’s language, and grows with the office’s font', () => {
    expect(scriptColumnWidth('state', 'State', TEN).least).toBeGreaterThanOrEqual(fitWidth(['Awaiting verification'], 10));
    expect(scriptColumnWidth('state', '督办状态', TEN).least).toBeLessThan(fitWidth(['Awaiting verification'], 10));
    const big = scriptColumnWidth('lastNotice', '最近督办', { headerPt: 14, headerBold: true, dataPt: 14 });
    expect(big.least).toBeGreaterThan(scriptColumnWidth('lastNotice', '最近督办', TEN).least);
  });
});
