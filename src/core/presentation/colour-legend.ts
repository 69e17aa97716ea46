/**
 * The legend of the row colours where people look at the rows: on the task sheet itself.
 *
 * Two parts. A note on Duban's 督办状态 header names each state's colour in words (a note is
 * text only, so 浅红色 says what #f4cccc cannot); it is always possible, since that header cell
 * is Duban's. And, when a row above the header is free in Duban's own columns (the office's
 * title and date lines are usually merged across the office's columns only), a row of
 * swatches: each state's word on its colour, right above the column that holds the word. The
 * office's cells are never touched.
 *
 * The swatches' words (逾期, 已销号 …) would read as headers (已销号 as 是否销号), so the header
 * finder never looks at Duban's columns: known by their marks, or, when a tool dropped the marks,
 * by Duban's run of headers (core/ledger/script-block.ts).
 */

import type { MessageKey, Translate } from '../i18n';
import { scriptFieldNamed } from '../ledger/columns';
import { STATE_CODES, STATE_MESSAGE, type StateCode } from '../ledger/state';
import { stateFromText } from '../ledger/state-words';
import type { Colors } from '../settings/settings';
import { cellText } from '../text/text';
import { COLOURED } from './colour-rules';

export interface LegendEntry {
  state: StateCode;
  word: string;
  /** '#rrggbb' */
  colour: string;
}

/** The coloured states, in the rules' order; a state the office left without colour is not listed. */
export function legendEntries(colors: Colors, t: Translate): LegendEntry[] {
  return COLOURED.filter((s) => colors[s] !== '').map((state) => ({ state, word: t(STATE_MESSAGE[state]), colour: colors[state] }));
}

type Hue = 'red' | 'orange' | 'yellow' | 'green' | 'cyan' | 'blue' | 'purple' | 'pink';

/** Hue bands in degrees (upper bound exclusive), as people name colours rather than as physics does. */
const HUES: [number, Hue][] = [
  [15, 'red'],
  [40, 'orange'],
  [70, 'yellow'],
  [165, 'green'],
  [195, 'cyan'],
  [255, 'blue'],
  [290, 'purple'],
  [345, 'pink'],
  [361, 'red'],
];

/** A colour named in words, e.g. #f4cccc → 浅红色 / light red. */
export function colourName(hex: string, t: Translate): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const chroma = max - min;
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1));
  if (saturation < 0.12 || chroma < 0.04) {
    if (lightness > 0.95) return t('colour.white');
    if (lightness < 0.1) return t('colour.black');
    return t(lightness > 0.75 ? 'colour.light' : lightness < 0.35 ? 'colour.dark' : 'colour.plain', { colour: t('colour.grey') });
  }
  let hue = max === r ? ((g - b) / chroma) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  hue = (hue * 60 + 360) % 360;
  const name = HUES.find(([upTo]) => hue < upTo)![1];
  const word = t(`colour.${name}` as MessageKey);
  return t(lightness > 0.75 ? 'colour.light' : lightness < 0.35 ? 'colour.dark' : 'colour.plain', { colour: word });
}

/** The note on the 督办状态 header: every state, its colour in words and as the settings write it. */
export function legendNote(colors: Colors, t: Translate): string {
  const entries = legendEntries(colors, t);
  const coloured = new Set(entries.map((e) => e.state));
  const lines = entries.map((e) => t('legend.line', { state: e.word, colour: colourName(e.colour, t), hex: e.colour }));
  const plain = STATE_CODES.filter((s) => !coloured.has(s)).map((s) => t(STATE_MESSAGE[s]));
  if (plain.length > 0) lines.push(t('legend.plain', { states: plain.join(t('legend.and')) }));
  return t('legend.note', { sheet: t('sheet.settings'), lines: lines.join('\n') });
}

export interface Swatches {
  /** 0-based row, above the header. */
  row: number;
  /** One cell per column from the state column on: the state word, or '' to clear an old swatch. */
  values: string[];
  backgrounds: (string | null)[];
}

/**
 * Where the swatches go, or undefined when there is no room that is Duban's.
 *
 * `block` is the sheet from row 1 down to the header row, from the state column rightwards;
 * `merged[r][c]` says whether a cell above the header is part of a merged range. The swatches
 * take the run of Duban's columns that starts at the state column, in a row above the header
 * whose cells there are all empty or an earlier swatch, and unmerged: the row already holding
 * the legend if there is one (it stays put), else the one nearest the header.
 */
export function placeSwatches(block: unknown[][], merged: boolean[][], colors: Colors, t: Translate): Swatches | undefined {
  const headerRow = block.length - 1;
  if (headerRow < 1) return undefined;
  const header = block[headerRow] ?? [];
  let run = 0;
  // Duban's header names, the one list core/ledger/columns.ts keeps (the same that finds its block when marks are lost).
  while (run < header.length && scriptFieldNamed(header[run]) !== undefined) run++;
  const entries = legendEntries(colors, t);
  if (entries.length === 0 || run < entries.length) return undefined;

  const isSwatch = (v: unknown): boolean => stateFromText(cellText(v)) !== undefined;
  const free = (r: number): boolean => {
    for (let c = 0; c < run; c++) {
      if (merged[r]?.[c]) return false;
      const v = block[r]?.[c];
      if (cellText(v) !== '' && !isSwatch(v)) return false;
    }
    return true;
  };
  const rows = Array.from({ length: headerRow }, (_, i) => headerRow - 1 - i).filter(free);
  const row = rows.find((r) => (block[r] ?? []).slice(0, run).some(isSwatch)) ?? rows[0];
  if (row === undefined) return undefined;
  return {
    row,
    values: Array.from({ length: run }, (_, c) => entries[c]?.word ?? ''),
    backgrounds: Array.from({ length: run }, (_, c) => entries[c]?.colour ?? null),
  };
}
