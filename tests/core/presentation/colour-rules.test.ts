import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { colourRules, isColourRule } from '../../../src/core/presentation/colour-rules';
import { DEFAULT_COLORS } from '../../../src/core/settings/settings';

const zh = translator('zh-CN');
const en = translator('en');

describe('colourRules', () => {
  it('paints each coloured state from the first data row, keyed on the state column', () => {
    // State column K (index 10), data from row 4 (index 3).
    const rules = colourRules(10, 3, DEFAULT_COLORS, zh);
    expect(rules).toEqual([
      { state: 'overdue', formula: '=$K4="逾期"', background: '#f4cccc' },
      { state: 'dueSoon', formula: '=$K4="临期"', background: '#fff2cc' },
      { state: 'pending', formula: '=$K4="待验收"', background: '#cfe2f3' },
      { state: 'closed', formula: '=$K4="已销号"', background: '#d9ead3' },
      { state: 'invalid', formula: '=$K4="待核实"', background: '#fce5cd' },
    ]);
  });

  it('gives no rule to a state whose colour the office left blank', () => {
    const rules = colourRules(0, 1, { ...DEFAULT_COLORS, closed: '', noDeadline: '#eeeeee' }, zh);
    expect(rules.map((r) => r.state)).toEqual(['overdue', 'dueSoon', 'pending', 'invalid', 'noDeadline']);
    expect(rules.at(-1)).toEqual({ state: 'noDeadline', formula: '=$A2="长期"', background: '#eeeeee' });
  });

  it("uses the ledger's language and columns beyond Z", () => {
    expect(colourRules(27, 1, DEFAULT_COLORS, en)[0]!.formula).toBe('=$AB2="Overdue"');
  });
});

describe('isColourRule', () => {
  it("recognises Duban's own rules in either language, so setup can replace them", () => {
    for (const rule of [...colourRules(10, 3, DEFAULT_COLORS, zh), ...colourRules(3, 1, DEFAULT_COLORS, en)]) {
      expect(isColourRule(rule.formula)).toBe(true);
    }
    expect(isColourRule(' =$K4="逾期" ')).toBe(true);
  });

  it("leaves anyone else's rules alone", () => {
    expect(isColourRule('=$K4="重点"')).toBe(false);
    expect(isColourRule('=$K4>3')).toBe(false);
    expect(isColourRule('=AND($K4="逾期",$L4>5)')).toBe(false);
    expect(isColourRule('=K4="逾期"')).toBe(false);
    expect(isColourRule('')).toBe(false);
  });
});
