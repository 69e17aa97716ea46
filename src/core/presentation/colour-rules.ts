/**
 * Row colours as conditional-format rules keyed on the state column.
 *
 * Why rules and not setBackgrounds: a fill a person gave a cell stays that cell's fill (the
 * rule paints over it only while the state holds, and it is back when the task is closed);
 * the colour follows the state word even when someone edits it or sorts the sheet; one rule
 * per state costs the same for 10 rows or 10,000; and .xlsx keeps conditional formats, so
 * Excel, WPS and LibreOffice show the same colours.
 */
import type { Translate } from '../i18n';
import { STATE_MESSAGE, type StateCode } from '../ledger/state';
import { stateFromText } from '../ledger/state-words';
import { type Colors, SETTING_KEYS, settingLabel } from '../settings/settings';
import { columnLetter, normalizeHeader } from '../text/text';

export interface ColourRule {
  state: StateCode;
  /** A custom formula relative to the first data row, e.g. =$K4="逾期". */
  formula: string;
  background: string;
}

/** The states a setting can colour, in the order the rules and the legend list them. */
export const COLOURED: readonly (keyof Colors & StateCode)[] = ['overdue', 'dueSoon', 'pending', 'closed', 'invalid', 'noDeadline'];

/** One rule per coloured state; a state whose colour is blank in the settings gets none. */
export function colourRules(stateColumn: number, firstDataRow: number, colors: Colors, t: Translate): ColourRule[] {
  const cell = `$${columnLetter(stateColumn)}${firstDataRow + 1}`;
  return COLOURED.filter((state) => colors[state] !== '').map((state) => ({
    state,
    formula: `=${cell}="${t(STATE_MESSAGE[state]).replace(/"/g, '""')}"`,
    background: colors[state],
  }));
}

/** Whether an existing rule is one of Duban's (so it may be replaced; anyone else's is kept). */
export function isColourRule(formula: string): boolean {
  const m = /^=\$[A-Z]+\d+="(.*)"$/.exec(formula.trim());
  return m !== null && stateFromText(m[1]!.replace(/""/g, '"')) !== undefined;
}

/** The colour settings' labels, in every language: their rows on the settings sheet are the legend. */
const COLOUR_LABELS = new Set(
  SETTING_KEYS.filter((k) => k.startsWith('color')).flatMap((k) =>
    (['zh-CN', 'en'] as const).map((l) => normalizeHeader(settingLabel(k, l))),
  ),
);

/**
 * Backgrounds for the settings sheet's value column (column B): a colour setting's cell wears
 * the colour it names, so the settings sheet is its own legend; every other cell has none.
 */
export function legendBackgrounds(values: unknown[][]): (string | null)[][] {
  return values.map((row) => {
    const own = String(row?.[1] ?? '').trim();
    return [COLOUR_LABELS.has(normalizeHeader(row?.[0])) && /^#[0-9a-f]{6}$/i.test(own) ? own.toLowerCase() : null];
  });
}
